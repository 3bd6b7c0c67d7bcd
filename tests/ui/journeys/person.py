"""What a person can do to the app, and a way to write it down as a journey.

A person clicks what is visible and enabled, types into what has the focus, opens menus
with the mouse and sees what is shown. :class:`Person` does only that, with real Qt mouse
and key events (QTest), never by calling slots.

A journey is a generator. It yields what it waits for (:func:`until`, :func:`modal`), and
:func:`post` for a gesture that opens a modal dialog (``exec()`` runs its own event loop:
the gesture is made from a timer so that the journey goes on inside that loop). The
:class:`Journey` driver resumes it from a timer, so it walks through nested dialogs as a
person does.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu, QMenuBar, QWidget


@dataclass
class Until:
    what: str
    condition: Callable[[], Any]
    timeout: float = 20.0


@dataclass
class Post:
    gesture: Callable[[], Any]


def until(what: str, condition: Callable[[], Any], timeout: float = 20.0) -> Until:
    """Wait until ``condition()`` is true; the journey gets its value."""
    return Until(what, condition, timeout)


def modal(name: str, timeout: float = 20.0) -> Until:
    """Wait for the modal dialog of this object name; the journey gets it."""

    def shown() -> QWidget | None:
        for box in QApplication.topLevelWidgets():
            if box.objectName() == name and box.isVisible() and box.isModal():
                return box
        return None

    return Until(f"the dialog {name}", shown, timeout)


def post(gesture: Callable[[], Any]) -> Post:
    """Make ``gesture`` (which opens a modal dialog) from the event loop, then go on."""
    return Post(gesture)


Step = Until | Post
Script = Generator[Step, Any, None]


class JourneyFailed(AssertionError):
    pass


class Journey:
    """Drives a journey from a timer (it runs in whichever event loop is running)."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.done = False
        self.error: BaseException | None = None
        self.waiting: Until | None = None
        self.deadline = 0.0
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self._busy = False

    def start(self) -> Journey:
        self._advance(None)
        if not self.done:
            self.timer.start()
        return self

    def _tick(self) -> None:
        if self._busy or self.done or self.waiting is None:
            return
        try:
            value = self.waiting.condition()
        except BaseException as exc:  # noqa: BLE001 - ends the journey, said by wait()
            self._fail(exc)
            return
        if value:
            self._advance(value)
        elif time.monotonic() > self.deadline:
            self._fail(JourneyFailed(f"the person waited in vain for {self.waiting.what}"))

    def _advance(self, value: Any) -> None:
        self._busy = True
        try:
            while True:
                step = self.script.send(value)
                if isinstance(step, Post):
                    QTimer.singleShot(0, step.gesture)
                    value = None
                    continue
                self.waiting = step
                print("JOURNEY waits for", step.what, file=sys.stderr, flush=True)
                self.deadline = time.monotonic() + step.timeout
                return
        except StopIteration:
            self.done = True
            self.timer.stop()
        except BaseException as exc:  # noqa: BLE001 - ends the journey, said by wait()
            self._fail(exc)
        finally:
            self._busy = False

    def _fail(self, exc: BaseException) -> None:
        print(f"JOURNEY failed: {exc!r}", file=sys.stderr, flush=True)
        self.error = exc
        self.done = True
        self.timer.stop()
        # A dialog left open would keep its event loop running, and the app its own:
        # close the modal dialogs, then the windows.
        for modal_first in (True, False):
            for widget in QApplication.topLevelWidgets():
                if widget.isVisible() and widget.isModal() == modal_first:
                    widget.close()

    def check(self) -> None:
        if self.error is not None:
            raise self.error


def run(qtbot: Any, script: Script, timeout: int = 120_000) -> Journey:
    """Run a journey in pytest-qt's loop, raising what went wrong in it."""
    journey = Journey(script).start()
    qtbot.waitUntil(lambda: journey.done, timeout=timeout)
    journey.check()
    return journey


class Person:
    """Mouse and keyboard on what is on screen."""

    @staticmethod
    def _reachable(widget: QWidget) -> None:
        if not widget.isVisible():
            raise JourneyFailed(f"{widget.objectName() or widget} is not on screen")
        if not widget.isEnabled():
            raise JourneyFailed(f"{widget.objectName() or widget} is disabled")

    def __init__(self) -> None:
        self.window: QWidget | None = None  # the window last clicked in

    def click(self, widget: QWidget, pos: QPoint | None = None) -> None:
        self._reachable(widget)
        self.window = widget.window()
        QTest.mouseClick(
            widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos or QPoint()
        )

    def keyboard(self) -> QWidget:
        """Where typed keys go: the focused widget; a window just clicked in has the
        keyboard even before the window manager's activation reached Qt."""
        widget = QApplication.focusWidget()
        if widget is None and self.window is not None and self.window.isVisible():
            widget = self.window.focusWidget() or self.window
        if widget is None:
            raise JourneyFailed("nothing has the keyboard focus")
        return widget

    def click_title_bar(self, window: QWidget) -> None:
        """Click a window's title bar: the window manager makes it the active window (Qt's
        offscreen platform leaves none active once a dialog closed, and keys go nowhere)."""
        self._reachable(window)
        self.window = window
        window.activateWindow()

    def click_row(self, view: QAbstractItemView, row: int, column: int = 0) -> None:
        """Click a row of a list, where it is drawn."""
        index = view.model().index(row, column)
        rect = view.visualRect(index)
        if rect.isEmpty():
            raise JourneyFailed(f"row {row} is not visible")
        self.click(view.viewport(), rect.center())

    def type(self, text: str) -> None:
        QTest.keyClicks(self.keyboard(), text)

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
        QTest.keyClick(self.keyboard(), key, modifiers)

    def open_menu(self, bar: QMenuBar, menu: QMenu) -> None:
        """Click a menu's title in the menu bar."""
        self._reachable(bar)
        self.click(bar, bar.actionGeometry(menu.menuAction()).center())

    def choose(self, menu: QMenu, text: str) -> None:
        """Click the entry of an open menu that shows ``text`` (as the person reads it)."""
        if not menu.isVisible():
            raise JourneyFailed(f"the menu {menu.title()} is not open")
        for action in menu.actions():
            if action.isVisible() and shown(action.text()) == text:
                if not action.isEnabled():
                    raise JourneyFailed(f"« {text} » is disabled")
                self.click(menu, menu.actionGeometry(action).center())
                return
        entries = [shown(a.text()) for a in menu.actions() if a.isVisible()]
        raise JourneyFailed(f"no « {text} » in the menu: {entries}")


def shown(text: str) -> str:
    """A label as a person reads it: no access-key ampersand, ordinary spaces."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("\xa0", " ")
