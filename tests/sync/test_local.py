"""The local half of sync, on a real store: outbox order, pages and cursor, dirty rows,
orphans, acknowledgements, conflicts and their resolution."""

from __future__ import annotations

import json

import pytest

from fieldkit.errors import NotFoundError, ValidationError
from fieldkit.sync import local
from fieldkit.sync.blobs import SyncError, blob_file
from fieldkit.sync.local import ConflictInfo, OutboxEntry
from tests.search_checks import assert_search_indexes_match, index_structure


def server_place(pid: str, version: int = 1, **fields):
    rec = {
        "id": pid,
        "version": version,
        "deleted": False,
        "name": "Serveur",
        "kind": "fablab",
        "departement": "35",
        "region": "53",
        "tags": [],
        "created_by": "agent-other",
        "updated_by": "agent-other",
        "created_at": "2026-10-01T08:00:00.000Z",
        "updated_at": "2026-10-01T08:00:00.000Z",
    }
    rec.update(fields)
    return rec


def test_outbox_batches_in_order(fresh_db):
    p = fresh_db.create_place(name="A", postcode="35000")
    fresh_db.claim_outbox()  # the create was read by a sync: the edit is a new entry
    fresh_db.update("place", p["id"], {"name": "B"})
    fresh_db.create_place(name="C", postcode="35000")
    first = local.outbox_batch(fresh_db, 2)
    assert [e.op for e in first] == ["create", "update"]
    assert first[1].base == {"name": "A"} and first[1].fields == {"name": "B"}
    assert [e.seq for e in local.outbox_batch(fresh_db, 10)] == sorted(
        e.seq for e in local.outbox_batch(fresh_db, 10)
    )


def test_apply_page_writes_records_and_moves_cursor(fresh_db):
    page = [("place", server_place("p1", name="La Cantine"))]
    result = local.apply_page(fresh_db, page, 7)
    assert result.applied == 1 and local.cursor(fresh_db) == 7
    row = fresh_db.require("place", "p1")
    assert row["name"] == "La Cantine" and row["version"] == 1 and row["dirty"] is False
    assert row["created_by"] == "agent-other"
    assert fresh_db.outbox_count() == 0  # server records never go back out
    assert [h.id for h in fresh_db.search("cantine")] == ["p1"]


def test_bad_page_changes_nothing_not_even_the_cursor(fresh_db):
    local.apply_page(fresh_db, [("place", server_place("p1"))], 3)
    with pytest.raises(ValidationError):
        local.apply_page(fresh_db, [("place", server_place("p2")), ("castle", {"id": "x"})], 9)
    assert local.cursor(fresh_db) == 3
    assert fresh_db.get("place", "p2") is None


def test_unsent_local_change_is_never_overwritten(fresh_db):
    local.apply_page(fresh_db, [("place", server_place("p1", name="Old"))], 1)
    fresh_db.update("place", "p1", {"name": "Mine"})
    result = local.apply_page(fresh_db, [("place", server_place("p1", 2, name="Theirs"))], 2)
    assert result.skipped == 1
    assert fresh_db.require("place", "p1")["name"] == "Mine"
    assert local.cursor(fresh_db) == 2
    # The push answer for my edit: a conflict, the server's value stays.
    entry = local.outbox_batch(fresh_db, 1)[0]
    conflict = ConflictInfo(
        id="c1",
        kind="place",
        record_id="p1",
        server_version=2,
        mine={"name": "Mine"},
        theirs={"name": "Theirs"},
        base={"name": "Old"},
        op_id=entry.op_id,
    )
    local.acknowledge(fresh_db, entry, version=2, conflict=conflict)
    row = fresh_db.require("place", "p1")
    assert (row["name"], row["version"], row["dirty"]) == ("Theirs", 2, False)
    assert fresh_db.outbox_count() == 0 and fresh_db.conflict_count() == 1
    assert local.set_aside_count(fresh_db) == 0


