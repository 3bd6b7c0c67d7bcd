"""Communes: the built reference data, its reproducibility, and postcode + name → INSEE code."""

from __future__ import annotations

import csv
import os
import sqlite3
from pathlib import Path

import pytest

from fieldkit import communes, geo_build
from fieldkit.communes import commune_key, resolve

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "geo"
# CI lays shared/ beside its clone: there these tests always run, and fail if it is missing
# (a silent skip would hide that the shipped data is no longer checked against the sources).
IN_CI = os.environ.get("CI") == "true"
needs_shared = pytest.mark.skipif(
    not (SHARED / "SOURCES.md").exists() and not IN_CI,
    reason=f"the official files are not beside this clone ({SHARED}): they run in CI, "
    "which lays shared/ beside its clone (CI=true: missing files fail these tests)",
)


@pytest.fixture
def official_files() -> Path:
    assert (SHARED / "SOURCES.md").exists(), f"CI=true but the official files are not at {SHARED}"
    return SHARED


def test_keys_ignore_accents_case_hyphens_saint_articles_and_ordinals():
    assert commune_key("Paray-Vieille-Poste") == commune_key("PARAY VIEILLE POSTE")
    assert commune_key("Saint-Étienne") == commune_key("ST ETIENNE") == "st etienne"
    assert commune_key("Sainte-Maxime") == commune_key("Ste Maxime")
    assert commune_key("L'Abergement-Clémenciat") == commune_key("ABERGEMENT CLEMENCIAT")
    assert commune_key("Les Abymes") == commune_key("Abymes")
    assert commune_key("Paris 1er Arrondissement") == commune_key("PARIS 01") == "paris 1"
    assert commune_key("Œuilly") == "oeuilly"
    assert commune_key("LYON CEDEX 03") == "lyon"


@pytest.mark.parametrize(
    ("postcode", "name", "insee", "dep", "reg"),
    [
        ("05160", "Pontis", "04154", "04", "93"),  # served from Hautes-Alpes, in 04
        ("94390", "Paray-Vieille-Poste", "91479", "91", "11"),  # an Orly postcode, in 91
        ("94390", "paray vieille poste", "91479", "91", "11"),
        ("20000", "Ajaccio", "2A004", "2A", "94"),
        ("20200", "Bastia", "2B033", "2B", "94"),
        ("97100", "Basse-Terre", "97105", "971", "01"),
        ("97400", "Saint-Denis", "97411", "974", "04"),
        ("97600", "Mamoudzou", "97611", "976", "06"),
        ("1000", "Bourg-en-Bresse", "01053", "01", "84"),  # lost its leading zero
        ("75001", "Paris", "75101", "75", "11"),  # La Poste's arrondissement
        ("04370", "Colmars-les-Alpes", "04061", "04", "93"),  # the Libellé d'acheminement
        ("01300", "Arbignieu", "01015", "01", "84"),  # La Poste's Ligne 5 (a former commune)
        ("", "Montpellier", "34172", "34", "76"),  # a unique name needs no postcode
    ],
)
def test_real_communes_resolve(postcode, name, insee, dep, reg):
    found = resolve(postcode, name)
    assert found.status == "ok", found.message
    assert (found.insee, found.commune.departement, found.commune.region) == (insee, dep, reg)


@pytest.mark.parametrize(
    ("postcode", "what"),
    [
        ("97133", "Saint-Barthélemy (977)"),
        ("97150", "Saint-Martin (978)"),
        ("97500", "Saint-Pierre-et-Miquelon (975)"),
        ("98600", "Wallis-et-Futuna (986)"),
        ("98714", "French Polynesia (987)"),
        ("98800", "New Caledonia (988)"),
        ("98000", "Monaco"),
    ],
)
def test_territories_that_are_not_departements_say_what_they_are(postcode, what):
    found = resolve(postcode, "Ville")
    assert found.status == "outside"
    assert what in found.message and found.commune is None


