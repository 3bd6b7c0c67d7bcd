"""Run database and other long work off the GUI thread (after Anki's ``CollectionOp``).

One :class:`TaskManager` per window owns:

- the *database lane*: a pool with exactly one thread, so every read and write of the
  local store runs there, one after another (the store's single-writer rule), and
- the *compute lane*: a normal pool for work that never touches the database;
- the *apart lane*: one thread for long work that writes the database on its own
  connection (sync), so the database lane stays free: opening a visit, listing visits
  and autosave go on meanwhile (WAL readers never wait; a writer waits at most for one
  of its short transactions).

A job is a plain function. Its result or exception is delivered back on the GUI thread
through the ``on_success`` / ``on_failure`` callbacks (queued signals); a long job also
gets a :class:`Progress` to report ``(done, total, label)`` and to check for Cancel.
Jobs never touch widgets; callbacks do.

The lanes are plain Python thread pools and workers never create, hold the last
reference to, or destroy a Qt wrapper object: a worker only calls the job and hands its
outcome, by job number, to one long-lived relay object. shiboken6 destroying a wrapper
on a worker thread (QThreadPool deleting a Python QRunnable after ``run``) races with
the GUI thread and crashes in ``BindingManager::releaseWrapper``; here the job, its
result and its Task are all released on the GUI thread.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
import traceback
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from fieldkit.store import Store

log = logging.getLogger(__name__)


class Progress:
    """Handed to long jobs: report progress, and see whether the user pressed Cancel.

    Safe to use from the worker: it holds no Qt object but the manager's relay.
    """

    def __init__(self, relay: _Relay, job_id: int, cancel: threading.Event) -> None:
        self._relay = relay
        self._job_id = job_id
        self._cancel = cancel

    def report(self, done: int, total: int, label: str = "") -> None:
        self._relay.progressed.emit(self._job_id, done, total, label)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # Convenience for core functions that take ``progress=`` and ``cancelled=`` callables.
    def __call__(self, done: int, total: int) -> None:
        self.report(done, total)

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()


class Task(QObject):
    """A handle on one submitted job; its signals are emitted on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)  # the exception; its traceback text is in .traceback
    progressed = Signal(int, int, str)
    finished = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._cancel = threading.Event()
        self.traceback = ""

    #: True when the manager was closed before this job could start: it never ran.
    dropped = False

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()


class _Relay(QObject):
    """Lives on the GUI thread as long as its manager; workers emit these (queued)."""

    done = Signal(int)  # job number: its outcome is in the manager's table
    progressed = Signal(int, int, int, str)


@dataclass
class _Job:
    task: Task | None
    body: Callable[[], Any]
    # Set by the worker: ("ok", result, "") or ("failed", exception, traceback text).
    outcome: tuple[str, Any, str] | None = None
    finished: threading.Event = field(default_factory=threading.Event)


def _shutdown(*lanes: ThreadPoolExecutor) -> None:
    for lane in lanes:
        lane.shutdown(wait=False)


