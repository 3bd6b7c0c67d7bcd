"""The search indexes (one external-content FTS5 index per kind, migration
``_m_search_per_kind``): kept in step with their tables by every kind of write, holding no
second copy of the text, rebuilt when rowids change."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldkit import erasure
from fieldkit.paths import Home
from fieldkit.store import Change, Store
from fieldkit.sync import local
from tests.search_checks import assert_search_indexes_match

WORDS = ["atelier", "équipe", "fablab", "réemploi", "vélo", "café"]


def _server_visit(rid: str, place_id: str, version: int, notes: str, deleted: bool = False):
    return {
        "id": rid,
        "version": version,
        "deleted": deleted,
        "place_id": place_id,
        "visited_on": "2026-10-01",
        "notes": notes,
        "tags": [],
    }


_OPS = st.lists(
    st.tuples(
        st.sampled_from(["create", "edit", "edit_title", "delete", "restore", "pull", "hard"]),
        st.integers(0, 5),
        st.sampled_from(WORDS),
    ),
    max_size=25,
)


@settings(max_examples=30, deadline=None)
@given(_OPS)
def test_every_kind_of_write_keeps_the_indexes_in_step(tmp_path_factory, ops):
    """Edits typed here (searched and other fields), deletions, restores, pulled pages of
    new and changed rows (indexed in bulk), rows deleted outright: after each, every index
    matches its table, and a word finds exactly the live visits whose notes hold it."""
    home = Home(tmp_path_factory.mktemp("search")).ensure()
    with Store.open(home, user="agent") as store:
        place = store.create_place(name="Le Bocal", postcode="35000")
        visits: list[str] = []
        cursor = 0
        for action, n, word in ops:
            target = visits[n % len(visits)] if visits else None
            row = store.get("visit", target, include_deleted=True) if target else None
            live = row is not None and not row["deleted"]
            if action == "create" or target is None or row is None:
                visits.append(
                    store.create_visit(place["id"], visited_on="2026-10-01", notes=word)["id"]
                )
            elif action == "edit" and live:
                store.update("visit", target, {"notes": f"{word} encore"})
            elif action == "edit_title" and live:
                store.update("visit", target, {"summary": f"{word} résumé"})
            elif action == "delete" and live:
                store.delete("visit", target)
            elif action == "restore" and not live:
                store.restore([Change("visit", target, "delete")])
            elif action == "pull":
                cursor += 1
                new_id = f"pulled-{cursor}"
                page = [("visit", _server_visit(new_id, place["id"], 1, f"{word} pulled"))]
                if not row["dirty"] and not local.has_unsent_changes(store, "visit", target):
                    page.append(
                        ("visit", _server_visit(target, place["id"], row["version"] + 1, word))
                    )
                local.apply_page(store, page, cursor)
                visits.append(new_id)
            elif action == "hard":
                with store.transaction():
                    store.conn.execute("DELETE FROM interviews WHERE visit_id = ?", (target,))
                    store.conn.execute("DELETE FROM photos WHERE visit_id = ?", (target,))
                    store.conn.execute("DELETE FROM visits WHERE id = ?", (target,))
                visits.remove(target)
            assert_search_indexes_match(store)
        for word in WORDS:
            expected = {
                r[0]
                for r in store.conn.execute(
                    "SELECT id FROM visits WHERE deleted = 0 AND (notes LIKE ? OR summary LIKE ?)",
                    (f"%{word}%", f"%{word}%"),
                )
            }
            found = {h.id for h in store.search(word, limit=500, kinds=["visit"])}
            assert found == expected, word


def _file_bytes(store: Store, path: Path) -> bytes:
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def test_a_searched_text_is_stored_once(tmp_path):
    """The index holds tokens, not a copy of the text: a pulled person's name and note are
    in the file once (the single index before kept a second copy of every searched text;
    a record typed here has one more in its outbox entry until it is sent)."""
    home = Home(tmp_path).ensure()
    with Store.open(home, user="agent") as store:
        place = {"id": "p1", "version": 1, "name": "Le Bocal", "postcode": "35000", "tags": []}
        visit = _server_visit("v1", "p1", 1, "Compte rendu QxWvz-Unique du jour")
        interview = {"id": "i1", "version": 1, "visit_id": "v1", "notes": "Entretien"}
        interview["person_name"] = "Zoé Kerjean-Quéré"
        local.apply_page(store, [("place", place), ("visit", visit), ("interview", interview)], 3)
        assert [h.id for h in store.search("qxwvz")] == ["v1"]
        assert [h.kind for h in store.search("kerjean")] == ["interview"]
        data = _file_bytes(store, home.db_path)
        assert data.count(b"QxWvz-Unique") == 1
        assert data.count("Zoé Kerjean-Quéré".encode()) == 1
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert not {n for n in names if n.endswith("_content")}


def test_indexes_are_rebuilt_when_rows_are_numbered_anew(fresh_db: Store):
    """The indexes follow rowids; rows numbered anew (as a VACUUM may do) leave them
    pointing at other rows until ``rebuild_search``, which an erasure's wipe runs."""
    place = fresh_db.create_place(name="Le Bocal", postcode="35000")
    first = fresh_db.create_visit(place["id"], visited_on="2026-10-01", notes="atelier vélo")
    second = fresh_db.create_visit(place["id"], visited_on="2026-10-02", notes="café associatif")
    with fresh_db.transaction():
        fresh_db.conn.execute("UPDATE visits SET rowid = rowid + 100")
    hits = fresh_db.search("velo")
    assert [h.id for h in hits] != [first["id"]]  # the entry now points nowhere
    fresh_db.rebuild_search()
    assert_search_indexes_match(fresh_db)
    assert [h.id for h in fresh_db.search("velo")] == [first["id"]]
    assert [h.id for h in fresh_db.search("cafe")] == [second["id"]]


