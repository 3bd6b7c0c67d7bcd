"""Photo ingest (DESIGN §4) with real files made by Pillow and pillow-heif in tmp_path."""

from __future__ import annotations

import hashlib
import io
import os
import random
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from fieldkit import photos
from fieldkit.cli import main
from fieldkit.errors import NotFoundError, PhotoError
from fieldkit.paths import Home
from fieldkit.store import Store
from tests.photo_factory import (
    corner_colours,
    make_bomb_jpeg,
    make_heic,
    make_jpeg,
    make_not_an_image,
    make_png,
    make_truncated,
    marked_image,
    nearest_marker,
)


@pytest.fixture
def visit(store: Store) -> dict:
    place = store.create_place(
        name="La Cordée Béziers", kind="coworking", postcode="34500", commune="Béziers"
    )
    return store.create_visit(place["id"], visited_on="2026-10-01")


def stored_files(home: Home) -> list[Path]:
    """Every file in the photo store and the derivative cache (temporary folders included)."""
    return sorted(
        p for d in (home.blobs_dir, home.derivatives_dir) for p in d.rglob("*") if p.is_file()
    )


def table_count(store: Store, table: str) -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def assert_nothing_imported(store: Store, home: Home) -> None:
    assert stored_files(home) == []
    assert table_count(store, "photos") == 0
    assert table_count(store, "blobs") == 0
    assert table_count(store, "derivatives") == 0
    assert store.conn.execute("SELECT count(*) FROM outbox WHERE kind = 'photo'").fetchone()[0] == 0


# -- the content-addressed copy --------------------------------------------------------------


def test_import_copies_the_original_into_the_content_addressed_store(store, home, visit, tmp_path):
    src = make_jpeg(tmp_path / "IMG_0001.JPG", (400, 300), taken_at="2026-05-04 10:11:12")
    before = src.read_bytes()
    mtime = src.stat().st_mtime_ns

    row = photos.import_photo(store, visit["id"], src, caption="L'atelier")

    sha = hashlib.sha256(before).hexdigest()
    blob = photos.blob_path(home, sha)
    assert blob == home.blobs_dir / sha[:2] / sha
    assert blob.read_bytes() == before
    # The original is never modified (nor moved).
    assert src.read_bytes() == before and src.stat().st_mtime_ns == mtime
    assert row == store.get("photo", row["id"])
    assert row["blob"] == sha
    assert row["visit_id"] == visit["id"]
    assert row["caption"] == "L'atelier"
    assert row["original_name"] == "IMG_0001.JPG"
    assert (row["width"], row["height"]) == (400, 300)
    assert row["taken_at"] == "2026-05-04T10:11:12"
    assert row["in_report"] is True and row["position"] == 0
    blob_row = dict(store.conn.execute("SELECT * FROM blobs").fetchone())
    assert blob_row["sha256"] == sha and blob_row["size"] == len(before)
    assert (blob_row["mime"], blob_row["present"], blob_row["uploaded"]) == ("image/jpeg", 1, 0)
    derivs = {
        r["kind"]: dict(r) for r in store.conn.execute("SELECT * FROM derivatives").fetchall()
    }
    assert set(derivs) == {"thumb", "report"}
    assert (derivs["thumb"]["width"], derivs["thumb"]["height"]) == (256, 192)
    assert (derivs["report"]["width"], derivs["report"]["height"]) == (400, 300)
    for kind, d in derivs.items():
        assert home.derivatives_dir / d["path"] == photos.derivative_path(home, sha, kind)
        assert (home.derivatives_dir / d["path"]).is_file()
    # The photo row syncs like any record: one outbox entry, in the same action.
    (entry,) = [e for e in store.outbox() if e["kind"] == "photo"]
    assert entry["record_id"] == row["id"] and entry["op"] == "create"
    assert entry["fields"]["blob"] == sha
    # Nothing left in the temporary folder.
    assert not any((home.blobs_dir / photos.INCOMING_DIR).iterdir())


def test_large_files_are_streamed_through_a_temporary_copy(
    store, home, visit, tmp_path, monkeypatch
):
    # Files above IN_MEMORY_MAX_BYTES are copied and hashed in chunks rather than read whole;
    # lowering the threshold sends these small files down that path.
    monkeypatch.setattr(photos, "IN_MEMORY_MAX_BYTES", 0)
    src = make_jpeg(tmp_path / "a.jpg", (400, 300), orientation=6, gps=(43.3442, 3.2158))
    row = photos.import_photo(store, visit["id"], src)
    assert row["blob"] == hashlib.sha256(src.read_bytes()).hexdigest()
    assert photos.blob_path(home, row["blob"]).read_bytes() == src.read_bytes()
    assert (row["width"], row["height"]) == (300, 400)
    assert_displayed(photos.derivative(home, row["blob"], "report"), 6)
    with pytest.raises(PhotoError) as err:
        photos.import_photo(store, visit["id"], make_truncated(tmp_path / "cut.jpg"))
    assert err.value.code == "truncated"
    with pytest.raises(PhotoError) as err:
        photos.import_photo(store, visit["id"], make_not_an_image(tmp_path / "n.jpg"))
    assert err.value.code == "not_an_image"
    assert len(stored_files(home)) == 3  # the one good photo: original and two derivatives


