"""`fieldkit export` follows the consent rule: no non-consenting name, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldkit.cli import main
from fieldkit.demo import build_demo
from fieldkit.paths import Home
from fieldkit.store import Store

REFUSING = "Élise de La Fontaine"
NOT_ASKED = "Jean-Marc Le Goff"
FLAGGED = "Pierre Rose"
CONSENTING = "Bénédicte Quéméneur"


@pytest.fixture
def mission(store: Store) -> Store:
    build_demo(store, places=8, visits=20, interviews=60, photos=0, seed=7)
    place = store.create_place(
        name="La Fabrique",
        postcode="33000",
        commune="Bordeaux",
        contact="Jérôme Fontaine — 05 51 85 39 70",
        description="Lieu ouvert par des habitants.",
    )
    visit = store.create_visit(
        place["id"],
        visited_on="2026-03-12",
        visitors="Chloé Mercier",
        summary="Rencontre avec Élise et Jean-Marc.",
        notes=(
            "Élise de La Fontaine nous reçoit ; Mme de La Fontaine insiste. "
            "J.-M. Le Goff arrive plus tard, puis Rose repeint le mur en rose. "
            "Bénédicte Quéméneur conclut."
        ),
    )
    store.create_interview(
        visit["id"],
        person_name=REFUSING,
        role="manager",
        organisation="SARL Fontaine & fils",
        consent="refused",
        notes="Élise gère le lieu. L'avis d’Élise compte.",
        quotes="« Ici, c'est chez nous » (Élise de La Fontaine)",
    )
    store.create_interview(
        visit["id"], person_name=NOT_ASKED, role="user", notes="Jean-Marc vient le mardi."
    )
    store.create_interview(
        visit["id"],
        person_name=FLAGGED,
        role="partner",
        consent="given",
        pseudonymise=True,
        notes="Pierre Rose, bénévole.",
    )
    store.create_interview(
        visit["id"],
        person_name=CONSENTING,
        role="elected_official",
        organisation="Mairie de Bordeaux",
        consent="given",
        notes="Adjointe au maire.",
    )
    return store


def export_files(home: Home, out: Path, *extra: str) -> dict[str, bytes]:
    files = {}
    for fmt in ("json", "csv"):
        result = CliRunner().invoke(
            main, ["--home", str(home.root), "export", "--format", fmt, "-o", str(out), *extra]
        )
        assert result.exit_code == 0, result.output
        assert "Names:" in result.output
        for path in out.glob(f"*.{fmt}"):
            files[path.name] = path.read_bytes()
    assert len(files) == 8
    return files


def hidden_names(store: Store) -> set[str]:
    """Every non-consenting (or flagged) person's name, as typed."""
    return {
        r[0]
        for r in store.conn.execute(
            "SELECT person_name FROM interviews WHERE deleted = 0 AND person_name != '' "
            "AND (consent != 'given' OR pseudonymise = 1)"
        )
    }


def directory_text(store: Store) -> str:
    """Places' public contacts: a namesake there is a directory entry, never rewritten."""
    return " ".join(r[0] for r in store.conn.execute("SELECT contact FROM places"))


@pytest.mark.parametrize("extra", [(), ("--with-names",)])
def test_no_non_consenting_name_in_any_export_file(
    mission: Store, home: Home, tmp_path: Path, extra: tuple[str, ...]
):
    names = hidden_names(mission)
    assert len(names) > 20 and {REFUSING, NOT_ASKED, FLAGGED} <= names
    directory = directory_text(mission)
    files = export_files(home, tmp_path / "out", *extra)
    checked = 0
    for name in names:
        if name in directory:
            continue  # the demo draws place contacts from the same first and last names
        for variant in {name, name.upper(), name.casefold()}:
            for file, data in files.items():
                assert variant.encode() not in data, (name, file)
        checked += 1
    assert checked > 20
    # The constructed people's partial forms went from their visit's text too…
    places = json.loads(files["places.json"])
    ours_place = next(p for p in places if p["contact"] == "Jérôme Fontaine — 05 51 85 39 70")
    visits = json.loads(files["visits.json"])
    visit = next(v for v in visits if v["place_id"] == ours_place["id"])
    interviews = [r for r in json.loads(files["interviews.json"]) if r["visit_id"] == visit["id"]]
    ours = " ".join(
        [visit["summary"], visit["notes"]] + [r["notes"] + r["quotes"] for r in interviews]
    )
    for partial in ("Élise", "Jean-Marc", "Le Goff", "de La Fontaine", "J.-M.", "Pierre"):
        assert partial not in ours, partial
    assert "Mme Gestionnaire n°" in visit["notes"]
    assert "d’Gestionnaire n°" in ours  # …and lose the name
    # …but the directory fields were left alone, and the common word « rose » survives.
    assert "repeint le mur en rose" in visit["notes"]
    refusing = next(r for r in interviews if r["role"] == "manager")
    assert refusing["organisation"] == "une entreprise"  # « SARL Fontaine & fils » as its type
    assert refusing["person_name"].startswith("Gestionnaire n°")


def test_consenting_names_only_with_the_flag(mission: Store, home: Home, tmp_path: Path):
    plain = export_files(home, tmp_path / "plain")
    named = export_files(home, tmp_path / "named", "--with-names")
    assert CONSENTING.encode() not in b"".join(plain.values())
    assert CONSENTING.encode() in named["interviews.json"]
    assert CONSENTING.encode() in named["interviews.csv"]
    rows = json.loads(plain["interviews.json"])
    assert all(" n°" in r["person_name"] for r in rows)
