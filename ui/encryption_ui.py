"""Encryption at rest in the app: the passphrase at start-up, the offer at first run, and
File → « Chiffrement des données… » to turn it on or off (DESIGN §9).

Converting a data directory replaces its files, so it never runs under an open store:
the settings dialog asks the main window to close with a *pending conversion*;
the session (:mod:`ui.launch`) then converts (in a worker thread, with a progress dialog) and opens
the window again.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit import encryption
from fieldkit.errors import FieldKitError
from fieldkit.paths import Home
from ui.i18n import error_message
from ui.screens import centre


class _Plurals(QObject):
    """Texts with a count (lupdate reads plurals from ``tr()`` of a QObject class)."""

    def unsent(self, count: int) -> str:
        return self.tr(
            "%n change(s) not synced yet: if the key is lost before they are, they are "
            "lost. What was synced can always be recovered from the server.",
            "",
            count,
        )

    def carried_in_clear(self, count: int) -> str:
        return self.tr("%n other file(s) of the data folder came along in clear: %1.", "", count)


@dataclass(frozen=True)
class Conversion:
    """What the settings dialog asked for, carried out once the window is closed."""

    action: str  # "encrypt" or "decrypt"
    passphrase: str | None = None


class PassphraseDialog(QDialog):
    """Asks for the passphrase of an encrypted data directory, or chooses a new one."""

    def __init__(
        self,
        home: Home,
        *,
        new: bool = False,
        wrong: bool = False,
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.new = new
        self.setWindowTitle(
            QCoreApplication.translate("Encryption", "Passphrase")
            if not new
            else QCoreApplication.translate("Encryption", "Protect this laptop's data")
        )
        layout = QVBoxLayout(self)
        if new:
            intro = QCoreApplication.translate(
                "Encryption",
                "Interview notes, names and photos will be encrypted on this laptop. Choose a "
                "passphrase of at least 8 characters: it will be asked for each time FieldKit "
                "starts. If it is forgotten, only what was synced can be recovered from the "
                "server.",
            )
        else:
            intro = QCoreApplication.translate(
                "Encryption",
                "The data of this laptop is encrypted. Type its passphrase to open it.",
            )
        self.intro = QLabel(intro, wordWrap=True, objectName="passphraseIntro")
        layout.addWidget(self.intro)
        self.folder = QLabel(str(home.root), objectName="passphraseFolder")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder)
        if note:
            layout.addWidget(QLabel(note, wordWrap=True, objectName="passphraseNote"))
        form = QFormLayout()
        self.passphrase = QLineEdit(objectName="passphraseEdit")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("Encryption", "Passphrase:"), self.passphrase)
        self.confirmation = QLineEdit(objectName="passphraseConfirmation")
        self.confirmation.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            form.addRow(QCoreApplication.translate("Encryption", "Once more:"), self.confirmation)
        else:
            self.confirmation.hide()
        layout.addLayout(form)
        self.error = QLabel(objectName="passphraseError", wordWrap=True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setVisible(wrong)
        if wrong:
            self.error.setText(
                QCoreApplication.translate(
                    "Encryption", "Wrong passphrase: nothing was opened or changed. Try again."
                )
            )
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # About 60 characters a line: the explanation reads in two or three lines, and the
        # title bar shows the whole title.
        self.setMinimumWidth(max(480, self.fontMetrics().horizontalAdvance("x" * 60)))
        self.passphrase.setFocus()

    def _check(self) -> None:
        text = self.passphrase.text()
        if self.new:
            if len(text) < encryption.MIN_PASSPHRASE:
                return self._say(
                    QCoreApplication.translate(
                        "Encryption", "The passphrase must have at least 8 characters."
                    )
                )
            if text != self.confirmation.text():
                return self._say(
                    QCoreApplication.translate("Encryption", "The two passphrases differ.")
                )
        elif not text:
            return self._say(QCoreApplication.translate("Encryption", "Type the passphrase."))
        self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def value(self) -> str:
        return self.passphrase.text()


def ask_passphrase(home: Home, attempt: int) -> str | None:
    """The app's passphrase prompt (registered with :func:`encryption.set_passphrase_prompt`)."""
    dialog = PassphraseDialog(home, wrong=attempt > 1)
    centre(dialog)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.value()


