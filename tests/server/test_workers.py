"""`fieldkit server run --workers 2` on loopback, on SQLite and PostgreSQL: nothing that
must be shared lives in one process (the throttle, the upload locks are in the database)."""

from __future__ import annotations

import base64
import hashlib
import random
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest_server import USERS, _users_template

LOGIN = "/api/v1/auth/login"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.fixture
def two_workers(tmp_path: Path, database_url: str | None) -> Iterator[str]:
    data = tmp_path / "srv"
    if database_url is None:
        shutil.copytree(_users_template(), data)
    port = _free_port()
    args = [sys.executable, "-m", "fieldkit.cli", "server", "run", "--data", str(data)]
    args += ["--port", str(port), "--workers", "2"]
    if database_url:
        args += ["--database-url", database_url]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"server did not start:\n{output}")
            time.sleep(0.1)
        # Both workers up (uvicorn's parent supervises them).
        deadline = time.monotonic() + 30
        while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(_children(process.pid)) >= 2
        yield url
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


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
    # still over its limit whatever the header says.
    admin = {"username": "admin", "password": USERS["admin"][0], "device_name": "d"}
    spoofed = httpx.post(
        f"{url}{LOGIN}", json=admin, headers={"X-Forwarded-For": "203.0.113.9"}, timeout=30
    )
    assert spoofed.status_code == 429


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
