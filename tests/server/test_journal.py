"""The journal of a record: GET /records/{kind}/{id}/history, under the pull's région rules."""

from __future__ import annotations

from tests.server.conftest import op, place_op, visit_op


def journal(api, user, kind, record_id, device="laptop"):
    return api.client.get(
        f"/api/v1/records/{kind}/{record_id}/history", headers=api.headers(user, device)
    )


def test_journal_lists_who_changed_which_fields_when_and_how_conflicts_ended(api):
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1", notes="Premier passage"))
    api.push_ok(
        "coordinator",
        op(
            "visit",
            "v1",
            "update",
            base_version=1,
            fields={"notes": "Relu"},
            base={"notes": "Premier passage"},
        ),
    )
    # A stale edit of the same field from the agent: a conflict, later resolved by a merge.
    [clash] = api.push_ok(
        "agent-bzh",
        op(
            "visit",
            "v1",
            "update",
            base_version=1,
            fields={"notes": "Complété"},
            base={"notes": "Premier passage"},
        ),
        device="desk",
    )
    assert clash["status"] == "conflict"
    api.push_ok(
        "agent-bzh",
        op(
            "visit",
            "v1",
            "update",
            base_version=2,
            fields={"notes": "Relu et complété"},
            base={"notes": "Relu"},
        ),
        device="desk",
    )
    conflict_id = clash["conflict"]["id"]
    resolved = api.client.post(
        f"/api/v1/conflicts/{conflict_id}/resolve", headers=api.headers("agent-bzh", "desk")
    )
    assert resolved.status_code == 200

    response = journal(api, "coordinator", "visit", "v1")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["version"] == 3
    entries = body["entries"]
    assert [(e["version"], e["op"], e["changed_by"], e["device"]) for e in entries] == [
        (1, "create", "agent-bzh", "laptop"),
        (2, "update", "coordinator", "laptop"),
        (3, "update", "agent-bzh", "desk"),
    ]
    assert entries[0]["changes"]["notes"] == {"from": None, "to": "Premier passage"}
    assert "summary" not in entries[0]["changes"]  # empty fields of a create are left out
    assert entries[1]["changes"] == {"notes": {"from": "Premier passage", "to": "Relu"}}
    assert entries[2]["changes"] == {"notes": {"from": "Relu", "to": "Relu et complété"}}
    assert all(e["changed_at"].endswith("Z") for e in entries)
    [c] = body["conflicts"]
    assert c["id"] == conflict_id and c["user"] == "agent-bzh"
    assert (c["mine"], c["theirs"]) == ({"notes": "Complété"}, {"notes": "Relu"})
    assert c["resolved_by"] == "agent-bzh" and c["outcome"] == {"notes": "edited"}

    api.push_ok("agent-bzh", op("visit", "v1", "delete", base_version=3), device="desk")
    last = journal(api, "agent-bzh", "visit", "v1").json()["entries"][-1]
    assert (last["op"], last["deleted"], last["changes"]) == (
        "delete",
        True,
        {"deleted": {"from": False, "to": True}},
    )


def test_an_open_conflict_has_no_outcome_and_a_kept_value_says_whose(api):
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1", notes="a"))
    api.push_ok(
        "coordinator",
        op("visit", "v1", "update", base_version=1, fields={"notes": "b"}, base={"notes": "a"}),
    )
    [clash] = api.push_ok(
        "agent-bzh",
        op("visit", "v1", "update", base_version=1, fields={"notes": "c"}, base={"notes": "a"}),
    )
    [c] = journal(api, "agent-bzh", "visit", "v1").json()["conflicts"]
    assert c["resolved_at"] is None and c["outcome"] is None
    api.client.post(
        f"/api/v1/conflicts/{clash['conflict']['id']}/resolve", headers=api.headers("agent-bzh")
    )
    [c] = journal(api, "agent-bzh", "visit", "v1").json()["conflicts"]
    assert c["outcome"] == {"notes": "theirs"}


