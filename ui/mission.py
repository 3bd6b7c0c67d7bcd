"""Mission files in the app, and the update banner.

- Fichier → « Ouvrir une mission… », a ``.fieldkit`` file dropped on the window, given on
  the command line (double-click after install) or sent by macOS (a FileOpen event): the
  file is checked (fieldkit.sync.mission_file), a dialog shows the mission and asks for
  the password, the server is checked and logged in to on the database lane, then the
  first sync starts. Nothing to type but the password.
- The update banner: once signed in, the app asks the server's ``/api/v1/info`` (at
  start-up and after each sync); when this app is older than the version the mission
  recommends, a quiet bar with the coordinator's link shows above the lists. Nothing is
  downloaded or installed by itself.

The main window needs one line: ``install_mission(window)``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from fieldkit import __version__
from fieldkit.store import Store
from fieldkit.sync import client as sync_client
from fieldkit.sync import mission_file
from fieldkit.sync.mission_file import MissionFile
from fieldkit.updates import UpdateNotice, notice_from_info
from ui.i18n import error_message
from ui.sync.plain_http import PlainHttpConsent
from ui.tasks import Progress


def mission_error_message(exc: BaseException) -> str:
    """Translated message for opening a mission: the login's refusals worded for it, the
    rest (mission-file errors included) as ui.i18n says."""
    code = getattr(exc, "code", "")
    if code == "invalid_credentials":
        return QCoreApplication.translate("Mission", "Wrong user name or password.")
    if code == "offline":
        return QCoreApplication.translate(
            "Mission",
            "The mission's server cannot be reached. Try again once this computer is online.",
        )
    return error_message(exc)


class MissionDialog(QDialog):
    """Shows the mission and its server; asks the user name (if the file has none) and
    the password. Accepted once the server checked out and the login succeeded."""

    def __init__(self, ui: MissionUi, mission: MissionFile, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("missionDialog")
        self.ui = ui
        self.mission = mission
        self.intro = QLabel(objectName="missionIntro")
        self.intro.setWordWrap(True)
        self.mission_value = QLabel(mission.mission_name, objectName="missionName")
        self.server_value = QLabel(mission.server_url, objectName="missionServer")
        self.user_edit = QLineEdit(mission.user or "", objectName="missionUserEdit")
        self.password_edit = QLineEdit(objectName="missionPasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel(objectName="missionErrorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.plain_http = PlainHttpConsent(self)
        self.plain_http.blocks(mission.server_url)  # warned at once: the address is fixed
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.mission_label, self.server_label = QLabel(), QLabel()
        self.user_label, self.password_label = QLabel(), QLabel()
        self.form.addRow(self.mission_label, self.mission_value)
        self.form.addRow(self.server_label, self.server_value)
        self.form.addRow(self.user_label, self.user_edit)
        self.form.addRow(self.password_label, self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.plain_http)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate_ui()
        (self.password_edit if mission.user else self.user_edit).setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Open a mission"))
        self.intro.setText(
            self.tr("This mission file sets up the sync server. Give your password to sign in.")
        )
        self.mission_label.setText(self.tr("Mission:"))
        self.server_label.setText(self.tr("Server:"))
        self.user_label.setText(self.tr("User name:"))
        self.password_label.setText(self.tr("Password:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Sign in and synchronise")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def submit(self) -> None:
        user, password = self.user_edit.text().strip(), self.password_edit.text()
        if not user or not password:
            self.show_error(self.tr("Give your user name and your password."))
            return
        if self.plain_http.blocks(self.mission.server_url):
            self.show_error(self.tr("Nothing was sent: tick the box to send your password."))
            return
        self._set_busy(True)
        self.ui.sign_in(self.mission, user, password, self._succeeded, self._failed)

    def _set_busy(self, busy: bool) -> None:
        for w in (self.user_edit, self.password_edit, self.buttons):
            w.setEnabled(not busy)

    def _succeeded(self, _answer: Any) -> None:
        self._set_busy(False)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        self.show_error(mission_error_message(exc))


class UpdateBanner(QToolBar):
    """A quiet bar: "FieldKit X is recommended for this mission (you have Y). Download…"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("updateBanner")
        self.setMovable(False)
        self.setFloatable(False)
        self.setStyleSheet("QToolBar#updateBanner { background: #fff8e1; border: none; }")
        self.label = QLabel(objectName="updateBannerLabel")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setOpenExternalLinks(False)  # opened by us: tests can see the request
        self.label.linkActivated.connect(self.open_link)
        self.label.setContentsMargins(8, 2, 8, 2)
        self.addWidget(self.label)
        self.dismiss_action = QAction(self, objectName="dismissUpdateAction")
        self.dismiss_action.triggered.connect(self.hide)
        self.addAction(self.dismiss_action)
        self.notice: UpdateNotice | None = None
        self.opened_links: list[str] = []
        self.toggleViewAction().setVisible(False)  # not in the toolbars' context menu
        self.hide()

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name
        # Never shown empty: a window state saved with the banner up (restoreState) must
        # not bring it back before the server said anything this time.
        super().setVisible(visible and self.notice is not None)

    def show_notice(self, notice: UpdateNotice) -> None:
        self.notice = notice
        self.retranslate_ui()
        self.show()

    def retranslate_ui(self) -> None:
        self.dismiss_action.setText(self.tr("Hide"))
        if self.notice is None:
            return
        text = (
            self.tr("FieldKit %1 is recommended for this mission (this one is %2).")
            .replace("%1", self.notice.recommended)
            .replace("%2", self.notice.current)
        )
        if self.notice.url:
            link = self.tr("Download it")
            text += f' <a href="{_escape(self.notice.url)}">{_escape(link)}</a>'
        else:
            text += " " + self.tr("Ask the coordinator for it.")
        self.label.setText(text)

    def open_link(self, url: str) -> None:
        self.opened_links.append(url)
        QDesktopServices.openUrl(QUrl(url))


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _dropped_mission(event: Any) -> Path | None:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(mission_file.SUFFIX):
            return Path(url.toLocalFile())
    return None


