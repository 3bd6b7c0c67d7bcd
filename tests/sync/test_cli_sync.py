"""``fieldkit login``, ``fieldkit sync``, ``fieldkit logout`` against the real server."""

from __future__ import annotations

import stat

import httpx
from click.testing import CliRunner

from fieldkit.cli import main
from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.sync import credentials


def run(home: Home, *args: str, input: str | None = None):
    return CliRunner().invoke(main, ["--home", str(home.root), *args], input=input)


def test_login_sync_logout(home, live_server):
    result = run(home, "login", live_server.url, "--user", "agent-bzh", input="bzh-pass-1\n")
    assert result.exit_code == 0, result.output
    assert "Logged in" in result.output and "53" in result.output

    # No keyring backend here: the token is in a file only its owner can read.
    path = credentials.token_file(home)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    token = credentials.load_token(home, live_server.url, "agent-bzh")
    assert token and token in path.read_text()

    with Store.open(home) as store:
        assert store.get_setting("server_url") == live_server.url
        assert store.get_setting("user") == "agent-bzh"
        place = store.create_place(name="La Cantine", postcode="35000")
        assert place["created_by"] == "agent-bzh"
    result = run(home, "sync")
    assert result.exit_code == 0, result.output
    assert "sent 1 change(s)" in result.stdout
    assert "Syncing with" in result.stderr  # progress goes to stderr
    with Store.open(home) as store:
        assert store.outbox_count() == 0 and store.get_setting("last_sync")

    result = run(home, "logout")
    assert result.exit_code == 0 and "Logged out" in result.output
    assert not path.exists()
    with httpx.Client(base_url=live_server.url) as http:
        me = http.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401  # revoked on the server
    result = run(home, "sync")
    assert result.exit_code == 1 and "fieldkit login" in result.output


def test_wrong_password_is_a_clear_error_and_saves_nothing(home, live_server):
    result = run(home, "login", live_server.url, "--user", "agent-bzh", input="nope\n")
    assert result.exit_code == 1
    assert "wrong user name or password" in result.output
    assert not credentials.token_file(home).exists()


def test_bad_url_and_unreachable_server(home, live_server):
    result = run(home, "login", "ftp://example", "--user", "x", input="pw\n")
    assert result.exit_code == 1 and "not a server address" in result.output
    url = live_server.url
    live_server.stop()
    result = run(home, "login", url, "--user", "agent-bzh", input="bzh-pass-1\n")
    assert result.exit_code == 1 and "Could not reach" in result.output
    live_server.start()


def test_sync_before_login_says_what_to_do(home):
    result = run(home, "sync")
    assert result.exit_code == 1 and "fieldkit login" in result.output


def test_token_file_is_replaced_not_loosened(home):
    credentials.save_token(home, "http://127.0.0.1:1", "a", "first")
    path = credentials.token_file(home)
    path.chmod(0o644)  # someone loosened it
    credentials.save_token(home, "http://127.0.0.1:1", "a", "second")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert credentials.load_token(home, "http://127.0.0.1:1", "a") == "second"
    assert credentials.load_token(home, "http://127.0.0.1:1", "b") is None
    credentials.forget_token(home, "http://127.0.0.1:1", "a")
    assert credentials.load_token(home, "http://127.0.0.1:1", "a") is None
