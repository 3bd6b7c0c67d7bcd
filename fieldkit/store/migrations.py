"""Numbered schema migrations of the local database.

Each migration is a function of a ``sqlite_utils.Database``; it runs in one transaction
that also sets ``PRAGMA user_version`` to its number, so a crash mid-upgrade leaves the
previous version intact. A database whose version is newer than the last migration here
is refused: an older FieldKit must not write to it.

The migrations up to ``_m_sync_server_record_journal`` are SQL scripts and stay as they
were written (editing one would give databases of the same number different schemas).
New ones append a function to MIGRATIONS and say what they do with sqlite-utils::

    def _m_visit_weather(db: sqlite_utils.Database) -> None:
        db.table("visits").add_column("weather", str, not_null_default="")
        db.table("visits").create_index(["weather"])

``db.create_table(...)`` for a new table, and :func:`transform` (not
``Table.transform`` itself) for what SQLite's ALTER TABLE cannot do. Views, FTS5 tables
and triggers have no sqlite-utils form that fits (see docs/architecture.md, Departures):
``_m_search_per_kind`` writes them in SQL, run by :func:`_script`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from typing import Any

import sqlite_utils

from fieldkit.errors import SchemaError


def _script(db: Any, sql: str) -> None:
    """Run the statements of ``sql`` one by one inside the migration's transaction.

    ``sqlite3``'s own ``executescript`` would commit that transaction first; sqlite-utils'
    keeps it but finds where statements end by testing the script a character at a time,
    which was most of the time it took to open a new database (0.13 of 0.15 s). Here the
    test runs once per ``;`` (a ``;`` inside a trigger body or a string does not end its
    statement: ``sqlite3.complete_statement`` says so).
    """
    parts = sql.split(";")
    statement = ""
    for i, part in enumerate(parts):
        statement += part
        if i == len(parts) - 1:
            break
        statement += ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \t\r\n;"):
                db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


ENVELOPE = """
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL DEFAULT '',
    dirty INTEGER NOT NULL DEFAULT 0
