"""The app's sign-in and mission dialogs warn before a password goes over plain HTTP to
another machine, and send it only once the box is ticked (pytest-qt, offscreen, the real
server on loopback written ``127.1``: see tests/sync/test_plain_http.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from tests.sync.test_mission_ui import configure, export, window  # noqa: F401
from tests.sync.test_plain_http import tokens
from tests.sync.test_sync_ui import gui_store, settle, tasks  # noqa: F401
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401
from ui import i18n
from ui.sync import LoginDialog, SyncController

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def test_the_login_dialog_sends_nothing_over_plain_http_until_the_box_is_ticked(
    qtbot,
    live_server,
    gui_store,  # noqa: F811
    tasks,  # noqa: F811
):
    i18n.set_language("fr")
    dialog = LoginDialog(SyncController(tasks))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url_edit.setText(f"http://127.1:{live_server.port}")
    dialog.user_edit.setText("agent-bzh")
    dialog.password_edit.setText(live_server.passwords["agent-bzh"])
    before = tokens(live_server)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.plain_http.isVisible() and dialog.error_label.isVisible()
    assert dialog.plain_http.check.text() == "Envoyer quand même mon mot de passe"
    settle(qtbot, tasks)
    assert tokens(live_server) == before and dialog.isVisible()
    dialog.plain_http.check.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert tokens(live_server) == before + 1
    # Loopback written plainly, or https: no warning.
    assert not dialog.plain_http.blocks(live_server.url)
    assert not dialog.plain_http.isVisible()


def test_a_mission_file_over_plain_http_warns_at_once_and_waits_for_the_box(
    qtbot,
    live_server,
    tmp_path,
    window,  # noqa: F811
):
    configure(live_server, "--mission-name", "Tiers-lieux")
    path = export(live_server, tmp_path / "m.fieldkit", "--user", "agent-bzh")
    # The same file for the address written 127.1 (another machine, as far as the check
    # can tell).
    from click.testing import CliRunner

    from fieldkit.cli import main as cli

    plain = tmp_path / "plain.fieldkit"
    args = ["server", "mission-file", "--data", str(live_server.data_dir), "--out", str(plain)]
    args += ["--url", f"http://127.1:{live_server.port}", "--user", "agent-bzh"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    safe = window.mission_ui.open_file(path)
    assert safe is not None and not safe.plain_http.isVisible()
    safe.reject()
    dialog = window.mission_ui.open_file(plain)
    assert dialog is not None and dialog.plain_http.isVisible()  # before anything is typed
    dialog.password_edit.setText(live_server.passwords["agent-bzh"])
    before = tokens(live_server)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error_label.isVisible() and dialog.isVisible()
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    assert tokens(live_server) == before
    dialog.plain_http.check.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert tokens(live_server) == before + 1
