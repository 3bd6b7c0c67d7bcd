"""Prometheus metrics of the server (``GET /metrics``, text exposition format).

Counters live in the process. With several worker processes each would count only its
own requests, so the server uses prometheus-client's multiprocess mode when the
environment variable ``PROMETHEUS_MULTIPROC_DIR`` names a directory: every worker then
writes its values to files there and ``/metrics`` (answered by any worker) adds them
up. ``fieldkit server run`` sets it (a fresh ``metrics/`` folder in the data directory)
before any worker starts; see docs/server.md ("Metrics").
"""

from __future__ import annotations

import functools
import os
import shutil
import time
from pathlib import Path

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as _multiprocess
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter(
    "fieldkit_http_requests_total",
    "HTTP requests answered, by route template, method and status.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "fieldkit_http_request_duration_seconds",
    "Time to answer a request (headers and body sent), by route template and method.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
PUSHED_OPS = Counter("fieldkit_push_ops_total", "Pushed operations, by result status.", ["status"])
CONFLICTS = Counter("fieldkit_conflicts_total", "Conflicts created by pushes.")
UPLOADS = Counter(
    "fieldkit_uploads_total",
    "Blob uploads finished, by result (stored, already_held, hash_mismatch).",
    ["result"],
)
UPLOAD_BYTES = Counter("fieldkit_upload_bytes_total", "Blob bytes received (tus PATCH and PUT).")
LOGINS = Counter("fieldkit_logins_total", "Login attempts, by result.", ["result"])


def prepare_multiprocess_dir(data_dir: Path) -> Path:
    """Point prometheus-client at a fresh ``metrics/`` folder of the data directory.

    Must run before the workers import the server (the environment is inherited); old
    files from a previous run are removed so counters start at zero.
    """
    folder = Path(data_dir) / "metrics"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ[MULTIPROC_ENV] = str(folder)
    return folder


def exposition() -> tuple[bytes, str]:
    """The metrics page: this process's values, or all workers' in multiprocess mode."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        _multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST


class RouteIndex:
    """The path template a request is routed to (the first route matching its path, as the
    router picks) and every method allowed on that template.

    Remembered per path (bounded): matching every route's pattern on each request was a
    tenth of a trivial request's CPU. Built by middleware when the app first serves, once
    every route is declared."""

    def __init__(self, routes: list[BaseRoute]) -> None:
        self.routes = routes
        self._lookup = functools.lru_cache(maxsize=4096)(self._match)

    def of(self, scope: Scope) -> tuple[str | None, frozenset[str]]:
        return self._lookup(scope["path"], scope.get("root_path", ""))

    def _match(self, path: str, root_path: str) -> tuple[str | None, frozenset[str]]:
        scope = {"type": "http", "path": path, "root_path": root_path, "method": "GET"}
        template: str | None = None
        for route in self.routes:
            route_path = getattr(route, "path", None)
            if route_path is None:
                continue
            match, _ = route.matches(scope)
            if match == Match.NONE:
                continue
            template = route_path
            break
        methods: set[str] = set()
        for route in self.routes:
            if template is not None and getattr(route, "path", None) == template:
                methods.update(getattr(route, "methods", None) or ())
        return template, frozenset(methods)


class RequestMetrics:
    """Counts every request and its latency under its route template (``/blobs/{sha256}``,
    never the concrete path, so hashes and ids don't become labels)."""

    def __init__(self, app: ASGIApp, routes: list[BaseRoute]) -> None:
        self.app = app
        self.routes = RouteIndex(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None)
            if template is None:  # answered before routing (401, OPTIONS, 413)
                template = self.routes.of(scope)[0] or "unmatched"
            method = scope["method"]
            REQUESTS.labels(method, template, str(status)).inc()
            LATENCY.labels(method, template).observe(time.perf_counter() - started)
