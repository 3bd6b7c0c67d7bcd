"""Undoable edits made in the visit editor, pushed on the window's one QUndoStack.

Each command's ``redo``/``undo`` runs its database work through the TaskManager's
database lane; the lane is serial, so a command's undo always runs after its redo (and
after any autosave queued before it). When the work is done, :class:`EditorContext`
tells the editor what changed so it redraws; failures go to the editor too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand

from fieldkit.store import Store
from fieldkit.store.store import Change, new_id
from ui.tasks import TaskManager
from ui.undo_texts import TextCommand, TextSource

#: Consecutive edits of one field merge into one undo step unless the person paused
#: this long (seconds) between two of them: Ctrl+Z undoes the last burst of typing.
MERGE_PAUSE_S = 2.0

#: Any value, shared by every UpdateCommand so QUndoStack asks them to merge.
_UPDATE_COMMAND_ID = 0x4649


def while_alive(receiver: QObject, fn: Callable[..., Any]) -> Callable[..., None]:
    """``fn``, made a no-op once ``receiver`` is deleted: a worker's result may arrive
    after the widget that asked for it is gone (a closed dialog, a torn-down test)."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(receiver):
            fn(*args)

    return call


@dataclass
class EditorContext:
    """What commands need from the editor: the worker helper and three callbacks.

    ``applied(kind, visit_id, result)`` runs on the GUI thread after a command's database
    work succeeded (``result`` is what the store returned); ``failed(exc)`` after it failed;
    ``superseded(kind, record_id, values)`` runs *before* an undo/redo writes those values,
    so the editor shows them at once and an autosave still waiting to write the same
    fields drops them (the command's value wins).
    """

    tasks: TaskManager
    applied: Callable[[str, str, Any], None]
    failed: Callable[[BaseException], None]
    superseded: Callable[[str, str, dict[str, Any]], None] = lambda kind, rid, values: None
    #: Bumped by the editor when a new editing session starts (record switch, field focus,
    #: undo/redo); commands of different sessions never merge.
    session: int = 0
    clock: Callable[[], float] = field(default=time.monotonic)


class StoreCommand(TextCommand):
    """Base class: run a store function on the database lane and report back."""

    def __init__(
        self,
        ctx: EditorContext,
        text: TextSource,
        kind: str,
        visit_id: str,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.ctx = ctx
        self.kind = kind
        self.visit_id = visit_id

    def _submit(self, job: Callable[[Store], Any], name: str) -> None:
        kind, visit_id, ctx = self.kind, self.visit_id, self.ctx
        ctx.tasks.run(
            job,
            lambda result: ctx.applied(kind, visit_id, result),
            ctx.failed,
            name=name,
        )


class UpdateCommand(StoreCommand):
    """Set some fields of one record; undo puts back the values they had before.

    ``applied=True`` means the change is already on screen and an autosave will write it,
    so the first ``redo`` (which QUndoStack.push calls) does nothing.
    """

    def __init__(
        self,
        ctx: EditorContext,
        text: TextSource,
        kind: str,
        record_id: str,
        visit_id: str,
        before: dict[str, Any],
        after: dict[str, Any],
        *,
        applied: bool = False,
        mergeable: bool = False,
        base: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(ctx, text, kind, visit_id)
        self.record_id = record_id
        # The stored values the first write was made over: the store refuses it if they
        # changed meanwhile (an undo or redo later is a deliberate choice: no base).
        self._first_base = dict(base) if base else None
        self.before = dict(before)
        self.after = dict(after)
        self.mergeable = mergeable
        self.session = ctx.session
        self.last_edit = ctx.clock()
        self._skip_redo = applied

    def id(self) -> int:
        return _UPDATE_COMMAND_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, UpdateCommand)
            and self.mergeable
            and other.mergeable
            and other.kind == self.kind
            and other.record_id == self.record_id
            and other.after.keys() == self.after.keys()
            and other.session == self.session
            and other.last_edit - self.last_edit <= MERGE_PAUSE_S
        ):
            return False
        self.after = dict(other.after)
        self.last_edit = other.last_edit
        # Typing back what was there leaves nothing to undo.
        self.setObsolete(self.after == self.before)
        return True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        base, self._first_base = self._first_base, None
        self._write(self.after, base)

    def undo(self) -> None:
        self._write(self.before)

    def _write(self, values: dict[str, Any], base: dict[str, Any] | None = None) -> None:
        self.session = -1  # once undone or redone, later typing starts a new step
        self.ctx.superseded(self.kind, self.record_id, dict(values))
        kind, rid = self.kind, self.record_id
        self._submit(lambda s: s.update(kind, rid, values, base=base), f"undoable update of {kind}")


class CreateCommand(StoreCommand):
    """Create a record (its id is chosen now); undo tombstones it, redo restores it."""

    def __init__(
        self, ctx: EditorContext, text: TextSource, kind: str, visit_id: str, fields: dict[str, Any]
    ) -> None:
        super().__init__(ctx, text, kind, visit_id)
        self.record_id = new_id()
        self.fields = dict(fields)
        self._created = False
        self._deleted: list[Change] = []

    def redo(self) -> None:
        def job(store: Store) -> Any:
            # Runs on the database lane, after this command's earlier undo.
            if not self._created:
                record = store.create(self.kind, self.fields, record_id=self.record_id)
                self._created = True
                return record
            return store.restore(self._deleted)

        self._submit(job, f"create {self.kind}")

    def undo(self) -> None:
        def job(store: Store) -> Any:
            if not self._created:  # the create failed: nothing to take back
                return []
            self._deleted = store.delete(self.kind, self.record_id)
            return self._deleted

        self._submit(job, f"undo create {self.kind}")


class DeleteCommand(StoreCommand):
    """Tombstone a record; undo restores it (and what the delete took with it)."""

    def __init__(
        self,
        ctx: EditorContext,
        text: TextSource,
        kind: str,
        record_id: str,
        visit_id: str,
        parent: QUndoCommand | None = None,
    ):
        super().__init__(ctx, text, kind, visit_id, parent)
        self.record_id = record_id
        self._deleted: list[Change] = []

    def redo(self) -> None:
        def job(store: Store) -> Any:
            self._deleted = store.delete(self.kind, self.record_id)
            return self._deleted

        self._submit(job, f"delete {self.kind}")

    def undo(self) -> None:
        self._submit(lambda s: s.restore(self._deleted), f"restore {self.kind}")


class ReorderPhotosCommand(StoreCommand):
    """Give a visit's photos a new order (``position`` 0, 1, 2…); undo restores the old one."""

    def __init__(
        self,
        ctx: EditorContext,
        text: TextSource,
        visit_id: str,
        before: list[str],
        after: list[str],
    ) -> None:
        super().__init__(ctx, text, "photo", visit_id)
        self.before = list(before)
        self.after = list(after)

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)

    def _apply(self, order: list[str]) -> None:
        def job(store: Store) -> Any:
            with store.transaction():  # one user action, one transaction
                for position, photo_id in enumerate(order):
                    if store.get("photo", photo_id) is not None:
                        store.update("photo", photo_id, {"position": position})
            return order

        self._submit(job, "reorder photos")
