"""« Effacer définitivement »: erase a record and everything under it, bytes included.

Unlike a delete (a tombstone that syncs and can be undone), an erasure leaves nothing:

- the rows of the record and of its descendants (a place's visits, a visit's interviews
  and photos), tombstoned ones too; their outbox entries, conflicts, set-aside and
  refused operations; their search-index rows; the photo files (original, derivatives,
  report copies) that no remaining photo uses;
- then the bytes: ``secure_delete`` is on for every connection, an FTS ``optimize``
  merges the index so no old segment keeps a word, ``VACUUM`` rewrites the file without
  free pages and a WAL checkpoint empties the log.

The ``erasures`` table keeps the journal (which kind and id, who, when; no content) and is
the local deny-list, keyed by (kind, id): sync sends the requests made here (``POST /sync/erase``), reads everyone's
erasures (``GET /sync/erasures``) and purges them here with :func:`purge`, and a pulled
record whose id is listed is never written back.

Who may erase: coordinators and admins anything; anyone else (a field agent, a laptop
never logged in) only their own records that no sync has sent yet (version 0). The server
holds the same rule: whatever it has, others may already have pulled, so it refuses an
agent's request (``coordinator_required``) and a coordinator must erase it there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from fieldkit.errors import FieldKitError, NotFoundError
from fieldkit.gate import forget_labels
from fieldkit.privacy import Pseudonymiser, is_label
from fieldkit.store import Store, schema

ERASER_ROLES = ("admin", "coordinator")
ROLE_SETTING = "sync_role"  # written by `fieldkit login` (fieldkit.sync.client.ROLE)
# sync_state key prefixes whose values may hold a record's content (fieldkit.sync.local).
_STATE_PREFIXES = ("skipped:", "orphan:", "keepbase:", "rejected:")
CHILDREN = {
    "place": (("visit", "visits", "place_id"),),
    "visit": (("interview", "interviews", "visit_id"), ("photo", "photos", "visit_id")),
}


class ErasureRefused(FieldKitError):
    code = "erasure_refused"


@dataclass
class ErasurePlan:
    """What an erasure will destroy: shown to the person before they confirm."""

    kind: str
    id: str
    title: str
    records: list[tuple[str, str]] = field(default_factory=list)  # (kind, id), root first
    blobs: list[str] = field(default_factory=list)  # photo files no other photo uses
    # An erased interviewee's name in the captions of the same visit's photos, which
    # the erasure does not destroy: (photo id, caption), for the person to clear.
    captions: list[tuple[str, str]] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for k, _ in self.records if k == kind)

    def describe(self) -> str:
        parts = [f"{self.kind} « {self.title} »"]
        for kind in ("visit", "interview", "photo"):
            n = self.count(kind) - (1 if kind == self.kind else 0)
            if n:
                parts.append(f"{n} {kind}(s)")
        text = ", ".join(parts)
        if self.blobs:
            text += f", {len(self.blobs)} photo file(s)"
        return text


@dataclass
class ErasureResult:
    plan: ErasurePlan
    files_removed: int = 0
    bytes_wiped: bool = False  # the WAL checkpoint went through (no reader held it)


def plan(store: Store, kind: str, record_id: str) -> ErasurePlan:
    k = schema.kind_of(kind)
    row = store.conn.execute(f"SELECT * FROM {k.table} WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"No {kind} with id {record_id}.", kind=kind, id=record_id)
    title = {
        "place": row["name"] if kind == "place" else "",
        "visit": row["visited_on"] if kind == "visit" else "",
        "interview": (row["person_name"] or row["role"]) if kind == "interview" else "",
        "photo": (row["caption"] or row["original_name"]) if kind == "photo" else "",
    }[kind]
    result = ErasurePlan(kind, record_id, str(title))
    result.records = _subtree(store, kind, record_id)
    ids = [rid for k2, rid in result.records if k2 == "photo"]
    result.blobs = _unused_blobs(store, ids)
    if kind == "interview":
        result.captions = _captions_naming(store, dict(row))
    return result


def _captions_naming(store: Store, interview: dict[str, Any]) -> list[tuple[str, str]]:
    """The captions of the interview's visit that name its person (any form of the name
    the pseudonymiser recognises there: « Rose », « Mme Martin », « Rose Martin »)."""
    if not (interview.get("person_name") or "").strip():
        return []
    names = Pseudonymiser.for_interviews([interview], hide_all=True)
    return [
        (r["id"], r["caption"])
        for r in store.conn.execute(
            "SELECT id, caption FROM photos WHERE visit_id = ? AND deleted = 0 "
            "AND caption != '' ORDER BY created_at, id",
            (interview["visit_id"],),
        )
        if names.scrub(r["caption"], visit_id=interview["visit_id"]) != r["caption"]
    ]


def _subtree(store: Store, kind: str, record_id: str) -> list[tuple[str, str]]:
    out = [(kind, record_id)]
    for child_kind, table, parent_field in CHILDREN.get(kind, ()):
        for (cid,) in store.conn.execute(
            f"SELECT id FROM {table} WHERE {parent_field} = ?", (record_id,)
        ).fetchall():
            out.extend(_subtree(store, child_kind, cid))
    return out


def _unused_blobs(store: Store, photo_ids: list[str]) -> list[str]:
    if not photo_ids:
        return []
    marks = ",".join("?" * len(photo_ids))
    return [
        r[0]
        for r in store.conn.execute(
            f"SELECT DISTINCT blob FROM photos WHERE id IN ({marks}) AND blob NOT IN "
            f"(SELECT blob FROM photos WHERE id NOT IN ({marks}))",
            [*photo_ids, *photo_ids],
        )
    ]


def refusal(store: Store, erasure: ErasurePlan) -> str:
    """Why this person may not erase this (empty when they may)."""
    if store.get_setting(ROLE_SETTING) in ERASER_ROLES:
        return ""
    for kind, rid in erasure.records:
        row = store.conn.execute(
            f"SELECT version, created_by FROM {schema.kind_of(kind).table} WHERE id = ?", (rid,)
        ).fetchone()
        # A laptop never logged in has no user name: all its records are its own.
        theirs = bool(store.user) and row["created_by"] not in ("", store.user)
        if row["version"] > 0 or theirs:
            return (
                "Only coordinators and admins can erase records already synced or made by "
                "someone else; you can delete it instead, or ask a coordinator."
            )
    return ""


def erase(
    store: Store, kind: str, record_id: str, *, clear_captions: Iterable[str] = ()
) -> ErasureResult:
    """Erase a record asked for here: checks the permission, purges, queues the request.

    ``clear_captions``: ids of photos (from :attr:`ErasurePlan.captions`) whose caption
    is emptied in the same transaction, before the bytes are wiped.
    """
    what = plan(store, kind, record_id)
    reason = refusal(store, what)
    if reason:
        raise ErasureRefused(reason, kind=kind, id=record_id)
    sweep_temporary_copies(store)
    naming = {pid for pid, _ in what.captions}
    labels = _labels_of(store, what.records)
    with store.transaction():
        for photo_id in clear_captions:
            if photo_id not in naming:
                raise ErasureRefused(
                    f"Photo {photo_id} is not one whose caption names the erased person.",
                    kind="photo",
                    id=photo_id,
                )
            store.update("photo", photo_id, {"caption": ""})
        removed = _purge_rows(store, what.records, what.blobs)
        # Retention's hashed name forms of the erased people go with them.
        forget_labels(store, labels)
        now = store.now()
        for k, rid in what.records:
            store.conn.execute(
                "INSERT OR REPLACE INTO erasures(kind, record_id, erased_by, erased_at, origin, "
                "requested, sent) VALUES (?, ?, ?, ?, 'here', ?, 0)",
                (k, rid, store.user, now, int((k, rid) == (kind, record_id))),
            )
    files = _remove_files(store, removed)
    return ErasureResult(what, files, wipe_bytes(store))


def purge(store: Store, erased: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    """Apply the server's list of erased ids here; returns what this store still held."""
    gone: list[tuple[str, str]] = []
    blobs: list[str] = []
    sweep_temporary_copies(store)
    with store.transaction():
        for item in erased:
            kind, rid = item["kind"], item["id"]
            table = schema.kind_of(kind).table
            if store.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (rid,)).fetchone():
                records = _subtree(store, kind, rid)
                photo_ids = [r for k, r in records if k == "photo"]
                labels = _labels_of(store, records)
                blobs += _purge_rows(store, records, _unused_blobs(store, photo_ids))
                forget_labels(store, labels)
                gone.extend(records)
            else:
                _purge_rows(store, [(kind, rid)], [])
            store.conn.execute(
                "INSERT OR IGNORE INTO erasures(kind, record_id, erased_by, erased_at, origin, "
                "requested, sent) VALUES (?, ?, '', ?, 'server', 0, 1)",
                (kind, rid, item.get("erased_at") or store.now()),
            )
    _remove_files(store, blobs)
    if gone:
        wipe_bytes(store)
    return gone


