"""What a keyboard or screen-reader user meets in a window: the accessible name of each
widget that takes the focus, and the access keys (Alt+letter) it offers.

Used by the accessibility tests: each check returns the problems it found, as text.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollBar,
    QTabBar,
    QWidget,
)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader says for ``widget`` (Qt's own answer)."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None:
        return ""
    return (iface.text(QAccessible.Text.Name) or "").strip()


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.isEnabled()


def _inner(widget: QWidget) -> bool:
    """Parts of a compound widget that Qt names through the compound (a spin box's or an
    editable combo's line edit), and scroll bars."""
    parent = widget.parentWidget()
    if isinstance(widget, QScrollBar):
        return True
    if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
        return True
    return isinstance(parent, QAbstractSpinBox | QComboBox)


def unnamed_focusable(window: QWidget) -> list[str]:
    """Each widget of ``window`` that takes the focus and that nothing names."""
    problems = []
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.isWindow() and widget is not window:
            continue
        if widget.window() is not window or not _shown(widget, window):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or _inner(widget):
            continue
        if not accessible_name(widget):
            problems.append(f"{type(widget).__name__} {widget.objectName()!r}: no accessible name")
    return problems


def _mnemonic(text: str) -> str:
    key = QKeySequence.mnemonic(text)
    return key.toString(QKeySequence.SequenceFormat.PortableText) if not key.isEmpty() else ""


def access_keys(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter → what it reaches, for everything of ``window`` a person can see."""
    keys: dict[str, list[str]] = defaultdict(list)
    if isinstance(window, QMainWindow) and window.menuBar().isVisibleTo(window):
        for action in window.menuBar().actions():
            if action.isVisible() and action.menu() is not None:
                if key := _mnemonic(action.text()):
                    keys[key].append(f"menu {action.text()!r}")
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not _shown(widget, window):
            continue
        texts: list[str] = []
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            if _shown(widget.buddy(), window):
                texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        for text in texts:
            if key := _mnemonic(text):
                keys[key].append(f"{type(widget).__name__} {text!r}")
    return keys


def access_key_clashes(window: QWidget) -> list[str]:
    """Access keys of ``window`` that reach two things, and letters used twice in a menu."""
    problems = [
        f"{key}: " + " / ".join(what)
        for key, what in sorted(access_keys(window).items())
        if len(what) > 1
    ]
    menus = [m for m in window.findChildren(QMenu)]
    for menu in menus:
        seen: dict[str, str] = {}
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            key = _mnemonic(action.text())
            if not key:
                continue
            if key in seen:
                problems.append(
                    f"menu {menu.title()!r}: {key} in {seen[key]!r} and {action.text()!r}"
                )
            else:
                seen[key] = action.text()
    return problems
