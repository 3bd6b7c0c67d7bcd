"""A status bar whose messages are never cut in the middle of a word.

QStatusBar paints a temporary message clipped to the room left of its permanent widgets
(online, pending changes, conflicts), so a long French error ended « …restent sur cet
ordin ». This one shortens a message that does not fit at a word boundary, with « … »,
keeps the full text in its tooltip, and shows it in full when the bar is clicked. The
message is fitted again when the window is resized.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QStatusBar, QToolTip, QWidget

ELLIPSIS = "…"


def elide_at_word(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` if it fits in ``width`` pixels, else its longest run of whole words that
    fits followed by « … » (a single word too long for the room is cut, as a last resort)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    kept = ""
    for count in range(1, len(words) + 1):
        candidate = " ".join(words[:count]).rstrip(" ,;:—–-")
        if metrics.horizontalAdvance(candidate + ELLIPSIS) > width:
            break
        kept = candidate
    if kept:
        return kept + ELLIPSIS
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


class StatusBar(QStatusBar):
    """``showMessage`` elides at a word boundary; the tooltip and a click give the full text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._until: float | None = None  # when the message's timeout ends (monotonic)
        self._shown = ""  # what this class last passed to QStatusBar
        self.messageChanged.connect(self._message_changed)

    def currentMessage(self) -> str:  # noqa: N802 (Qt's name)
        """The message as it was given (what is painted may be shortened: see
        :meth:`shown_message`)."""
        return self._full if super().currentMessage() else ""

    def shown_message(self) -> str:
        """The message as painted, « … » and all."""
        return super().currentMessage()

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self._until = time.monotonic() + timeout / 1000 if timeout > 0 else None
        shown = elide_at_word(text, self.fontMetrics(), self.message_room())
        self._shown = shown
        super().showMessage(shown, timeout)
        self.setToolTip(text if shown != text else "")

    def message_room(self) -> int:
        """Pixels free for the message: left of the leftmost permanent widget (normal
        widgets are hidden while a message shows), less the bar's margins."""
        right = self.width()
        for child in self.children():
            if isinstance(child, QWidget) and child.isVisible() and not child.isWindow():
                if child.x() > 0:
                    right = min(right, child.x())
        return max(40, right - 12)

    def _message_changed(self, text: str) -> None:
        if not text or text != self._shown:  # cleared, or shown by Qt itself (status tips)
            self._full, self._until, self._shown = text, None, text
            self.setToolTip("")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._full and self.shown_message():
            remaining = 0
            if self._until is not None:
                remaining = max(1, int((self._until - time.monotonic()) * 1000))
            shown = elide_at_word(self._full, self.fontMetrics(), self.message_room())
            if shown != self.shown_message():
                self._shown = shown
                super().showMessage(shown, remaining)
                self.setToolTip(self._full if shown != self._full else "")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._full and self.shown_message() != self._full:
            QToolTip.showText(event.globalPosition().toPoint(), self._full, self)
        super().mousePressEvent(event)