def test_same_photo_twice_in_a_visit_is_stored_once(store, home, visit, tmp_path):
    src = make_jpeg(tmp_path / "a.jpg")
    copy = tmp_path / "renamed copy.jpg"
    copy.write_bytes(src.read_bytes())

    report = photos.import_photos(store, visit["id"], [src, copy, src], workers=2)

    assert len(report.imported) == 1
    assert report.duplicates == [str(copy), str(src)]
    assert report.refused == []
    with pytest.raises(PhotoError) as err:
        photos.import_photo(store, visit["id"], copy)
    assert err.value.code == "duplicate"
    assert str(copy) in err.value.message and "already in this visit" in err.value.message
    assert len(store.photos(visit["id"])) == 1
    assert len(list(home.blobs_dir.glob("??/*"))) == 1


def test_same_photo_in_two_visits_makes_two_rows_and_one_blob(store, home, visit, tmp_path):
    other = store.create_visit(visit["place_id"], visited_on="2026-10-02")
    src = make_jpeg(tmp_path / "a.jpg")
    first = photos.import_photo(store, visit["id"], src)
    second = photos.import_photo(store, other["id"], src)
    assert first["id"] != second["id"] and first["blob"] == second["blob"]
    assert len(list(home.blobs_dir.glob("??/*"))) == 1
    assert table_count(store, "blobs") == 1


def test_positions_follow_the_order_given_and_continue_across_imports(store, visit, tmp_path):
    files = [make_jpeg(tmp_path / f"{i}.jpg", seed=i + 1) for i in range(5)]
    first = photos.import_photos(store, visit["id"], files[:3], workers=2)
    second = photos.import_photos(store, visit["id"], files[3:], workers=2)
    assert [r["original_name"] for r in first.imported + second.imported] == [
        f"{i}.jpg" for i in range(5)
    ]
    assert [p["position"] for p in store.photos(visit["id"])] == [0, 1, 2, 3, 4]
    assert [p["original_name"] for p in store.photos(visit["id"])] == [f"{i}.jpg" for i in range(5)]


# -- EXIF ---------------------------------------------------------------------------------


def test_taken_at_from_date_time_original_with_and_without_offset(home, tmp_path):
    plain = photos.ingest_blob(
        home, make_jpeg(tmp_path / "a.jpg", taken_at="2025-12-31 23:59:58", seed=1)
    )
    assert plain.taken_at == "2025-12-31T23:59:58"
    with_offset = photos.ingest_blob(
        home,
        make_jpeg(tmp_path / "b.jpg", taken_at="2026-03-29 02:30:00", offset="+02:00", seed=2),
    )
    assert with_offset.taken_at == "2026-03-29T02:30:00+02:00"
    none = photos.ingest_blob(home, make_jpeg(tmp_path / "c.jpg", seed=3))
    assert none.taken_at is None and none.latitude is None and none.longitude is None


def test_taken_at_falls_back_and_ignores_blank_dates(home, tmp_path):
    def with_exif(name: str, fill) -> Path:
        exif = Image.Exif()
        fill(exif)
        path = tmp_path / name
        marked_image(seed=len(name)).save(path, "JPEG", exif=exif.tobytes())
        return path

    blank = with_exif(
        "blank.jpg", lambda e: e.get_ifd(0x8769).update({0x9003: "0000:00:00 00:00:00"})
    )
    assert photos.ingest_blob(home, blank).taken_at is None
    digitized = with_exif(
        "digitized.jpg",
        lambda e: e.get_ifd(0x8769).update({0x9003: "    ", 0x9004: "2024:02:29 08:00:01"}),
    )
    assert photos.ingest_blob(home, digitized).taken_at == "2024-02-29T08:00:01"
    modified = with_exif("modified.jpg", lambda e: e.update({0x0132: "2023:07:01 18:45:00"}))
    assert photos.ingest_blob(home, modified).taken_at == "2023-07-01T18:45:00"


def test_gps_without_a_fix_is_no_position(home, tmp_path):
    info = photos.ingest_blob(home, make_jpeg(tmp_path / "nofix.jpg", gps=(0.0, 0.0)))
    assert (info.latitude, info.longitude) == (None, None)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (43.3442, 3.2158),  # Béziers: N, E
        (47.2184, -1.5536),  # Nantes: N, W
        (-21.1151, 55.5364),  # Saint-Denis de La Réunion: S, E
        (-17.5350, -149.5696),  # Papeete: S, W
    ],
)
def test_gps_to_signed_decimal_degrees(home, tmp_path, lat, lon):
    info = photos.ingest_blob(home, make_jpeg(tmp_path / "gps.jpg", gps=(lat, lon)))
    assert info.latitude == pytest.approx(lat, abs=1e-5)
    assert info.longitude == pytest.approx(lon, abs=1e-5)


def test_gps_reaches_the_photo_row(store, visit, tmp_path):
    row = photos.import_photo(
        store, visit["id"], make_jpeg(tmp_path / "g.jpg", gps=(45.764, 4.8357))
    )
    assert row["latitude"] == pytest.approx(45.764, abs=1e-5)
    assert row["longitude"] == pytest.approx(4.8357, abs=1e-5)


