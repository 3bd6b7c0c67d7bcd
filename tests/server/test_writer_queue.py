"""SQLite writers queue on a lock file across worker processes, not in SQLite's busy handler.

With ``--workers N`` on SQLite, a push waiting for another process's write transaction used
to wait in SQLite's busy handler, which sleeps and polls (up to 100 ms a turn): under load
two workers gave a push p95 of about 2 s. Writers now take an exclusive ``flock`` on
``server.db.writers`` first, and the kernel wakes the next one when it is released.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import text

from fieldkit.server.db import Database, WriterQueue, default_url

HOLDER = """
import sys
from fieldkit.server.db import Database
db = Database(sys.argv[1])
with db.write():
    print("held", flush=True)
    sys.stdin.readline()
db.dispose()
"""


def _locked_elsewhere(path) -> bool:
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


@pytest.fixture
def database(tmp_path):
    db = Database(default_url(tmp_path))
    db.migrate()
    yield db
    db.dispose()


def test_a_writer_in_another_process_waits_on_the_lock_file(database, tmp_path):
    lock_file = tmp_path / "server.db.writers"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, default_url(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert _locked_elsewhere(lock_file)
        entered = threading.Event()

        def write() -> None:
            with database.write() as conn:
                conn.execute(text("UPDATE counters SET value = value WHERE name = 'seq'"))
                entered.set()

        waiter = threading.Thread(target=write)
        waiter.start()
        # Still queued while the other process holds the lock (no "database is locked").
        assert not entered.wait(0.5)
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(10) == 0
        waiter.join(10)
        assert entered.is_set()
    finally:
        if holder.poll() is None:
            holder.kill()
    assert not _locked_elsewhere(lock_file)


def test_nested_writes_in_one_thread_keep_the_lock_until_the_outermost_ends(database, tmp_path):
    lock_file = tmp_path / "server.db.writers"
    with database.write():
        with database._sqlite_writers:  # re-entered, as a nested write path does
            assert _locked_elsewhere(lock_file)
        assert _locked_elsewhere(lock_file)
    assert not _locked_elsewhere(lock_file)


def _waiting_in_queue(thread: threading.Thread) -> bool:
    """Whether ``thread`` is inside WriterQueue.__enter__ (taking the queue's lock)."""
    frame = sys._current_frames().get(thread.ident or -1)
    while frame is not None:
        if frame.f_code is WriterQueue.__enter__.__code__:
            return True
        frame = frame.f_back
    return False


def _until(condition, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def test_threads_of_one_process_take_turns(database):
    order: list[str] = []
    inside = threading.Event()
    release = threading.Event()

    def first() -> None:
        with database.write():
            order.append("first in")
            inside.set()
            release.wait(10)
            order.append("first out")

    def second() -> None:
        inside.wait(10)
        with database.write():
            order.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    inside.wait(10)
    # The second thread is in the queue (first still holds it) before the first leaves.
    assert _until(lambda: _waiting_in_queue(threads[1]))
    release.set()
    for t in threads:
        t.join(10)
    assert order == ["first in", "first out", "second in"]
