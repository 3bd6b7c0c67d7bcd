"""Checks of the search indexes for tests: each matches its table's live rows."""

from __future__ import annotations

from fieldkit.store import Store
from fieldkit.store.search import SEARCHED_TABLES


def assert_search_indexes_match(store: Store) -> None:
    """Each index holds one entry per live row of its table, with the row's words: FTS5's
    ``integrity-check`` with rank 1 compares the index with the text it reads from the
    table (docs: https://sqlite.org/fts5.html#the_integrity_check_command)."""
    for table in SEARCHED_TABLES.values():
        index = f"{table}_search"
        store.conn.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
        entries = store.conn.execute(f"SELECT count(*) FROM {index}_docsize").fetchone()[0]
        live = store.conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]
        assert entries == live, (table, entries, live)


def index_structure(store: Store, table: str) -> bytes:
    """The index's structure record: it changes with any write to the index."""
    return store.conn.execute(f"SELECT block FROM {table}_search_data WHERE id = 10").fetchone()[0]
