"""Département populations add up to INSEE's totals, communes merged in 2025 included."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from fieldkit import communes, geo_build

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "geo"
needs_shared = pytest.mark.skipif(
    not (SHARED / "SOURCES.md").exists(),
    reason=f"reads INSEE's official files, which are not beside this clone ({SHARED}); "
    "CI copies them there, so it runs in CI",
)
TOTALS = Path(__file__).parent / "data" / "insee_pmun2021_departements.csv"


def insee_totals() -> dict[str, int]:
    with TOTALS.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {r["departement"]: int(r["population_municipale_2021"]) for r in rows}


def test_every_departement_sums_to_insee_total():
    expected = insee_totals()
    assert len(expected) == 101
    built = communes.departement_populations()
    wrong = {
        dep: (built.get(dep), total) for dep, total in expected.items() if built.get(dep) != total
    }
    assert wrong == {}
    assert set(built) == set(expected)


def test_a_commune_that_absorbed_another_in_2025_counts_its_inhabitants():
    # Saint-Denis (93066) took in Pierrefitte-sur-Seine (93059) on 1 Jan 2025; Verdun-Ciel
    # (71566) took in Ciel (71131), which is no commune déléguée: only La Poste knows it.
    saint_denis = communes.commune("93066")
    assert saint_denis is not None and saint_denis.population is not None
    assert saint_denis.population > 140_000  # Saint-Denis alone had about 113,000
    verdun = communes.commune("71566")
    assert verdun is not None and verdun.population is not None and verdun.population > 1_500


@needs_shared
def test_the_totals_file_is_what_insee_commune_figures_give():
    """tests/data's totals are re-derived from INSEE's commune file, not copied from us."""
    sums: Counter[str] = Counter()
    with (SHARED / "grille_densite_7_niveaux_2024.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["CODGEO"]
            sums[code[:3] if code.startswith("97") else code[:2]] += int(row["PMUN21"])
    assert dict(sums) == insee_totals()


@needs_shared
def test_saint_denis_is_its_own_and_pierrefitte_s_official_population():
    with (SHARED / "grille_densite_7_niveaux_2024.csv").open(encoding="utf-8", newline="") as f:
        pmun = {r["CODGEO"]: int(r["PMUN21"]) for r in csv.DictReader(f)}
    assert communes.commune("93066").population == pmun["93066"] + pmun["93059"]  # type: ignore[union-attr]
    assert communes.commune("71566").population == pmun["71566"] + pmun["71131"]  # type: ignore[union-attr]


def _grid(*rows: tuple[str, str, int]) -> dict[str, dict[str, str]]:
    return {code: {"CODGEO": code, "LIBGEO": name, "PMUN21": str(n)} for code, name, n in rows}


def test_merged_communes_are_placed_by_the_cog_or_la_poste():
    communes_2025 = {"93066": {}, "71566": {}}
    formers = {"93066": {"93059", "93066"}}
    grid = _grid(("93066", "Saint-Denis", 10), ("93059", "Pierrefitte-sur-Seine", 5),
                 ("71566", "Verdun-sur-le-Doubs", 3), ("71131", "Ciel", 2))  # fmt: skip
    laposte = [
        {"Code_commune_INSEE": "71566", "Ligne_5": "CIEL"},
        {"Code_commune_INSEE": "71566", "Ligne_5": ""},
    ]
    assert geo_build.merged_into(communes_2025, formers, grid, laposte) == {
        "93066": ["93059"],
        "71566": ["71131"],
    }


def test_a_2024_commune_found_in_no_2025_commune_stops_the_build():
    grid = _grid(("93066", "Saint-Denis", 10), ("71131", "Ciel", 2))
    with pytest.raises(ValueError, match="71131 Ciel"):
        geo_build.merged_into({"93066": {}}, {}, grid, [])
