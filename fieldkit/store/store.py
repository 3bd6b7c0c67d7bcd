"""The local store: one SQLite file per mission member, through sqlite-utils.

Every user action is one transaction. Every edit to a synced record bumps
``updated_at``, marks the row dirty and appends an outbox entry in that same
transaction (DESIGN §3), so a crash can never leave an edit the sync won't send.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import sqlite_utils

from fieldkit import encryption, jsonwire
from fieldkit.errors import NotFoundError, StaleWriteError, ValidationError
from fieldkit.paths import Home
from fieldkit.store import schema
from fieldkit.store.migrations import COMMUNE_MIGRATION, migrate
from fieldkit.store.search import SEARCHED, SEARCHED_TABLES, SearchHit, full_text_search

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Change:
    """One record written by an action; the GUI decides what to redraw from these."""

    kind: str
    id: str
    op: str  # create, update, delete, restore, erase (gone for good), conflict


def _resolved_commune(values: dict[str, Any]) -> dict[str, Any]:
    """commune_insee, when the postcode and commune name resolve unambiguously."""
    from fieldkit import communes

    if not (values.get("postcode") or values.get("commune")):
        return {}
    found = communes.resolve(
        values.get("postcode", ""), values.get("commune", ""), values.get("departement", "")
    )
    if found.status != "ok" or found.commune is None:
        return {}
    # Only the code: the fields the user gave are stored as given (the dialog and the
    # importer fill in an empty commune name themselves, where the user sees it).
    return {"commune_insee": found.commune.insee}


CACHE_KIB = 32 * 1024


def connect(
    path: str | Path, *, check_same_thread: bool = True, key: bytes | None = None
) -> sqlite3.Connection:
    """A connection to the database at ``path``; SQLCipher when a data key is given."""
    options: dict[str, Any] = {
        "isolation_level": None,
        "check_same_thread": check_same_thread,
        "timeout": 10,
    }
    if key is not None:
        conn = encryption.connect_encrypted(path, key, **options)
    else:
        conn = sqlite3.connect(str(path), **options)
        conn.row_factory = sqlite3.Row
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    # Deleted or overwritten content is zeroed, not left in free pages (erasure, issue 10).
    conn.execute("PRAGMA secure_delete = ON")
    # Up to 32 MiB of pages kept per connection (default 2 MiB): search and the sync's page
    # apply revisit the same index pages, and SQLCipher decrypts and checks every page it
    # reads into the cache (bench: search CPU p95 -45 %, encrypted ÷ clear 1.27 → 0.90).
    conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
    return conn


class Store:
    """All reads and writes of the local database.

    Build one with :meth:`open` (a data directory) or :meth:`memory` (tests). One Store is
    the single writer; readers on other threads open their own with ``readonly=True``.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        home: Home | None = None,
        *,
        user: str = "",
        clock: Clock = utc_now,
    ) -> None:
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self.home = home
        self.clock = clock
        applied = migrate(conn)
        self.user = user or self.get_setting("user", "") or ""
        self._depth = 0
        self._lock = threading.RLock()
        self.commune_backfill: Any = None  # what the upgrade to commune codes did, if it ran
        if COMMUNE_MIGRATION in applied:
            from fieldkit.places_geo import resolve_communes

            self.commune_backfill = resolve_communes(self)

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        home: Home | str | Path | None = None,
        *,
        user: str = "",
        clock: Clock = utc_now,
        check_same_thread: bool = True,
    ) -> Store:
        h = home if isinstance(home, Home) else Home.resolve(home)
        encryption.recover_interrupted(h)
        h.ensure()
        if not h.db_path.exists():
            encryption.setup_new_home(h)
        key = encryption.data_key(h)
        conn = connect(h.db_path, check_same_thread=check_same_thread, key=key)
        return cls(conn, h, user=user, clock=clock)

    @classmethod
    def memory(cls, *, user: str = "tester", clock: Clock = utc_now) -> Store:
        return cls(connect(":memory:"), None, user=user, clock=clock)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action. Nested calls join the outer transaction."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            self.conn.execute("COMMIT")

    def now(self) -> str:
        return iso(self.clock())

    def today(self) -> dt.date:
        return self.clock().astimezone().date()

    # -- settings --------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        for row in self.db.table("settings").rows_where("key = ?", [key]):
            return json.loads(row["value"])
        return default

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction():
            self.db.table("settings").upsert({"key": key, "value": json.dumps(value)}, pk="key")

    # -- generic record operations ---------------------------------------------------
    def get(
        self, kind: str, record_id: str, *, include_deleted: bool = False
    ) -> dict[str, Any] | None:
        k = schema.kind_of(kind)
        # Raw SQL: read twice by every edit and autosave; Table.get() asks the table's
        # primary key first (PRAGMA table_info) on each call.
        row = self.conn.execute(f"SELECT * FROM {k.table} WHERE id = ?", (record_id,)).fetchone()
        if row is None or (row["deleted"] and not include_deleted):
            return None
        return schema.from_db(k, dict(row))

    def require(self, kind: str, record_id: str) -> dict[str, Any]:
        record = self.get(kind, record_id)
        if record is None:
            raise NotFoundError(f"No {kind} with id {record_id}.", kind=kind, id=record_id)
        return record

    def create(
        self, kind: str, fields: dict[str, Any], *, record_id: str | None = None
    ) -> dict[str, Any]:
        """Create a record; returns it as stored. Raises ValidationError, changing nothing."""
        k = schema.kind_of(kind)
        with self.transaction():
            row, values = self._new_row(k, fields, record_id)
            # A plain INSERT: one record per user action, where sqlite-utils' insert() would
            # inspect the table first (half the cost of a create, measured in bench/).
            self.conn.execute(
                f"INSERT INTO {k.table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            self._append_outbox(kind, row["id"], "create", 0, values, {})
        return self.require(kind, row["id"])

    def new_row(
        self, kind: str, fields: dict[str, Any], *, record_id: str | None = None
    ) -> dict[str, Any]:
        """A new record's row, checked as :meth:`create` checks it, not written yet.

        Rows made here go in together with :meth:`insert_new` (a CSV import checks each
        line first, then writes the good ones in bulk). Raises ValidationError.
        """
        return self._new_row(schema.kind_of(kind), fields, record_id)[0]

    def _new_row(
        self, k: schema.Kind, fields: dict[str, Any], record_id: str | None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The row of a new record and its fields as the outbox sends them."""
        values = {f: v for f, v in k.defaults}
        values.update(schema.normalise(k, fields))
        for f in k.fields:
            values.setdefault(
                f, None if f in schema.NULLABLE_FIELDS else ([] if f in k.json_fields else "")
            )
        if k.name == "place" and not values["commune_insee"]:
            values.update(_resolved_commune(values))
        self._check_parent(k, values)
        values.update(schema.validate(k, values, self.today()))
        rid = record_id or new_id()
        if self.conn.execute(f"SELECT 1 FROM {k.table} WHERE id = ?", (rid,)).fetchone():
            raise ValidationError(
                "id", f"A {k.name} with id {rid} already exists.", code="duplicate_id"
            )
        now = self.now()
        row = {
            "id": rid,
            "version": 0,
            "deleted": 0,
            "created_at": now,
            "updated_at": now,
            "created_by": self.user,
            "updated_by": self.user,
            "dirty": 1,
            **schema.to_db(k, values),
        }
        return row, values

    def create_many(
        self, kind: str, items: Iterable[tuple[str | None, dict[str, Any]]]
    ) -> list[dict[str, Any]]:
        """Create many records of one kind in one transaction: ``(record_id, fields)`` pairs.

        Each is checked as :meth:`create` checks it (the first bad one raises, writing
        nothing); then all are written in bulk by :meth:`insert_new`. Returns them as stored.
        """
        k = schema.kind_of(kind)
        with self.transaction():
            rows = [self._new_row(k, fields, rid)[0] for rid, fields in items]
            self.insert_new(kind, rows)
        return [schema.from_db(k, row) for row in rows]

    def insert_new(self, kind: str, rows: list[dict[str, Any]]) -> None:
        """Write rows from :meth:`new_row` in bulk, each with its outbox ``create`` entry."""
        k = schema.kind_of(kind)
        with self.transaction():
            ids = [row["id"] for row in rows]
            twice = {rid for rid in ids if ids.count(rid) > 1} if len(set(ids)) < len(ids) else ()
            if twice:
                rid = sorted(twice)[0]
                raise ValidationError(
                    "id", f"A {kind} with id {rid} is given twice.", code="duplicate_id"
                )
            self.insert_rows(kind, rows)
            now = self.now()
            self.db.table("outbox").insert_all(
                (
                    {
                        "op_id": new_id(),
                        "kind": kind,
                        "record_id": row["id"],
                        "op": "create",
                        "base_version": 0,
                        "fields": _json(_fields_of(k, row)),
                        "base": "{}",
                        "created_at": now,
                    }
                    for row in rows
                ),
                batch_size=BATCH_SIZE,
            )

    def insert_rows(
        self,
        kind: str,
        rows: Sequence[Mapping[str, Any]] | Sequence[Sequence[Any]],
        *,
        columns: Sequence[str] | None = None,
    ) -> None:
        """Insert whole rows of one kind in bulk and index them for search.

        ``rows`` are dicts sharing their keys, or, with ``columns``, tuples of values in
        that order (``id`` and ``deleted`` among them).

        For the bulk writers (:meth:`insert_new`, a sync page): the per-row search
        triggers stand aside meanwhile (see the migration
        ``_m_sync_server_deferred_search``: they cost ten times the row) and the new rows
        are indexed with one ``INSERT … SELECT`` per batch. Call it inside a transaction.
        """
        if not rows:
            return
        k = schema.kind_of(kind)
        searched = SEARCHED.get(kind)
        values: list[Sequence[Any]]
        if columns is None:
            dict_rows = cast("Sequence[Mapping[str, Any]]", rows)
            columns = list(dict_rows[0])
            values = [[row[c] for c in columns] for row in dict_rows]
        else:
            values = list(cast("Sequence[Sequence[Any]]", rows))
        table = k.table
        top = self.conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_state(key, value) VALUES (?, '1')", (FTS_DEFERRED_KEY,)
        )
        try:
            # executemany, not insert_all: insert_all passes every value through its JSON
            # check, +0.38 CPU-s (12%) on a first sync down of 21,800 records (bench/sync).
            self.conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                values,
            )
        finally:
            self.conn.execute("DELETE FROM sync_state WHERE key = ?", (FTS_DEFERRED_KEY,))
        if searched is None:
            return
        title, body = searched
        # The new rows are those past the table's last rowid before (SQLite numbers a new
        # row max(rowid) + 1): one statement indexes them all. Should it ever have picked
        # another number (only past 2^63 rows), they are found by id instead.
        new_rows, param = "rowid > ?", top
        added = self.conn.execute(f"SELECT count(*) FROM {table} WHERE rowid > ?", (top,))
        if added.fetchone()[0] != len(values):
            id_at = list(columns).index("id")
            new_rows = "id IN (SELECT value FROM json_each(?))"
            param = jsonwire.dumps([row[id_at] for row in values])
        self.conn.execute(
            f"INSERT INTO {table}_search(rowid, title, body) "
            f"SELECT rowid, {title}, {body} FROM {table} WHERE {new_rows} AND deleted = 0",
            (param,),
        )

    def update(
        self,
        kind: str,
        record_id: str,
        changes: dict[str, Any],
        *,
        base: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Change some fields; a change that sets every field to its current value is a no-op.

        ``base``: the values the editor started from (some or all of the changed fields).
        They are compared with the stored values in the same transaction; if any differs,
        someone else wrote the record meanwhile and :class:`StaleWriteError` is raised,
        writing nothing (the editor merges and saves again, never over the other write).
        """
        k = schema.kind_of(kind)
        new = schema.normalise(k, changes)
        with self.transaction():
            current = self.require(kind, record_id)
            if base:
                self._check_base(k, current, base)
            merged = {f: current[f] for f in k.fields}
            merged.update(new)
            if (
                kind == "place"
                and "commune_insee" not in new
                and any(f in new and new[f] != current[f] for f in ("postcode", "commune"))
            ):
                # A place that moves is resolved again; until then its codes follow the
                # postcode (or what the change gives).
                merged["commune_insee"] = ""
                for f in ("departement", "region"):
                    if f not in new:
                        merged[f] = ""
                merged.update(_resolved_commune(merged))
            if k.parent and k.parent[0] in new:
                self._check_parent(k, merged)
            filled = schema.validate(k, merged, self.today())
            merged.update(filled)
            diff = {f: merged[f] for f in k.fields if merged[f] != current[f]}
            if not diff:
                return current
            base = {f: current[f] for f in diff}
            self._write_update(k, current, diff)
            if not self._coalesce_outbox(kind, record_id, diff, base):
                self._append_outbox(kind, record_id, "update", current["version"], diff, base)
        return self.require(kind, record_id)

    def _check_base(self, k: schema.Kind, current: dict[str, Any], base: dict[str, Any]) -> None:
        unknown = [f for f in base if f not in k.fields]
        if unknown:
            raise ValidationError(
                unknown[0], f"{k.name} has no field {unknown[0]!r}.", code="unknown_field"
            )
        try:
            expected = schema.normalise(k, base)
        except ValidationError:
            expected = dict(base)  # a base that no longer normalises cannot be current
        stale = [f for f in base if expected.get(f) != current[f]]
        if stale:
            raise StaleWriteError(
                f"The {k.name} {current['id']} was changed elsewhere since it was opened "
                f"({', '.join(stale)}); nothing was saved over that change.",
                kind=k.name,
                id=current["id"],
                fields=stale,
                current={f: current[f] for f in stale},
            )

    def delete(self, kind: str, record_id: str) -> list[Change]:
        """Tombstone a record and everything under it (a place's visits and theirs)."""
        changes: list[Change] = []
        with self.transaction():
            self.require(kind, record_id)
            for child_kind, child_id in self._descendants(kind, record_id):
                self._tombstone(child_kind, child_id)
                changes.append(Change(child_kind, child_id, "delete"))
            self._tombstone(kind, record_id)
            changes.append(Change(kind, record_id, "delete"))
        return changes

    def restore(self, changes: Iterable[Change]) -> list[Change]:
        """Undo a delete: bring back the tombstoned records (an edit that syncs too)."""
        restored = []
        with self.transaction():
            for ch in changes:
                k = schema.kind_of(ch.kind)
                current = self.get(ch.kind, ch.id, include_deleted=True)
                if current is None or not current["deleted"]:
                    continue
                self._write_update(k, current, {})
                self.conn.execute(f"UPDATE {k.table} SET deleted = 0 WHERE id = ?", (ch.id,))
                self._append_outbox(
                    ch.kind,
                    ch.id,
                    "restore",
                    current["version"],
                    {"deleted": False},
                    {"deleted": True},
                )
                restored.append(Change(ch.kind, ch.id, "restore"))
        return restored

    def _tombstone(self, kind: str, record_id: str) -> None:
        k = schema.kind_of(kind)
        current = self.get(kind, record_id)
        if current is None:
            return
        self._write_update(k, current, {})
        self.conn.execute(f"UPDATE {k.table} SET deleted = 1 WHERE id = ?", (record_id,))
        self._append_outbox(
            kind, record_id, "delete", current["version"], {"deleted": True}, {"deleted": False}
        )

    def _write_update(self, k: schema.Kind, current: dict[str, Any], diff: dict[str, Any]) -> None:
        row = schema.to_db(k, diff)
        row.update(updated_at=self.now(), updated_by=self.user, dirty=1)
        # Raw SQL: the autosave path, and only the changed columns (the search triggers
        # fire on UPDATE OF the searched columns).
        sets = ", ".join(f"{col} = ?" for col in row)
        self.conn.execute(
            f"UPDATE {k.table} SET {sets} WHERE id = ?", [*row.values(), current["id"]]
        )

    def _descendants(self, kind: str, record_id: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if kind == "place":
            for (vid,) in self.conn.execute(
                "SELECT id FROM visits WHERE place_id = ? AND deleted = 0", (record_id,)
            ).fetchall():
                out.extend(self._descendants("visit", vid))
                out.append(("visit", vid))
        elif kind == "visit":
            for table, child in (("interviews", "interview"), ("photos", "photo")):
                for (cid,) in self.conn.execute(
                    f"SELECT id FROM {table} WHERE visit_id = ? AND deleted = 0", (record_id,)
                ).fetchall():
                    out.append((child, cid))
        return out

    def _check_parent(self, k: schema.Kind, values: dict[str, Any]) -> None:
        if not k.parent:
            return
        field, parent_kind = k.parent
        parent_id = values.get(field)
        if not parent_id or self.get(parent_kind, parent_id) is None:
            raise ValidationError(
                field,
                f"No {parent_kind} with id {parent_id!r}: a {k.name} must belong to an existing {parent_kind}.",
                code="missing_parent",
                value=parent_id,
            )

    def _append_outbox(
        self,
        kind: str,
        record_id: str,
        op: str,
        base_version: int,
        fields: dict[str, Any],
        base: dict[str, Any],
    ) -> None:
        # Raw SQL: this runs on every autosave (the keystroke path measured in bench/gui).
        self.conn.execute(
            "INSERT INTO outbox(op_id, kind, record_id, op, base_version, fields, base, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new_id(),
                kind,
                record_id,
                op,
                base_version,
                json.dumps(fields, ensure_ascii=False, sort_keys=True),
                json.dumps(base, ensure_ascii=False, sort_keys=True),
                self.now(),
            ),
        )

    def _coalesce_outbox(
        self, kind: str, record_id: str, diff: dict[str, Any], base: dict[str, Any]
    ) -> bool:
        """Fold an edit into the record's last unsent create/update entry, if there is one.

        Autosave writes a long note every second or so; without this an hour of typing
        would queue thousands of entries, each with the whole note. Only entries no sync
        has read yet (seq above the claimed mark, see :meth:`claim_outbox`) are touched,
        so what the server may already have applied under an op_id never changes.
        """
        last = self.conn.execute(
            "SELECT seq, op, fields, base FROM outbox WHERE kind = ? AND record_id = ? "
            "ORDER BY seq DESC LIMIT 1",
            (kind, record_id),
        ).fetchone()
        if last is None or last["op"] not in ("create", "update"):
            return False
        if last["seq"] <= self._claimed_seq():
            return False
        fields = json.loads(last["fields"])
        fields.update(diff)
        old_base = json.loads(last["base"])
        if last["op"] == "update":
            # The base of a field stays the value before the first unsent edit of it.
            for f, v in base.items():
                old_base.setdefault(f, v)
        self.conn.execute(
            "UPDATE outbox SET fields = ?, base = ?, created_at = ? WHERE seq = ?",
            (
                json.dumps(fields, ensure_ascii=False, sort_keys=True),
                json.dumps(old_base, ensure_ascii=False, sort_keys=True),
                self.now(),
                last["seq"],
            ),
        )
        return True

    def _claimed_seq(self) -> int:
        row = self.conn.execute(
            "SELECT value FROM sync_state WHERE key = ?", (OUTBOX_CLAIMED_KEY,)
        ).fetchone()
        return int(row[0]) if row and row[0] else 0

    def claim_outbox(self, limit: int | None = None, *, after: int = 0) -> list[dict[str, Any]]:
        """The oldest outbox entries (those past seq ``after``), marked as read by a sync,
        in one transaction.

        From then on edits no longer fold into them (they may be on the wire), so an
        entry's content never changes after a sync has read it.
        """
        with self.transaction():
            entries = self.outbox(limit, after=after)
            if entries:
                top = max(self._claimed_seq(), max(e["seq"] for e in entries))
                self.conn.execute(
                    "INSERT INTO sync_state(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (OUTBOX_CLAIMED_KEY, str(top)),
                )
        return entries

    # -- convenience wrappers, named for what a person does -----------------------------
    def create_place(self, **fields: Any) -> dict[str, Any]:
        return self.create("place", fields)

    def create_visit(self, place_id: str, **fields: Any) -> dict[str, Any]:
        return self.create("visit", {"place_id": place_id, **fields})

    def create_interview(self, visit_id: str, **fields: Any) -> dict[str, Any]:
        return self.create("interview", {"visit_id": visit_id, **fields})

    # -- outbox and conflicts ---------------------------------------------------------
    def outbox(self, limit: int | None = None, *, after: int = 0) -> list[dict[str, Any]]:
        """Outbox entries in the order they were made (those past seq ``after``)."""
        sql = "SELECT * FROM outbox WHERE seq > ? ORDER BY seq"
        if limit:
            sql += f" LIMIT {int(limit)}"
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples: a first push reads 21,800 entries
        cursor.execute(sql, (int(after),))
        names = [d[0] for d in cursor.description]
        at_fields, at_base = names.index("fields"), names.index("base")
        entries = []
        for row in cursor.fetchall():
            entry = dict(zip(names, row, strict=True))
            entry["fields"] = jsonwire.loads(row[at_fields])
            base = row[at_base]
            entry["base"] = {} if base == "{}" else jsonwire.loads(base)
            entries.append(entry)
        return entries

    def outbox_count(self) -> int:
        return self.db.table("outbox").count

    def conflict_count(self) -> int:
        return self.db.table("conflicts").count_where("resolved_at IS NULL")

    def open_conflicts(self) -> list[dict[str, Any]]:
        return [
            {**row, **{f: json.loads(row[f]) for f in ("mine", "theirs", "base")}}
            for row in self.db.table("conflicts").rows_where(
                "resolved_at IS NULL", order_by="created_at"
            )
        ]

    # -- queries for the GUI and reports ---------------------------------------------------
    # Raw SQL below: joins and correlated counts that rows_where cannot say, and search
    # (FTS5 MATCH, bm25, snippets) on the keystroke path measured in bench/gui.
    def places(
        self,
        region: str | None = None,
        departement: str | None = None,
        *,
        ids: Iterable[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Live places with their visit counts, sorted by région, département, commune, name."""
        where, params = ["p.deleted = 0"], []
        if region:
            where.append("p.region = ?")
            params.append(region)
        if departement:
            where.append("p.departement = ?")
            params.append(departement)
        if ids is not None:
            id_list = list(ids)
            where.append(f"p.id IN ({','.join('?' * len(id_list))})")
            params.extend(id_list)
        sql = f"""
            SELECT p.*, (SELECT count(*) FROM visits v WHERE v.place_id = p.id AND v.deleted = 0)
                AS visit_count
            FROM places p WHERE {" AND ".join(where)}
            ORDER BY p.region, p.departement, p.commune COLLATE NOCASE, p.name COLLATE NOCASE
        """
        k = schema.KINDS["place"]
        return [schema.from_db(k, dict(r)) for r in self.conn.execute(sql, params).fetchall()]

    def visits(
        self,
        *,
        place_id: str | None = None,
        region: str | None = None,
        departement: str | None = None,
        ids: Iterable[str] | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        include_drafts: bool = True,
    ) -> list[dict[str, Any]]:
        """Live visits with their place's name, commune and codes and their counts."""
        where, params = ["v.deleted = 0", "p.deleted = 0"], []
        for col, val in (
            ("v.place_id", place_id),
            ("p.region", region),
            ("p.departement", departement),
        ):
            if val:
                where.append(f"{col} = ?")
                params.append(val)
        if ids is not None:
            id_list = list(ids)
            where.append(f"v.id IN ({','.join('?' * len(id_list))})")
            params.extend(id_list)
        if date_from:
            where.append("v.visited_on >= ?")
            params.append(date_from)
        if date_to:
            where.append("v.visited_on <= ?")
            params.append(date_to)
        if not include_drafts:
            where.append("v.status = 'final'")
        sql = f"""
            SELECT v.*, p.name AS place_name, p.commune AS commune, p.departement AS departement,
                p.region AS region,
                (SELECT count(*) FROM interviews i WHERE i.visit_id = v.id AND i.deleted = 0)
                    AS interview_count,
                (SELECT count(*) FROM photos ph WHERE ph.visit_id = v.id AND ph.deleted = 0)
                    AS photo_count
            FROM visits v JOIN places p ON p.id = v.place_id
            WHERE {" AND ".join(where)}
            ORDER BY v.visited_on DESC, p.name COLLATE NOCASE
        """
        k = schema.KINDS["visit"]
        return [schema.from_db(k, dict(r)) for r in self.conn.execute(sql, params).fetchall()]

    def interviews(self, visit_id: str) -> list[dict[str, Any]]:
        k = schema.KINDS["interview"]
        rows = self.db.table("interviews").rows_where(
            "visit_id = ? AND deleted = 0", [visit_id], order_by="created_at, id"
        )
        return [schema.from_db(k, row) for row in rows]

    def photos(self, visit_id: str) -> list[dict[str, Any]]:
        k = schema.KINDS["photo"]
        rows = self.db.table("photos").rows_where(
            "visit_id = ? AND deleted = 0", [visit_id], order_by="position, created_at, id"
        )
        return [schema.from_db(k, row) for row in rows]

    def region_bundle(
        self,
        region: str,
        *,
        date_from: str | None = None,
        date_to: str | None = None,
        include_drafts: bool = True,
    ) -> dict[str, Any]:
        """Everything a region's report needs, in one call, nested place → visits → children.

        Places are sorted by département, commune and name; visits by date.
        """
        places = self.places(region=region)
        visits = self.visits(
            region=region, date_from=date_from, date_to=date_to, include_drafts=include_drafts
        )
        by_visit_interviews: dict[str, list[dict[str, Any]]] = {v["id"]: [] for v in visits}
        by_visit_photos: dict[str, list[dict[str, Any]]] = {v["id"]: [] for v in visits}
        ki, kp = schema.KINDS["interview"], schema.KINDS["photo"]
        for r in self.conn.execute(
            "SELECT i.* FROM interviews i JOIN visits v ON v.id = i.visit_id JOIN places p ON p.id = v.place_id "
            "WHERE p.region = ? AND i.deleted = 0 ORDER BY i.created_at, i.id",
            (region,),
        ):
            if r["visit_id"] in by_visit_interviews:
                by_visit_interviews[r["visit_id"]].append(schema.from_db(ki, dict(r)))
        for r in self.conn.execute(
            "SELECT ph.* FROM photos ph JOIN visits v ON v.id = ph.visit_id JOIN places p ON p.id = v.place_id "
            "WHERE p.region = ? AND ph.deleted = 0 ORDER BY ph.position, ph.created_at, ph.id",
            (region,),
        ):
            if r["visit_id"] in by_visit_photos:
                by_visit_photos[r["visit_id"]].append(schema.from_db(kp, dict(r)))
        visits_by_place: dict[str, list[dict[str, Any]]] = {}
        for v in sorted(visits, key=lambda v: (v["visited_on"], v["id"])):
            v["interviews"] = by_visit_interviews[v["id"]]
            v["photos"] = by_visit_photos[v["id"]]
            visits_by_place.setdefault(v["place_id"], []).append(v)
        for p in places:
            p["visits"] = visits_by_place.get(p["id"], [])
        return {"region": region, "places": places}

    # -- search ----------------------------------------------------------------------------
    def pause_search_merges(self) -> None:
        """For a run of bulk writes (a first sync's pages): FTS5 stops merging the indexes'
        segments after each transaction (``automerge`` 0), which was a third of writing a
        page (bench sync, down). :meth:`resume_search_merges` pays that back in one go;
        the setting is stored in the database, so a run cut off is resumed by the next
        call of :meth:`resume_search_merges_if_paused`."""
        with self.transaction():
            for index in SEARCH_INDEXES:
                self.conn.execute(f"INSERT INTO {index}({index}, rank) VALUES('automerge', 0)")

    def resume_search_merges(self) -> None:
        """FTS5's usual merging again, and a bounded merge of what the run left."""
        with self.transaction():
            for index in SEARCH_INDEXES:
                self.conn.execute(
                    f"INSERT INTO {index}({index}, rank) VALUES('automerge', ?)",
                    (SEARCH_AUTOMERGE,),
                )
                self.conn.execute(
                    f"INSERT INTO {index}({index}, rank) VALUES('merge', ?)",
                    (SEARCH_MERGE_PAGES,),
                )

    def resume_search_merges_if_paused(self) -> None:
        for index in SEARCH_INDEXES:
            row = self.conn.execute(
                f"SELECT v FROM {index}_config WHERE k = 'automerge'"
            ).fetchone()
            if row is not None and int(row[0]) == 0:
                self.resume_search_merges()
                return

    def rebuild_search(self) -> None:
        """Index every live row again, from the tables (each index follows its table's
        rowids, which a VACUUM may renumber)."""
        with self.transaction():
            for index in SEARCH_INDEXES:
                self.conn.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")

    def vacuum(self) -> None:
        """``VACUUM`` (outside a transaction). The search indexes follow their tables'
        rowids, which SQLite says a VACUUM may renumber in a table without an INTEGER
        PRIMARY KEY (it keeps them today): they are rebuilt if it did."""
        before = self._searched_rowids()
        self.conn.execute("VACUUM")
        if self._searched_rowids() != before:
            self.rebuild_search()

    def _searched_rowids(self) -> list[list[tuple[int, str]]]:
        return [
            self.conn.execute(f"SELECT rowid, id FROM {table} ORDER BY rowid").fetchall()
            for table in SEARCHED_TABLES.values()
        ]

    def optimize_search(self) -> None:
        """Merge each index into one segment: no old segment keeps a word (erasure)."""
        with self.transaction():
            for index in SEARCH_INDEXES:
                self.conn.execute(f"INSERT INTO {index}({index}) VALUES ('optimize')")

    def search(
        self, text: str, *, limit: int = 50, kinds: Iterable[str] | None = None
    ) -> list[SearchHit]:
        """Full-text, accent-insensitive, prefix search (fieldkit.store.search)."""
        return full_text_search(self.conn, text, limit=limit, kinds=kinds)


# Rows per statement of the bulk writes: insert_all's batches (sqlite-utils caps them so
# that a statement stays under SQLite's 999 parameters) and the search-index statements.
BATCH_SIZE = 500

#: sync_state key: while set (inside a bulk insert's transaction), the search index's
#: insert triggers stand aside and Store.insert_rows indexes the rows itself.
FTS_DEFERRED_KEY = "fts_deferred"


def _fields_of(k: schema.Kind, row: dict[str, Any]) -> dict[str, Any]:
    """A row's synced fields as Python values (what an outbox entry carries)."""
    record = schema.from_db(k, row)
    return {f: record[f] for f in k.fields}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


#: The search indexes, one per searched kind (fieldkit.store.search).
SEARCH_INDEXES = tuple(f"{table}_search" for table in SEARCHED_TABLES.values())


#: FTS5's default ``automerge`` (see Store.pause_search_merges), and how many pages of
#: merge work a paused run pays back at its end (about 2 MB of index).
SEARCH_AUTOMERGE = 4
SEARCH_MERGE_PAGES = 500

#: sync_state key: the highest outbox seq a sync has read (see Store.claim_outbox).
OUTBOX_CLAIMED_KEY = "outbox_claimed_seq"
