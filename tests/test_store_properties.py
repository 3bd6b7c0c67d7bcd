"""Hypothesis round-trips of records through the store.

What goes in comes back: any unicode text (names and identifiers trimmed, free text kept
byte for byte), coordinates anywhere in range, dates, flags, tags (as a sorted set). An
update changes exactly the fields it names, and its outbox entry carries the new values
and the old ones.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit import demo_data
from fieldkit.store import (
    CONSENT_STATES,
    INTERVIEW_ROLES,
    KINDS,
    PLACE_KINDS,
    VISIT_STATUSES,
    Store,
)
from fieldkit.store.schema import _STRIPPED

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

text = st.text(max_size=200)
line = st.text(max_size=60)
tags = st.lists(st.text(max_size=20), max_size=5)
postcodes = st.sampled_from(["", *sorted({c[2] for c in demo_data.COMMUNES})])
latitudes = st.one_of(st.none(), st.floats(-90, 90, allow_nan=False))
longitudes = st.one_of(st.none(), st.floats(-180, 180, allow_nan=False))
days = st.dates(dt.date(2000, 1, 1), dt.date(2026, 10, 15))

place_fields = st.fixed_dictionaries(
    {
        "name": st.text(min_size=1, max_size=80).filter(lambda s: s.strip()),
        "kind": st.sampled_from(PLACE_KINDS),
        "address": line,
        "postcode": postcodes,
        "commune": line,
        "latitude": latitudes,
        "longitude": longitudes,
        "website": line,
        "contact": line,
        "description": text,
        "tags": tags,
    }
)
visit_fields = st.fixed_dictionaries(
    {
        "visited_on": days.map(dt.date.isoformat),
        "visitors": line,
        "status": st.sampled_from(VISIT_STATUSES),
        "summary": text,
        "notes": st.text(max_size=2000),
        "tags": tags,
    }
)
interview_fields = st.fixed_dictionaries(
    {
        "person_name": line,
        "role": st.sampled_from(INTERVIEW_ROLES),
        "organisation": line,
        "consent": st.sampled_from(CONSENT_STATES),
        "consent_on": st.one_of(st.none(), days.map(dt.date.isoformat)),
        "pseudonymise": st.booleans(),
        "notes": text,
        "quotes": text,
    }
)


def expected(fields: dict[str, Any]) -> dict[str, Any]:
    """What the store promises to keep: identifiers trimmed, tags as a sorted set."""
    out = {}
    for key, value in fields.items():
        if key == "tags":
            out[key] = sorted({t.strip() for t in value if t.strip()})
        elif key in _STRIPPED and isinstance(value, str):
            out[key] = value.strip()
        else:
            out[key] = value
    return out


def new_store() -> Store:
    return Store.memory(clock=lambda: dt.datetime(2026, 10, 15, 9, 30, tzinfo=dt.UTC))


@SETTINGS
@given(place=place_fields, visit=visit_fields, interview=interview_fields)
def test_create_then_get_returns_the_same_values(place, visit, interview):
    with new_store() as store:
        p = store.create("place", place)
        v = store.create("visit", {"place_id": p["id"], **visit})
        i = store.create("interview", {"visit_id": v["id"], **interview})
        for kind, rid, fields in (
            ("place", p["id"], place),
            ("visit", v["id"], visit),
            ("interview", i["id"], interview),
        ):
            got = store.require(kind, rid)
            assert {k: got[k] for k in fields} == expected(fields)
            assert got["version"] == 0 and got["dirty"] and not got["deleted"]
        if place["postcode"]:  # codes derived from the postcode
            assert store.require("place", p["id"])["departement"]


@SETTINGS
@given(
    place=place_fields,
    changes=place_fields.flatmap(
        lambda f: st.sets(st.sampled_from(sorted(f)), min_size=1).map(
            lambda keys: {k: f[k] for k in keys}
        )
    ),
)
def test_update_changes_exactly_the_named_fields_and_records_them(place, changes):
    with new_store() as store:
        before = store.create("place", place)
        store.claim_outbox()  # as a sync would: the update then gets its own entry
        after = store.update("place", before["id"], changes)
        got = store.require("place", before["id"])
        assert got == after
        want = {**{f: before[f] for f in KINDS["place"].fields}, **expected(changes)}
        if any(f in changes and changes[f] != before[f] for f in ("postcode", "commune")):
            # A place that moves is resolved again: its commune code, département and
            # région are derived (tests/test_places_geo.py checks what they become).
            want["commune_insee"] = got["commune_insee"]
            want["departement"] = got["departement"]
            want["region"] = got["region"]
        assert {f: got[f] for f in KINDS["place"].fields} == want
        diff = {f: want[f] for f in KINDS["place"].fields if want[f] != before[f]}
        ops = store.outbox()
        if diff:
            assert ops[-1]["op"] == "update"
            assert ops[-1]["fields"] == diff
            assert ops[-1]["base"] == {f: before[f] for f in diff}
        else:
            assert len(ops) == 1  # only the create: a no-op update writes nothing


def strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@SETTINGS
@given(
    word=st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèêàâçîïôûù", min_size=3, max_size=12),
    before=st.lists(st.sampled_from(["la", "visite", "équipe", "très", "l’atelier"]), max_size=5),
)
def test_any_word_of_the_notes_is_found_without_its_accents(word, before):
    with new_store() as store:
        p = store.create("place", {"name": "Le Bocal"})
        notes = " ".join([*before, word, "fin."])
        v = store.create("visit", {"place_id": p["id"], "visited_on": "2026-01-05", "notes": notes})
        hits = store.search(strip_accents(word), limit=500)
        assert any(h.id == v["id"] for h in hits)