def offer_at_first_run(home: Home, parent: QWidget | None = None) -> None:
    """A new data directory where no keyring works: offer to protect it with a passphrase.

    Where a keyring works, a new data directory is encrypted without asking (its key goes
    to the keyring); with ``FIELDKIT_ENCRYPTION=off`` nothing is offered.
    """
    if home.db_path.exists() or encryption.is_encrypted(home):
        return
    if encryption.keyring_available() or not _offer_enabled():
        return
    dialog = PassphraseDialog(home, new=True, parent=parent)
    dialog.setObjectName("firstRunEncryption")
    not_now = dialog.buttons.addButton(
        QCoreApplication.translate("Encryption", "Not now"), QDialogButtonBox.ButtonRole.RejectRole
    )
    not_now.setObjectName("notNowButton")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
        QCoreApplication.translate("Encryption", "Encrypt")
    )
    centre(dialog, parent.window() if parent is not None else None)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        encryption.setup_new_home(home, passphrase=dialog.value())


def _offer_enabled() -> bool:
    import os

    return os.environ.get(encryption.NEW_HOME_ENV, "").lower() not in ("off", "0", "no", "false")


class EncryptionDialog(QDialog):
    """File → « Chiffrement des données… »: the state, and what can be done about it."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("encryptionDialog")
        self.window_ = window
        self.home: Home = window.home
        self.requested: Conversion | None = None
        layout = QVBoxLayout(self)
        self.state = QLabel(objectName="encryptionState", wordWrap=True)
        layout.addWidget(self.state)
        self.explanation = QLabel(objectName="encryptionExplanation", wordWrap=True)
        layout.addWidget(self.explanation)
        self.encrypt_button = QPushButton(objectName="encryptButton")
        self.passphrase_button = QPushButton(objectName="changePassphraseButton")
        self.decrypt_button = QPushButton(objectName="decryptButton")
        for b in (self.encrypt_button, self.passphrase_button, self.decrypt_button):
            layout.addWidget(b)
        self.encrypt_button.clicked.connect(self.request_encrypt)
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.decrypt_button.clicked.connect(self.request_decrypt)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Encryption", "Data encryption"))
        self.explanation.setText(
            QCoreApplication.translate(
                "Encryption",
                "Encryption protects a lost or stolen laptop: without the key, the database "
                "and the photos on its disk cannot be read. It does not protect a laptop left "
                "unlocked while FieldKit is open, nor screen captures. Exports and reports are "
                "written in clear where you choose.",
            )
        )
        self.encrypt_button.setText(QCoreApplication.translate("Encryption", "Encrypt…"))
        self.passphrase_button.setText(
            QCoreApplication.translate("Encryption", "Change the passphrase…")
        )
        self.decrypt_button.setText(QCoreApplication.translate("Encryption", "Decrypt…"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self) -> None:
        protection = encryption.protection(self.home)
        if protection == "keyring":
            text = QCoreApplication.translate(
                "Encryption",
                "The data of this laptop is encrypted; its key is kept in the system keyring.",
            )
        elif protection == "passphrase":
            text = QCoreApplication.translate(
                "Encryption",
                "The data of this laptop is encrypted; its key is protected by a passphrase.",
            )
        else:
            text = QCoreApplication.translate(
                "Encryption", "The data of this laptop is not encrypted."
            )
        self.state.setText(text)
        self.encrypt_button.setVisible(protection is None)
        self.passphrase_button.setVisible(protection is not None)
        self.decrypt_button.setVisible(protection is not None)

    def _unsent_note(self) -> str:
        pending = int(self.window_.store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0])
        if not pending:
            return QCoreApplication.translate("Encryption", "Everything has been synced.")
        return _Plurals().unsent(pending)

    def request_encrypt(self) -> None:
        note = QCoreApplication.translate(
            "Encryption", "FieldKit will close, encrypt the data, then open again."
        )
        note += " " + self._unsent_note()
        passphrase: str | None = None
        if not encryption.keyring_available():
            dialog = PassphraseDialog(self.home, new=True, note=note, parent=self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            passphrase = dialog.value()
        else:
            answer = QMessageBox.question(
                self,
                QCoreApplication.translate("Encryption", "Encrypt the data"),
                QCoreApplication.translate(
                    "Encryption", "The key will be kept in the system keyring."
                )
                + " "
                + note,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._finish(Conversion("encrypt", passphrase))

    def request_decrypt(self) -> None:
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("Encryption", "Decrypt the data"),
            QCoreApplication.translate(
                "Encryption",
                "The database and photos will be stored in clear on this laptop: anyone who "
                "copies its disk can read them. FieldKit will close, decrypt, then open again.",
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._finish(Conversion("decrypt"))

    def change_passphrase(self) -> None:
        dialog = PassphraseDialog(self.home, new=True, parent=self)
        dialog.setWindowTitle(QCoreApplication.translate("Encryption", "Change the passphrase"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            encryption.change_passphrase(self.home, dialog.value())
        except FieldKitError as exc:
            QMessageBox.warning(
                self,
                QCoreApplication.translate("Encryption", "Data encryption"),
                error_message(exc),
            )
            return
        self.refresh()
        QMessageBox.information(
            self,
            QCoreApplication.translate("Encryption", "Data encryption"),
            QCoreApplication.translate("Encryption", "The passphrase was changed."),
        )

    def _finish(self, conversion: Conversion) -> None:
        self.requested = conversion
        self.window_.pending_conversion = conversion
        self.accept()
        self.window_.close()


class EncryptionAction(QAction):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("encryptionAction")
        self.main_window = window
        self.triggered.connect(self.open_dialog)
        self._filter = _LanguageFilter(self)
        window.installEventFilter(self._filter)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(QCoreApplication.translate("Encryption", "Data encr&yption…"))
        self.setToolTip(
            QCoreApplication.translate(
                "Encryption", "Encrypt this laptop's data, or change its passphrase"
            )
        )

    def open_dialog(self) -> EncryptionDialog:
        dialog = EncryptionDialog(self.main_window)
        dialog.open()
        return dialog


class _LanguageFilter(QObject):
    def __init__(self, action: EncryptionAction) -> None:
        super().__init__(action)
        self.action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.action.retranslate()
        return False


def install_encryption_action(window: Any) -> EncryptionAction:
    """File → « Chiffrement des données… », before the menu's last separator."""
    action = EncryptionAction(window)
    window.file_menu.insertAction(window.file_extra_separator, action)
    window.encryption_action = action
    window.pending_conversion = None
    return action


