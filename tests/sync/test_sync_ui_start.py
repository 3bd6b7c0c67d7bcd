"""Signing in from the main window, and the online state at start-up (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fieldkit.store import Store
from fieldkit.sync import login
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401
from ui.main_window import MainWindow
from ui.sync import LoginDialog

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def open_logins() -> list[LoginDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()
    ]


def test_signing_in_starts_the_sync_and_asks_only_once(qtbot, live_server, home):
    store = Store.open(home, user="coordinator", check_same_thread=False)
    store.create_place(name="La Cantine", postcode="35000")
    window = MainWindow(store, home)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    sync_ui = window.sync_ui
    sync_ui.sync_now()  # F5 while signed out: the sign-in dialog
    [dialog] = open_logins()
    dialog.url_edit.setText(live_server.url)
    dialog.user_edit.setText("coordinator")
    dialog.password_edit.setText("coord-pass-1")
    with qtbot.waitSignal(sync_ui.controller.finished, timeout=20_000) as done:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert done.args[0].pushed == 1
    assert open_logins() == []  # no second, empty sign-in dialog
    window.close()
    window.tasks.wait(5000)
    store.close()


def test_online_at_start_up_without_waiting_for_a_sync(qtbot, live_server, home):
    store = Store.open(home, user="coordinator", check_same_thread=False)
    login(store, live_server.url, "coordinator", "coord-pass-1")
    window = MainWindow(store, home)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window._online, timeout=10_000)
    assert window.online_label.text() == "Online"
    assert not window._last_sync  # no sync was needed to know it
    window.close()
    window.tasks.wait(5000)
    store.close()
