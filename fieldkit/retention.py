"""Retention of interviewees' names (docs/privacy.md).

The mission's retention date is a setting of the data directory
(``fieldkit retention YYYY-MM-DD``; :data:`fieldkit.privacy.RETENTION_KEY`). From that day:

- every output (reports, exports, listings) pseudonymises everybody, consent or not
  (:func:`fieldkit.privacy.may_show_name` with the date);
- :func:`apply_if_due` (run by ``fieldkit sync`` and ``fieldkit retention``) replaces the
  stored names by their pseudonym labels with the same pseudonymiser: each interview's
  ``person_name``, and the names in the free text of its interview and visit. These are
  ordinary edits, so the next sync carries them to the server and from there to every
  other computer's copy.
"""

from __future__ import annotations

from typing import Any

from fieldkit.privacy import LABEL_PATTERN, RETENTION_KEY, Pseudonymiser, names_expired
from fieldkit.store import Store


def get_date(store: Store) -> str | None:
    value = store.get_setting(RETENTION_KEY)
    return str(value) if value else None


def set_date(store: Store, until: str | None) -> None:
    if until is None:
        with store.transaction():
            store.conn.execute("DELETE FROM settings WHERE key = ?", (RETENTION_KEY,))
        return
    store.set_setting(RETENTION_KEY, until)


def apply_if_due(store: Store) -> int:
    """Past the date, replace stored names by pseudonyms; returns the interviews renamed."""
    if not names_expired(store):
        return 0
    rows = [
        dict(r)
        for r in store.conn.execute(
            "SELECT * FROM interviews WHERE deleted = 0 ORDER BY created_at, id"
        )
    ]
    used: dict[str, int] = {}
    labels_by_text: dict[str, str] = {}
    for r in rows:
        m = LABEL_PATTERN.match(r["person_name"] or "")
        if m:
            labels_by_text[m.group(1)] = r["role"]
            used[r["role"]] = max(used.get(r["role"], 0), int(m.group(2)))
    named = [r for r in rows if r["person_name"] and not LABEL_PATTERN.match(r["person_name"])]
    if not named:
        return 0
    names = Pseudonymiser.for_interviews(named, hide_all=True, numbers_from=used)
    visits = {r["visit_id"] for r in named}
    with store.transaction():
        for r in named:
            store.update(
                "interview",
                r["id"],
                {
                    "person_name": names.label(r),
                    "notes": names.scrub(r["notes"], interview=r),
                    "quotes": names.scrub(r["quotes"], interview=r),
                },
            )
        for vid in visits:
            visit = store.get("visit", vid)
            if visit is None:
                continue
            changes: dict[str, Any] = {
                f: names.scrub(visit[f], visit_id=vid) for f in ("notes", "summary")
            }
            changes["visitors"] = names.scrub(visit["visitors"], full_names_only=True)
            store.update("visit", vid, changes)
            for photo in store.photos(vid):
                caption = names.scrub(photo["caption"], visit_id=vid)
                if caption != photo["caption"]:
                    store.update("photo", photo["id"], {"caption": caption})
        # Other interviews of those visits (already labelled people's notes, say).
        for r in rows:
            if r in named or r["visit_id"] not in visits:
                continue
            store.update(
                "interview",
                r["id"],
                {f: names.scrub(r[f], visit_id=r["visit_id"]) for f in ("notes", "quotes")},
            )
    return len(named)
