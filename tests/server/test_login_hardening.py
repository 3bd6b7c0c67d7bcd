"""Login under attack, on SQLite and PostgreSQL: a throttle that holds when attempts arrive
in parallel, the same argon2 work for unknown names, X-Forwarded-For only from trusted
proxies, and NUL characters refused with 422 rather than a 500 from PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
from argon2 import PasswordHasher
from starlette.requests import Request

from fieldkit.server.app import ServerState
from fieldkit.server.config import Settings
from tests.conftest_server import make_live_server
from tests.server.conftest import op, place_op, visit_op

LOGIN = "/api/v1/auth/login"


def _parallel_logins(url: str, bodies: list[dict], headers: list[dict] | None = None) -> list[int]:
    headers = headers or [{} for _ in bodies]
    with httpx.Client(base_url=url, timeout=60) as http:

        def attempt(i: int) -> int:
            return http.post(LOGIN, json=bodies[i], headers=headers[i]).status_code

        with ThreadPoolExecutor(len(bodies)) as pool:
            return list(pool.map(attempt, range(len(bodies))))


def test_parallel_wrong_passwords_check_at_most_the_limit(live_server):
    wrong = {"username": "agent-bzh", "password": "wrong-pass", "device_name": "d"}
    statuses = _parallel_logins(live_server.url, [wrong] * 40)
    assert set(statuses) <= {401, 429}, statuses
    assert statuses.count(401) <= live_server.state.limits.login_failures, statuses
    assert statuses.count(429) >= 40 - live_server.state.limits.login_failures
    # The right password is refused too until the window has passed.
    right = {**wrong, "password": live_server.passwords["agent-bzh"]}
    assert httpx.post(f"{live_server.url}{LOGIN}", json=right, timeout=10).status_code == 429


def test_an_unknown_name_costs_the_same_argon2_work_as_a_wrong_password(api, monkeypatch):
    verified: list[str] = []
    real_verify = PasswordHasher.verify

    def counting_verify(self, hash, password):  # noqa: A002 - argon2's own parameter name
        verified.append(hash.split("$")[3])  # the parameters: m=…,t=…,p=…
        return real_verify(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting_verify)
    for username in ("agent-bzh", "nobody-by-that-name"):
        response = api.client.post(
            LOGIN, json={"username": username, "password": "wrong-pass", "device_name": "d"}
        )
        assert response.status_code == 401
    assert len(verified) == 2, verified
    # The unknown name is checked against a hash made with the server's own parameters.
    hasher = api.state.accounts.hasher
    assert verified[1] == f"m={hasher.memory_cost},t={hasher.time_cost},p={hasher.parallelism}"


def _spoofed_logins(url: str, count: int) -> list[int]:
    """Wrong logins for ``count`` names, each claiming its own X-Forwarded-For address."""
    bodies = [
        {"username": f"nobody-{i}", "password": "x", "device_name": "d"} for i in range(count)
    ]
    headers = [{"X-Forwarded-For": f"198.51.100.{i}"} for i in range(count)]
    return _parallel_logins(url, bodies, headers)


def test_x_forwarded_for_from_an_untrusted_peer_does_not_escape_the_address_limit(live_server):
    # No proxy configured: every attempt is 127.0.0.1's, whatever the header claims.
    limit = live_server.state.limits.login_failures_per_ip
    statuses = _spoofed_logins(live_server.url, limit + 5)
    assert statuses.count(401) == limit and statuses.count(429) == 5, statuses


def test_x_forwarded_for_from_a_trusted_proxy_names_the_client(tmp_path, database_url):
    server = make_live_server(tmp_path, database_url, Settings(trusted_proxies=("127.0.0.1",)))
    try:
        limit = server.state.limits.login_failures_per_ip
        statuses = _spoofed_logins(server.url, limit + 5)
        assert statuses == [401] * (limit + 5)  # that many clients behind the proxy
    finally:
        server.stop()


def _request(peer: str, forwarded: list[str]) -> Request:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return Request({"type": "http", "client": (peer, 4000), "headers": headers})


def test_the_client_is_the_nearest_address_that_is_not_a_trusted_proxy(tmp_path):
    state = ServerState(
        tmp_path, None, lambda: None, None, Settings(trusted_proxies=("10.0.0.0/24",))
    )  # type: ignore[arg-type]
    try:
        # A client may write anything on the left; the proxies append on the right.
        assert state.client_ip(_request("10.0.0.5", ["6.6.6.6, 203.0.113.7"])) == "203.0.113.7"
        assert state.client_ip(_request("10.0.0.5", ["203.0.113.7, 10.0.0.9"])) == "203.0.113.7"
        assert state.client_ip(_request("10.0.0.5", ["6.6.6.6", "203.0.113.7"])) == "203.0.113.7"
        assert state.client_ip(_request("10.0.0.5", [])) == "10.0.0.5"
        # Not from a proxy: the header is ignored.
        assert state.client_ip(_request("192.0.2.1", ["203.0.113.7"])) == "192.0.2.1"
    finally:
        state.db.dispose()


def test_nul_characters_are_refused_with_422_not_a_server_error(api):
    for body in (
        {"username": "agent\x00bzh", "password": "bzh-pass-1", "device_name": "d"},
        {"username": "agent-bzh", "password": "bzh-pass-1", "device_name": "lap\x00top"},
    ):
        response = api.client.post(LOGIN, json=body)
        assert response.status_code == 422, response.text
    response = api.push("agent-bzh", place_op("p\x001"))
    assert response.status_code == 422 and "record_id" in response.text
    resolve = api.client.post("/api/v1/conflicts/a%00b/resolve", headers=api.headers("coordinator"))
    assert resolve.status_code == 422
    # In a value: the whole batch is refused with 422 naming the field (strict wire types,
    # server-hardening), nothing applied.
    response = api.push(
        "agent-bzh",
        place_op("p1"),
        visit_op("v1", "p\x001"),
        op("place", "p2", fields={"name": "Lieu\x00", "postcode": "35000"}),
    )
    assert response.status_code == 422, response.text
    assert "place_id" in response.text and "NUL" in response.text
    assert api.pull("agent-bzh")["records"] == []
