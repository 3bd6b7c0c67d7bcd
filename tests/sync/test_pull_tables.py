"""Pull pages as tables (``shape=tables``, docs/sync-protocol.md): a first sync reads the
same records into the same rows as it does from record pages; a page it cannot read is
refused whole, and nothing of it is written."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldkit.demo import build_demo
from fieldkit.store import schema
from fieldkit.sync import SyncError, local
from fieldkit.sync.client import _flat

TABLES = ("places", "visits", "interviews", "photos")


class Recording(httpx.BaseTransport):
    """The real HTTP transport, remembering each pull's query; ``tamper`` may rewrite a
    pull page's JSON before the client reads it."""

    def __init__(self, tamper: Any = None) -> None:
        self.inner = httpx.HTTPTransport()
        self.pulls: list[dict[str, str]] = []
        self.tamper = tamper

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if not request.url.path.endswith("/sync/pull"):
            return response
        self.pulls.append(dict(request.url.params))
        body = response.read()
        if self.tamper is not None and response.status_code == 200:
            body = json.dumps(self.tamper(json.loads(body))).encode()
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
        return httpx.Response(response.status_code, headers=headers, content=body)


def _rows(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: [tuple(r) for r in store.conn.execute(f"SELECT * FROM {table} ORDER BY id")]
        for table in TABLES
    }


def test_a_first_sync_from_tables_writes_what_one_from_records_writes(devices):
    """Kinds interleave (edits, a deletion, a pseudonymised interview after the demo's
    records), pages are small, so runs of kinds split across pages. Both readers end with
    the same rows, search and cursor; only the tables reader asked for tables."""
    maker = devices("coordinator", name="maker")  # every région: all the demo's records
    build_demo(maker.store, places=8, visits=20, interviews=40, photos=0, seed=7)
    maker.sync()
    visit = maker.store.conn.execute("SELECT id FROM visits ORDER BY id LIMIT 1").fetchone()[0]
    interview = maker.store.conn.execute(
        "SELECT id FROM interviews ORDER BY id LIMIT 1"
    ).fetchone()[0]
    place = maker.store.conn.execute("SELECT id FROM places ORDER BY id LIMIT 1").fetchone()[0]
    maker.store.update("place", place, {"name": "Fablab « Saint-Malo »", "tags": ["z", "a"]})
    maker.store.update("interview", interview, {"pseudonymise": True})
    maker.store.delete("visit", visit)
    maker.sync()

    by_records, by_tables = Recording(), Recording()
    old = devices("coordinator", name="records", transport=by_records)
    new = devices("coordinator", name="tables", transport=by_tables)
    old.sync(pull_limit=7, pull_tables=False)
    new.sync(pull_limit=7)

    assert _rows(new.store) == _rows(old.store)
    assert sum(len(rows) for rows in _rows(new.store).values()) == 8 + 20 + 40
    assert local.cursor(new.store) == local.cursor(old.store) > 0
    for words in ("Saint-Malo", "atelier", "fablab"):
        assert new.store.search(words) == old.store.search(words)
    assert [hit.id for hit in new.store.search("Saint-Malo")] == [place]
    assert len(by_tables.pulls) >= 10
    assert all(p.get("shape") == "tables" for p in by_tables.pulls)
    assert not any("shape" in p for p in by_records.pulls)


def test_an_everyday_sync_asks_for_its_one_page_as_records(devices):
    """The shorter request for the one page of a sync that follows another (the ≤ 4 KB of
    an incremental sync, bench sync)."""
    maker = devices("coordinator", name="maker")
    build_demo(maker.store, places=2, visits=2, interviews=2, photos=0, seed=3)
    maker.sync()
    wire = Recording()
    reader = devices("coordinator", name="reader", transport=wire)
    reader.sync()
    assert [p.get("shape") for p in wire.pulls] == ["tables"]
    place = maker.store.conn.execute("SELECT id FROM places LIMIT 1").fetchone()[0]
    maker.store.update("place", place, {"name": "Renommé"})
    maker.sync()
    wire.pulls.clear()
    assert reader.sync().pulled == 1
    assert [p.get("shape") for p in wire.pulls] == [None]
    assert reader.store.get("place", place)["name"] == "Renommé"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda t: t["rows"][0].pop(), id="a short row"),
        pytest.param(lambda t: t.__setitem__("kind", "unicorn"), id="an unknown kind"),
        pytest.param(lambda t: t["columns"].remove("id"), id="no id column"),
        pytest.param(lambda t: t.__setitem__("rows", 7), id="rows not a list"),
    ],
)
def test_a_pull_page_that_cannot_be_read_is_refused_whole(devices, damage):
    maker = devices("coordinator", name="maker")
    build_demo(maker.store, places=3, visits=3, interviews=3, photos=0, seed=5)
    maker.sync()

    def tamper(page: dict) -> dict:
        if page.get("tables"):
            damage(page["tables"][-1])
        return page

    reader = devices("coordinator", name="reader", transport=Recording(tamper))
    with pytest.raises(SyncError, match="cannot be read.*nothing of it was applied") as refused:
        reader.sync()
    assert refused.value.code == "bad_page"  # the app says it in French (ui.i18n)
    assert local.cursor(reader.store) == 0
    assert all(rows == [] for rows in _rows(reader.store).values())
    reader.transport = None  # the page comes whole again: everything arrives
    assert reader.sync().pulled == 9


