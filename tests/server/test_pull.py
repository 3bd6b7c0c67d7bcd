"""Pull: pages in sequence order, cursors, tombstones, limits, the tables shape."""

from __future__ import annotations

import json

from sqlalchemy import text

from fieldkit.server.sync import TABLE_ENVELOPE
from fieldkit.store import schema
from tests.server.conftest import op, place_op, visit_op


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
    for params in ({"since": -1}, {"limit": 0}, {"limit": 2001}, {"since": "abc"}):
        response = api.client.get(
            "/api/v1/sync/pull", params=params, headers=api.headers("agent-bzh")
        )
        assert response.status_code == 422, params
        error = response.json()["error"]
        assert error["code"] == "invalid_request"
        assert error["details"]["errors"][0]["loc"][0] == "query"


def _pull(api, user: str, since: int, limit: int | None, shape: str | None) -> dict:
    params: dict = {"since": since}
    if limit is not None:
        params["limit"] = limit
    if shape is not None:
        params["shape"] = shape
    response = api.client.get("/api/v1/sync/pull", params=params, headers=api.headers(user))
    assert response.status_code == 200, response.text
    return response.json()


def _as_records(page: dict) -> list[dict]:
    """A tables page's records in the record shape."""
    out = []
    for table in page["tables"]:
        for row in table["rows"]:
            values = dict(zip(table["columns"], row, strict=True))
            envelope = {c: values.pop(c) for c in TABLE_ENVELOPE}
            out.append({"kind": table["kind"], **envelope, "fields": values})
    return out


def _without_region(records: list[dict]) -> list[dict]:
    """Records without their envelope's region, which tables leave out (a place's is its
    field)."""
    out = []
    for record in records:
        if record["kind"] == "place":
            assert record["region"] == record["fields"]["region"]
        out.append({k: v for k, v in record.items() if k != "region"})
    return out


def test_the_tables_shape_holds_the_same_records_in_the_same_order(api):
    """Kinds interleave (a place, its visit, an interview, a place again, a tombstone):
    each run of one kind is one table, and read back they are the record pages, page by
    page, with the same cursors."""
    api.push_ok(
        "agent-bzh",
        place_op("p1", tags=["b", "a"]),
        visit_op("v1", "p1", notes="Notes « accentuées »", tags=["x"]),
        op(
            "interview", "i1", fields={"visit_id": "v1", "person_name": "Ana", "pseudonymise": True}
        ),
        place_op("p2"),
        visit_op("v2", "p2"),
    )
    api.push_ok("agent-bzh", op("visit", "v2", "delete", base_version=1))
    api.push_ok(
        "agent-bzh",
        op("place", "p1", "update", base_version=1, fields={"name": "A"}, base={"name": "Lieu p1"}),
    )
    for limit in (None, 2, 3):
        since, pages = 0, 0
        while True:
            records = _pull(api, "agent-bzh", since, limit, None)
            tables = _pull(api, "agent-bzh", since, limit, "tables")
            assert tables["records"] == []
            assert _as_records(tables) == _without_region(records["records"])
            assert {k: v for k, v in tables.items() if k not in ("records", "tables")} == {
                k: v for k, v in records.items() if k != "records"
            }
            kinds = [t["kind"] for t in tables["tables"]]
            assert all(a != b for a, b in zip(kinds, kinds[1:], strict=False)), kinds
            pages += 1
            if not records["more"]:
                break
            since = records["next"]
        assert pages >= (1 if limit is None else 2)
    whole = _pull(api, "agent-bzh", 0, None, "tables")
    in_order = [r["kind"] for r in _pull(api, "agent-bzh", 0, None, None)["records"]]
    runs = [kind for i, kind in enumerate(in_order) if i == 0 or in_order[i - 1] != kind]
    assert [t["kind"] for t in whole["tables"]] == runs and len(runs) >= 4
    for table in whole["tables"]:
        assert table["columns"] == [*TABLE_ENVELOPE, *schema.kind_of(table["kind"]).fields]


def test_a_stored_record_lacking_a_field_comes_in_tables_with_its_default(api):
    """A record stored before a field existed: the record shape leaves the field out, the
    tables shape gives the value a client fills in (schema.field_default)."""
    api.push_ok("agent-bzh", place_op("p1", tags=["x"]))
    with api.state.db.writer.begin() as conn:
        stored = conn.execute(text("SELECT fields FROM records WHERE id = 'p1'")).scalar_one()
        fields = json.loads(stored)
        del fields["tags"], fields["kind"]
        conn.execute(
            text("UPDATE records SET fields = :f WHERE id = 'p1'"), {"f": json.dumps(fields)}
        )
    record = _pull(api, "agent-bzh", 0, None, None)["records"][0]
    assert "tags" not in record["fields"] and "kind" not in record["fields"]
    table = _pull(api, "agent-bzh", 0, None, "tables")["tables"][0]
    row = dict(zip(table["columns"], table["rows"][0], strict=True))
    assert row["tags"] == [] and row["kind"] == "other"
    assert row["name"] == "Lieu p1"


def test_an_unknown_shape_is_422(api):
    response = api.client.get(
        "/api/v1/sync/pull", params={"shape": "csv"}, headers=api.headers("agent-bzh")
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"
