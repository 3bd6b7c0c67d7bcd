"""Search: one FTS5 index over places, visits and interviews (accent-insensitive, prefix).

The index and its triggers are made by the migrations (_m2_search, _m3_search_rows,
_m_search_interviewees, _m_sync_server_deferred_search); new rows in bulk are indexed by
``Store.insert_rows``. Why one hand-written FTS5 table rather than sqlite-utils'
``enable_fts``: see docs/architecture.md, Departures.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SearchHit:
    kind: str  # place, visit, interview
    id: str
    title: str
    snippet: str
    place_id: str
    visit_id: str | None


# What the search index holds per kind (title, body), as the triggers of the migrations
# write it (_m3_search_rows, _m_search_interviewees, _m_sync_server_deferred_search).
SEARCHED = {
    "place": ("name", "commune || ' ' || address || ' ' || description"),
    "visit": ("summary", "notes || ' ' || visitors"),
    "interview": ("organisation", "coalesce(person_name, '') || ' ' || notes || ' ' || quotes"),
}

# How many of the most recent matches a search ranks at most (see full_text_search).
SEARCH_RANK_WINDOW = 500


def full_text_search(
    conn: sqlite3.Connection, text: str, *, limit: int = 50, kinds: Iterable[str] | None = None
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
    cutoff = conn.execute(
        f"SELECT rowid FROM search_index WHERE {where} ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        [*params, SEARCH_RANK_WINDOW - 1],
    ).fetchone()
    if cutoff is not None:
        where += " AND s.rowid >= ?"
        params.append(cutoff[0])
    params.append(limit)
    rows = conn.execute(
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


def fts_query(text: str) -> str:
    """Turn what a person typed into an FTS5 query: every word, as a prefix, must match."""
    words = []
    for raw in text.split():
        word = "".join(ch for ch in raw if ch.isalnum() or ch in "'-’")
        word = word.replace('"', "").strip("'-’")
        if word:
            words.append(f'"{word}"*')
    return " AND ".join(words)