# -- the tables a client reads, record by record --------------------------------------------
_TEXT = st.text(max_size=12)


def _field_value(kind: schema.Kind, field: str) -> st.SearchStrategy[Any]:
    if field in kind.json_fields:
        return st.lists(_TEXT, max_size=3)
    if field in kind.bool_fields:
        return st.booleans()
    if field in schema.FLOAT_FIELDS:
        return st.none() | st.floats(-90, 90)
    if field in schema.INT_FIELDS:
        return st.none() | st.integers(0, 5000)
    if field in schema.NULLABLE_FIELDS:
        return st.none() | _TEXT
    return _TEXT


@st.composite
def _records(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    kind = schema.kind_of(draw(st.sampled_from(sorted(schema.KINDS))))
    out = []
    for i in range(draw(st.integers(1, 4))):
        out.append(
            {
                "kind": kind.name,
                "id": f"r{i}",
                "version": draw(st.integers(1, 9)),
                "seq": i + 1,
                "deleted": draw(st.booleans()),
                "region": "53",
                "fields": {f: draw(_field_value(kind, f)) for f in kind.fields},
                "created_at": draw(st.none() | st.just("2026-11-02T10:00:00.000Z")),
                "updated_at": "2026-11-03T10:00:00.000Z",
                "created_by": draw(st.none() | st.just("agent-bzh")),
                "updated_by": "coordinator",
            }
        )
    return kind.name, out


def _as_table(kind: str, records: list[dict[str, Any]], order: list[str]) -> dict[str, Any]:
    return {
        "kind": kind,
        "columns": order,
        "rows": [[{**r, **r["fields"]}[c] for c in order] for r in records],
    }


@settings(max_examples=150, deadline=None)
@given(_records(), st.randoms(use_true_random=False))
def test_a_table_reads_as_its_records_read(case, rnd):
    """Each record of a table gives the flat record and the new row its record gives
    (client._flat, local.prepare_pulled), whether the table's columns are the usual ones
    in the usual order or shuffled (read by name)."""
    kind, records = case
    now = "2026-12-01T12:00:00.000Z"
    expected = local.prepare_pulled([(kind, _flat(r, local.Pulled)) for r in records], now)
    usual = [*local.TABLE_ENVELOPE, *schema.kind_of(kind).fields]
    shuffled = list(usual)
    rnd.shuffle(shuffled)
    for order in (usual, shuffled):
        got = local.pulled_from_tables([_as_table(kind, records, order)], now)
        assert [k for k, _ in got] == [kind] * len(records)
        for (_, rec), (_, want) in zip(got, expected, strict=True):
            assert dict(rec) == dict(want)
            assert rec.row == want.row  # type: ignore[attr-defined]


def test_a_pull_from_zero_starts_with_a_short_page(devices):
    """The writer starts on a short first page while the full ones are made and fetched;
    a later sync asks for full pages at once."""
    from fieldkit.sync.client import FIRST_PULL_PAGE, PULL_LIMIT

    maker = devices("coordinator", name="maker")
    build_demo(maker.store, places=20, visits=100, interviews=200, photos=0, seed=11)
    maker.sync()
    wire = Recording()
    reader = devices("coordinator", name="reader", transport=wire)
    assert reader.sync().pulled == 320
    assert [int(p["limit"]) for p in wire.pulls] == [FIRST_PULL_PAGE, PULL_LIMIT]
    assert [int(p["since"]) for p in wire.pulls][0] == 0