def test_acknowledge_is_idempotent_and_waits_for_later_edits(fresh_db):
    p = fresh_db.create_place(name="A", postcode="35000")
    fresh_db.claim_outbox()  # the create is on the wire: the edit waits in its own entry
    fresh_db.update("place", p["id"], {"name": "B"})
    create, update = local.outbox_batch(fresh_db, 2)
    local.acknowledge(fresh_db, create, version=1)
    row = fresh_db.require("place", p["id"])
    assert row["version"] == 1 and row["dirty"] is True  # the update still waits
    assert local.acknowledge(fresh_db, create, version=1) == []  # retried answer: no-op
    local.acknowledge(fresh_db, update, version=2)
    row = fresh_db.require("place", p["id"])
    assert (row["name"], row["version"], row["dirty"]) == ("B", 2, False)
    assert fresh_db.outbox_count() == 0


def test_child_before_parent_waits_for_it(fresh_db):
    visit = {
        "id": "v1",
        "version": 1,
        "deleted": False,
        "place_id": "p1",
        "visited_on": "2026-09-01",
        "notes": "hello",
    }
    r1 = local.apply_page(fresh_db, [("visit", visit)], 5)
    assert r1.applied == 0 and fresh_db.get("visit", "v1") is None
    assert local.cursor(fresh_db) == 5 and local.set_aside_count(fresh_db) == 1
    local.apply_page(fresh_db, [("place", server_place("p1"))], 6)
    assert fresh_db.require("visit", "v1")["notes"] == "hello"
    assert local.set_aside_count(fresh_db) == 0


def test_pulled_photo_notes_a_missing_blob(store):
    sha = "ab" * 32
    local.apply_page(store, [("place", server_place("p1"))], 1)
    local.apply_page(
        store,
        [
            ("visit", {"id": "v1", "version": 1, "place_id": "p1", "visited_on": "2026-09-01"}),
            ("photo", {"id": "ph1", "version": 1, "visit_id": "v1", "blob": sha}),
        ],
        2,
    )
    row = store.conn.execute("SELECT present, uploaded FROM blobs WHERE sha256 = ?", (sha,))
    assert tuple(row.fetchone()) == (0, 1)
    assert not blob_file(store.home, sha).exists()


@pytest.mark.parametrize(
    "blob", ["../../../../etc/passwd-" + "0" * 40, "AB" * 32, "ab" * 32 + "\n", "ab" * 31, 7]
)
def test_a_pulled_photo_whose_hash_is_not_a_sha256_is_refused_with_the_reason(store, blob):
    """The client built the file's path from the pulled hash without checking it."""
    good = "cd" * 32
    local.apply_page(store, [("place", server_place("p1"))], 1)
    visit = {"id": "v1", "version": 1, "place_id": "p1", "visited_on": "2026-09-01"}
    result = local.apply_page(
        store,
        [
            ("visit", visit),
            ("photo", {"id": "bad", "version": 1, "visit_id": "v1", "blob": blob}),
            ("photo", {"id": "ok", "version": 1, "visit_id": "v1", "blob": good}),
        ],
        2,
    )
    [why] = result.refused
    assert "bad" in why and "not a sha256" in why and "not written" in why
    assert [r[0] for r in store.conn.execute("SELECT id FROM photos")] == ["ok"]
    assert [r[0] for r in store.conn.execute("SELECT sha256 FROM blobs")] == [good]
    assert local.cursor(store) == 2  # the rest of the page went in
    with pytest.raises(SyncError) as bad_path:
        blob_file(store.home, str(blob))
    assert bad_path.value.code == "bad_blob_hash"


def test_a_pulled_photo_number_out_of_range_is_refused(store):
    local.apply_page(store, [("place", server_place("p1"))], 1)
    visit = {"id": "v1", "version": 1, "place_id": "p1", "visited_on": "2026-09-01"}
    photo = {"id": "big", "version": 1, "visit_id": "v1", "blob": "cd" * 32, "width": 2**64}
    result = local.apply_page(store, [("visit", visit), ("photo", photo)], 2)
    assert len(result.refused) == 1 and "width" in result.refused[0]
    assert store.conn.execute("SELECT count(*) FROM photos").fetchone()[0] == 0


