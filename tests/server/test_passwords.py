"""The password policy (OWASP ASVS 2.1) and user names, on both databases."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from fieldkit.cli import main
from fieldkit.errors import ValidationError

LOGIN = "/api/v1/auth/login"


def refusal(api, name: str, password: str, role: str = "coordinator") -> str:
    with pytest.raises(ValidationError) as caught:
        api.state.accounts.add_user(name, password, role, ["53"] if role == "agent" else [])
    return str(caught.value.code)


def test_short_common_and_overlong_passwords_are_refused(api):
    assert refusal(api, "lea", "eleven-char") == "short_password"
    # Common ones, whatever their case and surrounding spaces.
    for common in ("qwerty123456", "Q1W2E3R4T5Y6", " 1qaz2wsx3edc "):
        assert refusal(api, "lea", common) == "common_password"
    assert refusal(api, "lea", "x" * 1001) == "long_password"
    # The longest one add-user takes is the longest a login takes.
    api.state.accounts.add_user("lea", "y" * 1000, "coordinator")
    ok = api.client.post(
        LOGIN, json={"username": "lea", "password": "y" * 1000, "device_name": "d"}
    )
    assert ok.status_code == 200, ok.text
    too_long = api.client.post(
        LOGIN, json={"username": "lea", "password": "y" * 1001, "device_name": "d"}
    )
    assert too_long.status_code == 422


def test_user_names_that_differ_only_by_case_are_refused(api):
    api.state.accounts.add_user("Marie", "marie-password-1", "coordinator")
    for name in ("marie", "MARIE", "Marie"):
        assert refusal(api, name, "another-password-2") == "duplicate_user"
    # The existing test users too ("agent-bzh").
    assert refusal(api, "Agent-BZH", "another-password-2", "agent") == "duplicate_user"


def test_add_user_on_the_command_line_refuses_a_common_password(tmp_path):
    data = str(tmp_path / "srv")
    result = CliRunner().invoke(
        main,
        ["server", "add-user", "--data", data, "bob", "--role", "admin"],
        input="qwerty123456\n",
    )
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    good = CliRunner().invoke(
        main,
        ["server", "add-user", "--data", data, "bob", "--role", "admin"],
        input="cheval batterie agrafe\n",
    )
    assert good.exit_code == 0, good.output
