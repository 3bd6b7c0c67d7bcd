"""Several reports at once (``fieldkit report --all``, the app's reports dialog): one PDF
per région and the national summary, on every CPU, each failure said and the others built
all the same.

Every report is built by the same code whichever process runs it, from the same database
and the same options (the printing date and author fixed here, the clock frozen), in
ReportLab's invariant mode: a parallel build writes the same bytes as a serial one.
Worker processes are started with "spawn" (forking a process that holds threads, Qt or an
open SQLite connection is unsafe), open the data directory themselves, and get the data
key of an encrypted one from this process (it may have been unlocked with a passphrase no
worker could ask for).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import multiprocessing
import os
import queue as queue_module
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fieldkit import encryption
from fieldkit.errors import FieldKitError
from fieldkit.paths import Home
from fieldkit.reports.model import (
    AllReportsResult,
    CancelCheck,
    ProgressCallback,
    ReportCancelled,
    ReportFailure,
    ReportOptions,
    ReportResult,
)
from fieldkit.reports.national import (
    NATIONAL_FILENAME,
    build_national_summary,
    regions_with_visits,
    visits_per_region,
)
from fieldkit.reports.region import build_region_report, region_filename
from fieldkit.store import Store

log = logging.getLogger(__name__)

#: The progress label while the national summary is built (régions are named by code).
NATIONAL = "national"
# A worker sends its progress at most every this much of its report (a queue message each).
PROGRESS_STEP = 0.02
POLL_SECONDS = 0.1


def default_jobs() -> int:
    """The CPUs this process may run on (a container's or taskset's limit, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class _Job:
    region: str  # INSEE code, "" for the national summary
    path: Path


@dataclass(frozen=True)
class _Outcome:
    region: str
    result: ReportResult | None = None
    failure: ReportFailure | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class _Mission:
    """What a worker needs to see the mission as the caller does."""

    home: str
    user: str
    now: dt.datetime
    key: bytes | None


def build_all_reports(
    store: Store,
    out_dir: str | os.PathLike[str],
    options: ReportOptions | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    *,
    regions: Sequence[str] | None = None,
    national: bool = True,
    jobs: int | None = None,
) -> AllReportsResult:
    """One PDF per région (``regions``, or every région with visits) and, if ``national``,
    the national summary, in ``out_dir``; ``jobs`` processes (default: every CPU).

    A report that fails is in ``failures`` (with why) and the others are built; Cancel
    stops the build with ``cancelled`` set, the finished files staying. ``progress`` gets
    (fraction of the whole, the région code being built or ``"national"``).
    """
    options = (options or ReportOptions()).validated()
    # Fixed here, not by each worker's own clock and user: every process builds the same.
    options = replace(
        options,
        printed_on=options.printed_on or store.today(),
        author=options.author if options.author is not None else store.user,
    )
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    counts = visits_per_region(store, options)
    codes = list(regions) if regions is not None else regions_with_visits(counts)
    work = [_Job(code, folder / region_filename(code)) for code in codes]
    if national:
        work.append(_Job("", folder / NATIONAL_FILENAME))
    tracker = _Tracker(len(work), progress)
    workers = min(jobs or default_jobs(), len(work))
    if workers <= 1 or store.home is None:  # an in-memory store cannot be shared
        outcomes = _serial(store, work, options, tracker, cancelled)
    else:
        # Longest first (by visits), the national summary last: two workers finish together.
        order = sorted(
            range(len(work)),
            key=lambda i: (work[i].region == "", -counts.get(work[i].region, 0), i),
        )
        outcomes = _parallel(store, work, order, options, tracker, cancelled, workers)
    if progress is not None:
        progress(1.0, "done")
    by_region = {o.region: o for o in outcomes}
    done = [by_region[j.region] for j in work if j.region in by_region]
    return AllReportsResult(
        regions=[o.result for o in done if o.result is not None and o.region],
        national=next((o.result for o in done if o.result is not None and not o.region), None),
        failures=[o.failure for o in done if o.failure is not None],
        cancelled=any(o.cancelled for o in done) or len(done) < len(work),
    )


class _Tracker:
    """The whole build's progress from each report's own fraction."""

    def __init__(self, total: int, progress: ProgressCallback | None) -> None:
        self.fractions = [0.0] * max(1, total)
        self.progress = progress

    def update(self, index: int, fraction: float, label: str) -> None:
        self.fractions[index] = max(self.fractions[index], min(1.0, fraction))
        if self.progress is not None:
            self.progress(min(0.999, sum(self.fractions) / len(self.fractions)), label)


def _label(job: _Job) -> str:
    return job.region or NATIONAL


def _run(
    store: Store,
    job: _Job,
    options: ReportOptions,
    progress: ProgressCallback,
    cancelled: CancelCheck | None,
) -> _Outcome:
    """One report; any failure becomes the outcome (the other reports go on)."""
    try:
        if job.region:
            result = build_region_report(store, job.region, job.path, options, progress, cancelled)
        else:
            result = build_national_summary(store, job.path, options, cancelled=cancelled)
    except ReportCancelled:
        return _Outcome(job.region, cancelled=True)
    except OSError as exc:  # the disk, not the data: say which file and why
        reason = exc.strerror or str(exc) or type(exc).__name__
        failure = ReportFailure(
            job.region,
            f"{job.path} could not be written: {reason}.",
            "report_not_written",
            {"path": str(job.path), "reason": reason},
        )
        return _Outcome(job.region, failure=failure)
    except Exception as exc:  # noqa: BLE001 - one report's failure must not stop the others
        if not isinstance(exc, FieldKitError):
            log.exception("report %s failed", _label(job))
        return _Outcome(job.region, failure=ReportFailure.of(job.region, exc))
    return _Outcome(job.region, result=result)


def _serial(
    store: Store,
    work: list[_Job],
    options: ReportOptions,
    tracker: _Tracker,
    cancelled: CancelCheck | None,
) -> list[_Outcome]:
    outcomes: list[_Outcome] = []
    for index, job in enumerate(work):
        if cancelled is not None and cancelled():
            break

        def report(fraction: float, _what: str, index: int = index, job: _Job = job) -> None:
            tracker.update(index, fraction, _label(job))

        report(0.0, "")
        outcome = _run(store, job, options, report, cancelled)
        outcomes.append(outcome)
        if outcome.cancelled:
            break
        report(1.0, "")
    return outcomes


def _parallel(
    store: Store,
    work: list[_Job],
    order: list[int],
    options: ReportOptions,
    tracker: _Tracker,
    cancelled: CancelCheck | None,
    workers: int,
) -> list[_Outcome]:
    assert store.home is not None
    context = multiprocessing.get_context("spawn")
    messages: Any = context.Queue()
    stop: Any = context.Event()
    mission = _Mission(
        home=str(store.home.root),
        user=store.user,
        now=store.clock(),
        key=encryption.data_key(store.home),
    )
    outcomes: list[_Outcome] = []
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(mission, messages, stop)
    ) as pool:
        futures: dict[Future[_Outcome], int] = {
            pool.submit(_worker_job, index, work[index], options): index for index in order
        }
        pending = set(futures)
        try:
            while pending:
                finished, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                _drain(messages, work, tracker)
                if cancelled is not None and cancelled() and not stop.is_set():
                    stop.set()  # running reports stop at their next check
                    for future in pending:
                        future.cancel()  # those not started never start
                for future in finished:
                    index = futures[future]
                    outcomes.append(_collected(future, work[index]))
                    tracker.update(index, 1.0, _label(work[index]))
        except BaseException:
            stop.set()
            for future in pending:
                future.cancel()
            raise
        finally:
            _drain(messages, work, tracker)
    messages.close()
    messages.join_thread()
    return outcomes


