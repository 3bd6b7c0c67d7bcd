"""Every report of a mission at once (issue 23): the demo mission through the real CLI,
one failing région said and the others built, parallel processes writing the same bytes
as a serial build, progress and Cancel across processes, an encrypted data directory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from fieldkit import encryption
from fieldkit.cli import main
from fieldkit.demo import build_demo
from fieldkit.paths import Home
from fieldkit.reports import (
    NATIONAL_FILENAME,
    ReportOptions,
    build_all_reports,
    region_filename,
    regions_with_visits,
)
from fieldkit.store import Store
from tests.conftest import FakeClock

OPTIONS = ReportOptions(printed_on=dt.date(2026, 10, 15), author="Chloé Mercier")
PASSPHRASE = "une phrase de passe assez longue"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The default demo mission, smaller photos count: every metropolitan région."""
    home = Home(tmp_path_factory.mktemp("demo") / "home").ensure()
    store = Store.open(home, user="chloe", clock=FakeClock())
    build_demo(store, photos=12)
    yield store
    store.close()


def _pdfs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.pdf"))


@pytest.mark.parametrize("seed", [2026, 7, 42])
def test_report_all_on_the_demo_mission_through_the_cli(tmp_path: Path, seed: int):
    """Every région of the demo mission (which split paragraphs across pages and crashed
    in Île-de-France, Centre-Val de Loire, Hauts-de-France and Corse)."""
    home = str(tmp_path / "home")
    made = CliRunner().invoke(main, ["--home", home, "demo", "--seed", str(seed), "--photos", "8"])
    assert made.exit_code == 0, made.output
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["--home", home, "report", "--all", "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    with Store.open(Home(Path(home))) as store:
        codes = regions_with_visits(store)
    assert len(codes) >= 12
    assert _pdfs(out) == sorted([*(region_filename(c) for c in codes), NATIONAL_FILENAME])
    for pdf in out.glob("*.pdf"):
        assert len(PdfReader(pdf).pages) >= 3
    assert result.output.count("wrote ") == len(codes) + 1


def test_a_failing_region_is_named_and_the_others_are_built(demo: Store, tmp_path: Path):
    out = tmp_path / "out"
    # Île-de-France's PDF cannot be put in place: a folder has its name.
    blocker = out / region_filename("11")
    blocker.mkdir(parents=True)
    (blocker / "keep.txt").write_text("not a report")
    result = build_all_reports(demo, out, OPTIONS)
    assert [f.region for f in result.failures] == ["11"]
    assert result.failures[0].code == "report_not_written" and not result.cancelled
    assert str(blocker) in result.failures[0].message
    codes = regions_with_visits(demo)
    assert [r.region for r in result.regions] == [c for c in codes if c != "11"]
    assert result.national is not None
    assert (blocker / "keep.txt").read_text() == "not a report"
    assert not list(out.glob("*.part"))  # no half-written file left behind

    cli = CliRunner().invoke(
        main, ["--home", str(demo.home.root), "report", "--all", "--out-dir", str(out)]
    )
    assert cli.exit_code == 1
    assert "région 11 Île-de-France" in cli.output
    assert cli.output.count("wrote ") == len(codes)  # the others and the national summary


def test_parallel_build_is_byte_identical_to_a_serial_one(demo: Store, tmp_path: Path):
    serial = build_all_reports(demo, tmp_path / "serial", OPTIONS, jobs=1)
    parallel = build_all_reports(demo, tmp_path / "parallel", OPTIONS, jobs=2)
    assert not serial.failures and not parallel.failures
    names = _pdfs(tmp_path / "serial")
    assert names == _pdfs(tmp_path / "parallel") and len(names) >= 13
    for name in names:
        assert (tmp_path / "serial" / name).read_bytes() == (
            tmp_path / "parallel" / name
        ).read_bytes(), name
    assert [r.region for r in serial.regions] == [r.region for r in parallel.regions]
    assert [r.pages for r in serial.results] == [r.pages for r in parallel.results]


def test_defaults_are_fixed_once_for_every_process(demo: Store, tmp_path: Path):
    """No printing date nor author given: the store's (clock, user), in every worker."""
    codes = regions_with_visits(demo)[:2]
    options = ReportOptions(include_photos=False)
    one = build_all_reports(demo, tmp_path / "a", options, regions=codes, jobs=1)
    two = build_all_reports(demo, tmp_path / "b", options, regions=codes, jobs=2)
    for a, b in zip(one.results, two.results, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes()
    text = PdfReader(one.regions[0].path).pages[0].extract_text()
    assert "15 octobre 2026" in text and "chloe" in text


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_rises_and_cancel_stops_with_finished_files_kept(
    demo: Store, tmp_path: Path, jobs: int
):
    seen: list[tuple[float, str]] = []
    result = build_all_reports(
        demo, tmp_path / "all", OPTIONS, lambda f, label: seen.append((f, label)), jobs=jobs
    )
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    labels = {label for _, label in seen}
    assert {r.region for r in result.regions} <= labels and "national" in labels

    started: list[str] = []

    def progress(fraction: float, label: str) -> None:
        started.append(label)

    out = tmp_path / "cancelled"
    cancelled = build_all_reports(
        demo, out, OPTIONS, progress, cancelled=lambda: len(started) > 3, jobs=jobs
    )
    assert cancelled.cancelled and not cancelled.failures
    assert len(cancelled.results) < len(result.results)
    assert _pdfs(out) == sorted(r.path.name for r in cancelled.results)
    assert not list(out.glob("*.part"))


def test_an_encrypted_mission_is_built_by_the_workers(tmp_path: Path, monkeypatch):
    """Unlocked here with a passphrase: the workers could not ask for it."""
    monkeypatch.delenv(encryption.PASSPHRASE_ENV, raising=False)
    home = Home(tmp_path / "sealed").ensure()
    assert encryption.setup_new_home(home, passphrase=PASSPHRASE)
    try:
        with Store.open(home, user="chloe", clock=FakeClock()) as store:
            for code, postcode in (("53", "29200"), ("84", "69007")):
                place = store.create_place(name=f"Lieu {code}", postcode=postcode)
                store.create_visit(place["id"], visited_on="2026-05-04", notes=f"Notes {code}.")
            result = build_all_reports(store, tmp_path / "out", OPTIONS, jobs=2)
            assert not result.failures
            assert [r.region for r in result.regions] == ["84", "53"]
            assert "Notes 53." in PdfReader(result.regions[1].path).pages[-1].extract_text()
    finally:
        encryption.forget_keys()


def test_jobs_is_checked_by_the_cli(demo: Store, tmp_path: Path):
    runner = CliRunner()
    home = ["--home", str(demo.home.root), "report"]
    bad = runner.invoke(main, [*home, "--all", "--out-dir", str(tmp_path), "--jobs", "0"])
    assert bad.exit_code == 2
    one = runner.invoke(
        main, [*home, "--region", "53", "-o", str(tmp_path / "x.pdf"), "--jobs", "2"]
    )
    assert one.exit_code == 2
    assert list(tmp_path.iterdir()) == []
