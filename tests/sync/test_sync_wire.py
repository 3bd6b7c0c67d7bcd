"""What a first sync moves on the wire (lean push answers) and how pages are pulled (the
next one asked for while the current one is written) — against the real server."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from fieldkit.store.store import SEARCH_INDEXES
from fieldkit.sync import SyncCancelled, local


class Recorder(httpx.HTTPTransport):
    """The real transport, keeping each sync request's path, query and JSON answer."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, dict[str, str], Any]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if "/sync/" in request.url.path:
            response.read()
            self.calls.append(
                (request.url.path, dict(request.url.params), json.loads(response.content))
            )
        return response

    def pulls(self) -> list[dict[str, str]]:
        return [q for path, q, _ in self.calls if path.endswith("/sync/pull")]


def _envelope_free(record: dict[str, Any]) -> dict[str, Any]:
    skip = {"version", "created_at", "updated_at", "created_by", "updated_by", "dirty"}
    return {k: v for k, v in record.items() if k not in skip}


def test_a_first_push_is_answered_lean_and_the_rows_take_the_servers_envelope(devices, live_server):
    wire = Recorder()
    anne = devices("agent-bzh", name="anne", transport=wire)
    place = anne.store.create_place(name="Le Bocal", postcode="29200", tags=["fablab"])
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-01", notes="Accueil")
    interview = anne.store.create_interview(visit["id"], organisation="Asso", notes="Merci")
    before = {
        kind: _envelope_free(anne.store.get(kind, rec["id"]))
        for kind, rec in (("place", place), ("visit", visit), ("interview", interview))
    }
    summary = anne.sync()
    assert summary.pushed == 3 and anne.store.outbox_count() == 0
    [push] = [answer for path, _, answer in wire.calls if path.endswith("/sync/push")]
    records = [r["record"] for r in push["results"]]
    assert [r["status"] for r in push["results"]] == ["applied"] * 3
    assert all("fields" not in r for r in records)  # the client has them
    for kind, rec in (("place", place), ("visit", visit), ("interview", interview)):
        row = anne.store.get(kind, rec["id"])
        assert _envelope_free(row) == before[kind]
        assert row["version"] == 1 and not row["dirty"]
        server = live_server.state.sync.history(kind, rec["id"])[-1]
        assert row["updated_at"] == server["changed_at"]
    # Another laptop receives the same values.
    bob = devices("agent-bzh", name="bob")
    bob.sync()
    assert _envelope_free(bob.store.get("visit", visit["id"])) == before["visit"]


def test_pages_are_pulled_once_each_in_order_and_a_cancel_keeps_the_next_unwritten(
    devices, live_server
):
    anne = devices("agent-bzh", name="anne")
    for i in range(7):
        anne.store.create_place(name=f"Lieu {i}", postcode="29200")
    anne.sync()
    wire = Recorder()
    bob = devices("agent-bzh", name="bob", transport=wire)
    pages: list[int] = []

    def progress(done: int, total: int, step: str) -> None:
        if step == "pull":
            pages.append(done)

    # Cancelled once the first page is written: the second, already asked for, is not.
    with pytest.raises(SyncCancelled):
        bob.sync(pull_limit=2, progress=progress, cancelled=lambda: len(pages) >= 1)
    assert pages == [2]
    first_next = local.cursor(bob.store)
    assert len(bob.store.places()) == 2
    assert [q["since"] for q in wire.pulls()][:1] == ["0"]
    wire.calls.clear()
    summary = bob.sync(pull_limit=2)
    assert summary.pulled == 5 and len(bob.store.places()) == 7
    sinces = [int(q["since"]) for q in wire.pulls()]
    assert sinces[0] == first_next and sinces == sorted(set(sinces)) and len(sinces) == 3


def _automerge(store) -> int | None:
    """The search indexes' ``automerge`` (the same for all three, else the test fails)."""
    values = set()
    for index in SEARCH_INDEXES:
        row = store.conn.execute(f"SELECT v FROM {index}_config WHERE k = 'automerge'").fetchone()
        values.add(None if row is None else int(row[0]))
    [value] = values
    return value


