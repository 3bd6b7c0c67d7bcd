"""Pushes waiting on the change-sequence lock don't starve pulls and token checks.

Another connection holds the lock (as a long push would); twenty pushes pile up behind it.
Pulls and token checks must still answer meanwhile, and every push applies once the lock
is released. On PostgreSQL the waiting pushes used to hold every pooled connection.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing

import httpx

from tests.server.conftest import place_op

PUSHES = 20


class SequenceLockHolder:
    """Holds the change-sequence lock from outside the server until released."""

    def __init__(self, live_server) -> None:
        self.server = live_server
        self.url = live_server.database_url

    def __enter__(self) -> SequenceLockHolder:
        if self.url is None:
            self.conn = sqlite3.connect(self.server.data_dir / "server.db", isolation_level=None)
            self.conn.execute("BEGIN IMMEDIATE")
        else:
            import psycopg

            self.conn = psycopg.connect(self.url.replace("postgresql+psycopg", "postgresql"))
            self.conn.execute("SELECT value FROM counters WHERE name = 'seq' FOR UPDATE")
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.rollback()
        self.conn.close()


def _waiting_on_lock(live_server) -> int:
    """Server connections blocked on a lock (PostgreSQL), for the test's own patience."""
    import psycopg

    url = live_server.database_url.replace("postgresql+psycopg", "postgresql")
    with closing(psycopg.connect(url)) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        ).fetchone()
    return int(row[0]) if row else 0


def test_pulls_and_token_checks_answer_while_pushes_wait_on_a_lock(live_server):
    tokens = [live_server.login("agent-bzh", device_name=f"laptop-{i}") for i in range(PUSHES)]
    reader = {"Authorization": f"Bearer {live_server.login('coordinator')}"}
    with SequenceLockHolder(live_server) as _holder:

        def push(i: int) -> int:
            response = httpx.post(
                f"{live_server.url}/api/v1/sync/push",
                json={"ops": [place_op(f"p{i}")]},
                headers={"Authorization": f"Bearer {tokens[i]}"},
                timeout=120,
            )
            assert response.json()["results"][0]["status"] == "applied", response.text
            return response.status_code

        pool = ThreadPoolExecutor(PUSHES)
        pushes = [pool.submit(push, i) for i in range(PUSHES)]
        if live_server.database_url is not None:
            # Group commit: one push (the group's leader) waits on the row lock with a
            # connection; the others wait in the process for the next group, without one.
            deadline = time.monotonic() + 20
            while _waiting_on_lock(live_server) < 1 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _waiting_on_lock(live_server) >= 1
        # Every push reached the server and waits there (for the lock, or for the group
        # ahead of it): none can be answered while the lock is held.
        deadline = time.monotonic() + 20
        while live_server.state.sync.pushes_pending() < PUSHES and time.monotonic() < deadline:
            time.sleep(0.02)
        assert live_server.state.sync.pushes_pending() == PUSHES
        assert not any(p.done() for p in pushes), "the lock did not hold the pushes"
        # While they wait: a pull, a token check, a login. Generous timeouts, but not the
        # 30 s a request waits for a pooled connection.
        with httpx.Client(base_url=live_server.url, headers=reader, timeout=10) as http:
            for _ in range(3):
                assert http.get("/api/v1/sync/pull").status_code == 200
                assert http.get("/api/v1/auth/me").status_code == 200
        if live_server.database_url is not None:
            # A login writes (its throttle count): on PostgreSQL it needn't wait for the
            # pushes. SQLite has one writer for everything, so there it queues behind them.
            assert live_server.login("agent-occ", device_name="another")
    assert [p.result(timeout=120) for p in pushes] == [200] * PUSHES
    pool.shutdown()
    with httpx.Client(base_url=live_server.url, headers=reader, timeout=10) as http:
        records = http.get("/api/v1/sync/pull").json()["records"]
    assert sorted(r["id"] for r in records) == sorted(f"p{i}" for i in range(PUSHES))


def test_connections_are_kept_open_between_requests(api):
    """Twelve requests at a time, four times over: the pool opens twelve connections and
    keeps them. SQLAlchemy's default pool kept 5 (PostgreSQL: ours kept 10) and closed
    every connection returned beyond that, so under load a request in three opened a new
    one (on PostgreSQL a new server process each time)."""
    from sqlalchemy import event

    at_once, rounds = 12, 4
    engine = api.state.db.reader  # the writer's engine too, on PostgreSQL
    opened: list[int] = []

    def count(*_args: object) -> None:
        opened.append(1)

    event.listen(engine, "connect", count)
    together = threading.Barrier(at_once)

    def read(_n: int) -> int:
        with api.state.db.read() as conn:
            value = conn.exec_driver_sql("SELECT 1").scalar()
            together.wait(timeout=30)  # all twelve hold a connection at once
        return int(value)

    try:
        with ThreadPoolExecutor(at_once) as pool:
            for _ in range(rounds):
                assert list(pool.map(read, range(at_once))) == [1] * at_once
    finally:
        event.remove(engine, "connect", count)
    assert 0 < len(opened) <= at_once


def test_a_database_too_small_for_the_workers_pools_is_named_at_start(api):
    """`server run --workers N` warns when PostgreSQL's max_connections (the test cluster:
    300, 3 kept for superusers) cannot hold N pools of 20; SQLite has no such limit."""
    db = api.state.db
    assert db.connection_shortfall(2) is None
    if api.database_url is None:
        assert db.connection_shortfall(50) is None
        return
    warning = db.connection_shortfall(15)
    assert warning is not None
    assert "300" in warning and "297" in warning and "300 PostgreSQL connections" in warning
    assert db.connection_shortfall(14) is None
