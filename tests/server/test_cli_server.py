"""``fieldkit server init / add-user / revoke-tokens / run``, through the real CLI."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from fieldkit.cli import main
from fieldkit.server.app import create_app
from tests.conftest_server import _free_port
from tests.server.test_migrations import head_revision


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["server", *args], input=input)


def test_init_creates_the_database_and_folders_and_is_repeatable(tmp_path):
    data = tmp_path / "srv"
    first = run("init", "--data", str(data))
    assert first.exit_code == 0, first.output
    assert f"schema {head_revision()}, 0 users" in first.output
    assert (data / "server.db").is_file() and (data / "blobs").is_dir()
    assert run("init", "--data", str(data)).exit_code == 0


def test_add_user_reads_the_password_from_stdin_and_it_works(tmp_path):
    data = tmp_path / "srv"
    result = run(
        "add-user",
        "--data",
        str(data),
        "anne",
        "--role",
        "agent",
        "--regions",
        "53, 76",
        input="correct horse\n",
    )
    assert result.exit_code == 0, result.output
    assert "User anne added (agent, 53, 76)." in result.output
    coordinator = run(
        "add-user", "--data", str(data), "claire", "--role", "coordinator", input="pass-claire-1\n"
    )
    assert "(coordinator, all régions)" in coordinator.output
    app = create_app(data)
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        login = client.post(
            "/api/v1/auth/login",
            json={"username": "anne", "password": "correct horse", "device_name": "d"},
        )
        assert login.status_code == 200
        assert login.json()["user"]["regions"] == ["53", "76"]
        token = login.json()["token"]
        revoked = run("revoke-tokens", "--data", str(data), "anne")
        assert revoked.exit_code == 0 and "1 token of anne revoked." in revoked.output
        me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert me.status_code == 401
    app.state.server.db.dispose()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["bob", "--role", "agent", "--regions", "99"], "bob-password-1\n", "'99'"),
        (["bob", "--role", "agent"], "bob-password-1\n", "--regions"),
        (["bob", "--role", "admin"], "short\n", "12"),
        (["bob", "--role", "admin"], "", "standard input"),
        (["bad name", "--role", "admin"], "bob-password-1\n", "name"),
    ],
)
def test_add_user_bad_input_is_a_one_line_error(tmp_path, args, stdin, message):
    result = run("add-user", "--data", str(tmp_path / "srv"), *args, input=stdin)
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_second_user_with_the_same_name_is_refused(tmp_path):
    data = str(tmp_path / "srv")
    assert (
        run(
            "add-user", "--data", data, "bob", "--role", "admin", input="bob-password-1\n"
        ).exit_code
        == 0
    )
    again = run("add-user", "--data", data, "bob", "--role", "admin", input="bob-password-2\n")
    assert again.exit_code == 1 and "already exists" in again.output
    unknown = run("revoke-tokens", "--data", data, "nobody")
    assert unknown.exit_code == 1 and "No user named 'nobody'" in unknown.output


def test_run_refuses_a_trusted_proxy_that_is_not_an_address(tmp_path):
    result = run("run", "--data", str(tmp_path / "srv"), "--trusted-proxies", "10.0.0.1,proxy")
    assert result.exit_code == 1
    assert "'proxy' is not an IP address or network" in result.output


def test_run_needs_both_tls_files(tmp_path):
    key = tmp_path / "key.pem"
    key.write_text("x")
    result = run("run", "--data", str(tmp_path / "srv"), "--ssl-keyfile", str(key))
    assert result.exit_code == 2 and "go together" in result.output


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = tmp_path / "key.pem", tmp_path / "cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
def test_run_serves_the_api(tmp_path, tls):
    data = tmp_path / "srv"
    port = _free_port()
    args = [sys.executable, "-m", "fieldkit.cli", "server", "run", "--data", str(data)]
    args += ["--host", "127.0.0.1", "--port", str(port)]
    verify: ssl.SSLContext | bool = False
    if tls:
        key, cert = _self_signed(tmp_path)
        args += ["--ssl-keyfile", str(key), "--ssl-certfile", str(cert)]
        verify = ssl.create_default_context(cafile=str(cert))
    scheme = "https" if tls else "http"
    process = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ}
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                response = httpx.get(
                    f"{scheme}://127.0.0.1:{port}/api/v1/health", verify=verify, timeout=2
                )
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"server did not start:\n{output}")
                time.sleep(0.1)
        assert response.status_code == 200 and response.json()["status"] == "ok"
        assert (data / "server.db").is_file()
    finally:
        process.terminate()
        process.wait(timeout=10)


def _talk(fd: int, until: bytes, timeout: float = 20) -> bytes:
    import select

    seen = b""
    deadline = time.monotonic() + timeout
    while until not in seen:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"no {until!r} in {seen!r}")
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_add_user_on_a_terminal_asks_twice_and_checks_they_match(tmp_path):
    import pty

    data = tmp_path / "srv"
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its terminal, so the password is asked there
        os.execv(
            sys.executable,
            [
                sys.executable,
                "-m",
                "fieldkit.cli",
                "server",
                "add-user",
                "--data",
                str(data),
                "nina",
                "--role",
                "coordinator",
            ],
        )
    try:
        _talk(fd, b"Password for nina:")
        os.write(fd, b"first-password\n")
        _talk(fd, b"Repeat for confirmation:")
        os.write(fd, b"other-password\n")
        mismatch = _talk(fd, b"Password for nina:")  # click says they differ and asks again
        assert b"do not match" in mismatch
        os.write(fd, b"good-password\n")
        _talk(fd, b"Repeat for confirmation:")
        os.write(fd, b"good-password\n")
        done = _talk(fd, b"added")
        assert b"User nina added (coordinator, all r" in done
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    app = create_app(data)
    assert [u["name"] for u in app.state.server.accounts.users()] == ["nina"]
    assert app.state.server.accounts.login("nina", "good-password", "d", "127.0.0.1")["token"]
    app.state.server.db.dispose()


def test_an_unusable_data_directory_or_database_url_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for args in (
        ["init", "--data", str(blocker / "srv")],
        ["init", "--data", str(tmp_path / "srv"), "--database-url", "nosuchdb://x"],
        ["init", "--data", str(tmp_path / "srv"), "--database-url", f"sqlite:///{blocker}/x.db"],
    ):
        result = run(*args)
        assert result.exit_code == 1, result.output
        assert result.output.startswith("Error: ")
        assert len(result.output.strip().splitlines()) == 1


def test_plain_http_beyond_loopback_gets_a_warning():
    from fieldkit.server.cli import plain_http_warning

    assert plain_http_warning("127.0.0.1", tls=False) is None
    assert plain_http_warning("0.0.0.0", tls=True) is None
    assert "unencrypted" in (plain_http_warning("0.0.0.0", tls=False) or "")