class MissionUi(QObject):
    """The mission and update parts of a main window (see the module's docstring)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: MissionDialog | None = None
        self.error_box: QMessageBox | None = None
        self.open_action = QAction(window, objectName="openMissionAction")
        self.open_action.triggered.connect(self.choose_file)
        window.file_menu.insertAction(window.file_menu.actions()[0], self.open_action)
        window.file_menu.insertSeparator(window.file_menu.actions()[1])
        self.banner = UpdateBanner(window)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        if sys.platform == "darwin":
            self.watch_file_open_events()
        controller = window.sync_ui.controller
        controller.finished.connect(lambda _summary: self.check_updates())
        controller.logged_in_changed.connect(lambda yes: self.check_updates() if yes else None)
        self.retranslate_ui()

    def watch_file_open_events(self) -> None:
        """macOS hands a double-clicked document to the running app as a FileOpen event
        (not as an argument). Watched on macOS only: an application-wide filter sees every
        event of the app, a cost the other systems need not pay."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def retranslate_ui(self) -> None:
        self.open_action.setText(self.tr("Open a &mission…"))
        self.open_action.setToolTip(self.tr("Set up the sync server from the coordinator's file"))
        self.banner.retranslate_ui()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if watched is self.window:
            if kind == QEvent.Type.LanguageChange:
                self.retranslate_ui()
                if self.dialog is not None:
                    self.dialog.retranslate_ui()
            elif kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
                if _dropped_mission(event) is not None:
                    event.acceptProposedAction()  # type: ignore[attr-defined]
                    return True
            elif kind == QEvent.Type.Drop:
                path = _dropped_mission(event)
                if path is not None:
                    event.acceptProposedAction()  # type: ignore[attr-defined]
                    self.open_file(path)
                    return True
        elif kind == QEvent.Type.FileOpen and watched is QApplication.instance():
            path = Path(event.file())  # type: ignore[attr-defined]
            if path.suffix.lower() == mission_file.SUFFIX:
                self.open_file(path)
                return True
        return False

    # -- opening -------------------------------------------------------------------------
    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open a mission"),
            str(Path.home()),
            self.tr("FieldKit missions (*.fieldkit)"),
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> MissionDialog | None:
        """Check the file (signature; no network) and ask for the password."""
        try:
            mission = mission_file.read_mission_file(path)
        except mission_file.SyncError as exc:
            self.error_box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Open a mission"),
                mission_error_message(exc),
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            self.error_box.setObjectName("missionErrorBox")
            self.error_box.open()
            return None
        folders = getattr(self.window, "data_folders", None)
        if folders is not None and not folders.takes(mission):
            # The demo's folder, or another mission's: this one gets its own folder.
            folders.open_mission_elsewhere(mission, path)
            return None
        self.dialog = MissionDialog(self, mission, self.window)
        self.dialog.accepted.connect(self._signed_in)
        self.dialog.open()
        return self.dialog

    def sign_in(
        self, mission: MissionFile, user: str, password: str, on_success: Any, on_failure: Any
    ) -> None:
        """Check the server and log in, on the database lane (the login writes settings)."""
        options = self.window.sync_ui.controller.client_options

        def job(store: Store) -> dict[str, Any]:
            return mission_file.open_mission(
                store, mission, password, user=user, transport=options.get("transport")
            )

        def succeeded(answer: dict[str, Any]) -> None:
            self._show_notice(answer.get("info") or {})
            on_success(answer)

        self.window.tasks.run(job, succeeded, on_failure, name="open mission")

    def _signed_in(self) -> None:
        """The first sync, as « Synchroniser » would (the login's writes are committed: this
        runs from its success callback); the sign-in state follows from the refresh."""
        folders = getattr(self.window, "data_folders", None)
        if folders is not None and self.dialog is not None:
            folders.signed_in(self.dialog.mission)
        controller = self.window.sync_ui.controller
        controller.refresh()
        if controller.sync_now() is not None:
            self.window.statusBar().showMessage(self.tr("Mission set up: first synchronisation…"))

    # -- updates -------------------------------------------------------------------------
    def check_updates(self) -> None:
        """Ask the server's /info off the GUI thread; show the banner if this is older."""

        def read_settings(store: Store) -> tuple[str | None, str | None]:
            return store.get_setting(sync_client.SERVER_URL), store.get_setting(
                sync_client.SERVER_CERT
            )

        def fetch(url: str | None, pin: str | None) -> None:
            if not url:
                return
            transport = self.window.sync_ui.controller.client_options.get("transport")

            def probe(_progress: Progress) -> dict[str, Any]:
                return mission_file.server_info(url, pin, transport=transport)

            self.window.tasks.run_compute(probe, self._show_notice, lambda _exc: None)

        self.window.tasks.run(
            read_settings, lambda pair: fetch(*pair), lambda _exc: None, name="update check"
        )

    def _show_notice(self, info: dict[str, Any]) -> None:
        notice = notice_from_info(info, __version__)
        if notice is None:
            self.banner.hide()
        else:
            self.banner.show_notice(notice)


def install_mission(window: Any) -> MissionUi:
    """Add mission files and the update banner to a main window (after install_sync)."""
    ui = MissionUi(window)
    window.mission_ui = ui
    return ui
