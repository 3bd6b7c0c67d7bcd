"""Push, pull and conflicts on the server (DESIGN §5; the contract is docs/sync-protocol.md).

Every op runs in its own write transaction. A global sequence number, taken under the
counter row's lock inside that transaction, stamps every change, so pulls walk changes in
commit order and never skip one. The region of each record (its place's region) is stored
on the row so that pulls filter by region in the query itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import Connection, and_, bindparam, insert, select, update

from fieldkit import jsonwire
from fieldkit.errors import ValidationError
from fieldkit.server import db
from fieldkit.server.auth import Principal
from fieldkit.server.erasure import ErasureService
from fieldkit.server.errors import ApiError, forbidden, not_found
from fieldkit.server.group_commit import GroupCommit
from fieldkit.store import schema
from fieldkit.store.store import iso

Clock = Callable[[], dt.datetime]
Row = Mapping[Any, Any]  # a records row, as read or as just written
_MISSING = object()
# Which kinds hang under which: a region change of a parent moves these too.
CHILD_KINDS = {"place": ("visit",), "visit": ("interview", "photo")}
REGION_FIELDS = {"region", "departement", "postcode"}


# The statements of the push hot path, built once: building a SQLAlchemy statement costs
# several times more than running it on SQLite.
_R = db.records
_LOAD = select(_R).where(and_(_R.c.kind == bindparam("b_kind"), _R.c.id == bindparam("b_id")))
_LOAD_LOCKED = _LOAD.with_for_update()
_INSERT_RECORD = insert(_R)
_UPDATE_RECORD = update(_R).where(
    and_(_R.c.kind == bindparam("b_kind"), _R.c.id == bindparam("b_id"))
)
_INSERT_HISTORY = insert(db.history)
_INSERT_APPLIED = insert(db.applied_ops)
_FIND_APPLIED = select(db.applied_ops).where(db.applied_ops.c.op_id == bindparam("b_op_id"))
_SEQ_ROW = db.counters.c.name == "seq"
_BUMP_SEQ = update(db.counters).where(_SEQ_ROW).values(value=db.counters.c.value + 1)
_BUMP_SEQ_RETURNING = _BUMP_SEQ.returning(db.counters.c.value)
_READ_SEQ = select(db.counters.c.value).where(_SEQ_ROW)
_LOCK_SEQ = _READ_SEQ.with_for_update()
_SET_SEQ = update(db.counters).where(_SEQ_ROW).values(value=bindparam("b_value"))
_IDENTITY = select(db.server_identity).where(db.server_identity.c.name == "server")
# The server's identity and the head of the change sequence in one statement (every push
# checks them against its client's; every pull answers with them).
_IDENTITY_AND_HEAD = select(
    db.server_identity,
    select(db.counters.c.value).where(_SEQ_ROW).scalar_subquery().label("head"),
).where(db.server_identity.c.name == "server")
_H = db.history
_BASE_FIELDS = select(_H.c.fields).where(
    and_(
        _H.c.kind == bindparam("b_kind"),
        _H.c.record_id == bindparam("b_id"),
        _H.c.version == bindparam("b_version"),
    )
)
# The pull's statements, built once: a pull's fixed cost is mostly these (bench load);
# its page of records is read at the driver (SyncService.pull).
_C = db.conflicts
_PULL_CONFLICTS = (
    select(_C)
    .where(
        and_(
            _C.c.user_name == bindparam("b_user"),
            _C.c.seq > bindparam("b_since"),
            _C.c.seq <= bindparam("b_next"),
        )
    )
    .order_by(_C.c.seq)
)
_E = db.erasures
_PULL_ERASED = (
    select(_E)
    .where(and_(_E.c.seq > bindparam("b_since"), _E.c.seq <= bindparam("b_next")))
    .order_by(_E.c.seq)
)


class _Batch:
    """One push page in one write transaction: what it read and what it will write.

    Records the page touches are loaded with a few IN queries instead of one SELECT per
    op; new versions, history rows and op results are written with one executemany each
    at the end (or before a query that must see them); the change sequence is read once
    under its lock and written back once. Every check that can reject an op runs before
    that op writes anything, so a rejected op leaves nothing behind.
    """

    def __init__(self, conn: Connection, seq: int, now: str) -> None:
        self.conn = conn
        self.seq = seq
        # The server's time of the page's one transaction, read once: every version and
        # result the page writes carries it.
        self.now = now
        self.seq_dirty = False
        self.records: dict[tuple[str, str], dict[str, Any] | None] = {}
        self.applied: dict[str, dict[str, Any]] = {}
        self.inserts: dict[tuple[str, str], dict[str, Any]] = {}
        self.updates: dict[tuple[str, str], dict[str, Any]] = {}
        self.history: list[dict[str, Any]] = []
        self.results: list[dict[str, Any]] = []
        # The deny-list rows of every (kind, id) the page names (records and parents),
        # read once per page: a query per op was most of a push's cost (bench sync, up).
        self.erased: dict[tuple[str, str], dict[str, Any]] = {}

    def next_seq(self) -> int:
        self.seq += 1
        self.seq_dirty = True
        return self.seq

    def flush(self) -> None:
        conn = self.conn
        if self.inserts:
            _insert_many(conn, db.records, list(self.inserts.values()))
            self.inserts.clear()
        if self.updates:
            by_columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
            for (kind, rid), values in self.updates.items():
                by_columns.setdefault(tuple(values), []).append((*values.values(), kind, rid))
            quote = conn.dialect.identifier_preparer.quote
            mark = _placeholder(conn)
            for columns, params in by_columns.items():
                sets = ", ".join(f"{quote(c)} = {mark}" for c in columns)
                conn.exec_driver_sql(
                    f"UPDATE records SET {sets} WHERE kind = {mark} AND id = {mark}", params
                )
            self.updates.clear()
        if self.history:
            _insert_many(conn, db.history, self.history)
            self.history = []
        if self.results:
            _insert_many(conn, db.applied_ops, self.results)
            self.results = []
        if self.seq_dirty:
            conn.execute(_SET_SEQ, {"b_value": self.seq})
            self.seq_dirty = False


def _placeholder(conn: Connection) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def _select_in(
    conn: Connection,
    table: str,
    column: str,
    values: Sequence[str],
    *,
    kind: str | None = None,
    lock: bool = False,
) -> list[dict[str, Any]]:
    """Every row of ``table`` whose ``column`` is among ``values`` (and of ``kind``), as
    dicts, 500 values per query."""
    mark = _placeholder(conn)
    out: list[dict[str, Any]] = []
    for start in range(0, len(values), 500):
        chunk = list(values[start : start + 500])
        sql = f"SELECT * FROM {table} WHERE {column} IN ({', '.join([mark] * len(chunk))})"
        if kind is not None:
            sql += f" AND kind = {mark}"
            chunk.append(kind)
        if lock:
            sql += " FOR UPDATE"
        cursor = conn.exec_driver_sql(sql, tuple(chunk))
        names = list(cursor.keys())
        out.extend(dict(zip(names, row, strict=True)) for row in cursor.fetchall())
    return out


def _insert_many(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """One executemany at the driver: SQLAlchemy's per-row parameter processing cost more
    than SQLite's insert itself. The rows share their keys (built by the same code)."""
    columns = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    mark = _placeholder(conn)
    conn.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})",
        list(map(itemgetter(*columns), rows))
        if len(columns) > 1
        else [(r[columns[0]],) for r in rows],
    )