def test_damaged_exif_does_not_refuse_the_photo(home, tmp_path):
    src = tmp_path / "odd.jpg"
    marked_image((400, 300)).save(src, "JPEG", exif=b"Exif\x00\x00MM\x00*\x00\x00\xff\xff garbage")
    with pytest.warns(UserWarning, match="Corrupt EXIF"):  # Pillow says so; we carry on
        info = photos.ingest_blob(home, src)
    assert (info.width, info.height) == (400, 300)
    assert (info.taken_at, info.latitude, info.orientation) == (None, None, 1)


@pytest.mark.parametrize("bogus", [0, 9, 255])
def test_out_of_range_orientation_is_treated_as_upright(home, tmp_path, bogus):
    info = photos.ingest_blob(home, make_jpeg(tmp_path / "o.jpg", (400, 300), orientation=bogus))
    assert (info.width, info.height, info.orientation) == (400, 300, 1)
    assert_displayed(photos.derivative(home, info.sha256, "report"), 1)


# -- orientation ----------------------------------------------------------------------------

# Where the stored image's top-left (red) and top-right (green) corners must appear once
# displayed, from the EXIF 2.32 definition of each Orientation value (worked out by hand,
# not from the code under test).
DISPLAYED_CORNERS = {
    1: ("top_left", "top_right"),
    2: ("top_right", "top_left"),  # mirrored horizontally
    3: ("bottom_right", "bottom_left"),  # rotated 180°
    4: ("bottom_left", "bottom_right"),  # mirrored vertically
    5: ("top_left", "bottom_left"),  # mirrored horizontally, rotated 270° CW (transpose)
    6: ("top_right", "bottom_right"),  # rotated 90° CW
    7: ("bottom_right", "top_right"),  # mirrored horizontally, rotated 90° CW (transverse)
    8: ("bottom_left", "top_left"),  # rotated 270° CW
}


def assert_displayed(path: Path, orientation: int) -> None:
    red, green = DISPLAYED_CORNERS[orientation]
    with Image.open(path) as im:
        seen = {corner: nearest_marker(c) for corner, c in corner_colours(im).items()}
    assert seen[red] == "red", seen
    assert seen[green] == "green", seen
    others = set(seen) - {red, green}
    assert all(seen[c] == "background" for c in others), seen


@pytest.mark.parametrize("orientation", range(1, 9))
def test_orientation_is_applied_to_derivatives_and_dimensions(
    store, home, visit, tmp_path, orientation
):
    src = make_jpeg(tmp_path / f"o{orientation}.jpg", (400, 300), orientation=orientation)
    original = src.read_bytes()
    row = photos.import_photo(store, visit["id"], src)
    turned = orientation >= 5
    assert (row["width"], row["height"]) == ((300, 400) if turned else (400, 300))
    report = photos.derivative(home, row["blob"], "report")
    thumb = photos.derivative(home, row["blob"], "thumb")
    with Image.open(report) as im:
        assert im.format == "JPEG"
        assert im.size == ((300, 400) if turned else (400, 300))
        # The orientation is baked into the pixels, so no EXIF rotation is left to apply.
        assert im.getexif().get(0x0112) in (None, 1)
    with Image.open(thumb) as im:
        assert im.size == ((192, 256) if turned else (256, 192))
    assert_displayed(report, orientation)
    assert_displayed(thumb, orientation)
    # The original keeps its bytes and its orientation tag.
    assert photos.blob_path(home, row["blob"]).read_bytes() == original


def test_camera_size_jpeg_is_decoded_in_draft_mode_and_turned(home, tmp_path):
    # 3264×2448 (8 MP): draft mode decodes at 1/2 scale, then the report is resized to fit.
    src = make_jpeg(tmp_path / "big.jpg", (3264, 2448), orientation=6)
    info = photos.ingest_blob(home, src)
    assert (info.width, info.height) == (2448, 3264) and info.orientation == 6
    report = photos.derivative(home, info.sha256, "report")
    with Image.open(report) as im:
        assert im.size == (1200, 1600)
    assert_displayed(report, 6)


# -- HEIC and other formats -------------------------------------------------------------------


def test_heic_from_a_phone_is_accepted(store, home, visit, tmp_path):
    src = make_heic(
        tmp_path / "IMG_2040.HEIC",
        (400, 300),
        orientation=6,
        taken_at="2026-07-14 11:00:00",
        gps=(48.8584, 2.2945),
    )
    with Image.open(src) as im:  # a real HEIF file, not a renamed JPEG
        assert im.format == "HEIF"
    row = photos.import_photo(store, visit["id"], src)
    assert (row["width"], row["height"]) == (300, 400)
    assert row["taken_at"] == "2026-07-14T11:00:00"
    assert row["latitude"] == pytest.approx(48.8584, abs=1e-5)
    assert row["longitude"] == pytest.approx(2.2945, abs=1e-5)
    mime = store.conn.execute("SELECT mime FROM blobs").fetchone()[0]
    assert mime == "image/heif"
    report = photos.derivative(home, row["blob"], "report")
    with Image.open(report) as im:
        assert im.format == "JPEG" and im.size == (300, 400)
    assert_displayed(report, 6)


