"""What a sync says while it runs and when it ends, in French, as the status bar shows it
(issue 26, item 13): sizes in Ko and Mo rather than bytes, and real plurals rather than
« envoyé(s) ». Real server on loopback."""

from __future__ import annotations

import os
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldkit.store import Store
from fieldkit.sync import login
from tests.sync.test_blobs_sync import add_blob, photo_of
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def agent_window(qtbot, live_server, home):
    from ui.main_window import MainWindow

    store = Store.open(home, user="agent-bzh", check_same_thread=False)
    login(store, live_server.url, "agent-bzh", "bzh-pass-1")
    win = MainWindow(store, home)
    win.sync_ui.controller.set_auto(False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitActive(win):
        win.activateWindow()
    yield win
    win.close()
    win.tasks.wait(10_000)
    store.close()


def test_sync_progress_in_ko_and_plurals_in_french(qtbot, agent_window, home):
    from ui import i18n

    window = agent_window
    i18n.set_language("fr")
    other = Store.open(home, user="agent-bzh")
    photo_of(other, add_blob(other, os.urandom(300 * 1024)))
    other.close()
    said: list[str] = []
    # The whole message (its tooltip when the bar is too narrow and paints it shortened,
    # as it was in a full run where earlier tests left the window narrower).
    bar = window.statusBar()
    bar.messageChanged.connect(lambda _shown: said.append(bar.currentMessage()))
    qtbot.waitUntil(lambda: window.sync_ui.sync_action.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(window.sync_ui.controller.finished, timeout=30_000):
        QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: any(t.startswith("Synchronisé") for t in said), timeout=5000)
    progress = [t for t in said if t.startswith("Synchronisation\u00a0: photos")]
    assert progress, said
    assert all(
        re.fullmatch(r"Synchronisation\u00a0: photos [\d,]+ (o|Ko) / 300,0 Ko", t) for t in progress
    ), progress
    [done] = [t for t in said if t.startswith("Synchronisé")]
    assert done.startswith("Synchronisé\u00a0: 3 envoyés, 0 reçu, 0 nouveau conflit"), done
    assert "(s)" not in done and "(x)" not in done
