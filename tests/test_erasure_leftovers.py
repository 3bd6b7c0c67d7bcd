"""Erasure leaves nothing behind: an interrupted import's temporary copy, and the erased
interviewee's name in the captions of the same visit's photos (fieldkit.erasure)."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from fieldkit import erasure, photos
from fieldkit.cli import main
from fieldkit.paths import Home
from fieldkit.store import Store
from tests.photo_factory import make_jpeg


def _visit(store: Store) -> tuple[dict, dict]:
    place = store.create_place(name="Atelier", postcode="29200", commune="Brest")
    visit = store.create_visit(place["id"], visited_on="2026-04-01")
    iv = store.create_interview(visit["id"], person_name="Rose Martin", consent="refused")
    return visit, iv


def test_an_interrupted_import_s_copy_is_swept_before_an_erasure(
    store: Store, home: Home, tmp_path: Path
):
    visit, _ = _visit(store)
    jpeg = make_jpeg(tmp_path / "a.jpg", seed=1)
    photos.import_photos(store, visit["id"], [jpeg])
    # An import killed mid-copy leaves its copy (named by uuid), just now.
    incoming = home.blobs_dir / photos.INCOMING_DIR
    incoming.mkdir(parents=True, exist_ok=True)
    part = incoming / "0123456789abcdef0123456789abcdef.part"
    part.write_bytes(jpeg.read_bytes())
    os.utime(part)  # fresh: the hourly sweep of imports would keep it
    erasure.erase(store, "visit", visit["id"])
    assert not part.exists()
    assert not [p for p in home.blobs_dir.rglob("*") if p.is_file()]


def test_a_copy_an_import_of_this_process_is_writing_is_left_alone(home: Home):
    incoming = home.blobs_dir / photos.INCOMING_DIR
    incoming.mkdir(parents=True, exist_ok=True)
    live = incoming / "live.part"
    live.write_bytes(b"x")
    photos._IN_FLIGHT.add(live)
    try:
        assert photos.sweep_incoming(home, older_than=0) == 0
    finally:
        photos._IN_FLIGHT.discard(live)
    assert photos.sweep_incoming(home, older_than=0) == 1


def test_captions_naming_the_erased_interviewee_are_listed_then_cleared(
    store: Store, tmp_path: Path
):
    visit, iv = _visit(store)
    files = [make_jpeg(tmp_path / f"{i}.jpg", seed=i) for i in range(3)]
    report = photos.import_photos(store, visit["id"], files)
    ids = [r["id"] for r in report.imported]
    for pid, caption in zip(
        ids, ["Rose devant le four", "Mme Martin et son vin rosé", "Le mur en rose"], strict=True
    ):
        store.update("photo", pid, {"caption": caption})
    plan = erasure.plan(store, "interview", iv["id"])
    assert sorted(plan.captions) == sorted(
        [(ids[0], "Rose devant le four"), (ids[1], "Mme Martin et son vin rosé")]
    )  # « le mur en rose » does not name her
    erasure.erase(store, "interview", iv["id"], clear_captions=[ids[0], ids[1]])
    assert [store.get("photo", pid)["caption"] for pid in ids] == ["", "", "Le mur en rose"]


def test_the_cli_lists_the_captions_through_the_gate_and_clears_them(
    store: Store, home: Home, tmp_path: Path
):
    visit, iv = _visit(store)
    report = photos.import_photos(
        store, visit["id"], [make_jpeg(tmp_path / "a.jpg", seed=2)], caption="Rose sourit"
    )
    pid = report.imported[0]["id"]
    store.close()
    kept = CliRunner().invoke(
        main, ["--home", str(home.root), "erase", "interview", iv["id"]], input="n\nn\n"
    )
    assert kept.exit_code == 1  # refused at the last question: nothing erased
    assert "1 caption(s) of the visit's photos name this person" in kept.output
    assert "« Autre n°1 sourit »" in kept.output and "Rose" not in kept.output
    done = CliRunner().invoke(
        main, ["--home", str(home.root), "erase", "interview", iv["id"], "--yes"]
    )
    assert done.exit_code == 0, done.output
    assert "Cleared 1 caption(s)." in done.output
    with Store.open(home) as s:
        assert s.get("photo", pid)["caption"] == ""
    assert b"Rose sourit" not in home.db_path.read_bytes()
