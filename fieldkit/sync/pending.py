"""What is still only on this computer: « Ce qui reste à envoyer » and « Tout est-il envoyé ? ».

:func:`pending_report` counts (and, asked, lists) what a wipe of this laptop would lose:

- changes waiting in the outbox;
- photos whose file is here but not yet on the server (count and bytes);
- photos whose file is neither here nor on the server (the file went missing on disk:
  only someone with the original can bring it back);
- changes the server refused, kept aside with their reason until a person fixes or
  discards them;
- conflict resolutions the server has not heard of yet;
- open conflicts the server no longer has (restored from a backup taken before them):
  their values ("mine") are only here until the next sync sends them again. Only a caller
  that asked the server which conflicts it holds (``fieldkit sync --check``) counts them.

:func:`check_all_sent` turns it into a plain answer, for the app's Synchronisation menu
and ``fieldkit sync --check``. It reads only the local store: the outbox empties only on
the server's answers, so an empty outbox means the server has every change.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from fieldkit import missions
from fieldkit.store import Store, schema
from fieldkit.sync import local
from fieldkit.sync.blobs import SyncError, blob_file
from fieldkit.text import count

#: Categories of :class:`PendingItem`, in the order the list shows them.
CATEGORIES = ("refused", "missing_photo", "change", "photo", "resolution")


@dataclass(frozen=True)
class PendingItem:
    category: str  # one of CATEGORIES
    kind: str  # place, visit, interview, photo
    record_id: str
    title: str
    detail: str  # the operation and fields, the size, or the server's reason
    size: int = 0
    op_id: str = ""
    # A refusal's reason as a code and its values, for the app to say in its language.
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass
class PendingReport:
    changes: int = 0
    photos_unsent: int = 0
    photos_unsent_bytes: int = 0
    photos_missing: int = 0
    refused: int = 0
    resolutions: int = 0
    conflicts_lost: int = 0  # open here, unknown to the server (None asked: not counted)
    conflicts_unchecked: int = 0  # open here, the server could not be asked about them
    logged_in: bool = False
    last_sync: str | None = None
    items: list[PendingItem] = field(default_factory=list)
    # The demo's folder never syncs (fieldkit.missions): nothing in it is waiting to be
    # sent, whatever its outbox holds.
    demo: bool = False

    @property
    def nothing_pending(self) -> bool:
        return not (
            self.changes
            or self.photos_unsent
            or self.photos_missing
            or self.refused
            or self.resolutions
            or self.conflicts_lost
            or self.conflicts_unchecked
        )


@dataclass(frozen=True)
class SentCheck:
    """The answer to « Tout est-il envoyé ? »: ``safe`` when a wipe would lose nothing."""

    safe: bool
    report: PendingReport
    lines: list[str]  # English sentences for the CLI and logs; the GUI words its own

    def describe(self) -> str:
        return "\n".join(self.lines)


def record_title(store: Store, kind: str, record_id: str) -> str:
    """A short name for a record in a list (place name, visit's place and date…)."""
    record = store.get(kind, record_id, include_deleted=True)
    if record is None:
        return record_id[:8]
    if kind == "place":
        return str(record["name"])
    if kind == "visit":
        place = store.get("place", record["place_id"], include_deleted=True)
        return f"{place['name'] if place else '?'} — {record['visited_on']}"
    if kind == "interview":
        return str(record["person_name"] or record["organisation"] or record_id[:8])
    return str(record.get("caption") or record.get("original_name") or record_id[:8])


def _photos_not_on_server(store: Store) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        "SELECT p.id, p.blob, b.size FROM photos p LEFT JOIN blobs b ON b.sha256 = p.blob "
        "WHERE p.deleted = 0 AND coalesce(b.uploaded, 0) = 0 ORDER BY p.created_at, p.id"
    ).fetchall()
    return [dict(r) for r in rows]


def pending_report(store: Store, *, with_items: bool = False) -> PendingReport:
    """Counts of what is only here; ``with_items`` also lists each thing (for the dialog)."""
    from fieldkit.sync import client as sync_client  # settings keys (client imports local)

    if missions.is_demo(store):
        return PendingReport(demo=True)
    report = PendingReport(
        changes=store.outbox_count(),
        logged_in=bool(store.get_setting(sync_client.SERVER_URL)),
        last_sync=store.get_setting(sync_client.LAST_SYNC),
    )
    seen_blobs: set[str] = set()
    for row in _photos_not_on_server(store):
        sha = row["blob"]
        here = store.home is not None and blob_file(store.home, sha).is_file()
        size = int(row["size"] or 0)
        if here and size == 0 and store.home is not None:
            size = blob_file(store.home, sha).stat().st_size
        if here:
            if sha not in seen_blobs:  # one file may back several photo records
                report.photos_unsent += 1
                report.photos_unsent_bytes += size
        else:
            report.photos_missing += 1
        seen_blobs.add(sha)
        if with_items:
            report.items.append(
                PendingItem(
                    "photo" if here else "missing_photo",
                    "photo",
                    row["id"],
                    record_title(store, "photo", row["id"]),
                    sha[:12],
                    size,
                )
            )
    refused = local.rejected_ops(store)
    report.refused = len(refused)
    resolutions = local.unsent_resolutions(store)
    report.resolutions = len(resolutions)
    if with_items:
        for op in refused:
            report.items.append(
                PendingItem(
                    "refused",
                    op["kind"],
                    op["record_id"],
                    record_title(store, op["kind"], op["record_id"]),
                    op["message"],
                    op_id=op["op_id"],
                    code=str(op.get("code") or ""),
                    params=dict(op.get("params") or {}),
                )
            )
        for entry in store.outbox():
            fields = ", ".join(sorted(entry["fields"])) if entry["op"] == "update" else ""
            report.items.append(
                PendingItem(
                    "change",
                    entry["kind"],
                    entry["record_id"],
                    record_title(store, entry["kind"], entry["record_id"]),
                    f"{entry['op']}: {fields}" if fields else entry["op"],
                    op_id=entry["op_id"],
                )
            )
        for conflict_id, _info in resolutions:
            row = store.conn.execute(
                "SELECT kind, record_id FROM conflicts WHERE id = ?", (conflict_id,)
            ).fetchone()
            if row is not None:
                report.items.append(
                    PendingItem(
                        "resolution",
                        row["kind"],
                        row["record_id"],
                        record_title(store, row["kind"], row["record_id"]),
                        "resolve",
                    )
                )
        order = {c: i for i, c in enumerate(CATEGORIES)}
        report.items.sort(key=lambda item: order[item.category])
    return report


