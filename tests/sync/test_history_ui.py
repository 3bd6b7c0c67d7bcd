"""« Historique » with real widgets (pytest-qt, offscreen) against the real server: the
journal of a visit fetched, shown through a real item model (qtmodeltester), kept for
offline use; and the journal API client's errors (another région, unknown record)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.sync import SyncClient, SyncError, journal, login, resolve_conflict
from tests.sync.conftest import Device
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401
from ui.sync.history_dialog import HistoryDialog, HistoryModel
from ui.tasks import TaskManager

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def gui_store(tmp_path: Path):
    home = Home(tmp_path / "gui").ensure()
    store = Store.open(home, user="coordinator", check_same_thread=False)
    yield store
    store.close()


@pytest.fixture
def tasks(qtbot, gui_store):
    manager = TaskManager(gui_store)
    yield manager
    manager.wait(10_000)


def a_visit_with_a_resolved_conflict(live_server, tmp_path, gui_store):
    """Anne creates a visit; the coordinator (the GUI's store) and Anne both edit its notes;
    the coordinator's edit conflicts and is resolved by a merge."""
    login(gui_store, live_server.url, "coordinator", "coord-pass-1", device_name="bureau")
    anne = Device(live_server, tmp_path, "agent-bzh", name="anne")
    place = anne.store.create_place(
        name="La Cantine", kind="coworking", postcode="35000", commune="Rennes"
    )
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-01", notes="Premier passage")
    anne.sync()
    with_client = SyncClient
    with with_client.from_settings(gui_store, retry_delays=(0.01,)) as client:
        client.sync()
    anne.store.update("visit", visit["id"], {"notes": "Version d'Anne"})
    anne.sync()
    gui_store.update("visit", visit["id"], {"notes": "Version de la coordination"})
    with with_client.from_settings(gui_store, retry_delays=(0.01,)) as client:
        assert client.sync().conflicts == 1
    [conflict] = gui_store.open_conflicts()
    resolve_conflict(gui_store, conflict["id"], {"notes": "Version d'Anne, relue"})
    with with_client.from_settings(gui_store, retry_delays=(0.01,)) as client:
        client.sync()
    return anne, visit


def test_history_dialog_lists_versions_and_the_resolved_conflict_then_works_offline(
    qtbot, qtmodeltester, live_server, tmp_path, gui_store, tasks
):
    anne, visit = a_visit_with_a_resolved_conflict(live_server, tmp_path, gui_store)
    gui_store.update("visit", visit["id"], {"summary": "Pas encore envoyé"})

    dialog = HistoryDialog(tasks, "visit", visit["id"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "Up to date" in dialog.status.text(), timeout=15_000)
    model = dialog.model
    qtmodeltester.check(model)
    rows = model.rows
    whats = [r["what"] for r in rows]
    assert whats.count("Created") == 1 and whats.count("Changed") == 2
    assert "Conflict resolved" in whats and any(w.startswith("Conflict on") for w in whats)
    assert whats[-1] == "Not sent yet"
    created = rows[whats.index("Created")]
    assert created["who"] == "agent-bzh" and created["device"] == "anne"
    assert "Premier passage" in created["details"]
    resolved = rows[whats.index("Conflict resolved")]
    assert "merged by hand" in resolved["details"] and resolved["who"] == "coordinator"
    merge = rows[whats.index("Changed", whats.index("Changed") + 1)]
    assert merge["who"] == "coordinator" and merge["device"] == "bureau"
    assert "Version d'Anne, relue" in merge["details"]
    assert dialog.windowTitle().startswith("History — La Cantine")
    texts = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(4)]
    assert all(isinstance(t, str) for t in texts)
    dialog.close()

    # Offline: the server is gone; the last journal received is shown, and it says so.
    live_server.stop()
    offline = HistoryDialog(tasks, "visit", visit["id"])
    qtbot.addWidget(offline)
    qtbot.waitUntil(lambda: "Offline" in offline.status.text(), timeout=30_000)
    assert "cannot be reached" in offline.status.text()
    assert [r["what"] for r in offline.model.rows] == whats
    qtmodeltester.check(offline.model)
    anne.close()


def test_history_of_a_record_elsewhere_or_unknown_says_why(live_server, tmp_path):
    anne = Device(live_server, tmp_path, "agent-bzh", name="anne")
    occ = Device(live_server, tmp_path, "agent-occ", name="occ")
    place = anne.store.create_place(name="La Cantine", postcode="35000", commune="Rennes")
    anne.sync()
    with pytest.raises(SyncError) as other:
        journal.refresh(occ.store, "place", place["id"])
    assert other.value.code == "not_found"  # as an unknown id: no existence oracle
    with pytest.raises(SyncError) as unknown:
        journal.refresh(anne.store, "place", "00000000-0000-0000-0000-000000000000")
    assert unknown.value.code == "not_found"
    fresh = journal.refresh(anne.store, "place", place["id"])
    assert [e["op"] for e in fresh["entries"]] == ["create"] and fresh["fetched_at"]
    assert journal.cached(anne.store, "place", place["id"])["entries"] == fresh["entries"]
    # A sync that brings a change of that place also brings its journal up to date, so it
    # opens offline with the change in it.
    coord = Device(live_server, tmp_path, "coordinator", name="coord")
    coord.sync()
    coord.store.update("place", place["id"], {"name": "La Cantine numérique"})
    coord.sync()
    assert anne.sync().pulled == 1
    kept = journal.cached(anne.store, "place", place["id"])
    assert [(e["op"], e["changed_by"]) for e in kept["entries"]] == [
        ("create", "agent-bzh"),
        ("update", "coordinator"),
    ]
    assert journal.cached(coord.store, "place", place["id"])["fetched_at"] is None
    anne.close()
    occ.close()
    coord.close()


def test_history_model_of_an_empty_journal(qtmodeltester):
    model = HistoryModel()
    model.set_journal({"entries": [], "conflicts": [], "unsent": []})
    qtmodeltester.check(model)
    assert model.rowCount() == 0
