"""Search over places, visits and interviews (accent-insensitive, prefix), with FTS5.

One external-content FTS5 index per kind (``places_search``, ``visits_search``,
``interviews_search``), made with its triggers by the migration ``_m_search_per_kind``;
new rows in bulk are indexed by ``Store.insert_rows``. Why hand-written FTS5 tables
rather than sqlite-utils' ``enable_fts``: see docs/architecture.md, Departures.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fieldkit.store.migrations import SEARCH_SOURCES


@dataclass(frozen=True)
class SearchHit:
    kind: str  # place, visit, interview
    id: str
    title: str
    snippet: str
    place_id: str
    visit_id: str | None


#: The searched kinds, with their table and search index (migration
#: ``_m_search_per_kind``), in the order hits of equal rank are listed.
SEARCHED_TABLES = {kind: table for kind, (table, _, _) in SEARCH_SOURCES.items()}

#: Per kind: the indexed title and body in SQL over the table's columns (what
#: ``Store.insert_rows`` indexes a bulk insert's rows with; the triggers use the same).
SEARCHED = {
    kind: (title.format(r=""), body.format(r=""))
    for kind, (_, title, body) in SEARCH_SOURCES.items()
}

# How many of the most recent matches of each kind a search ranks at most (see
# full_text_search).
SEARCH_RANK_WINDOW = 500

# Per kind, the place and visit a hit belongs to, from the table's row ``t``.
_OWNERS = {
    "place": ("t.id", "NULL"),
    "visit": ("t.place_id", "t.id"),
    "interview": ("(SELECT v.place_id FROM visits v WHERE v.id = t.visit_id)", "t.visit_id"),
}


def full_text_search(
    conn: sqlite3.Connection, text: str, *, limit: int = 50, kinds: Iterable[str] | None = None
) -> list[SearchHit]:
    """Full-text, accent-insensitive, prefix search over places, visits and interviews.

    Each kind has its own index; the best ``limit`` of each are merged by relevance: a
    hit's bm25 over the best of its kind, ties in the order place, visit, interview. So the
    best match of each kind comes first, whatever the sizes of the indexes (an index of
    15,000 interviews weighs a word differently from one of 1,800 places).
    """
    query = fts_query(text)
    if not query:
        return []
    asked = None if kinds is None else set(kinds)  # read once: ``kinds`` may be an iterator
    wanted = [k for k in SEARCHED_TABLES if asked is None or k in asked]
    arms: list[str] = []
    params: list[Any] = []
    for kind in wanted:
        table = SEARCHED_TABLES[kind]
        index = f"{table}_search"
        where = f"{index} MATCH ?"
        arm_params: list[Any] = [query]
        # Ranking (bm25) costs microseconds per matching record, and a 3-letter prefix or
        # a very common word matches most of a mission. Past SEARCH_RANK_WINDOW matches
        # of a kind, only its most recently created ones (the rowid grows with each new
        # row) are ranked; typing more letters narrows the matches and the ranking is
        # over all of them again.
        cutoff = conn.execute(
            f"SELECT rowid FROM {index} WHERE {where} ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            [query, SEARCH_RANK_WINDOW - 1],
        ).fetchone()
        if cutoff is not None:
            where += f" AND {index}.rowid >= ?"
            arm_params.append(cutoff[0])
        place_id, visit_id = _OWNERS[kind]
        arms.append(
            # relevance: the hit's bm25 over the best of its kind (1 for the best; bm25
            # is negative, lower is better), so kinds ranked in indexes of different sizes
            # compare, and the best place is listed however many interviews match.
            f"""SELECT *, rank / min(rank) OVER () AS relevance FROM (
                SELECT '{kind}' AS kind, t.id AS record_id, t.{SEARCHED[kind][0]} AS title,
                    snippet({index}, 1, '[', ']', '…', 10) AS body_snippet,
                    snippet({index}, 0, '[', ']', '…', 10) AS title_snippet,
                    {place_id} AS place_id, {visit_id} AS visit_id, {index}.rank AS rank,
                    {len(arms)} AS kind_order
                FROM {index} JOIN {table} t ON t.rowid = {index}.rowid
                WHERE {where} ORDER BY {index}.rank LIMIT ?)"""
        )
        params += [*arm_params, limit]
    if not arms:
        return []
    rows = conn.execute(
        " UNION ALL ".join(arms) + " ORDER BY relevance DESC, kind_order LIMIT ?",
        [*params, limit],
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
