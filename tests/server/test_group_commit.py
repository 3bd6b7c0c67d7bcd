"""Pushes that wait for the write lock are applied together, one transaction per group.

Each push still gets its own results, in order; an unexpected failure undoes only its own
push; a failed commit fails every push of the group and keeps nothing of them.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from fieldkit.server.group_commit import GroupCommit
from tests.server.conftest import place_op
from tests.server.test_pool import SequenceLockHolder

PUSHES = 12


def _wait_until(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_pushes_waiting_for_the_lock_share_one_transaction(api):
    sync = api.state.sync
    agent = api.state.accounts.authenticate(api.token("agent-bzh"))
    # Count the write transactions pushes open (reads commit too on PostgreSQL).
    transactions: list[int] = []
    begin = sync._pushes._begin

    @contextmanager
    def counted():
        transactions.append(1)
        with begin() as conn:
            yield conn

    sync._pushes._begin = counted
    try:
        with ThreadPoolExecutor(PUSHES) as pool:
            with SequenceLockHolder(api):
                futures = [
                    pool.submit(sync.push, agent, [place_op(f"grouped-{i}")]) for i in range(PUSHES)
                ]
                # One push leads (blocked on the lock); every other one queues behind it.
                _wait_until(lambda: len(sync._pushes._queue) == PUSHES - 1)
            results = [f.result(timeout=30) for f in futures]
    finally:
        sync._pushes._begin = begin
    assert [r[0]["status"] for r in results] == ["applied"] * PUSHES
    assert {r[0]["record"]["id"] for r in results} == {f"grouped-{i}" for i in range(PUSHES)}
    # Each push got its own place in the change sequence.
    assert len({r[0]["record"]["seq"] for r in results}) == PUSHES
    # The leader's own push, then the eleven queued behind it: two commits, not twelve.
    assert len(transactions) == 2
    assert sync._pushes.last_group_size == PUSHES - 1
    pulled = api.pull("coordinator")
    assert {r["id"] for r in pulled["records"]} == {f"grouped-{i}" for i in range(PUSHES)}


@pytest.fixture
def scratch_table(api):
    with api.state.db.write() as conn:
        conn.execute(text("CREATE TABLE group_commit_scratch (value INTEGER)"))
    return api.state.db


def _insert_values(conn, values: list[int]) -> list[int]:
    """The group's work: one row per value; value 2 fails (after writing its row)."""
    for value in values:
        conn.execute(text("INSERT INTO group_commit_scratch VALUES (:v)"), {"v": value})
        if value == 2:
            raise RuntimeError("push 2 failed")
    return values


def _values(database) -> list[int]:
    with database.read() as conn:
        return sorted(
            v for (v,) in conn.execute(text("SELECT value FROM group_commit_scratch")).all()
        )


LEADER = -1  # the first caller's item: its work holds the lead until released


def _run_as_one_group(group: GroupCommit, items: list[int], release: threading.Event):
    """Queue ``items`` while another caller leads, so that they form the next group."""
    outcomes: list[tuple[object, object]] = [(None, None)] * len(items)

    def call(i: int) -> None:
        try:
            outcomes[i] = (group.run(items[i]), None)
        except Exception as exc:
            outcomes[i] = (None, exc)

    with ThreadPoolExecutor(len(items) + 1) as pool:
        pool.submit(group.run, LEADER)
        _wait_until(lambda: group._leading)
        done = [pool.submit(call, i) for i in range(len(items))]
        _wait_until(lambda: len(group._queue) == len(items))
        release.set()
        for f in done:
            f.result(timeout=20)
    assert group.last_group_size == len(items)
    return outcomes


def _holding_the_lead(release: threading.Event):
    def apply(conn, values):
        if values == [LEADER]:
            release.wait(10)
            return values
        return _insert_values(conn, values)

    return apply


def test_an_unexpected_failure_undoes_only_its_own_push(scratch_table):
    release = threading.Event()
    group = GroupCommit(scratch_table.write, _holding_the_lead(release))
    outcomes = _run_as_one_group(group, [1, 2, 3], release)
    assert outcomes[0] == (1, None) and outcomes[2] == (3, None)
    assert outcomes[1][0] is None and str(outcomes[1][1]) == "push 2 failed"
    # The group failed as a whole (nothing kept), then each push was applied alone.
    assert group.groups_retried == 1
    assert _values(scratch_table) == [1, 3]


def test_a_failed_commit_fails_every_push_of_the_group_and_keeps_none(scratch_table):
    release = threading.Event()

    @contextmanager
    def begin():
        with scratch_table.write() as conn:
            yield conn
            if release.is_set():  # every commit after the lead is released fails
                raise OSError("disk full at commit")

    group = GroupCommit(begin, _holding_the_lead(release))
    outcomes = _run_as_one_group(group, [1, 3, 4], release)
    assert all(result is None and isinstance(exc, OSError) for result, exc in outcomes)
    assert _values(scratch_table) == []
