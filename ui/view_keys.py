"""How the item views of the window behave under the mouse and the keyboard.

- :func:`follow_current_row`: the selected row is always the current row. A mouse press
  sets the current index first and the selection after it (a keyboard move does the
  reverse), so actions that read "the selected row" saw none after a click.
- :func:`current_row`: the row a person acted on last (current, hence selected).
- :func:`open_menu_with_keys`: Shift+F10 and the Menu key open the view's context menu at
  its current row, as a right click does at the mouse.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView


def follow_current_row(view: QAbstractItemView) -> None:
    """Select the current row whenever it changes, before anything else hears of it."""
    selection = view.selectionModel()

    def select(current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not selection.isRowSelected(current.row(), current.parent()):
            selection.select(
                current,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    # Connected first: the view's own slots then see the row both current and selected.
    selection.currentChanged.connect(select)


def current_row(view: QAbstractItemView, role: int) -> Any:
    """``role`` of the current row's first cell, if that row is selected; else None."""
    idx = view.currentIndex()
    if not idx.isValid():
        return None
    selection = view.selectionModel()
    if not selection.isRowSelected(idx.row(), idx.parent()):
        return None
    return idx.siblingAtColumn(0).data(role)


def is_menu_key(event: QKeyEvent) -> bool:
    """The keys that open a context menu from the keyboard: Menu, Shift+F10."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() == Qt.Key.Key_Menu or (
        event.key() == Qt.Key.Key_F10 and mods == Qt.KeyboardModifier.ShiftModifier
    )


class _MenuKeys(QObject):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and is_menu_key(event)
        ):
            view = self.view
            idx = view.currentIndex()
            if idx.isValid():
                view.scrollTo(idx)
                pos = view.visualRect(idx).center()
            else:
                pos = view.viewport().rect().center()
            # The same signal a right click sends (viewport coordinates).
            view.customContextMenuRequested.emit(pos)
            return True
        return False


def open_menu_with_keys(view: QAbstractItemView) -> None:
    """Shift+F10 and the Menu key on ``view`` open its (custom) context menu."""
    view.installEventFilter(_MenuKeys(view))
