"""Hardening: the token before the body, no 5xx on big numbers or NUL bytes, strict
types per field, size limits per field and record (413), pulls paged by bytes, and no
SQL parameters in the log of a 500."""

from __future__ import annotations

import json
import logging
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldkit.server.config import Limits
from tests.server.conftest import Api, _fresh_dir, op, place_op, visit_op

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def test_the_token_is_checked_before_the_body_is_read(api):
    for body, headers in (
        (b"{not json", {"Content-Type": "application/json"}),
        (b'{"ops": "nope"}', {"Content-Type": "application/json"}),
        (b"x" * (17 * 1024 * 1024), {"Content-Type": "application/json"}),
    ):
        anonymous = api.client.post("/api/v1/sync/push", content=body, headers=headers)
        assert anonymous.status_code == 401, anonymous.text
        assert anonymous.json()["error"]["code"] == "missing_token"
        bad = api.client.post(
            "/api/v1/sync/push",
            content=body,
            headers={**headers, "Authorization": "Bearer fk_not-a-token"},
        )
        assert bad.status_code == 401 and bad.json()["error"]["code"] == "invalid_token"
    # With a token the same bodies get the body's own answer.
    garbage = api.client.post(
        "/api/v1/sync/push",
        content=b"{not json",
        headers={**api.headers("agent-bzh"), "Content-Type": "application/json"},
    )
    assert garbage.status_code == 422


def test_numbers_beyond_the_columns_are_422_not_500(api):
    headers = api.headers("agent-bzh")
    for since, status in ((2**63, 422), (2**64 + 5, 422), (-1, 422), (2**63 - 1, 200)):
        response = api.client.get(f"/api/v1/sync/pull?since={since}", headers=headers)
        assert response.status_code == status, (since, response.text)
    api.push_ok("agent-bzh", place_op("p1"))
    for base_version in (2**63, 2**63 + 1, 2**31):
        update = op("place", "p1", "update", base_version=base_version, fields={"name": "X"})
        response = api.push("agent-bzh", update)
        assert response.status_code == 422, (base_version, response.text)
        assert response.json()["error"]["details"]["errors"][0]["loc"] == [
            "body",
            "ops",
            "0",
            "base_version",
        ]


