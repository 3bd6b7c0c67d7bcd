"""`fieldkit login` and `fieldkit mission open` warn before a password goes over plain
HTTP to another machine, and send it only when the person says so.

The server is the real one on 127.0.0.1. Its address is written ``127.1`` (which the
system resolves to 127.0.0.1 without any lookup, so nothing leaves the machine): the
check reads only literal loopback addresses and ``localhost`` as this machine, so for
it ``127.1`` may be anywhere, which is what these tests need."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from fieldkit.cli import main
from fieldkit.server import db
from fieldkit.sync.tls import plain_http_beyond_loopback


@pytest.mark.parametrize(
    ("url", "risky"),
    [
        ("http://192.0.2.10:8765", True),
        ("http://fieldkit.example.org", True),
        ("HTTP://fieldkit.example.org:80/", True),
        ("http://127.0.0.1:8765", False),
        ("http://127.8.9.10", False),
        ("http://[::1]:8765", False),
        ("http://localhost:8765", False),
        ("https://fieldkit.example.org", False),
        ("https://192.0.2.10:8765", False),
    ],
)
def test_which_addresses_are_plain_http_beyond_loopback(url, risky):
    assert plain_http_beyond_loopback(url) is risky


def tokens(server) -> int:
    with server.state.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(db.tokens)).scalar_one())


def test_login_over_plain_http_elsewhere_sends_nothing_unless_allowed(live_server, tmp_path):
    url = f"http://127.1:{live_server.port}"
    home = ["--home", str(tmp_path / "laptop")]
    before = tokens(live_server)
    args = [*home, "login", url, "--user", "agent-bzh"]
    refused = CliRunner().invoke(main, args, input="bzh-pass-1\n")
    assert refused.exit_code == 1
    assert tokens(live_server) == before  # the password never left
    allowed = CliRunner().invoke(main, [*args, "--allow-plain-http"], input="bzh-pass-1\n")
    assert allowed.exit_code == 0, allowed.output
    assert tokens(live_server) == before + 1
    # Loopback written plainly: no question.
    plain = [*home, "login", live_server.url, "--user", "agent-bzh"]
    assert CliRunner().invoke(main, plain, input="bzh-pass-1\n").exit_code == 0


def test_a_mission_file_with_plain_http_elsewhere_sends_nothing_unless_allowed(
    live_server, tmp_path
):
    url = f"http://127.1:{live_server.port}"
    issued = tmp_path / "mission.fieldkit"
    data = str(live_server.data_dir)
    for args in (
        ["config", "--data", data, "--mission-name", "Tiers-lieux"],
        ["mission-file", "--data", data, "--out", str(issued), "--url", url],
    ):
        done = CliRunner().invoke(main, ["server", *args])
        assert done.exit_code == 0, done.output
    home = ["--home", str(tmp_path / "laptop")]
    before = tokens(live_server)
    args = [*home, "mission", "open", str(issued), "--user", "agent-bzh", "--no-sync"]
    refused = CliRunner().invoke(main, args, input="bzh-pass-1\n")
    assert refused.exit_code == 1
    assert tokens(live_server) == before
    allowed = CliRunner().invoke(main, [*args, "--allow-plain-http"], input="bzh-pass-1\n")
    assert allowed.exit_code == 0, allowed.output
    assert tokens(live_server) == before + 1
