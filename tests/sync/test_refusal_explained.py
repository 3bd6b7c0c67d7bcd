"""A change the server refuses is explained as a person reads it (issue 26, item 6):
in the app's language, naming the record by its name (a place) or its place and date (a
visit), and truthfully: the rest of the batch was sent. Real server on loopback."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldkit.store import Store
from fieldkit.sync import login
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")


@pytest.fixture
def agent_window(qtbot, live_server, home):
    from ui.main_window import MainWindow

    store = Store.open(home, user="agent-bzh", check_same_thread=False)
    login(store, live_server.url, "agent-bzh", "bzh-pass-1")
    win = MainWindow(store, home)
    win.sync_ui.controller.set_auto(False)
    win.sync_ui.controller.client_options = {"retry_delays": (0.01, 0.02)}
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitActive(win):
        win.activateWindow()
    yield win
    win.close()
    win.tasks.wait(10_000)
    store.close()


def test_a_refused_change_is_explained_in_french_by_its_name(qtbot, live_server, agent_window):
    from ui import i18n

    window, sync_ui = agent_window, agent_window.sync_ui
    i18n.set_language("fr")
    mine = window.tasks.call(lambda s: s.create_place(name="Le Bocal", postcode="29200"))
    outside = window.tasks.call(lambda s: s.create_place(name="La Cordée", postcode="34500"))
    window.tasks.call(lambda s: s.create_visit(outside["id"], visited_on="2026-10-01"))
    qtbot.waitUntil(lambda: sync_ui.sync_action.isEnabled(), timeout=10_000)

    with qtbot.waitSignal(sync_ui.controller.finished, timeout=30_000):
        QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_F5)
    # The rest of the batch was sent.
    assert live_server.state.sync.history("place", mine["id"])

    qtbot.waitUntil(lambda: "2 refus" in sync_ui.pending_button.text(), timeout=10_000)
    QTest.mouseClick(sync_ui.pending_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sync_ui.pending_dialog is not None, timeout=5000)
    dialog = sync_ui.pending_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 2, timeout=10_000)
    model = dialog.model
    shown = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    refused = [row for row in shown if row[0] == "Refusé par le serveur"]
    assert sorted(row[1] for row in refused) == [
        "Lieu — La Cordée",
        "Visite — La Cordée — 01/10/2026",
    ]
    why = {record: detail for _what, record, detail in refused}
    assert "hors de vos régions" in why["Lieu — La Cordée"]
    # Its place was refused: the visit says so, not that something "no longer exists".
    assert "pas sur le serveur" in why["Visite — La Cordée — 01/10/2026"]
    for detail in why.values():
        assert "vos autres modifications partent sans elle" in detail
        assert not UUID.search(detail)
        assert "batch" not in detail and "applied" not in detail
    tips = [model.index(r, 2).data(Qt.ItemDataRole.ToolTipRole) for r in range(len(shown))]
    assert not any(UUID.search(t or "") for t in tips)
