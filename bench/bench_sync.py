"""Sync over loopback: the real server (`fieldkit server run`, one worker) as a process of
its own on 127.0.0.1, real clients in this process.

The server runs apart, as it does in use (another machine): client and server each get a
core of their own and overlap, instead of sharing one interpreter's GIL as they did when
this benchmark ran the server in a thread (until 2026-12-01's fourth session; the first-sync
figures before that date are of that set-up). CPU is reported for each side: the client's
from this process, the server's from /proc for its process tree (``bench_load._tree_cpu``).

On the benchmark-size demo mission (1,800 places / 5,000 visits / 15,000 interviews):

- first full sync: records/s pushed by the client that made them, and pulled by a second,
  fresh client (wall clock; and records per CPU-second of client + server);
- incremental sync after editing one visit's notes: bytes on the wire both ways (request
  and response lines, headers and bodies), target ≤ 4 KB, printed beside the size of the
  SQLite file a naive file-copy sync would move;
- photo upload (the server in a thread of this process, as before: these rows compare
  with their history): MB/s through the sync protocol (blobs/missing, then tus: HEAD,
  POST, PATCH chunks) against one plain HTTP PUT of a blob of the same size to the same
  server, target ratio ≥ 0.7.
"""

from __future__ import annotations

import hashlib
import os
import socket
import statistics
import threading
import time
from pathlib import Path

import httpx
import keyring
import keyring.backends.fail
import uvicorn

from bench.bench_load import Server, _tree_cpu
from bench.common import Row, scratch
from fieldkit.demo import build_demo
from fieldkit.paths import Home
from fieldkit.server.app import create_app
from fieldkit.store import Store
from fieldkit.sync import SyncClient, SyncSummary, blob_file, credentials, login
from fieldkit.sync.transport import CountingTransport

USER, PASSWORD = "bench-coordinator", "bench-pass-1"
PHOTO_MB = 32
ROUNDS = 3


class ServerThread:
    """uvicorn serving the real app on 127.0.0.1 (a free port) in a daemon thread."""

    def __init__(self, data_dir: Path) -> None:
        self.app = create_app(data_dir)
        self.app.state.server.accounts.add_user(USER, PASSWORD, "coordinator")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the benchmark server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


class ServerProcess:
    """`fieldkit server run` on 127.0.0.1 (a free port), one worker, in a process of its
    own (``bench_load.Server``), with the benchmark's coordinator account."""

    def __init__(self, data_dir: Path) -> None:
        app = create_app(data_dir)
        app.state.server.accounts.add_user(USER, PASSWORD, "coordinator")
        app.state.server.db.dispose()
        self.data_dir = data_dir
        self.server: Server | None = None
        self.url = ""

    def __enter__(self) -> ServerProcess:
        self.server = Server(self.data_dir, None, 1)
        self.url = self.server.url
        return self

    def cpu(self) -> float:
        """CPU seconds used so far by the server's processes."""
        assert self.server is not None
        return _tree_cpu(self.server.process.pid)

    def __exit__(self, *exc: object) -> None:
        if self.server is not None:
            self.server.stop()


def device(root: Path, name: str, url: str) -> Store:
    store = Store.open(Home(root / name).ensure(), user=USER)
    login(store, url, USER, PASSWORD, device_name=name)
    return store


def timed_sync(
    store: Store, transport: httpx.BaseTransport | None = None
) -> tuple[SyncSummary, float]:
    summary, seconds, _ = timed_sync_cpu(store, transport)
    return summary, seconds


def timed_sync_cpu(
    store: Store, transport: httpx.BaseTransport | None = None
) -> tuple[SyncSummary, float, float]:
    """A sync's wall-clock seconds and this process's CPU seconds (client and server
    threads together): on a busy shared machine the second says what a quiet one would
    take, since the client and the server mostly wait on each other."""
    with SyncClient.from_settings(store, transport=transport) as client:
        started, cpu = time.perf_counter(), time.process_time()
        summary = client.sync()
        return summary, time.perf_counter() - started, time.process_time() - cpu


def measured_sync(store: Store, server: ServerProcess) -> tuple[SyncSummary, float, float, float]:
    """A sync's wall-clock seconds, the client's CPU seconds (this process) and the
    server's (its processes): on a busy shared machine the CPU says what a quiet one
    would take."""
    server_cpu = server.cpu()
    summary, seconds, client_cpu = timed_sync_cpu(store)
    return summary, seconds, client_cpu, server.cpu() - server_cpu