def test_png_with_transparency_gets_a_white_background(home, tmp_path):
    info = photos.ingest_blob(home, make_png(tmp_path / "plan.png", alpha=True))
    assert info.mime == "image/png"
    with Image.open(photos.derivative(home, info.sha256, "report")) as im:
        assert im.mode == "RGB"
        r, g, b = im.getpixel((60, 60))
        assert min(r, g, b) > 100  # half-transparent blue over white, not over black


@pytest.mark.parametrize(
    ("name", "mode", "fmt", "options"),
    [
        ("grey.jpg", "L", "JPEG", {}),
        ("print.jpg", "CMYK", "JPEG", {}),
        ("scan.png", "I;16", "PNG", {}),
        ("plan.png", "P", "PNG", {"transparency": 0}),
        ("photo.webp", "RGB", "WEBP", {}),
        ("scan.tif", "RGB", "TIFF", {}),
    ],
)
def test_other_modes_and_formats_give_upright_jpeg_derivatives(
    home, tmp_path, name, mode, fmt, options
):
    src = tmp_path / name
    im = marked_image((300, 200))
    if mode == "I;16":
        im = im.convert("L").convert("I").point(lambda v: v * 256).convert("I;16")
    else:
        im = im.convert(mode)
    im.save(src, fmt, **options)
    info = photos.ingest_blob(home, src)
    assert (info.width, info.height) == (300, 200)
    with Image.open(photos.derivative(home, info.sha256, "report")) as out:
        assert out.format == "JPEG" and out.size == (300, 200)
        assert out.mode in ("RGB", "L")
        if mode in ("CMYK", "RGB"):
            assert_displayed(photos.derivative(home, info.sha256, "report"), 1)


# -- refusals: a clear message, nothing half-imported -------------------------------------------


def refusal(store: Store, visit: dict, path: Path) -> PhotoError:
    with pytest.raises(PhotoError) as err:
        photos.import_photo(store, visit["id"], path)
    assert str(path) in str(err.value)  # the message names the file
    return err.value


def test_not_an_image_is_refused(store, home, visit, tmp_path):
    err = refusal(store, visit, make_not_an_image(tmp_path / "notes.jpg"))
    assert err.code == "not_an_image" and "is not an image" in err.message
    assert_nothing_imported(store, home)


def test_empty_file_is_refused(store, home, visit, tmp_path):
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    err = refusal(store, visit, empty)
    assert err.code == "empty_file" and "empty" in err.message
    assert_nothing_imported(store, home)


def test_missing_file_is_refused(store, home, visit, tmp_path):
    err = refusal(store, visit, tmp_path / "nowhere.jpg")
    assert err.code == "file_not_found" and "not found" in err.message
    assert_nothing_imported(store, home)


def test_truncated_jpeg_is_refused(store, home, visit, tmp_path):
    err = refusal(store, visit, make_truncated(tmp_path / "cut.jpg"))
    assert err.code == "truncated" and "truncated" in err.message
    assert_nothing_imported(store, home)


def _noisy(size: tuple[int, int]) -> Image.Image:
    """Noise spreads a photo's data through the file, so a cut lands inside the image."""
    return Image.frombytes("RGB", size, random.Random(3).randbytes(size[0] * size[1] * 3))


def _save_as(fmt: str, path: Path) -> Path:
    if fmt == "HEIC":
        return make_heic(path, (400, 300))
    _noisy((400, 300)).save(path, fmt)
    return path


# What the file is tells a cut-short photo, whatever the decoder's wording (pillow-heif
# 0.x and 1.x word a cut HEIC differently): the refusal code and the format, not a message.
@pytest.mark.parametrize("fmt", ["HEIC", "PNG", "WEBP", "AVIF"])
@pytest.mark.parametrize("keep", [0.05, 0.5, 0.9])
def test_a_photo_cut_short_is_refused_as_truncated(store, home, visit, tmp_path, fmt, keep):
    src = _save_as(fmt, tmp_path / f"photo.{fmt.lower()}")
    data = src.read_bytes()
    src.write_bytes(data[: int(len(data) * keep)])
    err = refusal(store, visit, src)
    assert err.code == "truncated"
    assert err.params["format"] == {"WEBP": "WebP"}.get(fmt, fmt)
    assert_nothing_imported(store, home)


def _jpeg_bytes() -> bytes:
    out = io.BytesIO()
    _noisy((160, 120)).save(out, "JPEG", quality=90)
    return out.getvalue()


def _broken_frame_header(data: bytes) -> bytes:
    sof = data.find(b"\xff\xc0")
    return data[: sof + 2] + b"\x00\x02" + data[sof + 4 :]  # a frame header 2 bytes long


def _broken_scan(data: bytes) -> bytes:
    sos = data.find(b"\xff\xda")
    return data[: sos + 20] + b"\xff\xc4" * 50 + data[sos + 120 :]  # markers amid the scan


@pytest.mark.parametrize("damage", [_broken_frame_header, _broken_scan])
def test_a_whole_but_damaged_jpeg_is_refused_as_damaged_in_our_words(
    store, home, visit, tmp_path, damage
):
    """The file ends where it should (its End-Of-Image marker is there) but its header or
    its scan is broken: a damaged image, said in FieldKit's words, none of Pillow's."""
    src = tmp_path / "abîmée.jpg"
    src.write_bytes(damage(_jpeg_bytes()))
    err = refusal(store, visit, src)
    assert err.code == "damaged_image" and err.params["format"] == "JPEG"
    assert err.message == f"{src}: starts like a JPEG photo but cannot be read: it is damaged."
    assert_nothing_imported(store, home)


