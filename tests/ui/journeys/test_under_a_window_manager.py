"""Journeys on a real X screen under a window manager (Xvfb + openbox): the first run
with encryption accepted, and every window fitting the screen once framed (issue 26).

Each journey runs the app in its own process (tests/ui/journeys/under_x.py) with
QT_QPA_PLATFORM=xcb; the window manager's frames are read back from Qt and from X.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.sync.local import ConflictInfo, _insert_conflict
from tests.ui.journeys.xserver import XScreen, x_screen

ROOT = Path(__file__).resolve().parents[3]


def run_journey(screen: XScreen, name: str, folder: Path, tmp_path: Path, **env: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.journeys.under_x", name, str(folder)],
        cwd=ROOT,
        env=screen.env(
            XDG_CONFIG_HOME=str(tmp_path / "config"),  # a first run: no saved window state
            LANG="fr_FR.UTF-8",
            LANGUAGE="fr",
            # No keyring on this laptop: the first run offers a passphrase.
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
            **env,
        ),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def inside(frame: list[int], width: int, height: int) -> bool:
    x, y, w, h = frame
    return x >= 0 and y >= 0 and x + w <= width and y + h <= height


def centred(frame: list[int], width: int, height: int, slack: int = 24) -> bool:
    """The frame's centre is the screen's, give or take ``slack`` pixels."""
    x, y, w, h = frame
    return abs(x + w / 2 - width / 2) <= slack and abs(y + h / 2 - height / 2) <= slack


def test_first_run_with_encryption_accepted(tmp_path: Path):
    folder = tmp_path / "laptop"
    with x_screen(1366, 768) as screen:
        seen = run_journey(screen, "first-run", folder, tmp_path)
    assert seen["code"] == 0 and seen["done"]
    # The offer opens in the middle of the screen, not in its top-left corner.
    assert inside(seen["offer_wm"], 1366, 768), seen["offer_wm"]
    assert centred(seen["offer_wm"], 1366, 768), seen["offer_wm"]
    assert seen["offer_button"] == "Chiffrer"
    # The data written is encrypted: no SQLite header, a passphrase protects its key.
    assert seen["protection"] == "passphrase"
    assert seen["database_in_clear"] is False
    assert not (folder / "fieldkit.db").read_bytes().startswith(b"SQLite format 3")
    # The whole window, title bar and status bar included, is on the screen.
    assert inside(seen["main_wm"], 1366, 768), seen
    assert seen["status_bar_visible"]


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_every_window_fits_the_screen_with_its_title_bar(tmp_path: Path, size):
    width, height = size
    with x_screen(width, height) as screen:
        seen = run_journey(
            screen, "screen-fit", tmp_path / "laptop", tmp_path, FIELDKIT_ENCRYPTION="off"
        )
    assert seen["code"] == 0 and seen["done"]
    assert seen["screen"] == [0, 0, width, height]
    for name in ("main", "reports", "map", "conflicts"):
        # As Qt and as the window manager see it: frame within the screen.
        assert inside(seen[name], width, height), (name, seen[name])
        assert inside(seen[name + "_wm"], width, height), (name, seen[name + "_wm"])
    # The main window uses the room it has, its title bar included.
    assert seen["main_wm"][3] >= height * 0.9


#: Five long fields of a place in conflict: each shows five lines or more.
LONG = {
    field: " ".join(
        f"{field} {n} : une phrase assez longue pour remplir la ligne." for n in range(9)
    )
    for field in ("name", "address", "contact", "description", "website")
}


def test_a_conflict_of_five_long_fields_can_be_resolved_at_1366x768(tmp_path: Path):
    """The resolve button and every field's « Garder la mienne » are reached on a
    1366×768 screen, title bar included (issue 26, item 13)."""
    folder = tmp_path / "laptop"
    with Store.open(Home(folder).ensure()) as store:
        place = store.create_place(postcode="29200", **LONG)
        theirs = {field: "Sur le serveur : " + text for field, text in LONG.items()}
        mine = {field: "Sur ce portable : " + text for field, text in LONG.items()}
        with store.transaction():
            _insert_conflict(
                store, ConflictInfo("c1", "place", place["id"], 3, mine=mine, theirs=theirs)
            )
    with x_screen(1366, 768) as screen:
        seen = run_journey(screen, "conflict-fit", folder, tmp_path, FIELDKIT_ENCRYPTION="off")
    assert seen["code"] == 0 and seen["done"], seen
    assert seen["fields"] == 5
    assert inside(seen["conflicts_wm"], 1366, 768), seen["conflicts_wm"]
    # « Résoudre avec ces valeurs » and « Fermer » are whole, inside the framed window.
    assert seen["resolve_shown"], seen
    for name in ("resolve_global", "close_global"):
        x, y, w, h = seen[name]
        fx, fy, fw, fh = seen["conflicts_wm"]
        assert fx <= x and fy <= y and x + w <= fx + fw and y + h <= fy + fh, (name, seen)
    # What was clicked was stored: every field took the laptop's version.
    with Store.open(Home(folder)) as store:
        stored = store.require("place", place["id"])
        assert {field: stored[field] for field in LONG} == mine
        assert store.conflict_count() == 0
