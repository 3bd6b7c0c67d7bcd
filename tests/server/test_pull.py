"""Pull: pages in sequence order, cursors, tombstones, limits."""

from __future__ import annotations

from tests.server.conftest import op, place_op


def test_pages_follow_the_sequence_and_end_with_more_false(api):
    api.push_ok("agent-bzh", *[place_op(f"p{i}") for i in range(5)])
    first = api.pull("agent-bzh", limit=2)
    assert [r["id"] for r in first["records"]] == ["p0", "p1"]
    assert first["more"] is True and first["next"] == first["records"][-1]["seq"]
    second = api.pull("agent-bzh", since=first["next"], limit=2)
    third = api.pull("agent-bzh", since=second["next"], limit=2)
    assert [r["id"] for r in second["records"] + third["records"]] == ["p2", "p3", "p4"]
    assert third["more"] is False
    empty = api.pull("agent-bzh", since=third["next"])
    ident = api.state.sync.identity()
    assert empty == {
        "records": [],
        "conflicts": [],
        "next": third["next"],
        "more": False,
        "server_id": ident["server_id"],
        "head": ident["head"],
        "erased": [],
    }


def test_a_record_changed_twice_comes_once_at_its_latest_state_with_tombstones(api):
    api.push_ok("agent-bzh", place_op("p1"), place_op("p2"))
    cursor = api.pull("agent-bzh")["next"]
    api.push_ok(
        "agent-bzh",
        op("place", "p1", "update", base_version=1, fields={"name": "A"}, base={"name": "Lieu p1"}),
        op("place", "p2", "delete", base_version=1),
        op("place", "p1", "update", base_version=2, fields={"name": "B"}, base={"name": "A"}),
    )
    page = api.pull("agent-bzh", since=cursor)
    assert [(r["id"], r["version"], r["deleted"]) for r in page["records"]] == [
        ("p2", 2, True),
        ("p1", 3, False),
    ]
    assert page["records"][1]["fields"]["name"] == "B"


def test_other_regions_changes_still_move_the_cursor(api):
    api.push_ok("coordinator", place_op("occ", postcode="34500"))
    page = api.pull("agent-bzh")
    assert page["records"] == [] and page["next"] == 1 and page["more"] is False


def test_bad_cursor_or_limit_is_422(api):
    for params in ({"since": -1}, {"limit": 0}, {"limit": 1001}, {"since": "abc"}):
        response = api.client.get(
            "/api/v1/sync/pull", params=params, headers=api.headers("agent-bzh")
        )
        assert response.status_code == 422, params
        error = response.json()["error"]
        assert error["code"] == "invalid_request"
        assert error["details"]["errors"][0]["loc"][0] == "query"
