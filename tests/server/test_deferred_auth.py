"""Pushes and pulls with a token this process found valid lately: one thread hop, and the
database still decides.

The gate checks tokens before any body is read. For the two requests every sync makes, a
token this worker found valid in the last minute is checked again by the endpoint itself,
in its own thread (one hop instead of two); a token revoked meanwhile, by another worker or
the command line, is still refused there.
"""

from __future__ import annotations

import anyio.to_thread
from sqlalchemy import update

from fieldkit.server import db
from fieldkit.server.auth import Principal
from fieldkit.store.store import iso
from tests.server.conftest import place_op


def _count_hops(monkeypatch) -> list[str]:
    hops: list[str] = []
    real = anyio.to_thread.run_sync

    async def counting(func, *args, **kwargs):
        hops.append(getattr(func, "__name__", repr(func)))
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
    return hops


def _count_reads(api, monkeypatch) -> list[int]:
    """Each read transaction the server opens from now on."""
    reads: list[int] = []
    real = api.state.db.read

    def counted():
        reads.append(1)
        return real()

    monkeypatch.setattr(api.state.db, "read", counted)
    return reads


def test_a_recently_valid_token_costs_one_thread_hop(api, monkeypatch):
    api.push_ok("agent-bzh", place_op("hop-1"))
    hops = _count_hops(monkeypatch)
    first = api.pull("agent-bzh")
    assert len(hops) == 1  # the token was found valid by the push: the endpoint checks it
    hops.clear()
    api.push_ok("agent-bzh", place_op("hop-2"))
    assert len(hops) == 1
    assert [r["id"] for r in first["records"]] == ["hop-1"]


def test_a_token_nobody_checked_yet_is_checked_by_the_gate(api, monkeypatch):
    token = api.token("agent-occ")  # logged in: never used for a request yet
    hops = _count_hops(monkeypatch)
    response = api.client.get(
        "/api/v1/sync/pull", params={"since": 0}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    assert len(hops) == 2  # the gate's check, then the endpoint


def test_a_token_revoked_by_another_worker_is_refused_despite_the_hint(api):
    api.push_ok("agent-bzh", place_op("before-revoke"))
    assert api.state.accounts.recently_valid(api.token("agent-bzh"))
    # Another process revokes it: this one's hint is not cleared.
    with api.state.db.write() as conn:
        conn.execute(update(db.tokens).values(revoked_at=iso(api.state.clock())))
    assert api.state.accounts.recently_valid(api.token("agent-bzh"))
    pulled = api.client.get(
        "/api/v1/sync/pull", params={"since": 0}, headers=api.headers("agent-bzh")
    )
    assert pulled.status_code == 401
    assert pulled.json()["error"]["code"] == "invalid_token"
    pushed = api.push("agent-bzh", place_op("after-revoke"))
    assert pushed.status_code == 401
    # Nothing of the refused push was applied.
    records = api.state.sync.pull(_coordinator(), 0, 100)["records"]
    assert [r["id"] for r in records] == ["before-revoke"]
    assert not api.state.accounts.recently_valid(api.token("agent-bzh"))


def _coordinator() -> Principal:
    return Principal(name="coordinator", role="coordinator", regions=(), token_id=0, device="")


def test_an_anonymous_or_unknown_token_is_refused_before_the_body(api):
    response = api.client.post(
        "/api/v1/sync/push",
        content=b"{not json",
        headers={"Authorization": "Bearer never-issued", "Content-Type": "application/json"},
    )
    assert response.status_code == 401


def test_a_pull_checks_its_token_and_reads_its_page_in_one_transaction(api, monkeypatch):
    api.push_ok("agent-bzh", place_op("one-read"))  # the token is now recently valid
    reads = _count_reads(api, monkeypatch)
    page = api.pull("agent-bzh")
    assert [r["id"] for r in page["records"]] == ["one-read"]
    assert len(reads) == 1


def test_a_push_checks_token_identity_and_regions_in_one_read(api, monkeypatch):
    api.push_ok("agent-bzh", place_op("one-read-push"))
    reads = _count_reads(api, monkeypatch)
    results = api.push_ok(
        "agent-bzh",
        {
            **place_op("one-read-push"),
            "op": "update",
            "base_version": 1,
            "fields": {"description": "edited"},
        },
    )
    assert results[0]["status"] == "applied"
    assert len(reads) == 1
    # And the régions are still checked there: another région's place is refused whole.
    refused = api.push("agent-bzh", place_op("in-occitanie", postcode="34500"))
    assert refused.status_code == 403
    assert refused.json()["error"]["details"]["op_ids"]
