"""Undo texts that follow the language: a command remembers how to say what it does.

A command's text is fixed when it is pushed. So that Édition → « Annuler : … » does not
stay French after Affichage → Langue → English, each command keeps a ``text_source`` (a
function that translates its text now) and :func:`retranslate_stack` re-reads them all.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

#: A plain text (never re-read) or a function giving the text in the current language.
TextSource = str | Callable[[], str]


def text_of(source: TextSource) -> str:
    return source() if callable(source) else source


class TextCommand(QUndoCommand):
    """A command with a text source."""

    def __init__(self, text: TextSource, parent: QUndoCommand | None = None) -> None:
        super().__init__(text_of(text), parent)
        self.text_source = text


class GroupCommand(TextCommand):
    """Several commands as one undo step (like a macro, but with a text source).

    The parts are plain Python objects, never pushed: redo runs them in order, undo in
    reverse order.
    """

    def __init__(self, text: TextSource, parts: list[QUndoCommand]) -> None:
        super().__init__(text)
        self.parts = list(parts)

    def redo(self) -> None:
        for part in self.parts:
            part.redo()

    def undo(self) -> None:
        for part in reversed(self.parts):
            part.undo()


def retranslate_stack(stack: QUndoStack) -> None:
    """Re-read the text of every command on ``stack`` (and of their children)."""

    def walk(command: QUndoCommand) -> None:
        source = getattr(command, "text_source", None)
        if callable(source):
            # A text said by a widget since deleted stays as it was.
            with contextlib.suppress(RuntimeError):
                command.setText(source())
        for i in range(command.childCount()):
            child = command.child(i)
            if child is not None:
                walk(child)

    for i in range(stack.count()):
        command = stack.command(i)
        if command is not None:
            walk(command)