def _labels_of(store: Store, records: list[tuple[str, str]]) -> list[str]:
    """The pseudonym labels (after retention) of the interviews among ``records``."""
    ids = [rid for kind, rid in records if kind == "interview"]
    return [
        r[0]
        for r in store.conn.execute(
            f"SELECT person_name FROM interviews WHERE id IN ({','.join('?' * len(ids))})", ids
        )
        if is_label(r[0])
    ]


def sweep_temporary_copies(store: Store) -> int:
    """Remove every temporary photo copy (``blobs/.incoming/*.part``) no import of this
    process is writing: an interrupted import's copy of an erased photo must not outlive
    the erasure. Returns how many were removed."""
    if store.home is None:
        return 0
    from fieldkit.photos import sweep_incoming  # noqa: PLC0415 - Pillow, only when erasing

    return sweep_incoming(store.home, older_than=0)


def _purge_rows(store: Store, records: list[tuple[str, str]], blobs: list[str]) -> list[str]:
    # Keyed by (kind, id) everywhere: an erasure of a place never takes a visit's pending
    # edit that happens to carry the same id.
    keys = set(records)
    # Children first; foreign keys are deferred anyway.
    for kind, rid in reversed(records):
        store.conn.execute(f"DELETE FROM {schema.kind_of(kind).table} WHERE id = ?", (rid,))
        store.conn.execute("DELETE FROM outbox WHERE kind = ? AND record_id = ?", (kind, rid))
        store.conn.execute("DELETE FROM conflicts WHERE kind = ? AND record_id = ?", (kind, rid))
    for prefix in _STATE_PREFIXES:
        for key, value in store.conn.execute(
            "SELECT key, value FROM sync_state WHERE key >= ? AND key < ?",
            (prefix, prefix + "\uffff"),
        ).fetchall():
            if _mentions(key, value, keys):
                store.conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
    for sha in blobs:
        store.conn.execute("DELETE FROM blobs WHERE sha256 = ?", (sha,))
    return blobs


