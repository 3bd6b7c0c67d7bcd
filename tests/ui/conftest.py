"""Fixtures for GUI tests: a store the database lane may use, isolated QSettings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

import ui  # noqa: F401  (first: its guard against shiboken's None leak)
from fieldkit.paths import Home
from fieldkit.store import Store

#: Printed by Qt's "offscreen" test platform whenever a dialog fixes its own size
#: (QMessageBox does, always); it says nothing about our code, so GUI tests ignore it.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory, qapp) -> Iterator[None]:
    """Each test gets its own QSettings INI folder, so window state never leaks between tests."""
    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("FieldKitTests")
    QCoreApplication.setApplicationName("FieldKit")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield
    # A test that switched language must not leave its translators to the next one.
    from ui import i18n

    if i18n.current_language() is not None:
        i18n.set_language(None)


@pytest.fixture
def ui_store(home: Home, clock) -> Iterator[Store]:
    """An on-disk store whose connection the TaskManager's database lane may use."""
    s = Store.open(home, user="agent-bzh", clock=clock, check_same_thread=False)
    yield s
    # A window may still be refreshing its status bar on this connection: let it finish,
    # and start nothing more (a queued signal would otherwise run a job on a closed store).
    from ui.tasks import TaskManager

    assert TaskManager.close_all_using(s), "a job still runs on the store"
    s.close()


@pytest.fixture
def launch(qtbot, monkeypatch: pytest.MonkeyPatch):
    """Start the app the one way in (``ui.launch.start``, as ``main.py`` does), with
    command-line arguments; every session still running at the end is closed.

    ``offer_encryption=False`` (the default) answers the first-run offer's question in
    advance (``FIELDKIT_ENCRYPTION=off``), for tests about something else.
    """
    from fieldkit import encryption
    from ui.launch import Session, start

    sessions: list[Session] = []

    def launch_app(*args: str, offer_encryption: bool = False) -> Session | None:
        if offer_encryption:
            monkeypatch.delenv(encryption.NEW_HOME_ENV, raising=False)
        else:
            monkeypatch.setenv(encryption.NEW_HOME_ENV, "off")
        session = start(["FieldKit", *args])
        if session is not None:
            sessions.append(session)
        return session

    yield launch_app
    for session in sessions:
        if session.window is not None:
            session.window.close()
        qtbot.waitUntil(lambda s=session: s.exit_code is not None, timeout=20_000)
