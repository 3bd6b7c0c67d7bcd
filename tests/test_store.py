"""The local store: envelope, validation, outbox, queries, search, migrations."""

from __future__ import annotations

import sqlite3

import pytest

from fieldkit.errors import NotFoundError, SchemaError, ValidationError
from fieldkit.store import SCHEMA_VERSION, Store, connect, schema_version


def test_create_place_fills_envelope_and_codes(fresh_db, clock):
    p = fresh_db.create_place(name="  Le Tiers Lieu  ", postcode="34500", kind="fablab")
    assert p["name"] == "Le Tiers Lieu"
    assert (p["departement"], p["region"]) == ("34", "76")
    assert p["version"] == 0 and p["deleted"] is False and p["dirty"] is True
    assert p["created_by"] == p["updated_by"] == "agent-bzh"
    assert p["created_at"] == "2026-10-15T09:30:00.000Z"
    assert len(p["id"]) == 36


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"name": "   "}, "empty_name"),
        ({"name": "X", "region": "99"}, "unknown_region"),
        ({"name": "X", "departement": "00"}, "unknown_departement"),
        ({"name": "X", "departement": "34", "region": "53"}, "region_mismatch"),
        ({"name": "X", "postcode": "ABCDE"}, "bad_postcode"),
        ({"name": "X", "kind": "castle"}, "bad_place_kind"),
        ({"name": "X", "latitude": 123}, "bad_coordinates"),
        ({"name": "X", "longitude": "east"}, "bad_number"),
        ({"name": "X", "colour": "red"}, "unknown_field"),
    ],
)
def test_place_validation_errors_change_nothing(fresh_db, fields, code):
    with pytest.raises(ValidationError) as err:
        fresh_db.create("place", fields)
    assert err.value.code == code
    assert str(err.value)
    assert fresh_db.places() == [] and fresh_db.outbox_count() == 0


def test_corsica_and_overseas_codes(fresh_db):
    assert fresh_db.create_place(name="A", postcode="20000")["departement"] == "2A"
    assert fresh_db.create_place(name="B", postcode="20200")["departement"] == "2B"
    reunion = fresh_db.create_place(name="C", postcode="97410")
    assert (reunion["departement"], reunion["region"]) == ("974", "04")


def test_visit_needs_existing_place_and_real_date(fresh_db, place):
    with pytest.raises(ValidationError) as err:
        fresh_db.create_visit("no-such-place", visited_on="2026-10-01")
    assert err.value.code == "missing_parent"
    for bad, code in [
        ("2026-02-30", "bad_date"),
        ("yesterday", "bad_date"),
        ("1850-01-01", "implausible_date"),
    ]:
        with pytest.raises(ValidationError) as err:
            fresh_db.create_visit(place["id"], visited_on=bad)
        assert err.value.code == code
    with pytest.raises(ValidationError) as err:
        fresh_db.create_visit(place["id"], visited_on="2026-10-01", status="maybe")
    assert err.value.code == "bad_status"
    assert fresh_db.visits() == []


def test_interview_validation(fresh_db, place):
    v = fresh_db.create_visit(place["id"], visited_on="2026-10-01")
    with pytest.raises(ValidationError) as err:
        fresh_db.create_interview(v["id"], role="king")
    assert err.value.code == "bad_role"
    with pytest.raises(ValidationError) as err:
        fresh_db.create_interview(v["id"], consent="perhaps")
    assert err.value.code == "bad_consent"
    with pytest.raises(ValidationError) as err:
        fresh_db.create_interview(v["id"], consent="given", consent_on="2026-13-01")
    assert err.value.code == "bad_date"
    i = fresh_db.create_interview(v["id"], person_name="Léa", consent="refused", pseudonymise=1)
    assert i["pseudonymise"] is True and i["consent"] == "refused"


def test_outbox_entry_for_each_kind_of_edit(fresh_db, place, clock):
    v = fresh_db.create_visit(place["id"], visited_on="2026-10-01", notes="avant")
    fresh_db.claim_outbox()  # a sync has read the creates: the edit gets its own entry
    clock.advance(seconds=5)
    fresh_db.update("visit", v["id"], {"notes": "après", "summary": ""})
    changes = fresh_db.delete("visit", v["id"])
    fresh_db.restore(changes)
    ops = fresh_db.outbox()
    assert [(o["kind"], o["op"]) for o in ops] == [
        ("place", "create"),
        ("visit", "create"),
        ("visit", "update"),
        ("visit", "delete"),
        ("visit", "restore"),
    ]
    update = ops[2]
    # Only the field that really changed, with its value before.
    assert update["fields"] == {"notes": "après"} and update["base"] == {"notes": "avant"}
    assert update["base_version"] == 0
    assert len({o["op_id"] for o in ops}) == 5
    assert fresh_db.get("visit", v["id"])["updated_at"] == "2026-10-15T09:30:05.000Z"