def run_conversion(home: Home, conversion: Conversion, parent: QWidget | None = None) -> str:
    """Convert the (closed) data directory with a progress dialog; returns what to tell."""
    progress = QProgressDialog(parent)
    progress.setObjectName("conversionProgress")
    progress.setWindowTitle(QCoreApplication.translate("Encryption", "Data encryption"))
    progress.setLabelText(
        QCoreApplication.translate("Encryption", "Encrypting the data…")
        if conversion.action == "encrypt"
        else QCoreApplication.translate("Encryption", "Decrypting the data…")
    )
    progress.setCancelButton(None)  # an interrupted conversion is safe, but not a choice
    progress.setMinimumDuration(0)
    progress.setRange(0, 0)
    state: dict[str, Any] = {
        "done": 0,
        "total": 0,
        "error": None,
        "finished": False,
        "result": {},
    }

    def report(done: int, total: int) -> None:
        state["done"], state["total"] = done, total

    def work() -> None:
        try:
            if conversion.action == "encrypt":
                state["result"] = encryption.encrypt_home(
                    home, passphrase=conversion.passphrase, progress=report
                )
            else:
                state["result"] = encryption.decrypt_home(home, progress=report)
        except BaseException as exc:  # noqa: BLE001 - shown to the person below
            state["error"] = exc
        finally:
            state["finished"] = True

    worker = threading.Thread(target=work, name="fieldkit-conversion", daemon=True)
    worker.start()
    timer = QTimer(progress)

    def poll() -> None:
        if state["total"]:
            progress.setRange(0, state["total"])
            progress.setValue(state["done"])
        if state["finished"]:
            timer.stop()
            progress.close()

    timer.timeout.connect(poll)
    timer.start(50)
    progress.exec()
    worker.join()
    error = state["error"]
    if error is not None:
        reason = error_message(error) if isinstance(error, FieldKitError) else str(error)
        return QCoreApplication.translate(
            "Encryption", "The conversion failed; the data was left as it was: %1"
        ).replace("%1", reason)
    if conversion.action == "encrypt":
        done = QCoreApplication.translate("Encryption", "The data of this laptop is now encrypted.")
        others: list[str] = state["result"].get("other_files", [])
        if others:
            # The person's own files came along as they were: say they are still in clear.
            shown = ", ".join(others[:10]) + (" …" if len(others) > 10 else "")
            done += " " + _Plurals().carried_in_clear(len(others)).replace("%1", shown)
        return done
    return QCoreApplication.translate("Encryption", "The data of this laptop is now in clear.")
