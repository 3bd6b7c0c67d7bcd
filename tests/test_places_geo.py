"""Places in their communes: import of real communes, store resolution, the upgrade of
existing places, settling, positions, possible duplicates and merging."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldkit import places_geo
from fieldkit.cli import main
from fieldkit.errors import ValidationError
from fieldkit.importer import import_places
from fieldkit.paths import Home
from fieldkit.store import Store, connect, migrate
from fieldkit.store.migrations import COMMUNE_MIGRATION

# A French Excel export (cp1252, ';') of real communes, as a new user would have it.
EXCEL_ROWS = [
    # (name, postcode, commune, département in the file) → expected INSEE and département
    ("Le Fournil de Pontis", "05160", "Pontis", "05"),  # 2: in 04, served from 05
    ("La Base d'Orly", "94390", "Paray-Vieille-Poste", ""),  # 3: in 91
    ("Fab Lab Ajaccio", "20000", "Ajaccio", ""),  # 4
    ("Tiers-lieu de Corte", "20250", "CORTE", ""),  # 5
    ("Kaz'Lab", "97200", "Fort-de-France", ""),  # 6
    ("Cayenne Coworking", "97300", "Cayenne", ""),  # 7
    ("La Fabrik Sud", "97410", "St Pierre", ""),  # 8: Réunion, « St » for « Saint »
    ("Mayotte Hub", "97600", "Mamoudzou", ""),  # 9
    ("Ti Lab Basse-Terre", "97100", "Basse Terre", ""),  # 10
    ("Le Hangar", "1000", "Bourg en Bresse", ""),  # 11: lost its leading zero
    ("Saint-Étienne Design Lab", "42000", "ST ETIENNE", ""),  # 12
    ("Gustavia Lab", "97133", "Saint-Barthélemy", ""),  # 13: collectivité 977
    ("Marigot Coworking", "97150", "Saint-Martin", ""),  # 14: collectivité 978
    ("Monte-Carlo Hub", "98000", "Monaco", ""),  # 15
    ("Nouméa Lab", "98800", "Nouméa", ""),  # 16
    ("Sans commune", "34500", "", ""),  # 17: two communes share 34500
    ("Commune inconnue", "05160", "Gap", ""),  # 18: Gap is 05000
]
ACCEPTED = {
    "Le Fournil de Pontis": ("04154", "04", "93"),
    "La Base d'Orly": ("91479", "91", "11"),
    "Fab Lab Ajaccio": ("2A004", "2A", "94"),
    "Tiers-lieu de Corte": ("2B096", "2B", "94"),
    "Kaz'Lab": ("97209", "972", "02"),
    "Cayenne Coworking": ("97302", "973", "03"),
    "La Fabrik Sud": ("97416", "974", "04"),
    "Mayotte Hub": ("97611", "976", "06"),
    "Ti Lab Basse-Terre": ("97105", "971", "01"),
    "Le Hangar": ("01053", "01", "84"),
    "Saint-Étienne Design Lab": ("42218", "42", "84"),
}


def excel_csv(tmp_path: Path) -> Path:
    lines = ["Nom;Code postal;Ville;Département"]
    lines += [";".join(row) for row in EXCEL_ROWS]
    path = tmp_path / "lieux.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def test_import_of_real_communes_files_each_place_in_its_commune(fresh_db: Store, tmp_path):
    summary = import_places(fresh_db, excel_csv(tmp_path))
    assert summary.encoding == "cp1252" and summary.delimiter == ";"
    places = {p["name"]: p for p in fresh_db.places()}
    assert {
        name: (p["commune_insee"], p["departement"], p["region"]) for name, p in places.items()
    } == ACCEPTED
    assert places["Le Hangar"]["postcode"] == "01000"
    assert summary.warnings == [
        (2, "The file says département 05, but Pontis (INSEE 04154) is in 04: filed in 04.")
    ]
    errors = dict(summary.errors)
    assert sorted(errors) == [13, 14, 15, 16, 17, 18]
    assert (
        "Saint-Barthélemy (977), a collectivité d'outre-mer, not part of Guadeloupe" in errors[13]
    )
    assert "Saint-Martin (978)" in errors[14]
    assert "Monaco (98000), a sovereign principality" in errors[15]
    assert "New Caledonia (988)" in errors[16]
    assert errors[17].startswith("Postcode 34500 serves 2 communes and no commune is given")
    assert "Béziers (INSEE 34032, 34)" in errors[17]
    assert errors[18].startswith("No commune 'Gap' has postcode 05160.")
    assert "Pontis (INSEE 04154, 04)" in errors[18] and "05000 Gap (INSEE 05061, 05)" in errors[18]


def test_store_resolves_on_create_and_again_when_a_place_moves(fresh_db: Store):
    place = fresh_db.create_place(name="La Piste", postcode="94390", commune="Paray-Vieille-Poste")
    assert (place["commune_insee"], place["departement"], place["region"]) == ("91479", "91", "11")
    created = fresh_db.outbox()[-1]
    assert created["fields"]["commune_insee"] == "91479"  # synced with the rest

    moved = fresh_db.update("place", place["id"], {"postcode": "05160", "commune": "Pontis"})
    assert (moved["commune_insee"], moved["departement"], moved["region"]) == ("04154", "04", "93")
    sent = fresh_db.outbox()[-1]["fields"]
    assert sent["commune_insee"] == "04154" and sent["departement"] == "04"

    # An ambiguous move leaves the place unresolved (listed to settle), filed by postcode.
    vague = fresh_db.update("place", place["id"], {"postcode": "34500", "commune": ""})
    assert (vague["commune_insee"], vague["departement"]) == ("", "34")
    [item] = places_geo.unsettled_places(fresh_db)
    assert item.place["id"] == place["id"] and item.resolution.status == "ambiguous"
    settled = places_geo.settle(fresh_db, place["id"], "34336")
    assert (settled["commune"], settled["commune_insee"]) == ("Villeneuve-lès-Béziers", "34336")
    assert places_geo.unsettled_places(fresh_db) == []


def test_store_refuses_unknown_codes_and_collectivites(fresh_db: Store):
    with pytest.raises(ValidationError, match="Unknown INSEE commune code '99999'"):
        fresh_db.create_place(name="X", commune_insee="99999")
    with pytest.raises(ValidationError, match=r"Saint-Barthélemy \(977\)"):
        fresh_db.create_place(name="X", postcode="97133", commune="Saint-Barthélemy")
    with pytest.raises(ValidationError, match=r"INSEE code 97701 is in Saint-Barthélemy"):
        fresh_db.create_place(name="X", commune_insee="97701")
    with pytest.raises(ValidationError, match="not the INSEE code of a commune"):
        place = fresh_db.create_place(name="Y", postcode="35000")
        places_geo.settle(fresh_db, place["id"], "00000")
    assert [p["name"] for p in fresh_db.places()] == ["Y"]


def test_upgrade_resolves_existing_places_and_lists_the_others(tmp_path: Path):
    """A database from before commune codes: the upgrade resolves what is unambiguous,
    as edits that sync, and lists the rest."""
    home = Home.resolve(tmp_path / "data")
    home.ensure()
    conn = connect(home.db_path)
    migrate(conn, target=COMMUNE_MIGRATION - 1)
    rows = [
        ("a", "Le Fournil", "05160", "Pontis", "05", "93"),
        ("b", "Chez Paray", "94390", "PARAY VIEILLE POSTE", "94", "11"),
        ("c", "Sans commune", "34500", "", "34", "76"),
        ("d", "Perdu", "", "", "", ""),
    ]
    for rid, name, pc, commune, dep, reg in rows:
        conn.execute(
            "INSERT INTO places (id, version, created_at, updated_at, name, kind, postcode, "
            "commune, departement, region) VALUES (?, 3, 't', 't', ?, 'other', ?, ?, ?, ?)",
            (rid, name, pc, commune, dep, reg),
        )
    conn.commit()
    conn.close()

    store = Store.open(home, user="anne")
    backfill = store.commune_backfill
    assert sorted(backfill.resolved) == [("a", "04154"), ("b", "91479")]
    assert sorted((u.place["id"], u.resolution.status) for u in backfill.unsettled) == [
        ("c", "ambiguous"),
        ("d", "unknown"),
    ]
    a = store.require("place", "a")
    assert (a["commune_insee"], a["departement"], a["region"]) == ("04154", "04", "93")
    assert store.require("place", "b")["departement"] == "91"
    sent = {e["record_id"]: e for e in store.outbox()}
    assert sent["a"]["base_version"] == 3
    assert sent["a"]["fields"] == {"commune_insee": "04154", "departement": "04"}
    assert sent["a"]["base"] == {"commune_insee": "", "departement": "05"}
    assert set(sent) == {"a", "b"}
    store.close()
    # Opening again does not run the upgrade twice.
    again = Store.open(home, user="anne")
    assert again.commune_backfill is None and again.outbox_count() == 2
    again.close()


def test_position_is_the_communes_centroid_when_coordinates_are_missing(fresh_db: Store):
    exact = fresh_db.create_place(
        name="Exact", postcode="34500", commune="Béziers", latitude=43.34, longitude=3.21
    )
    vague = fresh_db.create_place(name="Vague", postcode="34500", commune="Béziers")
    assert places_geo.position(exact) == places_geo.Position(43.34, 3.21, False)
    centroid = places_geo.position(vague)
    assert centroid is not None and centroid.approximate
    assert abs(centroid.latitude - 43.35) < 0.1 and abs(centroid.longitude - 3.24) < 0.1
    nowhere = fresh_db.create_place(name="Nulle part")
    assert places_geo.position(nowhere) is None


def test_possible_duplicates_are_in_one_commune_with_similar_names(fresh_db: Store):
    a = fresh_db.create_place(name="La Cordée Béziers", postcode="34500", commune="Béziers")
    b = fresh_db.create_place(name="Cordee de Beziers", postcode="34500", commune="Béziers")
    fresh_db.create_place(name="Le Bocal", postcode="34500", commune="Béziers")
    fresh_db.create_place(name="La Cordée Béziers", postcode="35000", commune="Rennes")
    pairs = places_geo.possible_duplicates(fresh_db)
    assert [(d.commune_insee, {d.first["id"], d.second["id"]}) for d in pairs] == [
        ("34032", {a["id"], b["id"]})
    ]
    assert places_geo.similar_names("Tiers-lieu La Fabrique", "La Fabrique")
    assert not places_geo.similar_names("La Fabrique", "Le Bocal")


def test_merge_moves_visits_fills_gaps_and_deletes_the_other(fresh_db: Store):
    keep = fresh_db.create_place(name="La Cordée", postcode="34500", commune="Béziers")
    other = fresh_db.create_place(
        name="Cordée Béziers",
        postcode="34500",
        commune="Béziers",
        website="https://lacordee.fr",
        tags=["numérique"],
    )
    v1 = fresh_db.create_visit(other["id"], visited_on="2026-10-01")
    v2 = fresh_db.create_visit(other["id"], visited_on="2026-10-02")
    fresh_db.claim_outbox()  # synced: what follows are edits of their own
    before = fresh_db.outbox_count()
    result = places_geo.merge_places(fresh_db, keep["id"], other["id"])
    assert sorted(result.visits_moved) == sorted([v1["id"], v2["id"]])
    assert result.fields_filled == ["tags", "website"]
    assert {v["id"] for v in fresh_db.visits(place_id=keep["id"])} == {v1["id"], v2["id"]}
    assert fresh_db.get("place", other["id"]) is None
    kept = fresh_db.require("place", keep["id"])
    assert (kept["website"], kept["tags"]) == ("https://lacordee.fr", ["numérique"])
    ops = [(e["kind"], e["op"]) for e in fresh_db.outbox()[before:]]
    assert sorted(ops) == sorted(
        [("visit", "update"), ("visit", "update"), ("place", "update"), ("place", "delete")]
    )
    with pytest.raises(ValidationError, match="merged with itself"):
        places_geo.merge_places(fresh_db, keep["id"], keep["id"])


def run(home: Home, *args: str):
    return CliRunner().invoke(main, ["--home", str(home.root), *args])


def test_cli_communes_settle_duplicates_merge(tmp_path: Path):
    home = Home.resolve(tmp_path / "data")
    with Store.open(home, user="anne") as store:
        vague = store.create_place(name="Sans commune", postcode="34500")
        a = store.create_place(name="La Cordée", postcode="34500", commune="Béziers")
        b = store.create_place(name="La Cordee", postcode="34500", commune="Beziers")
    result = run(home, "places", "communes")
    assert result.exit_code == 0, result.output
    assert f"{vague['id']}  Sans commune  (34500 ): Postcode 34500 serves 2 communes" in (
        result.output
    )
    assert "candidate  34336  34500 Villeneuve-lès-Béziers (34)" in result.output
    result = run(home, "places", "settle", vague["id"], "34032")
    assert result.exit_code == 0, result.output
    assert "commune Béziers (INSEE 34032), département 34, région 76." in result.output
    assert "Every place is in its commune." in run(home, "places", "communes").output

    result = run(home, "places", "duplicates")
    assert result.exit_code == 0
    assert "1 possible duplicate(s)" in result.output
    result = run(home, "places", "merge", a["id"], b["id"])
    assert result.exit_code == 0, result.output
    assert f"Merged: 0 visit(s) moved to {a['id']}; {b['id']} deleted." in result.output
    bad = run(home, "places", "merge", a["id"], "nope")
    assert bad.exit_code == 1 and "No place with id nope" in bad.output


def test_places_table_has_the_commune_column_after_upgrade(tmp_path: Path):
    conn = sqlite3.connect(":memory:")
    migrate(conn)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(places)")}
    assert "commune_insee" in columns


def test_cli_figures(tmp_path: Path):
    home = Home.resolve(tmp_path / "data")
    with Store.open(home, user="anne") as store:
        mende = store.create_place(name="La Grange", postcode="48000", commune="Mende")
        store.create_visit(mende["id"], visited_on="2026-10-01")
        store.create_place(name="Le Bocal", postcode="34000", commune="Montpellier")
        store.create_place(name="Sans commune", postcode="34500")
    result = run(home, "places", "figures")
    assert result.exit_code == 0, result.output
    assert "3 place(s) listed, 1 visited." in result.output
    assert "1 place(s) without a settled commune are not counted below." in result.output
    assert "50\u202f% of the listed, 100\u202f% of the visited." in result.output
    assert "48    Lozère" in result.output
    assert run(home, "places", "figures", "--region", "76").exit_code == 0


def test_import_takes_an_insee_code_column(fresh_db: Store, tmp_path: Path):
    path = tmp_path / "codes.csv"
    path.write_text(
        "nom;code INSEE;commune;cp\n"
        "Par le code;04154;;\n"  # 2: the code alone is enough
        "Code faux;99999;;\n"  # 3
        "Saint-Barth;97701;;\n"  # 4: a collectivité
        "Pas réglé;;Nulle-Part;34500\n",  # 5: an empty code column: kept, to settle
        encoding="utf-8",
    )
    summary = import_places(fresh_db, path)
    assert summary.errors == [
        (3, "'99999' is not the INSEE code of a commune."),
        (
            4,
            "INSEE code 97701 is in Saint-Barthélemy (977), a collectivité d'outre-mer, "
            "not part of Guadeloupe (971).",
        ),
    ]
    assert summary.warnings[0][0] == 5
    assert summary.warnings[0][1].startswith("Commune not settled, listed to settle: ")
    places = {p["name"]: p for p in fresh_db.places()}
    assert (places["Par le code"]["commune_insee"], places["Par le code"]["departement"]) == (
        "04154",
        "04",
    )
    assert places["Pas réglé"]["commune_insee"] == ""
    assert [u.place["name"] for u in places_geo.unsettled_places(fresh_db)] == ["Pas réglé"]
