"""Push: apply, retries, field merges, conflicts, deletes, history (DESIGN §5)."""

from __future__ import annotations

from tests.server.conftest import op, place_op, visit_op


def test_create_then_update_at_current_version_is_applied(api):
    [created] = api.push_ok("agent-bzh", place_op("p1", commune="Rennes"))
    assert created["status"] == "applied" and created["version"] == 1
    record = created["record"]
    assert record["region"] == "53" and record["fields"]["departement"] == "35"
    assert record["created_by"] == "agent-bzh" and record["seq"] == 1

    [updated] = api.push_ok(
        "agent-bzh",
        op(
            "place",
            "p1",
            "update",
            base_version=1,
            fields={"name": "La Cantine"},
            base={"name": "Lieu p1"},
        ),
    )
    assert updated["status"] == "applied" and updated["version"] == 2
    assert updated["record"]["fields"]["name"] == "La Cantine"
    assert updated["record"]["fields"]["commune"] == "Rennes"


def test_a_retried_op_returns_its_stored_result_and_changes_nothing(api):
    create = place_op("p1")
    edit = op(
        "place", "p1", "update", base_version=1, fields={"contact": "a@b.fr"}, base={"contact": ""}
    )
    first = api.push_ok("agent-bzh", create, edit)
    again = api.push_ok("agent-bzh", create, edit)
    assert [r["status"] for r in again] == ["applied", "applied"]
    assert [r["replayed"] for r in again] == [True, True]
    assert [r["version"] for r in again] == [r["version"] for r in first] == [1, 2]
    assert again[0]["record"]["version"] == 2  # the current state, not the old one
    assert [h["version"] for h in api.state.sync.history("place", "p1")] == [1, 2]
    assert len(api.pull("agent-bzh")["records"]) == 1


def test_disjoint_edits_from_two_devices_merge(api):
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1", notes="n0", summary="s0"))
    mine = op(
        "visit", "v1", "update", base_version=1, fields={"notes": "n-laptop"}, base={"notes": "n0"}
    )
    theirs = op(
        "visit",
        "v1",
        "update",
        base_version=1,
        fields={"summary": "s-coord"},
        base={"summary": "s0"},
    )
    [first] = api.push_ok("coordinator", theirs)
    assert first["status"] == "applied" and first["version"] == 2
    [second] = api.push_ok("agent-bzh", mine)
    assert second["status"] == "merged" and second["version"] == 3
    fields = second["record"]["fields"]
    assert (fields["notes"], fields["summary"]) == ("n-laptop", "s-coord")
    assert second["conflict"] is None


def test_same_field_changed_both_sides_is_a_conflict_and_the_server_value_stays(api):
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1", notes="base", summary="s0"))
    api.push_ok(
        "coordinator",
        op(
            "visit",
            "v1",
            "update",
            base_version=1,
            fields={"notes": "coordinator's"},
            base={"notes": "base"},
        ),
    )
    [result] = api.push_ok(
        "agent-bzh",
        op(
            "visit",
            "v1",
            "update",
            base_version=1,
            fields={"notes": "agent's", "summary": "s-agent"},
            base={"notes": "base", "summary": "s0"},
        ),
    )
    assert result["status"] == "conflict"
    record = result["record"]
    assert record["fields"]["notes"] == "coordinator's"  # server value stays
    assert record["fields"]["summary"] == "s-agent"  # the other field merged
    assert record["version"] == 3
    conflict = result["conflict"]
    assert conflict["fields"] == ["notes"]
    assert conflict["mine"] == {"notes": "agent's"}
    assert conflict["theirs"] == {"notes": "coordinator's"}
    assert conflict["base"] == {"notes": "base"}
    assert conflict["user"] == "agent-bzh" and conflict["resolved_at"] is None
    # The agent's pull carries the conflict; the coordinator's does not.
    assert [c["id"] for c in api.pull("agent-bzh")["conflicts"]] == [conflict["id"]]
    assert api.pull("coordinator")["conflicts"] == []


