"""A server nobody answers at: said at once when the connection is refused, and whole.

Retries are for what may pass (a timeout, a connection cut midway); a refused connection
(nothing listens on that port) or an unknown host is the same a second later, so the
person is told at once (issue 26, item 8).
"""

from __future__ import annotations

import socket

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldkit.store import Store
from fieldkit.sync import SyncClient, SyncError, login
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_refused_connection_is_reported_without_retrying(store):
    store.create_place(name="La Cantine", postcode="35000")
    url = f"http://127.0.0.1:{closed_port()}"
    client = SyncClient(store, url, "token", retry_delays=(0.01, 0.02, 0.05))
    with client, pytest.raises(SyncError) as err:
        client.sync()
    assert err.value.code == "offline"
    assert client.waits == []  # no pause, no second try
    assert store.outbox_count() == 1  # nothing lost


class TimesOut(httpx.BaseTransport):
    def __init__(self) -> None:
        self.calls = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        raise httpx.ConnectTimeout("no answer")


def test_a_timeout_is_still_retried(store):
    transport = TimesOut()
    client = SyncClient(
        store, "http://127.0.0.1:9", "token", transport=transport, retry_delays=(0.01, 0.02)
    )
    with client, pytest.raises(SyncError) as err:
        client.sync()
    assert err.value.code == "offline"
    assert transport.calls == 3 and len(client.waits) == 2


@pytest.fixture
def agent_window(qtbot, live_server, home):
    from ui.main_window import MainWindow

    store = Store.open(home, user="agent-bzh", check_same_thread=False)
    login(store, live_server.url, "agent-bzh", "bzh-pass-1")
    win = MainWindow(store, home)
    win.sync_ui.controller.set_auto(False)
    qtbot.addWidget(win)
    win.resize(900, 600)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitActive(win):
        win.activateWindow()
    yield win
    win.close()
    win.tasks.wait(10_000)
    store.close()


def test_f5_with_the_server_down_says_so_whole(qtbot, live_server, agent_window):
    from ui import i18n

    window = agent_window
    i18n.set_language("fr")
    live_server.stop()
    qtbot.waitUntil(lambda: window.sync_ui.sync_action.isEnabled(), timeout=10_000)
    QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_F5)
    bar = window.statusBar()

    def told() -> str:
        box = window.sync_ui.failure_box
        if box is not None and box.isVisible():
            return box.text()
        if "injoignable" in bar.currentMessage() and bar.shown_message() == bar.currentMessage():
            return bar.currentMessage()
        return ""

    qtbot.waitUntil(lambda: bool(told()), timeout=30_000)
    text = told()
    assert "injoignable" in text and text == bar.currentMessage()
    assert "…" not in text
    box = window.sync_ui.failure_box
    if box is not None:
        QTest.keyClick(box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.sync_ui.failure_box is None)
