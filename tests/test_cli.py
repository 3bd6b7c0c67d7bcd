"""The fieldkit command: demo, places import/list, visits list, search, export (CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fieldkit.cli import main
from fieldkit.paths import Home
from fieldkit.store import Store


def run(home: Home, *args: str) -> Result:
    return CliRunner().invoke(main, ["--home", str(home.root), *args])


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.fixture
def demo_home(home: Home) -> Home:
    result = run(home, "demo", "--places", "26", "--visits", "40", "--interviews", "50",
                 "--photos", "0")  # fmt: skip
    assert result.exit_code == 0, result.output
    return home


def test_demo_reports_what_it_made(home: Home):
    result = run(home, "demo", "--places", "13", "--visits", "20", "--interviews", "30",
                 "--photos", "2", "--seed", "3")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "13 places, 20 visits, 30 interviews, 2 photos (seed 3" in result.stdout
    with Store.open(home) as store:
        assert len(store.places()) == 13


def test_demo_twice_with_one_seed_and_bad_sizes_are_one_line_errors(demo_home: Home):
    again = run(
        demo_home, "demo", "--places", "3", "--visits", "0", "--interviews", "0", "--photos", "0"
    )
    assert "already in this database" in one_line_error(again)
    assert "must be 0 or more" in one_line_error(run(demo_home, "demo", "--places", "-2"))


def test_places_list_and_region_filter(demo_home: Home):
    result = run(demo_home, "places", "list")
    assert result.exit_code == 0
    header, rule, *rows, total = result.stdout.strip().splitlines()
    assert header.split() == ["id", "name", "kind", "commune", "dép.", "région", "visits"]
    assert set(rule) <= {"-", " "}
    assert len(rows) == 26 and total == "26 places."
    bretagne = run(demo_home, "places", "list", "--region", "53")
    assert bretagne.exit_code == 0
    assert bretagne.stdout.strip().endswith("2 places.")
    assert all(line.split()[-2] == "53" for line in bretagne.stdout.splitlines()[2:-1])
    by_name = run(demo_home, "places", "list", "--region", "bretagne")
    assert by_name.stdout == bretagne.stdout


def test_places_list_bad_region_is_a_one_line_error(demo_home: Home):
    message = one_line_error(run(demo_home, "places", "list", "--region", "99"))
    assert "Unknown région '99'" in message and "53 Bretagne" in message


def test_visits_list_all_and_of_one_place(demo_home: Home):
    with Store.open(demo_home) as store:
        place = store.places()[0]
    everything = run(demo_home, "visits", "list")
    assert everything.exit_code == 0 and everything.stdout.strip().endswith("40 visits.")
    assert everything.stdout.split()[:7] == [
        "id",
        "date",
        "status",
        "place",
        "commune",
        "interviews",
        "photos",
    ]
    one = run(demo_home, "visits", "list", "--place", place["id"])
    assert one.exit_code == 0
    n = place["visit_count"]
    assert one.stdout.strip().endswith(f"{n} visit{'s' if n != 1 else ''}.")
    assert "No place with id nope." in one_line_error(
        run(demo_home, "visits", "list", "--place", "nope")
    )


def test_search_without_accents(demo_home: Home):
    result = run(demo_home, "search", "equipe")
    assert result.exit_code == 0
    assert "[équipe]" in result.stdout
    assert result.stdout.split()[:4] == ["kind", "id", "title", "snippet"]
    nothing = run(demo_home, "search", "zzzqqq")
    assert nothing.exit_code == 0 and nothing.stdout.strip() == "No match."


def test_export_json_and_csv(demo_home: Home, tmp_path: Path):
    result = run(demo_home, "export", "--format", "json", "-o", str(tmp_path / "j"))
    assert result.exit_code == 0, result.output
    assert "26 places ->" in result.stdout
    assert len(json.loads((tmp_path / "j" / "visits.json").read_text("utf-8"))) == 40
    result = run(demo_home, "export", "--format", "CSV", "-o", str(tmp_path / "c"))
    assert result.exit_code == 0
    assert (tmp_path / "c" / "interviews.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    bad = one_line_error(run(demo_home, "export", "--format", "xls", "-o", str(tmp_path / "x")))
    assert "Unknown export format 'xls'" in bad


def test_places_import_good_bad_and_dry_run(home: Home, tmp_path: Path):
    good = tmp_path / "good.csv"
    good.write_bytes("Nom;Type;Code postal\nLa Cordée;Fablab;35000\n".encode("cp1252"))
    dry = run(home, "places", "import", str(good), "--dry-run")
    assert dry.exit_code == 0
    assert dry.stdout.startswith("Dry run, nothing changed: would have 1 created")
    result = run(home, "places", "import", str(good))
    assert result.exit_code == 0
    assert result.stdout.strip() == (
        "1 created, 0 updated, 0 unchanged, 0 bad rows skipped (read as cp1252, separator ';')."
    )
    again = run(home, "places", "import", str(good))
    assert "0 created, 0 updated, 1 unchanged" in again.stdout

    bad = tmp_path / "bad.csv"
    bad.write_text("nom,cp\nA,35000\n,35000\nB,XYZ\n", encoding="utf-8")
    result = run(home, "places", "import", str(bad))
    assert result.exit_code == 1
    assert "line 3: A place needs a name." in result.stderr
    assert "line 4: 'XYZ' is not a French postcode." in result.stderr
    assert "Error: 1 created, 0 updated, 0 unchanged, 2 bad rows skipped" in result.stderr
    with Store.open(home) as store:
        assert sorted(p["name"] for p in store.places()) == ["A", "La Cordée"]


def test_places_import_missing_or_unreadable_file(home: Home, tmp_path: Path):
    message = one_line_error(run(home, "places", "import", str(tmp_path / "nope.csv")))
    assert "No such file" in message
    headerless = tmp_path / "x.csv"
    headerless.write_text("foo;bar\n1;2\n")
    assert "has no name column" in one_line_error(run(home, "places", "import", str(headerless)))


def test_counts_are_singular_for_one(tmp_path):
    """« 1 pages » was printed: counts say 1 page, 2 pages (issue 13)."""
    from fieldkit.reports.cli import _describe
    from fieldkit.reports.model import ReportResult
    from fieldkit.text import count

    assert (count(0, "page"), count(1, "page"), count(2, "match", "matches")) == (
        "0 pages",
        "1 page",
        "2 matches",
    )
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"x" * 1000)
    text = _describe(ReportResult(pdf, "53", pages=1, visits=1, interviews=1, photos=1))
    assert "(1 page, 1 visit, 1 interview, 1 photo, 0.0 MB)" in text
    assert "(s)" not in text