@pytest.mark.parametrize(
    "body",
    [
        {"username": "agent\x00bzh", "password": "bzh-pass-1", "device_name": "laptop"},
        {"username": "agent-bzh", "password": "bzh-pass-1", "device_name": "lap\x00top"},
        {"username": "agent-bzh", "password": "bzh\x00pass", "device_name": "laptop"},
        {"username": "agent-bzh", "password": "bzh-pass-1", "device_name": "lap\ud800"},
        {"username": "agent-bzh", "password": "bzh-pass-1", "device_name": ["laptop"]},
    ],
)
def test_nul_bytes_and_bad_text_in_login_are_422(api, body):
    import json

    raw = json.dumps(body).encode()  # \u0000 and lone surrogates as JSON escapes
    response = api.client.post(
        "/api/v1/auth/login", content=raw, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "invalid_request"


def test_nul_bytes_in_ids_and_hashes_are_422(api):
    headers = api.headers("agent-bzh")
    assert api.push("agent-bzh", {**place_op("p1"), "op_id": "a\x00b"}).status_code == 422
    assert api.push("agent-bzh", place_op("p\x00")).status_code == 422
    missing = api.client.post(
        "/api/v1/blobs/missing", json={"hashes": ["a" * 63 + "\x00"]}, headers=headers
    )
    assert missing.status_code == 422
    resolve = api.client.post("/api/v1/conflicts/a%00b/resolve", headers=headers)
    assert resolve.status_code == 422


@pytest.mark.parametrize(
    ("kind_op", "field"),
    [
        (place_op("p9", name={"a": 1}), "name"),
        (place_op("p9", name=True), "name"),
        (place_op("p9", description=12), "description"),
        (place_op("p9", tags="a,b"), "tags"),
        (place_op("p9", tags=[1, 2]), "tags"),
        (place_op("p9", latitude=True), "latitude"),
        (place_op("p9", latitude="48.1"), "latitude"),
        (op("interview", "i9", fields={"visit_id": "v", "pseudonymise": "yes"}), "pseudonymise"),
        (op("photo", "f9", fields={"visit_id": "v", "width": 1.5}), "width"),
        (op("visit", "v9", fields={"place_id": "p", "notes": ["x"]}), "notes"),
    ],
)
def test_a_value_of_the_wrong_type_is_422_and_never_stored_as_its_repr(api, kind_op, field):
    response = api.push("agent-bzh", kind_op)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["details"]["errors"][0]["loc"][:5] == ["body", "ops", "0", "fields", field]
    assert field in error["message"]
    assert api.pull("agent-bzh")["records"] == []


def test_right_types_still_go_through(api):
    results = api.push_ok(
        "agent-bzh",
        place_op("p1", latitude=48, longitude=-1.68, tags=["café"], description=None),
        visit_op("v1", "p1"),
        op("interview", "i1", fields={"visit_id": "v1", "pseudonymise": True, "notes": "ok"}),
    )
    assert [r["status"] for r in results] == ["applied"] * 3
    assert results[0]["record"]["fields"]["latitude"] == 48.0


@pytest.fixture
def tight(tmp_path):
    server = Api(_fresh_dir(tmp_path), Limits(field_chars=1000, record_bytes=3000, pull_bytes=5000))
    yield server
    server.close()


def test_a_field_or_record_over_the_limit_is_413_naming_it_and_nothing_applies(tight):
    fine = place_op("p0")
    long_field = place_op("p1", description="é" * 1001)
    response = tight.push("agent-bzh", fine, long_field)
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "too_large"
    assert error["details"] == {
        "limit": 1000,
        "unit": "characters",
        "op_ids": [long_field["op_id"]],
        "field": "description",
    }
    assert "'description'" in error["message"] and "1001" in error["message"]
    # Four fields just under the field limit make a record over the record limit.
    fat = place_op(
        "p2", description="d" * 999, address="a" * 999, contact="c" * 999, website="w" * 999
    )
    response = tight.push("agent-bzh", fine, fat)
    assert response.status_code == 413
    assert response.json()["error"]["details"]["unit"] == "bytes"
    assert response.json()["error"]["details"]["op_ids"] == [fat["op_id"]]
    # The base of an update counts too (it goes into conflicts).
    tight.push_ok("agent-bzh", fine)
    update = op(
        "place",
        "p0",
        "update",
        base_version=1,
        fields={"notes": "x"},
        base={"description": "b" * 1001},
    )
    assert tight.push("agent-bzh", update).status_code == 413
    assert [r["id"] for r in tight.pull("agent-bzh")["records"]] == ["p0"]


def test_pulls_are_paged_by_bytes_as_well_as_by_count(tight):
    ops = [place_op(f"p{i}", description="x" * 900) for i in range(12)]
    tight.push_ok("agent-bzh", *ops)
    seen: list[str] = []
    since, pages = 0, 0
    while True:
        page = tight.pull("agent-bzh", since=since, limit=1000)
        pages += 1
        assert len(page["records"]) >= 1
        assert sum(len(str(r["fields"])) for r in page["records"]) < 5000 + 1200
        seen += [r["id"] for r in page["records"]]
        since = page["next"]
        if not page["more"]:
            break
    assert seen == [f"p{i}" for i in range(12)]
    assert pages >= 3


def test_sql_parameters_never_reach_the_log_of_a_500(api, caplog):
    with api.state.db.write() as conn:
        if api.state.db.is_sqlite:
            conn.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON records "
                "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
            )
        else:
            conn.exec_driver_sql(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$"
            )
            conn.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON records "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
    secret = "Code de la porte: 4711-secret"
    with (
        caplog.at_level(logging.ERROR, logger="fieldkit.server"),
        TestClient(api.app, raise_server_exceptions=False) as client,
    ):
        response = client.post(
            "/api/v1/sync/push",
            json={"ops": [place_op("p1", description=secret)]},
            headers=api.headers("agent-bzh"),
        )
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal"
    assert "unexpected error" in caplog.text and "disk on fire" in caplog.text
    assert "4711" not in caplog.text
    assert "4711" not in response.text


_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), _json_values, max_size=8))
def test_the_record_size_bound_is_never_below_the_encoded_size(values):
    """check_sizes skips encoding a record only when this bound proves it is small."""
    from fieldkit.server.app import _json_bytes_bound

    encoded = len(json.dumps(values, ensure_ascii=False).encode("utf-8"))
    assert _json_bytes_bound(values) >= encoded


def test_nul_characters_are_found_in_any_op_of_a_batch():
    """A NUL anywhere in an op's fields or base (a value, a key, a tag) names the op; text
    that merely spells ``\\u0000``, and values JSON cannot hold as they are (past 64 bits),
    are looked at op by op and not mistaken for one."""
    from fieldkit.server.sync import nul_op_ids

    def op(op_id: str, fields: dict, base: dict | None = None) -> dict:
        return {"op_id": op_id, "fields": fields, "base": base or {}}

    batch = [
        op("value", {"notes": "a\x00b"}),
        op("clean", {"notes": "ok"}),
        op("spelled", {"notes": "C:\\u0000 n'est pas un NUL"}),
        op("key", {"no\x00te": "x"}),
        op("tag", {"tags": ["a", "b\x00"]}),
        op("base", {"notes": "ok"}, {"notes": "\x00"}),
        op("huge", {"position": 2**70}),
    ]
    assert nul_op_ids(batch) == {"value", "key", "tag", "base"}
    assert nul_op_ids([b for b in batch if b["op_id"] in ("clean", "spelled", "huge")]) == set()
    assert nul_op_ids([]) == set()
