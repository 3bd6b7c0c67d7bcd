"""`fieldkit server run --workers 2` on loopback, on SQLite and PostgreSQL: nothing that
must be shared lives in one process (the throttle, the upload locks are in the database)."""

from __future__ import annotations

import base64
import hashlib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from fieldkit.server.placement import children_of
from fieldkit.server.serving import spreads_connections
from tests.conftest_server import USERS, _users_template

LOGIN = "/api/v1/auth/login"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _running(
    data: Path, database_url: str | None, *, workers: int = 2, extra: tuple[str, ...] = ()
) -> Iterator[tuple[str, int]]:
    """`fieldkit server run --workers 2` (or ``workers``) on a free loopback port: its URL
    and the supervisor's pid (with one worker, the worker's), once the workers are up."""
    port = _free_port()
    args = [sys.executable, "-m", "fieldkit.cli", "server", "run", "--data", str(data)]
    args += ["--port", str(port), "--workers", str(workers), *extra]
    if database_url:
        args += ["--database-url", database_url]
    log = open(_log_path(data), "ab")  # noqa: SIM115 - closed below
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"server did not start:\n{_log_path(data).read_text()}")
            time.sleep(0.1)
        if workers > 1:
            # Every worker up (uvicorn's parent supervises them).
            deadline = time.monotonic() + 120
            while len(children_of(process.pid)) < workers and time.monotonic() < deadline:
                time.sleep(0.1)
            assert len(children_of(process.pid)) >= workers
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


def _log_path(data: Path) -> Path:
    """Where ``_running`` writes the server's output (each run appended)."""
    return data.parent / f"{data.name}-server.log"


@pytest.fixture
def two_workers(tmp_path: Path, database_url: str | None) -> Iterator[str]:
    data = tmp_path / "srv"
    if database_url is None:
        shutil.copytree(_users_template(), data)
    with _running(data, database_url) as (url, _supervisor):
        yield url


