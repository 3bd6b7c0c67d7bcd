"""`fieldkit server audit`: logins, failed logins, user changes, erasures and restores —
who, when, from where, never content — on SQLite and PostgreSQL."""

from __future__ import annotations

from click.testing import CliRunner

from fieldkit.cli import main
from fieldkit.server import audit
from tests.server.conftest import op, place_op, visit_op

SECRET = "Le trésor est sous le quatrième pilier"


def audit_cli(api, *args: str) -> str:
    db_args = ["--database-url", api.database_url] if api.database_url else []
    result = CliRunner().invoke(
        main, ["server", "audit", "--data", str(api.data_dir), *db_args, *args]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_the_audit_log_says_who_did_what_when_and_from_where_never_content(api, tmp_path):
    wrong = {"username": "agent-occ", "password": "a wrong password", "device_name": "d"}
    assert api.client.post("/api/v1/auth/login", json=wrong).status_code == 401
    api.headers("agent-bzh", "laptop-anne")  # a login
    api.state.accounts.add_user("marie", "cheval batterie agrafe", "coordinator", by="admin")
    api.push_ok(
        "agent-bzh",
        place_op("p1"),
        visit_op("v1", "p1", notes=SECRET),
        op("interview", "i1", fields={"visit_id": "v1", "person_name": "Gwenaëlle"}),
    )
    erased = api.client.post(
        "/api/v1/sync/erase",
        json={"erasures": [{"kind": "visit", "id": "v1"}]},
        headers=api.headers("coordinator"),
    )
    assert erased.json()["results"][0]["status"] == "erased"
    api.state.accounts.revoke_user_tokens("agent-bzh")

    events = [(e["event"], e["actor"]) for e in audit.entries(api.state.db)]
    assert ("login_failed", "agent-occ") in events
    assert ("login", "agent-bzh") in events
    assert ("user_added", "admin") in events
    assert ("erasure", "coordinator") in events
    assert [e for e, _ in events if e == "tokens_revoked"] == ["tokens_revoked"]
    for entry in audit.entries(api.state.db):
        assert entry["at"] and entry["actor"]
        if entry["event"].startswith("login") or entry["event"] == "erasure":
            assert entry["address"]  # from where
        text = repr(entry)
        assert SECRET not in text and "Gwenaëlle" not in text
        assert "a wrong password" not in text

    # The command line lists them, and filters by event.
    output = audit_cli(api)
    assert "login_failed" in output and "erasure" in output and "visit v1" in output
    only = audit_cli(api, "--event", "erasure")
    assert "erasure" in only and "login" not in only
    assert SECRET not in output and "a wrong password" not in output


def test_a_restore_is_in_the_audit_log(api, tmp_path):
    from fieldkit.server.backup import backup, restore
    from fieldkit.server.db import default_url

    url = api.database_url or default_url(api.data_dir)
    backup(api.data_dir, url, tmp_path / "bk")
    api.close()
    restore(api.data_dir, url, tmp_path / "bk")
    output = audit_cli(api, "--event", "restore")
    assert "restore" in output and str(tmp_path / "bk") in output
