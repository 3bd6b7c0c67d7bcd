"""Aide → « Ouvrir le dossier des données » and « Copier le rapport de diagnostic ».

The diagnostic report (fieldkit.support.diagnostic_report) holds versions, paths, counts
and the last errors (their kind and code location, never their text): something an agent
can paste into an e-mail to support without giving away a place or a person.
The main window needs one line: ``install_support_menu(window)``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication

from fieldkit import support
from fieldkit.store import Store
from fieldkit.sync import client as sync_client
from ui.i18n import error_message

COUNTED = {"places": "places", "visits": "visits", "interviews": "interviews", "photos": "photos"}


def diagnostic_facts(store: Store) -> dict[str, Any]:
    """Numbers and technical settings only (runs on the database lane)."""
    counts = {
        label: int(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for label, table in COUNTED.items()
    }
    counts["pending changes"] = store.outbox_count()
    counts["open conflicts"] = store.conflict_count()
    url = store.get_setting(sync_client.SERVER_URL) or ""
    settings = {
        "schema": str(store.conn.execute("PRAGMA user_version").fetchone()[0]),
        # The server's address, not the user name (a person's name).
        "sync server": url or "(none)",
        "pinned certificate": "yes" if store.get_setting(sync_client.SERVER_CERT) else "no",
        "last sync": store.get_setting(sync_client.LAST_SYNC) or "never",
    }
    return {"counts": counts, "settings": settings}


class SupportMenu(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.last_report = ""
        self.open_data_action = QAction(window, objectName="openDataFolderAction")
        self.open_data_action.triggered.connect(self.open_data_folder)
        self.copy_report_action = QAction(window, objectName="copyDiagnosticAction")
        self.copy_report_action.triggered.connect(self.copy_report)
        first = window.help_menu.actions()[0] if window.help_menu.actions() else None
        window.help_menu.insertAction(first, self.open_data_action)
        window.help_menu.insertAction(first, self.copy_report_action)
        window.help_menu.insertSeparator(first)
        window.installEventFilter(self)
        # A job's failure nobody handled goes to the log (and the report's last errors).
        window.tasks.unhandled_failure.connect(self._log_failure)
        self.retranslate_ui()

    def _log_failure(self, exc: BaseException, _trace: str) -> None:
        support.log.error("background task failed", exc_info=exc)

    def retranslate_ui(self) -> None:
        self.open_data_action.setText(self.tr("Open the &data folder"))
        self.copy_report_action.setText(self.tr("&Copy the diagnostic report"))
        self.copy_report_action.setToolTip(
            self.tr("Versions, folders and last errors, for support; no personal data")
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False

    def open_data_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.window.home.root)))

    def copy_report(self) -> None:
        self.window.tasks.run(
            diagnostic_facts,
            self._copy,
            lambda exc: self.window.show_error(error_message(exc)),
            name="diagnostic",
        )

    def _copy(self, facts: dict[str, Any]) -> None:
        from PySide6 import __version__ as pyside_version

        self.last_report = support.diagnostic_report(
            self.window.home,
            extra_versions={"Qt": qVersion(), "PySide6": pyside_version},
            counts=facts["counts"],
            settings=facts["settings"],
        )
        QGuiApplication.clipboard().setText(self.last_report)
        self.window.statusBar().showMessage(
            self.tr("Diagnostic report copied: paste it into your message to support."), 8000
        )


def install_support_menu(window: Any) -> SupportMenu:
    menu = SupportMenu(window)
    window.support_menu = menu
    return menu
