"""The store on sqlite-utils: bulk creation, migrations with transform(), the CLI on a copy."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from fieldkit.errors import SchemaError, ValidationError
from fieldkit.paths import Home
from fieldkit.store import Store, migrations
from fieldkit.store.store import connect


def outbox_without_ids(store: Store) -> list[tuple]:
    return [
        (e["kind"], e["record_id"], e["op"], e["base_version"], e["fields"], e["base"])
        for e in store.outbox()
    ]


def rows(store: Store, table: str) -> list[dict]:
    return [dict(r) for r in store.conn.execute(f"SELECT * FROM {table} ORDER BY id")]


def test_create_many_writes_what_create_writes(clock) -> None:
    """Rows, outbox entries and search entries of a bulk creation are those of create()."""
    places = [
        ("p1", {"name": "La Fabrique à Béziers", "postcode": "34500", "commune": "Béziers"}),
        ("p2", {"name": "Tiers-lieu L'Établi", "kind": "coworking", "tags": ["numérique"]}),
    ]
    visits = [("v1", {"place_id": "p1", "visited_on": "2026-02-10", "notes": "L'équipe"})]
    interviews = [
        ("i1", {"visit_id": "v1", "person_name": "Claire Lefèvre", "pseudonymise": True}),
        ("i2", {"visit_id": "v1", "person_name": "Éric", "consent": "given"}),
    ]
    one_by_one = Store.memory(clock=clock)
    in_bulk = Store.memory(clock=clock)
    for kind, items in (("place", places), ("visit", visits), ("interview", interviews)):
        made = [one_by_one.create(kind, fields, record_id=rid) for rid, fields in items]
        assert in_bulk.create_many(kind, items) == made
    for table in ("places", "visits", "interviews"):
        assert rows(in_bulk, table) == rows(one_by_one, table)
    assert outbox_without_ids(in_bulk) == outbox_without_ids(one_by_one)
    for text in ("equipe", "lefevre", "beziers", "etabli"):
        assert [h.id for h in in_bulk.search(text)] == [h.id for h in one_by_one.search(text)]
        assert in_bulk.search(text)
    # The triggers are back in charge afterwards: a later edit is indexed by them.
    in_bulk.update("place", "p2", {"description": "Atelier vélo"})
    assert [h.id for h in in_bulk.search("velo")] == ["p2"]
    assert in_bulk.conn.execute("SELECT count(*) FROM sync_state").fetchone()[0] == 0


def test_create_many_refuses_a_bad_record_and_writes_nothing(fresh_db) -> None:
    fresh_db.create("place", {"name": "Déjà là"}, record_id="p0")
    before = fresh_db.outbox_count()
    with pytest.raises(ValidationError) as caught:
        fresh_db.create_many("place", [("p1", {"name": "Bon"}), ("p2", {"name": "  "})])
    assert caught.value.code == "empty_name"
    with pytest.raises(ValidationError) as caught:
        fresh_db.create_many("place", [("p1", {"name": "Bon"}), ("p0", {"name": "Autre"})])
    assert caught.value.code == "duplicate_id"
    with pytest.raises(ValidationError) as caught:
        fresh_db.create_many("place", [("p1", {"name": "Bon"}), ("p1", {"name": "Autre"})])
    assert caught.value.code == "duplicate_id"
    with pytest.raises(ValidationError) as caught:
        fresh_db.create_many("visit", [("v1", {"place_id": "nope", "visited_on": "2026-01-01"})])
    assert caught.value.code == "missing_parent"
    assert [p["id"] for p in fresh_db.places()] == ["p0"]
    assert fresh_db.outbox_count() == before
    assert fresh_db.search("bon") == []


def test_create_many_joins_the_callers_transaction(fresh_db) -> None:
    """One user action stays one transaction: a failure after the bulk write undoes it."""
    with pytest.raises(RuntimeError), fresh_db.transaction():
        fresh_db.create_many("place", [(None, {"name": "Lieu un"}), (None, {"name": "Lieu deux"})])
        assert len(fresh_db.places()) == 2
        raise RuntimeError("the action fails later")
    assert fresh_db.places() == [] and fresh_db.outbox_count() == 0
    assert fresh_db.search("lieu") == []


def test_settings_round_trip_through_sqlite_utils(fresh_db) -> None:
    fresh_db.set_setting("retention", {"until": "2027-01-01", "names": ["Zoé"]})
    fresh_db.set_setting("retention", {"until": "2027-06-30"})
    assert fresh_db.get_setting("retention") == {"until": "2027-06-30"}
    assert fresh_db.get_setting("missing", "default") == "default"
    assert fresh_db.db.table("settings").count == 1


# -- migrations ----------------------------------------------------------------------------
def _mission(store: Store) -> tuple[str, str, str]:
    p = store.create_place(name="Le Bocal", postcode="29200", commune="Brest")
    v = store.create_visit(p["id"], visited_on="2026-10-01", notes="équipe soudée")
    i = store.create_interview(v["id"], person_name="Claire Lefèvre", notes="bénévoles")
    return p["id"], v["id"], i["id"]


def test_transform_in_a_migration_keeps_deferred_keys_triggers_and_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration that rebuilds a parent table (visits) with transform(): the children
    still point at it, its foreign key is still deferred, search still follows it."""
    path = tmp_path / "fieldkit.db"
    store = Store(connect(path))
    place_id, visit_id, interview_id = _mission(store)
    before = rows(store, "visits")
    store.close()

    def _m_visit_weather(db: sqlite_utils.Database) -> None:
        db.table("visits").add_column("weather", str, not_null_default="")
        migrations.transform(db, "visits", column_order=["id", "place_id", "visited_on"])
        db.table("visits").create_index(["weather"])

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _m_visit_weather])
    conn = connect(path)
    assert migrations.migrate(conn, target=len(migrations.MIGRATIONS)) == [
        len(migrations.MIGRATIONS)
    ]
    db = sqlite_utils.Database(conn)
    visits = db.table("visits")
    assert visits.columns_dict["weather"] is str
    assert [c.name for c in visits.columns][:3] == ["id", "place_id", "visited_on"]
    assert "DEFERRABLE INITIALLY DEFERRED" in visits.schema
    assert {t.name for t in visits.triggers} == {
        "visits_fts_insert",
        "visits_fts_update",
        "visits_fts_delete",
    }
    assert [{k: v for k, v in r.items() if k != "weather"} for r in visits.rows] == before
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()

    store = Store(connect(path), user="agent")
    # Search still follows the rebuilt table, through its triggers.
    assert [h.id for h in store.search("equipe")] == [visit_id]
    store.update("visit", visit_id, {"notes": "ateliers du samedi"})
    assert store.search("equipe") == [] and [h.id for h in store.search("samedi")] == [visit_id]
    # Still deferred: a child before its parent, in one transaction, is fine.
    with store.transaction():
        store.conn.execute(
            "INSERT INTO interviews(id, visit_id, created_at, updated_at) "
            "VALUES ('i-early', 'v-late', 'x', 'x')"
        )
        store.conn.execute(
            "INSERT INTO visits(id, place_id, visited_on, created_at, updated_at) "
            "VALUES ('v-late', ?, '2026-10-02', 'x', 'x')",
            (place_id,),
        )
    assert store.get("interview", interview_id)["visit_id"] == visit_id
    store.close()


