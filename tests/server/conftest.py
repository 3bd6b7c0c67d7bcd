"""Fixtures for the server's own tests: the real app through FastAPI's TestClient."""

from __future__ import annotations

import shutil
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldkit.server.app import create_app
from fieldkit.server.config import Limits, Settings
from tests.conftest_server import TEST_HASHER, USERS, ServerClock, _users_template

with warnings.catch_warnings():
    # Starlette suggests another HTTP library for its test client; httpx is what we ship.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


class Api:
    """A TestClient on a fresh server with the four test users, plus small helpers."""

    def __init__(
        self,
        data_dir: Path,
        limits: Limits | None = None,
        database_url: str | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.database_url = database_url
        self.clock = ServerClock()
        self.app = create_app(
            data_dir, clock=self.clock, limits=limits, database_url=database_url, settings=settings
        )
        self.state = self.app.state.server
        self.state.accounts.hasher = TEST_HASHER
        self.client = TestClient(self.app)
        self._tokens: dict[tuple[str, str], str] = {}

    def token(self, user: str, device: str = "laptop") -> str:
        key = (user, device)
        if key not in self._tokens:
            response = self.client.post(
                "/api/v1/auth/login",
                json={"username": user, "password": USERS[user][0], "device_name": device},
            )
            assert response.status_code == 200, response.text
            self._tokens[key] = response.json()["token"]
        return self._tokens[key]

    def headers(self, user: str, device: str = "laptop") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(user, device)}"}

    def push(self, user: str, *ops: dict[str, Any], device: str = "laptop") -> Any:
        return self.client.post(
            "/api/v1/sync/push", json={"ops": list(ops)}, headers=self.headers(user, device)
        )

    def push_ok(self, user: str, *ops: dict[str, Any], device: str = "laptop") -> list[dict]:
        response = self.push(user, *ops, device=device)
        assert response.status_code == 200, response.text
        return response.json()["results"]

    def pull(self, user: str, since: int = 0, limit: int | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {"since": since}
        if limit is not None:
            params["limit"] = limit
        response = self.client.get("/api/v1/sync/pull", params=params, headers=self.headers(user))
        assert response.status_code == 200, response.text
        return response.json()

    def close(self) -> None:
        self.client.close()
        self.state.db.dispose()


def _fresh_dir(tmp_path: Path, database_url: str | None = None) -> Path:
    data_dir = tmp_path / "server"
    if database_url is None:
        shutil.copytree(_users_template(), data_dir)
    else:
        data_dir.mkdir()  # the users are in the PostgreSQL database
    return data_dir


@pytest.fixture
def api(tmp_path: Path, database_url: str | None) -> Iterator[Api]:
    """The app on SQLite, then on PostgreSQL (the ``backend`` parameter)."""
    server = Api(_fresh_dir(tmp_path, database_url), database_url=database_url)
    yield server
    server.close()


@pytest.fixture
def small_api(tmp_path: Path, database_url: str | None) -> Iterator[Api]:
    """A server with tiny limits, to reach them without moving megabytes."""
    limits = Limits(
        json_body=2000,
        push_body=4000,
        push_ops=3,
        missing_hashes=3,
        upload_chunk=1000,
        blob_size=3000,
        pull_max=10,
    )
    server = Api(_fresh_dir(tmp_path, database_url), limits, database_url)
    yield server
    server.close()


def op(
    kind: str,
    record_id: str,
    action: str = "create",
    *,
    base_version: int = 0,
    fields: dict[str, Any] | None = None,
    base: dict[str, Any] | None = None,
    op_id: str | None = None,
) -> dict[str, Any]:
    return {
        "op_id": op_id or str(uuid.uuid4()),
        "kind": kind,
        "record_id": record_id,
        "op": action,
        "base_version": base_version,
        "fields": fields or {},
        "base": base or {},
    }


def place_op(record_id: str, postcode: str = "35000", **fields: Any) -> dict[str, Any]:
    """Create a place; 35000 is Rennes (Bretagne, 53), 34500 Béziers (Occitanie, 76)."""
    return op(
        "place", record_id, fields={"name": f"Lieu {record_id}", "postcode": postcode, **fields}
    )


def visit_op(record_id: str, place_id: str, **fields: Any) -> dict[str, Any]:
    return op(
        "visit", record_id, fields={"place_id": place_id, "visited_on": "2026-10-01", **fields}
    )
