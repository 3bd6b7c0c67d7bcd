"""Undoable actions on the shared QUndoStack; their database work runs on the database lane.

A command's ``redo``/``undo`` only *queue* jobs with the :class:`~ui.tasks.TaskManager`. The
lane is one thread, so an undo queued after a redo always runs after it. When a job is done
the command calls ``on_changed(changes)`` on the GUI thread (the window redraws what changed)
or ``on_failed(exc)``; a redo that failed makes the command obsolete so it leaves the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack

from fieldkit.store import Change, Store, new_id
from ui.tasks import TaskManager
from ui.undo_texts import TextCommand, TextSource

OnChanged = Callable[[list[Change]], None]
OnFailed = Callable[[BaseException], None]


def _ignore(_: Any) -> None:
    pass


class StoreCommand(TextCommand):
    """Shared plumbing: run a store function on the lane and report what changed."""

    def __init__(
        self,
        tasks: TaskManager,
        text: TextSource,
        on_changed: OnChanged | None = None,
        on_failed: OnFailed | None = None,
        stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(text)
        self.tasks = tasks
        self.on_changed = on_changed or _ignore
        self.on_failed = on_failed or _ignore
        self.stack = stack
        self.done_once = False
        self.never_done = False  # the first redo was refused: there is nothing to undo
        self.failed: BaseException | None = None

    def _run(self, fn: Callable[[Store], list[Change]], *, first: bool = False) -> None:
        def ok(changes: list[Change]) -> None:
            self.on_changed(changes)

        def bad(exc: BaseException) -> None:
            self.failed = exc
            if first:
                # Nothing was written: take the command off the stack. Qt drops an
                # obsolete command when it is undone; its undo does nothing now.
                self.never_done = True
                self.setObsolete(True)
                stack = self.stack
                if stack is not None and stack.index() > 0:
                    if stack.command(stack.index() - 1) is self:
                        stack.undo()
            self.on_failed(exc)

        self.tasks.run(fn, ok, bad, name=self.text())


class CreateCommand(StoreCommand):
    """Create a record (with an id chosen now, so redo after undo brings back the same one)."""

    def __init__(
        self, tasks: TaskManager, kind: str, fields: dict[str, Any], text: TextSource, **kw
    ):
        super().__init__(tasks, text, **kw)
        self.kind = kind
        self.fields = dict(fields)
        self.record_id = new_id()
        self._deleted: list[Change] = []

    def redo(self) -> None:
        if not self.done_once:
            self.done_once = True

            def create(store: Store) -> list[Change]:
                store.create(self.kind, self.fields, record_id=self.record_id)
                return [Change(self.kind, self.record_id, "create")]

            self._run(create, first=True)
        else:
            self._run(lambda store: store.restore(self._deleted))

    def undo(self) -> None:
        if self.never_done:
            return

        def delete(store: Store) -> list[Change]:
            self._deleted = store.delete(self.kind, self.record_id)
            return self._deleted

        self._run(delete)


class UpdateCommand(StoreCommand):
    """Change some fields of a record; undo puts back the values it had."""

    def __init__(
        self,
        tasks: TaskManager,
        kind: str,
        record_id: str,
        old: dict[str, Any],
        new: dict[str, Any],
        text: TextSource,
        **kw,
    ):
        super().__init__(tasks, text, **kw)
        self.kind = kind
        self.record_id = record_id
        self.old = {f: old.get(f) for f in new}
        self.new = dict(new)

    def _apply(self, values: dict[str, Any], *, first: bool = False) -> None:
        # The first write carries the values the dialog started from: the store refuses
        # it if a sync or another program changed them meanwhile (undo/redo: no base).
        base = self.old if first else None

        def update(store: Store) -> list[Change]:
            store.update(self.kind, self.record_id, values, base=base)
            return [Change(self.kind, self.record_id, "update")]

        self._run(update, first=first)

    def redo(self) -> None:
        first = not self.done_once
        self.done_once = True
        self._apply(self.new, first=first)

    def undo(self) -> None:
        if not self.never_done:
            self._apply(self.old)


class DeleteCommand(StoreCommand):
    """Delete a record and what hangs under it; undo restores exactly those records."""

    def __init__(self, tasks: TaskManager, kind: str, record_id: str, text: TextSource, **kw):
        super().__init__(tasks, text, **kw)
        self.kind = kind
        self.record_id = record_id
        self.deleted: list[Change] = []

    def redo(self) -> None:
        first = not self.done_once
        self.done_once = True

        def delete(store: Store) -> list[Change]:
            self.deleted = store.delete(self.kind, self.record_id)
            return self.deleted

        self._run(delete, first=first)

    def undo(self) -> None:
        if not self.never_done:
            self._run(lambda store: store.restore(self.deleted))


def _translate(text: str, name: Any = "") -> Callable[[], str]:
    """The command text, translated each time it is read (see ui.undo_texts)."""
    return lambda: QCoreApplication.translate("Commands", text).replace("%1", str(name or ""))


def create_place(tasks: TaskManager, fields: dict[str, Any], **kw) -> CreateCommand:
    # The literal texts stay in QT_TRANSLATE_NOOP-like calls so lupdate finds them.
    _ = QCoreApplication.translate("Commands", "Create place “%1”")
    return CreateCommand(
        tasks, "place", fields, _translate("Create place “%1”", fields.get("name")), **kw
    )


def edit_place(
    tasks: TaskManager, place: dict[str, Any], changes: dict[str, Any], **kw
) -> UpdateCommand:
    _ = QCoreApplication.translate("Commands", "Edit place “%1”")
    text = _translate("Edit place “%1”", place.get("name"))
    return UpdateCommand(tasks, "place", place["id"], place, changes, text, **kw)


def delete_place(tasks: TaskManager, place: dict[str, Any], **kw) -> DeleteCommand:
    _ = QCoreApplication.translate("Commands", "Delete place “%1”")
    text = _translate("Delete place “%1”", place.get("name"))
    return DeleteCommand(tasks, "place", place["id"], text, **kw)


def create_visit(tasks: TaskManager, fields: dict[str, Any], **kw) -> CreateCommand:
    _ = QCoreApplication.translate("Commands", "New visit")
    return CreateCommand(tasks, "visit", fields, _translate("New visit"), **kw)


def delete_visit(tasks: TaskManager, visit: dict[str, Any], **kw) -> DeleteCommand:
    _ = QCoreApplication.translate("Commands", "Delete visit of %1")
    text = _translate("Delete visit of %1", visit.get("visited_on"))
    return DeleteCommand(tasks, "visit", visit["id"], text, **kw)