def test_a_pull_of_several_pages_merges_the_search_index_once_at_its_end(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    for i in range(5):
        anne.store.create_place(name=f"Tiers-lieu numéro {i}", postcode="29200")
    anne.sync()
    bob = devices("agent-bzh", name="bob")
    during: list[int | None] = []
    bob.sync(
        pull_limit=2,
        progress=lambda done, total, step: (
            during.append(_automerge(bob.store)) if step == "pull" else None
        ),
    )
    assert during and set(during) == {0}  # paused while the pages go in
    assert _automerge(bob.store) == 4  # FTS5's usual merging again
    assert len(bob.store.search("numero")) == 5
    # One page only: nothing paused.
    anne.store.create_place(name="Encore un lieu", postcode="29200")
    anne.sync()
    during.clear()
    bob.sync(progress=lambda d, t, step: during.append(_automerge(bob.store)))
    assert 0 not in during and _automerge(bob.store) == 4


def test_a_pull_cut_off_while_merges_were_paused_resumes_them(devices, live_server):
    bob = devices("agent-bzh", name="bob")
    bob.store.pause_search_merges()  # as a pull killed between two pages leaves it
    assert _automerge(bob.store) == 0
    bob.sync()
    assert _automerge(bob.store) == 4


def test_each_pulled_page_is_one_local_commit_with_both_cursors(devices, live_server):
    """A page, its pull cursor and the erasure cursor (nothing to erase) move in one
    local transaction: one commit per page, not two."""
    from fieldkit.sync.client import ERASURE_CURSOR

    anne = devices("agent-bzh", name="anne")
    for i in range(7):
        anne.store.create_place(name=f"Lieu {i}", postcode="29200")
    anne.sync()
    bob = devices("agent-bzh", name="bob")
    statements: list[str] = []
    bob.store.conn.set_trace_callback(statements.append)
    after_page: list[tuple[int, str | None, int]] = []

    def progress(done: int, total: int, step: str) -> None:
        if step == "pull":
            commits = sum(1 for s in statements if s.strip().upper() == "COMMIT")
            after_page.append(
                (commits, local.state_value(bob.store, ERASURE_CURSOR), local.cursor(bob.store))
            )

    bob.sync(pull_limit=2, progress=progress)
    bob.store.conn.set_trace_callback(None)
    assert len(after_page) == 4 and len(bob.store.places()) == 7
    commits = [c for c, _, _ in after_page]
    assert [b - a for a, b in zip(commits, commits[1:], strict=False)] == [1, 1, 1]
    assert all(erasure == str(pulled) for _, erasure, pulled in after_page)


def test_the_cycle_collector_pauses_while_batches_go_up_and_pages_come_down(devices):
    """Python's cycle collector is off while a sync's push batches and pull pages move
    (its passes over the growing heap were a tenth of a first sync's CPU), on again
    after; one that was off before stays off."""
    import gc

    anne = devices("agent-bzh", name="anne")
    for i in range(5):
        anne.store.create_place(name=f"Lieu {i}", postcode="35000")
    seen: list[tuple[str, bool]] = []
    anne.sync(progress=lambda done, total, step: seen.append((step, gc.isenabled())))
    assert ("push", False) in seen and ("push", True) not in seen
    assert gc.isenabled()
    bob = devices("agent-bzh", name="bob")
    seen.clear()
    assert bob.sync(progress=lambda done, total, step: seen.append((step, gc.isenabled()))).pulled
    assert ("pull", False) in seen and ("pull", True) not in seen
    assert gc.isenabled()
    anne.store.create_place(name="Encore", postcode="35000")
    gc.disable()
    try:
        anne.sync()
        assert bob.sync().pulled == 1
        assert not gc.isenabled()
    finally:
        gc.enable()
