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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from fieldkit import encryption
from fieldkit.errors import NotFoundError, StaleWriteError, ValidationError
from fieldkit.paths import Home
from fieldkit.store import schema
from fieldkit.store.migrations import COMMUNE_MIGRATION, migrate

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class SearchHit:
    kind: str  # place, visit, interview
    id: str
    title: str
    snippet: str
    place_id: str
    visit_id: str | None


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
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )

    # -- generic record operations ---------------------------------------------------
    def get(
        self, kind: str, record_id: str, *, include_deleted: bool = False
    ) -> dict[str, Any] | None:
        k = schema.kind_of(kind)
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
        values = {f: v for f, v in k.defaults}
        values.update(schema.normalise(k, fields))
        for f in k.fields:
            values.setdefault(
                f, None if f in schema.NULLABLE_FIELDS else ([] if f in k.json_fields else "")
            )
        if kind == "place" and not values["commune_insee"]:
            values.update(_resolved_commune(values))
        with self.transaction():
            self._check_parent(k, values)
            values.update(schema.validate(k, values, self.today()))
            now = self.now()
            rid = record_id or new_id()
            if self.conn.execute(f"SELECT 1 FROM {k.table} WHERE id = ?", (rid,)).fetchone():
                raise ValidationError(
                    "id", f"A {kind} with id {rid} already exists.", code="duplicate_id"
                )
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
            # Plain INSERT: sqlite-utils' insert() inspects the table on every call, which
            # was half the cost of a create when building a large mission.
            cols = ", ".join(row)
            self.conn.execute(
                f"INSERT INTO {k.table} ({cols}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            self._append_outbox(kind, rid, "create", 0, values, {})
        return self.require(kind, rid)

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

    def claim_outbox(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The oldest outbox entries, marked as read by a sync, in one transaction.

        From then on edits no longer fold into them (they may be on the wire), so an
        entry's content never changes after a sync has read it.
        """
        with self.transaction():
            entries = self.outbox(limit)
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
    def outbox(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM outbox ORDER BY seq"
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = []
        for r in self.conn.execute(sql).fetchall():
            d = dict(r)
            d["fields"] = json.loads(d["fields"])
            d["base"] = json.loads(d["base"])
            rows.append(d)
        return rows

    def outbox_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM outbox").fetchone()[0])

    def conflict_count(self) -> int:
        return int(
            self.conn.execute(
                "SELECT count(*) FROM conflicts WHERE resolved_at IS NULL"
            ).fetchone()[0]
        )

    def open_conflicts(self) -> list[dict[str, Any]]:
        rows = []
        for r in self.conn.execute(
            "SELECT * FROM conflicts WHERE resolved_at IS NULL ORDER BY created_at"
        ).fetchall():
            d = dict(r)
            for f in ("mine", "theirs", "base"):
                d[f] = json.loads(d[f])
            rows.append(d)
        return rows

    # -- queries for the GUI and reports ---------------------------------------------------
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
        rows = self.conn.execute(
            "SELECT * FROM interviews WHERE visit_id = ? AND deleted = 0 ORDER BY created_at, id",
            (visit_id,),
        ).fetchall()
        return [schema.from_db(k, dict(r)) for r in rows]

    def photos(self, visit_id: str) -> list[dict[str, Any]]:
        k = schema.KINDS["photo"]
        rows = self.conn.execute(
            "SELECT * FROM photos WHERE visit_id = ? AND deleted = 0 ORDER BY position, created_at, id",
            (visit_id,),
        ).fetchall()
        return [schema.from_db(k, dict(r)) for r in rows]

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
    def search(
        self, text: str, *, limit: int = 50, kinds: Iterable[str] | None = None
    ) -> list[SearchHit]:
        """Full-text, accent-insensitive, prefix search over places, visits and interviews."""
        query = fts_query(text)
        if not query:
            return []
        where = "search_index MATCH ?"
        params: list[Any] = [query]
        if kinds:
            kind_list = list(kinds)
            where += f" AND kind IN ({','.join('?' * len(kind_list))})"
            params.extend(kind_list)
        # Ranking (bm25) costs microseconds per matching record, and a 3-letter prefix or a
        # very common word matches most of a mission. Past SEARCH_RANK_WINDOW matches, only
        # the most recently written ones (the index rowid grows with each write) are ranked;
        # typing more letters narrows the matches and the ranking is over all of them again.
        cutoff = self.conn.execute(
            f"SELECT rowid FROM search_index WHERE {where} ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            [*params, SEARCH_RANK_WINDOW - 1],
        ).fetchone()
        if cutoff is not None:
            where += " AND s.rowid >= ?"
            params.append(cutoff[0])
        params.append(limit)
        rows = self.conn.execute(
            f"""
            SELECT s.kind, s.record_id, s.title,
                snippet(search_index, 3, '[', ']', '…', 10) AS body_snippet,
                snippet(search_index, 2, '[', ']', '…', 10) AS title_snippet,
                CASE s.kind
                    WHEN 'place' THEN s.record_id
                    WHEN 'visit' THEN (SELECT place_id FROM visits WHERE id = s.record_id)
                    ELSE (SELECT v.place_id FROM interviews i JOIN visits v ON v.id = i.visit_id
                          WHERE i.id = s.record_id)
                END AS place_id,
                CASE s.kind
                    WHEN 'visit' THEN s.record_id
                    WHEN 'interview' THEN (SELECT visit_id FROM interviews WHERE id = s.record_id)
                END AS visit_id
            FROM search_index s WHERE {where} ORDER BY rank LIMIT ?
            """,
            params,
        ).fetchall()
        hits = []
        for r in rows:
            snippet = r["body_snippet"] if "[" in (r["body_snippet"] or "") else r["title_snippet"]
            hits.append(
                SearchHit(
                    r["kind"],
                    r["record_id"],
                    r["title"] or "",
                    (snippet or "").strip(),
                    r["place_id"],
                    r["visit_id"],
                )
            )
        return hits


# How many of the most recent matches a search ranks at most (see Store.search).
SEARCH_RANK_WINDOW = 500


#: sync_state key: the highest outbox seq a sync has read (see Store.claim_outbox).
OUTBOX_CLAIMED_KEY = "outbox_claimed_seq"


def fts_query(text: str) -> str:
    """Turn what a person typed into an FTS5 query: every word, as a prefix, must match."""
    words = []
    for raw in text.split():
        word = "".join(ch for ch in raw if ch.isalnum() or ch in "'-’")
        word = word.replace('"', "").strip("'-’")
        if word:
            words.append(f'"{word}"*')
    return " AND ".join(words)
