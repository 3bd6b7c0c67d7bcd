"""Login throttling behind a real reverse proxy on loopback: nginx (Debian's package,
started by the test in a temporary folder) configured as docs/deploy.md says, in front of
a server started with --trusted-proxies 127.0.0.1. Clients come from different loopback
addresses (127.0.0.2, 127.0.0.3), as people would from different places."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fieldkit.server.config import Settings
from tests.conftest_server import _free_port, make_live_server

LOGIN = "/api/v1/auth/login"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).is_file()), None
    )


# The server block of docs/deploy.md, on plain HTTP and loopback (TLS is the proxy's job
# there and changes nothing here).
CONFIG = """
worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 20m;
        proxy_request_buffering off;
        proxy_read_timeout 300s;
        location / {{
            proxy_pass http://127.0.0.1:{backend};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


@pytest.fixture
def proxied(tmp_path: Path, database_url: str | None) -> Iterator[tuple[str, object]]:
    binary = nginx_binary()
    if binary is None:
        # `make test` installs it: in CI a missing nginx is a failure, not a skip.
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is not installed, and make test should have installed nginx-light")
        pytest.skip("nginx is not installed (Debian: apt-get install nginx-light; make test does)")
    server = make_live_server(tmp_path, database_url, Settings(trusted_proxies=("127.0.0.1",)))
    root = tmp_path / "nginx"
    root.mkdir()
    port = _free_port()
    (root / "nginx.conf").write_text(CONFIG.format(root=root, port=port, backend=server.port))
    proxy = subprocess.Popen(
        [binary, "-p", str(root), "-c", str(root / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proxy.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"nginx did not start: {(root / 'error.log').read_text()}"
                    ) from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", server
    finally:
        proxy.terminate()
        proxy.wait(10)
        server.stop()


def from_address(address: str) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30)


def login(http: httpx.Client, url: str, user: str, password: str) -> int:
    body = {"username": user, "password": password, "device_name": "laptop"}
    return http.post(f"{url}{LOGIN}", json=body).status_code


def test_guesses_from_one_address_lock_out_neither_other_people_nor_right_passwords(proxied):
    url, server = proxied
    limit = server.state.limits.login_failures_per_ip
    with from_address("127.0.0.2") as attacker, from_address("127.0.0.3") as colleague:
        # Password spraying: one guess at each of many names, then one more.
        statuses = [login(attacker, url, f"guess-{i}", "wrong-password") for i in range(limit)]
        assert statuses == [401] * limit
        assert login(attacker, url, "agent-occ", "wrong-password") == 429
        # Someone else, elsewhere, logs in; so does anyone with a right password from the
        # throttled address (behind one NAT), and the throttled account names stay locked
        # for wrong passwords only.
        assert login(colleague, url, "agent-bzh", server.passwords["agent-bzh"]) == 200
        assert login(attacker, url, "coordinator", server.passwords["coordinator"]) == 200
        assert login(colleague, url, "agent-occ", "wrong-password") == 401