"""


def _m1_initial(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        f"""
        CREATE TABLE places (
            {ENVELOPE},
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            postcode TEXT NOT NULL DEFAULT '',
            commune TEXT NOT NULL DEFAULT '',
            departement TEXT NOT NULL DEFAULT '',
            region TEXT NOT NULL DEFAULT '',
            latitude REAL,
            longitude REAL,
            website TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX places_region ON places(region, departement);

        -- Foreign keys are deferred: a sync page may bring a child before its parent.
        CREATE TABLE visits (
            {ENVELOPE},
            place_id TEXT NOT NULL REFERENCES places(id) DEFERRABLE INITIALLY DEFERRED,
            visited_on TEXT NOT NULL,
            visitors TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft',
            summary TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX visits_place ON visits(place_id, visited_on);

        CREATE TABLE interviews (
            {ENVELOPE},
            visit_id TEXT NOT NULL REFERENCES visits(id) DEFERRABLE INITIALLY DEFERRED,
            person_name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT 'other',
            organisation TEXT NOT NULL DEFAULT '',
            consent TEXT NOT NULL DEFAULT 'not_asked',
            consent_on TEXT,
            pseudonymise INTEGER NOT NULL DEFAULT 0,
            notes TEXT NOT NULL DEFAULT '',
            quotes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX interviews_visit ON interviews(visit_id);

        CREATE TABLE photos (
            {ENVELOPE},
            visit_id TEXT NOT NULL REFERENCES visits(id) DEFERRABLE INITIALLY DEFERRED,
            blob TEXT NOT NULL,
            caption TEXT NOT NULL DEFAULT '',
            taken_at TEXT,
            latitude REAL,
            longitude REAL,
            width INTEGER,
            height INTEGER,
            original_name TEXT NOT NULL DEFAULT '',
            in_report INTEGER NOT NULL DEFAULT 1,
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX photos_visit ON photos(visit_id, position);

        -- Local only from here on.
        CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mime TEXT NOT NULL DEFAULT '',
            present INTEGER NOT NULL DEFAULT 1,   -- 0: known from sync, not downloaded yet
            uploaded INTEGER NOT NULL DEFAULT 0,  -- 1: the server has it
            created_at TEXT NOT NULL
        );

        CREATE TABLE derivatives (
            sha256 TEXT NOT NULL,
            kind TEXT NOT NULL,                   -- 'thumb' or 'report'
            path TEXT NOT NULL,                   -- relative to the derivatives folder
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            PRIMARY KEY (sha256, kind)
        );

        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            op_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,                   -- place, visit, interview, photo
            record_id TEXT NOT NULL,
            op TEXT NOT NULL,                     -- create, update, delete
            base_version INTEGER NOT NULL,
            fields TEXT NOT NULL,                 -- JSON: changed fields, new values
            base TEXT NOT NULL,                   -- JSON: the same fields, values before
            created_at TEXT NOT NULL
        );
        CREATE INDEX outbox_record ON outbox(kind, record_id);

        CREATE TABLE sync_state (
            key TEXT PRIMARY KEY,
            value TEXT
        );

        CREATE TABLE conflicts (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            op_id TEXT,
            server_version INTEGER,
            mine TEXT NOT NULL,                   -- JSON: my values of the conflicting fields
            theirs TEXT NOT NULL,                 -- JSON: the server's values
            base TEXT NOT NULL DEFAULT '{{}}',    -- JSON: the common ancestor's values
            created_at TEXT NOT NULL,
            resolved_at TEXT
        );
        CREATE INDEX conflicts_open ON conflicts(resolved_at);

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        """,
    )


def _m2_search(conn: sqlite3.Connection) -> None:
    """FTS5 index over places, visits and interviews, kept by triggers.

    ``remove_diacritics 2`` makes "equipe" match "équipe" and "Bezier" match "Béziers".
    Deleted records leave the index; the triggers also cover rows written by sync.
    """
    _script(
        conn,
        """
        CREATE VIRTUAL TABLE search_index USING fts5(
            kind UNINDEXED, record_id UNINDEXED, title, body,
            tokenize = "unicode61 remove_diacritics 2"
        );
        """,
    )
    sources = {
        "place": (
            "places",
            "new.name",
            "new.commune || ' ' || new.address || ' ' || new.description",
        ),
        "visit": ("visits", "new.summary", "new.notes || ' ' || new.visitors"),
        "interview": (
            "interviews",
            "new.organisation",
            "new.notes || ' ' || new.quotes",
        ),
    }
    for kind, (table, title, body) in sources.items():
        insert = (
            f"INSERT INTO search_index(kind, record_id, title, body) "
            f"SELECT '{kind}', new.id, {title}, {body} WHERE new.deleted = 0;"
        )
        delete = f"DELETE FROM search_index WHERE kind = '{kind}' AND record_id = old.id;"
        # Rows written before this migration are indexed too.
        backfill = body.replace("new.", "")
        _script(
            conn,
            f"""
            INSERT INTO search_index(kind, record_id, title, body)
                SELECT '{kind}', id, {title.replace("new.", "")}, {backfill}
                FROM {table} WHERE deleted = 0;
            CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN {insert} END;
            CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table} BEGIN {delete} {insert} END;
            CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN {delete} END;
            """,
        )


def _m3_search_rows(conn: sqlite3.Connection) -> None:
    """Keep the search index in step without scanning it.

    FTS5 cannot index its UNINDEXED columns, so the triggers of migration 2 found a
    record's entry with a full scan of the index (about 50 ms per write on the benchmark
    mission, on every edit and on every row sync writes). ``search_rows`` maps a record to
    its entry's rowid, and the update triggers fire only when a searched column (or
    ``deleted``) is written, not when sync sets ``version`` or ``dirty``. Entries keep
    getting new, increasing rowids, so "most recent first" still holds.
    """
    _script(
        conn,
        """
        CREATE TABLE search_rows (
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            fts_rowid INTEGER NOT NULL,
            PRIMARY KEY (kind, record_id)
        ) WITHOUT ROWID;
        INSERT OR REPLACE INTO search_rows(kind, record_id, fts_rowid)
            SELECT kind, record_id, rowid FROM search_index;
        """,
    )
    sources = {
        "place": (
            "places",
            "new.name",
            "new.commune || ' ' || new.address || ' ' || new.description",
            "name, commune, address, description, deleted",
        ),
        "visit": (
            "visits",
            "new.summary",
            "new.notes || ' ' || new.visitors",
            "summary, notes, visitors, deleted",
        ),
        "interview": (
            "interviews",
            "new.organisation",
            "new.notes || ' ' || new.quotes",
            "organisation, notes, quotes, deleted",
        ),
    }
    for kind, (table, title, body, columns) in sources.items():
        insert = (
            f"INSERT INTO search_index(kind, record_id, title, body) "
            f"SELECT '{kind}', new.id, {title}, {body} WHERE new.deleted = 0; "
            f"INSERT OR REPLACE INTO search_rows(kind, record_id, fts_rowid) "
            f"SELECT '{kind}', new.id, last_insert_rowid() WHERE new.deleted = 0;"
        )
        delete = (
            f"DELETE FROM search_index WHERE rowid = (SELECT fts_rowid FROM search_rows "
            f"WHERE kind = '{kind}' AND record_id = old.id); "
            f"DELETE FROM search_rows WHERE kind = '{kind}' AND record_id = old.id;"
        )
        _script(
            conn,
            f"""
            DROP TRIGGER {table}_fts_insert;
            DROP TRIGGER {table}_fts_update;
            DROP TRIGGER {table}_fts_delete;
            CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN {insert} END;
            CREATE TRIGGER {table}_fts_update AFTER UPDATE OF {columns} ON {table}
                BEGIN {delete} {insert} END;
            CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN {delete} END;
            """,
        )


def _m_commune_insee(conn: sqlite3.Connection) -> None:
    """Places get their commune's INSEE code (a synced field).

    Existing places are resolved from their postcode and commune name after the schema
    migration, by ``Store.resolve_communes`` (it needs the reference data, and each
    resolution is an edit that syncs); those it cannot settle are listed for the user.
    """
    _script(
        conn,
        """
        ALTER TABLE places ADD COLUMN commune_insee TEXT NOT NULL DEFAULT '';
        CREATE INDEX places_commune ON places(commune_insee);
        """,
    )


def _m_erasures(conn: sqlite3.Connection) -> None:
    """The erasure journal and deny-list (fieldkit.erasure): ids, who, when; no content.

    ``origin`` is 'here' (asked on this computer) or 'server' (told by a sync);
    ``requested`` marks the record a person chose (its descendants follow it), ``sent``
    that the server has answered the request, ``status`` its answer.
    """
    _script(
        conn,
        """
        CREATE TABLE erasures (
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL PRIMARY KEY,
            erased_by TEXT NOT NULL DEFAULT '',
            erased_at TEXT NOT NULL,
            origin TEXT NOT NULL,
            requested INTEGER NOT NULL DEFAULT 0,
            sent INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID;
        """,
    )


def _m_search_interviewees(conn: sqlite3.Connection) -> None:
    """Search finds an interview by the person's name (« lefevre » finds Claire Lefèvre).

    The name goes into the entry's body, beside the notes and quotes; the index is local
    to this computer (reports and exports still pseudonymise as consent says). Existing
    interviews are indexed again.
    """
    body = "coalesce(new.person_name, '') || ' ' || new.notes || ' ' || new.quotes"
    insert = (
        "INSERT INTO search_index(kind, record_id, title, body) "
        f"SELECT 'interview', new.id, new.organisation, {body} WHERE new.deleted = 0; "
        "INSERT OR REPLACE INTO search_rows(kind, record_id, fts_rowid) "
        "SELECT 'interview', new.id, last_insert_rowid() WHERE new.deleted = 0;"
    )
    delete = (
        "DELETE FROM search_index WHERE rowid = (SELECT fts_rowid FROM search_rows "
        "WHERE kind = 'interview' AND record_id = old.id); "
        "DELETE FROM search_rows WHERE kind = 'interview' AND record_id = old.id;"
    )
    backfill = body.replace("new.", "")
    _script(
        conn,
        f"""
        DELETE FROM search_index WHERE rowid IN
            (SELECT fts_rowid FROM search_rows WHERE kind = 'interview');
        DELETE FROM search_rows WHERE kind = 'interview';
        INSERT INTO search_index(kind, record_id, title, body)
            SELECT 'interview', id, organisation, {backfill} FROM interviews WHERE deleted = 0;
        INSERT OR REPLACE INTO search_rows(kind, record_id, fts_rowid)
            SELECT kind, record_id, rowid FROM search_index WHERE kind = 'interview';
        DROP TRIGGER interviews_fts_insert;
        DROP TRIGGER interviews_fts_update;
        DROP TRIGGER interviews_fts_delete;
        CREATE TRIGGER interviews_fts_insert AFTER INSERT ON interviews BEGIN {insert} END;
        CREATE TRIGGER interviews_fts_update
            AFTER UPDATE OF person_name, organisation, notes, quotes, deleted ON interviews
            BEGIN {delete} {insert} END;
        CREATE TRIGGER interviews_fts_delete AFTER DELETE ON interviews BEGIN {delete} END;
        """,
    )


def _m_sync_server_deferred_search(conn: sqlite3.Connection) -> None:
    """Let a sync page index its new rows in one statement instead of one per row.

    The per-row insert trigger costs about ten times the row itself (a pulled first sync
    spent most of its time there); indexing a page's new rows with one INSERT … SELECT
    costs a fifth of that. While ``sync_state`` holds the key ``fts_deferred`` (only ever
    inside the page's own transaction) the insert triggers stand aside and the page does
    the indexing itself (``fieldkit.sync.local``). Update and delete triggers unchanged.
    """
    sources = {
        "place": (
            "places",
            "new.name",
            "new.commune || ' ' || new.address || ' ' || new.description",
        ),
        "visit": ("visits", "new.summary", "new.notes || ' ' || new.visitors"),
        # As _m_search_interviewees indexes them: the person's name too.
        "interview": (
            "interviews",
            "new.organisation",
            "coalesce(new.person_name, '') || ' ' || new.notes || ' ' || new.quotes",
        ),
    }
    for kind, (table, title, body) in sources.items():
        insert = (
            f"INSERT INTO search_index(kind, record_id, title, body) "
            f"SELECT '{kind}', new.id, {title}, {body} WHERE new.deleted = 0; "
            f"INSERT OR REPLACE INTO search_rows(kind, record_id, fts_rowid) "
            f"SELECT '{kind}', new.id, last_insert_rowid() WHERE new.deleted = 0;"
        )
        _script(
            conn,
            f"""
            DROP TRIGGER {table}_fts_insert;
            CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table}
                WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'fts_deferred')
                BEGIN {insert} END;
            """,
        )


def _m_sync_server_record_journal(conn: sqlite3.Connection) -> None:
    """The last journal (history) of a record fetched from the server, so that « Historique »
    works offline (fieldkit.sync.journal)."""
    _script(
        conn,
        """
        CREATE TABLE record_journal (
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            fetched_at TEXT NOT NULL,             -- local clock, for display
            body TEXT NOT NULL,                   -- JSON: the server's journal answer
            PRIMARY KEY (kind, record_id)
        ) WITHOUT ROWID;
        """,
    )


#: The searched kinds: (table, title, body), the body as the migrations before this one
#: indexed it (the person's name too, _m_search_interviewees). In SQL over the table's
#: columns; ``{r}.`` stands for the row (``new.``, ``old.`` or nothing).
SEARCH_SOURCES = {
    "place": ("places", "{r}name", "{r}commune || ' ' || {r}address || ' ' || {r}description"),
    "visit": ("visits", "{r}summary", "{r}notes || ' ' || {r}visitors"),
    "interview": (
        "interviews",
        "{r}organisation",
        "coalesce({r}person_name, '') || ' ' || {r}notes || ' ' || {r}quotes",
    ),
}


def search_columns(kind: str) -> list[str]:
    """The columns whose change re-indexes a row: those its title and body read (found in
    SEARCH_SOURCES, so the two cannot drift apart), and ``deleted``."""
    _, title, body = SEARCH_SOURCES[kind]
    read = re.findall(r"\{r\}(\w+)", f"{title} {body}")
    return [*dict.fromkeys(read), "deleted"]


def _m_search_per_kind(conn: sqlite3.Connection) -> None:
    """One FTS5 index per searched kind, whose text is read from the kind's own table.

    The single ``search_index`` kept a copy of every searched text (a third of the file)
    and needed ``search_rows`` to find a record's entry; writing both was most of a first
    sync's local work (bench sync, down). Each of ``places_search``, ``visits_search``
    and ``interviews_search`` is an *external-content* FTS5 table over a view of its
    table's live rows (``{table}_search_source``): its rowid is the row's rowid, the
    index holds only the tokens, and snippets read the text from the table. Triggers keep
    it in step (an external-content index is told what to forget with the old values);
    while ``sync_state`` holds ``fts_deferred`` a bulk insert indexes its rows itself
    (``Store.insert_rows``). ``Store.rebuild_search`` rebuilds all three (after a VACUUM,
    which may renumber rowids, or a rebuilt table).
    """
    _script(
        conn,
        """
        DROP TRIGGER places_fts_insert; DROP TRIGGER places_fts_update;
        DROP TRIGGER places_fts_delete; DROP TRIGGER visits_fts_insert;
        DROP TRIGGER visits_fts_update; DROP TRIGGER visits_fts_delete;
        DROP TRIGGER interviews_fts_insert; DROP TRIGGER interviews_fts_update;
        DROP TRIGGER interviews_fts_delete;
        DROP TABLE search_rows;
        DROP TABLE search_index;
        """,
    )
    for kind, (table, title, body) in SEARCH_SOURCES.items():
        index = f"{table}_search"

        def text(row: str, title: str = title, body: str = body) -> str:
            return f"{title.format(r=row)}, {body.format(r=row)}"

        add = f"INSERT INTO {index}(rowid, title, body) SELECT new.rowid, {text('new.')} "
        forget = (
            f"INSERT INTO {index}({index}, rowid, title, body) "
            f"SELECT 'delete', old.rowid, {text('old.')} "
        )
        _script(
            conn,
            f"""
            CREATE VIEW {index}_source AS
                SELECT rowid AS rid, {title.format(r="")} AS title, {body.format(r="")} AS body
                FROM {table} WHERE deleted = 0;
            CREATE VIRTUAL TABLE {index} USING fts5(
                title, body, content = '{index}_source', content_rowid = 'rid',
                tokenize = "unicode61 remove_diacritics 2"
            );
            CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table}
                WHEN new.deleted = 0
                    AND NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'fts_deferred')
                BEGIN {add}; END;
            CREATE TRIGGER {table}_fts_update AFTER UPDATE OF {", ".join(search_columns(kind))} ON {table}
                BEGIN {forget} WHERE old.deleted = 0; {add} WHERE new.deleted = 0; END;
            CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} WHEN old.deleted = 0
                BEGIN {forget}; END;
            INSERT INTO {index}({index}) VALUES ('rebuild');
            """,
        )


def _m_erasures_by_kind(conn: sqlite3.Connection) -> None:
    """The local deny-list is keyed by (kind, id), as the server's is: ids are unique
    within a kind only. Keyed by id alone, a visit sharing an erased place's id was never
    written back at a pull, and the visit's own erasure was not journalled here. Every
    row keeps its kind (the table always had one)."""
    _script(
        conn,
        """
        CREATE TABLE erasures_by_kind (
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            erased_by TEXT NOT NULL DEFAULT '',
            erased_at TEXT NOT NULL,
            origin TEXT NOT NULL,
            requested INTEGER NOT NULL DEFAULT 0,
            sent INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (kind, record_id)
        ) WITHOUT ROWID;
        INSERT INTO erasures_by_kind
            SELECT kind, record_id, erased_by, erased_at, origin, requested, sent, status
            FROM erasures;
        DROP TABLE erasures;
        ALTER TABLE erasures_by_kind RENAME TO erasures;
        """,
    )


def transform(db: sqlite_utils.Database, table: str, **changes: Any) -> None:
    """``Table.transform(**changes)`` for a migration, keeping what it would drop here.

    sqlite-utils rebuilds the table from what it can describe, which loses two things
    this schema relies on: ``DEFERRABLE INITIALLY DEFERRED`` on foreign keys (a sync page
    may bring a child before its parent) and the table's triggers (the search index's).
    Both are put back. Runs inside the migration's transaction, with foreign keys off
    (see :func:`migrate`), as SQLite's own recipe for rebuilding a table asks.
    """
    t = db.table(table)
    triggers = [trigger.sql for trigger in t.triggers]
    deferred = "DEFERRABLE INITIALLY DEFERRED" in t.schema.upper()
    for sql in t.transform_sql(**changes):
        if deferred and sql.lstrip().upper().startswith("CREATE TABLE"):
            sql = re.sub(
                r'(REFERENCES\s+"[^"]+"\s*\("[^"]+"\))', r"\1 DEFERRABLE INITIALLY DEFERRED", sql
            )
        db.execute(sql)
    for sql in triggers:
        db.execute(sql)
    if db[f"{table}_search"].exists():
        # A rebuilt table may number its rows anew; its search index follows rowids.
        db.execute(f"INSERT INTO {table}_search({table}_search) VALUES ('rebuild')")


MIGRATIONS: list[Callable[[Any], None]] = [
    _m1_initial,
    _m2_search,
    _m3_search_rows,
    _m_commune_insee,
    _m_erasures,
    _m_search_interviewees,
    _m_sync_server_deferred_search,
    _m_sync_server_record_journal,
    _m_search_per_kind,
    _m_erasures_by_kind,
]
SCHEMA_VERSION = len(MIGRATIONS)
# Its number, wherever the list puts it: the store resolves existing places after it.
COMMUNE_MIGRATION = MIGRATIONS.index(_m_commune_insee) + 1


def schema_version(conn: sqlite3.Connection | sqlite_utils.Database) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int | None = None) -> list[int]:
    """Bring the database up to ``target`` (the last migration); returns those applied."""
    current, last = schema_version(conn), len(MIGRATIONS)
    target = last if target is None else target
    if current > last:
        raise SchemaError(
            f"This database has schema version {current}, newer than this FieldKit "
            f"understands ({last}). Update FieldKit to open it.",
            code="schema_too_new",
            found=current,
            supported=last,
        )
    if current >= target:
        return []
    db = sqlite_utils.Database(conn)
    # Foreign keys are off while migrating and checked before each commit instead: a table
    # rebuilt by transform() is dropped and re-created, and with them on, its children
    # would count as violations until the end (SQLite's recipe for altering a table).
    # The PRAGMA cannot change inside a transaction, hence here.
    enforced = bool(conn.execute("PRAGMA foreign_keys").fetchone()[0])
    conn.execute("PRAGMA foreign_keys = OFF")
    applied = []
    try:
        for number in range(current + 1, target + 1):
            # BEGIN IMMEDIATE by hand: the migration and its number land together or not at
            # all (sqlite-utils runs its statements inside the open transaction).
            conn.execute("BEGIN IMMEDIATE")
            try:
                MIGRATIONS[number - 1](db)
                broken = conn.execute("PRAGMA foreign_key_check").fetchall() if enforced else []
                if broken:
                    raise SchemaError(
                        f"Migration {number} would break {len(broken)} reference(s) between "
                        f"records (first: table {broken[0][0]}); nothing was changed.",
                        number=number,
                    )
                conn.execute(f"PRAGMA user_version = {number}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            applied.append(number)
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")
    return applied