def test_tombstone_from_server_hides_record(fresh_db):
    local.apply_page(fresh_db, [("place", server_place("p1"))], 1)
    local.apply_page(fresh_db, [("place", server_place("p1", 2, deleted=True))], 2)
    assert fresh_db.get("place", "p1") is None
    assert fresh_db.get("place", "p1", include_deleted=True)["version"] == 2


def _conflict(fresh_db):
    local.apply_page(fresh_db, [("place", server_place("p1", 3, name="Theirs"))], 3)
    c = ConflictInfo(
        id="c1",
        kind="place",
        record_id="p1",
        server_version=3,
        mine={"name": "Mine"},
        theirs={"name": "Theirs"},
        base={"name": "Old"},
    )
    local.apply_page(fresh_db, [], 3, [c, c])
    return c


def test_resolve_conflict_is_an_edit_that_syncs(fresh_db):
    _conflict(fresh_db)
    assert fresh_db.conflict_count() == 1
    [conflict] = fresh_db.open_conflicts()
    assert conflict["mine"] == {"name": "Mine"} and conflict["server_version"] == 3
    local.resolve_conflict(fresh_db, "c1", {"name": "Merged"})
    assert fresh_db.conflict_count() == 0
    [entry] = local.outbox_batch(fresh_db, 5)
    assert (entry.op, entry.base_version, entry.fields) == ("update", 3, {"name": "Merged"})
    assert [cid for cid, _ in local.unsent_resolutions(fresh_db)] == ["c1"]
    local.resolution_sent(fresh_db, "c1")
    assert local.unsent_resolutions(fresh_db) == []


def test_resolve_conflict_bad_input_changes_nothing(fresh_db):
    _conflict(fresh_db)
    with pytest.raises(NotFoundError):
        local.resolve_conflict(fresh_db, "nope", {"name": "x"})
    with pytest.raises(ValidationError) as err:
        local.resolve_conflict(fresh_db, "c1", {"colour": "red"})
    assert err.value.code == "unknown_field"
    with pytest.raises(ValidationError):
        local.resolve_conflict(fresh_db, "c1", {"name": "   "})  # a place needs a name
    assert fresh_db.conflict_count() == 1 and fresh_db.outbox_count() == 0
    local.resolve_conflict(fresh_db, "c1", {"name": "Theirs"})  # keep theirs: no edit
    assert fresh_db.outbox_count() == 0 and fresh_db.conflict_count() == 0
    with pytest.raises(ValidationError) as err:
        local.resolve_conflict(fresh_db, "c1", {"name": "again"})
    assert err.value.code == "conflict_resolved"


def test_resolve_delete_race_by_keeping_the_record(fresh_db):
    local.apply_page(fresh_db, [("place", server_place("p1", 4, deleted=True))], 4)
    c = ConflictInfo("c2", "place", "p1", 4, {"name": "Mine"}, {"deleted": True})
    local.apply_page(fresh_db, [], 4, [c])
    local.resolve_conflict(fresh_db, "c2", {"deleted": False, "name": "Mine"})
    assert fresh_db.require("place", "p1")["name"] == "Mine"
    assert [e.op for e in local.outbox_batch(fresh_db, 5)] == ["restore", "update"]


def test_outbox_entry_fields_are_json(fresh_db):
    p = fresh_db.create_place(name="A", postcode="35000", tags=["x"])
    e = local.outbox_batch(fresh_db, 1)[0]
    assert isinstance(e, OutboxEntry) and e.record_id == p["id"]
    assert json.loads(json.dumps(e.fields))["tags"] == ["x"]


