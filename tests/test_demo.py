"""The demo mission: realistic, deterministic, consistent with the reference data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from fieldkit import demo_data, geo
from fieldkit.demo import METROPOLITAN_REGIONS, DemoCancelled, DemoError, build_demo, demo_jpeg
from fieldkit.errors import ValidationError
from fieldkit.store import CONSENT_STATES, INTERVIEW_ROLES, PLACE_KINDS, Store


def all_rows(store: Store, table: str) -> list[dict]:
    return [dict(r) for r in store.conn.execute(f"SELECT * FROM {table} ORDER BY id")]


def small(store: Store, **sizes: int) -> None:
    args = {"places": 30, "visits": 60, "interviews": 90, "photos": 0, **sizes}
    build_demo(store, **args)


def test_every_commune_postcode_belongs_to_its_departement_and_a_metropolitan_region():
    assert len(METROPOLITAN_REGIONS) == 13
    for dep_code, commune, postcode, lat, lon in demo_data.COMMUNES:
        dep = geo.departement_for_postcode(postcode)
        assert dep is not None and dep.code == dep_code, (commune, postcode)
        assert dep.region in METROPOLITAN_REGIONS
        assert 41 < lat < 52 and -5 < lon < 10, commune
    covered = {geo.departement(c[0]).region for c in demo_data.COMMUNES}
    assert covered == set(METROPOLITAN_REGIONS)
    metropolitan_deps = {d.code for r in METROPOLITAN_REGIONS for d in geo.departements(r)}
    assert {c[0] for c in demo_data.COMMUNES} == metropolitan_deps


def test_demo_counts_and_every_region_role_and_consent(fresh_db: Store):
    summary = build_demo(fresh_db, places=30, visits=60, interviews=90, photos=0)
    assert (summary.places, summary.visits, summary.interviews, summary.photos) == (30, 60, 90, 0)
    places = fresh_db.places()
    assert len(places) == 30
    assert {p["region"] for p in places} == set(METROPOLITAN_REGIONS)
    assert {p["kind"] for p in places} <= set(PLACE_KINDS)
    assert all(p["visit_count"] >= 1 for p in places)  # each place visited at least once
    assert len(fresh_db.visits()) == 60
    interviews = all_rows(fresh_db, "interviews")
    assert len(interviews) == 90
    assert {i["role"] for i in interviews} == set(INTERVIEW_ROLES)
    assert {i["consent"] for i in interviews} == set(CONSENT_STATES)
    assert {(i["role"], i["consent"]) for i in interviews} == {
        (r, c) for r in INTERVIEW_ROLES for c in CONSENT_STATES
    }
    assert {bool(i["pseudonymise"]) for i in interviews} == {True, False}
    # Without consent the report must not name the person.
    assert all(i["pseudonymise"] for i in interviews if i["consent"] != "given")
    assert all(i["consent_on"] for i in interviews if i["consent"] != "not_asked")


def test_demo_texts_look_french(fresh_db: Store):
    small(fresh_db)
    visits = fresh_db.visits()
    notes = "\n".join(v["notes"] for v in visits)
    for mark in ("é", "è", "’", "«", "»", "ç"):
        assert mark in notes, mark
    assert all(v["notes"].count("\n\n") >= 1 for v in visits)  # a few paragraphs each
    names = [p["name"] for p in fresh_db.places()]
    assert len(set(names)) > len(names) * 0.8
    for p in fresh_db.places():
        dep = geo.departement_for_postcode(p["postcode"])
        assert dep is not None and dep.code == p["departement"] and dep.region == p["region"]


def test_demo_is_deterministic_for_a_seed(clock):
    def build(seed: int) -> tuple[list[dict], list[dict]]:
        store = Store.memory(clock=clock)
        small(store, seed=seed)
        keep = ("id", "name", "postcode", "latitude", "tags")
        places = [{k: p[k] for k in keep} for p in all_rows(store, "places")]
        visits = [
            {k: v[k] for k in ("id", "notes", "visited_on")} for v in all_rows(store, "visits")
        ]
        store.close()
        return places, visits

    assert build(5) == build(5)
    assert build(5) != build(6)


def test_demo_writes_outbox_and_search_index_like_any_edit(fresh_db: Store):
    small(fresh_db, places=5, visits=8, interviews=10)
    ops = fresh_db.outbox()
    assert len(ops) == 5 + 8 + 10
    assert {o["op"] for o in ops} == {"create"}
    assert fresh_db.search("equipe")  # accent-free query finds « équipe »
    assert any(h.kind == "interview" for h in fresh_db.search("benevol", limit=500))


def test_running_the_same_seed_twice_is_refused_and_changes_nothing(fresh_db: Store):
    small(fresh_db, places=5, visits=5, interviews=5)
    before = fresh_db.outbox_count()
    with pytest.raises(DemoError, match="already in this database"):
        small(fresh_db, places=5, visits=5, interviews=5)
    assert fresh_db.outbox_count() == before
    build_demo(fresh_db, places=3, visits=3, interviews=3, photos=0, seed=99)
    assert len(fresh_db.places()) == 8


@pytest.mark.parametrize(
    "sizes, message",
    [
        ({"places": -1}, "--places must be 0 or more"),
        ({"places": 0, "visits": 3}, "need at least one place"),
        ({"visits": 0, "interviews": 3}, "need at least one visit"),
        ({"photos": 2}, "need a data directory"),
    ],
)
def test_bad_sizes_are_refused_before_writing(fresh_db: Store, sizes, message):
    args = {"places": 3, "visits": 3, "interviews": 3, "photos": 0, **sizes}
    with pytest.raises(ValidationError, match=message):
        build_demo(fresh_db, **args)
    assert fresh_db.outbox_count() == 0


def test_progress_reaches_the_total(fresh_db: Store):
    calls: list[tuple[int, int]] = []
    build_demo(
        fresh_db,
        places=10,
        visits=20,
        interviews=30,
        photos=0,
        progress=lambda d, t: calls.append((d, t)),
    )
    assert calls and calls[-1] == (60, 60)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_demo_jpeg_is_a_real_jpeg_with_exif_date_and_gps(tmp_path: Path):
    taken = dt.datetime(2026, 3, 14, 10, 22, 5)
    path = demo_jpeg(
        tmp_path / "a.jpg", taken_at=taken, latitude=43.344, longitude=-1.475, label="Façade"
    )
    with Image.open(path) as im:
        assert im.format == "JPEG" and im.size == (800, 600)
        exif = im.getexif()
        assert exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] == (
            "2026:03:14 10:22:05"
        )
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        lat = sum(float(x) / 60**i for i, x in enumerate(gps[ExifTags.GPS.GPSLatitude]))
        lon = sum(float(x) / 60**i for i, x in enumerate(gps[ExifTags.GPS.GPSLongitude]))
        assert gps[ExifTags.GPS.GPSLatitudeRef] == "N" and abs(lat - 43.344) < 1e-3
        assert gps[ExifTags.GPS.GPSLongitudeRef] == "W" and abs(lon - 1.475) < 1e-3


def test_demo_photos_are_real_jpegs_with_exif_imported_through_the_photo_importer(store: Store):
    from fieldkit.photos import blob_path

    summary = build_demo(store, places=4, visits=5, interviews=5, photos=6)
    assert summary.photos == 6
    rows = all_rows(store, "photos")
    assert len(rows) == 6
    assert all(r["caption"] for r in rows)
    for r in rows:
        assert r["taken_at"] and r["taken_at"].startswith(("2025", "2026"))
        assert r["latitude"] is not None and r["longitude"] is not None
        with Image.open(blob_path(store.home, r["blob"])) as im:
            assert im.format == "JPEG"
            exif = im.getexif()
            assert ExifTags.Base.DateTimeOriginal in exif.get_ifd(ExifTags.IFD.Exif)
            assert ExifTags.GPS.GPSLatitude in exif.get_ifd(ExifTags.IFD.GPSInfo)
        visit = store.require("visit", r["visit_id"])
        assert r["taken_at"][:10] == visit["visited_on"]
        place = store.require("place", visit["place_id"])
        assert abs(r["latitude"] - place["latitude"]) < 1e-3


def test_cancelling_while_records_are_written_keeps_nothing(fresh_db: Store):
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) >= 2

    with pytest.raises(DemoCancelled, match="nothing was added"):
        build_demo(fresh_db, places=100, visits=300, interviews=300, photos=0, cancelled=cancelled)
    assert fresh_db.places() == [] and fresh_db.outbox_count() == 0


def test_cancelling_during_photos_keeps_the_records_and_stops_the_photos(store: Store):
    # Polled every 200 records: these few records are all written before the first poll,
    # which comes before the first photos.
    summary = build_demo(store, places=3, visits=3, interviews=3, photos=8, cancelled=lambda: True)
    assert summary.photos == 0
    assert len(store.places()) == 3 and len(all_rows(store, "photos")) == 0
