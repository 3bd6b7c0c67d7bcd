"""The Alembic migrations build exactly the schema the code queries, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from fieldkit.server.db import MIGRATIONS_DIR, Database, metadata


def head_revision() -> str:
    """The last revision shipped (several branches add theirs; the integrator chains them)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def test_fresh_database_is_at_head_and_matches_the_tables(tmp_path, backend, request):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.db'}"
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.url(cluster.create_database())  # empty: no template
    database = Database(url)
    database.migrate()
    database.migrate()  # a second run changes nothing
    assert database.current_revision() == head_revision()
    with database.reader.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    database.dispose()


def test_blob_holders_and_photo_authors_are_filled_from_existing_data(tmp_path):
    """A server from before the blob read rule: each blob's uploader becomes its holder
    and each photo's creator the one who set its blob, so old photos stay readable."""
    from alembic import command

    from fieldkit.server.app import create_app

    url = f"sqlite:///{tmp_path / 'server.db'}"
    database = Database(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url)
    with database.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    sha = "ab" * 32
    ts = "2026-11-01T00:00:00.000Z"
    with database.writer.begin() as conn:
        conn.exec_driver_sql("INSERT INTO blobs VALUES (?, 10, 'anne', ?)", (sha, ts))
        conn.exec_driver_sql(
            "INSERT INTO records (kind, id, version, seq, region, deleted, parent_id, blob, "
            "fields, created_at, updated_at, created_by, updated_by) VALUES "
            "('photo', 'p1', 1, 1, '53', 0, 'v1', ?, '{}', ?, ?, 'anne', 'claire')",
            (sha, ts, ts),
        )
        conn.exec_driver_sql(
            "INSERT INTO uploads VALUES (?, 100, 50, 'anne', ?, ?)", ("cd" * 32, ts, ts)
        )
    database.dispose()
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / f"{'cd' * 32}.part").write_bytes(b"x" * 50)

    app = create_app(tmp_path)  # migrates to head
    state = app.state.server
    with state.db.read() as conn:
        holders = conn.exec_driver_sql("SELECT sha256, user_name FROM blob_holders").all()
        blob_by = conn.exec_driver_sql("SELECT blob_by FROM records WHERE id = 'p1'").scalar()
        uploads = conn.exec_driver_sql("SELECT count(*) FROM uploads").scalar()
    assert [tuple(h) for h in holders] == [(sha, "anne")]
    assert blob_by == "anne"
    assert uploads == 0
    assert list((tmp_path / "uploads").iterdir()) == []  # the old part file can't resume
    state.db.dispose()


def test_history_ids_of_an_existing_sqlite_store_are_never_reused_after_the_upgrade(tmp_path):
    """0003: an existing store's history keeps its rows and ids, and an id freed by an
    erasure (the newest rows deleted) is not handed out again."""
    from alembic import command

    url = f"sqlite:///{tmp_path / 'server.db'}"
    database = Database(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url)
    with database.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002_server_postgres")
    insert = (
        "INSERT INTO history (kind, record_id, version, op, deleted, region, fields, "
        "changed_by, device, changed_at) VALUES ('visit', ?, 1, 'create', 0, '53', '{}', "
        "'anne', 'laptop', '2026-11-01T00:00:00.000Z')"
    )
    with database.writer.begin() as conn:
        for rid in ("a", "b", "c"):
            conn.exec_driver_sql(insert, (rid,))
    database.migrate()
    with database.writer.begin() as conn:
        conn.exec_driver_sql("DELETE FROM history WHERE record_id = 'c'")  # erased: id 3
        conn.exec_driver_sql(insert, ("d",))
    with database.reader.connect() as conn:
        ids = conn.exec_driver_sql("SELECT record_id, id FROM history ORDER BY id").all()
    assert [tuple(r) for r in ids] == [("a", 1), ("b", 2), ("d", 4)]
    database.dispose()


def test_erasures_are_keyed_by_kind_and_id_after_the_upgrade(tmp_path, backend, request):
    """0006: an existing deny-list keeps its rows and kinds, then takes a second kind of
    an id already erased (before, the unique id refused it); downgrade keeps the first."""
    import pytest
    from alembic import command
    from sqlalchemy.exc import IntegrityError

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.db'}"
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.url(cluster.create_database())
    database = Database(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url)

    def to(revision: str, down: bool = False) -> None:
        with database.writer.begin() as conn:
            cfg.attributes["connection"] = conn
            (command.downgrade if down else command.upgrade)(cfg, revision)

    insert = (
        "INSERT INTO erasures (kind, record_id, seq, erased_by, erased_at) "
        "VALUES (%s, 'shared', %s, 'claire', '2026-12-01T00:00:00.000Z')"
    )
    if backend == "sqlite":
        insert = insert.replace("%s", "?")
    to("0005_audit_log")
    with database.writer.begin() as conn:
        conn.exec_driver_sql(insert, ("place", 1))
    with pytest.raises(IntegrityError), database.writer.begin() as conn:
        conn.exec_driver_sql(insert, ("visit", 2))  # the old key: one row per id
    to("head")
    with database.writer.begin() as conn:
        conn.exec_driver_sql(insert, ("visit", 2))
    with pytest.raises(IntegrityError), database.writer.begin() as conn:
        conn.exec_driver_sql(insert, ("visit", 3))  # still once per (kind, id)
    with database.reader.connect() as conn:
        rows = conn.exec_driver_sql("SELECT kind, seq FROM erasures ORDER BY seq").all()
    assert [tuple(r) for r in rows] == [("place", 1), ("visit", 2)]
    to("0005_audit_log", down=True)
    with database.reader.connect() as conn:
        rows = conn.exec_driver_sql("SELECT kind, seq FROM erasures ORDER BY seq").all()
    assert [tuple(r) for r in rows] == [("place", 1)]
    to("head")
    assert database.current_revision() == head_revision()
    database.dispose()
