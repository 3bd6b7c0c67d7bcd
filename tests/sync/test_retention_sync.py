"""Retention on the coordinator's laptop reaches the others as ordinary edits; each of
them keeps the renamed people's name forms (hashed) so its outputs still hide what the
edits left in the notes (fieldkit.retention.remember_renamed), over the real server."""

from __future__ import annotations

import json
from pathlib import Path

from fieldkit.exporter import export
from fieldkit.gate import RETAINED_KEY, OutputGate
from fieldkit.privacy import RETENTION_KEY
from tests.privacy_missions import build_common_words, leaks, texts_of


def test_a_pulled_rename_keeps_the_forms_here_too(devices, tmp_path: Path):
    coordinator = devices("coordinator", name="coordinator-laptop")
    agent = devices("agent-bzh", name="agent-laptop")
    mission = build_common_words(coordinator.store)
    coordinator.sync()
    agent.sync()
    notes_id = mission.ids["visit"]
    assert "Rose Martin" in agent.store.get("visit", notes_id)["notes"]

    coordinator.store.set_setting(RETENTION_KEY, "2026-01-01")
    coordinator.sync()  # applies retention, then sends the edits
    agent.sync()
    pulled = agent.store.get("visit", notes_id)["notes"]
    assert "Rose Martin" not in pulled and "Rose repeint" in pulled  # exact full names only
    assert agent.store.get_setting(RETENTION_KEY) is None  # the date is the coordinator's
    assert agent.store.get_setting(RETAINED_KEY)

    export(agent.store, "json", tmp_path / "x", with_names=True)
    for file in (tmp_path / "x").glob("*.json"):
        text = texts_of(json.loads(file.read_text(encoding="utf-8")))
        hidden = [p for p in mission.people if p.hidden]
        assert leaks(text, mission) == [], (file.name, hidden)
    gate = OutputGate.for_store(agent.store)
    hits = gate.search_hits(agent.store, agent.store.search("Rose"), "Rose")
    assert hits and all(leaks(f"{h.title} {h.snippet}", mission) == [] for h in hits)


def test_login_sync_logout_print_no_hidden_name(live_server, home, store):
    """The sync commands of the one-gate test, against the real server this time."""
    from click.testing import CliRunner

    from fieldkit.cli import main

    mission = build_common_words(store)
    store.close()

    def run(*args: str, input: str | None = None) -> str:
        result = CliRunner().invoke(main, ["--home", str(home.root), *args], input=input)
        assert result.exit_code == 0, result.output
        return result.output

    outputs = [
        run("login", live_server.url, "--user", "coordinator", input="coord-pass-1\n"),
        run("sync"),
        run("retention", "2026-01-01", "--dry-run"),
        run("sync"),
        run("logout"),
    ]
    assert "sent" in outputs[1]
    for text in outputs:
        assert leaks(text, mission) == [], text
