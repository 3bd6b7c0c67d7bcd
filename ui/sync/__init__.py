"""Sync in the desktop app: the controller, the login dialog, the conflicts view, and
:func:`install_sync`, which puts them in the main window's Synchronisation menu and status
bar through the window's hook points (``sync_menu``, ``set_online``, ``set_last_sync``,
``refresh_status``, ``data_changed``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

from ui.sync.conflicts_view import ConflictListModel, ConflictsDialog, FieldChoice
from ui.sync.controller import SyncController, format_last_sync
from ui.sync.login_dialog import LoginDialog
from ui.sync.photos import fetch_missing_photo

__all__ = [
    "ConflictListModel",
    "ConflictsDialog",
    "FieldChoice",
    "LoginDialog",
    "SyncController",
    "SyncUi",
    "fetch_missing_photo",
    "format_last_sync",
    "install_sync",
]


class SyncUi(QObject):
    """The sync actions of a main window and their wiring to a :class:`SyncController`."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.controller = SyncController(window.tasks, self)
        self.sync_action = QAction(window, objectName="syncAction")
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(self.sync_now)
        self.photos_action = QAction(window, objectName="syncPhotosAction")
        self.photos_action.triggered.connect(lambda: self.sync_now(photos=True))
        self.conflicts_action = QAction(window, objectName="conflictsAction")
        self.conflicts_action.triggered.connect(self.show_conflicts)
        self.login_action = QAction(window, objectName="loginAction")
        self.login_action.triggered.connect(self.show_login)
        self.logout_action = QAction(window, objectName="logoutAction")
        self.logout_action.triggered.connect(self.controller.logout)
        menu = window.sync_menu
        menu.addAction(self.sync_action)
        menu.addAction(self.photos_action)
        menu.addAction(self.conflicts_action)
        menu.addSeparator()
        menu.addAction(self.login_action)
        menu.addAction(self.logout_action)
        window.addAction(self.sync_action)  # F5 works wherever the focus is

        c = self.controller
        c.online_changed.connect(window.set_online)
        c.last_sync_changed.connect(lambda text: window.set_last_sync(text or None))
        c.logged_in_changed.connect(self._logged_in_changed)
        c.busy_changed.connect(lambda busy: self.sync_action.setEnabled(not busy))
        c.progressed.connect(self._progress)
        c.finished.connect(self._finished)
        c.failed.connect(self._failed)
        window.installEventFilter(self)
        self.login_dialog: LoginDialog | None = None
        self.conflicts_dialog: ConflictsDialog | None = None
        self.retranslate_ui()
        self._logged_in_changed(False)
        c.start_monitoring()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False

    def retranslate_ui(self) -> None:
        self.sync_action.setText(self.tr("&Synchronise"))
        self.sync_action.setToolTip(self.tr("Send and receive changes (F5)"))
        self.photos_action.setText(self.tr("Synchronise and download every &photo"))
        self.conflicts_action.setText(self.tr("&Conflicts…"))
        self.login_action.setText(self.tr("Sign &in…"))
        self.logout_action.setText(self.tr("Sign &out"))

    def _logged_in_changed(self, logged_in: bool) -> None:
        self.logout_action.setEnabled(logged_in)
        self.sync_action.setEnabled(logged_in and not self.controller.busy)
        self.photos_action.setEnabled(logged_in)

    def sync_now(self, photos: bool = False) -> None:
        if not self.controller.logged_in:
            self.show_login()
            return
        if self.controller.sync_now(photos=photos) is not None:
            self.window.statusBar().showMessage(self.tr("Synchronising…"))

    def _progress(self, done: int, total: int, phase: str) -> None:
        names = {
            "photos": self.tr("photos"),
            "push": self.tr("sending"),
            "pull": self.tr("receiving"),
        }
        text = self.tr("Synchronising: %1 %2").replace("%1", names.get(phase, phase))
        count = f"{done}/{total}" if total and phase != "pull" else str(done)
        self.window.statusBar().showMessage(text.replace("%2", count))

    def _finished(self, summary: Any) -> None:
        text = (
            self.tr("Synchronised: %1 sent, %2 received, %3 new conflict(s).")
            .replace("%1", str(summary.pushed))
            .replace("%2", str(summary.pulled))
            .replace("%3", str(summary.conflicts))
        )
        if getattr(summary, "erased", 0):
            text += " " + self.tr("%1 erased record(s) removed from this computer.").replace(
                "%1", str(summary.erased)
            )
            # Undo could name what is gone for good.
            self.window.undo_stack.clear()
        self.window.statusBar().showMessage(text, 10_000)
        if summary.changes:
            self.window.data_changed.emit(list(summary.changes))
        self.window.refresh_all()
        if summary.conflicts:
            self.show_conflicts()

    def _failed(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 15_000)
        self.window.refresh_status()

    def show_login(self) -> None:
        self.login_dialog = LoginDialog(self.controller, self.window)
        self.login_dialog.accepted.connect(self.sync_now)
        self.login_dialog.open()

    def show_conflicts(self) -> None:
        if self.conflicts_dialog is not None and self.conflicts_dialog.isVisible():
            self.conflicts_dialog.reload()
            self.conflicts_dialog.raise_()
            return
        self.conflicts_dialog = ConflictsDialog(self.window.tasks, self.window)
        self.conflicts_dialog.resolved.connect(lambda _id: self.window.refresh_all())
        self.conflicts_dialog.open()


def install_sync(window: Any) -> SyncUi:
    """Add sync to a main window (one call, e.g. at the end of its ``__init__``)."""
    ui = SyncUi(window)
    window.sync_ui = ui
    return ui