def nul_op_ids(ops: Sequence[dict[str, Any]]) -> set[str]:
    """The ids of the ops whose fields or base hold a NUL character."""
    try:
        # The batch as JSON, in C: a NUL anywhere in it is written \u0000. Without that,
        # no op holds one (a first push: 500 ops per batch, none with a NUL).
        if b"\\u0000" not in orjson.dumps([[op.get("fields"), op.get("base")] for op in ops]):
            return set()
    except TypeError:
        pass  # what orjson cannot encode (past 64-bit integers…): op by op below
    return {op["op_id"] for op in ops if _has_nul(op.get("fields")) or _has_nul(op.get("base"))}


def _has_nul(value: Any) -> bool:
    # repr() writes a NUL as the four characters \x00 (in C, quickly): without them there
    # is none; with them (or a text holding "\x00" itself) the walk below decides.
    if "\\x00" not in repr(value):
        return False
    return _walk_nul(value)


def _walk_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_walk_nul(k) or _walk_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_walk_nul(v) for v in value)
    return False


def _not_in_your_regions(kind: str, record_id: str) -> str:
    """The one answer for a record the server lacks and for one the caller may not see
    (no existence oracle); worded so that it is true of both, e.g. a place a coordinator
    moved to another région while an agent's edit of it waited."""
    return (
        f"No {kind} with id {record_id} on the server in your régions (not sent yet, or in "
        "a région you are not assigned to)."
    )


class OpRejected(Exception):
    """The op cannot be applied; nothing was changed."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field


def dumps(value: Any) -> str:
    return jsonwire.dumps(value, sort_keys=True)


class StoredRecord:
    """A push result's record as the row holds it (``fields`` as stored JSON text): the
    answer splices that text in (:meth:`SyncService.push_json`) instead of decoding and
    encoding every record's fields again."""

    __slots__ = ("row", "as_sent")

    def __init__(self, row: Mapping[Any, Any], *, as_sent: bool = False) -> None:
        self.row = row
        # A create whose stored fields are exactly the op's: a lean answer leaves them out.
        self.as_sent = as_sent


# A record's envelope as every answer carries it, beside its fields.
_ENVELOPE = (
    "kind",
    "id",
    "version",
    "seq",
    "deleted",
    "region",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
)


def _envelope(row: Mapping[Any, Any]) -> dict[str, Any]:
    out = {name: row[name] for name in _ENVELOPE}
    out["deleted"] = bool(out["deleted"])
    return out


def record_out(row: Mapping[Any, Any]) -> dict[str, Any]:
    return {**_envelope(row), "fields": json.loads(row["fields"])}


# What a pull reads of each record, in this order (the envelope, then the stored fields).
_PULL_COLUMNS = (*_ENVELOPE, "fields")
_PULL_SEQ = _PULL_COLUMNS.index("seq")
_PULL_FIELDS = _PULL_COLUMNS.index("fields")


def _stored_out(row: Mapping[Any, Any]) -> dict[str, Any]:
    """``record_out(row)`` with the stored fields text kept as is (jsonwire.Raw)."""
    return {**_envelope(row), "fields": jsonwire.Raw(row["fields"])}


def _pulled_out(row: Sequence[Any]) -> dict[str, Any]:
    """A pulled record (a row of ``_PULL_COLUMNS``), the stored fields text kept as is."""
    kind, rid, version, seq, deleted, region, created, updated, created_by, updated_by, fields = row
    return {
        "kind": kind,
        "id": rid,
        "version": version,
        "seq": seq,
        "deleted": bool(deleted),
        "region": region,
        "fields": jsonwire.Raw(fields),
        "created_at": created,
        "updated_at": updated,
        "created_by": created_by,
        "updated_by": updated_by,
    }


#: A pulled table's columns before the kind's fields: the envelope without kind and region.
TABLE_ENVELOPE = schema.PULL_TABLE_ENVELOPE

_TablePlan = tuple[list[str], Callable[[Any], Any], tuple[tuple[str, Any], ...]]
_TABLE_PLANS: dict[str, _TablePlan] = {}


def _table_plan(kind: str) -> _TablePlan:
    """A kind's table columns, a getter of its fields' values from a stored record (every
    kind has several fields: the getter gives a tuple), and per field (name, value when the
    stored record lacks it)."""
    plan = _TABLE_PLANS.get(kind)
    if plan is None:
        k = schema.kind_of(kind)
        plan = (
            [*TABLE_ENVELOPE, *k.fields],
            itemgetter(*k.fields),
            tuple((f, schema.field_default(k, f)) for f in k.fields),
        )
        _TABLE_PLANS[kind] = plan
    return plan


