"""The Synchronisation menu's trust features with real widgets and the real server:
« Ce qui reste à envoyer » (status bar + list), « Tout est-il envoyé ? », refused changes
fixed or discarded, automatic sync (quiet offline, remembered)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from fieldkit.store import Store
from fieldkit.sync import blob_file, login, rejected_ops
from tests.sync.test_blobs_sync import add_blob, photo_of
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401
from ui.sync.controller import AUTO_SETTING

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def agent_window(qtbot, live_server, home):
    from ui.main_window import MainWindow

    store = Store.open(home, user="agent-bzh", check_same_thread=False)
    login(store, live_server.url, "agent-bzh", "bzh-pass-1")
    win = MainWindow(store, home)
    win.sync_ui.controller.client_options = {"retry_delays": (0.01, 0.02)}
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    win.tasks.wait(10_000)
    store.close()


def test_what_is_left_to_send_is_listed_and_a_refusal_discarded(
    qtbot, qtmodeltester, agent_window, home
):
    window, sync_ui = agent_window, agent_window.sync_ui
    sync_ui.controller.set_auto(False)
    other = Store.open(home, user="agent-bzh")
    sha = add_blob(other, b"\xff\xd8" + b"a" * 3000)
    photo_of(other, sha)
    gone = add_blob(other, b"\xff\xd8" + b"b" * 100)
    photo_of(other, gone)
    blob_file(home, gone).unlink()
    outside = other.create_place(name="La Cordée", postcode="34500")  # Occitanie
    window.refresh_status()
    qtbot.waitUntil(
        lambda: "photo file(s) missing" in sync_ui.pending_button.text(), timeout=10_000
    )
    text = sync_ui.pending_button.text()
    assert text.startswith("To send:") and "1 photo(s) (2.9 KB)" in text
    assert sync_ui.pending_button.isVisible()

    # The list, with a real model.
    dialog = sync_ui.show_pending()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
    qtmodeltester.check(dialog.model)
    categories = [i.category for i in dialog.model.items]
    assert categories[0] == "missing_photo" and "change" in categories and "photo" in categories
    dialog.close()

    # Sync: Occitanie is refused (403), the rest goes; the refusal is listed and discarded.
    with qtbot.waitSignal(sync_ui.controller.finished, timeout=30_000) as done:
        sync_ui.sync_now()
    assert len(done.args[0].rejected) == 1
    assert "refused by the server" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: "1 refused" in sync_ui.pending_button.text(), timeout=10_000)
    dialog = sync_ui.show_pending()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
    qtmodeltester.check(dialog.model)
    assert dialog.model.items[0].category == "refused"
    dialog.view.selectRow(0)
    assert dialog.retry_button.isEnabled() and dialog.discard_button.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.discard_button.click()
    qtbot.waitUntil(
        lambda: all(i.category != "refused" for i in dialog.model.items), timeout=10_000
    )
    assert rejected_ops(other) == []
    assert other.get("place", outside["id"]) is None
    other.close()


def test_is_everything_sent(qtbot, agent_window, home):
    window, sync_ui = agent_window, agent_window.sync_ui
    sync_ui.controller.set_auto(False)
    window.tasks.call(lambda s: s.create_place(name="Le Bocal", postcode="29200"))
    sync_ui.check_action.trigger()
    qtbot.waitUntil(lambda: sync_ui.check_box is not None and sync_ui.check_box.isVisible())
    box = sync_ui.check_box
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text().startswith("No: if this computer were wiped now")
    assert "1 change(s) not yet on the server" in box.text()
    box.close()
    with qtbot.waitSignal(sync_ui.controller.finished, timeout=30_000):
        sync_ui.sync_now()
    sync_ui.check_action.trigger()
    qtbot.waitUntil(lambda: sync_ui.check_box is not box and sync_ui.check_box.isVisible())
    assert "would lose nothing" in sync_ui.check_box.text()
    assert sync_ui.check_box.icon() == QMessageBox.Icon.Information
    sync_ui.check_box.close()


def test_automatic_sync_after_edits_settle_and_quiet_offline(qtbot, live_server, agent_window):
    window, sync_ui = agent_window, agent_window.sync_ui
    controller = sync_ui.controller
    assert controller.auto and sync_ui.auto_action.isChecked()  # on by default
    controller.set_auto_delays(300, 60_000)
    failures = []
    controller.failed.connect(failures.append)
    place = window.tasks.call(lambda s: s.create_place(name="Le Bocal", postcode="29200"))
    with qtbot.waitSignal(controller.finished, timeout=20_000) as done:
        window.data_changed.emit([])  # what every write made in the window emits
    assert done.args[0].pushed == 1 and controller.running_auto

    # Offline: edits wait, nothing is said but the status bar's "Offline".
    live_server.stop()
    window.tasks.call(lambda s: s.update("place", place["id"], {"description": "hors ligne"}))
    with qtbot.waitSignal(controller.started, timeout=20_000):  # once the edits settle
        window.data_changed.emit([])
    assert controller.running_auto
    qtbot.waitUntil(lambda: not controller.busy, timeout=20_000)  # the attempt is over
    assert not controller.online
    assert failures == []
    assert "cannot be reached" not in window.statusBar().currentMessage()
    assert window.online_label.text() == "Offline"

    # Back online: the waiting edit goes without anyone pressing F5.
    live_server.start()
    with qtbot.waitSignal(controller.finished, timeout=90_000):
        controller.check_online()
    assert window.tasks.call(lambda s: s.outbox_count()) == 0

    # Turned off in the menu, and remembered.
    sync_ui.auto_action.trigger()
    assert not controller.auto
    assert QSettings().value(AUTO_SETTING, type=bool) is False
    window.tasks.call(lambda s: s.update("place", place["id"], {"description": "manuel"}))
    window.data_changed.emit([])  # its handler runs now, on this thread
    assert not controller.auto_sync_armed and not controller.busy  # nothing will start
    assert window.tasks.call(lambda s: s.outbox_count()) == 1