def test_resolve_by_keeping_the_delete_ignores_other_values(fresh_db):
    local.apply_page(fresh_db, [("place", server_place("p1", 4, name="Edited"))], 4)
    c = ConflictInfo("c3", "place", "p1", 4, {"deleted": True}, {"deleted": False})
    local.apply_page(fresh_db, [], 4, [c])
    local.resolve_conflict(fresh_db, "c3", {"deleted": True, "name": "Edited"})
    assert fresh_db.get("place", "p1") is None
    assert [e.op for e in local.outbox_batch(fresh_db, 5)] == ["delete"]


def test_rejected_op_leaves_the_outbox_but_is_kept(fresh_db):
    local.apply_page(fresh_db, [("place", server_place("p1", 1, name="Server"))], 1)
    fresh_db.update("place", "p1", {"name": "Refused"})
    local.apply_page(fresh_db, [("place", server_place("p1", 2, name="Newer"))], 2)
    [entry] = local.outbox_batch(fresh_db, 5)
    local.reject(fresh_db, entry, "update of place p1: not allowed")
    assert fresh_db.outbox_count() == 0
    [kept] = local.rejected_ops(fresh_db)
    assert kept["fields"] == {"name": "Refused"} and "not allowed" in kept["message"]
    # The server's state, set aside while the row was dirty, comes back.
    row = fresh_db.require("place", "p1")
    assert (row["name"], row["version"], row["dirty"]) == ("Newer", 2, False)
    local.dismiss_rejected(fresh_db, kept["op_id"])
    assert local.rejected_ops(fresh_db) == []


def test_sync_writes_leave_the_search_index_alone_unless_text_changes(fresh_db):
    """Version/dirty writes (every push answer) do not touch a row's index entry; a pulled
    text change does."""
    p = fresh_db.create_place(name="Atelier partagé", postcode="35000")
    [entry] = local.outbox_batch(fresh_db, 1)
    fresh_db.create_place(name="Autre lieu", postcode="35000")  # a later entry

    before = index_structure(fresh_db, "places")
    server_state = {**fresh_db.require("place", p["id"]), "version": 1, "tags": []}
    local.acknowledge(fresh_db, entry, version=1, record=server_state)
    assert index_structure(fresh_db, "places") == before  # same text: index untouched
    local.apply_page(fresh_db, [("place", {**server_state, "version": 2, "name": "Fablab"})], 2)
    assert index_structure(fresh_db, "places") != before
    assert [h.id for h in fresh_db.search("fablab")] == [p["id"]]
    assert fresh_db.search("atelier") == []
    local.apply_page(fresh_db, [("place", {**server_state, "version": 3, "deleted": True})], 3)
    assert fresh_db.search("fablab") == []
    assert_search_indexes_match(fresh_db)


def test_an_index_made_by_an_old_version_is_made_again_by_the_upgrade(tmp_path):
    from fieldkit.store import Store, connect, migrate

    conn = connect(tmp_path / "old.db")
    migrate(conn, target=2)
    conn.execute(
        "INSERT INTO places(id, created_at, updated_at, name, kind, description) "
        "VALUES ('p1', 'x', 'x', 'Le Bocal', 'other', 'coworking rural')"
    )
    store = Store(conn, user="u")  # upgrades to the latest migration
    assert [h.id for h in store.search("bocal")] == ["p1"]
    store.update("place", "p1", {"name": "La Ruche"})
    assert [h.id for h in store.search("ruche")] == ["p1"] and store.search("bocal") == []
    store.close()