def test_ambiguous_and_unknown_communes_name_their_candidates():
    found = resolve("", "Saint-Denis")
    assert found.status == "ambiguous"
    assert {c.insee for _, c in found.candidates} >= {"93066", "97411"}
    assert "Give the postcode" in found.message

    found = resolve("05160", "Gap")
    assert found.status == "unknown"
    assert "No commune 'Gap' has postcode 05160" in found.message
    assert "Pontis (INSEE 04154, 04)" in found.message
    assert "05000 Gap (INSEE 05061, 05)" in found.message  # where Gap really is

    found = resolve("34500", "")
    assert found.status == "ambiguous" and len(found.candidates) == 2

    assert resolve("99999", "Nulle-Part").status == "unknown"
    assert "not a French postcode" in resolve("ABCDE", "Nulle-Part").message


def test_completer_queries():
    served = {c.insee: c.departement for c in communes.communes_of_postcode("05160")}
    assert served["04154"] == "04"  # Pontis, served from Hautes-Alpes
    assert len(served) >= 3 and set(served.values()) == {"04", "05"}
    assert communes.postcodes_of_commune("92063") == ["92500"]  # Rueil-Malmaison
    hits = communes.search_communes("paray vieil")
    assert ("94390", "91479") in {(pc, c.insee) for pc, c in hits}


def test_every_commune_has_a_point_and_figures():
    db = sqlite3.connect(communes.GEO_DB)
    assert db.execute("SELECT count(*) FROM communes WHERE latitude IS NULL").fetchone()[0] == 0
    missing = db.execute(
        "SELECT count(*) FROM communes WHERE kind = 'COM' AND (density IS NULL OR aav IS NULL)"
    ).fetchone()[0]
    assert missing == 0
    # Communes created on 1 Jan 2025 take their figures from the communes they merged.
    conques = communes.commune("12218")
    assert conques is not None and conques.density is not None and conques.population
    assert conques.centroid_estimated
    # Population 2021: France has about 68 million inhabitants.
    assert 67_000_000 < sum(communes.departement_populations().values()) < 69_000_000
    assert {code for code, _, _ in communes.outline_rows("departement")} >= {"2A", "971", "976"}
    assert len(communes.outline_rows("region")) == 18


@needs_shared
def test_every_la_poste_pair_resolves_to_its_own_insee_code(official_files: Path):
    with (official_files / "laposte_hexasmal_2025.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert len(rows) > 39_000
    wrong = []
    outside = 0
    for r in rows:
        found = resolve(r["Code_postal"], r["Nom_de_la_commune"])
        if communes.territory_of_insee(r["Code_commune_INSEE"]):
            outside += 1
            if found.status != "outside":
                wrong.append((r, found.status, found.message))
        elif found.insee != r["Code_commune_INSEE"]:
            wrong.append((r, found.status, found.message))
    assert wrong == []
    assert outside > 200  # 975, 977, 978, 986–988 and Monaco: refused, saying what they are


@needs_shared
def test_the_shipped_resource_is_what_the_build_makes_from_the_official_files(
    tmp_path: Path, official_files: Path
):
    summary = geo_build.build(official_files, tmp_path / "geo.sqlite")
    shipped = communes.meta()
    assert summary["content_sha256"] == shipped["content_sha256"]
    rebuilt = sqlite3.connect(tmp_path / "geo.sqlite")
    assert geo_build.content_digest(rebuilt) == shipped["content_sha256"]
    for name in geo_build.SOURCES:
        assert shipped[f"source:{name}"] == geo_build._sha256(official_files / name)
    assert summary["bytes"] < 8_000_000


def test_build_refuses_a_folder_without_the_sources(tmp_path: Path, capsys):
    assert geo_build.main(["--source", str(tmp_path), "--out", str(tmp_path / "g.sqlite")]) == 1
    assert "lacks cog_communes_2025.csv" in capsys.readouterr().err
    assert not (tmp_path / "g.sqlite").exists()
