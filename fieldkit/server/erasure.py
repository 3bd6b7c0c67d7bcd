"""Erasure on the server (DESIGN §5.6, issue 10): a record and everything under it, gone.

``POST /sync/erase`` removes, in one transaction, the current rows of the record and its
descendants (a place's visits, a visit's interviews and photos), all their history rows,
conflicts and stored op results, and then the photo files no remaining photo uses. Each
erased id goes into the ``erasures`` table: the journal (who, when; no content) and the
deny-list that ``GET /sync/erasures`` hands to every client and that push consults, so an
old laptop can never bring an erased record back. On SQLite the database then runs
``VACUUM`` and a WAL checkpoint (``secure_delete`` is on for every connection), on
PostgreSQL ``VACUUM FULL`` of the touched tables, so the bytes are gone too.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Connection, and_, delete, select, text

from fieldkit.server import db
from fieldkit.server.auth import Principal
from fieldkit.server.blobs import BlobStore, deny_blobs
from fieldkit.store import schema
from fieldkit.store.store import iso

log = logging.getLogger(__name__)
Clock = Callable[[], dt.datetime]
ERASER_ROLES = ("admin", "coordinator")
# The tables an erasure deletes rows from (what VACUUM FULL rewrites on PostgreSQL).
TOUCHED_TABLES = (
    "records",
    "history",
    "conflicts",
    "applied_ops",
    "blobs",
    "blob_holders",
    "uploads",
)


class ErasureService:
    def __init__(self, database: db.Database, blobs: BlobStore, clock: Clock) -> None:
        self.db = database
        self.blobs = blobs
        self.clock = clock

    # -- deny-list ---------------------------------------------------------------------
    @staticmethod
    def erased(conn: Connection, kind: str, record_id: str) -> dict[str, Any] | None:
        """The deny-list row of this (kind, id): ids are unique within a kind only."""
        e = db.erasures
        row = (
            conn.execute(select(e).where(and_(e.c.kind == kind, e.c.record_id == record_id)))
            .mappings()
            .first()
        )
        return dict(row) if row is not None else None

    def since(self, since: int, limit: int) -> dict[str, Any]:
        """Erased ids after the cursor ``since``, in order (ids only: no région, no content)."""
        e = db.erasures
        with self.db.read() as conn:
            rows = (
                conn.execute(select(e).where(e.c.seq > since).order_by(e.c.seq).limit(limit + 1))
                .mappings()
                .all()
            )
            head = int(
                conn.execute(
                    select(db.counters.c.value).where(db.counters.c.name == "seq")
                ).scalar_one()
            )
        more = len(rows) > limit
        rows = rows[:limit]
        return {
            "erasures": [
                {
                    "kind": r["kind"],
                    "id": r["record_id"],
                    "seq": r["seq"],
                    "erased_at": r["erased_at"],
                }
                for r in rows
            ],
            "next": rows[-1]["seq"] if more else max(head, since),
            "more": more,
        }

    # -- erasing -----------------------------------------------------------------------
    def erase(self, p: Principal, items: Iterable[dict[str, str]]) -> list[dict[str, Any]]:
        results = [self._erase_one(p, item["kind"], item["id"]) for item in items]
        if any(r["status"] == "erased" and r["records"] for r in results):
            self.wipe_bytes()
        return results

    def _erase_one(self, p: Principal, kind: str, record_id: str) -> dict[str, Any]:
        def answer(status: str, code: str, message: str, records: int = 0) -> dict[str, Any]:
            return {
                "kind": kind,
                "id": record_id,
                "status": status,
                "code": code,
                "message": message,
                "records": records,
            }

        blobs_freed: list[str] = []
        uploads_freed: list[str] = []
        with self.db.push() as conn:  # takes the change-sequence lock, as a push does
            self._lock(conn)
            if self.erased(conn, kind, record_id) is not None:
                return answer("erased", "erased", "Already erased.")
            r = db.records
            root = (
                conn.execute(select(r).where(and_(r.c.kind == kind, r.c.id == record_id)))
                .mappings()
                .first()
            )
            # Everything below is keyed by (kind, id) and decided on what the lookup found:
            # an id of another kind, or a record the caller may not see, is "not found",
            # word for word as an unknown one (no existence oracle), and nothing is deleted.
            if root is None or not p.may_see(root["region"]):
                return answer(
                    "not_found",
                    "not_found",
                    f"No {kind} with id {record_id} on the server in your régions; nothing "
                    "was erased there.",
                )
            if p.role not in ERASER_ROLES:
                # Whatever is on the server, others may already have pulled: only a
                # coordinator (or an admin) erases it (docs/privacy.md).
                return answer(
                    "refused",
                    "coordinator_required",
                    f"This {kind} is on the server and others may already have received it: "
                    "a coordinator must erase it.",
                )
            ids = self._subtree(conn, kind, record_id)
            by_kind: dict[str, list[str]] = {}
            for k, rid in ids:
                by_kind.setdefault(k, []).append(rid)
            photo_ids = by_kind.get("photo", [])
            blobs = {
                row[0]
                for row in conn.execute(
                    select(r.c.blob).where(
                        and_(r.c.kind == "photo", r.c.id.in_(photo_ids), r.c.blob.is_not(None))
                    )
                )
                if row[0]
            }
            for k, rids in by_kind.items():
                conn.execute(delete(r).where(and_(r.c.kind == k, r.c.id.in_(rids))))
                for table in (db.history, db.conflicts, db.applied_ops):
                    conn.execute(
                        delete(table).where(and_(table.c.kind == k, table.c.record_id.in_(rids)))
                    )
            for sha in sorted(blobs):
                still_used = conn.execute(select(r.c.id).where(r.c.blob == sha).limit(1)).first()
                if still_used is None:
                    conn.execute(delete(db.blobs).where(db.blobs.c.sha256 == sha))
                    conn.execute(delete(db.blob_holders).where(db.blob_holders.c.sha256 == sha))
                    # Uploads are per user, their part files named by the upload's id.
                    uploads_freed.extend(
                        conn.execute(
                            select(db.uploads.c.id).where(db.uploads.c.sha256 == sha)
                        ).scalars()
                    )
                    conn.execute(delete(db.uploads).where(db.uploads.c.sha256 == sha))
                    blobs_freed.append(sha)
            now = iso(self.clock())
            deny_blobs(conn, blobs_freed, now)
            for k, rid in ids:
                # One row per (kind, id): an erased place leaves a visit of the same id
                # pushable, and erasing that visit later still reaches every laptop.
                if self.erased(conn, k, rid) is None:
                    conn.execute(
                        db.erasures.insert().values(
                            kind=k,
                            record_id=rid,
                            seq=self._next_seq(conn),
                            erased_by=p.name,
                            erased_at=now,
                        )
                    )
        for sha in blobs_freed:
            self.blobs.discard(sha)
        for upload_id in uploads_freed:
            self.blobs.part_path(upload_id).unlink(missing_ok=True)
            self.blobs.forget_hash(upload_id)
        # The journal line: ids, who and when; never names or notes.
        log.info(
            "erased %s %s and %d record(s) under it, by %s", kind, record_id, len(ids) - 1, p.name
        )
        return answer(
            "erased",
            "erased",
            f"Erased {len(ids)} record(s) and {len(blobs_freed)} photo file(s).",
            len(ids),
        )

    @staticmethod
    def _subtree(conn: Connection, kind: str, record_id: str) -> list[tuple[str, str]]:
        """The record and everything under it (tombstoned children included).

        A child is found by its parent's id *and kind*: the interviews of a visit that
        shares an erased place's id are not the place's."""
        r = db.records
        out = [(kind, record_id)]
        frontier = [(kind, record_id)]
        while frontier:
            found: list[tuple[str, str]] = []
            for parent_kind in sorted({k for k, _ in frontier}):
                ids = [rid for k, rid in frontier if k == parent_kind]
                child_kinds = [
                    c.name for c in schema.KINDS.values() if c.parent and c.parent[1] == parent_kind
                ]
                if not child_kinds:
                    continue
                rows = conn.execute(
                    select(r.c.kind, r.c.id).where(
                        and_(r.c.kind.in_(child_kinds), r.c.parent_id.in_(ids))
                    )
                ).all()
                found.extend((row[0], row[1]) for row in rows)
            frontier = found
            out.extend(found)
        return out

    @staticmethod
    def _lock(conn: Connection) -> None:
        if conn.dialect.name != "sqlite":
            conn.execute(
                select(db.counters.c.value).where(db.counters.c.name == "seq").with_for_update()
            )

    @staticmethod
    def _next_seq(conn: Connection) -> int:
        c = db.counters
        conn.execute(c.update().where(c.c.name == "seq").values(value=c.c.value + 1))
        return int(conn.execute(select(c.c.value).where(c.c.name == "seq")).scalar_one())

    def wipe_bytes(self) -> None:
        """Make deleted rows unreadable on disk, not only unreachable."""
        engine = self.db.writer
        if self.db.is_sqlite:
            with engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert raw is not None
                # Rewrites the file without free pages (rows deleted before secure_delete
                # was on, old versions), then empties the WAL.
                raw.execute("VACUUM")
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in TOUCHED_TABLES:
                try:
                    conn.execute(text(f"VACUUM FULL {table}"))
                except Exception as exc:  # noqa: BLE001 - a busy table is retried next time
                    log.warning("VACUUM FULL %s failed: %s", table, exc)