class RenumberingVacuum:
    """The store's connection, whose VACUUM numbers the visits anew, as SQLite says a
    VACUUM may (today's keeps rowids)."""

    def __init__(self, conn) -> None:
        self._conn = conn

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def execute(self, sql, *args):
        result = self._conn.execute(sql, *args)
        if sql.strip().upper() == "VACUUM":
            self._conn.execute("UPDATE visits SET rowid = rowid + 1000")
        return result


def test_a_vacuum_that_numbers_rows_anew_rebuilds_the_indexes(fresh_db: Store):
    place = fresh_db.create_place(name="Le Bocal", postcode="35000")
    visit = fresh_db.create_visit(place["id"], visited_on="2026-10-01", notes="atelier vélo")
    fresh_db.vacuum()  # rowids kept: nothing to rebuild
    assert [h.id for h in fresh_db.search("velo")] == [visit["id"]]
    fresh_db.conn = RenumberingVacuum(fresh_db.conn)  # type: ignore[assignment]
    fresh_db.vacuum()
    assert_search_indexes_match(fresh_db)
    assert [h.id for h in fresh_db.search("velo")] == [visit["id"]]


def test_a_wipe_after_an_erasure_leaves_the_indexes_in_step(tmp_path):
    """An erasure deletes the row and wipes the file (optimize, VACUUM, rebuild): the
    indexes match their tables and the erased words are nowhere in the file."""
    home = Home(tmp_path).ensure()
    with Store.open(home, user="agent") as store:
        place = store.create_place(name="Le Bocal", postcode="35000")
        keep = store.create_visit(place["id"], visited_on="2026-10-01", notes="atelier vélo")
        gone = store.create_visit(place["id"], visited_on="2026-10-02", notes="Mot-Secret")
        assert erasure.erase(store, "visit", gone["id"]).bytes_wiped  # row gone, bytes wiped
        assert_search_indexes_match(store)
        assert store.search("secret") == []
        assert [h.id for h in store.search("velo")] == [keep["id"]]
        assert b"secret" not in _file_bytes(store, home.db_path).lower()


def test_bulk_rows_numbered_out_of_order_are_indexed_too(fresh_db: Store):
    """Past the largest rowid SQLite numbers new rows at random: a bulk insert then finds
    its rows by id to index them."""
    with fresh_db.transaction():
        fresh_db.conn.execute(
            "INSERT INTO places(rowid, id, created_at, updated_at, name, kind) "
            "VALUES (9223372036854775807, 'last', 'x', 'x', 'Le dernier', 'other')"
        )  # indexed by the insert trigger
    page = [
        ("place", {"id": f"p{i}", "version": 1, "name": f"Fablab numéro {i}", "tags": []})
        for i in range(5)
    ]
    local.apply_page(fresh_db, page, 5)
    assert {h.id for h in fresh_db.search("fablab")} == {f"p{i}" for i in range(5)}
    assert_search_indexes_match(fresh_db)


def test_the_best_match_of_each_kind_comes_first(fresh_db: Store):
    """Each kind is ranked in its own index, whose size weighs a word differently: hits
    are merged by relevance within their kind, so the place named « Fablab » leads, and
    its visits reach the visit list, however many interviews mention the word."""
    place = fresh_db.create_place(name="Fablab des Capucins", postcode="29200")
    other = fresh_db.create_place(name="Le Bocal", postcode="29200")
    visit = fresh_db.create_visit(other["id"], visited_on="2026-10-01", notes="Rien à signaler")
    for i in range(40):
        fresh_db.create_interview(
            visit["id"], organisation=f"Association {i}", notes=f"Travaille au fablab, {i} ans."
        )
    for i in range(400):
        fresh_db.create_interview(visit["id"], organisation=f"Autre {i}", notes="Sans rapport.")
    hits = fresh_db.search("fablab", limit=10)
    assert hits[0].kind == "place" and hits[0].id == place["id"]
    assert [h.kind for h in hits[1:]] == ["interview"] * 9