def test_journal_follows_the_region_rules_of_pull(api):
    api.push_ok("agent-bzh", place_op("rennes"), visit_op("v-rennes", "rennes"))
    api.push_ok("agent-occ", place_op("beziers", postcode="34500"))
    assert journal(api, "agent-bzh", "visit", "v-rennes").status_code == 200
    # Another région's record answers exactly as an unknown one (no existence oracle).
    other = journal(api, "agent-occ", "visit", "v-rennes")
    missing = journal(api, "agent-occ", "visit", "no-such-visit")
    assert other.status_code == missing.status_code == 404
    assert other.json()["error"]["code"] == missing.json()["error"]["code"] == "not_found"
    assert other.json()["error"]["message"].replace("v-rennes", "X") == missing.json()["error"][
        "message"
    ].replace("no-such-visit", "X")
    assert journal(api, "agent-bzh", "place", "beziers").status_code == 404
    assert journal(api, "coordinator", "place", "beziers").status_code == 200
    assert journal(api, "agent-bzh", "nonsense", "x").status_code == 422
    anonymous = api.client.get("/api/v1/records/visit/v-rennes/history")
    assert anonymous.status_code == 401


def test_pull_and_push_carry_the_server_identity_and_a_stale_client_is_refused(api):
    ident = api.state.sync.identity()
    page = api.pull("agent-bzh")
    assert page["server_id"] == ident["server_id"] and page["head"] == ident["head"]
    headers = api.headers("agent-bzh")
    ok = api.client.post(
        "/api/v1/sync/push",
        headers=headers,
        json={"ops": [place_op("p1")], "server_id": ident["server_id"], "cursor": 0},
    )
    assert ok.status_code == 200 and ok.json()["server_id"] == ident["server_id"]
    for stale in ({"server_id": "another-server"}, {"cursor": 10_000}):
        refused = api.client.post(
            "/api/v1/sync/push", headers=headers, json={"ops": [place_op("p2")], **stale}
        )
        assert refused.status_code == 409, refused.text
        error = refused.json()["error"]
        assert error["code"] == "server_changed"
        assert error["details"] == {"server_id": ident["server_id"], "head": 1}
    assert api.state.sync.history("place", "p2") == []  # nothing applied


def test_reconcile_answers_versions_only_for_records_the_user_may_see(api):
    api.push_ok("agent-bzh", place_op("rennes"))
    api.push_ok("agent-occ", place_op("beziers", postcode="34500"))
    response = api.client.post(
        "/api/v1/sync/reconcile",
        headers=api.headers("agent-bzh"),
        json={
            "records": [
                {"kind": "place", "id": "rennes"},
                {"kind": "place", "id": "beziers"},
                {"kind": "visit", "id": "nope"},
            ]
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["records"] == [
        {
            "kind": "place",
            "id": "rennes",
            "version": 1,
            "restored_version": 1,
            "restored_deleted": False,
        },
        {
            "kind": "place",
            "id": "beziers",
            "version": None,
            "restored_version": None,
            "restored_deleted": None,
        },
        {
            "kind": "visit",
            "id": "nope",
            "version": None,
            "restored_version": None,
            "restored_deleted": None,
        },
    ]


def test_a_moved_records_history_shows_each_version_only_to_who_could_read_it_then(api):
    """A place moved from Occitanie (76) to Bretagne (53): the Bretagne agent sees its
    versions from the move on, none of the Occitanie ones (nor what they held); the
    Occitanie agent no longer sees the record at all."""
    api.push_ok("agent-occ", place_op("p1", postcode="34500", description="Secret occitan"))
    api.push_ok(
        "agent-occ",
        op("place", "p1", "update", base_version=1, fields={"name": "Occ", "description": ""}),
    )
    # A conflict of the Occitanie era, on a stale edit of the description.
    [clash] = api.push_ok(
        "agent-occ",
        op(
            "place",
            "p1",
            "update",
            base_version=1,
            fields={"description": "Autre secret occitan"},
            base={"description": "Secret occitan"},
        ),
    )
    assert clash["status"] == "conflict"
    move = op(
        "place",
        "p1",
        "update",
        base_version=2,
        fields={"postcode": "35000", "departement": "35", "region": "53", "name": "Bzh"},
    )
    assert api.push_ok("coordinator", move)[0]["status"] == "applied"
    api.push_ok("agent-bzh", op("place", "p1", "update", base_version=3, fields={"name": "B2"}))
    full = journal(api, "coordinator", "place", "p1").json()
    assert [e["version"] for e in full["entries"]] == [1, 2, 3, 4]
    seen = journal(api, "agent-bzh", "place", "p1")
    assert seen.status_code == 200
    entries = seen.json()["entries"]
    assert [e["version"] for e in entries] == [3, 4]
    assert "Secret occitan" not in seen.text and '"Occ"' not in seen.text
    assert seen.json()["conflicts"] == [] and len(full["conflicts"]) == 1
    assert entries[0]["changes"]["name"] == {"from": None, "to": "Bzh"}
    assert journal(api, "agent-occ", "place", "p1").status_code == 404
