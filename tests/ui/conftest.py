"""Fixtures for GUI tests: a store the database lane may use, isolated QSettings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from fieldkit.paths import Home
from fieldkit.store import Store


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory, qapp) -> Iterator[None]:
    """Each test gets its own QSettings INI folder, so window state never leaks between tests."""
    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("FieldKitTests")
    QCoreApplication.setApplicationName("FieldKit")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield


@pytest.fixture
def ui_store(home: Home, clock) -> Iterator[Store]:
    """An on-disk store whose connection the TaskManager's database lane may use."""
    s = Store.open(home, user="agent-bzh", clock=clock, check_same_thread=False)
    yield s
    s.close()