def test_same_value_on_both_sides_is_not_a_conflict(api):
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1", notes="base"))
    change = {"fields": {"notes": "same"}, "base": {"notes": "base"}, "base_version": 1}
    api.push_ok("coordinator", op("visit", "v1", "update", **change))
    [result] = api.push_ok("agent-bzh", op("visit", "v1", "update", **change))
    assert result["status"] == "merged" and result["conflict"] is None
    assert result["version"] == 2


def test_delete_racing_an_edit_is_a_conflict_and_the_record_stays(api):
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1", notes="base"))
    api.push_ok(
        "coordinator",
        op(
            "visit",
            "v1",
            "update",
            base_version=1,
            fields={"notes": "edited"},
            base={"notes": "base"},
        ),
    )
    [result] = api.push_ok(
        "agent-bzh",
        op(
            "visit",
            "v1",
            "delete",
            base_version=1,
            fields={"deleted": True},
            base={"deleted": False},
        ),
    )
    assert result["status"] == "conflict"
    assert result["record"]["deleted"] is False
    assert result["record"]["fields"]["notes"] == "edited"
    assert result["conflict"]["fields"] == ["deleted"]
    assert result["conflict"]["mine"] == {"deleted": True}


def test_an_edit_racing_a_delete_is_a_conflict_and_the_edit_is_kept_aside(api):
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1", notes="base"))
    api.push_ok("coordinator", op("visit", "v1", "delete", base_version=1))
    [result] = api.push_ok(
        "agent-bzh",
        op(
            "visit",
            "v1",
            "update",
            base_version=1,
            fields={"notes": "late words"},
            base={"notes": "base"},
        ),
    )
    assert result["status"] == "conflict"
    assert result["record"]["deleted"] is True
    conflict = result["conflict"]
    assert conflict["fields"] == ["deleted", "notes"]
    assert conflict["mine"] == {"deleted": False, "notes": "late words"}
    assert conflict["theirs"]["deleted"] is True


def test_delete_after_own_edits_on_the_same_device_is_not_a_conflict(api):
    # The local store gives every op of a never-synced record base_version 0.
    results = api.push_ok(
        "agent-bzh",
        place_op("p1"),
        visit_op("v1", "p1", notes="a"),
        op("visit", "v1", "update", fields={"notes": "b"}, base={"notes": "a"}),
        op("visit", "v1", "delete", fields={"deleted": True}, base={"deleted": False}),
    )
    assert [r["status"] for r in results] == ["applied", "applied", "merged", "merged"]
    assert results[-1]["record"]["deleted"] is True
    # The same user on another laptop that never saw the edit: a conflict.
    api.push_ok("agent-bzh", op("visit", "v1", "restore", base_version=3))
    api.push_ok(
        "agent-bzh",
        op("visit", "v1", "update", base_version=4, fields={"notes": "c"}, base={"notes": "b"}),
    )
    [other] = api.push_ok("agent-bzh", op("visit", "v1", "delete", base_version=4), device="desk")
    assert other["status"] == "conflict"


def test_delete_and_restore_are_idempotent_in_effect(api):
    api.push_ok("agent-bzh", place_op("p1"))
    [deleted] = api.push_ok("agent-bzh", op("place", "p1", "delete", base_version=1))
    assert deleted["status"] == "applied" and deleted["record"]["deleted"] is True
    [again] = api.push_ok("coordinator", op("place", "p1", "delete", base_version=1))
    assert again["status"] == "merged" and again["version"] == 2
    [restored] = api.push_ok("agent-bzh", op("place", "p1", "restore", base_version=2))
    assert restored["status"] == "applied" and restored["record"]["deleted"] is False
    [noop] = api.push_ok("agent-bzh", op("place", "p1", "restore", base_version=2))
    assert noop["status"] == "merged" and noop["version"] == 3


