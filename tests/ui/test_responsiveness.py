"""The tree and the list fill with a mission of thousands, in the background.

How long the GUI thread may stall is a measure, not a test: bench/bench_gui.py times the
longest gap between heartbeats while the window fills (target ≤ 100 ms)."""

from __future__ import annotations

import gc

import pytest

from fieldkit import geo
from fieldkit.store import Store, new_id
from ui.main_window import MainWindow


@pytest.fixture
def big_store(ui_store):
    """A few thousand records: 1,500 places over every metropolitan département and 2,500
    visits, written in bulk (the store's per-record checks would make this take seconds;
    the rows are what Store.create writes, and the search index fills through its triggers)."""
    deps = [d for d in geo.departements() if not d.code.startswith("97")]
    now = ui_store.now()
    envelope = {"version": 0, "deleted": 0, "created_at": now, "updated_at": now, "dirty": 1}
    places, visits = [], []
    for i in range(1500):
        dep = deps[i % len(deps)]
        place_id = new_id()
        places.append(
            {
                **envelope,
                "id": place_id,
                "name": f"Tiers-lieu {i}",
                "kind": "coworking",
                "commune": f"Commune {i % 300}",
                "departement": dep.code,
                "region": dep.region,
                "tags": "[]",
            }
        )
        for j in range(2 if i < 1000 else 1):
            visits.append(
                {
                    **envelope,
                    "id": new_id(),
                    "place_id": place_id,
                    "visited_on": f"2026-0{1 + i % 9}-1{j}",
                    "status": "draft",
                    "visitors": "Anne, Bruno",
                    "tags": "[]",
                }
            )
    with ui_store.transaction():
        ui_store.db.table("places").insert_all(places)
        ui_store.db.table("visits").insert_all(visits)
    return ui_store


def test_the_window_fills_with_a_mission_of_thousands(qtbot, big_store: Store, home):
    gc.collect()  # earlier tests' garbage is not this window's doing
    window = MainWindow(big_store, home)
    qtbot.addWidget(window)
    window.show()
    # Filled in the background: waitUntil turns the event loop until it is done.
    qtbot.waitUntil(lambda: window.tree_ready and window.tasks.pending == 0, timeout=20_000)

    assert window.tree_model.place_count() == 1500
    assert window.visit_model.rowCount() == 2500
    window.close()
