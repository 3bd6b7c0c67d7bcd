"""The push answer's shape for speed (lean answers) and the checks that skip work on clean
input (NUL characters, sizes) still catching what they must."""

from __future__ import annotations

from tests.server.conftest import op, place_op, visit_op


def _push_body(api, user, body):
    response = api.client.post("/api/v1/sync/push", json=body, headers=api.headers(user))
    assert response.status_code == 200, response.text
    return response.json()["results"]


def _whole_place(record_id: str, **changes):
    """A create carrying every place field, normalised as the server stores it (what a
    client sends for a record it made)."""
    fields = {
        "name": f"Lieu {record_id}",
        "kind": "other",
        "address": "",
        "postcode": "35000",
        "commune": "Rennes",
        "commune_insee": "",
        "departement": "35",
        "region": "53",
        "latitude": None,
        "longitude": None,
        "website": "",
        "contact": "",
        "description": "",
        "tags": [],
    }
    fields.update(changes)
    return op("place", record_id, fields=fields)


def test_a_lean_push_answer_leaves_out_the_fields_of_creates_stored_as_sent(api):
    from fieldkit.store import schema

    as_sent = _whole_place("p1")
    assert set(as_sent["fields"]) == set(schema.KINDS["place"].fields)
    # The server trims a name: this create is not stored exactly as sent.
    trimmed = _whole_place("p2", name="  Lieu p2  ")
    partial = place_op("p3")  # fields the server fills in (defaults): not as sent either
    results = _push_body(api, "agent-bzh", {"ops": [as_sent, trimmed, partial], "lean": True})
    assert [r["status"] for r in results] == ["applied"] * 3
    lean, full, filled = (r["record"] for r in results)
    assert "fields" not in lean
    assert lean["version"] == 1 and lean["id"] == "p1" and lean["created_by"] == "agent-bzh"
    assert full["fields"]["name"] == "Lieu p2"
    assert filled["fields"]["departement"] == "35"
    # What the server stored is what was sent.
    [stored] = [r for r in api.pull("agent-bzh")["records"] if r["id"] == "p1"]
    assert stored["fields"] == as_sent["fields"]
    # Updates, and clients that don't ask, get whole records.
    edit = op(
        "place", "p1", "update", base_version=1, fields={"contact": "x"}, base={"contact": ""}
    )
    [updated] = _push_body(api, "agent-bzh", {"ops": [edit], "lean": True})
    assert updated["record"]["fields"]["contact"] == "x"
    [plain] = _push_body(api, "agent-bzh", {"ops": [_whole_place("p4")]})
    assert plain["record"]["fields"]["name"] == "Lieu p4"
    # A retried create is answered with the current record, whole.
    [again] = _push_body(api, "agent-bzh", {"ops": [as_sent], "lean": True})
    assert again["replayed"] and again["record"]["fields"]["contact"] == "x"


def test_a_nul_in_a_field_name_or_unknown_field_is_refused_per_op(api):
    """Known fields are checked by the request's types (422 for the batch); a NUL that
    only an unknown field carries is the op's own rejection, and the rest goes on."""
    name_nul = op("place", "p1", fields={"name": "Lieu", "postcode": "35000", "a\x00b": "x"})
    value_nul = op("place", "p2", fields={"name": "Lieu", "postcode": "35000", "odd": ["\x00"]})
    fine = place_op("p3")
    results = api.push_ok("agent-bzh", name_nul, value_nul, fine)
    assert [r["status"] for r in results] == ["rejected", "rejected", "applied"]
    assert [r["error"]["code"] for r in results[:2]] == ["nul_character"] * 2


def test_text_that_looks_like_an_escaped_nul_is_kept(api):
    # The NUL check looks for "\x00" in the values' repr first: a text holding a
    # backslash, an x and two zeros is not a NUL.
    text = "C:\\x00\\dossier \\x00"
    [created, visit] = api.push_ok(
        "agent-bzh", place_op("p1", description=text), visit_op("v1", "p1", notes="\\x00")
    )
    assert created["status"] == visit["status"] == "applied"
    assert created["record"]["fields"]["description"] == text
    assert visit["record"]["fields"]["notes"] == "\\x00"
