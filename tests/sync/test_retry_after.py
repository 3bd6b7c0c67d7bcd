"""The client honours Retry-After (429/503) and adds jitter to its backoff: against the real
server's login throttle, and a plain loopback HTTP server that answers what we script."""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from fieldkit.store import Store
from fieldkit.sync import SyncClient, SyncError, login
from fieldkit.sync.client import ServerError
from fieldkit.sync.transport import CountingTransport


class Scripted:
    """A loopback HTTP server answering each request with the next scripted reply."""

    def __init__(self, replies: list[tuple[int, dict[str, str]]], then: int = 200) -> None:
        self.replies = list(replies)
        self.then = then
        self.times: list[float] = []
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                scripted.times.append(time.monotonic())
                status, headers = (
                    scripted.replies.pop(0) if scripted.replies else (scripted.then, {})
                )
                if status == 200:
                    body = json.dumps({"name": "agent-bzh", "role": "agent", "regions": ["53"]})
                else:
                    body = json.dumps({"error": {"code": "busy", "message": "busy", "details": {}}})
                data = body.encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def scripted() -> Iterator[type[Scripted]]:
    made: list[Scripted] = []

    def make(*args, **kwargs) -> Scripted:
        s = Scripted(*args, **kwargs)
        made.append(s)
        return s

    yield make  # type: ignore[misc]
    for s in made:
        s.close()


def test_503_retry_after_is_waited_for(scripted):
    server = scripted([(503, {"Retry-After": "1"})])
    with SyncClient(Store.memory(), server.url, "fk_x", retry_delays=(0.01, 0.01)) as client:
        assert client.me()["name"] == "agent-bzh"
        assert client.waits[0] >= 1.0
    assert len(server.times) == 2
    assert server.times[1] - server.times[0] >= 1.0


def test_429_asking_for_too_long_stops_at_once_and_says_when(scripted):
    server = scripted([(429, {"Retry-After": "120"})])
    client = SyncClient(Store.memory(), server.url, "fk_x", retry_delays=(0.01,))
    with client, pytest.raises(ServerError) as err:
        client.me()
    assert err.value.status == 429 and err.value.details["retry_after"] == 120
    assert len(server.times) == 1  # not hammered


def test_backoff_has_jitter_within_half_and_one_and_a_half_steps(scripted):
    server = scripted([], then=500)
    waits = []
    for seed in (1, 2):
        with SyncClient(
            Store.memory(),
            server.url,
            "fk_x",
            retry_delays=(0.2, 0.2, 0.2),
            rng=random.Random(seed),
        ) as client:
            with pytest.raises(SyncError) as err:
                client.me()
            assert err.value.code == "offline"
            assert all(0.1 <= w <= 0.3 for w in client.waits)
            waits.append(client.waits)
    assert waits[0] != waits[1]  # two laptops do not retry in step
    assert len(set(waits[0])) > 1
    # Gaps between one client's attempts (the second client starts right after the first).
    per_client = len(server.times) // 2
    gaps = [
        b - a
        for times in (server.times[:per_client], server.times[per_client:])
        for a, b in zip(times, times[1:], strict=False)
    ]
    assert len(server.times) == 8 and all(g >= 0.1 for g in gaps), gaps


def test_login_throttle_of_the_real_server_is_honoured(live_server, tmp_path):
    from fieldkit.paths import Home

    store = Store.open(Home(tmp_path / "d").ensure())
    for _ in range(5):
        with pytest.raises(SyncError) as err:
            login(store, live_server.url, "agent-bzh", "wrong")
        assert err.value.code == "invalid_credentials"
    wire = CountingTransport()
    with pytest.raises(SyncError) as err:
        login(store, live_server.url, "agent-bzh", "bzh-pass-1", transport=wire)
    assert err.value.code == "too_many_attempts"
    assert 200 <= err.value.params["retry_after"] <= 300
    assert "wait 5 minute(s)" in err.value.message
    assert wire.requests == 1  # the server asked for minutes: no retry within this call
    store.close()