def test_a_migration_that_breaks_references_is_refused_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fieldkit.db"
    store = Store(connect(path))
    _mission(store)
    version = migrations.schema_version(store.conn)
    store.close()

    def _m_lose_the_places(db: sqlite_utils.Database) -> None:
        db.table("places").add_column("note", str)
        db.execute("DELETE FROM places")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _m_lose_the_places])
    conn = connect(path)
    with pytest.raises(SchemaError) as caught:
        migrations.migrate(conn, target=len(migrations.MIGRATIONS))
    assert "would break 1 reference" in str(caught.value) and caught.value.code == "schema"
    assert migrations.schema_version(conn) == version
    assert conn.execute("SELECT count(*) FROM places").fetchone()[0] == 1
    assert "note" not in {r[1] for r in conn.execute("PRAGMA table_info(places)")}
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn.close()


# -- the ecosystem's tools -------------------------------------------------------------------
def sqlite_utils_cli(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_the_sqlite_utils_cli_reads_a_copy_of_a_mission(store, home: Home, tmp_path: Path) -> None:
    """What the README's « Explore your mission's data » shows, on a copy of the file."""
    _mission(store)
    copy = tmp_path / "mission-copy.db"
    # The README's way to copy a database in use: SQLite's backup, WAL content included.
    target = sqlite3.connect(copy)
    store.conn.backup(target)
    target.close()
    counts = {
        t["table"]: t["count"]
        for t in json.loads(sqlite_utils_cli("tables", str(copy), "--counts"))
    }
    assert {"places": 1, "visits": 1, "interviews": 1, "photos": 0, "outbox": 3}.items() <= (
        counts.items()
    )
    [place] = json.loads(sqlite_utils_cli("rows", str(copy), "places"))
    assert (place["name"], place["commune"], place["commune_insee"]) == (
        "Le Bocal",
        "Brest",
        "29019",
    )
    found = json.loads(
        sqlite_utils_cli(
            "query",
            str(copy),
            "select title from interviews_search where interviews_search match :q",
            "-p",
            "q",
            "lefevre",
        )
    )
    assert found == [{"title": ""}]


def _cli(home: Home, *args: str, env: dict[str, str] | None = None):
    from click.testing import CliRunner

    from fieldkit import encryption
    from fieldkit.cli import main

    encryption.forget_keys()
    return CliRunner().invoke(main, ["--home", str(home.root), *args], env=env)


def test_copy_db_copies_a_mission_in_use_for_the_sqlite_tools(
    store, home: Home, tmp_path: Path
) -> None:
    _mission(store)
    # An edit the app has committed but not yet checkpointed: it is in the WAL only.
    store.create_place(name="Dernier lieu saisi")
    assert Path(f"{home.db_path}-wal").stat().st_size > 0
    copy = tmp_path / "mission.db"
    result = _cli(home, "copy-db", str(copy))
    assert result.exit_code == 0, result.output
    assert "2 places, 1 visit, 1 interview, 0 photos" in result.stdout
    assert not copy.with_name("mission.db.part").exists()
    [last] = json.loads(
        sqlite_utils_cli("rows", str(copy), "places", "--where", "name like 'Dernier%'")
    )
    assert last["dirty"] == 1
    assert sqlite_utils.Database(copy).execute("PRAGMA user_version").fetchone()[0] == (
        migrations.schema_version(store.conn)
    )
    # The app goes on writing; the copy is a file of its own.
    store.create_place(name="Après la copie")
    assert sqlite_utils.Database(copy).table("places").count == 2
    # Never over an existing file; nothing is changed then.
    before = copy.read_bytes()
    result = _cli(home, "copy-db", str(copy))
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert copy.read_bytes() == before


def test_copy_db_of_an_encrypted_mission_is_clear_and_keeps_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldkit import encryption

    passphrase = "une phrase de passe assez longue"
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, passphrase)
    home = Home(tmp_path / "sealed").ensure()
    with Store.open(home, user="agent") as store:
        _mission(store)
    assert encryption.is_encrypted(home)
    copy = tmp_path / "clear.db"
    result = _cli(home, "copy-db", str(copy), env={encryption.PASSPHRASE_ENV: passphrase})
    assert result.exit_code == 0, result.output
    assert "NOT encrypted" in result.stderr
    assert copy.read_bytes().startswith(b"SQLite format 3")
    counts = {
        t["table"]: t["count"]
        for t in json.loads(sqlite_utils_cli("tables", str(copy), "--counts"))
    }
    assert (counts["places"], counts["interviews"], counts["outbox"]) == (1, 1, 3)
    names = json.loads(sqlite_utils_cli("query", str(copy), "select person_name from interviews"))
    assert names == [{"person_name": "Claire Lefèvre"}]
    # The original is still encrypted and still opens with its key.
    assert encryption.is_encrypted(home)
    encryption.forget_keys()
    with Store.open(home) as store:
        assert [p["name"] for p in store.places()] == ["Le Bocal"]
    # A wrong passphrase copies nothing.
    result = _cli(
        home, "copy-db", str(tmp_path / "other.db"), env={encryption.PASSPHRASE_ENV: "non"}
    )
    assert result.exit_code == 1 and not (tmp_path / "other.db").exists()