def test_unsent_edits_fold_into_one_entry(fresh_db, place, clock):
    v = fresh_db.create_visit(place["id"], visited_on="2026-10-01", notes="a")
    fresh_db.claim_outbox()
    for text in ("ab", "abc", "abcd"):
        clock.advance(seconds=1)
        fresh_db.update("visit", v["id"], {"notes": text})
    fresh_db.update("visit", v["id"], {"summary": "Résumé"})
    updates = [o for o in fresh_db.outbox() if o["op"] == "update"]
    assert len(updates) == 1
    # New values of every edited field; base values from before the first unsent edit.
    assert updates[0]["fields"] == {"notes": "abcd", "summary": "Résumé"}
    assert updates[0]["base"] == {"notes": "a", "summary": ""}
    assert updates[0]["created_at"] == "2026-10-15T09:30:03.000Z"


def test_edits_of_a_never_sent_record_fold_into_its_create(fresh_db, place):
    v = fresh_db.create_visit(place["id"], visited_on="2026-10-01")
    fresh_db.update("visit", v["id"], {"notes": "Première version"})
    fresh_db.update("visit", v["id"], {"notes": "Deuxième version"})
    ops = [o for o in fresh_db.outbox() if o["record_id"] == v["id"]]
    assert [o["op"] for o in ops] == ["create"]
    assert ops[0]["fields"]["notes"] == "Deuxième version" and ops[0]["base"] == {}


def test_claimed_entries_never_change(fresh_db, place):
    v = fresh_db.create_visit(place["id"], visited_on="2026-10-01")
    fresh_db.update("visit", v["id"], {"notes": "un"})
    claimed = fresh_db.claim_outbox(limit=10)  # on the wire now
    fresh_db.update("visit", v["id"], {"notes": "deux"})
    fresh_db.update("visit", v["id"], {"notes": "trois"})
    ops = fresh_db.outbox()
    assert ops[: len(claimed)] == claimed
    assert [(o["op"], o["fields"], o["base"]) for o in ops[len(claimed) :]] == [
        ("update", {"notes": "trois"}, {"notes": "un"})
    ]


def test_no_fold_across_a_delete(fresh_db, place):
    v = fresh_db.create_visit(place["id"], visited_on="2026-10-01")
    changes = fresh_db.delete("visit", v["id"])
    fresh_db.restore(changes)
    fresh_db.update("visit", v["id"], {"notes": "après la restauration"})
    assert [o["op"] for o in fresh_db.outbox() if o["record_id"] == v["id"]] == [
        "create",
        "delete",
        "restore",
        "update",
    ]


def test_noop_update_appends_nothing(fresh_db, place):
    before = fresh_db.outbox_count()
    fresh_db.update("place", place["id"], {"name": place["name"]})
    assert fresh_db.outbox_count() == before


def test_delete_place_cascades_and_restore_brings_all_back(fresh_db, place):
    v = fresh_db.create_visit(place["id"], visited_on="2026-10-01")
    i = fresh_db.create_interview(v["id"], role="user")
    changes = fresh_db.delete("place", place["id"])
    assert {(c.kind, c.id) for c in changes} == {
        ("place", place["id"]),
        ("visit", v["id"]),
        ("interview", i["id"]),
    }
    assert fresh_db.places() == [] and fresh_db.get("interview", i["id"]) is None
    fresh_db.restore(changes)
    assert fresh_db.places()[0]["visit_count"] == 1
    assert fresh_db.interviews(v["id"])[0]["id"] == i["id"]


def test_update_missing_record(fresh_db):
    with pytest.raises(NotFoundError):
        fresh_db.update("place", "nope", {"name": "x"})


def test_failed_action_rolls_back_everything(fresh_db, place):
    before = fresh_db.outbox_count()
    with pytest.raises(ValidationError), fresh_db.transaction():
        fresh_db.create_visit(place["id"], visited_on="2026-10-02")
        fresh_db.create_visit(place["id"], visited_on="not a date")
    assert fresh_db.visits() == [] and fresh_db.outbox_count() == before


def test_queries_by_region_and_departement(fresh_db):
    a = fresh_db.create_place(
        name="Fablab Rennes", postcode="35000", commune="Rennes", kind="fablab"
    )
    b = fresh_db.create_place(
        name="Coworking Brest", postcode="29200", commune="Brest", kind="coworking"
    )
    c = fresh_db.create_place(name="Hub Sète", postcode="34200", commune="Sète", kind="rural_hub")
    v1 = fresh_db.create_visit(a["id"], visited_on="2026-09-01", status="final")
    fresh_db.create_visit(a["id"], visited_on="2026-09-15")
    fresh_db.create_interview(v1["id"], role="user")
    assert [p["name"] for p in fresh_db.places(region="53")] == ["Coworking Brest", "Fablab Rennes"]
    assert [p["name"] for p in fresh_db.places(departement="34")] == ["Hub Sète"]
    assert {p["id"]: p["visit_count"] for p in fresh_db.places()} == {
        a["id"]: 2,
        b["id"]: 0,
        c["id"]: 0,
    }
    visits = fresh_db.visits(place_id=a["id"])
    assert [v["visited_on"] for v in visits] == ["2026-09-15", "2026-09-01"]
    assert visits[1]["interview_count"] == 1 and visits[1]["commune"] == "Rennes"
    bundle = fresh_db.region_bundle("53", include_drafts=False)
    by_name = {p["name"]: p for p in bundle["places"]}
    assert [v["id"] for v in by_name["Fablab Rennes"]["visits"]] == [v1["id"]]
    assert len(by_name["Fablab Rennes"]["visits"][0]["interviews"]) == 1
    assert by_name["Coworking Brest"]["visits"] == []