def _collected(future: Future[_Outcome], job: _Job) -> _Outcome:
    if future.cancelled():
        return _Outcome(job.region, cancelled=True)
    try:
        return future.result()
    except BrokenProcessPool as exc:  # a worker died (out of memory, killed)
        failure = ReportFailure(
            job.region,
            f"The process building it stopped unexpectedly ({exc}).",
            "report_worker_died",
        )
        return _Outcome(job.region, failure=failure)
    except Exception as exc:  # noqa: BLE001 - e.g. a result that could not come back
        return _Outcome(job.region, failure=ReportFailure.of(job.region, exc))


def _drain(messages: Any, work: list[_Job], tracker: _Tracker) -> None:
    while True:
        try:
            index, fraction = messages.get_nowait()
        except queue_module.Empty:
            return
        tracker.update(index, fraction, _label(work[index]))


# -- in the worker processes ------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _start_worker(mission: _Mission, messages: Any, stop: Any) -> None:
    _worker.update(mission=mission, messages=messages, stop=stop, store=None)


def _frozen_clock(now: dt.datetime) -> dt.datetime:
    return now


def _worker_store() -> Store:
    store = _worker.get("store")
    if store is None:
        mission: _Mission = _worker["mission"]
        home = Home(Path(mission.home))
        if mission.key is not None:
            encryption.remember_key(home, mission.key)
        store = Store.open(
            home, user=mission.user, clock=functools.partial(_frozen_clock, mission.now)
        )
        _worker["store"] = store
    return store


def _worker_job(index: int, job: _Job, options: ReportOptions) -> _Outcome:
    messages, stop = _worker["messages"], _worker["stop"]
    if stop.is_set():
        return _Outcome(job.region, cancelled=True)
    sent = [-1.0]

    def report(fraction: float, _what: str) -> None:
        if fraction - sent[0] >= PROGRESS_STEP:
            sent[0] = fraction
            messages.put((index, fraction))

    report(0.0, "")
    try:
        store = _worker_store()
    except Exception as exc:  # noqa: BLE001 - said as this report's failure
        return _Outcome(job.region, failure=ReportFailure.of(job.region, exc))
    return _run(store, job, options, report, stop.is_set)
