"""Databases left by earlier FieldKits open, upgrade, and keep every record.

The files in tests/old_stores/ were made by the code of those versions
(tests/old_stores/make_old_stores.py) and are committed: they are what people have on
their disks, so they are never regenerated from newer code.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldkit.paths import Home
from fieldkit.store import SCHEMA_VERSION, Store
from fieldkit.store.migrations import COMMUNE_MIGRATION
from tests.search_checks import assert_search_indexes_match

OLD_STORES = Path(__file__).resolve().parent / "old_stores"
VERSIONS = (3, 5, 8)

# Tables people's data lives in, and what identifies a row in each.
KEYS = {
    "places": ("id",),
    "visits": ("id",),
    "interviews": ("id",),
    "photos": ("id",),
    "blobs": ("sha256",),
    "derivatives": ("sha256", "kind"),
    "outbox": ("op_id",),
    "sync_state": ("key",),
    "conflicts": ("id",),
    "settings": ("key",),
    "erasures": ("kind", "record_id"),
    "record_journal": ("kind", "record_id"),
}
# The upgrade to commune codes resolves existing places (an edit that syncs).
COMMUNE_EDIT = {"commune_insee", "departement", "region", "updated_at", "updated_by", "dirty"}


def snapshot(path: Path) -> dict[str, dict[tuple, dict]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    out = {}
    for table, key in KEYS.items():
        if table in tables:
            out[table] = {
                tuple(r[k] for k in key): dict(r) for r in conn.execute(f"SELECT * FROM {table}")
            }
    conn.close()
    return out


def opened_copy(tmp_path: Path, version: int) -> tuple[Home, dict[str, dict[tuple, dict]]]:
    home = Home(tmp_path / f"home-v{version}").ensure()
    shutil.copy(OLD_STORES / f"v{version}.db", home.db_path)
    return home, snapshot(home.db_path)


@pytest.mark.parametrize("version", VERSIONS)
def test_an_old_database_upgrades_with_every_record_intact(tmp_path: Path, version: int) -> None:
    home, before = opened_copy(tmp_path, version)
    assert before["places"] and before["outbox"] and before["conflicts"] and before["photos"]
    with Store.open(home) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    after = snapshot(home.db_path)
    resolved = version < COMMUNE_MIGRATION
    for table, rows in before.items():
        for key, row in rows.items():
            assert key in after[table], f"{table} {key} lost in the upgrade from v{version}"
            now = after[table][key]
            for column, value in row.items():
                if resolved and table == "places" and column in COMMUNE_EDIT:
                    continue
                if resolved and table == "outbox" and column in ("fields", "base", "created_at"):
                    continue  # the places' unsent entries took their new code (folded)
                assert now[column] == value, (table, key, column)
        if not (resolved and table in ("places", "outbox")):
            assert len(after[table]) == len(rows), table


@pytest.mark.parametrize("version", VERSIONS)
def test_an_upgraded_database_reads_searches_and_takes_edits(tmp_path: Path, version: int) -> None:
    home, _ = opened_copy(tmp_path, version)
    with Store.open(home) as store:
        names = {p["name"] for p in store.places()}
        assert names == {
            "La Fabrique à Béziers",
            "Tiers-lieu L'Établi",
            "Café-atelier des Cévennes",
            "Le Hangar numérique",
        }
        beziers = next(p for p in store.places() if p["commune"] == "Béziers")
        assert beziers["commune_insee"] == "34032"
        assert beziers["tags"] == ["numérique", "réemploi"]
        [visit] = store.visits(place_id=beziers["id"])
        assert [i["person_name"] for i in store.interviews(visit["id"])] == [
            "Claire Lefèvre",
            "Éric Müller",
        ]
        assert [p["caption"] for p in store.photos(visit["id"])] == [
            "L'atelier vélo, côté rue",
            "Atelier",
            "Atelier",
        ]
        assert store.conflict_count() == 1
        # Search, accents folded, over what the old version indexed and over the
        # interviewees' names (indexed from version 6 on: the upgrade indexes them).
        assert {h.title for h in store.search("equipe")} >= {"La Fabrique à Béziers"}
        assert {h.id for h in store.search("lefevre claire")} == {
            i["id"] for i in store.interviews(visit["id"]) if i["person_name"] == "Claire Lefèvre"
        }
        assert [h.kind for h in store.search("kerherve")] == ["interview"]
        assert store.search("a revoir") == []  # the tombstoned visit stays out
        # Each index holds exactly one entry per live searchable record, with its words.
        assert_search_indexes_match(store)
        # An edit after the upgrade: indexed, queued, folded into the unsent entry.
        pending = store.outbox_count()
        store.update("place", beziers["id"], {"description": "Repair café le samedi"})
        assert store.outbox_count() == pending
        assert [h.id for h in store.search("repair samedi")] == [beziers["id"]]
        assert store.search("benevole", kinds=["place"]) == []


def test_a_database_newer_than_the_code_is_refused_untouched(tmp_path: Path) -> None:
    from fieldkit.errors import SchemaError

    home, before = opened_copy(tmp_path, 8)
    conn = sqlite3.connect(home.db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaError) as caught:
        Store.open(home)
    assert caught.value.code == "schema_too_new"
    assert snapshot(home.db_path) == before


def test_migration_scripts_make_the_schema_sqlite_utils_makes_of_them(tmp_path: Path) -> None:
    """The migrations' SQL runs statement by statement through ``_script`` (fast), and the
    schema is the one sqlite-utils' own ``executescript`` makes of the same scripts."""
    import fieldkit.store.migrations as migrations
    from fieldkit.store import connect

    def schema(path: Path) -> list[tuple[str, ...]]:
        conn = sqlite3.connect(path)
        try:
            return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        finally:
            conn.close()

    fast = connect(tmp_path / "fast.db")
    migrations.migrate(fast)
    fast.close()
    slow = connect(tmp_path / "slow.db")
    original = migrations._script
    migrations._script = lambda db, sql: db.executescript(sql)
    try:
        migrations.migrate(slow)
    finally:
        migrations._script = original
        slow.close()
    assert schema(tmp_path / "fast.db") == schema(tmp_path / "slow.db")


