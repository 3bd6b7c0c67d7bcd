"""Aide → « Ouvrir le dossier des données » and « Copier le rapport de diagnostic »."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from fieldkit import support
from fieldkit.demo import build_demo
from ui import i18n
from ui.main_window import MainWindow


class UrlCatcher(QObject):
    """Stands in for the desktop's file manager: records what it was asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def window(qtbot, ui_store, home, tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDKIT_LOG_DIR", str(tmp_path / "logs"))
    build_demo(ui_store, places=8, visits=10, interviews=14, photos=0)
    w = MainWindow(ui_store, home)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.tasks.pending == 0, timeout=10_000)
    yield w
    w.close()
    w.tasks.wait(10_000)


def test_help_menu_has_the_support_actions_in_french(window):
    i18n.set_language("fr")
    texts = [a.text() for a in window.help_menu.actions() if a.text()]
    assert texts[:2] == ["Ouvrir le &dossier des données", "&Copier le rapport de diagnostic"]


def test_open_data_folder_asks_the_desktop_to_show_it(window):
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        window.support_menu.open_data_action.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in catcher.urls] == [str(window.home.root)]


def test_diagnostic_report_has_versions_paths_errors_and_no_personal_data(qtbot, window):
    store = window.store
    places = [r["name"] for r in store.conn.execute("SELECT name FROM places").fetchall()]
    people = [r["person_name"] for r in store.conn.execute("SELECT person_name FROM interviews")]
    communes = [r["commune"] for r in store.conn.execute("SELECT commune FROM places")]
    assert places and people
    # An error whose message quotes a place and a person, as real ones may.
    support.setup_logging()
    try:
        try:
            raise ValueError(f"cannot save {places[0]} for {people[0]}")
        except ValueError:
            logging.getLogger("fieldkit.ui").exception("save failed: %s", people[0])
        window.support_menu.copy_report_action.trigger()
        qtbot.waitUntil(lambda: bool(window.support_menu.last_report), timeout=10_000)
    finally:
        support.stop_logging()
    report = window.support_menu.last_report
    assert QGuiApplication.clipboard().text() == report
    assert "FieldKit: 0.1.0" in report and "Qt: 6." in report and "pypdfium2:" in report
    assert "data: " in report and "logs: " in report and "crash reports: " in report
    assert "counts: places 8, visits 10, interviews 14, photos 0" in report
    assert "ValueError at test_support_menu.py:" in report  # the last error, kind and place
    for secret in places + people + communes:
        assert secret not in report, secret
