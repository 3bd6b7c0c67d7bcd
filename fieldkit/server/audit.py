"""The audit log (``fieldkit server audit``): logins, failed and throttled logins, user
changes, revoked devices, erasures and restores — who, when, from where. Never any
record's content: a record appears by kind and id, a user by name, a device by the name
its owner gave it.
"""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, insert, select

from fieldkit.server import db
from fieldkit.server.config import AUDIT_EVENTS

EVENTS = AUDIT_EVENTS


def operator() -> str:
    """Who runs a `fieldkit server` command on the machine (its system account)."""
    try:
        return f"system:{getpass.getuser()}"[:100]
    except (KeyError, OSError):  # no name for this uid
        return "system:?"


def record(
    conn: Connection,
    at: str,
    event: str,
    actor: str,
    *,
    address: str | None = None,
    subject: str | None = None,
    detail: str | None = None,
) -> None:
    assert event in EVENTS, event
    conn.execute(
        insert(db.audit_log).values(
            at=at,
            event=event,
            actor=actor[:100],
            address=address[:64] if address else None,
            subject=subject[:200] if subject else None,
            detail=detail[:200] if detail else None,
        )
    )


def entries(
    database: db.Database,
    *,
    since: str | None = None,
    events: Sequence[str] = (),
    limit: int = 1000,
) -> list[dict[str, Any]]:
    """The newest ``limit`` entries (from ``since``, of ``events`` if given), oldest first."""
    a = db.audit_log
    query = select(a)
    if since:
        query = query.where(a.c.at >= since)
    if events:
        query = query.where(a.c.event.in_(list(events)))
    query = query.order_by(a.c.id.desc()).limit(limit)
    with database.read() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
    return rows[::-1]