def _records_count(store: Store) -> int:
    return sum(
        int(store.conn.execute(f"SELECT count(*) FROM {k.table}").fetchone()[0])
        for k in schema.KINDS.values()
    )


def lost_conflicts(store: Store, on_server: Collection[str]) -> int:
    """Open conflicts here whose id the server does not hold (``on_server``)."""
    known = set(on_server)
    return sum(1 for c in store.open_conflicts() if c["id"] not in known)


def check_with_server(store: Store, *, transport: Any = None, timeout: float = 10.0) -> SentCheck:
    """:func:`check_all_sent`, having asked the server which of the open conflicts here it
    still holds (only when there are some): an open conflict is safe only while the server
    has it too, and a restore from an older backup may have taken it away. A server that
    cannot be reached leaves them unchecked, which is not safe either."""
    from fieldkit.sync import client as sync_client  # client imports this module's peers

    server_conflicts: set[str] | None = None
    unchecked = 0
    if store.conflict_count() and store.get_setting(sync_client.SERVER_URL):
        try:
            with sync_client.SyncClient.from_settings(
                store, transport=transport, retry_delays=(), timeout=timeout
            ) as client:
                server_conflicts = client.server_conflict_ids()
        except SyncError:
            unchecked = store.conflict_count()
    return check_all_sent(store, server_conflicts, unchecked=unchecked)


def check_all_sent(
    store: Store, server_conflicts: Collection[str] | None = None, *, unchecked: int = 0
) -> SentCheck:
    """Would anything be lost if this laptop were wiped now? Plain sentences say what.

    ``server_conflicts``: the ids of the conflicts the server holds for this user, when the
    caller could ask; open conflicts here that it lacks are then counted as not sent.
    ``unchecked``: open conflicts the caller could not ask the server about."""
    report = pending_report(store)
    if server_conflicts is not None:
        report.conflicts_lost = lost_conflicts(store, server_conflicts)
    report.conflicts_unchecked = unchecked
    lines: list[str] = []
    if report.demo:
        lines.append(
            "This is the demo mission: nothing in it is ever sent to a server; a wipe "
            "would lose no real mission's data."
        )
        return SentCheck(True, report, lines)
    if not report.logged_in:
        if _records_count(store):
            lines.append(
                "This computer has never been connected to a sync server: everything here "
                "exists only here."
            )
        else:
            lines.append("Nothing here yet, and no sync server: nothing would be lost.")
            return SentCheck(True, report, lines)
        return SentCheck(False, report, lines)
    if report.changes:
        lines.append(
            f"{count(report.changes, 'change')} {_are(report.changes)} not on the server yet."
        )
    if report.photos_unsent:
        lines.append(
            f"{count(report.photos_unsent, 'photo')} ({_human(report.photos_unsent_bytes)}) "
            f"{_are(report.photos_unsent)} not on the server yet."
        )
    if report.photos_missing:
        lines.append(
            f"{count(report.photos_missing, 'photo')} {_are(report.photos_missing)} neither on "
            "this computer nor on the server "
            "(their file is missing on disk); only the original can bring them back."
        )
    if report.refused:
        lines.append(
            f"{count(report.refused, 'change')} {'was' if report.refused == 1 else 'were'} "
            "refused by the server and kept aside here: "
            "fix or discard them."
        )
    if report.resolutions:
        lines.append(
            f"{count(report.resolutions, 'conflict resolution')} {_are(report.resolutions)} "
            "not on the server yet."
        )
    if report.conflicts_lost:
        lines.append(
            f"{count(report.conflicts_lost, 'open conflict')} {_are(report.conflicts_lost)} "
            "no longer on the server (restored from an older backup): the next sync sends "
            "them again."
        )
    if report.conflicts_unchecked:
        lines.append(
            f"The server could not be reached to check {count(report.conflicts_unchecked, 'open conflict')}: "
            "sync first, then check again."
        )
    if report.nothing_pending:
        when = report.last_sync or "never"
        lines.append(
            f"Everything is on the server (last sync: {when}): wiping this computer would "
            "lose nothing."
        )
        return SentCheck(True, report, lines)
    lines.append("Sync before handing this computer back, or these would be lost.")
    return SentCheck(False, report, lines)


def _human(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def _are(n: int) -> str:
    return "is" if n == 1 else "are"
