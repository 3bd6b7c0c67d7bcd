"""The window never waits for the network: while a sync runs (on its own connection, real
server on loopback, a slow link), visits list, open and autosave."""

from __future__ import annotations

import time

import httpx
import pytest

from fieldkit.store import Store
from fieldkit.sync import login
from tests.sync.conftest import Device
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401
from tests.ui.editor_fixtures import type_text
from ui.models import node_key

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


class SlowLink(httpx.BaseTransport):
    """A real HTTP transport to the real server, with a field laptop's latency."""

    def __init__(self, delay: float) -> None:
        self.inner = httpx.HTTPTransport()
        self.delay = delay

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        time.sleep(self.delay)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_visits_list_open_and_autosave_while_a_sync_runs(qtbot, live_server, tmp_path, home):
    from ui.main_window import MainWindow

    anne = Device(live_server, tmp_path, "agent-bzh", name="anne")
    far = anne.store.create_place(name="Tiers-lieu lointain", postcode="29200")
    for i in range(120):
        anne.store.create_visit(far["id"], visited_on="2026-10-01", notes=f"Visite {i}")
    anne.sync()

    store = Store.open(home, user="coordinator", check_same_thread=False)
    login(store, live_server.url, "coordinator", "coord-pass-1")
    here = store.create_place(name="La Cantine", postcode="35000")
    mine = store.create_visit(here["id"], visited_on="2026-10-02", notes="Sur place")
    window = MainWindow(store, home)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.tree_ready, timeout=10_000)
    controller = window.sync_ui.controller
    # 10 records a page, a quarter of a second a request: the sync lasts several seconds.
    controller.client_options = {"transport": SlowLink(0.25), "pull_limit": 10}
    with qtbot.waitSignal(controller.started, timeout=5_000):
        window.sync_ui.sync_now()
    assert controller.busy

    # Listing the place's visits and opening one answer during the sync.
    with qtbot.waitSignal(window.visits_loaded, timeout=3_000):
        assert window.select_node(node_key("place", here["id"]))
    assert window.select_visit(mine["id"])
    qtbot.waitUntil(lambda: window.editor.loaded, timeout=3_000)
    assert window.editor.form.notes.toPlainText() == "Sur place"
    assert controller.busy, "the sync should still be running"

    # Autosave writes while the sync applies its pages.
    notes = window.editor.form.notes
    notes.setFocus()
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    type_text(notes, " — noté pendant la synchro")
    qtbot.waitUntil(lambda: window.editor.save_state.property("state") == "saved", timeout=5_000)
    assert controller.busy, "the sync should still be running"

    with qtbot.waitSignal(controller.finished, timeout=60_000) as done:
        pass
    assert done.args[0].pulled >= 121
    window.close()
    window.tasks.wait(10_000)
    assert store.require("visit", mine["id"])["notes"] == "Sur place — noté pendant la synchro"
    assert len(store.visits(place_id=far["id"])) == 120
    store.close()
    anne.close()
