"""The journal of a record (« Historique »): who changed which fields when, and its
conflicts with how they were resolved (docs/sync-protocol.md, "The journal of a record").

The server keeps every accepted version; ``GET records/{kind}/{id}/history`` returns them.
The last answer for each record is kept in the local table ``record_journal`` so that the
journal opens offline; entries made here and not yet sent, and local conflicts, are added
from the store itself. HTTP (:func:`download`) needs no database, so the GUI runs it off
the database lane and saves the answer (:func:`save`) on it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx

from fieldkit import __version__
from fieldkit.store import Store, schema
from fieldkit.sync import credentials
from fieldkit.sync.blobs import NotLoggedIn, SyncError

API = "/api/v1"


@dataclass(frozen=True)
class Login:
    url: str
    token: str


def login_of(store: Store) -> Login | None:
    """The server and token this store syncs with, or None when not logged in."""
    from fieldkit.sync.client import SERVER_URL, USER

    url, user = store.get_setting(SERVER_URL), store.get_setting(USER)
    if not url or not user or store.home is None:
        return None
    token = credentials.load_token(store.home, url, user)
    return Login(url, token) if token else None


def download(
    login: Login,
    kind: str,
    record_id: str,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = 20.0,
) -> dict[str, Any]:
    """The server's journal of one record. Raises :class:`SyncError` (offline, 403, 404)
    or :class:`NotLoggedIn` (401) with a message for the person."""
    schema.kind_of(kind)
    try:
        with httpx.Client(
            base_url=login.url.rstrip("/") + API,
            transport=transport,
            timeout=timeout,
            headers={
                "Authorization": f"Bearer {login.token}",
                "User-Agent": f"fieldkit/{__version__}",
            },
        ) as http:
            response = http.get(f"/records/{kind}/{record_id}/history")
    except httpx.TransportError as exc:
        raise SyncError(
            f"Could not reach the sync server at {login.url} ({type(exc).__name__}); "
            "the journal shown is the last one received.",
            code="offline",
        ) from exc
    if response.status_code == 200:
        return dict(response.json())
    try:
        message = response.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        message = response.text[:200]
    if response.status_code == 401:
        raise NotLoggedIn(f"The server refused this login ({message}); log in again.")
    code = {403: "forbidden", 404: "not_found"}.get(response.status_code, "server_error")
    raise SyncError(f"Server: {message}", code=code, status=response.status_code)


def save(store: Store, journal: dict[str, Any]) -> None:
    with store.transaction():
        store.conn.execute(
            "INSERT INTO record_journal(kind, record_id, fetched_at, body) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(kind, record_id) DO UPDATE SET fetched_at = excluded.fetched_at, "
            "body = excluded.body",
            (
                journal["kind"],
                journal["id"],
                store.now(),
                json.dumps(journal, ensure_ascii=False),
            ),
        )


def cached(store: Store, kind: str, record_id: str) -> dict[str, Any]:
    """What is known here: the last journal received (``entries``, ``conflicts``,
    ``fetched_at`` or None), local conflicts the server's answer did not have yet, and
    ``unsent``: the changes waiting in the outbox for this record."""
    schema.kind_of(kind)
    row = store.conn.execute(
        "SELECT fetched_at, body FROM record_journal WHERE kind = ? AND record_id = ?",
        (kind, record_id),
    ).fetchone()
    journal: dict[str, Any] = (
        json.loads(row["body"]) if row else {"kind": kind, "id": record_id, "entries": []}
    )
    journal.setdefault("conflicts", [])
    journal["fetched_at"] = row["fetched_at"] if row else None
    known = {c["id"] for c in journal["conflicts"]}
    for c in store.conn.execute(
        "SELECT * FROM conflicts WHERE kind = ? AND record_id = ? ORDER BY created_at",
        (kind, record_id),
    ):
        if c["id"] in known:
            continue
        mine, theirs = json.loads(c["mine"]), json.loads(c["theirs"])
        journal["conflicts"].append(
            {
                "id": c["id"],
                "kind": kind,
                "record_id": record_id,
                "user": store.user,
                "fields": sorted(set(mine) | set(theirs)),
                "mine": mine,
                "theirs": theirs,
                "created_at": c["created_at"],
                "resolved_at": c["resolved_at"],
                "resolved_by": store.user if c["resolved_at"] else None,
                "outcome": None,
            }
        )
    journal["unsent"] = [
        {"op": e["op"], "fields": sorted(e["fields"]), "at": e["created_at"]}
        for e in store.outbox()
        if e["kind"] == kind and e["record_id"] == record_id
    ]
    return journal


def refresh(store: Store, kind: str, record_id: str, **kwargs: Any) -> dict[str, Any]:
    """Download, keep and return the journal (the CLI and tests; the GUI splits it)."""
    login = login_of(store)
    if login is None:
        raise NotLoggedIn("Not logged in to a sync server: run `fieldkit login` first.")
    save(store, download(login, kind, record_id, **kwargs))
    return cached(store, kind, record_id)