@pytest.mark.parametrize("keep", [0.001, 0.05, 0.5, 0.99])
def test_jpeg_cut_anywhere_is_refused_as_truncated(home, tmp_path, keep):
    with pytest.raises(PhotoError) as err:
        photos.ingest_blob(home, make_truncated(tmp_path / "cut.jpg", keep=keep))
    assert err.value.code == "truncated" and "truncated" in err.value.message
    assert stored_files(home) == []


def test_decompression_bomb_past_pillows_limit_is_refused(store, home, visit, tmp_path):
    err = refusal(store, visit, make_bomb_jpeg(tmp_path / "bomb.jpg", 60000, 60000))
    assert err.code == "decompression_bomb" and "decompression bomb" in err.message
    assert_nothing_imported(store, home)


def test_declared_size_over_the_pixel_limit_is_refused_before_decoding(
    store, home, visit, tmp_path
):
    # 100 MP: Pillow only warns about it; FieldKit refuses from the declared dimensions.
    bomb = make_bomb_jpeg(tmp_path / "big.jpg", 10000, 10000)
    with pytest.warns(Image.DecompressionBombWarning):
        err = refusal(store, visit, bomb)
    assert err.code == "decompression_bomb"
    assert "10000×10000" in err.message and "decompression bomb" in err.message
    assert_nothing_imported(store, home)


def test_unsupported_image_format_is_refused(store, home, visit, tmp_path):
    gif = tmp_path / "anim.gif"
    Image.new("P", (20, 20)).save(gif)
    err = refusal(store, visit, gif)
    assert err.code == "unsupported_format" and "GIF" in err.message
    assert_nothing_imported(store, home)


def test_missing_visit_changes_nothing(store, home, tmp_path):
    src = make_jpeg(tmp_path / "a.jpg")
    with pytest.raises(NotFoundError):
        photos.import_photo(store, "no-such-visit", src)
    with pytest.raises(NotFoundError):
        photos.import_photos(store, "no-such-visit", [src])
    assert_nothing_imported(store, home)


def test_database_failure_leaves_no_orphan_blob(store, home, visit, tmp_path):
    # A real SQLite failure inside the photo's transaction (as a full disk would cause).
    store.conn.execute(
        "CREATE TEMP TRIGGER refuse_photo BEFORE INSERT ON photos "
        "BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END"
    )
    with pytest.raises(Exception, match="simulated write failure"):
        photos.import_photo(store, visit["id"], make_jpeg(tmp_path / "a.jpg"))
    assert_nothing_imported(store, home)
    report = photos.import_photos(store, visit["id"], [make_jpeg(tmp_path / "b.jpg", seed=4)])
    assert report.imported == [] and "simulated write failure" in report.refused[0][1]
    assert_nothing_imported(store, home)