# A set-aside value names its parent by these fields: (field, the parent's kind).
_PARENT_FIELDS = (("place_id", "place"), ("visit_id", "visit"))


def _mentions(key: str, value: str | None, keys: set[tuple[str, str]]) -> bool:
    """Whether a sync_state entry holds one of ``keys`` (kind, id) or a child of one: its
    key ends with ``kind:id`` (set aside, orphan, keep-base), or its value names it."""
    if any(key.endswith(f":{kind}:{rid}") for kind, rid in keys):
        return True
    try:
        data = json.loads(value or "null")
    except ValueError:
        return False
    if not isinstance(data, dict):
        return False
    if (data.get("kind"), data.get("record_id")) in keys:  # a refused op
        return True
    sent = data.get("fields")
    fields: dict[str, Any] = sent if isinstance(sent, dict) else {}
    return any(
        (parent_kind, str(source.get(name))) in keys
        for source in (data, fields)
        for name, parent_kind in _PARENT_FIELDS
        if source.get(name)
    )


def _remove_files(store: Store, blobs: list[str]) -> int:
    home = store.home
    if home is None or not blobs:
        return 0
    removed = 0
    for sha in blobs:
        paths = [
            home.blobs_dir / sha[:2] / sha,
            home.blobs_dir / sha[:2] / f"{sha}.part",
            home.derivatives_dir / "report-screen" / f"{sha}.jpg",
        ]
        for (rel,) in store.conn.execute("SELECT path FROM derivatives WHERE sha256 = ?", (sha,)):
            paths.append(home.derivatives_dir / rel)
        paths.extend((home.derivatives_dir / sha[:2]).glob(f"{sha}*"))
        for path in paths:
            if path.is_file():
                path.unlink()
                removed += 1
        with store.transaction():
            store.conn.execute("DELETE FROM derivatives WHERE sha256 = ?", (sha,))
    return removed


