"""Load: 50 concurrent clients, each in an edit + sync loop, against `fieldkit server run`.

For each configuration (SQLite / PostgreSQL × 1 / 2 worker processes) a real server runs
as a subprocess on 127.0.0.1 (PostgreSQL: a throwaway cluster of this benchmark, as in the
tests). Fifty asyncio clients (one process, see ``Connection``) each own five places; in a loop for
``FIELDKIT_BENCH_LOAD_SECONDS`` (default 120 s, the issue's 2 minutes; shorter for a quick look)
a client edits one of its places (a push of one update with its base version) then pulls
what changed since its cursor. Every accepted edit goes into a ledger; at the end a
coordinator pulls everything and each place must hold the last edit of the ledger at the
version the ledger expects: "lost" counts the places that don't.

Measured per configuration: ops/s (pushes + pulls completed per second, all clients),
push and pull latency p50/p95, errors (HTTP errors, transport errors, rejected ops), lost,
and the server's CPU per request (its processes' user + system time over the loop, from
/proc: steadier than latencies when other work shares the machine).
Targets (issue 9): push p95 ≤ 500 ms, pull p95 ≤ 200 ms, 0 errors, 0 lost.

The clients share the machine with the server (2 cores here), so every millisecond of CPU the
load generator spends is taken from the server. The measured loop therefore speaks plain
HTTP/1.1 over one kept-alive asyncio stream per client (``Connection`` below): request line,
headers, a JSON body, a response read by its ``Content-Length``. It costs about a tenth of
httpx's AsyncClient per request (measured: CPU of the generator process per request), like
wrk or h2load beside a server. Logins and the final ledger check use httpx (not measured).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from argon2 import PasswordHasher

from bench.common import Row, scratch
from fieldkit.server.app import create_app
from fieldkit.server.auth import Accounts

CLIENTS = int(os.environ.get("FIELDKIT_BENCH_LOAD_CLIENTS", "50"))
SECONDS = float(os.environ.get("FIELDKIT_BENCH_LOAD_SECONDS", "120"))
PLACES_EACH = 5
PASSWORD = "load-pass-1234"
COORDINATOR = "load-coordinator"
PUSH = "/api/v1/sync/push"
PULL = "/api/v1/sync/pull"


@dataclass
class Stats:
    push_ms: list[float] = field(default_factory=list)
    pull_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # place id → (notes value, version) of the last accepted edit
    ledger: dict[str, tuple[str, int]] = field(default_factory=dict)
    generator_cpu: float = 0.0  # CPU seconds of this process during the measured loop
    server_cpu: float = 0.0  # CPU seconds of the server's processes during the loop


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seed(data_dir: Path, database_url: str | None) -> None:
    app = create_app(data_dir, database_url=database_url)
    state = app.state.server
    # Cheap argon2 parameters so that 50 logins don't dominate the start (they travel in
    # the hash; the server's own parameters are unchanged).
    accounts = Accounts(
        state.db, state.clock, state.limits, hasher=PasswordHasher(time_cost=1, memory_cost=1024)
    )
    accounts.add_user(COORDINATOR, PASSWORD, "coordinator")
    for i in range(CLIENTS):
        accounts.add_user(f"load-agent-{i}", PASSWORD, "agent", ["53"])
    state.db.dispose()


class Server:
    def __init__(self, data_dir: Path, database_url: str | None, workers: int) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [sys.executable, "-m", "fieldkit.cli", "server", "run", "--data", str(data_dir)]
        args += ["--port", str(self.port), "--workers", str(workers), "--no-access-log"]
        if database_url:
            args += ["--database-url", database_url]
        self.log = open(data_dir / "server.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError((data_dir / "server.log").read_text())
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.log.close()


async def _login(http: httpx.AsyncClient, user: str) -> str:
    response = await http.post(
        "/api/v1/auth/login",
        json={"username": user, "password": PASSWORD, "device_name": f"{user}-bench"},
    )
    response.raise_for_status()
    return str(response.json()["token"])


class Connection:
    """One client's kept-alive HTTP/1.1 connection: one request at a time, bodies by
    Content-Length (the server never answers these endpoints chunked)."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port = host, port
        self.auth = f"Authorization: Bearer {token}\r\n".encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self.reader is None or self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self.reader, self.writer

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, method: str, target: str, body: Any = None) -> tuple[int, Any]:
        """(status, decoded JSON body). A dropped connection is reopened on the next call."""
        reader, writer = await self._open()
        payload = b"" if body is None else json.dumps(body).encode()
        head = f"{method} {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n".encode()
        head += self.auth
        if body is not None:
            head += b"Content-Type: application/json\r\n"
        head += f"Content-Length: {len(payload)}\r\n\r\n".encode()
        try:
            writer.write(head + payload)
            status_line, _, header_block = (await reader.readuntil(b"\r\n\r\n")).partition(b"\r\n")
            status = int(status_line.split(b" ", 2)[1])
            length, close = 0, False
            for line in header_block.split(b"\r\n"):
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"transfer-encoding":
                    raise ConnectionError("chunked answer: not expected from these endpoints")
                elif name == b"connection" and value.strip().lower() == b"close":
                    close = True
            data = await reader.readexactly(length)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            self.close()
            raise
        if close:
            self.close()
        return status, json.loads(data) if data else None


