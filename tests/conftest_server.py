"""A real FieldKit server on loopback for tests: the ``live_server`` fixture.

Loaded by ``tests/conftest.py``. Described in docs/sync-protocol.md ("Testing"), since the
sync client's tests use it too. The server runs uvicorn in a thread on 127.0.0.1 (never any
other address) with a fresh data directory holding four users.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
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
from fieldkit.server.auth import Accounts
from fieldkit.server.config import Limits

# name → (password, role, regions)
USERS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "admin": ("admin-pass-1", "admin", ()),
    "coordinator": ("coord-pass-1", "coordinator", ()),
    "agent-bzh": ("bzh-pass-1", "agent", ("53",)),  # Bretagne
    "agent-occ": ("occ-pass-1", "agent", ("76",)),  # Occitanie
}


class ServerClock:
    """The server's clock: real time plus an offset that tests can move forward."""

    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset

    def advance(self, **kwargs: float) -> None:
        self.offset += dt.timedelta(**kwargs)


@cache
def _users_template() -> Path:
    """A data directory with the four users, made once per test session (argon2 is slow on
    purpose) and copied for each server."""
    root = Path(tempfile.mkdtemp(prefix="fieldkit-server-template-"))
    app = create_app(root)
    state: ServerState = app.state.server
    # Real argon2 with small parameters (they travel in the hash), so test logins are fast.
    accounts = Accounts(
        state.db,
        state.clock,
        state.limits,
        hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
    )
    for name, (password, role, regions) in USERS.items():
        accounts.add_user(name, password, role, regions)
    state.db.dispose()
    # Fold the WAL into the main file so that a plain copy is complete.
    with closing(sqlite3.connect(root / "server.db")) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return root


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """A server on ``data_dir``; a directory without a database gets the four users."""

    def __init__(
        self,
        data_dir: Path,
        *,
        tls: tuple[Path, Path] | None = None,
        limits: Limits | None = None,
    ) -> None:
        """``tls``: (certificate, key) files to serve HTTPS with (self-signed tests);
        ``limits``: the server's limits, when not the defaults."""
        self.data_dir = Path(data_dir)
        self.tls = tls
        self.limits = limits
        if not (self.data_dir / "server.db").exists():
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
        self._app = create_app(self.data_dir, clock=self.clock, limits=self.limits)
        config = uvicorn.Config(
            self._app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=1,
            ssl_certfile=str(self.tls[0]) if self.tls else None,
            ssl_keyfile=str(self.tls[1]) if self.tls else None,
        )
        server = uvicorn.Server(config)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
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


def make_live_server(parent: Path) -> LiveServer:
    """Start a server on a fresh data directory under ``parent`` (for code that can't use
    the fixture, e.g. hypothesis state machines). Call ``.stop()`` when done."""
    server = LiveServer(Path(tempfile.mkdtemp(prefix="server-", dir=parent)))
    server.start()
    return server


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = make_live_server(tmp_path)
    try:
        yield server
    finally:
        server.stop()
