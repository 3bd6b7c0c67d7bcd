"""A real FieldKit server on loopback for tests: the ``live_server`` fixture.

Loaded by ``tests/conftest.py``. Described in docs/sync-protocol.md ("Testing"), since the
sync client's tests use it too. The server runs uvicorn in a thread on 127.0.0.1 (never any
other address) with a fresh data directory holding four users.

Every server fixture runs once per database backend (``[sqlite]`` and ``[postgres]``): the
PostgreSQL half runs on a throwaway cluster the session starts on loopback
(``tests/pg_cluster.py``). FIELDKIT_TEST_BACKENDS=sqlite narrows a quick local run.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import closing
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from argon2 import PasswordHasher

from fieldkit.server.app import ServerState, create_app
from fieldkit.server.config import Limits, Settings
from fieldkit.server.serving import bind_tcp
from tests.pg_cluster import PgCluster, wanted_backends

# name → (password, role, regions)
USERS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "admin": ("admin-pass-1", "admin", ()),
    "coordinator": ("coord-pass-1", "coordinator", ()),
    "agent-bzh": ("bzh-pass-1", "agent", ("53",)),  # Bretagne
    "agent-bzh-2": ("bzh-pass-2", "agent", ("53",)),  # a colleague in Bretagne
    "agent-occ": ("occ-pass-1", "agent", ("76",)),  # Occitanie
}


# Real argon2 with small parameters (they travel in the hash), so test logins are fast; the
# test servers hash with it too, so an unknown name's dummy verification is as cheap.
TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


class ServerClock:
    """The server's clock: real time plus an offset that tests can move forward."""

    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset

    def advance(self, **kwargs: float) -> None:
        self.offset += dt.timedelta(**kwargs)


def _seed_users(root: Path, database_url: str | None = None) -> None:
    """The test users, written as rows: their short passwords predate the password
    policy (as accounts made before it on an upgraded server, which still log in)."""
    import json

    from sqlalchemy import insert

    from fieldkit.server import db

    app = create_app(root, database_url=database_url)
    state: ServerState = app.state.server
    with state.db.write() as conn:
        for name, (password, role, regions) in USERS.items():
            conn.execute(
                insert(db.users).values(
                    name=name,
                    # Real argon2 with small parameters (they travel in the hash): fast logins.
                    password_hash=TEST_HASHER.hash(password),
                    role=role,
                    regions=json.dumps(list(regions)),
                    created_at="2026-11-01T00:00:00.000Z",
                )
            )
    state.db.dispose()


@cache
def _users_template() -> Path:
    """A data directory with the four users, made once per test session (argon2 is slow on
    purpose) and copied for each server."""
    root = Path(tempfile.mkdtemp(prefix="fieldkit-server-template-"))
    _seed_users(root)
    # Fold the WAL into the main file so that a plain copy is complete.
    with closing(sqlite3.connect(root / "server.db")) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return root


_PG_TEMPLATE = "fk_users_template"


def pg_users_template(cluster: PgCluster) -> str:
    """The template database with the four users (made once per session)."""
    if not getattr(cluster, "users_template_ready", False):
        cluster._admin(f"CREATE DATABASE {_PG_TEMPLATE}")
        # Its data folder goes with the cluster's temporary folder at the end.
        _seed_users(cluster.root / "template-data", cluster.url(_PG_TEMPLATE))
        cluster.users_template_ready = True  # type: ignore[attr-defined]
    return _PG_TEMPLATE


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """The session's PostgreSQL cluster (started on first use, removed at the end)."""
    cluster = PgCluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=wanted_backends())