def pulled_tables(rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    """Pulled rows (of ``_PULL_COLUMNS``, in seq order) as tables: each run of consecutive
    records of one kind is one table, ``columns`` the envelope then every field of the
    kind, one row of values per record, in the same order. The values are the record
    shape's (booleans as booleans, tags as lists); a field the stored record lacks takes
    its default (``schema.field_default``), as a client fills it in. A client builds its
    rows from these without a dict per record (bench sync, down)."""
    tables: list[dict[str, Any]] = []
    kind_now: str | None = None
    out: list[list[Any]] = []
    values_of: Callable[[Any], Any] = tuple
    plan: tuple[tuple[str, Any], ...] = ()
    for row in rows:
        kind, rid, version, seq, deleted, _region, created, updated, c_by, u_by, text = row
        if kind != kind_now:
            columns, values_of, plan = _table_plan(kind)
            out = []
            tables.append({"kind": kind, "columns": columns, "rows": out})
            kind_now = kind
        fields = jsonwire.loads(text)
        try:
            values = values_of(fields)  # every field stored: the usual case, in C
        except KeyError:
            values = [fields.get(f, default) for f, default in plan]
        out.append([rid, version, seq, bool(deleted), created, updated, c_by, u_by, *values])
    return tables


def conflict_out(row: Mapping[Any, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "kind": row["kind"],
        "record_id": row["record_id"],
        "op_id": row["op_id"],
        "user": row["user_name"],
        "server_version": row["server_version"],
        "seq": row["seq"],
        "fields": json.loads(row["fields"]),
        "mine": json.loads(row["mine"]),
        "theirs": json.loads(row["theirs"]),
        "base": json.loads(row["base"]),
        "created_at": row["created_at"],
        "resolved_at": row["resolved_at"],
        "resolved_by": row["resolved_by"],
    }


def _blank(kind: schema.Kind) -> dict[str, Any]:
    """A new record's values before the client's fields: defaults, then empty values."""
    values: dict[str, Any] = dict(kind.defaults)
    for f in kind.fields:
        values.setdefault(
            f, None if f in schema.NULLABLE_FIELDS else ([] if f in kind.json_fields else "")
        )
    return values


class SyncService:
    def __init__(self, database: db.Database, clock: Clock) -> None:
        self.db = database
        self.clock = clock
        # The push page being applied on this thread (pushes run in a thread pool).
        self._local = threading.local()
        self._pushes: GroupCommit[
            tuple[Principal, Sequence[dict[str, Any]]], list[dict[str, Any]]
        ] = GroupCommit(database.push, self._push_group)

    def pushes_pending(self) -> int:
        """Pushes received and not answered yet: waiting for the write lock or applying."""
        return self._pushes.pending()

    def _batch(self, conn: Connection) -> _Batch | None:
        batch: _Batch | None = getattr(self._local, "batch", None)
        return batch if batch is not None and batch.conn is conn else None

    @contextlib.contextmanager
    def _reading(self, conn: Connection | None) -> Iterator[Connection]:
        if conn is not None:
            yield conn
        else:
            with self.db.read() as new:
                yield new

    def today(self) -> dt.date:
        return self.clock().astimezone(dt.UTC).date()

    # -- identity ----------------------------------------------------------------------
    def identity(self, conn: Connection | None = None) -> dict[str, Any]:
        """The server's id (changes on restore) and head of the change sequence."""
        if conn is None:
            with self.db.read() as c:
                return self.identity(c)
        row = conn.execute(_IDENTITY_AND_HEAD).mappings().one()
        return {
            "server_id": row["server_id"],
            "head": int(row["head"]),
            "reason": row["reason"],
            "since": row["created_at"],
            "restored_mark": row["restored_mark"],
        }

    def check_timeline(
        self, server_id: str | None, cursor: int | None, conn: Connection | None = None
    ) -> dict[str, Any]:
        """Refuse a push from a client that synced with another incarnation of this store
        (restored from a backup since): it must reconcile first (docs/sync-protocol.md)."""
        ident = self.identity(conn)
        if (server_id is not None and server_id != ident["server_id"]) or (
            cursor is not None and cursor > ident["head"]
        ):
            raise ApiError(
                409,
                "server_changed",
                "The server was restored from a backup since this device last synced; "
                "reconcile (re-send what the server lacks, pull from zero) and push again. "
                "Nothing in this batch was applied.",
                details={"server_id": ident["server_id"], "head": ident["head"]},
            )
        return ident

    def reconcile_versions(self, p: Principal, keys: Sequence[tuple[str, str]]) -> list[Any]:
        """For each (kind, id): the server's current version and the version (and deleted
        flag) the restored backup held, or nulls when the server does not have the record
        or the user may not see it. A reconciling client re-sends against the latter."""
        h, r = db.history, db.records
        out: list[dict[str, Any]] = []
        with self.db.read() as conn:
            mark = conn.execute(_IDENTITY).mappings().one()["restored_mark"]
            by_kind: dict[str, list[str]] = {}
            for kind, rid in keys:
                by_kind.setdefault(kind, []).append(rid)
            found: dict[tuple[str, str], dict[str, Any]] = {}
            for kind, ids in by_kind.items():
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    rows = conn.execute(
                        select(r.c.id, r.c.version, r.c.deleted, r.c.region).where(
                            and_(r.c.kind == kind, r.c.id.in_(chunk))
                        )
                    ).all()
                    for row in rows:
                        if p.may_see(row.region):
                            found[(kind, row.id)] = {
                                "version": row.version,
                                "restored_version": row.version,
                                "restored_deleted": bool(row.deleted),
                            }
                    if mark is None:
                        continue
                    # What the backup held: the last version written before the restore.
                    hist = conn.execute(
                        select(h.c.record_id, h.c.version, h.c.deleted)
                        .where(and_(h.c.kind == kind, h.c.record_id.in_(chunk), h.c.id <= mark))
                        .order_by(h.c.record_id, h.c.version)
                    ).all()
                    for old in hist:
                        entry = found.get((kind, old.record_id))
                        if entry is not None:
                            entry["restored_version"] = old.version
                            entry["restored_deleted"] = bool(old.deleted)
        for kind, rid in keys:
            entry = found.get(
                (kind, rid),
                {"version": None, "restored_version": None, "restored_deleted": None},
            )
            out.append({"kind": kind, "id": rid, **entry})
        return out

    # -- push ------------------------------------------------------------------------
    def push(self, principal: Principal, ops: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """One result per op (docs/sync-protocol.md), records as dicts."""
        results = self.push_results(principal, ops)
        for result in results:
            if isinstance(result["record"], StoredRecord):
                result["record"] = record_out(result["record"].row)
        return results

    @staticmethod
    def push_json(results: list[dict[str, Any]], server_id: str, *, lean: bool = False) -> bytes:
        """The push answer as JSON bytes, each record's stored fields text spliced in.

        ``lean`` (the client asked for it): a create stored exactly as sent comes back
        without ``fields`` — the client has them (docs/sync-protocol.md)."""
        out = []
        for result in results:
            stored = result["record"]
            if isinstance(stored, StoredRecord):
                record = _stored_out(stored.row)
                if lean and stored.as_sent:
                    del record["fields"]
                result = {**result, "record": record}
            out.append(result)
        return jsonwire.dumps_bytes({"results": out, "server_id": server_id})

    def push_results(
        self,
        principal: Principal,
        ops: Sequence[dict[str, Any]],
        *,
        regions_checked: bool = False,
        with_nul: set[str] | None = None,
    ) -> list[dict[str, Any]]:
        """:meth:`push`, records left as :class:`StoredRecord` (see :meth:`push_json`).

        ``regions_checked``: the caller already ran :meth:`refuse_forbidden` on ``ops``;
        ``with_nul``: the ids of its ops holding a NUL (:func:`nul_op_ids`), when the
        caller already has them (the check walks every value)."""
        # A NUL character can't be stored in PostgreSQL text (nor be a sensible id): such an
        # op is rejected with a reason before anything reads the database with its values.
        if with_nul is None:
            with_nul = nul_op_ids(ops)
        if with_nul:
            checked = [op for op in ops if op["op_id"] not in with_nul]
            by_id = (
                {
                    r["op_id"]: r
                    for r in self.push_results(
                        principal, checked, regions_checked=regions_checked, with_nul=set()
                    )
                }
                if checked
                else {}
            )
            nul = OpRejected(
                422, "nul_character", "A value contains a NUL character (\\u0000); remove it."
            )
            return [
                self._rejected(op, nul) if op["op_id"] in with_nul else by_id[op["op_id"]]
                for op in ops
            ]
        if not regions_checked:
            self.refuse_forbidden(principal, ops)
        if not ops:
            return []
        # The push gate, then the change-sequence lock: with the pushes queued behind it,
        # as one group in one transaction (group_commit.py).
        return self._pushes.run((principal, ops), len(ops))

    def refuse_forbidden(
        self,
        principal: Principal,
        ops: Sequence[dict[str, Any]],
        conn: Connection | None = None,
        with_nul: set[str] | None = None,
    ) -> None:
        """403, nothing applied, if any op (NUL ones aside: they are rejected one by one)
        touches a record outside the agent's régions; read in ``conn``'s transaction when
        given (the push endpoint's token check shares it)."""
        if principal.all_regions:
            return
        if with_nul is None:
            with_nul = nul_op_ids(ops)
        checked = [op for op in ops if op["op_id"] not in with_nul] if with_nul else ops
        refused = self._forbidden_ops(principal, checked, conn)
        if refused:
            raise forbidden(
                f"{len(refused)} operation(s) touch records outside your régions "
                f"({', '.join(principal.regions) or 'none'}); nothing in this batch was "
                "applied. Drop those operations and push the rest.",
                op_ids=refused,
            )

    def _push_group(
        self, conn: Connection, pushes: list[tuple[Principal, Sequence[dict[str, Any]]]]
    ) -> list[list[dict[str, Any]]]:
        """Several pushes in order, as one page: read and written once, one result list each."""
        batch = _Batch(conn, self._locked_seq(conn), iso(self.clock()))
        self._local.batch = batch
        try:
            self._prefetch(batch, [op for _, ops in pushes for op in ops])
            results = [[self._push_one(p, batch, op) for op in ops] for p, ops in pushes]
            batch.flush()
        finally:
            self._local.batch = None
        return results

    def _prefetch(self, batch: _Batch, ops: Sequence[dict[str, Any]]) -> None:
        """What the page's ops will read: their stored results (retries), the deny-list
        rows of every id they name, and their records and parents. At the driver, with
        plain IN lists: SQLAlchemy's statement building and row mappings cost more than
        the queries (bench sync, up)."""
        conn = batch.conn
        op_ids = [op["op_id"] for op in ops]
        for row in _select_in(conn, "applied_ops", "op_id", op_ids):
            batch.applied[row["op_id"]] = row
        wanted: dict[str, set[str]] = {}
        for op in ops:
            wanted.setdefault(op["kind"], set()).add(op["record_id"])
            k = schema.KINDS.get(op["kind"])
            if k is not None and k.parent:
                parent_id = (op.get("fields") or {}).get(k.parent[0])
                if isinstance(parent_id, str) and parent_id:
                    wanted.setdefault(k.parent[1], set()).add(parent_id)
        named = sorted(set().union(*wanted.values())) if wanted else []
        for row in _select_in(conn, "erasures", "record_id", named):
            batch.erased[(row["kind"], row["record_id"])] = row
        # PostgreSQL: lock the rows (SQLite already holds the database's write lock).
        lock = conn.dialect.name != "sqlite"
        for kind, id_set in wanted.items():
            ids = sorted(id_set)
            found = {
                row["id"]: row
                for row in _select_in(conn, "records", "id", ids, kind=kind, lock=lock)
            }
            for rid in ids:
                batch.records[(kind, rid)] = found.get(rid)

    def _push_one(self, p: Principal, batch: _Batch, op: dict[str, Any]) -> dict[str, Any]:
        conn = batch.conn
        try:
            stored = batch.applied.get(op["op_id"])
            if stored is not None:
                return self._replay(conn, p, op, stored)
            result = self._apply(conn, p, op)
            applied = {
                "op_id": op["op_id"],
                "user_name": p.name,
                "kind": op["kind"],
                "record_id": op["record_id"],
                "result": dumps({k: result[k] for k in ("status", "version", "conflict")}),
                "created_at": batch.now,
            }
            batch.applied[op["op_id"]] = applied
            batch.results.append(applied)
            return result
        except ValidationError as exc:
            return self._rejected(op, OpRejected(422, exc.code, exc.message, exc.field))
        except OpRejected as exc:
            return self._rejected(op, exc)

    def _replay(
        self, conn: Connection, p: Principal, op: dict[str, Any], stored: Row
    ) -> dict[str, Any]:
        if stored["user_name"] != p.name or (stored["kind"], stored["record_id"]) != (
            op["kind"],
            op["record_id"],
        ):
            raise OpRejected(
                409,
                "op_id_reused",
                f"Operation id {op['op_id']} was already used for another change.",
            )
        result = json.loads(stored["result"])
        current = self._load(conn, stored["kind"], stored["record_id"])
        return {
            "op_id": op["op_id"],
            **result,
            "record": StoredRecord(current) if current is not None else None,
            "error": None,
            "replayed": True,
        }

    @staticmethod
    def _rejected(op: dict[str, Any], exc: OpRejected) -> dict[str, Any]:
        return {
            "op_id": op["op_id"],
            "status": "rejected",
            "version": None,
            "record": None,
            "conflict": None,
            "error": {
                "code": exc.code,
                "message": exc.message,
                "status": exc.status,
                "field": exc.field,
            },
            "replayed": False,
        }

    def _apply(self, conn: Connection, p: Principal, op: dict[str, Any]) -> dict[str, Any]:
        k = schema.kind_of(op["kind"])
        rid = op["record_id"]
        self._refuse_erased(conn, k, op)
        current = self._load(conn, k.name, rid, lock=True)
        if current is not None and not p.may_see(current["region"]):
            # Answered as for an unknown id (no existence oracle); a create cannot take an
            # id that is taken, whoever may see its record.
            if op["op"] == "create":
                raise OpRejected(
                    409,
                    "id_taken",
                    f"The id {rid} is already used on the server; this {k.name} was set "
                    "aside (create it again to give it a new id).",
                )
            current = None
        if op["op"] == "create":
            return self._create(conn, p, k, op, current)
        if current is None:
            raise OpRejected(404, "not_found", _not_in_your_regions(k.name, rid))
        if op["op"] == "update":
            return self._update(conn, p, k, op, current)
        if op["op"] == "delete":
            return self._delete(conn, p, k, op, current)
        return self._restore(conn, p, k, op, current)

    def _refuse_erased(self, conn: Connection, k: schema.Kind, op: dict[str, Any]) -> None:
        """The deny-list: an erased record (or a child of one) never comes back."""
        batch: _Batch | None = getattr(self._local, "batch", None)
        named = [(k.name, op["record_id"])]
        if k.parent:
            named.append((k.parent[1], op["fields"].get(k.parent[0])))
        for kind, rid in named:
            if not isinstance(rid, str):
                continue
            # Keyed by (kind, id): a record whose id equals that of an erased record of
            # another kind is not refused. _prefetch read the deny-list for every id of
            # the page; an erasure takes the same sequence lock as a push, so none can
            # land in between.
            gone = (
                batch.erased.get((kind, rid))
                if batch is not None
                else ErasureService.erased(conn, kind, rid)
            )
            if gone is not None:
                raise OpRejected(
                    410,
                    "erased",
                    f"{gone['kind'].capitalize()} {rid} was erased permanently on "
                    f"{gone['erased_at'][:10]}; this change was set aside and cannot bring "
                    "it back.",
                )

    def _create(
        self,
        conn: Connection,
        p: Principal,
        k: schema.Kind,
        op: dict[str, Any],
        current: Row | None,
    ) -> dict[str, Any]:
        sent = schema.normalise(k, op["fields"])
        values = _blank(k)
        values.update(sent)
        if current is None:
            self._check_parent(conn, p, k, values)
            values.update(schema.validate(k, values, self.today()))
            region = self._region_for(conn, k, values)
            self._check_region(p, k, region)
            row = self._write(conn, p, k, op, values, deleted=False, version=1, region=region)
            result = self._result(op, "applied", row)
            if {f: values.get(f) for f in k.fields} == op["fields"]:
                result["record"].as_sent = True
            return result
        # The same id again: a retry that lost its op id, or a real clash of content.
        with contextlib.suppress(ValidationError):
            values.update(schema.validate(k, values, self.today()))
        theirs = json.loads(current["fields"])
        differing = sorted(f for f in k.fields if theirs.get(f) != values[f])
        if not differing and not current["deleted"]:
            return self._result(op, "duplicate", current)
        fields = differing + (["deleted"] if current["deleted"] else [])
        mine = {f: values[f] for f in differing}
        their_values = {f: theirs.get(f) for f in differing}
        if current["deleted"]:
            mine["deleted"], their_values["deleted"] = False, True
        conflict = self._conflict(conn, p, k, op, current, fields, mine, their_values, {})
        return self._result(op, "conflict", current, conflict)

    def _update(
        self,
        conn: Connection,
        p: Principal,
        k: schema.Kind,
        op: dict[str, Any],
        current: Row,
    ) -> dict[str, Any]:
        new = schema.normalise(k, op["fields"])
        theirs = json.loads(current["fields"])
        base = self._base_values(conn, k, op, list(new))
        if current["deleted"]:
            # An edit racing a delete: the record stays deleted, the edit is kept aside.
            fields = ["deleted", *sorted(new)]
            conflict = self._conflict(
                conn,
                p,
                k,
                op,
                current,
                fields,
                {**new, "deleted": False},
                {**{f: theirs.get(f) for f in new}, "deleted": True},
                {**{f: base.get(f) for f in new}, "deleted": False},
            )
            return self._result(op, "conflict", current, conflict)
        stale = op["base_version"] != current["version"]
        take: dict[str, Any] = {}
        clashing: list[str] = []
        for f, value in new.items():
            if theirs.get(f) == value:
                continue
            if stale and base.get(f, _MISSING) == value:
                continue  # the op leaves f as it was at its base: the server's change stands
            if not stale or theirs.get(f) == base.get(f, _MISSING):
                take[f] = value
            else:
                clashing.append(f)
        row = current
        if take:
            merged = {**theirs, **take}
            if k.parent and k.parent[0] in take:
                self._check_parent(conn, p, k, merged)
            merged.update(schema.validate(k, merged, self.today()))
            region = self._region_for(conn, k, merged)
            self._check_region(p, k, region)
            row = self._write(
                conn,
                p,
                k,
                op,
                merged,
                deleted=False,
                version=current["version"] + 1,
                region=region,
                existing=current,
            )
        if clashing:
            clashing.sort()
            conflict = self._conflict(
                conn,
                p,
                k,
                op,
                row,
                clashing,
                {f: new[f] for f in clashing},
                {f: theirs.get(f) for f in clashing},
                {f: base.get(f) for f in clashing},
            )
            return self._result(op, "conflict", row, conflict)
        return self._result(op, "merged" if stale else "applied", row)

    def _delete(
        self,
        conn: Connection,
        p: Principal,
        k: schema.Kind,
        op: dict[str, Any],
        current: Row,
    ) -> dict[str, Any]:
        if current["deleted"]:
            return self._result(op, "merged", current)
        stale = op["base_version"] != current["version"]
        if stale and not self._only_this_device_since(
            conn, p, k, op["record_id"], op["base_version"]
        ):
            conflict = self._conflict(
                conn,
                p,
                k,
                op,
                current,
                ["deleted"],
                {"deleted": True},
                {"deleted": False},
                {"deleted": False},
            )
            return self._result(op, "conflict", current, conflict)
        row = self._set_deleted(conn, p, k, op, current, deleted=True)
        return self._result(op, "merged" if stale else "applied", row)

    def _restore(
        self,
        conn: Connection,
        p: Principal,
        k: schema.Kind,
        op: dict[str, Any],
        current: Row,
    ) -> dict[str, Any]:
        if not current["deleted"]:
            return self._result(op, "merged", current)
        row = self._set_deleted(conn, p, k, op, current, deleted=False)
        return self._result(op, "applied", row)

    @staticmethod
    def _result(
        op: dict[str, Any],
        status: str,
        row: Row,
        conflict: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        return {
            "op_id": op["op_id"],
            "status": status,
            "version": row["version"],
            "record": StoredRecord(row),
            "conflict": conflict,
            "error": None,
            "replayed": False,
        }

    # -- pieces of push ---------------------------------------------------------------
    def _load(
        self, conn: Connection, kind: str, record_id: str, *, lock: bool = False
    ) -> Row | None:
        batch = self._batch(conn)
        if batch is not None:
            key = (kind, record_id)
            if key not in batch.records:
                query = _LOAD if conn.dialect.name == "sqlite" else _LOAD_LOCKED
                found = conn.execute(query, {"b_kind": kind, "b_id": record_id}).mappings().first()
                batch.records[key] = dict(found) if found is not None else None
            return batch.records[key]
        # lock: PostgreSQL holds the row; SQLite already holds the database's write lock.
        query = _LOAD_LOCKED if lock else _LOAD
        return conn.execute(query, {"b_kind": kind, "b_id": record_id}).mappings().first()

    @staticmethod
    def _locked_seq(conn: Connection) -> int:
        """The change sequence, read under its lock: pushes are serialized. On PostgreSQL
        the counter row is locked before any record is read (two racing creates of one id
        would otherwise both insert), and the locking read returns the value; SQLite's
        BEGIN IMMEDIATE already holds the whole database."""
        if conn.dialect.name != "sqlite":
            return int(conn.execute(_LOCK_SEQ).scalar_one())
        return int(conn.execute(_READ_SEQ).scalar_one())

    def _next_seq(self, conn: Connection) -> int:
        batch = self._batch(conn)
        if batch is not None:
            return batch.next_seq()
        # The UPDATE locks the counter row until commit: writers take numbers in commit order.
        if conn.dialect.update_returning:
            return int(conn.execute(_BUMP_SEQ_RETURNING).scalar_one())
        conn.execute(_BUMP_SEQ)
        return int(conn.execute(_READ_SEQ).scalar_one())

    def _parent_row(self, conn: Connection, k: schema.Kind, values: dict[str, Any]) -> Row | None:
        assert k.parent is not None
        field, parent_kind = k.parent
        parent_id = values.get(field)
        return self._load(conn, parent_kind, parent_id) if parent_id else None

    def _check_parent(
        self, conn: Connection, p: Principal, k: schema.Kind, values: dict[str, Any]
    ) -> None:
        """The parent must exist and be the caller's to see: one in another région is
        answered as a missing one (no existence oracle)."""
        parent = self._parent_row(conn, k, values) if k.parent else None
        if k.parent and (parent is None or not p.may_see(parent["region"])):
            field, parent_kind = k.parent
            raise OpRejected(
                422,
                "missing_parent",
                f"No {parent_kind} with id {values.get(field)!r} on the server: push the "
                f"{parent_kind} before its {k.name}.",
                field,
            )

    def _region_for(self, conn: Connection, k: schema.Kind, values: dict[str, Any]) -> str:
        if not k.parent:
            return str(values.get("region") or "")
        parent = self._parent_row(conn, k, values)
        return parent["region"] if parent is not None else ""

    @staticmethod
    def _check_region(p: Principal, k: schema.Kind, region: str) -> None:
        if not p.may_see(region):
            where = f"région {region}" if region else "no région"
            raise OpRejected(
                403,
                "forbidden",
                f"This {k.name} would be in {where}; you are assigned to "
                f"{', '.join(p.regions) or 'no région'}.",
                "region",
            )

    def _base_values(
        self, conn: Connection, k: schema.Kind, op: dict[str, Any], names: list[str]
    ) -> dict[str, Any]:
        """The op's base values, normalised; missing ones from the server's history."""
        base: dict[str, Any] = {}
        sent = op.get("base") or {}
        for f in names:
            if f in sent:
                try:
                    base[f] = schema.normalise(k, {f: sent[f]})[f]
                except ValidationError:
                    base[f] = sent[f]
        missing = [f for f in names if f not in base]
        if missing and op["base_version"] > 0:
            self._flush(conn)
            old = conn.execute(
                _BASE_FIELDS,
                {"b_kind": k.name, "b_id": op["record_id"], "b_version": op["base_version"]},
            ).scalar()
            if old is not None:
                old_fields = json.loads(old)
                for f in missing:
                    if f in old_fields:
                        base[f] = old_fields[f]
        return base

    def _only_this_device_since(
        self, conn: Connection, p: Principal, k: schema.Kind, record_id: str, base_version: int
    ) -> bool:
        self._flush(conn)
        # "The same device" is the same login token, never the free-text device name: two
        # laptops that both call themselves "laptop" are two devices.
        writers = conn.execute(
            select(db.history.c.changed_by, db.history.c.token_id)
            .where(
                and_(
                    db.history.c.kind == k.name,
                    db.history.c.record_id == record_id,
                    db.history.c.version > base_version,
                )
            )
            .distinct()
        ).all()
        return all((w.changed_by, w.token_id) == (p.name, p.token_id) for w in writers)

    def _flush(self, conn: Connection) -> None:
        batch = self._batch(conn)
        if batch is not None:
            batch.flush()

    def _set_deleted(
        self,
        conn: Connection,
        p: Principal,
        k: schema.Kind,
        op: dict[str, Any],
        current: Row,
        *,
        deleted: bool,
    ) -> Row:
        """The next version of ``current``: same fields, tombstoned or brought back."""
        return self._write(
            conn,
            p,
            k,
            op,
            json.loads(current["fields"]),
            deleted=deleted,
            version=current["version"] + 1,
            region=current["region"],
            existing=current,
        )

    def _write(
        self,
        conn: Connection,
        p: Principal,
        k: schema.Kind,
        op: dict[str, Any],
        fields: dict[str, Any],
        *,
        deleted: bool,
        version: int,
        region: str,
        existing: Row | None = None,
    ) -> Row:
        seq = self._next_seq(conn)
        batch = self._batch(conn)
        now = batch.now if batch is not None else iso(self.clock())
        values = {
            "version": version,
            "seq": seq,
            "region": region,
            "deleted": deleted,
            "parent_id": fields.get(k.parent[0]) if k.parent else None,
            "blob": fields.get("blob") if k.name == "photo" else None,
            "fields": dumps({f: fields.get(f) for f in k.fields}),
            "updated_at": now,
            "updated_by": p.name,
        }
        # Who put this blob on the photo: the blob read rule asks whether they hold it.
        # Every kind carries the column, so the rows of one page batch share their keys.
        values["blob_by"] = None
        if k.name == "photo":
            if existing is not None and existing["blob"] == values["blob"]:
                values["blob_by"] = existing["blob_by"]
            else:
                values["blob_by"] = p.name
        key = (k.name, op["record_id"])
        if existing is None:
            row = {
                "kind": k.name,
                "id": op["record_id"],
                "created_at": now,
                "created_by": p.name,
                **values,
            }
            if batch is not None:
                batch.inserts[key] = row
            else:
                conn.execute(_INSERT_RECORD, row)
        else:
            row = {**existing, **values}
            if batch is None:
                conn.execute(_UPDATE_RECORD, {"b_kind": k.name, "b_id": op["record_id"], **values})
            elif key in batch.inserts:
                batch.inserts[key] = row  # created in this page: insert the latest state
            else:
                batch.updates[key] = {**batch.updates.get(key, {}), **values}
        if batch is not None:
            batch.records[key] = row
        history_row = {
            "kind": k.name,
            "record_id": op["record_id"],
            "version": version,
            "op": op["op"],
            "op_id": op["op_id"],
            "deleted": deleted,
            "region": region,
            "fields": values["fields"],
            "changed_by": p.name,
            "device": p.device,
            "token_id": p.token_id,
            "changed_at": now,
        }
        if batch is not None:
            batch.history.append(history_row)
        else:
            conn.execute(_INSERT_HISTORY, history_row)
        if existing is not None and existing["region"] != region:
            self._flush(conn)
            self._move_descendants(conn, k.name, op["record_id"], region)
            if batch is not None:
                # The subtree's rows changed underneath the cache.
                batch.records = {key: batch.records[key]}
        return row

    def _move_descendants(self, conn: Connection, kind: str, record_id: str, region: str) -> None:
        """A place changed région (or a visit changed place): its subtree follows, with new
        sequence numbers so that users of the new région receive it."""
        for child_kind in CHILD_KINDS.get(kind, ()):
            children = conn.execute(
                select(db.records.c.id, db.records.c.region).where(
                    and_(db.records.c.kind == child_kind, db.records.c.parent_id == record_id)
                )
            ).all()
            for child in children:
                if child.region != region:
                    conn.execute(
                        update(db.records)
                        .where(and_(db.records.c.kind == child_kind, db.records.c.id == child.id))
                        .values(region=region, seq=self._next_seq(conn))
                    )
                self._move_descendants(conn, child_kind, child.id, region)

    def _conflict(
        self,
        conn: Connection,
        p: Principal,
        k: schema.Kind,
        op: dict[str, Any],
        row: Row,
        fields: list[str],
        mine: dict[str, Any],
        theirs: dict[str, Any],
        base: dict[str, Any],
    ) -> dict[str, Any]:
        values = {
            "id": str(uuid.uuid4()),
            "kind": k.name,
            "record_id": op["record_id"],
            "op_id": op["op_id"],
            "user_name": p.name,
            "device": p.device,
            "server_version": row["version"],
            "region": row["region"],
            "seq": self._next_seq(conn),
            "fields": dumps(fields),
            "mine": dumps(mine),
            "theirs": dumps(theirs),
            "base": dumps(base),
            "created_at": iso(self.clock()),
            "resolved_at": None,
            "resolved_by": None,
        }
        conn.execute(insert(db.conflicts).values(**values))
        return conflict_out(values)

    def _forbidden_ops(
        self, p: Principal, ops: Sequence[dict[str, Any]], conn: Connection | None = None
    ) -> list[str]:
        """The ops of a batch an agent may not make, judged before anything is applied.

        Walks the batch in order with an overlay of what earlier ops would create or move,
        so a place created in this batch counts for the visits that follow it.
        """
        overlay: dict[tuple[str, str], tuple[str, dict[str, Any] | None]] = {}
        refused: list[str] = []
        with self._reading(conn) as conn:
            for op in ops:
                try:
                    k = schema.kind_of(op["kind"])
                except ValidationError:
                    continue
                key = (k.name, op["record_id"])
                if key in overlay:
                    region_now, fields_now = overlay[key]
                    exists = True
                else:
                    row = self._load(conn, k.name, op["record_id"])
                    # A record the caller may not see counts as absent, exactly as an
                    # unknown id (no existence oracle): the op is judged on what it says,
                    # and rejected on its own if it needs the record (not_found, id_taken).
                    if row is not None and not p.may_see(row["region"]):
                        row = None
                    exists = row is not None
                    region_now = row["region"] if row is not None else ""
                    fields_now = json.loads(row["fields"]) if row is not None else None
                prospect = self._prospective(conn, p, k, op, fields_now, overlay)
                if prospect is None:
                    if exists:
                        overlay[key] = (region_now, fields_now)
                    continue
                region, fields = prospect
                if not p.may_see(region):
                    refused.append(op["op_id"])
                    continue
                overlay[key] = (region, fields)
        return refused

    def _prospective(
        self,
        conn: Connection,
        p: Principal,
        k: schema.Kind,
        op: dict[str, Any],
        fields_now: dict[str, Any] | None,
        overlay: dict[tuple[str, str], tuple[str, dict[str, Any] | None]],
    ) -> tuple[str, dict[str, Any] | None] | None:
        """(region, fields) the record would have after a create/update that can move it;
        None when the op can't move it or is invalid (then it is rejected later)."""
        if op["op"] not in ("create", "update"):
            return None
        try:
            sent = schema.normalise(k, op["fields"])
        except ValidationError:
            return None
        creating = op["op"] == "create" and fields_now is None
        if not k.parent:
            if not creating and not (REGION_FIELDS & set(sent)):
                return None
            values = _blank(k) if fields_now is None else dict(fields_now)
            values.update(sent)
            try:
                values.update(schema.validate(k, values, self.today()))
            except ValidationError:
                return None
            return str(values.get("region") or ""), values
        field, parent_kind = k.parent
        if field not in sent:
            return None
        parent_key = (parent_kind, sent[field])
        if parent_key in overlay:
            return overlay[parent_key][0], None
        parent = self._load(conn, parent_kind, sent[field]) if sent[field] else None
        if parent is None or not p.may_see(parent["region"]):
            return None  # rejected on its own as missing_parent, as for an unknown parent
        return parent["region"], None

    # -- pull ------------------------------------------------------------------------
    def pull_json(
        self,
        p: Principal,
        since: int,
        limit: int,
        *,
        max_bytes: int | None = None,
        conn: Connection | None = None,
        shape: str = "records",
    ) -> bytes:
        """The pull page as JSON bytes, each record's stored ``fields`` text spliced in as
        is: decoding and re-encoding 500 records' fields (and validating them against
        the response model) was most of a page's cost on the server. With ``shape``
        ``"tables"`` the records come as tables of rows (:func:`pulled_tables`)."""
        return jsonwire.dumps_bytes(
            self.pull(p, since, limit, raw=True, max_bytes=max_bytes, conn=conn, shape=shape)
        )

    def pull(
        self,
        p: Principal,
        since: int,
        limit: int,
        *,
        raw: bool = False,
        max_bytes: int | None = None,
        conn: Connection | None = None,
        shape: str = "records",
    ) -> dict[str, Any]:
        """A pull page, read in ``conn``'s transaction when given (the caller's token check
        shares it: one transaction, on PostgreSQL fewer round trips); with ``raw`` its
        records' fields stay JSON text (:meth:`pull_json`); with ``shape`` ``"tables"``
        ``records`` is empty and ``tables`` holds them (:func:`pulled_tables`)."""
        with self._reading(conn) as conn:
            ident = self.identity(conn)
            head, server_id = ident["head"], ident["server_id"]
            # At the driver, as plain tuples: SQLAlchemy's row mappings cost more than
            # the query (bench sync, down).
            mark = _placeholder(conn)
            sql = (
                f"SELECT {', '.join(_PULL_COLUMNS)} FROM records "
                f"WHERE seq > {mark} AND seq <= {mark}"
            )
            params: list[Any] = [since, head]
            if not p.all_regions:
                sql += f" AND region IN ({', '.join([mark] * len(p.regions))})"
                params += list(p.regions)
            sql += f" ORDER BY seq LIMIT {mark}"
            params.append(limit + 1)
            rows = conn.exec_driver_sql(sql, tuple(params)).fetchall()
            more = len(rows) > limit
            rows = rows[:limit]
            if max_bytes is not None:
                # Page by bytes too (at least one record), so long notes can't make a
                # page of hundreds of MiB.
                total = 0
                for i, row in enumerate(rows):
                    total += len(row[_PULL_FIELDS]) + 300
                    if total > max_bytes and i > 0:
                        rows, more = rows[:i], True
                        break
            next_seq = rows[-1][_PULL_SEQ] if more else max(head, since)
            window = {"b_since": since, "b_next": next_seq}
            conflict_rows = (
                conn.execute(_PULL_CONFLICTS, {**window, "b_user": p.name}).mappings().all()
            )
            erased_rows = conn.execute(_PULL_ERASED, window).mappings().all()
        records: list[Any]
        tables: list[dict[str, Any]] | None = None
        if shape == "tables":
            records, tables = [], pulled_tables(rows)
        elif raw:
            records = [_pulled_out(row) for row in rows]
        else:
            records = [record_out(dict(zip(_PULL_COLUMNS, row, strict=True))) for row in rows]
        page: dict[str, Any] = {
            "records": records,
            "conflicts": [conflict_out(row) for row in conflict_rows],
            "next": next_seq,
            "more": more,
            "server_id": server_id,
            "head": head,
            # Ids only, to every user: an id tells nothing of its record (docs/privacy.md).
            "erased": [
                {
                    "kind": r["kind"],
                    "id": r["record_id"],
                    "seq": r["seq"],
                    "erased_at": r["erased_at"],
                }
                for r in erased_rows
            ],
        }
        if tables is not None:
            page["tables"] = tables
        return page

    # -- conflicts -------------------------------------------------------------------
    def conflicts(self, p: Principal, *, open_only: bool = True) -> list[dict[str, Any]]:
        c = db.conflicts
        query = select(c).where(c.c.user_name == p.name)
        if open_only:
            query = query.where(c.c.resolved_at.is_(None))
        with self.db.read() as conn:
            rows = conn.execute(query.order_by(c.c.seq)).mappings().all()
        return [conflict_out(row) for row in rows]

    def resolve_conflict(self, p: Principal, conflict_id: str) -> dict[str, Any]:
        c = db.conflicts
        with self.db.push() as conn:
            row = conn.execute(select(c).where(c.c.id == conflict_id)).mappings().first()
            # Another user's conflict is answered as an unknown one (no existence oracle).
            if row is None or (row["user_name"] != p.name and not p.all_regions):
                raise not_found(f"No conflict with id {conflict_id}.")
            if row["resolved_at"] is None:
                conn.execute(
                    update(c)
                    .where(c.c.id == conflict_id)
                    .values(
                        resolved_at=iso(self.clock()),
                        resolved_by=p.name,
                        seq=self._next_seq(conn),
                    )
                )
                row = conn.execute(select(c).where(c.c.id == conflict_id)).mappings().one()
        return conflict_out(row)

    # -- the journal of a record ------------------------------------------------------
    def journal(self, p: Principal, kind: str, record_id: str) -> dict[str, Any]:
        """Who changed which fields when, and the conflicts on the record with how they
        were resolved; under the same région rules as pull. A record the caller may not
        see answers 404 word for word as an unknown one (no existence oracle), and each
        version (and conflict) shows only if the caller could read it then: its history row
        carries the région the record was in (a place moved from 84 to 53 shows agent 53
        none of its 84-era versions)."""
        k = schema.kind_of(kind)
        h, c = db.history, db.conflicts
        with self.db.read() as conn:
            current = self._load(conn, k.name, record_id)
            if current is None or not p.may_see(current["region"]):
                raise not_found(_not_in_your_regions(k.name, record_id))
            rows = (
                conn.execute(
                    select(h)
                    .where(and_(h.c.kind == k.name, h.c.record_id == record_id))
                    .order_by(h.c.version, h.c.id)
                )
                .mappings()
                .all()
            )
            conflict_rows = (
                conn.execute(
                    select(c)
                    .where(and_(c.c.kind == k.name, c.c.record_id == record_id))
                    .order_by(c.c.seq)
                )
                .mappings()
                .all()
            )
        entries: list[dict[str, Any]] = []
        previous: dict[str, Any] = {}
        was_deleted = False
        versions: list[tuple[str, dict[str, Any]]] = []
        for row in rows:
            if not p.may_see(row["region"]):
                continue  # a version from before the record came into the caller's régions
            fields = json.loads(row["fields"])
            changes = {
                f: {"from": previous.get(f), "to": fields.get(f)}
                for f in k.fields
                if fields.get(f) != previous.get(f)
                and not (not previous and fields.get(f) in (None, "", []))
            }
            deleted = bool(row["deleted"])
            if deleted != was_deleted:
                changes["deleted"] = {"from": was_deleted, "to": deleted}
            entries.append(
                {
                    "version": row["version"],
                    "op": row["op"],
                    "changed_by": row["changed_by"],
                    "device": row["device"],
                    "changed_at": row["changed_at"],
                    "deleted": deleted,
                    "changes": changes,
                }
            )
            versions.append((row["changed_at"], {**fields, "deleted": deleted}))
            previous, was_deleted = fields, deleted
        conflicts = []
        for row in conflict_rows:
            if not p.may_see(row["region"]):
                continue
            out = conflict_out(row)
            out["outcome"] = _outcome(out, versions)
            conflicts.append(out)
        return {
            "kind": k.name,
            "id": record_id,
            "version": current["version"],
            "entries": entries,
            "conflicts": conflicts,
        }

    # -- for tests and tools -----------------------------------------------------------
    def history(self, kind: str, record_id: str) -> list[dict[str, Any]]:
        h = db.history
        with self.db.read() as conn:
            rows = (
                conn.execute(
                    select(h)
                    .where(and_(h.c.kind == kind, h.c.record_id == record_id))
                    .order_by(h.c.version, h.c.id)
                )
                .mappings()
                .all()
            )
        return [
            {
                "version": row["version"],
                "op": row["op"],
                "op_id": row["op_id"],
                "deleted": bool(row["deleted"]),
                "region": row["region"],
                "fields": json.loads(row["fields"]),
                "changed_by": row["changed_by"],
                "device": row["device"],
                "changed_at": row["changed_at"],
            }
            for row in rows
        ]


def _outcome(
    conflict: dict[str, Any], versions: list[tuple[str, dict[str, Any]]]
) -> dict[str, str] | None:
    """How a resolved conflict ended, per field: the values the record held when it was
    marked resolved were the client's (``mine``), the server's (``theirs``) or another
    (``edited``, a merge). None while it is open."""
    resolved_at = conflict["resolved_at"]
    if not resolved_at:
        return None
    state: dict[str, Any] = {}
    for changed_at, values in versions:
        if changed_at <= resolved_at:
            state = values
    outcome: dict[str, str] = {}
    for f in conflict["fields"]:
        value = state.get(f)
        if value == conflict["mine"].get(f):
            outcome[f] = "mine"
        elif value == conflict["theirs"].get(f):
            outcome[f] = "theirs"
        else:
            outcome[f] = "edited"
    return outcome


__all__ = ["ApiError", "OpRejected", "SyncService"]