def _socket_owners(pids: list[int]) -> dict[int, int]:
    """Socket inode → the pid (among ``pids``) holding it open."""
    owners = {}
    for pid in pids:
        try:
            fds = list(Path(f"/proc/{pid}/fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                owners[int(target[8:-1])] = pid
    return owners


def _tcp_sockets(port: int, state: str) -> list[int]:
    """Inodes of the IPv4 TCP sockets whose local port is ``port``, in ``state`` (the
    kernel's code: 0A listening, 01 established)."""
    inodes = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == state:
            inodes.append(int(fields[9]))
    return inodes


def _listening(port: int) -> list[int]:
    return _tcp_sockets(port, "0A")


def _token(url: str, user: str, device: str) -> str:
    response = httpx.post(
        f"{url}{LOGIN}",
        json={"username": user, "password": USERS[user][0], "device_name": device},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return str(response.json()["token"])


def _upload(url: str, token: str, data: bytes, sha: str, chunk: int) -> str:
    """tus 1.0.0 as FieldKit's client does it: HEAD → (404 → POST) → PATCH chunks, back to
    HEAD whenever the other laptop moved the offset (409)."""
    tus = {"Tus-Resumable": "1.0.0"}
    headers = {"Authorization": f"Bearer {token}", **tus}
    metadata = "sha256 " + base64.b64encode(sha.encode()).decode()
    with httpx.Client(base_url=url, headers=headers, timeout=60) as http:
        for _ in range(500):
            head = http.head(f"/api/v1/blobs/{sha}")
            if head.status_code == 404:
                created = http.post(
                    "/api/v1/blobs",
                    headers={"Upload-Length": str(len(data)), "Upload-Metadata": metadata},
                )
                assert created.status_code == 201, created.text
                continue
            assert head.status_code == 200, head.text
            if head.headers.get("blob-state") == "complete":
                return "complete"
            offset = int(head.headers["upload-offset"])
            response = http.patch(
                f"/api/v1/blobs/{sha}",
                content=data[offset : offset + chunk],
                headers={
                    "Upload-Offset": str(offset),
                    "Content-Type": "application/offset+octet-stream",
                },
            )
            assert response.status_code in (204, 409), response.text
            if response.headers.get("blob-state") == "complete":
                return "complete"
    return "unfinished"


def test_two_workers_share_the_throttle_and_the_upload_locks(two_workers):
    url = two_workers
    # Two people upload the same photo at once, chunk by chunk, across both workers.
    data = random.Random(9).randbytes(3 * 1024 * 1024 + 17)
    sha = hashlib.sha256(data).hexdigest()
    tokens = [_token(url, "agent-bzh", "laptop-1"), _token(url, "agent-bzh", "laptop-2")]
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda t: _upload(url, t, data, sha, 128 * 1024), tokens))
    assert outcomes == ["complete", "complete"]
    got = httpx.get(
        f"{url}/api/v1/blobs/{sha}", headers={"Authorization": f"Bearer {tokens[0]}"}, timeout=30
    )
    assert got.status_code == 200 and hashlib.sha256(got.content).hexdigest() == sha

    # Forty wrong passwords at once, spread over the workers: at most five are checked.
    wrong = {"username": "agent-occ", "password": "wrong-pass", "device_name": "d"}
    with httpx.Client(base_url=url, timeout=60) as http, ThreadPoolExecutor(40) as pool:
        statuses = list(pool.map(lambda _: http.post(LOGIN, json=wrong).status_code, range(40)))
    assert set(statuses) <= {401, 429}
    assert statuses.count(401) <= 5, statuses
    # X-Forwarded-For from loopback is not believed (no --trusted-proxies): this address is
    # still over its limit whatever the header says, for wrong passwords; a right password
    # of another account still logs in (people share addresses).
    guess = {"username": "admin", "password": "wrong-pass", "device_name": "d"}
    spoofed = httpx.post(
        f"{url}{LOGIN}", json=guess, headers={"X-Forwarded-For": "203.0.113.9"}, timeout=30
    )
    assert spoofed.status_code == 429
    admin = {"username": "admin", "password": USERS["admin"][0], "device_name": "d"}
    assert httpx.post(f"{url}{LOGIN}", json=admin, timeout=30).status_code == 200


def test_an_upload_lock_holds_across_two_apps_on_one_database(api, tmp_path):
    """Two apps on the same database and data folder stand for two worker processes: a
    chunk being written through one keeps the other out until it is done, and a lock left
    by a crashed worker expires."""
    import asyncio

    from fieldkit.server.app import create_app

    other = create_app(api.data_dir, clock=api.clock, database_url=api.database_url)
    first, second = api.state.blobs, other.state.server.blobs
    sha = "ab" * 32
    try:
        assert first.try_lock(sha, "worker-1")
        assert not second.try_lock(sha, "worker-2")
        first.unlock(sha, "worker-1")
        assert second.try_lock(sha, "worker-2")
        # worker-2 dies holding it: after the lease, worker-1 takes over.
        assert not first.try_lock(sha, "worker-1")
        api.clock.advance(minutes=6)
        assert first.try_lock(sha, "worker-1")
        first.unlock(sha, "worker-1")

        async def both() -> list[str]:
            order: list[str] = []

            async def chunk(store, name: str, hold: float) -> None:
                async with store.lock(sha):
                    order.append(f"{name} in")
                    await asyncio.sleep(hold)
                    order.append(f"{name} out")

            task = asyncio.create_task(chunk(first, "a", 0.5))
            await asyncio.sleep(0.1)
            await chunk(second, "b", 0)
            await task
            return order

        assert asyncio.run(both()) == ["a in", "a out", "b in", "b out"]
    finally:
        other.state.server.db.dispose()


@pytest.mark.skipif(not spreads_connections(), reason="SO_REUSEPORT balances on Linux only")
def test_each_worker_listens_on_its_own_socket_and_takes_its_share(tmp_path: Path):
    """Clients that connect together and keep their connections are spread over both
    workers (one shared socket gave most of them to whichever worker woke first); a
    worker killed takes its socket along, so no new connection waits on a dead one."""
    data = tmp_path / "srv"
    shutil.copytree(_users_template(), data)
    with _running(data, None) as (url, supervisor):
        port = int(url.rsplit(":", 1)[1])
        children = children_of(supervisor)  # the workers (and multiprocessing's helper)
        deadline = time.monotonic() + 30
        while len(_listening(port)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)  # the second worker may still be starting
        owners = _socket_owners(children)
        listening = _listening(port)
        assert len(listening) == 2
        workers = sorted({owners[inode] for inode in listening if inode in owners})
        assert len(workers) == 2

        held = []
        for _ in range(40):
            conn = socket.create_connection(("127.0.0.1", port), timeout=10)
            conn.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: fieldkit\r\n\r\n")
            held.append(conn)
        for conn in held:
            assert conn.recv(4096).startswith(b"HTTP/1.1 200")
        owners = _socket_owners(workers)
        share = [owners.get(inode) for inode in _tcp_sockets(port, "01")]
        assert len(share) == 40
        # A fair coin: each worker gets fewer than 8 of 40 about once in 40,000 runs.
        assert min(share.count(pid) for pid in workers) >= 8, share
        for conn in held:
            conn.close()

        os.kill(workers[0], signal.SIGKILL)
        deadline = time.monotonic() + 5
        while _socket_owners([workers[0]]) and time.monotonic() < deadline:
            time.sleep(0.05)
        # Fresh connections all answered, before and after the supervisor replaces it.
        with ThreadPoolExecutor(8) as pool:
            statuses = list(
                pool.map(
                    lambda _: (
                        httpx.get(
                            f"{url}/api/v1/health", headers={"Connection": "close"}, timeout=5
                        ).status_code
                    ),
                    range(24),
                )
            )
        assert statuses == [200] * 24
        deadline = time.monotonic() + 30
        while len(_listening(port)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(_listening(port)) == 2


def test_workers_get_time_to_start_on_a_busy_machine():
    """A spawned worker answers its supervisor's health check only once it has imported the
    server: uvicorn's 5 s killed starting workers over and over on a loaded two-core machine
    (the log said « Child process died », the server never answered)."""
    from fieldkit.server.serving import WORKER_HEALTHCHECK_S, NoDelayConfig

    config = NoDelayConfig("fieldkit.server.app:app_from_env", factory=True, workers=2)
    assert config.timeout_worker_healthcheck == WORKER_HEALTHCHECK_S >= 30
