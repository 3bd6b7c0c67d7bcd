"""Operations: /metrics in Prometheus format (also summed over worker processes) and
JSON log lines."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest_server import _free_port
from tests.server.conftest import op, place_op


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample of the exposition ``text`` (0 if absent)."""
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return 0.0


def test_metrics_count_requests_latencies_pushes_conflicts_and_uploads(live_server):
    base = live_server.url
    before = httpx.get(f"{base}/metrics").text
    token = live_server.login("agent-bzh")
    headers = {"Authorization": f"Bearer {token}"}

    def push(*ops):
        return httpx.post(f"{base}/api/v1/sync/push", json={"ops": list(ops)}, headers=headers)

    push(place_op("p1"))
    push(op("place", "p1", "update", base_version=1, fields={"name": "Mine"}))
    push(op("place", "p1", "update", base_version=1, fields={"name": "Theirs"}, base={"name": "?"}))
    data = b"photo bytes" * 100
    sha = hashlib.sha256(data).hexdigest()
    assert httpx.put(f"{base}/api/v1/blobs/{sha}", content=data, headers=headers).status_code == 201
    httpx.get(f"{base}/api/v1/sync/pull")  # 401, still counted under its route
    response = httpx.get(f"{base}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    after = response.text

    def delta(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    route = {"method": "POST", "route": "/api/v1/sync/push", "status": "200"}
    assert delta("fieldkit_http_requests_total", **route) == 3
    assert (
        delta("fieldkit_http_requests_total", method="GET", route="/api/v1/sync/pull", status="401")
        == 1
    )
    assert (
        delta(
            "fieldkit_http_request_duration_seconds_count", method="POST", route="/api/v1/sync/push"
        )
        == 3
    )
    assert delta("fieldkit_push_ops_total", status="applied") == 2
    assert delta("fieldkit_push_ops_total", status="conflict") == 1
    assert delta("fieldkit_conflicts_total") == 1
    assert delta("fieldkit_uploads_total", result="stored") == 1
    assert delta("fieldkit_upload_bytes_total") == len(data)
    assert delta("fieldkit_logins_total", result="ok") == 1
    # Route templates, never concrete hashes, as labels.
    assert sha not in after


def _start(args: list[str], env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2)
            return process
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"server did not start:\n{output}")
            time.sleep(0.1)


def test_json_logs_and_metrics_summed_over_processes(tmp_path: Path):
    """Two server processes on one data directory (what --workers makes) share a
    multiprocess metrics folder: either one's /metrics counts both."""
    data = tmp_path / "srv"
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    (tmp_path / "metrics").mkdir()
    ports = [_free_port(), _free_port()]
    processes = []
    try:
        for port in ports:
            args = [sys.executable, "-m", "fieldkit.cli", "server", "run", "--data", str(data)]
            args += ["--port", str(port), "--log-format", "json"]
            processes.append(_start(args, env, port))
        for port, count in zip(ports, (3, 2), strict=True):
            for _ in range(count):
                assert httpx.get(f"http://127.0.0.1:{port}/api/v1/health").status_code == 200
        text = httpx.get(f"http://127.0.0.1:{ports[1]}/metrics").text
        health = {"method": "GET", "route": "/api/v1/health", "status": "200"}
        assert sample(text, "fieldkit_http_requests_total", **health) == 5
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
    output = processes[0].stdout.read().decode() if processes[0].stdout else ""
    lines = [
        line for line in output.splitlines() if line and not line.startswith("FieldKit server")
    ]
    entries = [json.loads(line) for line in lines]  # every log line is one JSON object
    assert {"time", "level", "logger", "message"} <= set(entries[0])
    access = [e for e in entries if e.get("path") == "/api/v1/health"]
    assert len(access) == 3 and all(e["status"] == 200 and e["method"] == "GET" for e in access)


def test_route_templates_are_matched_once_per_path():
    """The gate and the metrics ask for the route of every request: remembered per path."""
    from starlette.routing import Route

    from fieldkit.server.metrics import RouteIndex

    calls: list[str] = []

    class CountingRoute(Route):
        def matches(self, scope):
            calls.append(self.path)
            return super().matches(scope)

    async def endpoint(_request):  # pragma: no cover - never called
        return None

    routes = [
        CountingRoute("/api/v1/health", endpoint, methods=["GET"]),
        CountingRoute("/api/v1/blobs/{sha256}", endpoint, methods=["GET", "HEAD"]),
        CountingRoute("/api/v1/blobs/{sha256}", endpoint, methods=["PATCH"]),
    ]
    index = RouteIndex(routes)
    scope = {"type": "http", "path": "/api/v1/blobs/" + "a" * 64, "method": "PATCH"}
    first = index.of(scope)
    matched = len(calls)
    assert index.of(scope) == first == ("/api/v1/blobs/{sha256}", {"GET", "HEAD", "PATCH"})
    assert len(calls) == matched  # the second request matched nothing again
    assert index.of({**scope, "path": "/nowhere"}) == (None, frozenset())