def test_create_of_an_existing_id_same_content_is_duplicate_else_conflict(api):
    api.push_ok("agent-bzh", place_op("p1", commune="Rennes"))
    [same] = api.push_ok("agent-bzh", place_op("p1", commune="Rennes"))
    assert same["status"] == "duplicate" and same["version"] == 1
    [clash] = api.push_ok("agent-bzh", place_op("p1", commune="Brest"))
    assert clash["status"] == "conflict"
    assert clash["conflict"]["mine"] == {"commune": "Brest"}
    assert clash["conflict"]["theirs"] == {"commune": "Rennes"}
    assert clash["record"]["fields"]["commune"] == "Rennes"


def test_invalid_ops_are_rejected_with_a_reason_and_change_nothing(api):
    results = api.push_ok(
        "agent-bzh",
        place_op("p1"),
        visit_op("v-bad-date", "p1", visited_on="2026-02-30"),
        visit_op("v-orphan", "no-such-place"),
        op("visit", "v-unknown", "update", base_version=1, fields={"notes": "x"}),
        op("place", "p1", "update", base_version=1, fields={"colour": "red"}),
    )
    assert [r["status"] for r in results] == ["applied"] + ["rejected"] * 4
    errors = [r["error"] for r in results[1:]]
    assert [e["code"] for e in errors] == [
        "bad_date",
        "missing_parent",
        "not_found",
        "unknown_field",
    ]
    assert [e["status"] for e in errors] == [422, 422, 404, 422]
    assert "2026-02-30" in errors[0]["message"]
    assert errors[0]["field"] == "visited_on"
    assert all(r["record"] is None and r["version"] is None for r in results[1:])
    assert [r["id"] for r in api.pull("agent-bzh")["records"]] == ["p1"]
    # Rejections are not remembered: the same op id re-evaluates once the parent exists.
    api.push_ok("agent-bzh", place_op("no-such-place"))
    [retried] = api.push_ok(
        "agent-bzh", {**visit_op("v-orphan", "no-such-place"), "op_id": results[2]["op_id"]}
    )
    assert retried["status"] == "applied"


def test_every_accepted_version_is_in_history_with_server_time_and_device(api):
    api.clock.advance(days=-3)  # the server's clock, whatever the clients think
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1", notes="one"))
    api.push_ok(
        "coordinator",
        op("visit", "v1", "update", base_version=1, fields={"notes": "two"}, base={"notes": "one"}),
        device="office",
    )
    api.push_ok(
        "agent-bzh",
        op(
            "visit",
            "v1",
            "update",
            base_version=1,
            fields={"notes": "three"},
            base={"notes": "one"},
        ),
    )  # conflict: no new version
    api.push_ok("agent-bzh", op("visit", "v1", "delete", base_version=2))
    history = api.state.sync.history("visit", "v1")
    assert [(h["version"], h["op"], h["changed_by"], h["device"]) for h in history] == [
        (1, "create", "agent-bzh", "laptop"),
        (2, "update", "coordinator", "office"),
        (3, "delete", "agent-bzh", "laptop"),
    ]
    assert [h["fields"]["notes"] for h in history] == ["one", "two", "two"]
    assert history[2]["deleted"] is True
    expected_day = api.clock().date().isoformat()
    assert all(h["changed_at"].startswith(expected_day) for h in history)
    # The losing edit is not lost: it is in the conflict record.
    [conflict] = api.pull("agent-bzh")["conflicts"]
    assert conflict["mine"] == {"notes": "three"}


def test_a_child_moving_to_another_parent_follows_its_region(api):
    api.push_ok(
        "coordinator", place_op("bzh"), place_op("occ", postcode="34500"), visit_op("v1", "bzh")
    )
    [moved] = api.push_ok(
        "coordinator",
        op(
            "visit",
            "v1",
            "update",
            base_version=1,
            fields={"place_id": "occ"},
            base={"place_id": "bzh"},
        ),
    )
    assert moved["record"]["region"] == "76"
    assert [r["id"] for r in api.pull("agent-occ")["records"]] == ["occ", "v1"]


