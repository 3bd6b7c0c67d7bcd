"""The push keeps the server busy: the next batch is read from the outbox while the server
works on the current one and sent as soon as that one's whole answer is here, before the
answer is written locally — batches still reach the server one at a time, in outbox order,
and nothing is applied twice or lost when a batch is refused or the sync is cancelled.
Against the real server on loopback."""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

import httpx
import pytest

from fieldkit.store.store import OUTBOX_CLAIMED_KEY
from fieldkit.sync import SyncCancelled, rejected_ops


class PushWatcher(httpx.HTTPTransport):
    """The real transport, noting each push's op ids; after the first push's answer is
    back from the server (and before the client has it), it waits for the client to have
    claimed the outbox entries up to ``claim_seq`` — the next batch, read meanwhile."""

    def __init__(self, db_path: str, claim_seq: int = 0) -> None:
        super().__init__()
        self.db_path = db_path
        self.claim_seq = claim_seq
        self.pushes: list[list[str]] = []
        self.claimed_during_first_push: int | None = None

    def _claimed(self) -> int:
        conn = sqlite3.connect(self.db_path)
        try:
            row = conn.execute(
                "SELECT value FROM sync_state WHERE key = ?", (OUTBOX_CLAIMED_KEY,)
            ).fetchone()
            return int(row[0]) if row else 0
        finally:
            conn.close()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        pushing = request.url.path.endswith("/sync/push")
        if pushing:
            self.pushes.append([op["op_id"] for op in json.loads(request.read())["ops"]])
        response = super().handle_request(request)
        if pushing and len(self.pushes) == 1 and self.claim_seq:
            deadline = time.monotonic() + 5
            while self._claimed() < self.claim_seq and time.monotonic() < deadline:
                time.sleep(0.01)
            self.claimed_during_first_push = self._claimed()
        return response


def _history_lengths(live_server: Any, kind: str, ids: list[str]) -> list[int]:
    return [len(live_server.state.sync.history(kind, rid)) for rid in ids]


def test_the_next_batch_is_read_while_the_server_works_and_batches_arrive_in_order(
    devices, live_server
):
    anne = devices("agent-bzh", name="anne")
    places = [anne.store.create_place(name=f"Lieu {i}", postcode="29200") for i in range(6)]
    queued = anne.store.outbox()
    wire = PushWatcher(str(anne.home.db_path), claim_seq=queued[3]["seq"])
    summary = anne.sync(transport=wire, push_batch=2)

    # The second batch (entries 3 and 4) was claimed before the first answer reached the
    # client: read while the server worked.
    assert wire.claimed_during_first_push is not None
    assert wire.claimed_during_first_push >= queued[3]["seq"]
    # One batch per request, in outbox order, each op sent once.
    assert wire.pushes == [[e["op_id"] for e in queued[i : i + 2]] for i in (0, 2, 4)]
    assert summary.pushed == 6 and anne.store.outbox_count() == 0
    assert all(not anne.store.get("place", p["id"])["dirty"] for p in places)
    assert _history_lengths(live_server, "place", [p["id"] for p in places]) == [1] * 6
    coordinator = devices("coordinator")
    assert coordinator.sync().pulled == 6


def test_a_batch_refused_in_the_pipeline_sets_its_change_aside_and_the_rest_follows(
    devices, live_server
):
    anne = devices("agent-bzh", name="anne")
    places = []
    for i in range(5):
        description = "Très long compte rendu. " * 5000 if i == 2 else ""
        places.append(
            anne.store.create_place(name=f"Lieu {i}", postcode="29200", description=description)
        )
    op_ids = [e["op_id"] for e in anne.store.outbox()]
    wire = PushWatcher(str(anne.home.db_path))
    summary = anne.sync(transport=wire, push_batch=2)

    # The second batch is refused for its long place (413): that change is set aside, the
    # batch read ahead meanwhile is dropped and the outbox read again from its start.
    [kept] = rejected_ops(anne.store)
    assert kept["record_id"] == places[2]["id"] and "'description'" in kept["message"]
    assert summary.pushed == 4 and anne.store.outbox_count() == 0
    assert wire.pushes == [op_ids[0:2], op_ids[2:4], op_ids[3:5]]
    fine = [p["id"] for i, p in enumerate(places) if i != 2]
    assert _history_lengths(live_server, "place", fine) == [1] * 4
    coordinator = devices("coordinator")
    coordinator.sync()
    assert {p["id"] for p in coordinator.store.places()} == set(fine)


def test_a_push_cancelled_with_a_batch_on_the_wire_loses_nothing_and_applies_it_once(
    devices, live_server
):
    anne = devices("agent-bzh", name="anne")
    places = [anne.store.create_place(name=f"Lieu {i}", postcode="29200") for i in range(6)]
    reports: list[int] = []

    def progress(done: int, total: int, step: str) -> None:
        if step == "push":
            reports.append(done)

    # Cancelled once the first batch's answers are written: the second batch went out
    # before that, its answer is never written here.
    with pytest.raises(SyncCancelled):
        anne.sync(push_batch=2, progress=progress, cancelled=lambda: bool(reports))
    assert reports == [2]
    assert anne.store.outbox_count() == 4
    # Sent again: the server knows the ops it applied and answers them as such.
    summary = anne.sync(push_batch=2)
    assert summary.pushed == 4 and anne.store.outbox_count() == 0
    ids = [p["id"] for p in places]
    assert _history_lengths(live_server, "place", ids) == [1] * 6
    assert all(anne.store.get("place", rid)["version"] == 1 for rid in ids)
