"""Hypothesis: any interleaving of stale edits, deletes, restores and retries from several
devices keeps the server's versions contiguous, replays identical, and loses no edit
(each one is current, in history, or kept in a conflict record)."""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.server.conftest import op, place_op, visit_op

FIELDS = ("notes", "summary", "visitors")
DEVICES = ("laptop", "desk", "phone")
USERS = ("agent-bzh", "agent-bzh", "coordinator")

actions = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.integers(0, 2), st.sampled_from(FIELDS), st.integers(0, 3)),
        st.tuples(st.just("delete"), st.integers(0, 2)),
        st.tuples(st.just("restore"), st.integers(0, 2)),
        st.tuples(st.just("refresh"), st.integers(0, 2)),
        st.tuples(st.just("retry"), st.integers(0, 1000)),
    ),
    min_size=1,
    max_size=25,
)


def test_no_edit_is_lost_whatever_the_interleaving(api):
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(actions)
    def run(steps: list[tuple[Any, ...]]) -> None:
        place_id, visit_id = str(uuid.uuid4()), str(uuid.uuid4())
        [_, created] = api.push_ok("coordinator", place_op(place_id), visit_op(visit_id, place_id))
        views = [created["record"] for _ in DEVICES]
        sent: list[tuple[str, dict, dict]] = []  # (device, op, first result)

        def push(d: int, the_op: dict) -> dict:
            [result] = api.push_ok(USERS[d], the_op, device=DEVICES[d])
            assert result["status"] != "rejected", result
            views[d] = result["record"]
            return result

        for step in steps:
            kind = step[0]
            if kind == "refresh":
                d = step[1]
                pulled = api.pull(USERS[d])["records"]
                views[d] = next(r for r in pulled if r["id"] == visit_id)
                continue
            if kind == "retry":
                if not sent:
                    continue
                device, the_op, first = sent[step[1] % len(sent)]
                again = push(DEVICES.index(device), the_op)
                assert again["replayed"] is True
                assert (again["status"], again["version"]) == (first["status"], first["version"])
                assert again["conflict"] == first["conflict"]
                continue
            d = step[1]
            view = views[d]
            if kind == "edit":
                _, _, field, n = step
                value = f"{DEVICES[d]}-{field}-{n}-{len(sent)}"
                the_op = op(
                    "visit",
                    visit_id,
                    "update",
                    base_version=view["version"],
                    fields={field: value},
                    base={field: view["fields"][field]},
                )
            elif kind == "delete":
                if view["deleted"]:
                    continue
                the_op = op("visit", visit_id, "delete", base_version=view["version"])
            else:
                if not view["deleted"]:
                    continue
                the_op = op("visit", visit_id, "restore", base_version=view["version"])
            sent.append((DEVICES[d], the_op, push(d, the_op)))

        history = api.state.sync.history("visit", visit_id)
        versions = [h["version"] for h in history]
        assert versions == list(range(1, len(versions) + 1))
        by_version = {h["version"]: h for h in history}
        current = next(r for r in api.pull("admin")["records"] if r["id"] == visit_id)
        assert current["version"] == versions[-1]
        for _device, the_op, result in sent:
            at = by_version[result["version"]]
            conflict = result["conflict"]
            if the_op["op"] == "update":
                [(field, value)] = the_op["fields"].items()
                if result["status"] == "conflict":
                    assert conflict["mine"][field] == value
                else:
                    assert at["fields"][field] == value
            elif the_op["op"] == "delete":
                if result["status"] == "conflict":
                    assert conflict["mine"] == {"deleted": True}
                else:
                    assert at["deleted"] is True
            else:
                assert result["status"] in ("applied", "merged") and at["deleted"] is False

    run()