def _op(record_id: str, action: str, version: int, fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "kind": "place",
        "record_id": record_id,
        "op": action,
        "base_version": version,
        "fields": fields,
        "base": {},
    }


async def _client(i: int, conn: Connection, stats: Stats, stop_at: float) -> None:
    places = [f"load-{i}-{n}" for n in range(PLACES_EACH)]
    versions: dict[str, int] = {}
    status, answer = await conn.request(
        "POST",
        PUSH,
        {
            "ops": [
                _op(
                    pid,
                    "create",
                    0,
                    {"name": f"Lieu {pid}", "postcode": "35000", "description": ""},
                )
                for pid in places
            ]
        },
    )
    if status != 200:
        raise RuntimeError(f"client {i}: creating its places answered HTTP {status}: {answer}")
    for result in answer["results"]:
        versions[result["record"]["id"]] = result["version"]
        stats.ledger[result["record"]["id"]] = ("", result["version"])
    cursor, edit = 0, 0
    while time.monotonic() < stop_at:
        pid = places[edit % PLACES_EACH]
        value = f"client {i} edit {edit}"
        edit += 1
        started = time.perf_counter()
        try:
            ops = {"ops": [_op(pid, "update", versions[pid], {"description": value})]}
            status, answer = await conn.request("POST", PUSH, ops)
            stats.push_ms.append((time.perf_counter() - started) * 1000)
            if status != 200:
                stats.errors.append(f"push HTTP {status}")
            else:
                result = answer["results"][0]
                if result["status"] in ("applied", "merged"):
                    versions[pid] = result["version"]
                    stats.ledger[pid] = (value, result["version"])
                else:
                    stats.errors.append(f"push {result['status']}")
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            stats.errors.append(f"push {type(exc).__name__}")
        started = time.perf_counter()
        try:
            status, answer = await conn.request("GET", f"{PULL}?since={cursor}")
            stats.pull_ms.append((time.perf_counter() - started) * 1000)
            if status != 200:
                stats.errors.append(f"pull HTTP {status}")
            else:
                cursor = answer["next"]
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            stats.errors.append(f"pull {type(exc).__name__}")
    conn.close()


async def _lost(http: httpx.AsyncClient, ledger: dict[str, tuple[str, int]]) -> int:
    headers = {"Authorization": f"Bearer {await _login(http, COORDINATOR)}"}
    held: dict[str, tuple[str, int]] = {}
    cursor = 0
    while True:
        page = (
            await http.get(
                "/api/v1/sync/pull", params={"since": cursor, "limit": 1000}, headers=headers
            )
        ).json()
        for record in page["records"]:
            held[record["id"]] = (record["fields"].get("description", ""), record["version"])
        cursor = page["next"]
        if not page["more"]:
            break
    return sum(1 for pid, expected in ledger.items() if held.get(pid) != expected)