def test_pixel_guard_holds_even_if_pillows_limit_is_lifted(home, tmp_path, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # as some other code might do
    with pytest.raises(PhotoError) as err:
        photos.ingest_blob(home, make_bomb_jpeg(tmp_path / "bomb.jpg", 60000, 60000))
    assert err.value.code == "decompression_bomb"
    assert stored_files(home) == []


def test_leftovers_of_a_crashed_import_are_swept(store, home, visit, tmp_path):
    incoming = home.blobs_dir / photos.INCOMING_DIR
    incoming.mkdir(parents=True, exist_ok=True)
    stale, fresh = incoming / "dead.part", incoming / "live.part"
    for p in (stale, fresh):
        p.write_bytes(b"half a photo")
    old = stale.stat().st_mtime - 2 * photos.STALE_INCOMING_SECONDS
    os.utime(stale, (old, old))
    photos.import_photo(store, visit["id"], make_jpeg(tmp_path / "a.jpg"))
    assert not stale.exists()
    assert fresh.exists()  # may belong to an import running right now


def test_in_memory_store_has_no_photo_store(fresh_db, tmp_path):
    place = fresh_db.create_place(name="Tiers-lieu", postcode="34500")
    v = fresh_db.create_visit(place["id"], visited_on="2026-10-01")
    with pytest.raises(PhotoError, match="no data directory"):
        photos.import_photo(fresh_db, v["id"], make_jpeg(tmp_path / "a.jpg"))


# -- batches: refused list, progress, cancel --------------------------------------------------


def test_batch_reports_each_refused_file_with_its_reason(store, home, visit, tmp_path):
    good = [make_jpeg(tmp_path / f"ok{i}.jpg", seed=i + 1) for i in range(3)]
    text = make_not_an_image(tmp_path / "notes.jpg")
    cut = make_truncated(tmp_path / "cut.jpg")
    missing = tmp_path / "missing.jpg"
    calls: list[tuple[int, int]] = []

    report = photos.import_photos(
        store,
        visit["id"],
        [good[0], text, good[1], cut, missing, good[2]],
        progress=lambda done, total: calls.append((done, total)),
        workers=2,
    )

    assert [r["original_name"] for r in report.imported] == ["ok0.jpg", "ok1.jpg", "ok2.jpg"]
    reasons = dict(report.refused)
    assert list(reasons) == [str(text), str(cut), str(missing)]
    assert report.refused_codes == ["not_an_image", "truncated", "file_not_found"]
    assert "not an image" in reasons[str(text)]
    assert "truncated" in reasons[str(cut)]
    assert "not found" in reasons[str(missing)]
    assert not any(str(p) in r for p, r in report.refused)  # the path is not repeated
    assert report.duplicates == [] and not report.cancelled
    assert calls == [(i, 6) for i in range(7)]
    # Only the three good photos are on disk: originals and two derivatives each.
    assert len(stored_files(home)) == 9


def test_cancel_keeps_what_was_imported_and_leaves_no_orphans(store, home, visit, tmp_path):
    files = [make_jpeg(tmp_path / f"{i}.jpg", seed=i + 1) for i in range(8)]
    calls: list[tuple[int, int]] = []

    report = photos.import_photos(
        store,
        visit["id"],
        files,
        progress=lambda done, total: calls.append((done, total)),
        cancelled=lambda: len(calls) > 3,  # the user presses Cancel after the third photo
        workers=2,
    )

    assert report.cancelled
    assert [r["original_name"] for r in report.imported] == ["0.jpg", "1.jpg", "2.jpg"]
    assert calls[-1] == (3, 8)
    assert len(store.photos(visit["id"])) == 3
    # Files read ahead by the pool but not recorded were removed again.
    shas = {r["blob"] for r in report.imported}
    assert {p.name for p in home.blobs_dir.glob("??/*")} == shas
    assert len(list(home.derivatives_dir.rglob("*.jpg"))) == 6
    assert table_count(store, "blobs") == 3


# -- derivatives on demand ------------------------------------------------------------------


def test_derivative_is_rebuilt_when_the_cache_is_gone(home, tmp_path):
    info = photos.ingest_blob(home, make_jpeg(tmp_path / "a.jpg", (800, 600), orientation=8))
    for kind in ("thumb", "report"):
        photos.derivative_path(home, info.sha256, kind).unlink()
    thumb = photos.derivative(home, info.sha256, "thumb")
    with Image.open(thumb) as im:
        assert im.size == (192, 256)
    assert_displayed(thumb, 8)
    photos.ensure_derivatives(home, info.sha256)
    assert photos.derivative_path(home, info.sha256, "report").is_file()


def test_derivative_of_a_missing_original_raises(home, tmp_path):
    info = photos.ingest_blob(home, make_jpeg(tmp_path / "a.jpg"))
    photos.derivative_path(home, info.sha256, "thumb").unlink()
    photos.blob_path(home, info.sha256).unlink()
    with pytest.raises(PhotoError) as err:
        photos.derivative(home, info.sha256, "thumb")
    assert err.value.code == "blob_missing" and info.sha256[:12] in err.value.message
    unknown = "0" * 64
    with pytest.raises(PhotoError, match="not in the photo store"):
        photos.ensure_derivatives(home, unknown)


def test_derivative_rejects_bad_arguments(home):
    with pytest.raises(PhotoError, match="not a sha256"):
        photos.derivative(home, "../../etc/passwd", "thumb")
    with pytest.raises(PhotoError, match="Unknown derivative kind"):
        photos.derivative(home, "a" * 64, "poster")


def test_reimporting_a_stored_blob_with_its_cache_gone_rebuilds_it(home, tmp_path):
    src = make_jpeg(tmp_path / "a.jpg", (500, 400))
    first = photos.ingest_blob(home, src)
    assert first.created
    photos.derivative_path(home, first.sha256, "report").unlink()
    again = photos.ingest_blob(home, src)
    assert not again.created and again.sha256 == first.sha256
    assert photos.derivative_path(home, first.sha256, "report").is_file()


# -- CLI --------------------------------------------------------------------------------------


def test_cli_photos_import(home, visit, store, tmp_path):
    runner = CliRunner()
    good = [make_jpeg(tmp_path / f"p{i}.jpg", seed=i + 1) for i in range(2)]
    result = runner.invoke(
        main, ["--home", str(home.root), "photos", "import", visit["id"], *map(str, good)]
    )
    assert result.exit_code == 0, result.output
    assert "2 imported, 0 duplicates, 0 refused." in result.output
    assert "p0.jpg" in result.output and "p1.jpg" in result.output
    assert len(store.photos(visit["id"])) == 2

    bad = make_not_an_image(tmp_path / "notes.jpg")
    result = runner.invoke(
        main, ["--home", str(home.root), "photos", "import", visit["id"], str(good[0]), str(bad)]
    )
    assert result.exit_code == 1
    assert f"refused   {bad}: is not an image" in result.output
    assert "0 imported, 1 duplicate, 1 refused." in result.output

    result = runner.invoke(
        main, ["--home", str(home.root), "photos", "import", "no-such-visit", str(good[0])]
    )
    assert result.exit_code == 1
    assert "No visit with id no-such-visit" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_photo_factory_files_are_what_they_claim(tmp_path):
    """The helpers other tests (demo, GUI, reports) rely on make real files."""
    jpeg = make_jpeg(tmp_path / "a.jpg", orientation=3, taken_at="2026-01-02 03:04:05")
    with Image.open(jpeg) as im:
        assert im.format == "JPEG" and im.getexif()[0x0112] == 3
    assert os.path.getsize(make_truncated(tmp_path / "t.jpg")) > 1000
    with Image.open(make_bomb_jpeg(tmp_path / "b.jpg", 9000, 7000)) as im:
        assert im.size == (9000, 7000)


# -- odd photos (issue 13) -----------------------------------------------------------------


@pytest.mark.parametrize("orientation", range(1, 9))
def test_tiff_orientation_is_applied_once(home, tmp_path, orientation):
    """Pillow turns a TIFF by its EXIF orientation while decoding: FieldKit must not turn
    it a second time (it came out mirrored or rotated twice, width and height swapped)."""
    src = tmp_path / f"o{orientation}.tif"
    exif = Image.Exif()
    exif[0x0112] = orientation
    marked_image((300, 200)).save(src, "TIFF", exif=exif)
    info = photos.ingest_blob(home, src)
    turned = orientation >= 5
    assert (info.width, info.height) == ((200, 300) if turned else (300, 200))
    assert info.orientation == orientation
    report = photos.derivative(home, info.sha256, "report")
    with Image.open(report) as im:
        assert im.size == ((200, 300) if turned else (300, 200))
    assert_displayed(report, orientation)
    assert_displayed(photos.derivative(home, info.sha256, "thumb"), orientation)


@pytest.mark.parametrize("mode", ["I;16B", "I;16", "I;16L"])
def test_valid_16_bit_tiffs_are_accepted_big_endian_too(home, tmp_path, mode):
    src = tmp_path / f"scan-{mode.replace(';', '')}.tif"
    grey = marked_image((120, 80)).convert("L").convert("I").point(lambda v: v * 256)
    grey.convert(mode).save(src, "TIFF")
    with Image.open(src) as check:
        assert check.mode in (mode, "I;16")  # Pillow keeps the byte order it read
    info = photos.ingest_blob(home, src)
    assert (info.width, info.height) == (120, 80) and info.mime == "image/tiff"
    with Image.open(photos.derivative(home, info.sha256, "report")) as out:
        assert out.mode == "L"
        assert 30 < out.getpixel((60, 60)) < 225  # scaled to 8 bits, not clipped white


def test_avif_is_accepted_when_pillow_reads_it(home, tmp_path):
    from PIL import features

    src = tmp_path / "phone.avif"
    marked_image((300, 200)).save(src, "AVIF", quality=90)
    if not features.check("avif"):
        pytest.fail("this Pillow has no AVIF plugin; the test needs one to say anything")
    info = photos.ingest_blob(home, src)
    assert info.mime == "image/avif" and (info.width, info.height) == (300, 200)
    assert_displayed(photos.derivative(home, info.sha256, "report"), 1)


def test_refusal_of_a_format_says_an_before_a_vowel(store, home, visit, tmp_path):
    ico = tmp_path / "favicon.ico"
    Image.new("RGB", (32, 32)).save(ico, "ICO")
    err = refusal(store, visit, ico)
    assert err.code == "unsupported_format" and "is an ICO image" in err.message
    gif = tmp_path / "anim.gif"
    Image.new("P", (20, 20)).save(gif)
    assert "is a GIF image" in refusal(store, visit, gif).message


def _huge_png_header(path: Path, size: tuple[int, int] = (9440, 9470)) -> Path:
    """A PNG whose header declares an 89-MP image, with no pixel data: it costs nothing
    to make, weighs as much as a real one in the budget, and is then refused as damaged."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", size[0], size[1], 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b""))
    return path


def _max_running(monkeypatch) -> dict[str, int]:
    """Counts how many files are being prepared at once (the real work still runs)."""
    import threading

    seen = {"running": 0, "most": 0}
    lock = threading.Lock()
    real_prepare = photos._prepare

    def counting_prepare(home, source):
        with lock:
            seen["running"] += 1
            seen["most"] = max(seen["most"], seen["running"])
        try:
            time.sleep(0.05)  # long enough for another worker to start if allowed
            return real_prepare(home, source)
        finally:
            with lock:
                seen["running"] -= 1

    monkeypatch.setattr(photos, "_prepare", counting_prepare)
    return seen


def test_the_memory_budget_admits_one_huge_image_at_a_time(store, visit, tmp_path, monkeypatch):
    """With the real budget, two 89-MP images are never decoded at once, whatever the
    worker count (four 89-MP WebPs took 5.5 GB at once; see bench/), while phone photos
    still go side by side."""
    huge = [_huge_png_header(tmp_path / f"huge{i}.png") for i in range(4)]
    assert photos._decode_cost(huge[0]) > photos.MEMORY_BUDGET / 2
    seen = _max_running(monkeypatch)
    report = photos.import_photos(store, visit["id"], huge, workers=4)
    assert len(report.refused) == 4
    assert set(report.refused_codes) <= {"truncated", "damaged_image"}
    assert seen["most"] == 1
    phones = [make_jpeg(tmp_path / f"s{i}.jpg", (400, 300), seed=10 + i) for i in range(4)]
    seen["most"] = 0
    report = photos.import_photos(store, visit["id"], phones, workers=4)
    assert len(report.imported) == 4 and seen["most"] >= 2


def test_decode_costs_follow_what_each_format_decodes(tmp_path):
    """A JPEG or a WebP decodes at reduced size, so it weighs less in the budget than a
    PNG or a TIFF of the same pixels, which are decoded at full size."""
    im = marked_image((400, 300))
    costs = {}
    for fmt, name in (("JPEG", "a.jpg"), ("WEBP", "a.webp"), ("PNG", "a.png"), ("TIFF", "a.tif")):
        im.save(tmp_path / name, fmt)
        costs[fmt] = photos._decode_cost(tmp_path / name) - (tmp_path / name).stat().st_size
    assert costs["JPEG"] < costs["WEBP"] < costs["PNG"] < costs["TIFF"]
    assert photos._decode_cost(tmp_path / "missing.png") == 0


def _exif_orientation(value: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = value
    return exif.tobytes()


@pytest.mark.parametrize("orientation", [1, 3, 6, 8])
def test_a_webp_is_decoded_by_libwebp_at_the_report_size(home, tmp_path, orientation):
    """libwebp scales while decoding: Pillow never holds the full-size pixels, and the
    derivatives have the right sizes, orientation and colours."""
    assert photos.webp_scaled.available()  # Pillow's wheels ship libwebp
    src = tmp_path / f"o{orientation}.webp"
    marked_image((4000, 3000)).save(src, "WEBP", quality=90, exif=_exif_orientation(orientation))
    with Image.open(src) as im:
        images = photos._render(im, orientation)
        assert im._im is None  # Pillow's own full-size decode never ran
    turned = orientation >= 5
    assert images["report"].size == ((1200, 1600) if turned else (1600, 1200))
    assert images["thumb"].size == ((192, 256) if turned else (256, 192))
    info = photos.ingest_blob(home, src)
    assert (info.width, info.height) == ((3000, 4000) if turned else (4000, 3000))
    assert info.orientation == orientation
    assert_displayed(photos.derivative(home, info.sha256, "report"), orientation)
    assert_displayed(photos.derivative(home, info.sha256, "thumb"), orientation)
    assert photos.blob_path(home, info.sha256).read_bytes() == src.read_bytes()
    assert info.sha256 == hashlib.sha256(src.read_bytes()).hexdigest()


def test_a_transparent_webp_is_flattened_on_white_and_a_truncated_one_refused(
    store, home, visit, tmp_path
):
    src = tmp_path / "plan.webp"
    im = Image.new("RGBA", (2000, 1000), (255, 0, 0, 0))
    im.paste((0, 0, 255, 128), (500, 250, 1500, 750))
    im.save(src, "WEBP", lossless=True)
    info = photos.ingest_blob(home, src)
    with Image.open(photos.derivative(home, info.sha256, "report")) as out:
        assert out.size == (1600, 800) and out.mode == "RGB"
        assert min(out.getpixel((10, 10))) >= 245  # transparent → white
        r, g, b = out.getpixel((800, 400))
        assert b > 200 and 100 < r < 160  # half-transparent blue over white
    cut = tmp_path / "cut.webp"
    cut.write_bytes(src.read_bytes()[: src.stat().st_size // 2])
    before = stored_files(home)
    exc = refusal(store, visit, cut)
    assert exc.code == "truncated"
    assert stored_files(home) == before and table_count(store, "photos") == 0


def test_full_size_decodes_are_reduced_strip_by_strip_exactly(monkeypatch):
    """Converting and box-reducing strip by strip gives the very pixels a whole-image
    pass would, without a second full-size copy."""
    im = marked_image((3600, 2700), seed=3).convert("RGBA")
    im.putalpha(Image.linear_gradient("L").resize(im.size))
    whole = photos._as_rgb(im).reduce(2)
    monkeypatch.setattr(photos, "_STRIP_PIXELS", 3600 * 50)  # 54 strips of 50 rows
    strips = photos._reduced_rgb(im, (800, 600))
    assert strips.size == whole.size == (1800, 1350)
    assert strips.tobytes() == whole.tobytes()
    odd = marked_image((3601, 2701), seed=4).convert("P")  # rows left over at the end
    assert photos._reduced_rgb(odd, (800, 600)).tobytes() == odd.convert("RGB").reduce(2).tobytes()


def test_heap_freed_by_a_large_decode_is_given_back(store, visit, tmp_path, monkeypatch):
    """glibc keeps what a worker's decode freed in that thread's arena: over a batch of
    large photos decoded by different workers it added up (1.3 GB for decodes of at most
    850 MB; see bench/bench_photo_memory.py). After each large decode it is given back;
    phone photos do not pay for it."""
    import sys

    if sys.platform.startswith("linux"):
        assert photos._GLIBC is not None  # the trim is real here, not a no-op
    trims: list[int] = []
    real = photos._give_back_memory
    monkeypatch.setattr(photos, "_give_back_memory", lambda: trims.append(1) or real())
    huge = [_huge_png_header(tmp_path / f"huge{i}.png") for i in range(2)]
    photos.import_photos(store, visit["id"], huge, workers=2)
    assert len(trims) == 2
    phones = [make_jpeg(tmp_path / f"s{i}.jpg", (400, 300), seed=20 + i) for i in range(3)]
    photos.import_photos(store, visit["id"], phones, workers=2)
    assert len(trims) == 2