def test_base_is_left_out_only_when_it_is_the_servers(fresh_db):
    local.apply_page(fresh_db, [("place", server_place("p1", 3, name="Server"))], 3)
    fresh_db.update("place", "p1", {"name": "First"})
    fresh_db.claim_outbox()  # the first edit is on the wire: the second gets its own entry
    fresh_db.update("place", "p1", {"name": "Second"})
    first, second = local.outbox_batch(fresh_db, 5)
    assert local.base_is_servers(fresh_db, first, set())
    # The second edit was made on top of the first: its base is local, it must go.
    assert not local.base_is_servers(fresh_db, second, set())
    assert not local.base_is_servers(fresh_db, first, {("place", "p1")})
    local.acknowledge(fresh_db, first, version=4)  # answered while the second waits
    assert not local.base_is_servers(fresh_db, second, set())
    local.acknowledge(fresh_db, second, version=5)
    fresh_db.update("place", "p1", {"name": "Third"})
    [third] = local.outbox_batch(fresh_db, 5)
    assert third.base_version == 5 and local.base_is_servers(fresh_db, third, set())
    p = fresh_db.create_place(name="New", postcode="35000")
    [create] = [e for e in local.outbox_batch(fresh_db, 5) if e.record_id == p["id"]]
    assert not local.base_is_servers(fresh_db, create, set())


def test_own_changes_are_not_pulled_back_unless_someone_wrote_in_between(fresh_db):
    local.apply_page(fresh_db, [], 10)
    assert not local.skip_own_changes(fresh_db, 10, [12, 13])  # 11 is someone else's
    assert local.cursor(fresh_db) == 10
    assert not local.skip_own_changes(fresh_db, 10, [])
    assert local.skip_own_changes(fresh_db, 10, [9, 11, 12, 12])  # 9: an older state
    assert local.cursor(fresh_db) == 12
    assert not local.skip_own_changes(fresh_db, 10, [11])  # the cursor moved meanwhile


def test_a_pulled_page_indexes_its_new_rows_for_search_in_bulk(fresh_db):
    """New rows of a page skip the per-row insert trigger and are indexed in one statement;
    the result is the same index (search finds them, the index matches the tables, a later edit
    replaces the entry, a tombstone stays out), and a person's own create still indexes
    through the trigger."""
    page = [
        ("place", server_place("p1", name="Fablab des Capucins", commune="Brest")),
        ("place", server_place("p2", name="Gone", deleted=True)),
        (
            "visit",
            {
                "id": "v1",
                "version": 1,
                "deleted": False,
                "place_id": "p1",
                "visited_on": "2026-10-01",
                "notes": "Découpe laser et équipe bénévole",
                "tags": [],
            },
        ),
    ]
    local.apply_page(fresh_db, page, 3)
    assert [h.id for h in fresh_db.search("capucins")] == ["p1"]
    assert [h.id for h in fresh_db.search("equipe benevole")] == ["v1"]
    assert fresh_db.search("gone") == []
    assert_search_indexes_match(fresh_db)  # p1 and v1; the tombstone p2 stays out
    assert (
        fresh_db.conn.execute("SELECT * FROM sync_state WHERE key = 'fts_deferred'").fetchall()
        == []
    )
    local.apply_page(fresh_db, [("place", server_place("p1", 2, name="Atelier du port"))], 4)
    assert fresh_db.search("capucins") == [] and [h.id for h in fresh_db.search("port")] == ["p1"]
    mine = fresh_db.create_place(name="Tiers-lieu rural", postcode="35000")
    assert [h.id for h in fresh_db.search("rural")] == [mine["id"]]
    # A pulled interview is found by the person's name, as one typed here is.
    interview = {
        "id": "i1",
        "version": 1,
        "deleted": False,
        "visit_id": "v1",
        "person_name": "Claire Lefèvre",
        "role": "manager",
        "notes": "",
        "quotes": "",
    }
    local.apply_page(fresh_db, [("interview", interview)], 5)
    assert [h.id for h in fresh_db.search("lefevre")] == ["i1"]


