"""Notice writes to the local database, whoever made them.

An open editor must learn that its record changed underneath it: a sync applying a page
on its own connection, a conflict resolved, an undo, or another program (the
``fieldkit`` CLI) writing the same file. :class:`ChangeProbe` answers "has anything been
written since I last looked?" in microseconds, without a table or trigger:

- ``PRAGMA data_version`` changes when *another* connection (of this process or another)
  commits;
- ``Connection.total_changes`` counts the rows *this* connection wrote.

The GUI polls it on the database lane and, when it says yes, each editor re-reads its own
record(s) and compares them with the values it started from (``records_state``); the core
says what changed, the GUI decides what to redraw.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fieldkit.store.store import Store


class ChangeProbe:
    """``poll()`` is True when the database was written since the previous ``poll()``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._mark: tuple[int, int] | None = self._read()

    def _read(self) -> tuple[int, int]:
        # fetchall: the statement runs to its end and is reset at once (a statement left
        # open would hold a read snapshot, in which data_version never moves).
        version = self.store.conn.execute("PRAGMA data_version").fetchall()[0][0]
        return int(version), int(self.store.conn.total_changes)

    def poll(self) -> bool:
        mark = self._read()
        changed = mark != self._mark
        self._mark = mark
        return changed


def records_state(
    store: Store, refs: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, Any] | None]:
    """The stored state of each ``(kind, id)`` (None when deleted or unknown)."""
    return {(kind, rid): store.get(kind, rid) for kind, rid in refs}


def changed_fields(
    known: dict[str, Any], stored: dict[str, Any], fields: Iterable[str]
) -> dict[str, Any]:
    """The fields whose stored value is no longer the one an editor knew, with the new value."""
    return {f: stored[f] for f in fields if f in known and known[f] != stored[f]}
