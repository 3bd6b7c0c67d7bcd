"""One core per server process (Linux): each worker keeps every thread on one CPU.

A worker is one Python interpreter: its event loop and its thread pool (the database
calls) take turns on one GIL, and every SQLite or PostgreSQL call hands the GIL over and
takes it back. When the kernel runs those threads on different CPUs, each hand-over wakes a
thread on another CPU (a cross-CPU wake-up, costly on a virtual machine): in the load
benchmark a worker so spread spent a third of its time in the kernel's scheduler and used
6–7 ms of CPU per request instead of 2–2.5 ms, and the request rate fell by more than half
(bench load, SQLite, one worker: 174–185 ops/s spread, 434–489 ops/s on one CPU; docs/server.md).

So each worker process pins itself to one CPU of those it may use, the least taken by its
sibling workers, and checks again every few seconds: after a rolling restart (``SIGHUP``) or
a worker's replacement, workers that share a CPU while another is free spread out again.
The CPUs' affinity masks are the whole state (no file to go stale); a lock file serialises
the choices of workers that start together. Nothing here runs unless ``server run`` asks for
it (``--pin-cpus``, on by default); other platforms, or a process allowed only one CPU, are
left as they are.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Hashable, Iterable, Iterator, Mapping
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no placement there (see supported())
    fcntl = None  # type: ignore[assignment]

logger = logging.getLogger("fieldkit.server")

#: Seconds between two checks of a worker's placement.
CHECK_EVERY = 2.0

#: The environment variables ``server run`` hands its workers: the supervisor's pid (its
#: workers are that process's children; with one worker, the worker itself) and the lock.
GROUP_ENV = "FIELDKIT_SERVER_CPU_GROUP"
LOCK_ENV = "FIELDKIT_SERVER_CPU_LOCK"


def supported() -> bool:
    return (
        fcntl is not None and hasattr(os, "sched_setaffinity") and Path("/proc/self/task").is_dir()
    )


def allowed_cpus() -> list[int]:
    return sorted(os.sched_getaffinity(0))


def choose(
    allowed: Iterable[int],
    taken: Iterable[int],
    current: int | None,
    cores: Mapping[int, Hashable] | None = None,
) -> int:
    """The CPU a worker should be on: ``taken`` lists the CPU of each of its siblings
    (itself not included), ``current`` is its own CPU if it is pinned to one already, and
    ``cores`` says which CPUs are hyper-threads of one core (CPU → core; by default each
    CPU is a core of its own).

    It takes the CPU with the fewest workers, among those the core with the fewest, then
    the lowest. Pinned already, it moves only when that is strictly better: to a CPU with
    fewer workers, or as many but on a core with fewer. Each such move makes the spread
    more even, so workers that keep checking settle and never take turns moving."""
    cpus = sorted(set(allowed))
    core_of = {cpu: (cores or {}).get(cpu, ("cpu", cpu)) for cpu in cpus}
    per_cpu = dict.fromkeys(cpus, 0)
    per_core: dict[Hashable, int] = dict.fromkeys(core_of.values(), 0)
    for cpu in taken:
        if cpu in per_cpu:
            per_cpu[cpu] += 1
            per_core[core_of[cpu]] += 1

    def load(cpu: int) -> tuple[int, int]:
        return per_cpu[cpu], per_core[core_of[cpu]]

    best = min(cpus, key=lambda cpu: (*load(cpu), cpu))
    if current in per_cpu and load(current) <= load(best):
        return current
    return best


def cores_of(cpus: Iterable[int]) -> dict[int, str]:
    """CPU → the hyper-threads sharing its core (Linux sysfs; a CPU whose topology cannot
    be read counts as a core of its own)."""
    out = {}
    for cpu in cpus:
        siblings = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list")
        try:
            out[cpu] = siblings.read_text().strip()
        except OSError:
            out[cpu] = f"cpu{cpu}"
    return out


def _pinned_cpu(pid: int) -> int | None:
    """The one CPU ``pid``'s main thread is pinned to, or None (not pinned, or gone)."""
    try:
        mask = os.sched_getaffinity(pid)
    except OSError:
        return None
    return next(iter(mask)) if len(mask) == 1 else None


def children_of(parent: int) -> list[int]:
    """The processes whose parent is ``parent``."""
    listing = Path(f"/proc/{parent}/task/{parent}/children")
    with contextlib.suppress(OSError):
        return [int(pid) for pid in listing.read_text().split()]
    return scan_children(parent)  # kernels without CONFIG_PROC_CHILDREN


def scan_children(parent: int) -> list[int]:
    """The processes whose parent is ``parent``, found by reading every /proc/PID/stat."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the fields follow the last ')'.
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            found.append(int(entry.name))
    return found


def _pin_all_threads(cpu: int) -> None:
    """Every thread of this process on ``cpu`` (threads started meanwhile inherit the mask
    of the thread that starts them, so a second pass catches any the first one missed)."""
    for _ in range(3):
        moved = False
        for tid in os.listdir("/proc/self/task"):
            with contextlib.suppress(OSError):  # a thread that just ended
                if os.sched_getaffinity(int(tid)) != {cpu}:
                    os.sched_setaffinity(int(tid), {cpu})
                    moved = True
        if not moved:
            return


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Placement:
    """This process's CPU among its sibling workers (see the module's docstring)."""

    def __init__(self, group: int, lock: Path, allowed: list[int]) -> None:
        self.group, self.lock, self.allowed = group, lock, allowed
        self.cores = cores_of(allowed)

    @property
    def cpu(self) -> int | None:
        """The CPU this process is on, or None before it is placed (its mask is the state)."""
        return _pinned_cpu(os.getpid())

    def place(self) -> int:
        """Pin this process where :func:`choose` says; returns the CPU."""
        me = os.getpid()
        with _locked(self.lock):
            siblings = [] if self.group == me else children_of(self.group)
            taken = [_pinned_cpu(pid) for pid in siblings if pid != me]
            current = _pinned_cpu(me)
            cpu = choose(self.allowed, [c for c in taken if c is not None], current, self.cores)
            # Every time, not only on a move: a thread started while the last pass ran may
            # still have the mask it was born with.
            _pin_all_threads(cpu)
            if cpu != current:
                if current is not None:
                    logger.info("worker %d moved from CPU %d to CPU %d", me, current, cpu)
        return cpu

    def keep(self) -> None:
        """Place now, then check again every CHECK_EVERY seconds on a daemon thread (it
        ends with the worker process)."""
        self.place()
        threading.Thread(target=self._run, name="fieldkit-cpu-placement", daemon=True).start()

    def _run(self) -> None:
        while True:
            time.sleep(CHECK_EVERY)
            try:
                self.place()
            except OSError as exc:  # the lock's folder gone (server being removed): stay put
                logger.warning("CPU placement stopped: %s", exc)
                return


def environment(lock: Path) -> dict[str, str]:
    """What ``server run`` hands its workers so that they pin themselves (its own pid is the
    group: with several workers they are its children, with one it is the worker)."""
    return {GROUP_ENV: str(os.getpid()), LOCK_ENV: str(lock)}


def from_environment(env: dict[str, str] | os._Environ[str]) -> Placement | None:
    """The placement ``server run`` asked for, or None (not asked, not Linux, one CPU)."""
    if GROUP_ENV not in env or not supported():
        return None
    allowed = allowed_cpus()
    if len(allowed) < 2:
        return None
    return Placement(int(env[GROUP_ENV]), Path(env[LOCK_ENV]), allowed)
