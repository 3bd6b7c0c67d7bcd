"""The share of places outside any aire d'attraction des villes: computed, and shown in the
region and national reports and by `fieldkit places figures` (issue 23)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from fieldkit import communes, figures
from fieldkit.cli import main
from fieldkit.paths import Home
from fieldkit.reports import ReportOptions, build_region_report
from fieldkit.reports.national import build_national_summary
from fieldkit.store import Store


def _mission(store: Store) -> None:
    """Four located places in Occitanie, two of them hors attraction des villes (AAV 000):
    Meyrueis and Altier (Lozère); Béziers and Mende are in an aire. One visit in each kind."""
    beziers = store.create_place(name="La Cordée", postcode="34500", commune="Béziers")
    store.create_place(name="La Grange", postcode="48000", commune="Mende")
    meyrueis = store.create_place(name="Lozère Lab", postcode="48150", commune="Meyrueis")
    store.create_place(name="Le Mas", postcode="48800", commune="Altier")
    store.create_place(name="Sans commune", departement="48")  # not counted: no commune
    store.create_visit(beziers["id"], visited_on="2026-10-01")
    store.create_visit(meyrueis["id"], visited_on="2026-10-02")


def test_the_share_counts_listed_and_visited_places_whose_commune_is_in_no_aire(
    fresh_db: Store,
):
    _mission(fresh_db)
    aav = {p["name"]: communes.commune(p["commune_insee"]).aav for p in fresh_db.places()
           if p["commune_insee"]}  # fmt: skip
    assert aav["Lozère Lab"] == aav["Le Mas"] == "000"
    assert "000" not in (aav["La Cordée"], aav["La Grange"])
    fig = figures.territorial_figures(fresh_db.places())
    assert (fig.aav_known, fig.outside_aav) == (4, 2)
    assert (fig.aav_known_visited, fig.outside_aav_visited) == (2, 1)
    assert figures.percent(fig.share_outside_aav) == "50\u202f%"
    assert fig.share_outside_aav_visited == 0.5
    assert figures.territorial_figures([]).share_outside_aav == 0.0


def _row(text: str) -> tuple[str, str]:
    """The listed and visited cells of the row (pypdf gives each cell on its own line)."""
    match = re.search(r"Hors de toute aire d’attraction des villes\s+(\d+)\s*%\s+(\d+)\s*%", text)
    assert match, "the row is missing"
    return match.group(1), match.group(2)


def test_the_region_report_and_the_national_summary_show_it(fresh_db: Store, tmp_path: Path):
    _mission(fresh_db)
    region = tmp_path / "occitanie.pdf"
    build_region_report(fresh_db, "76", region, ReportOptions())
    text = "\n".join(page.extract_text() for page in PdfReader(region).pages)
    assert _row(text) == ("50", "50")
    assert "zonage en aires d’attraction des villes 2020" in " ".join(text.split())
    national = tmp_path / "national.pdf"
    build_national_summary(fresh_db, national, ReportOptions())
    text = "\n".join(page.extract_text() for page in PdfReader(national).pages)
    assert _row(text) == ("50", "50")


def test_places_figures_prints_it(home: Home):
    with Store.open(home) as store:
        _mission(store)
    result = CliRunner().invoke(main, ["--home", str(home.root), "places", "figures"])
    assert result.exit_code == 0, result.output
    assert (
        "Outside any aire d'attraction des villes (INSEE zoning 2020): "
        "50\u202f% of the listed, 50\u202f% of the visited."
    ) in result.stdout