def test_a_script_is_split_where_its_statements_end(tmp_path: Path) -> None:
    """A ``;`` in a string, a comment or a trigger body does not end a statement; a last
    statement needs none."""
    import sqlite_utils

    from fieldkit.store.migrations import _script

    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "s.db"))
    _script(
        db,
        """
        -- a comment; with a semicolon
        CREATE TABLE t (a TEXT); CREATE TABLE log (a TEXT);
        CREATE TRIGGER t_log AFTER INSERT ON t BEGIN
            INSERT INTO log VALUES ('x;y'); INSERT INTO log VALUES (new.a);
        END;
        INSERT INTO t VALUES ('a;b');;
        INSERT INTO t VALUES ('last')
        """,
    )
    assert [r[0] for r in db.execute("SELECT a FROM t")] == ["a;b", "last"]
    assert [r[0] for r in db.execute("SELECT a FROM log")] == ["x;y", "a;b", "x;y", "last"]


def test_the_local_deny_list_is_keyed_by_kind_and_id_after_the_upgrade(tmp_path: Path) -> None:
    """The last migration keeps every erasure row and its kind, then takes a second kind
    of an id already listed (the old key, id alone, refused it)."""
    from fieldkit.store.migrations import migrate

    conn = sqlite3.connect(tmp_path / "store.db")
    migrate(conn, SCHEMA_VERSION - 1)
    insert = (
        "INSERT INTO erasures(kind, record_id, erased_by, erased_at, origin, requested, sent, "
        "status) VALUES (?, 'shared', 'claire', '2026-12-01', 'here', 1, 1, 'erased: ok')"
    )
    conn.execute(insert, ("place",))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(insert, ("visit",))
    conn.commit()
    migrate(conn)
    conn.execute(insert, ("visit",))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(insert, ("visit",))
    rows = conn.execute("SELECT * FROM erasures ORDER BY kind").fetchall()
    assert rows == [
        ("place", "shared", "claire", "2026-12-01", "here", 1, 1, "erased: ok"),
        ("visit", "shared", "claire", "2026-12-01", "here", 1, 1, "erased: ok"),
    ]
    conn.close()
