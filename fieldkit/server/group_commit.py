"""Group commit: pushes waiting for the write lock are applied together, in one transaction.

Pushes are serialized (SQLite's single writer, the change-sequence row lock on PostgreSQL),
so under load each one waited for every push ahead of it to take the lock, begin, read the
sequence, write, commit and hand the lock on: a dozen statements (and on PostgreSQL as many
round trips) per push, all under the lock. Here the first thread to find no leader becomes
the *leader*: it takes every push queued behind it (up to ``max_size`` operations) and
applies them as one group, in one transaction, then hands each waiting thread its own
result. The others sleep until their result is there.

What each push sees is unchanged: its ops are applied in order after every push ahead of
it, with its own results. If applying or committing the group fails, the transaction is
rolled back and each push of the group is applied again alone, in its own transaction: a
push that fails alone gets its error (a 500 as before), the others are kept. A push whose
transaction fails keeps nothing; its client sends the same op ids again and the server
applies them once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Connection

I = TypeVar("I")  # noqa: E741 - one push's input
R = TypeVar("R")  # one push's result


@dataclass
class _Waiting(Generic[I, R]):
    item: I
    size: int
    done: bool = False
    result: R | None = None
    error: BaseException | None = None


class GroupCommit(Generic[I, R]):
    """Applies queued work in groups, one write transaction per group."""

    def __init__(
        self,
        begin: Callable[[], AbstractContextManager[Connection]],
        apply: Callable[[Connection, list[I]], list[R]],
        *,
        max_size: int = 1000,
    ) -> None:
        self._begin = begin  # opens the write transaction (and takes the write lock)
        self._apply = apply  # applies a group in order: one result per item
        self._max_size = max_size
        self._queue: list[_Waiting[I, R]] = []
        self._changed = threading.Condition()
        self._leading = False
        self._pending = 0  # pushes handed to run() whose result is not there yet
        self.last_group_size = 0  # how many pushes the last group held (tests)
        self.groups_retried = 0  # groups that failed and were applied again one by one

    def run(self, item: I, size: int = 1) -> R:
        """The result of applying ``item`` after everything queued before it."""
        mine: _Waiting[I, R] = _Waiting(item, max(1, size))
        with self._changed:
            self._queue.append(mine)
            self._pending += 1
        try:
            return self._run(mine)
        finally:
            with self._changed:
                self._pending -= 1

    def pending(self) -> int:
        """How many pushes are queued or being applied (their result not there yet)."""
        with self._changed:
            return self._pending

    def _run(self, mine: _Waiting[I, R]) -> R:
        while True:
            with self._changed:
                # Followers sleep here until their result is there or nobody leads.
                while not mine.done and self._leading:
                    self._changed.wait()
                if mine.done:
                    break
                self._leading = True
                group = self._take()
            try:
                self._lead(group)
            finally:
                with self._changed:
                    self._leading = False
                    for waiting in group:
                        waiting.done = True
                    self._changed.notify_all()
        if mine.error is not None:
            raise mine.error
        return mine.result  # type: ignore[return-value]

    def _take(self) -> list[_Waiting[I, R]]:
        """The queue's head, up to ``max_size`` (at least one push)."""
        group: list[_Waiting[I, R]] = []
        total = 0
        while self._queue and (not group or total + self._queue[0].size <= self._max_size):
            waiting = self._queue.pop(0)
            group.append(waiting)
            total += waiting.size
        return group

    def _lead(self, group: list[_Waiting[I, R]]) -> None:
        self.last_group_size = len(group)
        try:
            self._apply_in_transaction(group)
            return
        except BaseException as exc:
            if len(group) == 1 or not isinstance(exc, Exception):
                for waiting in group:
                    waiting.result, waiting.error = None, exc
                return
        # Something in the group failed and nothing of it was kept: each push alone.
        self.groups_retried += 1
        for waiting in group:
            try:
                self._apply_in_transaction([waiting])
            except Exception as exc:
                waiting.result, waiting.error = None, exc

    def _apply_in_transaction(self, group: list[_Waiting[I, R]]) -> None:
        with self._begin() as conn:
            results = self._apply(conn, [waiting.item for waiting in group])
        # Committed: only now does anyone see a result.
        for waiting, result in zip(group, results, strict=True):
            waiting.result, waiting.error = result, None
