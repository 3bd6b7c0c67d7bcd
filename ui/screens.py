"""Every window and dialog fits the screen it opens on (a 1366×768 field laptop, 1280×720).

A window asks for the size it likes (the main window 1200×780, a dialog its size hint);
on a small screen that pushed the status bar or the buttons off the bottom. An application
event filter clamps each top-level window, when it is shown, to the available geometry of
its screen minus the window manager's frame (its size first, then its position), and again
once the window is mapped and framed: before that, Qt knows of no title bar.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOptionHeader, QWidget


def clamped(wanted: QRect, available: QRect, frame: QSize | None = None) -> QRect:
    """``wanted`` (the frame's top-left corner, the client's size) made to fit inside
    ``available`` with its frame (``frame``: the frame's extra width and height)."""
    frame = frame or QSize(0, 0)
    width = min(wanted.width(), available.width() - frame.width())
    height = min(wanted.height(), available.height() - frame.height())
    x = min(max(wanted.x(), available.left()), available.right() + 1 - width - frame.width())
    y = min(max(wanted.y(), available.top()), available.bottom() + 1 - height - frame.height())
    return QRect(x, y, width, height)


#: The frame (title bar, borders) the window manager last put around a window of this
#: app: a window not mapped yet has none, and is sized as if it had this one.
_last_frame = QSize(0, 0)


def frame_size(widget: QWidget) -> QSize:
    """The extra width and height of ``widget``'s frame: its own once the window manager
    framed it, else the last frame seen (before mapping, Qt knows of no frame)."""
    global _last_frame
    frame = widget.frameGeometry().size() - widget.geometry().size()
    if frame.width() <= 0 and frame.height() <= 0:
        return _last_frame
    _last_frame = frame
    return frame


def fit_to_screen(widget: QWidget) -> None:
    """Shrink and move ``widget`` (a window) so that all of it, frame included, is on its
    screen's available geometry."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    available = screen.availableGeometry()
    frame = frame_size(widget)
    room = QSize(available.width() - frame.width(), available.height() - frame.height())
    minimum = widget.minimumSize()
    if minimum.width() > room.width() or minimum.height() > room.height():
        # A minimum larger than the screen would win over resize(): lower it.
        widget.setMinimumSize(minimum.boundedTo(room))
    # A window's pos() is its frame's top-left corner: the frame goes below and right.
    target = clamped(QRect(widget.pos(), widget.size()), available, frame)
    if target.size() != widget.size():
        widget.resize(target.size())
    if widget.isVisible() and target.topLeft() != widget.pos():
        widget.move(target.topLeft())


#: What a window manager's title bar takes besides the title: the icon and the buttons.
TITLE_BAR_EXTRA_PX = 150


def full_title(widget: QWidget) -> str:
    """The title the window manager shows: Qt appends « — FieldKit » (the application's
    display name) unless the title names it already."""
    title = widget.windowTitle().replace("[*]", "")
    name = QGuiApplication.applicationDisplayName()
    if title and name and name not in title:
        return f"{title} \u2014 {name}"
    return title or name


def title_width(widget: QWidget) -> int:
    """The width a window needs for its whole title in the title bar (bold, as most
    window managers draw it)."""
    font = QFont(QGuiApplication.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(full_title(widget)) + TITLE_BAR_EXTRA_PX


def widen_for_title(widget: QWidget) -> None:
    """A dialog narrower than its title got it elided by the window manager (« Import…
    eldKit »): make it wide enough (fit_to_screen still keeps it on the screen)."""
    needed = title_width(widget)
    if widget.width() < needed:
        widget.resize(needed, widget.height())


def centre(widget: QWidget, on: QWidget | None = None) -> None:
    """Place a window not shown yet in the middle of ``on`` (a visible window), else of
    its screen. A dialog without a parent is placed by the window manager otherwise, and
    openbox puts it in the screen's top-left corner: a position given with ``move()`` is
    one it keeps."""
    anchor = on if on is not None and on.isVisible() else None
    screen = (anchor or widget).screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    available = screen.availableGeometry()
    widget.adjustSize()
    widen_for_title(widget)
    frame = frame_size(widget)
    outer = widget.size() + frame
    middle = anchor.frameGeometry().center() if anchor is not None else available.center()
    wanted = QRect(
        middle.x() - outer.width() // 2, middle.y() - outer.height() // 2, *widget.size().toTuple()
    )
    widget.move(clamped(wanted, available, frame).topLeft())


def _framed(widget: QWidget) -> bool:
    return widget.frameGeometry().size() != widget.geometry().size()


class _FitOnShow(QObject):
    """Fits each window when shown, and again once the window manager has framed it: a
    title bar added after the first fit pushed the bottom (status bar, buttons) off the
    screen (issue 26)."""

    #: Events after which a window shown unframed may have got its frame.
    AFTER_MAPPING = (
        QEvent.Type.Move,
        QEvent.Type.Resize,
        QEvent.Type.WindowActivate,
        QEvent.Type.UpdateRequest,
    )

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.unframed: weakref.WeakSet[QWidget] = weakref.WeakSet()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QWidget):
            window_type = watched.windowType()
            if watched.isWindow() and window_type in (
                Qt.WindowType.Window,
                Qt.WindowType.Dialog,
                Qt.WindowType.Sheet,
            ):
                if window_type != Qt.WindowType.Window:
                    widen_for_title(watched)
                fit_to_screen(watched)
                if not _framed(watched):
                    self.unframed.add(watched)
        elif kind in self.AFTER_MAPPING and watched in self.unframed:
            assert isinstance(watched, QWidget)
            if _framed(watched):
                self.unframed.discard(watched)
                fit_to_screen(watched)
        return False


_filter: _FitOnShow | None = None


def install() -> None:
    """Clamp every window of the application when it is shown (idempotent)."""
    global _filter
    app = QApplication.instance()
    if app is None or _filter is not None:
        return
    _filter = _FitOnShow(app)
    app.installEventFilter(_filter)


class SortArrowStyle(QProxyStyle):
    """Header sort arrows that point the way the column reads: ▼ when the newest (largest)
    come first. Qt draws Qt.DescendingOrder as an up arrow, which a person reads as
    "ascending" (the Date column showed ▲ over the newest visits)."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            flipped = QStyleOptionHeader(option)
            up, down = (
                QStyleOptionHeader.SortIndicator.SortUp,
                QStyleOptionHeader.SortIndicator.SortDown,
            )
            if option.sortIndicator == up:
                flipped.sortIndicator = down
            elif option.sortIndicator == down:
                flipped.sortIndicator = up
            option = flipped
        super().drawPrimitive(element, option, painter, widget)


def natural_sort_arrows(header: QWidget) -> None:
    """Give ``header`` (a QHeaderView) arrows that point the way it sorts."""
    style = SortArrowStyle(QApplication.style().name())
    style.setParent(header)
    header.setStyle(style)