def test_a_page_of_answers_takes_the_servers_stamps_and_its_changed_values(fresh_db):
    """acknowledge_batch: an answer that only stamps the row (version, who, when) is
    written without touching the content or its search entry; an answer whose content
    differs (the server merged someone else's edit) writes those columns, search included;
    a row no longer here is left to the one-by-one path."""
    same = fresh_db.create_place(name="Le Bocal", postcode="35000")
    merged = fresh_db.create_place(name="La Forge", postcode="35000")
    gone = fresh_db.create_place(name="Parti", postcode="35000")
    entries = {e.record_id: e for e in local.outbox_batch(fresh_db, 10)}

    def answer(row, **changes):
        record = {f: row[f] for f in ("name", "kind", "postcode", "departement", "region")}
        record.update(
            id=row["id"],
            version=1,
            deleted=False,
            tags=[],
            created_by="agent-bzh",
            updated_by="agent-bzh",
            created_at="2026-12-01T05:00:00.000Z",
            updated_at="2026-12-01T05:00:00.000Z",
        )
        record.update(changes)
        return record

    fresh_db.conn.execute("DELETE FROM places WHERE id = ?", (gone["id"],))
    with fresh_db.transaction():
        changes, slow = local.acknowledge_batch(
            fresh_db,
            [
                (entries[same["id"]], 1, answer(same)),
                (entries[merged["id"]], 1, answer(merged, name="La Forge du Lac")),
                (entries[gone["id"]], 1, answer(gone)),
            ],
        )
    assert [e.record_id for e in slow] == [gone["id"]]
    assert {c.id for c in changes} == {same["id"], merged["id"]}
    for pid, name in ((same["id"], "Le Bocal"), (merged["id"], "La Forge du Lac")):
        row = fresh_db.require("place", pid)
        assert (row["name"], row["version"], row["dirty"]) == (name, 1, False)
        assert row["updated_at"] == "2026-12-01T05:00:00.000Z"
    assert [h.id for h in fresh_db.search("Lac")] == [merged["id"]]
    assert [h.id for h in fresh_db.search("Bocal")] == [same["id"]]
    assert fresh_db.outbox_count() == 1  # the missing row's entry waits for its own path


def test_records_made_ready_ahead_are_written_as_plain_ones(clock):
    """The pull makes each record's new row on its fetching thread (local.prepare_pulled):
    the rows written, and what search finds, are those of the plain records; a prepared
    record whose row is here already is written as an update, its prepared row unused."""
    from fieldkit.store import Store

    place = server_place("p-1", tags=["fablab", "café"], description="Atelier vélo")
    visit = {
        "id": "v-1",
        "version": 1,
        "place_id": "p-1",
        "visited_on": "2026-10-02",
        "summary": "Première visite",
        "notes": "Rencontre avec l'équipe",
        "tags": ["accueil"],
        "created_at": "2026-10-02T08:00:00.000Z",
    }
    interview = {
        "id": "i-1",
        "version": 2,
        "visit_id": "v-1",
        "organisation": "Asso Vélo",
        "person_name": "Claire Lefèvre",
        "pseudonymise": True,
        "notes": "Très contente",
    }
    page = [("place", place), ("visit", visit), ("interview", interview)]
    stores = [Store.memory(clock=clock), Store.memory(clock=clock)]
    plain, ready = stores
    local.apply_page(plain, [(k, dict(r)) for k, r in page], 3)
    prepared = local.prepare_pulled([(k, dict(r)) for k, r in page], ready.now())
    assert all(isinstance(r, local.Pulled) and r.row for _, r in prepared)
    local.apply_page(ready, prepared, 3)
    for table in ("places", "visits", "interviews"):
        rows = [[dict(r) for r in s.conn.execute(f"SELECT * FROM {table}")] for s in stores]
        assert rows[0] == rows[1] and len(rows[0]) == 1
    for s in stores:
        assert [h.id for h in s.search("lefevre")] == ["i-1"]
        assert [h.id for h in s.search("equipe")] == ["v-1"]
    # Already here: the record's values are written, not its prepared (new-row) values.
    again = local.prepare_pulled([("place", server_place("p-1", version=2, name="Renommé"))], "")
    local.apply_page(ready, again, 4)
    row = ready.get("place", "p-1")
    assert row["name"] == "Renommé" and row["version"] == 2
    assert [h.id for h in ready.search("renomme")] == ["p-1"]
    for s in stores:
        s.close()