class TaskManager(QObject):
    """Runs jobs on the database lane or the compute lane; see the module docstring."""

    #: Emitted on the GUI thread for a failure no caller handled (the window shows it).
    unhandled_failure = Signal(object, str)
    #: Number of jobs running or queued, for a busy indicator.
    busy_changed = Signal(int)

    #: Every live manager, so whoever closes a store can first let their jobs end.
    _instances: weakref.WeakSet[TaskManager] = weakref.WeakSet()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        TaskManager._instances.add(self)
        self._db_lane = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldkit-db")
        self._compute_lane = ThreadPoolExecutor(
            max_workers=max(2, os.cpu_count() or 2), thread_name_prefix="fieldkit-compute"
        )
        self._apart_lane = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldkit-apart")
        # The idle threads end when the manager is garbage-collected.
        weakref.finalize(self, _shutdown, self._db_lane, self._compute_lane, self._apart_lane)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._relay.progressed.connect(self._progressed)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._jobs: dict[int, _Job] = {}
        self._futures: set[Future[None]] = set()
        self._live: set[Task] = set()
        self._closed = False

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
        store = self.store
        return self._submit(self._db_lane, task, lambda: fn(store), on_success, on_failure, None)

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
        store = self.store
        return self._submit(
            self._db_lane,
            task,
            lambda progress: fn(store, progress),
            on_success,
            on_failure,
            on_progress,
            with_progress=True,
        )

    def run_apart(
        self,
        fn: Callable[[Store, Progress], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        *,
        name: str = "",
    ) -> Task:
        """Run ``fn(store, progress)`` on the apart lane, with a connection of its own to
        the same database file (opened for the job, closed after it).

        For long work that writes in many short transactions (a sync): the database lane
        stays free meanwhile. A store with no file (tests in memory) runs it on the
        database lane instead.
        """
        home = self.store.home
        if home is None:
            return self.run_long(fn, on_success, on_failure, on_progress, name=name)
        user, clock = self.store.user, self.store.clock

        def body(progress: Progress) -> Any:
            own = Store.open(home, user=user, clock=clock, check_same_thread=False)
            try:
                return fn(own, progress)
            finally:
                own.close()

        task = Task(name or getattr(fn, "__name__", "task"))
        return self._submit(
            self._apart_lane, task, body, on_success, on_failure, on_progress, with_progress=True
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
        return self._submit(
            self._compute_lane, task, fn, on_success, on_failure, on_progress, with_progress=True
        )

    def call(self, fn: Callable[[Store], Any], timeout: float = 30.0) -> Any:
        """Run ``fn(store)`` on the database lane and wait for it (closing the window only)."""
        if self._closed:
            raise RuntimeError("The window's tasks are closed: its store may be closed too.")
        store = self.store
        job = _Job(None, lambda: fn(store))
        job_id = self._add(job)
        self._futures.add(self._db_lane.submit(self._work, job_id, None))
        if not job.finished.wait(timeout):
            raise TimeoutError("The database did not answer in time.")
        with self._lock:
            del self._jobs[job_id]
        assert job.outcome is not None
        kind, value, _trace = job.outcome
        if kind == "failed":
            raise value
        return value

    def wait(self, msecs: int = -1) -> bool:
        """Wait for every queued job (tests, shutdown)."""
        pending = [f for f in self._futures if not f.done()]
        self._futures = set(pending)
        if not pending:
            return True
        _done, not_done = wait_futures(pending, timeout=None if msecs < 0 else msecs / 1000)
        return not not_done

    def close(self, msecs: int = -1) -> bool:
        """Start no job from now on, and wait for those queued or running (``msecs``,
        -1: as long as they take). True when none is left.

        Before the store is closed: a job submitted later (a status refresh answering a
        signal that was still queued when the window closed) would otherwise run on a
        closed connection, or worse, start just before it closes: SQLCipher crashes on a
        connection closed under a running query."""
        self._closed = True
        return self.wait(msecs)

    @property
    def closed(self) -> bool:
        return self._closed

    @classmethod
    def close_all_using(cls, store: Store, msecs: int = 60_000) -> bool:
        """Close every manager working on ``store`` (see :meth:`close`): True when no job
        is left on it, so the store may be closed."""
        managers = [m for m in list(cls._instances) if m.store is store]
        for manager in managers:
            manager._closed = True  # all of them first: none may start a job meanwhile
        return all(m.wait(msecs) for m in managers)

    @property
    def pending(self) -> int:
        return len(self._live)

    # -- plumbing --------------------------------------------------------------------
    def _add(self, job: _Job) -> int:
        job_id = next(self._ids)
        with self._lock:
            self._jobs[job_id] = job
        return job_id

    def _submit(
        self,
        lane: ThreadPoolExecutor,
        task: Task,
        body: Callable[..., Any],
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
        *,
        with_progress: bool = False,
    ) -> Task:
        if on_success:
            task.succeeded.connect(on_success)
        if on_failure:
            task.failed.connect(on_failure)
        else:
            task.failed.connect(lambda exc, t=task: self._unhandled(t, exc))
        if on_progress:
            task.progressed.connect(on_progress)
        if self._closed:
            # The window is gone and its store is (about to be) closed: nothing runs.
            log.debug("task %s not started: its manager is closed", task.name)
            task.dropped = True
            return task
        job_id = next(self._ids)
        if with_progress:
            progress = Progress(self._relay, job_id, task._cancel)
            job = _Job(task, lambda: body(progress))
        else:
            job = _Job(task, body)
        with self._lock:
            self._jobs[job_id] = job
        self._live.add(task)
        self.busy_changed.emit(len(self._live))
        self._futures = {f for f in self._futures if not f.done()}
        self._futures.add(lane.submit(self._work, job_id, self._relay))
        return task

    def _work(self, job_id: int, relay: _Relay | None) -> None:
        """On a worker: run the job, park its outcome in the table, tell the GUI thread.

        The table keeps the job, its result and its exception alive until the GUI
        thread takes them, so their last reference is always dropped there.
        """
        with self._lock:
            job = self._jobs[job_id]
        try:
            outcome = ("ok", job.body(), "")
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            outcome = ("failed", exc, traceback.format_exc())
        job.outcome = outcome
        del outcome, job
        with self._lock:
            finished = self._jobs[job_id].finished
        finished.set()
        if relay is not None:
            relay.done.emit(job_id)

    def _progressed(self, job_id: int, done: int, total: int, label: str) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is not None and job.task is not None:
            job.task.progressed.emit(done, total, label)

    def _deliver(self, job_id: int) -> None:
        with self._lock:
            job = self._jobs.pop(job_id)
        task, outcome = job.task, job.outcome
        assert task is not None and outcome is not None
        kind, value, trace = outcome
        if kind == "ok":
            task.succeeded.emit(value)
        else:
            task.traceback = trace
            task.failed.emit(value)
        task.finished.emit()
        self._live.discard(task)
        self.busy_changed.emit(len(self._live))

    def _unhandled(self, task: Task, exc: BaseException) -> None:
        log.error("Task %s failed:\n%s", task.name, task.traceback)
        self.unhandled_failure.emit(exc, task.traceback)
