"""Sign in to the sync server: address, user name, password."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import error_message
from ui.sync.controller import SyncController
from ui.sync.plain_http import PlainHttpConsent


class LoginDialog(QDialog):
    """Asks for the server, user and password; the login itself runs in a worker.

    The dialog closes (accepted) only once the server said yes; a refusal or an
    unreachable server is shown in the dialog, with what was typed kept.
    """

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncLoginDialog")
        self.controller = controller
        self.url_edit = QLineEdit(controller.server_url, objectName="serverUrlEdit")
        self.url_edit.setPlaceholderText("https://fieldkit.example.org:8765")
        self.user_edit = QLineEdit(controller.user, objectName="userEdit")
        self.password_edit = QLineEdit(objectName="passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel(objectName="loginErrorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.plain_http = PlainHttpConsent(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        self.url_label = QLabel()
        self.user_label = QLabel()
        self.password_label = QLabel()
        self.url_label.setBuddy(self.url_edit)
        self.user_label.setBuddy(self.user_edit)
        self.password_label.setBuddy(self.password_edit)
        form.addRow(self.url_label, self.url_edit)
        form.addRow(self.user_label, self.user_edit)
        form.addRow(self.password_label, self.password_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.plain_http)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate_ui()
        (self.password_edit if self.user_edit.text() else self.url_edit).setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sign in to the sync server"))
        self.url_label.setText(self.tr("Server &address:"))
        self.user_label.setText(self.tr("&User name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def submit(self) -> None:
        url = self.url_edit.text().strip()
        user = self.user_edit.text().strip()
        password = self.password_edit.text()
        if not url or not user or not password:
            self.show_error(self.tr("Give the server address, your user name and your password."))
            return
        if self.plain_http.blocks(url):
            self.show_error(self.tr("Nothing was sent: tick the box to send your password."))
            return
        self._set_busy(True)
        self.controller.login(url, user, password, self._succeeded, self._failed)

    def _set_busy(self, busy: bool) -> None:
        for w in (self.url_edit, self.user_edit, self.password_edit, self.buttons):
            w.setEnabled(not busy)

    def _succeeded(self, _answer: Any) -> None:
        self._set_busy(False)
        self.error_label.hide()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        self.show_error(error_message(exc))
