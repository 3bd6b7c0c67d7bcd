"""Before a password goes over plain HTTP to another machine: a warning and a box to tick.

Shown by the sign-in and mission dialogs when the server's address is ``http://`` to a
host that is not this computer (fieldkit.sync.tls.plain_http_beyond_loopback): the
password and the login would cross the network unencrypted. Nothing is sent until the
person ticks the box.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from fieldkit.sync.tls import plain_http_beyond_loopback


class PlainHttpConsent(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plainHttpConsent")
        self.warning = QLabel(objectName="plainHttpWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020;")
        self.check = QCheckBox(objectName="plainHttpCheck")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warning)
        layout.addWidget(self.check)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.warning.setText(
            self.tr(
                "This address is not encrypted (http://): your password and your login would "
                "cross the network readable by anyone on the way. Ask the coordinator for an "
                "https:// address."
            )
        )
        self.check.setText(self.tr("Send my password anyway"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def blocks(self, url: str) -> bool:
        """Whether sending a password to ``url`` waits for the box to be ticked (and show
        the warning when it does)."""
        risky = plain_http_beyond_loopback(url)
        self.setVisible(risky)
        return risky and not self.check.isChecked()