def test_search_is_accent_insensitive_and_carries_kind_and_snippet(fresh_db):
    p = fresh_db.create_place(name="La Fabrique", postcode="34500", commune="Béziers")
    v = fresh_db.create_visit(p["id"], visited_on="2026-10-01", notes="Une équipe très motivée.")
    i = fresh_db.create_interview(v["id"], quotes="« On a créé une communauté »")
    hit = fresh_db.search("Bezier")[0]
    assert (hit.kind, hit.id, hit.place_id) == ("place", p["id"], p["id"])
    hit = fresh_db.search("equipe")[0]
    assert (hit.kind, hit.id, hit.visit_id) == ("visit", v["id"], v["id"])
    assert "[équipe]" in hit.snippet
    hit = fresh_db.search("communaute cree")[0]
    assert (hit.kind, hit.id, hit.place_id, hit.visit_id) == (
        "interview",
        i["id"],
        p["id"],
        v["id"],
    )
    assert fresh_db.search("   ") == []
    fresh_db.update("visit", v["id"], {"notes": "Rien."})
    assert fresh_db.search("equipe") == []
    fresh_db.delete("place", p["id"])
    assert fresh_db.search("Beziers") == []


def test_search_survives_fts_syntax(fresh_db, place):
    for text in ['"', "AND", "OR NOT", "a*b", "(x", "l'équipe", "NEAR("]:
        fresh_db.search(text)


def test_store_on_disk_uses_wal_and_foreign_keys(store, home):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert home.db_path.exists()


def test_migrations_upgrade_an_old_database(tmp_path):
    path = tmp_path / "old.db"
    conn = connect(path)
    from fieldkit.store.migrations import migrate

    migrate(conn, target=1)
    conn.execute(
        "INSERT INTO places(id, created_at, updated_at, name) VALUES ('p1', 'x', 'x', 'Équipage')"
    )
    conn.close()
    s = Store(connect(path))
    assert schema_version(s.conn) == SCHEMA_VERSION
    assert s.get("place", "p1")["name"] == "Équipage"
    assert [h.id for h in s.search("equipage")] == ["p1"]  # old rows are indexed
    s.create_place(name="Nouveau lieu")
    assert [h.title for h in s.search("nouveau")] == ["Nouveau lieu"]


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(SchemaError, match="newer"):
        Store(connect(path))


def test_search_finds_an_interview_by_the_persons_name(fresh_db, tmp_path):
    """« lefevre » finds Claire Lefèvre's interview (issue 13); her organisation too."""
    p = fresh_db.create_place(name="Le Bocal", postcode="29200", commune="Brest")
    v = fresh_db.create_visit(p["id"], visited_on="2026-10-01")
    i = fresh_db.create_interview(
        v["id"], person_name="Claire Lefèvre", organisation="Coop Ty Breizh", role="manager"
    )
    [hit] = fresh_db.search("lefevre")
    assert (hit.kind, hit.id, hit.visit_id) == ("interview", i["id"], v["id"])
    assert "[Lefèvre]" in hit.snippet
    assert [h.id for h in fresh_db.search("breizh")] == [i["id"]]
    fresh_db.update("interview", i["id"], {"person_name": "Claire Martin"})
    assert fresh_db.search("lefevre") == [] and fresh_db.search("martin")[0].id == i["id"]

    # A database from before the migration: its interviews are indexed when it upgrades.
    from fieldkit.store.migrations import MIGRATIONS, _m_search_interviewees, migrate

    conn = connect(tmp_path / "old.db")
    migrate(conn, target=MIGRATIONS.index(_m_search_interviewees))
    conn.execute("PRAGMA foreign_keys = OFF")  # an interview alone is enough here
    conn.execute(
        "INSERT INTO interviews(id, visit_id, person_name, organisation, created_at,"
        " updated_at) VALUES ('i1', 'v1', 'Jeanne Kerjean', 'Mairie', 'x', 'x')"
    )
    conn.commit()
    indexed = "SELECT count(*) FROM search_index WHERE body LIKE '%Kerjean%'"
    assert conn.execute(indexed).fetchone()[0] == 0
    upgraded = Store(conn, user="agent-bzh")
    assert [h.id for h in upgraded.search("kerjean")] == ["i1"]
    upgraded.close()
