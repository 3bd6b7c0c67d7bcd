"""Sync in the desktop app: the controller, the login dialog, the conflicts view, and
:func:`install_sync`, which puts them in the main window's Synchronisation menu and status
bar through the window's hook points (``sync_menu``, ``set_online``, ``set_last_sync``,
``refresh_status``, ``data_changed``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolButton

from fieldkit.sync import PendingReport, SentCheck, check_with_server, pending_report
from ui.sync.conflicts_view import ConflictListModel, ConflictsDialog, FieldChoice
from ui.sync.controller import SyncController, format_last_sync
from ui.sync.login_dialog import LoginDialog
from ui.sync.pending_view import PendingDialog, PendingModel, human_size, summary_text
from ui.sync.photos import fetch_missing_photo

__all__ = [
    "ConflictListModel",
    "ConflictsDialog",
    "FieldChoice",
    "LoginDialog",
    "PendingDialog",
    "PendingModel",
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
        self.pending_action = QAction(window, objectName="pendingAction")
        self.pending_action.triggered.connect(self.show_pending)
        self.check_action = QAction(window, objectName="checkSentAction")
        self.check_action.triggered.connect(self.check_all_sent)
        self.auto_action = QAction(window, objectName="autoSyncAction", checkable=True)
        self.auto_action.setChecked(self.controller.auto)
        self.auto_action.toggled.connect(self.controller.set_auto)
        menu = window.sync_menu
        menu.addAction(self.sync_action)
        menu.addAction(self.photos_action)
        menu.addAction(self.conflicts_action)
        menu.addSeparator()
        menu.addAction(self.pending_action)
        menu.addAction(self.check_action)
        menu.addAction(self.auto_action)
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
        # « Ce qui reste à envoyer », always in the status bar; one click lists it.
        self.pending_button = QToolButton(objectName="pendingButton")
        self.pending_button.setAutoRaise(True)
        self.pending_button.clicked.connect(self.show_pending)
        window.statusBar().addPermanentWidget(self.pending_button)
        window.pending_label.hide()  # the button says it, with photos and refusals too
        self.pending_report: PendingReport | None = None
        window.status_refreshed.connect(lambda *_: self.refresh_pending())
        window.data_changed.connect(lambda _changes: self.controller.note_local_change())
        self.login_dialog: LoginDialog | None = None
        self.conflicts_dialog: ConflictsDialog | None = None
        self.pending_dialog: PendingDialog | None = None
        self.check_box: QMessageBox | None = None
        self.failure_box: QMessageBox | None = None
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
        self.pending_action.setText(self.tr("What is &left to send…"))
        self.check_action.setText(self.tr("Is &everything sent?"))
        self.check_action.setToolTip(
            self.tr("Before handing this computer back: would anything be lost if it were wiped?")
        )
        self.auto_action.setText(self.tr("&Automatic synchronisation"))
        self.auto_action.setToolTip(
            self.tr("Synchronise a few seconds after your edits, and every few minutes")
        )
        self._show_pending()

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

    # -- what is left to send -----------------------------------------------------------
    def refresh_pending(self) -> None:
        self.window.tasks.run(pending_report, self._pending_loaded, lambda _e: None)

    def _pending_loaded(self, report: PendingReport) -> None:
        self.pending_report = report
        self._show_pending()

    def _show_pending(self) -> None:
        report = self.pending_report
        if report is None:
            self.pending_button.setText("")
            return
        self.pending_button.setText(summary_text(report))
        self.pending_button.setToolTip(self.tr("What is only on this computer: click for the list"))
        worrying = report.refused or report.photos_missing
        self.pending_button.setStyleSheet("color: #b45f06; font-weight: bold;" if worrying else "")

    def show_pending(self) -> PendingDialog:
        dialog = PendingDialog(self.window.tasks, self.window)
        dialog.changed.connect(lambda changes: self.window.data_changed.emit(changes))
        dialog.changed.connect(lambda _c: self.window.refresh_all())
        dialog.open_record.connect(self.window.jump_to)
        self.pending_dialog = dialog
        dialog.open()
        return dialog

    def check_all_sent(self) -> None:
        transport = self.controller.client_options.get("transport")
        self.window.tasks.run(
            lambda store: check_with_server(store, transport=transport),
            self._checked,
            lambda e: self._failed(str(e)),
        )

    def check_text(self, check: SentCheck) -> str:
        """« Tout est-il envoyé ? » answered in plain words (French by default)."""
        r = check.report
        if r.demo:
            return self.tr(
                "Nothing is sent from the demo: it stays on this computer, and wiping it "
                "would lose nothing of a real mission."
            )
        if not r.logged_in:
            if check.safe:
                return self.tr("Nothing here yet: wiping this computer would lose nothing.")
            return self.tr(
                "This computer has never been synchronised: everything in it exists only "
                "here. Sign in and synchronise before handing it back."
            )
        if check.safe:
            return self.tr("Everything is on the server: wiping this computer would lose nothing.")
        lines = []
        if r.changes:
            lines.append(self.tr("%n change(s) not yet on the server", "", r.changes))
        if r.photos_unsent:
            lines.append(
                self.tr("%n photo(s) not yet on the server", "", r.photos_unsent)
                + f" ({human_size(r.photos_unsent_bytes)})"
            )
        if r.photos_missing:
            lines.append(
                self.tr(
                    "%n photo(s) whose file is missing on this disk and was never sent: "
                    "only the original can bring it back",
                    "",
                    r.photos_missing,
                )
            )
        if r.refused:
            lines.append(
                self.tr("%n change(s) refused by the server, to fix or discard", "", r.refused)
            )
        if r.resolutions:
            lines.append(
                self.tr("%n conflict resolution(s) not yet on the server", "", r.resolutions)
            )
        if r.conflicts_lost:
            lines.append(
                self.tr(
                    "%n open conflict(s) the server no longer has (restored from an older "
                    "backup): the next synchronisation sends them again",
                    "",
                    r.conflicts_lost,
                )
            )
        if r.conflicts_unchecked:
            lines.append(
                self.tr(
                    "%n open conflict(s) that could not be checked: the server cannot be reached",
                    "",
                    r.conflicts_unchecked,
                )
            )
        return (
            self.tr("No: if this computer were wiped now, you would lose:")
            + "\n\n"
            + "\n".join(f"• {line}" for line in lines)
            + "\n\n"
            + self.tr("Synchronise (F5) before handing it back.")
        )

    def _checked(self, check: SentCheck) -> None:
        box = RetranslatedBox(self.window)
        box.setIcon(QMessageBox.Icon.Information if check.safe else QMessageBox.Icon.Warning)
        box.setObjectName("sentCheckBox")
        see_list = None
        if not check.safe and check.report.logged_in:
            see_list = box.addButton(self.tr("See the list"), QMessageBox.ButtonRole.ActionRole)
            see_list.clicked.connect(self.show_pending)
        box.addButton(QMessageBox.StandardButton.Close)

        def fill(box: QMessageBox) -> None:
            box.setWindowTitle(self.tr("Is everything sent?"))
            box.setText(self.check_text(check))
            if see_list is not None:
                see_list.setText(self.tr("See the list"))

        box.set_texts(fill)
        self.check_box = box
        box.open()

    def _progress(self, done: int, total: int, phase: str) -> None:
        if self.controller.running_auto:
            return  # automatic syncs stay quiet while they run
        names = {
            "photos": self.tr("photos"),
            "photo_files": self.tr("photos"),
            "push": self.tr("sending"),
            "pull": self.tr("receiving"),
        }
        text = self.tr("Synchronising: %1 %2").replace("%1", names.get(phase, phase))
        if phase == "photos":  # bytes sent: in KB and MB, as a person reads sizes
            count = human_size(done) + (f" / {human_size(total)}" if total else "")
        elif total and phase != "pull":
            count = f"{done} / {total}"
        else:
            count = str(done)
        self.window.statusBar().showMessage(text.replace("%2", count))

    def _finished(self, summary: Any) -> None:
        auto = self.controller.running_auto
        erased = getattr(summary, "erased", 0)
        eventful = (
            summary.pushed
            or summary.pulled
            or summary.conflicts
            or summary.rejected
            or erased
            or getattr(summary, "refused_here", None)
        )
        if erased:
            # Undo could name what is gone for good.
            self.window.undo_stack.clear()
        if eventful or not auto:
            text = (
                self.tr("Synchronised: %1, %2, %3.")
                .replace("%1", self.tr("%n sent", "", summary.pushed))
                .replace("%2", self.tr("%n received", "", summary.pulled))
                .replace("%3", self.tr("%n new conflict(s)", "", summary.conflicts))
            )
            if summary.rejected:
                text += " " + self.tr(
                    "%n change(s) refused by the server: see what is left to send.",
                    "",
                    len(summary.rejected),
                )
            invalid = len(getattr(summary, "refused_here", ()))
            if invalid:
                text += " " + self.tr(
                    "%n record(s) received but not written here: the server sent a photo "
                    "file hash or a number this computer refuses.",
                    "",
                    invalid,
                )
            refused = getattr(summary, "erasures_refused", 0)
            if refused:
                text += " " + self.tr(
                    "%n erasure(s) refused by the server: these records are on the server and "
                    "others may already have received them; a coordinator must erase them.",
                    "",
                    refused,
                )
            if erased:
                text += " " + self.tr("%n erased record(s) removed from this computer.", "", erased)
            self.window.statusBar().showMessage(text, 10_000)
        if summary.changes:
            self.window.data_changed.emit(list(summary.changes))
        self.window.refresh_all()
        if summary.conflicts and not auto:
            self.show_conflicts()  # an automatic sync never pops a dialog over typing

    def _failed(self, message: str) -> None:
        bar = self.window.statusBar()
        bar.showMessage(message, 15_000)
        self.window.refresh_status()
        shown = bar.shown_message() if hasattr(bar, "shown_message") else message
        if shown != message and not self.controller.running_auto:
            # The person asked for this sync: the whole answer, not its first words.
            self.show_failure(message)

    def show_failure(self, message: str) -> QMessageBox:
        if self.failure_box is not None:
            self.failure_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, "", message, QMessageBox.StandardButton.Ok)
        box.setObjectName("syncFailureBox")
        box.setWindowTitle(self.tr("Synchronisation"))
        box.setParent(self.window, box.windowFlags())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda *_: setattr(self, "failure_box", None))
        self.failure_box = box
        box.open()
        return box

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


class RetranslatedBox(QMessageBox):
    """A message box whose texts are written again when the language changes."""

    def set_texts(self, fill: Callable[[QMessageBox], None]) -> None:
        self._fill = fill
        fill(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_fill"):
            self._fill(self)
        super().changeEvent(event)


def install_sync(window: Any) -> SyncUi:
    """Add sync to a main window (one call, e.g. at the end of its ``__init__``)."""
    ui = SyncUi(window)
    window.sync_ui = ui
    return ui