def backend(request: pytest.FixtureRequest) -> str:
    """The server's database for this test: ``sqlite`` or ``postgres``."""
    return str(request.param)


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None (SQLite file in the data directory) or a fresh PostgreSQL database with the four
    users, dropped after the test."""
    if backend == "sqlite":
        yield None
        return
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    name = cluster.create_database(pg_users_template(cluster))
    yield cluster.url(name)
    cluster.drop_database(name)


S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 emulator in server mode on 127.0.0.1 (an emulator of the S3 API, not AWS),
    for servers whose blobs go to a bucket; boto3 finds its dummy credentials in the
    environment, as a deployed server would find real ones."""
    from moto.server import ThreadedMotoServer

    saved = {name: os.environ.get(name) for name in S3_CREDENTIALS}
    os.environ.update(S3_CREDENTIALS)
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def s3_client(endpoint: str) -> Any:
    import boto3

    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")


def new_bucket(endpoint: str) -> str:
    """A fresh, empty bucket on the emulator."""
    name = f"fieldkit-{uuid.uuid4().hex[:16]}"
    s3_client(endpoint).create_bucket(Bucket=name)
    return name


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """A server on ``data_dir``; a directory without a database gets the four users."""

    def __init__(
        self,
        data_dir: Path,
        database_url: str | None = None,
        settings: Settings | None = None,
        *,
        tls: tuple[Path, Path] | None = None,
        limits: Limits | None = None,
    ) -> None:
        """``tls``: (certificate, key) files to serve HTTPS with (self-signed tests);
        ``limits``: the server's limits, when not the defaults."""
        self.data_dir = Path(data_dir)
        self.database_url = database_url
        self.settings = settings
        self.tls = tls
        self.limits = limits
        if database_url is None and not (self.data_dir / "server.db").exists():
            shutil.copytree(_users_template(), self.data_dir, dirs_exist_ok=True)
        self.clock = ServerClock()
        self.passwords = {name: spec[0] for name, spec in USERS.items()}
        self.port = _free_port()
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._app: Any = None

    @property
    def state(self) -> ServerState:
        """The running app's state (``.sync.history(kind, id)``, ``.db``, ``.blobs``…)."""
        assert self._app is not None, "the server is stopped"
        return self._app.state.server  # type: ignore[no-any-return]

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> None:
        if self._server is not None:
            return
        self._app = create_app(
            self.data_dir,
            clock=self.clock,
            database_url=self.database_url,
            settings=self.settings,
            limits=self.limits,
        )
        self._app.state.server.accounts.hasher = TEST_HASHER
        config = uvicorn.Config(
            self._app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            proxy_headers=False,  # as `fieldkit server run`: the app reads X-Forwarded-For
            timeout_graceful_shutdown=1,
            ssl_certfile=str(self.tls[0]) if self.tls else None,
            ssl_keyfile=str(self.tls[1]) if self.tls else None,
        )
        server = uvicorn.Server(config)
        # IPPROTO_TCP, or every kept-alive request waits ~40 ms (fieldkit/server/serving.py).
        sock = bind_tcp("127.0.0.1", self.port)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="live-server", daemon=True
        )
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                sock.close()
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        self._server, self._thread, self._socket = server, thread, sock

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.should_exit = True
        assert self._thread is not None and self._socket is not None
        self._thread.join(10)
        self._socket.close()
        self.state.db.dispose()
        self._server = self._thread = self._socket = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def login(self, user: str, device_name: str = "test-device") -> str:
        """A fresh token for ``user`` (through the real login endpoint)."""
        response = httpx.post(
            f"{self.url}/api/v1/auth/login",
            json={"username": user, "password": self.passwords[user], "device_name": device_name},
            timeout=10,
        )
        response.raise_for_status()
        return str(response.json()["token"])


def make_live_server(
    parent: Path, database_url: str | None = None, settings: Settings | None = None
) -> LiveServer:
    """Start a server on a fresh data directory under ``parent`` (for code that can't use
    the fixture, e.g. hypothesis state machines). Call ``.stop()`` when done."""
    server = LiveServer(
        Path(tempfile.mkdtemp(prefix="server-", dir=parent)), database_url, settings
    )
    server.start()
    return server


@pytest.fixture
def live_server(tmp_path: Path, database_url: str | None) -> Iterator[LiveServer]:
    server = make_live_server(tmp_path, database_url)
    try:
        yield server
    finally:
        server.stop()