def wipe_bytes(store: Store) -> bool:
    """Overwrite what was deleted: FTS optimize, VACUUM, WAL checkpoint.

    Returns False when another connection kept the WAL from being emptied (it will be at
    the next checkpoint; the deleted rows are already unreachable).
    """
    conn = store.conn
    store.optimize_search()
    store.vacuum()  # the search indexes rebuilt should it renumber rows
    if store.home is None:
        return True
    busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    return not busy


def pending_requests(store: Store) -> list[dict[str, str]]:
    """Erasures asked for here that the server has not taken yet."""
    return [
        {"kind": r[0], "id": r[1]}
        for r in store.conn.execute(
            "SELECT kind, record_id FROM erasures WHERE requested = 1 AND sent = 0 "
            "ORDER BY erased_at"
        )
    ]


def request_answered(store: Store, kind: str, record_id: str, status: str, message: str) -> None:
    with store.transaction():
        store.conn.execute(
            "UPDATE erasures SET sent = 1, status = ? WHERE kind = ? AND record_id = ?",
            (f"{status}: {message}", kind, record_id),
        )


_KIND_FR = {
    "place": "du lieu",
    "visit": "de la visite",
    "interview": "de l'entretien",
    "photo": "de la photo",
}


def answer_message(result: dict[str, Any]) -> str:
    """The server's answer to an erasure request as the person reads it: French for a
    refusal they must act on (the server's English message, kept for the log, follows)."""
    kind, rid, message = result["kind"], result["id"], str(result.get("message") or "")
    if result.get("code") == "coordinator_required":
        return (
            f"Effacement {_KIND_FR.get(kind, kind)} {rid} refusé par le serveur : cette fiche "
            "est sur le serveur et d'autres l'ont peut-être déjà reçue ; un coordinateur doit "
            f"l'effacer. ({message})"
        )
    return f"erasure of {kind} {rid}: {message}"


def is_erased(store: Store, kind: str, record_id: str) -> bool:
    """Whether this (kind, id) is on the local deny-list (ids are unique within a kind)."""
    return (
        store.conn.execute(
            "SELECT 1 FROM erasures WHERE kind = ? AND record_id = ?", (kind, record_id)
        ).fetchone()
        is not None
    )


def journal(store: Store) -> list[dict[str, Any]]:
    """Who erased which id and when (no content), newest first."""
    return [
        dict(r)
        for r in store.conn.execute(
            "SELECT kind, record_id, erased_by, erased_at, origin, requested, sent, status "
            "FROM erasures ORDER BY erased_at DESC, record_id"
        )
    ]