def _tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of ``root`` and its live descendants (the workers)."""
    parents: dict[int, int] = {}
    times: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        times[pid] = int(fields[11]) + int(fields[12])
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(times.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


async def _load(url: str, server_pid: int) -> tuple[Stats, float, int]:
    stats = Stats()
    limits = httpx.Limits(max_connections=CLIENTS + 10, max_keepalive_connections=CLIENTS + 10)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        # Logged in one after the other, as people arrive (not part of the measure).
        tokens = [await _login(http, f"load-agent-{i}") for i in range(CLIENTS)]
        host, port = http.base_url.host, http.base_url.port or 80
        conns = [Connection(host, port, token) for token in tokens]
        stop_at = time.monotonic() + SECONDS
        started = time.perf_counter()
        clock, server_clock = time.process_time(), _tree_cpu(server_pid)
        await asyncio.gather(*(_client(i, conns[i], stats, stop_at) for i in range(CLIENTS)))
        elapsed = time.perf_counter() - started
        stats.generator_cpu = time.process_time() - clock
        stats.server_cpu = _tree_cpu(server_pid) - server_clock
        lost = await _lost(http, stats.ledger)
    return stats, elapsed, lost


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _configuration(database: str, workers: int, cluster: Any) -> list[Row]:
    root = scratch(f"load-{database}-{workers}")
    data_dir = root / "srv"
    url = None
    if database == "postgresql":
        url = cluster.url(cluster.create_database())
    _seed(data_dir, url)
    server = Server(data_dir, url, workers)
    try:
        stats, elapsed, lost = asyncio.run(_load(server.url, server.process.pid))
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    ops = (len(stats.push_ms) + len(stats.pull_ms)) / elapsed
    where = f"{database}, {workers} worker{'s' if workers > 1 else ''}, {CLIENTS} clients"
    extra = {
        "database": database,
        "workers": workers,
        "clients": CLIENTS,
        "seconds": SECONDS,
        "pushes": len(stats.push_ms),
        "pulls": len(stats.pull_ms),
        "error_kinds": sorted(set(stats.errors)),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "generator_cpu_ms_per_request": round(
            1000 * stats.generator_cpu / max(1, len(stats.push_ms) + len(stats.pull_ms)), 3
        ),
    }
    push95, pull95 = _pct(stats.push_ms, 95), _pct(stats.pull_ms, 95)
    requests = max(1, len(stats.push_ms) + len(stats.pull_ms))
    return [
        Row("load", f"ops/s ({where})", round(ops, 1), "ops/s", extra=extra),
        # Steadier than latencies on a shared machine: what one request costs the server.
        Row(
            "load",
            f"server CPU per request ({where})",
            round(1000 * stats.server_cpu / requests, 2),
            "ms",
        ),
        Row("load", f"push p50 ({where})", round(_pct(stats.push_ms, 50), 1), "ms"),
        Row("load", f"push p95 ({where})", round(push95, 1), "ms", "≤ 500 ms", push95 <= 500),
        Row("load", f"pull p50 ({where})", round(_pct(stats.pull_ms, 50), 1), "ms"),
        Row("load", f"pull p95 ({where})", round(pull95, 1), "ms", "≤ 200 ms", pull95 <= 200),
        Row("load", f"errors ({where})", len(stats.errors), "", "0", not stats.errors),
        Row("load", f"edits lost ({where})", lost, "", "0", lost == 0),
    ]


def run() -> list[Row]:
    from tests.pg_cluster import PgCluster

    wanted = os.environ.get(
        "FIELDKIT_BENCH_LOAD_CONFIGS", "sqlite:1,sqlite:2,postgresql:1,postgresql:2"
    )
    configs = [(c.split(":")[0], int(c.split(":")[1])) for c in wanted.split(",") if c]
    cluster = None
    if any(db == "postgresql" for db, _ in configs):
        cluster = PgCluster()
        cluster.start()
    rows: list[Row] = []
    try:
        for database, workers in configs:
            rows += _configuration(database, workers, cluster)
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(Path(tempfile.gettempdir()) / "fieldkit-bench-load", ignore_errors=True)
    return rows
