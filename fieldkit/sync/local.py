"""The local half of sync: what the client reads from and writes to its own store.

Nothing here speaks HTTP, so every rule of DESIGN §5 that concerns the local database is
testable on its own:

- the outbox is read in order, in batches; an entry leaves it only on the server's answer;
- a row that has unsent local changes (an outbox entry, or ``dirty``) is never overwritten
  by a pulled record; the pulled record is set aside until the row is clean again;
- a pulled page and the cursor move in one local transaction;
- conflict records land in the local ``conflicts`` table, and a person resolves them with
  :func:`resolve_conflict`, which is an ordinary local edit (so it syncs).

Records written here come from the server, so they are written directly (no outbox entry,
``dirty = 0``); edits a person makes go through :class:`~fieldkit.store.Store`.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from fieldkit import jsonwire, retention
from fieldkit.errors import NotFoundError, ValidationError
from fieldkit.store import Change, Store, new_id, schema
from fieldkit.store.store import OUTBOX_CLAIMED_KEY
from fieldkit.sync.blobs import SHA256_HEX, blob_file

CURSOR_KEY = "pull_cursor"
_SKIPPED = "skipped:"  # sync_state key prefix: a pulled record set aside for a dirty row
_ORPHAN = "orphan:"  # sync_state key prefix: a pulled record whose parent has not arrived
_RESOLVED = "resolved:"  # sync_state key prefix: a resolution the server has not heard of
_KEEP_BASE = "keepbase:"  # sync_state key prefix: a record whose next op must carry its base

ENVELOPE_FROM_SERVER = ("created_at", "updated_at", "created_by", "updated_by")


@dataclass(frozen=True)
class OutboxEntry:
    seq: int
    op_id: str
    kind: str
    record_id: str
    op: str
    base_version: int
    fields: dict[str, Any]
    base: dict[str, Any]


@dataclass(frozen=True)
class ConflictInfo:
    """What the server says about one conflicting operation."""

    id: str
    kind: str
    record_id: str
    server_version: int
    mine: dict[str, Any]
    theirs: dict[str, Any]
    base: dict[str, Any] = field(default_factory=dict)
    op_id: str | None = None
    created_at: str | None = None
    resolved_at: str | None = None


@dataclass
class PageResult:
    applied: int = 0
    skipped: int = 0  # records set aside because the local row has unsent changes
    conflicts: int = 0  # conflict records new to this store
    changes: list[Change] = field(default_factory=list)
    missing_blobs: list[str] = field(default_factory=list)
    # Pulled records not written here because the server sent values this laptop must
    # not use (a photo's hash that is not a sha256, a number out of range): why, each.
    refused: list[str] = field(default_factory=list)


# -- cursor -------------------------------------------------------------------------------
def _state_get(store: Store, key: str) -> str | None:
    row = store.conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def _state_set(store: Store, key: str, value: str | None) -> None:
    if value is None:
        store.conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
    else:
        store.conn.execute(
            "INSERT INTO sync_state(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def _state_prefixed(store: Store, prefix: str) -> list[tuple[str, str]]:
    return [
        (r[0], r[1])
        for r in store.conn.execute(
            "SELECT key, value FROM sync_state WHERE key >= ? AND key < ? ORDER BY key",
            (prefix, prefix + "\uffff"),
        ).fetchall()
    ]


def _state_any(store: Store, prefix: str) -> bool:
    """Whether any ``sync_state`` key starts with ``prefix``."""
    return (
        store.conn.execute(
            "SELECT 1 FROM sync_state WHERE key >= ? AND key < ? LIMIT 1",
            (prefix, prefix + "\uffff"),
        ).fetchone()
        is not None
    )


def state_value(store: Store, key: str) -> str | None:
    return _state_get(store, key)


def set_state_value(store: Store, key: str, value: str | None) -> None:
    _state_set(store, key, value)


def cursor(store: Store) -> int:
    value = _state_get(store, CURSOR_KEY)
    return int(value) if value else 0


SERVER_ID_KEY = "server_id"


def server_id(store: Store) -> str | None:
    """The id of the server incarnation this store last synced with (None: not yet)."""
    return _state_get(store, SERVER_ID_KEY)


def remember_server_id(store: Store, value: str) -> None:
    with store.transaction():
        _state_set(store, SERVER_ID_KEY, value)


# Parents before children, so re-created records find their parent on the server.
_KIND_ORDER = ("place", "visit", "interview", "photo")


def synced_records(store: Store) -> list[tuple[str, str, int]]:
    """(kind, id, version) of every local record the server has acknowledged once."""
    out: list[tuple[str, str, int]] = []
    for kind in _KIND_ORDER:
        table = schema.kind_of(kind).table
        out += [
            (kind, r[0], int(r[1]))
            for r in store.conn.execute(f"SELECT id, version FROM {table} WHERE version > 0")
        ]
    return out


@dataclass
class ReconcileResult:
    resent: int = 0  # records queued again because the restored server lacks them or is older
    recreated: int = 0  # of which the server had no copy at all
    kept: int = 0  # outbox entries kept as they were (made on a version the server has)
    conflicts_resent: int = 0  # open conflicts the restored server lacked, their values re-sent


def reconcile(
    store: Store,
    answers: Iterable[dict[str, Any]],
    new_server_id: str,
    server_conflicts: Collection[str] | None = None,
) -> ReconcileResult:
    """Rebase this store onto a server restored from a backup (docs/sync-protocol.md).

    ``answers`` are the server's ``sync/reconcile`` rows: for each record, its current
    ``version`` and the ``restored_version`` the backup held. A record this store holds at
    a later version than the backup (or that the server lacks) is queued again, whole:
    one op against the restored version, so the server merges it field by field with
    what others changed since the restore (a field both changed becomes a conflict). Its
    older outbox entries are folded into that op (their edits are in the row). The queued
    ops go first, parents first; the cursor goes back to zero; the photos are offered
    again. All in one transaction: cut off, the next sync starts over.

    ``server_conflicts`` are the ids of the conflicts the restored server holds for this
    user: an open conflict here that it lacks (made between the backup and the restore)
    has its values ("mine") queued again, after the records, with the operation's own id
    (another laptop of the same user re-sending it gets the same answer, not a second
    conflict). The server then makes the conflict anew, or applies the values if nothing
    competes with them any more; the old local conflict is closed in favour of that answer.
    """
    result = ReconcileResult()
    by_key = {(a["kind"], a["id"]): a for a in answers}
    with store.transaction():
        requeue: list[tuple[str, str, int, dict[str, Any]]] = []
        for kind, rid, version in synced_records(store):
            answer = by_key.get((kind, rid))
            if answer is None:
                continue
            restored = answer.get("restored_version")
            if answer.get("version") is None or restored is None:
                requeue.append((kind, rid, 0, answer))
            elif version > int(restored):
                requeue.append((kind, rid, int(restored), answer))
        folded = {(kind, rid) for kind, rid, _, _ in requeue}
        remaining = [e for e in store.outbox() if (e["kind"], e["record_id"]) not in folded]
        result.kept = len(remaining)
        store.conn.execute("DELETE FROM outbox")
        requeue.sort(key=lambda item: _KIND_ORDER.index(item[0]))
        for kind, rid, base_version, answer in requeue:
            k = schema.kind_of(kind)
            row = store.get(kind, rid, include_deleted=True)
            if row is None:
                continue
            fields = {f: row[f] for f in k.fields}
            ops: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
            if base_version == 0:
                result.recreated += 1
                ops.append(("create", fields, {}))
                if row["deleted"]:
                    ops.append(("delete", {"deleted": True}, {"deleted": False}))
            else:
                if not row["deleted"] and answer.get("restored_deleted"):
                    ops.append(("restore", {"deleted": False}, {"deleted": True}))
                ops.append(("update", fields, {}))
                if row["deleted"] and not answer.get("restored_deleted"):
                    ops.append(("delete", {"deleted": True}, {"deleted": False}))
            for op, op_fields, base in ops:
                store._append_outbox(kind, rid, op, base_version, op_fields, base)
            store.conn.execute(
                f"UPDATE {k.table} SET version = ?, dirty = 1 WHERE id = ?", (base_version, rid)
            )
            for prefix in (_SKIPPED, _KEEP_BASE):
                _state_set(store, f"{prefix}{kind}:{rid}", None)
            result.resent += 1
        if server_conflicts is not None:
            result.conflicts_resent = _requeue_lost_conflicts(store, by_key, set(server_conflicts))
        for e in remaining:
            store.conn.execute(
                "INSERT INTO outbox(op_id, kind, record_id, op, base_version, fields, base, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    e["op_id"],
                    e["kind"],
                    e["record_id"],
                    e["op"],
                    e["base_version"],
                    json.dumps(e["fields"], ensure_ascii=False, sort_keys=True),
                    json.dumps(e["base"], ensure_ascii=False, sort_keys=True),
                    e["created_at"],
                ),
            )
        # Entries may be on the wire already: later edits must not fold into them.
        top = store.conn.execute("SELECT max(seq) FROM outbox").fetchone()[0]
        if top is not None:
            _state_set(store, OUTBOX_CLAIMED_KEY, str(top))
        # Set-aside pulls and orphans were the old store's states; the pull from zero
        # brings the restored store's.
        for prefix in (_SKIPPED, _ORPHAN):
            for key, _ in _state_prefixed(store, prefix):
                _state_set(store, key, None)
        _state_set(store, CURSOR_KEY, "0")
        _state_set(store, SERVER_ID_KEY, new_server_id)
        # Photos sent after the backup are gone from the server: ask again which it lacks.
        store.conn.execute("UPDATE blobs SET uploaded = 0 WHERE present = 1")
    return result


def _requeue_lost_conflicts(
    store: Store, by_key: dict[tuple[str, str], dict[str, Any]], on_server: set[str]
) -> int:
    """Queue again the values of each open conflict the restored server lacks (see
    :func:`reconcile`); returns how many."""
    lost = [
        dict(r)
        for r in store.conn.execute(
            "SELECT * FROM conflicts WHERE resolved_at IS NULL ORDER BY created_at, id"
        )
        if r["id"] not in on_server
    ]
    queued = 0
    now = store.now()
    for c in lost:
        if store.get(c["kind"], c["record_id"], include_deleted=True) is None:
            continue
        mine, base = json.loads(c["mine"]), json.loads(c["base"])
        answer = by_key.get((c["kind"], c["record_id"])) or {}
        # Behind the version that held "theirs", so the server merges against the base
        # sent and never takes these values over a competing one unseen.
        base_version = max(0, min(int(c["server_version"]) - 1, int(answer.get("version") or 0)))
        if mine.get("deleted") is True:
            op, fields, op_base = "delete", {"deleted": True}, {"deleted": False}
        else:
            op = "update"
            fields = {f: v for f, v in mine.items() if f != "deleted"}
            op_base = {f: v for f, v in base.items() if f != "deleted"}
            if not fields:
                continue
        store.conn.execute(
            "INSERT INTO outbox(op_id, kind, record_id, op, base_version, fields, base, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                c["op_id"] or new_id(),
                c["kind"],
                c["record_id"],
                op,
                base_version,
                json.dumps(fields, ensure_ascii=False, sort_keys=True),
                json.dumps(op_base, ensure_ascii=False, sort_keys=True),
                now,
            ),
        )
        store.conn.execute("UPDATE conflicts SET resolved_at = ? WHERE id = ?", (now, c["id"]))
        queued += 1
    return queued


def reset_sync_state(store: Store) -> None:
    """Forget the cursor and set-aside records (a login to another server starts over)."""
    with store.transaction():
        store.conn.execute("DELETE FROM sync_state")


# -- outbox -------------------------------------------------------------------------------
def outbox_batch(store: Store, limit: int, *, after: int = 0) -> list[OutboxEntry]:
    """The oldest ``limit`` outbox entries (past seq ``after``), in the order they were
    made."""
    return [
        OutboxEntry(
            seq=e["seq"],
            op_id=e["op_id"],
            kind=e["kind"],
            record_id=e["record_id"],
            op=e["op"],
            base_version=e["base_version"],
            fields=e["fields"],
            base=e["base"],
        )
        # Claimed: later edits of these records queue new entries instead of folding in.
        for e in store.claim_outbox(limit=limit, after=after)
    ]


def has_unsent_changes(store: Store, kind: str, record_id: str) -> bool:
    k = schema.kind_of(kind)
    if store.conn.execute(
        "SELECT 1 FROM outbox WHERE kind = ? AND record_id = ? LIMIT 1", (kind, record_id)
    ).fetchone():
        return True
    row = store.conn.execute(f"SELECT dirty FROM {k.table} WHERE id = ?", (record_id,)).fetchone()
    return bool(row and row[0])


def acknowledge(
    store: Store,
    entry: OutboxEntry,
    *,
    version: int,
    record: dict[str, Any] | None = None,
    conflict: ConflictInfo | None = None,
) -> list[Change]:
    """The server answered for ``entry``: drop it from the outbox, in one transaction.

    ``version`` is the record's version on the server after the operation; ``record``,
    when the server sends it, is the record's whole server state. The row becomes clean
    (and takes the server's state) once no other outbox entry for it is waiting.
    """
    changes: list[Change] = []
    with store.transaction():
        deleted = store.conn.execute("DELETE FROM outbox WHERE op_id = ?", (entry.op_id,))
        if deleted.rowcount == 0:
            return changes  # answered before (a retried batch): nothing more to do
        k = schema.kind_of(entry.kind)
        if conflict is not None:
            if _insert_conflict(store, conflict):
                changes.append(Change(entry.kind, entry.record_id, "conflict"))
        waiting = store.conn.execute(
            "SELECT 1 FROM outbox WHERE kind = ? AND record_id = ? LIMIT 1",
            (entry.kind, entry.record_id),
        ).fetchone()
        if waiting:
            # Later edits still wait; they were based on the version we had, and the server
            # merges them field by field using their base values, which they must now send.
            store.conn.execute(
                f"UPDATE {k.table} SET version = max(version, ?) WHERE id = ?",
                (version, entry.record_id),
            )
            _state_set(store, f"{_KEEP_BASE}{entry.kind}:{entry.record_id}", "1")
            return changes
        _state_set(store, f"{_KEEP_BASE}{entry.kind}:{entry.record_id}", None)
        skipped_key = f"{_SKIPPED}{entry.kind}:{entry.record_id}"
        skipped = _state_get(store, skipped_key)
        _state_set(store, skipped_key, None)
        server_state = record
        if server_state is None and skipped is not None:
            kept = json.loads(skipped)
            # A record pulled while the row was dirty is still the server's state if the
            # operation changed nothing there (a conflict); otherwise the pull brings it.
            if int(kept.get("version", 0)) >= version:
                server_state = kept
        if server_state is None and conflict is not None:
            server_state = {
                "id": entry.record_id,
                "version": conflict.server_version,
                **conflict.theirs,
            }
        if server_state is not None:
            _write_record(store, entry.kind, server_state, partial=record is None)
            changes.append(Change(entry.kind, entry.record_id, "update"))
        store.conn.execute(
            f"UPDATE {k.table} SET dirty = 0, version = max(version, ?) WHERE id = ?",
            (version, entry.record_id),
        )
    return changes


def _in_chunks(values: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def acknowledge_batch(
    store: Store, answered: list[tuple[OutboxEntry, int, dict[str, Any]]]
) -> tuple[list[Change], list[OutboxEntry]]:
    """:func:`acknowledge` for the common case, a page at a time: each ``(entry, version,
    record)`` was applied (or merged, or a duplicate) and the server sent its state.

    Entries of a record that has other outbox entries waiting (in this page or later) or
    a pulled state set aside, or whose row is not here, are returned untouched for
    :func:`acknowledge` to handle one by one; the rest are acknowledged with a handful of
    statements (outbox rows deleted together, rows read with IN queries and written with
    one executemany per set of changed columns). Call it inside a transaction.
    """
    if not answered:
        return [], []
    changes: list[Change] = []
    counts: dict[tuple[str, str], int] = {}
    for entry, _, _ in answered:
        key = (entry.kind, entry.record_id)
        counts[key] = counts.get(key, 0) + 1
    op_ids = [entry.op_id for entry, _, _ in answered]
    present: set[str] = set()
    for chunk in _in_chunks(op_ids):
        present.update(
            r[0]
            for r in store.conn.execute(
                f"SELECT op_id FROM outbox WHERE op_id IN ({','.join('?' * len(chunk))})", chunk
            )
        )
    in_page = set(op_ids)
    waiting = {
        (kind, rid)
        for op_id, kind, rid in _outbox_entries_of(
            store, [(e.kind, e.record_id) for e, _, _ in answered]
        )
        if op_id not in in_page
    }
    set_aside: set[str] = set()
    keys = [f"{_SKIPPED}{e.kind}:{e.record_id}" for e, _, _ in answered]
    if not _state_any(store, _SKIPPED):
        keys = []  # nothing set aside at all (a first push): no lookups
    for chunk in _in_chunks(keys):
        set_aside.update(
            r[0]
            for r in store.conn.execute(
                f"SELECT key FROM sync_state WHERE key IN ({','.join('?' * len(chunk))})", chunk
            )
        )
    slow: list[OutboxEntry] = []
    fast: dict[str, list[tuple[OutboxEntry, int, dict[str, Any]]]] = {}
    for entry, version, record in answered:
        key = (entry.kind, entry.record_id)
        if entry.op_id not in present:
            continue  # answered before (a retried batch): nothing more to do
        if (
            counts[key] > 1
            or key in waiting
            or f"{_SKIPPED}{entry.kind}:{entry.record_id}" in set_aside
        ):
            slow.append(entry)
            continue
        fast.setdefault(entry.kind, []).append((entry, version, record))
    done_ops: list[tuple[int]] = []
    for kind, items in fast.items():
        k = schema.kind_of(kind)
        answers: dict[tuple[str, ...], list[tuple[OutboxEntry, dict[str, Any]]]] = {}
        for entry, version, record in items:
            new = _server_row(k, record)
            new["version"] = max(int(new["version"]), version)
            answers.setdefault(tuple(new), []).append((entry, new))
        for shape, group in answers.items():
            if not _take_envelopes(store, k, shape, group):
                _take_answers(store, k, group, slow)
                missing = {e.op_id for e in slow}
                group = [(e, n) for e, n in group if e.op_id not in missing]
            for entry, _ in group:
                changes.append(Change(kind, entry.record_id, "update"))
                done_ops.append((entry.seq,))
    # By seq, the outbox's rowid: one lookup per entry instead of two (op_id's index first).
    store.conn.executemany("DELETE FROM outbox WHERE seq = ?", done_ops)
    if _state_any(store, _KEEP_BASE):
        store.conn.executemany(
            "DELETE FROM sync_state WHERE key = ?",
            [(f"{_KEEP_BASE}{kind}:{rid}",) for kind, rid in counts],
        )
    return changes, slow


# What the server stamps on an answered row; the rest of a row is its content.
_STAMPS = ("version", "dirty", *ENVELOPE_FROM_SERVER)


def _take_envelopes(
    store: Store, k: schema.Kind, shape: tuple[str, ...], group: list[tuple[OutboxEntry, Any]]
) -> bool:
    """The common answer: the server kept the row's content as sent and only stamped it
    (version, who, when). One guarded UPDATE per row, in one executemany, writes the stamps
    where every other column of ``shape`` already holds the answer's value — SQLite
    compares them, no row is read into Python. True when every row of ``group`` was
    such; otherwise the caller compares the group column by column (the rows stamped here
    then differ in nothing more, the others are written as they differ)."""
    stamps = [c for c in shape if c in _STAMPS]
    content = [c for c in shape if c not in _STAMPS and c != "id"]
    sql = f"UPDATE {k.table} SET {', '.join(f'{c} = ?' for c in stamps)} WHERE id = ?" + "".join(
        f" AND {c} IS ?" for c in content
    )
    of_stamps = itemgetter(*[*stamps, "id", *content])
    cursor = store.conn.executemany(sql, [of_stamps(new) for _, new in group])
    return cursor.rowcount == len(group)


def _take_answers(
    store: Store, k: schema.Kind, group: list[tuple[OutboxEntry, Any]], slow: list[OutboxEntry]
) -> None:
    """Write each answered row's columns that differ from what is stored (only those: the
    search triggers fire for the searched columns written); a row not here goes to
    ``slow``."""
    names = _insert_columns(k)
    at = {c: i for i, c in enumerate(names)}
    existing: dict[str, tuple[Any, ...]] = {}
    cursor = store.conn.cursor()
    cursor.row_factory = None
    for chunk in _in_chunks([entry.record_id for entry, _ in group]):
        for row in cursor.execute(
            f"SELECT {', '.join(names)} FROM {k.table} WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            existing[row[0]] = row
    by_columns: dict[tuple[str, ...], list[list[Any]]] = {}
    for entry, new in group:
        row = existing.get(entry.record_id)
        if row is None:
            slow.append(entry)
            continue
        cols = tuple(c for c in new if c != "id" and row[at[c]] != new[c])
        if cols:
            by_columns.setdefault(cols, []).append([new[c] for c in cols] + [entry.record_id])
    for cols, params in by_columns.items():
        store.conn.executemany(
            f"UPDATE {k.table} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?", params
        )


def base_is_servers(
    store: Store, entry: OutboxEntry, earlier_in_batch: set[tuple[str, str]]
) -> bool:
    """Whether ``entry.base`` is exactly the server's values at ``entry.base_version``.

    Then the base may be left out of the push (the server takes it from its history,
    docs/sync-protocol.md), which halves what an edit of a long note costs on the wire.
    True for the first unsent edit of a row that was clean at that version: no earlier op
    of the record is waiting or was answered while this one waited, and the row is still
    at that version.
    """
    if entry.op != "update" or entry.base_version == 0:
        return False
    if (entry.kind, entry.record_id) in earlier_in_batch:
        return False
    if _state_get(store, f"{_KEEP_BASE}{entry.kind}:{entry.record_id}") is not None:
        return False
    if store.conn.execute(
        "SELECT 1 FROM outbox WHERE kind = ? AND record_id = ? AND seq < ? LIMIT 1",
        (entry.kind, entry.record_id, entry.seq),
    ).fetchone():
        return False
    table = schema.kind_of(entry.kind).table
    row = store.conn.execute(f"SELECT version FROM {table} WHERE id = ?", (entry.record_id,))
    found = row.fetchone()
    return found is not None and found[0] == entry.base_version


def skip_own_changes(store: Store, since: int, seqs: Iterable[int]) -> bool:
    """Move the cursor past changes this client just pushed and already wrote locally.

    ``seqs`` are the sequence numbers of the records (and conflicts) in the push answers,
    all written here. If they are exactly ``since + 1 … since + n``, no one else changed
    anything in between (the server hands out seqs one by one, under a lock, in the
    writing transaction), so pulling them back would only repeat what is here. Any gap
    means someone else wrote in between: the cursor stays and the pull brings it.
    """
    after = sorted({s for s in seqs if s > since})
    if not after or after != list(range(since + 1, since + 1 + len(after))):
        return False
    with store.transaction():
        if cursor(store) != since:
            return False
        _state_set(store, CURSOR_KEY, str(after[-1]))
    return True


# -- pull -----------------------------------------------------------------------------------
def apply_page(
    store: Store,
    records: Iterable[tuple[str, Mapping[str, Any]]],
    next_cursor: int,
    conflicts: Iterable[ConflictInfo] = (),
) -> PageResult:
    """Write one pulled page and move the cursor, all in one local transaction.

    ``records`` are ``(kind, record)`` pairs, each record the server's latest state with
    its ``id``, ``version``, ``deleted`` and fields. A record whose local row has unsent
    changes is set aside, never written over the person's work.

    A page is read and written in bulk: which rows exist, which have unsent changes and
    which parents are here are a few IN queries; new rows go in with ``insert_all``
    (:meth:`Store.insert_rows`, parents' kinds first, so foreign keys hold), changed rows
    with one executemany per set of changed columns.
    """
    result = PageResult()
    with store.transaction():
        page = list(records)
        for kind in {kind for kind, _ in page}:
            schema.kind_of(kind)  # an unknown kind: nothing of the page is written
        # A child may come before its parent (the parent changed later); it waits, set
        # aside, until the parent is here, so foreign keys hold at every commit.
        orphans = []
        for state_key, value in _state_prefixed(store, _ORPHAN):
            _state_set(store, state_key, None)
            orphans.append((state_key[len(_ORPHAN) :].split(":", 1)[0], json.loads(value)))
        latest: dict[tuple[str, str], dict[str, Any]] = {}
        order: list[tuple[str, str]] = []
        for kind, rec in [*orphans, *page]:
            key = (kind, rec["id"])
            if key not in latest:
                order.append(key)
            elif int(latest[key].get("version", 0)) > int(rec.get("version", 0)):
                continue  # an older copy set aside earlier: the newer one wins
            latest[key] = rec
        from_page = {(kind, rec["id"]) for kind, rec in page}
        unsent = _records_with_outbox(store, order)
        existing = _rows(store, order)
        pending: list[tuple[str, dict[str, Any]]] = []
        erased = _erased_among(store, order)
        for key in order:
            kind, rid = key
            row = existing.get(key)
            if key in erased:
                # The local deny-list (fieldkit.erasure): an erased record is never written back.
                if key in from_page:
                    result.skipped += 1
                continue
            if key in unsent or (row is not None and row["dirty"]):
                if key in from_page:
                    _state_set(store, f"{_SKIPPED}{kind}:{rid}", json.dumps(dict(latest[key])))
                    result.skipped += 1
                continue
            why = pulled_refusal(kind, latest[key])
            if why:
                result.refused.append(why)
                continue
            pending.append((kind, latest[key]))
        present = _present_parents(store, pending)
        now = store.now()
        inserts: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind in _KIND_ORDER}
        updates: dict[tuple[str, tuple[str, ...]], list[list[Any]]] = {}
        kinds = {kind: schema.kind_of(kind) for kind in _KIND_ORDER}
        changes = result.changes
        # Interviews whose name another computer's retention replaced by a label.
        renamed: list[tuple[dict[str, Any], Any]] = []
        progress = True
        # Per record, the least work: a first sync down goes through here 21,800 times.
        while pending and progress:
            progress = False
            waiting = []
            for kind, rec in pending:
                k = kinds[kind]
                if k.parent:
                    parent_id = rec.get(k.parent[0])
                    if parent_id is not None and parent_id not in present[k.parent[1]]:
                        waiting.append((kind, rec))
                        continue
                rid = rec["id"]
                row = existing.get((kind, rid))
                # Already here as the server holds it (our own push, pulled back on a
                # sync where someone else wrote too): nothing was received.
                unchanged = False
                if row is None:
                    prepared = getattr(rec, "row", None)  # Pulled, PulledRow
                    inserts[kind].append(
                        prepared if prepared is not None else _insert_values(k, rec, now)
                    )
                else:
                    new = _server_row(k, rec)
                    cols = tuple(c for c in new if c != "id" and row[c] != new[c])
                    if kind == "interview" and "person_name" in cols:
                        renamed.append((dict(row), new["person_name"]))
                    if cols:
                        updates.setdefault((k.table, cols), []).append(
                            [new[c] for c in cols] + [rid]
                        )
                    unchanged = not cols
                present[kind].add(rid)
                deleted = rec.get("deleted")
                if not unchanged:
                    changes.append(Change(kind, rid, "delete" if deleted else "update"))
                if kind == "photo" and not deleted:
                    if _note_blob(store, str(rec["blob"]), int(rec.get("blob_size") or 0)):
                        result.missing_blobs.append(str(rec["blob"]))
                progress = True
            pending = waiting
        result.applied = len(changes)
        for kind in _KIND_ORDER:  # parents' kinds first, so foreign keys hold
            if inserts[kind]:
                store.insert_rows(kind, inserts[kind], columns=_insert_columns(kinds[kind]))
        for (table, cols), params in updates.items():
            # Raw SQL: only the columns that changed, so that the search triggers
            # (AFTER UPDATE OF the searched columns) fire only when the text changed.
            store.conn.executemany(
                f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
                params,
            )
        if renamed:
            # Their name forms join the retained list here too (hashed), so this
            # computer's outputs still hide what that retention left in the notes.
            retention.remember_renamed(store, renamed)
        for kind, rec in pending:
            _state_set(store, f"{_ORPHAN}{kind}:{rec['id']}", json.dumps(dict(rec)))
        for c in conflicts:
            if _insert_conflict(store, c):
                result.conflicts += 1
                result.changes.append(Change(c.kind, c.record_id, "conflict"))
        _state_set(store, CURSOR_KEY, str(int(next_cursor)))
    return result


def pulled_refusal(kind: str, rec: Mapping[str, Any]) -> str:
    """Why a pulled record must not be written here (empty when it may): a photo whose
    hash is not 64 lowercase hex characters (its file's path is built from it, as the
    photo importer checks), or a whole number out of its range (schema.INT_RANGES)."""
    if kind != "photo" or rec.get("deleted"):
        return ""
    blob = rec.get("blob")
    if not isinstance(blob, str) or not SHA256_HEX.fullmatch(blob):
        return (
            f"photo {rec.get('id')}: the server sent a file hash that is not a sha256 "
            f"({str(blob)[:80]!r}); the photo was not written on this computer."
        )
    for name, (low, high) in schema.INT_RANGES.items():
        value = rec.get(name)
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high
        ):
            return (
                f"photo {rec.get('id')}: the server sent {name} out of range (a whole "
                f"number from {low} to {high}); the photo was not written on this computer."
            )
    return ""


class Pulled(dict[str, Any]):
    """A pulled record (flat), with ``row``: the values of the new local row it becomes
    (``_insert_values``), made ahead on the thread that fetched the page
    (:func:`prepare_pulled`). Used by :func:`apply_page` when the record is not here yet;
    ignored otherwise."""

    __slots__ = ("row",)
    row: tuple[Any, ...] | None


def prepare_pulled(
    records: list[tuple[str, dict[str, Any]]], now: str
) -> list[tuple[str, dict[str, Any]]]:
    """``records`` as :class:`Pulled` records, each with its new-row values made ahead:
    work on the records alone, so a page can be made ready off the writing thread."""
    out: list[tuple[str, dict[str, Any]]] = []
    for kind, rec in records:
        pulled = rec if isinstance(rec, Pulled) else Pulled(rec)
        pulled.row = _insert_values(schema.kind_of(kind), pulled, now)
        out.append((kind, pulled))
    return out


class PulledRow(Mapping[str, Any]):
    """A pulled record of a table-shaped page (``shape=tables``, docs/sync-protocol.md),
    read by name from its row of values: the flat record :func:`apply_page` takes, with
    no dict made per record. ``row``: the values of the new local row it becomes."""

    __slots__ = ("_at", "_values", "row")

    def __init__(self, at: dict[str, int], values: list[Any]) -> None:
        self._at = at
        self._values = values
        self.row: tuple[Any, ...] | None = None

    def __getitem__(self, key: str) -> Any:
        return self._values[self._at[key]]

    def get(self, key: str, default: Any = None) -> Any:
        at = self._at.get(key)
        return default if at is None else self._values[at]

    def __contains__(self, key: object) -> bool:
        return key in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def __repr__(self) -> str:
        return f"PulledRow({dict(self)!r})"


#: A pulled table's columns before the kind's fields.
TABLE_ENVELOPE = schema.PULL_TABLE_ENVELOPE


def pulled_from_tables(
    tables: list[dict[str, Any]], now: str
) -> list[tuple[str, Mapping[str, Any]]]:
    """A table-shaped page's records, in order, as ``(kind, PulledRow)``, each with the
    new row it becomes made ahead (what :func:`prepare_pulled` makes of a record page).

    The usual table (every column in the server's order, its envelope complete) gets its
    new rows by slicing: a first sync down builds 21,800 of them. Any other is read by
    column name (:func:`_insert_values`), so a server that adds or reorders columns is
    read right."""
    out: list[tuple[str, Mapping[str, Any]]] = []
    for table in tables:
        kind = str(table["kind"])
        k = schema.kind_of(kind)
        columns = list(table["columns"])
        # The flat record holds what client._flat keeps of a record: not its seq.
        at = {c: i for i, c in enumerate(columns) if c != "seq"}
        if "id" not in at:
            raise ValueError(f"A pulled table of {kind} records has no id column.")
        usual = tuple(columns) == (*TABLE_ENVELOPE, *k.fields)
        # Where each field sits in the new row (_insert_columns: the envelope, then fields).
        new_at = {c: i for i, c in enumerate(_insert_columns(k))}
        as_json = [new_at[f] for f in k.json_fields]
        as_bool = [new_at[f] for f in k.bool_fields]
        for values in table["rows"]:
            if len(values) != len(columns):
                raise ValueError(
                    f"A pulled {kind} row has {len(values)} values for {len(columns)} columns."
                )
            rec = PulledRow(at, values)
            if usual and None not in values[4:8]:
                new = [values[0], values[1], 0, 1 if values[3] else 0, *values[4:]]
                for i in as_json:
                    new[i] = json.dumps(new[i], ensure_ascii=False)
                for i in as_bool:
                    new[i] = 1 if new[i] else 0
                rec.row = tuple(new)
            else:
                rec.row = _insert_values(k, rec, now)
            out.append((kind, rec))
    return out


def _erased_among(store: Store, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of these (kind, id) the local deny-list holds: keyed by kind too, so a record
    sharing an erased record's id but not its kind is written back as any other."""
    if store.conn.execute("SELECT 1 FROM erasures LIMIT 1").fetchone() is None:
        return set()  # the usual case: nothing ever erased here
    by_kind: dict[str, set[str]] = {}
    for kind, rid in keys:
        by_kind.setdefault(kind, set()).add(rid)
    out: set[tuple[str, str]] = set()
    for kind, ids in sorted(by_kind.items()):
        for chunk in _in_chunks(sorted(ids)):
            out.update(
                (kind, r[0])
                for r in store.conn.execute(
                    f"SELECT record_id FROM erasures WHERE kind = ? "
                    f"AND record_id IN ({','.join('?' * len(chunk))})",
                    [kind, *chunk],
                )
            )
    return out


def _outbox_entries_of(
    store: Store, keys: Iterable[tuple[str, str]]
) -> Iterator[tuple[str, str, str]]:
    """(op_id, kind, record_id) of the outbox entries of these (kind, id). One IN query per
    kind and chunk: ``kind = ?`` lets SQLite use the outbox_record index, where record_id
    alone scanned the whole outbox (a first push: 21,800 rows, once per page)."""
    if store.conn.execute("SELECT 1 FROM outbox LIMIT 1").fetchone() is None:
        return  # nothing waits to be sent (a first sync down)
    by_kind: dict[str, set[str]] = {}
    for kind, rid in keys:
        by_kind.setdefault(kind, set()).add(rid)
    for kind, id_set in by_kind.items():
        for chunk in _in_chunks(sorted(id_set)):
            yield from store.conn.execute(
                f"SELECT op_id, kind, record_id FROM outbox WHERE kind = ? AND record_id IN "
                f"({','.join('?' * len(chunk))})",
                [kind, *chunk],
            )


def _records_with_outbox(store: Store, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of these (kind, id) have unsent changes."""
    return {(kind, rid) for _, kind, rid in _outbox_entries_of(store, keys)}


def _rows(store: Store, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    by_kind: dict[str, list[str]] = {}
    for kind, rid in keys:
        by_kind.setdefault(kind, []).append(rid)
    out: dict[tuple[str, str], Any] = {}
    for kind, ids in by_kind.items():
        table = schema.kind_of(kind).table
        for chunk in _in_chunks(ids):
            for row in store.conn.execute(
                f"SELECT * FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ):
                out[(kind, row["id"])] = row
    return out


def _present_parents(
    store: Store, pending: list[tuple[str, dict[str, Any]]]
) -> dict[str, set[str]]:
    """For each kind, the ids (among the parents ``pending`` names) that are here."""
    wanted: dict[str, set[str]] = {kind: set() for kind in _KIND_ORDER}
    for kind, rec in pending:
        k = schema.kind_of(kind)
        if k.parent and rec.get(k.parent[0]) is not None:
            wanted[k.parent[1]].add(str(rec[k.parent[0]]))
    present: dict[str, set[str]] = {kind: set() for kind in _KIND_ORDER}
    for kind, ids in wanted.items():
        if not ids:
            continue
        table = schema.kind_of(kind).table
        # Only the missing come back (one statement, usually no row): asking for the
        # present ones returned thousands of rows on a first sync, each a round through
        # the sqlite3 module.
        missing = {
            r[0]
            for r in store.conn.execute(
                f"SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM {table})",
                (jsonwire.dumps(sorted(ids)),),
            )
        }
        present[kind] = ids - missing
    return present


def _full_row(k: schema.Kind, row: dict[str, Any], now: str) -> dict[str, Any]:
    """A new local row from the server's state: envelope and fields it lacks filled in,
    columns in a fixed order (one INSERT statement serves a whole page)."""
    full = dict(row)
    full.setdefault("deleted", 0)
    full.setdefault("created_at", now)
    full.setdefault("updated_at", full["created_at"])
    full.setdefault("created_by", "")
    full.setdefault("updated_by", full["created_by"])
    for f in k.fields:
        if f not in full:
            default = dict(k.defaults).get(f)
            if default is None and f not in schema.NULLABLE_FIELDS:
                default = [] if f in k.json_fields else ""
            full[f] = schema.to_db(k, {f: default})[f]
    columns = ("id", "version", "dirty", "deleted", *ENVELOPE_FROM_SERVER, *k.fields)
    return {c: full[c] for c in columns}


def _insert_columns(k: schema.Kind) -> tuple[str, ...]:
    return ("id", "version", "dirty", "deleted", *ENVELOPE_FROM_SERVER, *k.fields)


_FIELD_DEFAULTS: dict[str, tuple[tuple[str, int, Any], ...]] = {}


def _field_plan(k: schema.Kind) -> tuple[tuple[str, int, Any], ...]:
    """Per field of ``k``: (name, how to store it: 0 as is, 1 JSON, 2 boolean as 0/1,
    the stored value when the record lacks it) — what :func:`_full_row` works out per row."""
    plan = _FIELD_DEFAULTS.get(k.name)
    if plan is None:
        plan = tuple(
            (
                f,
                1 if f in k.json_fields else 2 if f in k.bool_fields else 0,
                _full_row(k, {"id": "", "version": 0, "dirty": 0}, "")[f],
            )
            for f in k.fields
        )
        _FIELD_DEFAULTS[k.name] = plan
    return plan


def _insert_values(k: schema.Kind, rec: Mapping[str, Any], now: str) -> tuple[Any, ...]:
    """``_full_row(k, _server_row(k, rec), now)`` as a tuple in ``_insert_columns(k)``
    order, built in one pass: a first sync down inserts every record this way."""
    created_at = rec.get("created_at")
    if created_at is None:
        created_at = now
    updated_at = rec.get("updated_at")
    created_by = rec.get("created_by")
    if created_by is None:
        created_by = ""
    updated_by = rec.get("updated_by")
    values: list[Any] = [
        rec["id"],
        int(rec.get("version", 0)),
        0,
        int(bool(rec.get("deleted", 0))),
        created_at,
        created_at if updated_at is None else updated_at,
        created_by,
        created_by if updated_by is None else updated_by,
    ]
    for f, how, default in _field_plan(k):
        if f not in rec:
            values.append(default)
        elif how == 0:
            values.append(rec[f])
        elif how == 1:
            values.append(json.dumps(rec[f], ensure_ascii=False))
        else:
            values.append(int(bool(rec[f])))
    return tuple(values)


def _parent_present(store: Store, kind: str, rec: dict[str, Any]) -> bool:
    k = schema.kind_of(kind)
    if not k.parent:
        return True
    parent_field, parent_kind = k.parent
    parent_table = schema.kind_of(parent_kind).table
    parent_id = rec.get(parent_field)
    if parent_id is None:
        # A partial record (only some fields) for a row we already have keeps its parent.
        return True
    return (
        store.conn.execute(f"SELECT 1 FROM {parent_table} WHERE id = ?", (parent_id,)).fetchone()
        is not None
    )


def _server_row(k: schema.Kind, rec: dict[str, Any]) -> dict[str, Any]:
    """The columns of a local row holding the server's state ``rec`` (clean)."""
    values = schema.to_db(k, {f: rec[f] for f in k.fields if f in rec})
    row: dict[str, Any] = {
        **values,
        "id": rec["id"],
        "version": int(rec.get("version", 0)),
        "dirty": 0,
    }
    if "deleted" in rec:
        row["deleted"] = int(bool(rec["deleted"]))
    for f in ENVELOPE_FROM_SERVER:
        if rec.get(f) is not None:
            row[f] = rec[f]
    return row


def _write_record(store: Store, kind: str, rec: dict[str, Any], *, partial: bool = False) -> None:
    """Insert or replace a row with the server's state (no outbox entry, not dirty)."""
    k = schema.kind_of(kind)
    row = _server_row(k, rec)
    existing = store.conn.execute(f"SELECT * FROM {k.table} WHERE id = ?", (rec["id"],)).fetchone()
    if existing is not None:
        # Only what differs is written: the search index is rebuilt for a row only when a
        # searched column is written, and most answers repeat what the row already holds.
        cols = [c for c in row if c != "id" and existing[c] != row[c]]
        if not cols:
            return
        store.conn.execute(
            f"UPDATE {k.table} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
            [row[c] for c in cols] + [rec["id"]],
        )
        return
    if partial:
        return  # nothing to build a whole row from; the pull will bring it
    now = store.now()
    row.setdefault("deleted", 0)
    row.setdefault("created_at", now)
    row.setdefault("updated_at", row["created_at"])
    row.setdefault("created_by", "")
    row.setdefault("updated_by", row["created_by"])
    for f in k.fields:
        if f not in row:
            default = dict(k.defaults).get(f)
            if default is None and f not in schema.NULLABLE_FIELDS:
                default = [] if f in k.json_fields else ""
            row[f] = schema.to_db(k, {f: default})[f]
    cols = list(row)
    store.conn.execute(
        f"INSERT INTO {k.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [row[c] for c in cols],
    )


def _note_blob(store: Store, sha256: str, size: int) -> bool:
    """A pulled photo names ``sha256``: remember it (present = 0 if its file is absent).

    Returns True when the file is not here (to be downloaded lazily or with --photos).
    """
    present = blob_file_exists(store, sha256)
    store.conn.execute(
        "INSERT INTO blobs(sha256, size, present, uploaded, created_at) VALUES (?, ?, ?, 1, ?) "
        "ON CONFLICT(sha256) DO UPDATE SET uploaded = 1, present = excluded.present",
        (sha256, size, int(present), store.now()),
    )
    return not present


def blob_file_exists(store: Store, sha256: str) -> bool:
    return store.home is not None and blob_file(store.home, sha256).is_file()


# -- conflicts ------------------------------------------------------------------------------
def _insert_conflict(store: Store, c: ConflictInfo) -> bool:
    """Record a conflict once (the push answer and a later pull may both bring it)."""
    existing = store.conn.execute(
        "SELECT resolved_at FROM conflicts WHERE id = ?", (c.id,)
    ).fetchone()
    if existing is not None:
        if c.resolved_at and existing[0] is None:
            store.conn.execute(
                "UPDATE conflicts SET resolved_at = ? WHERE id = ?", (c.resolved_at, c.id)
            )
        return False
    store.conn.execute(
        "INSERT INTO conflicts(id, kind, record_id, op_id, server_version, mine, theirs, base, "
        "created_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            c.id,
            c.kind,
            c.record_id,
            c.op_id,
            c.server_version,
            json.dumps(c.mine, ensure_ascii=False, sort_keys=True),
            json.dumps(c.theirs, ensure_ascii=False, sort_keys=True),
            json.dumps(c.base, ensure_ascii=False, sort_keys=True),
            c.created_at or store.now(),
            c.resolved_at,
        ),
    )
    return c.resolved_at is None


def get_conflict(store: Store, conflict_id: str) -> dict[str, Any]:
    row = store.conn.execute("SELECT * FROM conflicts WHERE id = ?", (conflict_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"No conflict with id {conflict_id}.", kind="conflict", id=conflict_id)
    d = dict(row)
    for f in ("mine", "theirs", "base"):
        d[f] = json.loads(d[f])
    return d


def resolve_conflict(store: Store, conflict_id: str, chosen: dict[str, Any]) -> list[Change]:
    """Settle a conflict with the values a person chose, field by field.

    The chosen values are applied as an ordinary edit of the record as it is now (the
    server's version after the sync), so the resolution syncs like any edit; the conflict
    is marked resolved here and the server hears of it at the next sync. ``chosen`` may
    hold ``"deleted": True/False`` when a delete raced an edit.
    """
    conflict = get_conflict(store, conflict_id)
    if conflict["resolved_at"]:
        raise ValidationError(
            "conflict",
            f"Conflict {conflict_id} is already resolved.",
            code="conflict_resolved",
            id=conflict_id,
        )
    kind, record_id = conflict["kind"], conflict["record_id"]
    k = schema.kind_of(kind)
    unknown = [f for f in chosen if f != "deleted" and f not in k.fields]
    if unknown:
        raise ValidationError(
            unknown[0], f"{kind} has no field {unknown[0]!r}.", code="unknown_field"
        )
    # Keeping a delete makes the other values moot: the record goes.
    fields = (
        {} if chosen.get("deleted") is True else {f: v for f, v in chosen.items() if f != "deleted"}
    )
    changes: list[Change] = []
    with store.transaction():
        current = store.get(kind, record_id, include_deleted=True)
        if current is None:
            raise NotFoundError(
                f"The {kind} of this conflict ({record_id}) is not in this store yet; sync first.",
                kind=kind,
                id=record_id,
            )
        want_deleted = chosen.get("deleted")
        if want_deleted is False and current["deleted"]:
            changes += store.restore([Change(kind, record_id, "delete")])
        if fields:
            if store.get(kind, record_id) is None:
                raise ValidationError(
                    "deleted",
                    f"The {kind} is deleted; choose to keep it (deleted: false) to edit it.",
                    code="conflict_record_deleted",
                )
            before = store.outbox_count()
            store.update(kind, record_id, fields)
            if store.outbox_count() != before:
                changes.append(Change(kind, record_id, "update"))
        if want_deleted is True and not current["deleted"]:
            changes += store.delete(kind, record_id)
        now = store.now()
        store.conn.execute("UPDATE conflicts SET resolved_at = ? WHERE id = ?", (now, conflict_id))
        _state_set(
            store,
            f"{_RESOLVED}{conflict_id}",
            json.dumps({"chosen": chosen, "resolved_at": now}, ensure_ascii=False),
        )
    changes.append(Change(kind, record_id, "resolve"))
    return changes


def unsent_resolutions(store: Store) -> list[tuple[str, dict[str, Any]]]:
    return [(k[len(_RESOLVED) :], json.loads(v)) for k, v in _state_prefixed(store, _RESOLVED)]


def resolution_sent(store: Store, conflict_id: str) -> None:
    with store.transaction():
        _state_set(store, f"{_RESOLVED}{conflict_id}", None)


def set_aside_count(store: Store) -> int:
    return len(_state_prefixed(store, _SKIPPED)) + len(_state_prefixed(store, _ORPHAN))


# -- refused operations -----------------------------------------------------------------------
_REJECTED = "rejected:"  # sync_state key prefix: an op the server refused, kept for the user


def reject(
    store: Store,
    entry: OutboxEntry,
    message: str,
    *,
    code: str = "",
    params: dict[str, Any] | None = None,
) -> None:
    """The server refused ``entry``: it leaves the outbox but is kept, with the reason
    (``message`` in English; ``code`` and ``params`` for the app to say it in French).

    Resending it unchanged would be refused again; the person sees it listed (nothing is
    dropped silently). If the server's state was set aside for this row, it comes back.
    """
    with store.transaction():
        deleted = store.conn.execute("DELETE FROM outbox WHERE op_id = ?", (entry.op_id,))
        if deleted.rowcount == 0:
            return
        _state_set(
            store,
            f"{_REJECTED}{entry.op_id}",
            json.dumps(
                {
                    "kind": entry.kind,
                    "record_id": entry.record_id,
                    "op": entry.op,
                    "fields": entry.fields,
                    "base": entry.base,
                    "message": message,
                    "code": code,
                    "params": params or {},
                    "at": store.now(),
                },
                ensure_ascii=False,
            ),
        )
        if store.conn.execute(
            "SELECT 1 FROM outbox WHERE kind = ? AND record_id = ? LIMIT 1",
            (entry.kind, entry.record_id),
        ).fetchone():
            return
        k = schema.kind_of(entry.kind)
        _state_set(store, f"{_KEEP_BASE}{entry.kind}:{entry.record_id}", None)
        skipped_key = f"{_SKIPPED}{entry.kind}:{entry.record_id}"
        skipped = _state_get(store, skipped_key)
        _state_set(store, skipped_key, None)
        if skipped is not None:
            _write_record(store, entry.kind, json.loads(skipped))
        store.conn.execute(f"UPDATE {k.table} SET dirty = 0 WHERE id = ?", (entry.record_id,))


def rejected_ops(store: Store) -> list[dict[str, Any]]:
    """Operations the server refused, oldest first, each with its ``message``."""
    return [
        {"op_id": key[len(_REJECTED) :], **json.loads(value)}
        for key, value in _state_prefixed(store, _REJECTED)
    ]


def dismiss_rejected(store: Store, op_id: str) -> None:
    with store.transaction():
        _state_set(store, f"{_REJECTED}{op_id}", None)


# -- edits that overlapped a write made elsewhere -------------------------------------------
def keep_as_conflict(
    store: Store,
    kind: str,
    record_id: str,
    *,
    mine: dict[str, Any],
    theirs: dict[str, Any],
    base: dict[str, Any],
) -> str:
    """Keep an editor's unsaved values that clash with a write made meanwhile (a sync,
    another program) as a local conflict, resolved in the conflicts view like one from the
    server. Returns its id. The server never heard of it: resolving it is a local edit,
    and the notice of its resolution is dropped when the server answers 404.
    """
    with store.transaction():
        current = store.get(kind, record_id, include_deleted=True)
        conflict = ConflictInfo(
            id=new_id(),
            kind=kind,
            record_id=record_id,
            server_version=int(current["version"]) if current else 0,
            mine=dict(mine),
            theirs=dict(theirs),
            base=dict(base),
            created_at=store.now(),
        )
        _insert_conflict(store, conflict)
    return conflict.id


# -- fixing or discarding a refused operation ------------------------------------------------
def _rejected(store: Store, op_id: str) -> dict[str, Any]:
    value = _state_get(store, f"{_REJECTED}{op_id}")
    if value is None:
        raise NotFoundError(f"No refused change with id {op_id}.", kind="refused", id=op_id)
    return {"op_id": op_id, **json.loads(value)}


def retry_rejected(store: Store, op_id: str) -> list[Change]:
    """Send a refused change again, with the record's values as they are now (the person
    fixed it by editing): it goes back to the outbox, under a new op_id, and leaves the
    list of refused changes. A refused create carries the whole record again (and takes
    in the edits queued since, which the server could not apply to a record it lacks).
    """
    with store.transaction():
        op = _rejected(store, op_id)
        kind, record_id = op["kind"], op["record_id"]
        k = schema.kind_of(kind)
        current = store.get(kind, record_id, include_deleted=True)
        _state_set(store, f"{_REJECTED}{op_id}", None)
        if current is None:
            return []
        if op["op"] == "create":
            store.conn.execute(
                "DELETE FROM outbox WHERE kind = ? AND record_id = ? AND op = 'update'",
                (kind, record_id),
            )
            fields = {f: current[f] for f in k.fields}
            store._append_outbox(kind, record_id, "create", 0, fields, {})
        elif op["op"] == "update":
            fields = {f: current[f] for f in op["fields"] if f in k.fields}
            if not fields:
                return []
            # No base: the server takes its own values at this version from its history.
            store._append_outbox(kind, record_id, "update", current["version"], fields, {})
        else:
            deleted = op["op"] == "delete"
            if bool(current["deleted"]) != deleted:
                return []  # undone since: nothing left to send
            store._append_outbox(
                kind,
                record_id,
                op["op"],
                current["version"],
                {"deleted": deleted},
                {"deleted": not deleted},
            )
        store.conn.execute(f"UPDATE {k.table} SET dirty = 1 WHERE id = ?", (record_id,))
    return [Change(kind, record_id, "update")]


def discard_rejected(store: Store, op_id: str) -> list[Change]:
    """Give up a refused change: the record here goes back to what the server holds (an
    update's fields take their values from before the change; a refused create, which the
    server never had, is removed here; a refused delete or restore is undone)."""
    with store.transaction():
        op = _rejected(store, op_id)
        kind, record_id = op["kind"], op["record_id"]
        k = schema.kind_of(kind)
        _state_set(store, f"{_REJECTED}{op_id}", None)
        current = store.get(kind, record_id, include_deleted=True)
        if current is None:
            return []
        if op["op"] == "create":
            store.conn.execute(
                f"UPDATE {k.table} SET deleted = 1, dirty = 0 WHERE id = ?", (record_id,)
            )
            store.conn.execute(
                "DELETE FROM outbox WHERE kind = ? AND record_id = ?", (kind, record_id)
            )
            return [Change(kind, record_id, "delete")]
        if op["op"] == "update":
            base = {f: v for f, v in (op.get("base") or {}).items() if f in k.fields}
            if base:
                _write_record(store, kind, {"id": record_id, "version": current["version"], **base})
            return [Change(kind, record_id, "update")]
        deleted = op["op"] == "restore"  # undo the refused restore (or delete)
        store.conn.execute(
            f"UPDATE {k.table} SET deleted = ?, dirty = 0 WHERE id = ?", (int(deleted), record_id)
        )
        return [Change(kind, record_id, "delete" if deleted else "restore")]


def requeue_fixed_rejections(store: Store) -> int:
    """Refused changes whose record was edited since (the person fixed it) go back to the
    outbox; the others wait for a person. Returns how many were queued again."""
    count = 0
    for op in rejected_ops(store):
        current = store.get(op["kind"], op["record_id"], include_deleted=True)
        if current is not None and str(current["updated_at"]) > str(op.get("at") or ""):
            if retry_rejected(store, op["op_id"]):
                count += 1
    return count