def add_blob(store: Store, data: bytes) -> str:
    assert store.home is not None
    sha = hashlib.sha256(data).hexdigest()
    path = blob_file(store.home, sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    with store.transaction():
        store.conn.execute(
            "INSERT INTO blobs(sha256, size, present, uploaded, created_at) VALUES (?, ?, 1, 0, ?)",
            (sha, len(data), store.now()),
        )
    return sha


def file_copy_size(store: Store) -> int:
    """What copying the database file would move: the file after a checkpoint."""
    assert store.home is not None
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store.home.db_path.stat().st_size


def run() -> list[Row]:
    # No system keyring in a benchmark: tokens go to the data directories' fallback files.
    previous_keyring = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        return _run(scratch("sync"))
    finally:
        keyring.set_keyring(previous_keyring)


def _first_sync_row(
    metric: str, target: float, records: int, seconds: float, client: float, server: float
) -> Row:
    return Row(
        "sync",
        metric,
        records / seconds,
        "records/s",
        target=f"≥ {target:,.0f}",
        ok=records / seconds >= target,
        extra={
            "records": records,
            "seconds": round(seconds, 2),
            "client_cpu_seconds": round(client, 2),
            "server_cpu_seconds": round(server, 2),
            "records_per_cpu_second": round(records / (client + server)),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        },
    )


def _run(root: Path) -> list[Row]:
    rows: list[Row] = []
    with ServerProcess(root / "server") as server:
        maker = Store.open(Home(root / "maker").ensure(), user=USER)
        build_demo(maker, places=1800, visits=5000, interviews=15000, photos=0)
        login(maker, server.url, USER, PASSWORD, device_name="maker")
        records = maker.outbox_count()

        up, up_s, up_client, up_server = measured_sync(maker, server)
        assert up.pushed == records and maker.outbox_count() == 0, up
        rows.append(
            _first_sync_row("first sync: records up", 4000, records, up_s, up_client, up_server)
        )
        reader = device(root, "reader", server.url)
        down, down_s, down_client, down_server = measured_sync(reader, server)
        assert down.pulled == records, down
        rows.append(
            _first_sync_row(
                "first sync: records down (fresh client)",
                15000,
                records,
                down_s,
                down_client,
                down_server,
            )
        )

        # Incremental: one visit's notes edited, then a sync each side.
        visit = maker.visits()[0]
        maker.update("visit", visit["id"], {"notes": visit["notes"] + "\nRelu le soir même."})
        wire = CountingTransport()
        inc, _ = timed_sync(maker, wire)
        assert inc.pushed == 1
        copy_size = file_copy_size(maker)
        total = wire.bytes_up + wire.bytes_down
        rows.append(
            Row(
                "sync",
                "incremental sync, one visit edited (bytes both ways)",
                total,
                "B",
                target="≤ 4 KB",
                ok=total <= 4096,
                extra={
                    "up": wire.bytes_up,
                    "down": wire.bytes_down,
                    "requests": wire.requests,
                    "sqlite_file_copy_bytes": copy_size,
                },
            )
        )
        rows.append(
            Row(
                "sync",
                "naive file-copy sync would move (SQLite file)",
                copy_size,
                "B",
                extra={"ratio_vs_sync": round(copy_size / max(total, 1))},
            )
        )
        wire = CountingTransport()
        got, _ = timed_sync(reader, wire)
        assert got.pulled == 1, got
        rows.append(
            Row(
                "sync",
                "incremental sync, receiving side (bytes both ways)",
                wire.bytes_up + wire.bytes_down,
                "B",
                target="≤ 4 KB",
                ok=wire.bytes_up + wire.bytes_down <= 4096,
                extra={"up": wire.bytes_up, "down": wire.bytes_down},
            )
        )

        maker.close()
        reader.close()
    # The photo rows keep their set-up (the server in a thread of this process), so that
    # they compare with their earlier figures; see README, Benchmarks, for what the ratio
    # is with the server as a process of its own.
    with ServerThread(root / "photo-server") as photo_server:
        rows += _photo_rows(root, photo_server)
    return rows


def _photo_rows(root: Path, server: ServerThread | ServerProcess) -> list[Row]:
    size = PHOTO_MB * 1024 * 1024
    store = device(root, "photographer", server.url)
    assert store.home is not None
    token = credentials.load_token(store.home, server.url, USER)
    sync_speeds, put_speeds = [], []
    with httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=120
    ) as plain:
        for _ in range(ROUNDS):
            # Different bytes each time: the server must really receive and store each.
            data_put, data_sync = os.urandom(size), os.urandom(size)
            sha_put = hashlib.sha256(data_put).hexdigest()
            started = time.perf_counter()
            r = plain.put(f"/api/v1/blobs/{sha_put}", content=data_put)
            put_s = time.perf_counter() - started
            assert r.status_code == 201, r.text
            put_speeds.append(size / put_s / 1e6)

            add_blob(store, data_sync)
            with SyncClient.from_settings(store) as client:
                summary = SyncSummary()
                started = time.perf_counter()
                client.upload_blobs(summary, lambda done, total, label: None)
                sync_s = time.perf_counter() - started
            assert summary.blobs_uploaded == 1
            sync_speeds.append(size / sync_s / 1e6)
    store.close()
    sync_mbs, put_mbs = statistics.median(sync_speeds), statistics.median(put_speeds)
    ratio = sync_mbs / put_mbs
    return [
        Row(
            "sync",
            f"photo upload via sync protocol ({PHOTO_MB} MB)",
            sync_mbs,
            "MB/s",
            extra={"runs": [round(s, 1) for s in sync_speeds]},
        ),
        Row(
            "sync",
            f"photo upload, plain HTTP PUT ({PHOTO_MB} MB)",
            put_mbs,
            "MB/s",
            extra={"runs": [round(s, 1) for s in put_speeds]},
        ),
        Row(
            "sync",
            "photo upload ratio sync / plain PUT",
            ratio,
            "×",
            target="≥ 0.7",
            ok=ratio >= 0.7,
        ),
    ]


if __name__ == "__main__":  # pragma: no cover
    from bench.__main__ import print_table

    print_table(run())
