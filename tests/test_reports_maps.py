"""Maps and territorial figures in the PDF reports: vector drawings, read back with pypdf."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from fieldkit import figures
from fieldkit.reports import ReportOptions, build_region_report
from fieldkit.reports.national import build_national_summary
from fieldkit.store import Store


def _mission(store: Store) -> dict[str, dict]:
    made = {
        "cordee": store.create_place(
            name="La Cordée", postcode="34500", commune="Béziers", latitude=43.34, longitude=3.21
        ),
        "bocal": store.create_place(name="Le Bocal", postcode="34000", commune="Montpellier"),
        "rural": store.create_place(name="La Grange", postcode="48000", commune="Mende"),
        "lozere": store.create_place(
            name="Lozère Lab", postcode="48150", commune="Meyrueis", latitude=44.18, longitude=3.43
        ),
        "kaz": store.create_place(name="Kaz'Lab", postcode="97200", commune="Fort-de-France"),
        "pontis": store.create_place(name="Le Fournil", postcode="05160", commune="Pontis"),
    }
    store.create_visit(made["cordee"]["id"], visited_on="2026-10-01", notes="Visite")
    store.create_visit(made["rural"]["id"], visited_on="2026-10-02", notes="Visite")
    return made


def test_figures_count_density_levels_and_population(fresh_db: Store):
    _mission(fresh_db)
    fig = figures.territorial_figures(fresh_db.places())
    assert (fig.listed, fig.visited, fig.located) == (6, 2, 6)
    # Béziers, Montpellier and Fort-de-France are grands centres urbains (level 1); Mende
    # is a petite ville (3), Meyrueis rural dispersé (6), Pontis très dispersé (7).
    assert fig.by_density[1] == [3, 1]
    assert (fig.by_density[3], fig.by_density[6], fig.by_density[7]) == ([1, 1], [1, 0], [1, 0])
    assert fig.outside_grands_centres == 3
    assert figures.percent(fig.share_outside_grands_centres) == "50\u202f%"
    assert fig.share_outside_grands_centres_visited == 0.5
    assert fig.outside_aav == 1  # Meyrueis: hors attraction des villes
    lozere = fig.by_departement["48"]
    assert (lozere.listed, lozere.visited) == (2, 1)
    assert 75_000 < lozere.population < 78_000  # Lozère, population municipale 2021
    assert round(lozere.per_100k, 2) == round(2 * 100_000 / lozere.population, 2)
    assert fig.by_departement["04"].listed == 1  # Pontis: 04, not 05
    assert fig.by_region["76"] == [4, 2]


def test_region_summary_has_the_map_and_the_figures(fresh_db: Store, tmp_path: Path):
    _mission(fresh_db)
    out = tmp_path / "occitanie.pdf"
    build_region_report(fresh_db, "76", out, ReportOptions())
    reader = PdfReader(out)
    pages = [page.extract_text() for page in reader.pages]
    [summary] = [i for i, text in enumerate(pages) if "Carte des lieux" in text]
    assert "Synthèse" in pages[summary] and "Chiffres clés" in pages[summary]
    assert "lieu visité" in pages[summary]
    assert "centre de la commune (approx.)" in pages[summary]
    text = "".join(pages)
    assert "Chiffres territoriaux" in text and "Hors des grands centres urbains" in text
    assert "48 Lozère" in text and "Pour 100 000" in text
    assert "Licence Ouverte" in text
    # A vector map: polygons and points drawn as paths, no image on the page.
    content = reader.pages[summary].get_contents().get_data()
    assert content.count(b" l\n") > 500 or content.count(b" l ") > 500
    assert not reader.pages[summary].images


def test_national_summary_has_france_with_counts_and_insets(fresh_db: Store, tmp_path: Path):
    _mission(fresh_db)
    out = tmp_path / "national.pdf"
    build_national_summary(fresh_db, out, ReportOptions())
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Lieux recensés par région" in text
    for inset in ("Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"):
        assert inset in text
    assert "Chiffres territoriaux" in text and "04 Alpes-de-Haute-Provence" in text
    assert out.stat().st_size < 400_000
