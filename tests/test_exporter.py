"""export: every live record, one file per kind, JSON or CSV that French Excel opens right."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit.demo import build_demo
from fieldkit.exporter import ExportError, columns, export
from fieldkit.importer import import_places
from fieldkit.store import KINDS, PLACE_KINDS, Store

FILES = ("places", "visits", "interviews", "photos")
NAME_BEARING = {
    "person_name",
    "organisation",
    "notes",
    "quotes",
    "summary",
    "visitors",
    "caption",
    "description",
}


@pytest.fixture
def mission(store: Store) -> Store:
    build_demo(store, places=6, visits=10, interviews=15, photos=3)
    return store


def live_ids(store: Store, table: str) -> set[str]:
    return {r[0] for r in store.conn.execute(f"SELECT id FROM {table} WHERE deleted = 0")}


def test_json_export_has_every_live_record_with_its_fields(mission: Store, tmp_path: Path):
    summary = export(mission, "json", tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{f}.json" for f in FILES
    )
    assert summary.counts == {"place": 6, "visit": 10, "interview": 15, "photo": 3}
    for kind, table in zip(("place", "visit", "interview", "photo"), FILES, strict=True):
        raw = (tmp_path / "out" / f"{table}.json").read_bytes()
        records = json.loads(raw)
        assert {r["id"] for r in records} == live_ids(mission, table)
        for record in records:
            assert list(record) == columns(kind)
            # Text that may name an interviewee goes through the consent rule (test_export_privacy).
            kept = [c for c in columns(kind) if c not in NAME_BEARING]
            assert {c: record[c] for c in kept} == {
                c: mission.require(kind, record["id"])[c] for c in kept
            }
    assert "é".encode() in (tmp_path / "out" / "visits.json").read_bytes()  # not \u00e9


def test_tombstones_are_not_exported(mission: Store, tmp_path: Path):
    visit = mission.visits()[0]
    gone = {c.id for c in mission.delete("visit", visit["id"])}
    export(mission, "json", tmp_path)
    exported = {
        r["id"] for f in FILES for r in json.loads((tmp_path / f"{f}.json").read_text("utf-8"))
    }
    assert gone and not gone & exported
    assert visit["place_id"] in exported  # the place itself stays


def test_csv_export_is_utf8_with_bom_and_semicolons(mission: Store, tmp_path: Path):
    summary = export(mission, "csv", tmp_path)
    assert set(summary.files) == {"place", "visit", "interview", "photo"}
    raw = (tmp_path / "visits.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid;version;created_at;")
    with (tmp_path / "visits.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert len(rows) == 10
    for row in rows:
        visit = mission.require("visit", row["id"])
        assert row["notes"] == visit["notes"]  # paragraphs, « guillemets », ’ intact
        assert row["tags"] == ", ".join(visit["tags"])
    with (tmp_path / "interviews.csv").open(encoding="utf-8-sig", newline="") as f:
        interviews = list(csv.DictReader(f, delimiter=";"))
    assert {r["pseudonymise"] for r in interviews} <= {"true", "false"}
    assert any(r["consent_on"] == "" for r in interviews)  # None is an empty cell


def test_exported_places_csv_imports_back_unchanged(mission: Store, tmp_path: Path, clock):
    export(mission, "csv", tmp_path)
    before = mission.outbox_count()
    again = import_places(mission, tmp_path / "places.csv")
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 6, [])
    assert mission.outbox_count() == before

    other = Store.memory(clock=clock)
    copied = import_places(other, tmp_path / "places.csv")
    assert copied.created == 6
    for place in mission.places():
        twin = other.require("place", place["id"])  # same ids
        assert {f: twin[f] for f in columns("place")[6:]} == {
            f: place[f] for f in columns("place")[6:]
        }
    other.close()


def test_empty_database_gives_empty_files(fresh_db: Store, tmp_path: Path):
    export(fresh_db, "json", tmp_path / "j")
    export(fresh_db, "csv", tmp_path / "c")
    assert json.loads((tmp_path / "j" / "places.json").read_text()) == []
    assert (tmp_path / "c" / "photos.csv").read_text(encoding="utf-8-sig").splitlines() == [
        ";".join(columns("photo"))
    ]


def test_bad_format_or_target_is_refused_and_writes_nothing(fresh_db: Store, tmp_path: Path):
    with pytest.raises(ExportError, match="Unknown export format 'xml'"):
        export(fresh_db, "xml", tmp_path / "x")
    assert not (tmp_path / "x").exists()
    afile = tmp_path / "afile"
    afile.write_text("keep me")
    with pytest.raises(ExportError, match="is a file"):
        export(fresh_db, "csv", afile)
    assert afile.read_text() == "keep me"


def test_export_replaces_its_own_files_and_leaves_no_partial_file(fresh_db: Store, tmp_path: Path):
    (tmp_path / "places.json").write_text("old")
    (tmp_path / "notes.txt").write_text("mine")
    fresh_db.create_place(name="Le Bocal")
    export(fresh_db, "json", tmp_path)
    assert json.loads((tmp_path / "places.json").read_text())[0]["name"] == "Le Bocal"
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert not list(tmp_path.glob("*.partial"))


# Tags are joined with ", " in CSV and split again on , ; | / when imported, so a tag
# cannot hold those characters and survive a CSV round trip; NUL marks a binary file.
csv_text = st.text(max_size=80).filter(lambda s: "\x00" not in s)
csv_place = st.fixed_dictionaries(
    {
        "name": csv_text.filter(lambda s: s.strip()),
        "kind": st.sampled_from(PLACE_KINDS),
        "address": csv_text,
        "postcode": st.sampled_from(["", "34500", "20000", "97400", "01000"]),
        "commune": csv_text,
        "latitude": st.one_of(st.none(), st.floats(-90, 90, allow_nan=False)),
        "longitude": st.one_of(st.none(), st.floats(-180, 180, allow_nan=False)),
        "website": csv_text,
        "contact": csv_text,
        "description": csv_text,
        "tags": st.lists(st.text(max_size=15).filter(lambda t: not set(t) & set(",;|/\x00"))),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(places=st.lists(csv_place, min_size=1, max_size=3))
def test_any_places_survive_a_csv_export_and_import(places, tmp_path_factory):
    folder = tmp_path_factory.mktemp("csv")
    source, target = Store.memory(), Store.memory()
    try:
        for fields in places:
            source.create("place", fields)
        export(source, "csv", folder)
        summary = import_places(target, folder / "places.csv")
        assert summary.errors == [] and summary.created == len(places)
        for place in source.places():
            twin = target.require("place", place["id"])
            assert {f: twin[f] for f in KINDS["place"].fields} == {
                f: place[f] for f in KINDS["place"].fields
            }
    finally:
        source.close()
        target.close()
