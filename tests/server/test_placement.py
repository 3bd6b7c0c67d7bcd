"""`fieldkit server run` keeps each worker on one CPU, spread over the CPUs it may use, and
spreads them again after a worker is replaced or a rolling restart (placement.py)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldkit.server import placement
from fieldkit.server.placement import children_of, choose
from tests.conftest_server import _users_template
from tests.server.test_workers import (
    _listening,
    _log_path,
    _running,
    _socket_owners,
)

ALLOWED = sorted(os.sched_getaffinity(0))
PINS = len(ALLOWED) >= 2 and placement.supported()


# -- the rule ---------------------------------------------------------------------------------
def _settle(
    cpus: list[int], workers: list[int | None], order: list[int], cores: dict[int, int]
) -> list[int | None]:
    """Each worker (in ``order``, again and again) places itself until none moves."""
    for _ in range(4 * len(workers) + 2):
        moved = False
        for i in order:
            others = [c for j, c in enumerate(workers) if j != i and c is not None]
            cpu = choose(cpus, others, workers[i], cores)
            moved |= cpu != workers[i]
            workers[i] = cpu
        if not moved:
            return workers
    raise AssertionError(f"workers still moving: {workers}")


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 4),
    st.sampled_from([1, 2]),
    st.booleans(),
    st.lists(
        st.tuples(st.sampled_from(["start", "die", "settle"]), st.integers(0, 63)), max_size=30
    ),
)
def test_workers_end_up_spread_and_stay_put(
    ncores: int, threads: int, adjacent: bool, events: list[tuple[str, int]]
):
    """Whatever the starts, deaths and checks (a rolling restart is starts and deaths),
    the workers end up spread (CPU counts differ by at most one; no two on one core while
    a core is free), and then nobody moves. Hyper-threads of a core are numbered side by
    side (0, 1 on core 0) or apart (0, ncores on core 0), as machines do both."""
    cpus = list(range(ncores * threads))
    cores = {cpu: cpu // threads if adjacent else cpu % ncores for cpu in cpus}
    workers: list[int | None] = []
    for event, n in events:
        if event == "start":
            others = [c for c in workers if c is not None]
            workers.append(choose(cpus, others, None, cores))
        elif event == "die" and workers:
            workers.pop(n % len(workers))
        else:
            order = list(range(len(workers)))
            order = order[n % max(len(order), 1) :] + order[: n % max(len(order), 1)]
            workers = _settle(cpus, workers, order, cores)
    workers = _settle(cpus, workers, list(range(len(workers))), cores)
    per_cpu = Counter(workers)
    per_core = Counter(cores[c] for c in workers if c is not None)
    if workers:
        assert max(per_cpu[c] for c in cpus) - min(per_cpu[c] for c in cpus) <= 1
    if len(workers) <= ncores:
        assert max(per_core.values(), default=0) <= 1, (workers, cores)
    assert _settle(cpus, list(workers), list(reversed(range(len(workers)))), cores) == workers


def test_a_worker_takes_the_least_taken_cpu_and_keeps_it_when_no_better():
    assert choose([0, 1], [], None) == 0
    assert choose([0, 1], [0], None) == 1
    assert choose([0, 1], [1], 0) == 0  # one each: stays
    assert choose([0, 1], [0], 0) == 1  # two on CPU 0, none on 1: moves
    assert choose([0, 1], [0, 1, 1], 0) == 0  # 2 and 2 after a move: no better, stays
    assert choose([2, 5], [7, 7], None) == 2  # CPUs it may not use are not counted
    # Two cores of two hyper-threads each (0 and 1 on one core): the second worker takes
    # the other core, and one found beside another moves there.
    ht = {0: "a", 1: "a", 2: "b", 3: "b"}
    assert choose([0, 1, 2, 3], [0], None, ht) == 2
    assert choose([0, 1, 2, 3], [0], 1, ht) == 2


# -- the real server ----------------------------------------------------------------------------
def _thread_masks(pid: int) -> set[frozenset[int]]:
    masks = set()
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            masks.add(frozenset(os.sched_getaffinity(int(tid))))
        except OSError:
            continue
    return masks


def _workers(supervisor: int, port: int) -> list[int]:
    owners = _socket_owners(children_of(supervisor))
    return sorted({owners[inode] for inode in _listening(port) if inode in owners})


def _spread(workers: list[int]) -> bool:
    """Every thread of each worker on one CPU, the workers spread over the CPUs."""
    cpus = []
    for pid in workers:
        masks = _thread_masks(pid)
        if len(masks) != 1 or len(next(iter(masks))) != 1:
            return False
        cpus.append(next(iter(next(iter(masks)))))
    counts = Counter(cpus)
    return max(counts[c] for c in ALLOWED) - min(counts[c] for c in ALLOWED) <= 1


def _wait(condition, seconds: float = 120) -> bool:
    """Polls until ``condition``: the deadline only ends a test that would wait forever (a
    busy machine's workers start and re-check their placement late, not wrongly)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_two_workers_each_keep_a_cpu_through_a_death_and_a_rolling_restart(tmp_path: Path):
    data = tmp_path / "srv"
    shutil.copytree(_users_template(), data)
    with _running(data, None) as (url, supervisor):
        port = int(url.rsplit(":", 1)[1])
        assert _wait(lambda: len(_workers(supervisor, port)) == 2)
        first = _workers(supervisor, port)
        assert _wait(lambda: _spread(first)), {p: _thread_masks(p) for p in first}
        if PINS:
            cpus = {next(iter(next(iter(_thread_masks(p))))) for p in first}
            assert len(cpus) == 2  # two CPUs: one each

        os.kill(first[0], signal.SIGKILL)
        assert _wait(lambda: len(set(_workers(supervisor, port)) - set(first)) == 1)
        replaced = _workers(supervisor, port)
        assert _wait(lambda: _spread(replaced)), {p: _thread_masks(p) for p in replaced}

        # A rolling restart: each new worker starts beside the one it replaces.
        os.kill(supervisor, signal.SIGHUP)
        assert _wait(lambda: not set(_workers(supervisor, port)) & set(replaced))
        restarted = _workers(supervisor, port)
        assert len(restarted) == 2
        assert _wait(lambda: _spread(restarted)), {p: _thread_masks(p) for p in restarted}
        assert httpx.get(f"{url}/api/v1/health", timeout=5).status_code == 200


def test_one_worker_is_kept_on_one_cpu_unless_told_not_to(tmp_path: Path):
    data = tmp_path / "srv"
    shutil.copytree(_users_template(), data)
    with _running(data, None, workers=1) as (url, pid):
        assert httpx.get(f"{url}/api/v1/health", timeout=5).status_code == 200
        expected = 1 if PINS else len(ALLOWED)
        assert {len(mask) for mask in _thread_masks(pid)} == {expected}
        assert len(_thread_masks(pid)) == 1  # every thread on the same CPU
    with _running(data, None, workers=1, extra=("--no-pin-cpus",)) as (url, pid):
        assert httpx.get(f"{url}/api/v1/health", timeout=5).status_code == 200
        assert _thread_masks(pid) == {frozenset(ALLOWED)}


def test_a_worker_that_cannot_take_its_lock_serves_unpinned_and_says_so(tmp_path: Path):
    """Only speed is at stake: a placement that fails (here the lock file is a folder)
    is a warning in the log, and the server answers."""
    data = tmp_path / "srv"
    shutil.copytree(_users_template(), data)
    (data / "workers.cpu.lock").mkdir()
    with _running(data, None, workers=1) as (url, pid):
        assert httpx.get(f"{url}/api/v1/health", timeout=5).status_code == 200
        assert _thread_masks(pid) == {frozenset(ALLOWED)}
    log = _log_path(data).read_text()
    if PINS:
        assert "not kept on one CPU" in log and "workers.cpu.lock" in log, log


def test_no_placement_where_it_cannot_work(monkeypatch):
    """Asked for, placement still stands aside without flock (Windows) or with one CPU."""
    env = {placement.GROUP_ENV: str(os.getpid()), placement.LOCK_ENV: "unused.lock"}
    assert placement.from_environment({}) is None  # not asked (--no-pin-cpus)
    monkeypatch.setattr(placement, "fcntl", None)
    assert placement.from_environment(env) is None
    monkeypatch.undo()
    monkeypatch.setattr(placement, "allowed_cpus", lambda: [3])
    assert placement.from_environment(env) is None
    if PINS:
        monkeypatch.undo()
        found = placement.from_environment(env)
        assert found is not None and found.allowed == ALLOWED and found.cpu is None


def test_both_ways_of_finding_a_process_children_agree():
    """/proc/PID/task/PID/children and the scan of every /proc/PID/stat (kernels without
    the first) both find this process's children, here two sleeping ones."""
    kids = [subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) for _ in "ab"]
    try:
        me = os.getpid()
        # (Only ours are compared: other children of the test process may come and go.)
        assert {k.pid for k in kids} <= set(placement.scan_children(me))
        assert {k.pid for k in kids} <= set(children_of(me))
        assert os.getppid() not in placement.scan_children(me)
    finally:
        for kid in kids:
            kid.kill()
            kid.wait()
