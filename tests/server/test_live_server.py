"""The live_server fixture other tests (and the sync client's) rely on."""

from __future__ import annotations

import httpx
import pytest


def test_live_server_serves_on_loopback_with_its_users(live_server):
    assert live_server.url.startswith("http://127.0.0.1:")
    health = httpx.get(f"{live_server.url}/api/v1/health", timeout=5)
    assert health.status_code == 200 and health.json()["status"] == "ok"
    for user in ("admin", "coordinator", "agent-bzh", "agent-occ"):
        token = live_server.login(user)
        me = httpx.get(
            f"{live_server.url}/api/v1/auth/me",
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        )
        assert me.json()["name"] == user
    # Its database: the SQLite file in the data directory, or the PostgreSQL one of the test.
    on_sqlite = live_server.database_url is None
    assert (live_server.data_dir / "server.db").is_file() == on_sqlite
    assert live_server.state.db.is_sqlite == on_sqlite


def test_stop_and_start_keep_the_port_and_the_data(live_server):
    token = live_server.login("agent-bzh")
    headers = {"Authorization": f"Bearer {token}"}
    op = {
        "op_id": "op-1",
        "kind": "place",
        "record_id": "place-1",
        "op": "create",
        "base_version": 0,
        "fields": {"name": "La Cantine", "postcode": "35000"},
    }
    pushed = httpx.post(
        f"{live_server.url}/api/v1/sync/push", json={"ops": [op]}, headers=headers, timeout=5
    )
    assert pushed.json()["results"][0]["status"] == "applied"
    url = live_server.url

    live_server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/api/v1/health", timeout=2)
    live_server.stop()  # idempotent

    live_server.start()
    assert live_server.url == url
    pulled = httpx.get(f"{url}/api/v1/sync/pull", headers=headers, timeout=5).json()
    assert [r["id"] for r in pulled["records"]] == ["place-1"]


def test_server_clock_can_be_moved(live_server):
    before = httpx.get(f"{live_server.url}/api/v1/health", timeout=5).json()["server_time"]
    live_server.clock.advance(days=1)
    after = httpx.get(f"{live_server.url}/api/v1/health", timeout=5).json()["server_time"]
    assert after[:10] > before[:10]
