"""An agent's région report shows a colleague's photos: building it fetches the photo files
this laptop does not hold yet (lazy downloads, by hash) from the real server; when they
cannot be fetched, the report is built all the same and says which are missing and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from fieldkit import photos
from fieldkit.cli import main
from fieldkit.reports import ReportCancelled, ReportOptions, build_region_report, region_filename
from fieldkit.reports.photo_fetch import (
    REASONS,
    fetch_report_photos,
    missing_report_photos,
    reason_of,
)
from fieldkit.sync import NotLoggedIn, SyncError, blob_file, logout
from fieldkit.sync.client import ServerError
from tests.photo_factory import make_jpeg

CAPTIONS = ["La façade", "L’atelier", "Le jardin partagé"]


def image_count(path: Path) -> int:
    """Distinct embedded raster images."""
    seen: set[int] = set()
    for page in PdfReader(path).pages:
        for ref in page.get("/Resources", {}).get("/XObject", {}).values():
            if ref.get_object().get("/Subtype") == "/Image":
                seen.add(ref.idnum)
    return len(seen)


def flat_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def colleagues(devices, tmp_path: Path):
    """Anne imports three photos in Brest and syncs; Bruno, her colleague in Bretagne,
    pulls: he holds the photo records, not their files."""
    anne = devices("agent-bzh", name="anne")
    place = anne.store.create_place(name="La Cantine Brestoise", postcode="29200")
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-02", status="final")
    files = [make_jpeg(tmp_path / f"photo-{i}.jpg", (320, 240), seed=i + 1) for i in range(3)]
    imported = photos.import_photos(anne.store, visit["id"], files, workers=1)
    for record, caption in zip(imported.imported, CAPTIONS, strict=True):
        anne.store.update("photo", record["id"], {"caption": caption})
    anne.sync()
    bruno = devices("agent-bzh-2", name="bruno")
    bruno.sync()
    missing = missing_report_photos(bruno.store, ["53"], ReportOptions())
    assert sorted(m.caption for m in missing) == sorted(CAPTIONS)
    return anne, bruno


def run(home, *args: str):
    return CliRunner().invoke(main, ["--home", str(home.root), *args])


def test_cli_report_fetches_a_colleagues_photos_first(devices, tmp_path):
    _anne, bruno = colleagues(devices, tmp_path)
    out = tmp_path / "bretagne.pdf"
    result = run(bruno.home, "report", "--region", "53", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Photos: 3 / 3" in result.stderr  # progress, file by file
    assert "missing photo" not in result.stderr
    assert image_count(out) == 3
    text = flat_text(out)
    assert "non disponible" not in text and "Éléments manquants" not in text
    for m in missing_report_photos(bruno.store, ["53"], ReportOptions()):
        raise AssertionError(f"still missing: {m}")


def test_server_stopped_the_report_builds_and_names_each_missing_photo(
    devices, live_server, tmp_path
):
    _anne, bruno = colleagues(devices, tmp_path)
    live_server.stop()
    out = tmp_path / "bretagne.pdf"
    result = run(bruno.home, "report", "--region", "53", "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "missing photo" in line]
    assert len(lines) == 3
    for caption in CAPTIONS:
        [line] = [line for line in lines if caption in line]
        assert "La Cantine Brestoise" in line and "2026-10-02" in line
        assert "the sync server could not be reached" in line
    assert image_count(out) == 0
    text = flat_text(out)
    assert text.count("Photo non disponible sur ce portable") == 3
    assert "synchronisation" not in text.lower()


def test_each_reason_is_named(devices, live_server, tmp_path):
    _anne, bruno = colleagues(devices, tmp_path)
    seen: list[tuple[int, int]] = []
    fetched = fetch_report_photos(
        bruno.store, ["53"], ReportOptions(), lambda done, total: seen.append((done, total))
    )
    assert fetched.wanted == fetched.fetched == 3 and fetched.unavailable == []
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    for sha in {m["blob"] for m in bruno.store.conn.execute("SELECT blob FROM photos")}:
        assert photos.blob_path(bruno.home, sha).is_file()

    # Not signed in: nothing is tried, every photo is named with that reason.
    carla = devices("agent-bzh-2", name="carla")
    carla.sync()
    logout(carla.store)
    fetched = fetch_report_photos(carla.store, ["53"], ReportOptions())
    assert fetched.fetched == 0
    assert sorted(m.caption for m in fetched.unavailable) == sorted(CAPTIONS)
    assert {m.reason for m in fetched.unavailable} == {"not_signed_in"}
    result = build_region_report(carla.store, "53", tmp_path / "carla.pdf", ReportOptions())
    assert len(result.missing_photos) == 3 and result.photos == 0
    assert {m.kind for m in result.missing_photos} == {"absent"}

    # A file whose bytes do not match its hash is refused and named.
    dave = devices("agent-bzh-2", name="dave")
    dave.sync()
    sha = next(iter(missing_report_photos(dave.store, ["53"], ReportOptions()))).sha256
    part = blob_file(dave.home, sha).with_name(f"{sha}.part")
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(b"x" * 10_000_000)  # "downloaded" already, longer than the photo
    fetched = fetch_report_photos(dave.store, ["53"], ReportOptions(), retry_delays=(0.01,))
    assert [m.reason for m in fetched.unavailable] == ["hash_mismatch"]
    assert fetched.fetched == 2


def test_cancel_stops_the_fetch_and_keeps_the_files_fetched(devices, tmp_path):
    _anne, bruno = colleagues(devices, tmp_path)
    done_so_far = [0]

    def progress(done: int, _total: int) -> None:
        done_so_far[0] = done

    with pytest.raises(ReportCancelled):
        fetch_report_photos(
            bruno.store, ["53"], ReportOptions(), progress, lambda: done_so_far[0] >= 1
        )
    assert len(missing_report_photos(bruno.store, ["53"], ReportOptions())) == 2
    fetched = fetch_report_photos(bruno.store, ["53"], ReportOptions())
    assert fetched.wanted == fetched.fetched == 2


def test_no_fetch_lists_the_missing_photos_without_asking_the_server(devices, tmp_path):
    _anne, bruno = colleagues(devices, tmp_path)
    out = tmp_path / "bretagne.pdf"
    result = run(bruno.home, "report", "--region", "53", "-o", str(out), "--no-fetch")
    assert result.exit_code == 0, result.output
    assert "Photos:" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "missing photo" in line]
    assert len(lines) == 3 and all("--no-fetch" in line for line in lines)
    assert len(missing_report_photos(bruno.store, ["53"], ReportOptions())) == 3


def test_a_photo_the_server_never_received_is_named_so(devices, tmp_path):
    """A photo record whose file was lost on its laptop before it was ever sent: the
    server answers 404, and the report says the server does not have it."""
    _anne, bruno = colleagues(devices, tmp_path)
    visit = bruno.store.conn.execute("SELECT id FROM visits").fetchone()[0]
    bruno.store.create("photo", {"visit_id": visit, "blob": "ab" * 32, "caption": "Le four à pain"})
    fetched = fetch_report_photos(bruno.store, ["53"], ReportOptions())
    assert fetched.fetched == 3
    [lost] = fetched.unavailable
    assert lost.caption == "Le four à pain" and lost.reason == "not_on_server"
    assert "does not have it" in lost.reason_text


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (ServerError(410, "blob_erased", "Server: erased", {}), "erased"),
        (ServerError(403, "forbidden", "Server: no", {}), "refused"),
        (ServerError(404, "not_found", "Server: none", {}), "not_on_server"),
        (SyncError("bad bytes", code="hash_mismatch"), "hash_mismatch"),
        (SyncError("gone", code="offline"), "offline"),
        (NotLoggedIn("sign in"), "not_signed_in"),
        (SyncError("demo", code="demo_never_syncs"), "demo"),
    ],
)
def test_every_download_error_has_a_reason_people_are_told(error, reason):
    assert reason_of(error) == reason and reason in REASONS


def test_cli_report_all_fetches_the_photos_of_every_region(devices, tmp_path):
    _anne, bruno = colleagues(devices, tmp_path)
    folder = tmp_path / "rapports"
    result = run(bruno.home, "report", "--all", "--out-dir", str(folder), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "Photos: 3 / 3" in result.stderr and "missing photo" not in result.stderr
    assert image_count(folder / region_filename("53")) == 3
