"""A hidden person's organisation is printed as its kind, classified by every clue of its
name, weighed (fieldkit.privacy.organisation_type), in reports and exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldkit.exporter import export
from fieldkit.privacy import ORGANISATION_KINDS, organisation_type
from fieldkit.reports.model import ReportOptions
from fieldkit.reports.region import build_region_report
from fieldkit.store import Store


@pytest.mark.parametrize(
    ("organisation", "kind"),
    [
        ("Lemoine Conseil SAS", "une entreprise"),  # « Conseil » is not a public body here
        ("Conseil départemental du Finistère", "une collectivité"),
        ("Conseil régional de Bretagne", "une collectivité"),
        ("Mairie de Plouguerneau", "une collectivité"),
        ("Commune de Saint-Martin", "une collectivité"),
        ("Communauté de communes du Pays des Abers", "une collectivité"),
        ("Ville de Brest", "une collectivité"),
        ("Association Les Petits Débrouillards", "une association"),
        ("Collectif Rose", "une association"),
        ("SCOP Ouvrière du Léon", "une coopérative"),
        ("SCIC Tiers-Lieux de Bretagne", "une coopérative"),
        ("SARL Fontaine & fils", "une entreprise"),
        ("Dupont EURL", "une entreprise"),
        ("Atelier Blanc SA", "une entreprise"),
        ("Université de Rennes", "un établissement d'enseignement ou de recherche"),
        ("Fondation de France", "une fondation"),
    ],
)
def test_organisations_are_classified_by_weighed_clues(organisation: str, kind: str):
    assert organisation_type({"organisation": organisation, "role": "elected_official"}) == kind
    assert kind in ORGANISATION_KINDS


def test_no_clue_falls_back_on_the_role():
    assert organisation_type({"organisation": "Les Fabricants", "role": "company"}) == (
        "une entreprise"
    )
    assert organisation_type({"organisation": "Ti Lab", "role": "elected_official"}) == (
        "une collectivité"
    )


@pytest.fixture
def mission(store: Store) -> Store:
    place = store.create_place(name="Le Local", postcode="29200", commune="Brest")
    visit = store.create_visit(place["id"], visited_on="2026-04-01")
    store.create_interview(
        visit["id"],
        person_name="Rose Lemoine",
        consent="refused",
        role="partner",
        organisation="Lemoine Conseil SAS",
    )
    store.create_interview(
        visit["id"],
        person_name="Paul Fontaine",
        consent="given",
        role="company",
        organisation="Fontaine & fils SARL",
    )
    return store


def test_exports_print_the_kind_unless_the_person_consented(mission: Store, tmp_path: Path):
    export(mission, "json", tmp_path / "named", with_names=True)
    rows = json.loads((tmp_path / "named" / "interviews.json").read_text(encoding="utf-8"))
    by_role = {r["role"]: r for r in rows}
    assert by_role["partner"]["organisation"] == "une entreprise"
    assert by_role["company"]["organisation"] == "Fontaine & fils SARL"
    # Without --with-names everybody is under a label, so nobody's organisation is named.
    export(mission, "csv", tmp_path / "anon")
    text = (tmp_path / "anon" / "interviews.csv").read_text(encoding="utf-8-sig")
    assert "Lemoine" not in text and "Fontaine" not in text
    assert text.count("une entreprise") == 2


def test_reports_print_the_kind_unless_the_person_consented(mission: Store, tmp_path: Path):
    pdf = tmp_path / "r.pdf"
    build_region_report(mission, "53", pdf, ReportOptions(include_photos=False))
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Lemoine" not in text
    assert "une entreprise" in text
    assert "Fontaine & fils SARL" in text
