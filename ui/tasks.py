"""Run database and other long work off the GUI thread (after Anki's ``CollectionOp``).

One :class:`TaskManager` per window owns:

- the *database lane*: a pool with exactly one thread, so every read and write of the
  local store runs there, one after another (the store's single-writer rule), and
- the *compute lane*: a normal pool for work that never touches the database.

A job is a plain function. Its result or exception is delivered back on the GUI thread
through the ``on_success`` / ``on_failure`` callbacks (queued signals); a long job also
gets a :class:`Progress` to report ``(done, total, label)`` and to check for Cancel.
Jobs never touch widgets; callbacks do.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from fieldkit.store import Store

log = logging.getLogger(__name__)


class Progress:
    """Handed to long jobs: report progress, and see whether the user pressed Cancel."""

    def __init__(self, task: Task) -> None:
        self._task = task

    def report(self, done: int, total: int, label: str = "") -> None:
        self._task.progressed.emit(done, total, label)

    @property
    def cancelled(self) -> bool:
        return self._task.is_cancelled()

    # Convenience for core functions that take ``progress=`` and ``cancelled=`` callables.
    def __call__(self, done: int, total: int) -> None:
        self.report(done, total)

    def is_cancelled(self) -> bool:
        return self._task.is_cancelled()


class Task(QObject):
    """A handle on one submitted job; its signals arrive on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)  # the exception; its traceback text is in .traceback
    progressed = Signal(int, int, str)
    finished = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._cancel = threading.Event()
        self.traceback = ""

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()


class _Runnable(QRunnable):
    def __init__(self, task: Task, body: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.task = task
        self.body = body

    def run(self) -> None:
        try:
            result = self.body()
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            self.task.traceback = traceback.format_exc()
            self.task.failed.emit(exc)
        else:
            self.task.succeeded.emit(result)
        self.task.finished.emit()


class TaskManager(QObject):
    """Runs jobs on the database lane or the compute lane; see the module docstring."""

    #: Emitted on the GUI thread for a failure no caller handled (the window shows it).
    unhandled_failure = Signal(object, str)
    #: Number of jobs running or queued, for a busy indicator.
    busy_changed = Signal(int)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._db_lane = QThreadPool(self)
        self._db_lane.setMaxThreadCount(1)
        self._db_lane.setExpiryTimeout(-1)
        self._compute_lane = QThreadPool(self)
        self._live: set[Task] = set()

    # -- submitting work -------------------------------------------------------------
    def run(
        self,
        fn: Callable[[Store], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        name: str = "",
    ) -> Task:
        """Run ``fn(store)`` on the database lane."""
        task = Task(name or getattr(fn, "__name__", "task"))
        return self._submit(self._db_lane, task, lambda: fn(self.store), on_success, on_failure)

    def run_long(
        self,
        fn: Callable[[Store, Progress], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        *,
        name: str = "",
    ) -> Task:
        """Run ``fn(store, progress)`` on the database lane, with progress and Cancel."""
        task = Task(name or getattr(fn, "__name__", "task"))
        progress = Progress(task)
        if on_progress:
            task.progressed.connect(on_progress)
        return self._submit(
            self._db_lane, task, lambda: fn(self.store, progress), on_success, on_failure
        )

    def run_compute(
        self,
        fn: Callable[[Progress], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        *,
        name: str = "",
    ) -> Task:
        """Run ``fn(progress)`` on the compute lane (no database access from there)."""
        task = Task(name or getattr(fn, "__name__", "task"))
        progress = Progress(task)
        if on_progress:
            task.progressed.connect(on_progress)
        return self._submit(self._compute_lane, task, lambda: fn(progress), on_success, on_failure)

    def call(self, fn: Callable[[Store], Any], timeout: float = 30.0) -> Any:
        """Run ``fn(store)`` on the database lane and wait for it (closing the window only)."""
        done = threading.Event()
        box: dict[str, Any] = {}

        def body() -> None:
            try:
                box["result"] = fn(self.store)
            except BaseException as exc:
                box["error"] = exc
            finally:
                done.set()

        runnable = QRunnable.create(body)
        self._db_lane.start(runnable)
        if not done.wait(timeout):
            raise TimeoutError("The database did not answer in time.")
        if "error" in box:
            raise box["error"]
        return box.get("result")

    def wait(self, msecs: int = -1) -> bool:
        """Wait for every queued job (tests, shutdown)."""
        ok1 = self._db_lane.waitForDone(msecs)
        ok2 = self._compute_lane.waitForDone(msecs)
        return bool(ok1 and ok2)

    @property
    def pending(self) -> int:
        return len(self._live)

    # -- plumbing --------------------------------------------------------------------
    def _submit(
        self,
        lane: QThreadPool,
        task: Task,
        body: Callable[[], Any],
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
    ) -> Task:
        if on_success:
            task.succeeded.connect(on_success)
        if on_failure:
            task.failed.connect(on_failure)
        else:
            task.failed.connect(lambda exc, t=task: self._unhandled(t, exc))
        task.finished.connect(lambda t=task: self._done(t))
        self._live.add(task)
        self.busy_changed.emit(len(self._live))
        lane.start(_Runnable(task, body))
        return task

    def _done(self, task: Task) -> None:
        self._live.discard(task)
        self.busy_changed.emit(len(self._live))

    def _unhandled(self, task: Task, exc: BaseException) -> None:
        log.error("Task %s failed:\n%s", task.name, task.traceback)
        self.unhandled_failure.emit(exc, task.traceback)