def test_resolving_a_conflict(api):
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1", notes="base"))
    api.push_ok(
        "coordinator",
        op(
            "visit",
            "v1",
            "update",
            base_version=1,
            fields={"notes": "theirs"},
            base={"notes": "base"},
        ),
    )
    [result] = api.push_ok(
        "agent-bzh",
        op(
            "visit",
            "v1",
            "update",
            base_version=1,
            fields={"notes": "mine"},
            base={"notes": "base"},
        ),
    )
    conflict = result["conflict"]
    cursor = api.pull("agent-bzh")["next"]
    # The person keeps a mix: pushed as a normal edit on the server's version…
    [resolved_edit] = api.push_ok(
        "agent-bzh",
        op(
            "visit",
            "v1",
            "update",
            base_version=result["version"],
            fields={"notes": "mine + theirs"},
            base={"notes": "theirs"},
        ),
    )
    assert resolved_edit["status"] == "applied"
    # …then the conflict is marked resolved.
    url = f"/api/v1/conflicts/{conflict['id']}/resolve"
    # Another user's conflict answers as an unknown one (no existence oracle).
    assert api.client.post(url, headers=api.headers("agent-occ")).status_code == 404
    response = api.client.post(url, headers=api.headers("agent-bzh"))
    assert response.status_code == 200
    body = response.json()
    assert body["resolved_by"] == "agent-bzh" and body["resolved_at"]
    again = api.client.post(url, headers=api.headers("agent-bzh")).json()
    assert again["resolved_at"] == body["resolved_at"]
    # Other devices of the user learn it on their next pull.
    later = api.pull("agent-bzh", since=cursor)
    assert [(c["id"], c["resolved_by"]) for c in later["conflicts"]] == [
        (conflict["id"], "agent-bzh")
    ]
    listed = api.client.get("/api/v1/conflicts", headers=api.headers("agent-bzh")).json()
    assert listed["conflicts"] == []
    every = api.client.get(
        "/api/v1/conflicts", params={"open": "false"}, headers=api.headers("agent-bzh")
    ).json()
    assert len(every["conflicts"]) == 1
    missing = api.client.post("/api/v1/conflicts/nope/resolve", headers=api.headers("admin"))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_the_batch_limit_is_413(small_api):
    ops = [place_op(f"p{i}") for i in range(4)]
    response = small_api.push("agent-bzh", *ops)
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "too_large" and error["details"]["limit"] == 3
    assert small_api.pull("agent-bzh")["records"] == []


def test_the_same_device_is_the_same_token_not_the_same_device_name(api):
    """Two laptops logged in with one device name are two devices: a stale delete from
    one never silently removes the other's newer edit; the same token's stale delete
    after its own edit is merged."""
    from tests.conftest_server import USERS

    def login() -> dict[str, str]:
        response = api.client.post(
            "/api/v1/auth/login",
            json={
                "username": "agent-bzh",
                "password": USERS["agent-bzh"][0],
                "device_name": "laptop",
            },
        )
        assert response.status_code == 200
        return {"Authorization": f"Bearer {response.json()['token']}"}

    first, second = login(), login()

    def push(headers, *ops):
        response = api.client.post("/api/v1/sync/push", json={"ops": list(ops)}, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()["results"]

    push(first, place_op("p1"), visit_op("v1", "p1", notes="a"))
    push(
        first,
        op("visit", "v1", "update", base_version=1, fields={"notes": "b"}, base={"notes": "a"}),
    )
    [stale] = push(second, op("visit", "v1", "delete", base_version=1))
    assert stale["status"] == "conflict" and stale["record"]["deleted"] is False
    [own] = push(first, op("visit", "v1", "delete", base_version=1))
    assert own["status"] == "merged" and own["record"]["deleted"] is True
    assert [h["device"] for h in api.state.sync.history("visit", "v1")] == ["laptop"] * 3
