"""Security: tokens, login throttling, régions on pull and push (issue 4's list)."""

from __future__ import annotations

import pytest

from fieldkit.server.auth import hash_token
from tests.server.conftest import op, place_op, visit_op

PROTECTED = [
    ("post", "/api/v1/sync/push", {"json": {"ops": []}}),
    ("get", "/api/v1/sync/pull", {}),
    ("post", "/api/v1/blobs/missing", {"json": {"hashes": []}}),
    ("get", "/api/v1/blobs/" + "a" * 64, {}),
    ("post", "/api/v1/auth/logout", {}),
    ("get", "/api/v1/conflicts", {}),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), PROTECTED)
def test_no_token_is_401_with_a_json_error(api, method, path, kwargs):
    response = getattr(api.client, method)(path, **kwargs)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "missing_token"
    assert response.headers["www-authenticate"] == "Bearer"
    bad = getattr(api.client, method)(path, headers={"Authorization": "Bearer fk_nope"}, **kwargs)
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "invalid_token"


def test_login_gives_a_token_stored_only_as_its_hash(api):
    response = api.client.post(
        "/api/v1/auth/login",
        json={"username": "agent-bzh", "password": "bzh-pass-1", "device_name": "laptop-anne"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["user"] == {"name": "agent-bzh", "role": "agent", "regions": ["53"]}
    token = body["token"]
    # Every row of every table, read through the server's own database (SQLite or PG).
    from sqlalchemy import select

    from fieldkit.server import db

    with api.state.db.read() as conn:
        everything = repr(
            [conn.execute(select(table)).all() for table in db.metadata.sorted_tables]
        )
    assert token not in everything
    assert hash_token(token) in everything
    me = api.client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["name"] == "agent-bzh"


def test_wrong_password_and_unknown_user_are_the_same_401(api):
    for username, password in (("agent-bzh", "wrong-pass"), ("nobody", "whatever")):
        response = api.client.post(
            "/api/v1/auth/login",
            json={"username": username, "password": password, "device_name": "d"},
        )
        assert response.status_code == 401
        assert response.json()["error"] == {
            "code": "invalid_credentials",
            "message": "Wrong user name or password.",
            "details": {},
        }


def _login(api, username, password):
    # The TestClient's peer address is fixed; vary the user to test the per-IP limit.
    return api.client.post(
        "/api/v1/auth/login",
        json={"username": username, "password": password, "device_name": "d"},
    )


def test_repeated_failures_are_throttled_even_with_the_right_password(api):
    for _ in range(5):
        assert _login(api, "agent-bzh", "wrong-pass").status_code == 401
    throttled = _login(api, "agent-bzh", "bzh-pass-1")
    assert throttled.status_code == 429
    error = throttled.json()["error"]
    assert error["code"] == "too_many_attempts"
    assert "try again in" in error["message"]
    retry = int(throttled.headers["retry-after"])
    assert 0 < retry <= 300
    api.clock.advance(seconds=retry)
    assert _login(api, "agent-bzh", "bzh-pass-1").status_code == 200


def test_failures_from_one_address_throttle_its_wrong_passwords_never_a_right_one(api):
    """Many people share one address (a NAT, a proxy): guesses from it are throttled
    across user names, but a correct password of another account still logs in."""
    for i in range(api.state.limits.login_failures_per_ip):
        assert _login(api, f"guess-{i}", "x").status_code == 401
    assert _login(api, "agent-occ", "wrong-pass").status_code == 429
    assert _login(api, "guess-0", "x").status_code == 429
    assert _login(api, "coordinator", "coord-pass-1").status_code == 200
    assert _login(api, "agent-occ", "occ-pass-1").status_code == 200


def test_logout_revokes_only_that_token(api):
    laptop = api.headers("agent-bzh", "laptop")
    phone = api.headers("agent-bzh", "phone")
    assert api.client.post("/api/v1/auth/logout", headers=laptop).status_code == 204
    after = api.client.get("/api/v1/sync/pull", headers=laptop)
    assert after.status_code == 401 and after.json()["error"]["code"] == "invalid_token"
    assert api.client.get("/api/v1/sync/pull", headers=phone).status_code == 200


def test_revoking_all_tokens_of_a_user(api):
    laptop = api.headers("agent-occ", "laptop")
    assert api.state.accounts.revoke_user_tokens("agent-occ") == 1
    assert api.client.get("/api/v1/sync/pull", headers=laptop).status_code == 401


def test_another_regions_records_are_invisible_on_pull(api):
    api.push_ok(
        "coordinator",
        place_op("rennes"),
        visit_op("v-rennes", "rennes"),
        place_op("beziers", postcode="34500"),
        visit_op("v-beziers", "beziers"),
        op("interview", "i-beziers", fields={"visit_id": "v-beziers", "person_name": "Jo"}),
    )
    assert [r["id"] for r in api.pull("agent-bzh")["records"]] == ["rennes", "v-rennes"]
    assert [r["id"] for r in api.pull("agent-occ")["records"]] == [
        "beziers",
        "v-beziers",
        "i-beziers",
    ]
    assert len(api.pull("coordinator")["records"]) == 5
    assert len(api.pull("admin")["records"]) == 5


def test_another_regions_record_answers_on_push_exactly_as_an_unknown_id(api):
    """No existence oracle: an op on another région's record, or under it, gets the very
    answer an op on an id the server never had gets (it was 403 against 404)."""
    api.push_ok(
        "coordinator", place_op("beziers", postcode="34500"), visit_op("v-beziers", "beziers")
    )

    def answers(record_id: str, place_id: str) -> list[tuple[int, str, int | None, str]]:
        ops = [
            op("place", record_id, "update", base_version=1, fields={"name": "Pirate"}),
            op("place", record_id, "delete", base_version=1),
            op("place", record_id, "restore", base_version=1),
            visit_op(f"child-of-{place_id}", place_id),
        ]
        response = api.push("agent-bzh", *ops)
        results = response.json()["results"] if response.status_code == 200 else []
        return [
            (
                response.status_code,
                r["status"],
                (r["error"] or {}).get("status"),
                (r["error"] or {})
                .get("message", "")
                .replace(record_id, "X")
                .replace(place_id, "X"),
            )
            for r in results
        ]

    hidden = answers("beziers", "beziers")
    unknown = answers("no-such-place", "no-such-place")
    assert hidden == unknown
    assert [status for _, status, _, _ in hidden] == ["rejected"] * 4
    assert [code for _, _, code, _ in hidden] == [404, 404, 404, 422]
    assert api.pull("coordinator")["records"][0]["fields"]["name"] == "Lieu beziers"
    assert len(api.pull("coordinator")["records"]) == 2
    # Creating over a taken id is set aside (id_taken); nothing of the other record leaks.
    [taken] = api.push_ok("agent-bzh", place_op("beziers"))
    assert taken["status"] == "rejected" and taken["error"]["code"] == "id_taken"
    assert taken["record"] is None and "34500" not in str(taken)
    # What an op itself puts in another région stays refused whole (403), known id or not.
    for bad in (place_op("new-occ", postcode="31000"),):
        assert api.push("agent-bzh", bad).status_code == 403
    mine = place_op("rennes")
    assert api.push_ok("agent-bzh", mine)[0]["status"] == "applied"


def test_an_agent_cannot_move_a_place_into_a_region_they_lack(api):
    api.push_ok("agent-bzh", place_op("p1"))
    move = op(
        "place",
        "p1",
        "update",
        base_version=1,
        fields={"postcode": "34500", "departement": "34", "region": "76"},
        base={"postcode": "35000", "departement": "35", "region": "53"},
    )
    response = api.push("agent-bzh", move)
    assert response.status_code == 403
    assert api.pull("agent-bzh")["records"][0]["region"] == "53"


def test_a_place_created_in_the_batch_counts_for_the_visits_after_it(api):
    results = api.push_ok("agent-occ", place_op("b", postcode="34500"), visit_op("v", "b"))
    assert [r["status"] for r in results] == ["applied", "applied"]


def test_a_place_moved_by_a_coordinator_reaches_the_new_regions_agents_with_its_subtree(api):
    api.push_ok(
        "agent-bzh",
        place_op("p1"),
        visit_op("v1", "p1"),
        op("interview", "i1", fields={"visit_id": "v1", "person_name": "Ana"}),
    )
    cursor_occ = api.pull("agent-occ")["next"]
    api.push_ok(
        "coordinator",
        op(
            "place",
            "p1",
            "update",
            base_version=1,
            fields={"postcode": "34500", "departement": "34", "region": "76"},
            base={"postcode": "35000", "departement": "35", "region": "53"},
        ),
    )
    pulled = api.pull("agent-occ", since=cursor_occ)["records"]
    assert sorted((r["kind"], r["region"]) for r in pulled) == [
        ("interview", "76"),
        ("place", "76"),
        ("visit", "76"),
    ]
    assert {r["id"]: r["version"] for r in pulled} == {"p1": 2, "v1": 1, "i1": 1}


def test_old_failures_are_forgotten(api):
    for _ in range(4):
        _login(api, "agent-bzh", "wrong-pass")
    api.clock.advance(minutes=6)
    _login(api, "agent-bzh", "wrong-pass")  # one fresh failure; the four old ones are dropped
    from sqlalchemy import select

    from fieldkit.server import db

    t = db.login_throttle
    with api.state.db.read() as conn:
        attempts = conn.execute(select(t.c.attempts).where(t.c.key == "user:agent-bzh"))
        assert attempts.scalar_one() == 1
    assert _login(api, "agent-bzh", "bzh-pass-1").status_code == 200


def test_token_use_is_recorded_at_most_once_a_minute(api):
    from sqlalchemy import select

    from fieldkit.server import db

    headers = api.headers("agent-bzh")

    def last_used() -> str:
        with api.state.db.read() as conn:
            return conn.execute(select(db.tokens.c.last_used_at)).scalar_one()

    created = last_used()
    api.client.get("/api/v1/auth/me", headers=headers)
    assert last_used() == created
    api.clock.advance(minutes=2)
    api.client.get("/api/v1/auth/me", headers=headers)
    assert last_used() > created
