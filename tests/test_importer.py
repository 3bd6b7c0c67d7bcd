"""places import: the CSV files people actually have, bad rows, dry runs, re-imports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fieldkit.importer import ImportFileError, import_places, place_kind, squash
from fieldkit.store import Store

ENGLISH = (
    "name,kind,address,postcode,city,latitude,longitude,website,email,description,tags\n"
    "La Cordée Béziers,coworking,2 rue de la République,34500,Béziers,43.344,3.216,"
    'https://lacordee.fr,bonjour@lacordee.fr,"Ouvert à tous, « sans rendez-vous »",numérique;emploi\n'
    "Le Moulin des Monts,rural hub,,48000,Mende,44.518,3.501,,,,\n"
)

FRENCH_EXCEL = (
    "Nom;Type de lieu;Adresse;Code postal;Ville;Département;Région;Latitude;Longitude;"
    "Site web;Téléphone;Courriel;Étiquettes\n"
    "L’Atelier partagé d’Alès;Atelier partagé;5 rue d’Avéjan;30100;Alès;Gard;Occitanie;"
    "44,125;4,082;;04 66 00 00 00;contact@atelier.fr;réemploi, artisanat\n"
    "Tiers-Lieu des Monts;Tiers-lieu rural;;15100;Saint-Flour;15;84;45,034;3,093;;;;\n"
)


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "places.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def by_name(store: Store) -> dict[str, dict]:
    return {p["name"]: p for p in store.places()}


def test_utf8_comma_english_headers(fresh_db: Store, tmp_path: Path):
    summary = import_places(fresh_db, write(tmp_path, ENGLISH))
    assert (summary.created, summary.updated, summary.unchanged, summary.errors) == (2, 0, 0, [])
    assert (summary.encoding, summary.delimiter) == ("utf-8", ",")
    places = by_name(fresh_db)
    cordee = places["La Cordée Béziers"]
    assert cordee["kind"] == "coworking"
    assert (cordee["postcode"], cordee["commune"]) == ("34500", "Béziers")
    assert (cordee["departement"], cordee["region"]) == ("34", "76")  # derived from the postcode
    assert (cordee["latitude"], cordee["longitude"]) == (43.344, 3.216)
    assert cordee["contact"] == "bonjour@lacordee.fr"
    assert cordee["description"] == "Ouvert à tous, « sans rendez-vous »"
    assert cordee["tags"] == ["emploi", "numérique"]
    assert places["Le Moulin des Monts"]["kind"] == "rural_hub"
    assert places["Le Moulin des Monts"]["latitude"] == 44.518


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_french_excel_export_semicolons_bom_or_windows_1252(
    fresh_db: Store, tmp_path: Path, encoding: str
):
    summary = import_places(fresh_db, write(tmp_path, FRENCH_EXCEL, encoding))
    assert summary.errors == [] and summary.created == 2
    assert summary.encoding == ("utf-8" if encoding == "utf-8-sig" else "cp1252")
    assert summary.delimiter == ";"
    places = by_name(fresh_db)
    atelier = places["L’Atelier partagé d’Alès"]  # ’ exists in cp1252 too
    assert atelier["kind"] == "shared_workshop"
    assert (atelier["departement"], atelier["region"]) == ("30", "76")  # from names
    assert (atelier["latitude"], atelier["longitude"]) == (44.125, 4.082)  # decimal commas
    assert atelier["contact"] == "04 66 00 00 00, contact@atelier.fr"  # both contact columns
    assert atelier["tags"] == ["artisanat", "réemploi"]
    monts = places["Tiers-Lieu des Monts"]
    assert (monts["kind"], monts["departement"], monts["region"]) == ("rural_hub", "15", "84")


def test_headers_match_whatever_their_case_accents_and_spacing(fresh_db: Store, tmp_path: Path):
    text = "  NOM ;CODE_POSTAL;commune;TYPE;Site Internet;Mots-clés\nLe Bocal;35000;Rennes;FabLab;x.fr;a\n"
    summary = import_places(fresh_db, write(tmp_path, text))
    assert summary.errors == []
    place = by_name(fresh_db)["Le Bocal"]
    assert (place["postcode"], place["kind"], place["website"], place["tags"]) == (
        "35000",
        "fablab",
        "x.fr",
        ["a"],
    )


def test_unknown_columns_are_listed_not_fatal(fresh_db: Store, tmp_path: Path):
    text = "nom;cp;Surface (m²);Nombre de salariés\nLe Bocal;35000;120;3\n"
    summary = import_places(fresh_db, write(tmp_path, text))
    assert summary.created == 1
    assert summary.ignored_columns == ["Surface (m²)", "Nombre de salariés"]


@pytest.mark.parametrize(
    "label, kind",
    [
        ("Coworking", "coworking"),
        ("Espace de coworking", "coworking"),
        ("Fab Lab", "fablab"),
        ("tiers-lieu rural", "rural_hub"),
        ("Tiers lieu rural", "rural_hub"),
        ("Rural hub", "rural_hub"),
        ("rural_hub", "rural_hub"),
        ("Atelier partagé", "shared_workshop"),
        ("ATELIER PARTAGE", "shared_workshop"),
        ("Living lab", "living_lab"),
        ("Lieu culturel", "cultural"),
        ("Friche culturelle", "cultural"),
        ("Autre", "other"),
        ("", "other"),
        ("Recyclerie", None),
    ],
)
def test_kind_labels_in_french_and_english(label: str, kind: str | None):
    assert place_kind(label) == kind


def test_unknown_kind_becomes_other_and_is_kept_as_a_tag(fresh_db: Store, tmp_path: Path):
    text = "nom;type;cp;étiquettes\nLa Ressourcerie;Recyclerie;35000;réemploi\n"
    summary = import_places(fresh_db, write(tmp_path, text))
    assert summary.created == 1 and summary.errors == []
    assert summary.warnings == [
        (2, "Unknown kind of place 'Recyclerie': imported as 'other', kept as a tag.")
    ]
    place = by_name(fresh_db)["La Ressourcerie"]
    assert place["kind"] == "other"
    assert place["tags"] == ["Recyclerie", "réemploi"]


def test_each_bad_row_is_reported_with_its_line_number_and_good_rows_are_imported(
    fresh_db: Store, tmp_path: Path
):
    text = (
        "nom;cp;département;région;latitude;longitude;description;commune\n"  # line 1
        "Bon lieu 1;34500;;;43,3;3,2;;Béziers\n"  # 2
        ";34500;;;;;sans nom;Béziers\n"  # 3
        'Code faux;ABCDE;;;;;"deux\nlignes";\n'  # 4-5: a quoted cell spanning two lines
        "Département inconnu;;999;;;;;\n"  # 6
        "Mauvaise région;34500;34;53;;;;Béziers\n"  # 7: the commune's région wins
        "Latitude illisible;34500;;;nord;3;;Béziers\n"  # 8
        "Latitude hors limites;34500;;;123;3;;Béziers\n"  # 9
        "Région inconnue;;;77;;;;\n"  # 10
        "Bon lieu 2;2000;;;;;;Laon\n"  # 11: Excel dropped the leading zero of 02000
        "Sans commune;34500;;;;;;\n"  # 12: 34500 serves two communes
    )
    summary = import_places(fresh_db, write(tmp_path, text))
    assert summary.created == 3
    assert summary.errors[:6] == [
        (3, "A place needs a name."),
        (4, "'ABCDE' is not a French postcode."),
        (6, "Unknown département code '999'."),
        (8, "latitude: 'nord' is not a number."),
        (9, "Latitude 123.0 is out of range."),
        (10, "Unknown région code '77'."),
    ]
    line, reason = summary.errors[6]
    assert line == 12
    assert reason.startswith("Postcode 34500 serves 2 communes and no commune is given: ")
    assert (
        "34500 Béziers (INSEE 34032, 34)" in reason
        and "Villeneuve-lès-Béziers (INSEE 34336, 34)" in reason
    )
    assert summary.warnings == [
        (7, "The file says région 53, but Béziers (INSEE 34032) is in 76: filed in 76.")
    ]
    assert sorted(by_name(fresh_db)) == ["Bon lieu 1", "Bon lieu 2", "Mauvaise région"]
    assert by_name(fresh_db)["Bon lieu 2"]["postcode"] == "02000"
    assert by_name(fresh_db)["Bon lieu 2"]["departement"] == "02"
    assert by_name(fresh_db)["Bon lieu 2"]["commune_insee"] == "02408"
    # Bad rows wrote nothing: one outbox entry per good row.
    assert fresh_db.outbox_count() == 3


def test_dry_run_changes_nothing_and_reports_what_would_happen(fresh_db: Store, tmp_path: Path):
    path = write(tmp_path, ENGLISH + ",,,,,,,,,,\nSans code,,,ABC,,,,,,,\n")
    dry = import_places(fresh_db, path, dry_run=True)
    assert dry.dry_run and (dry.created, len(dry.errors)) == (2, 1)
    assert fresh_db.places() == [] and fresh_db.outbox_count() == 0
    real = import_places(fresh_db, path)
    assert (real.created, real.errors) == (dry.created, dry.errors)
    assert len(fresh_db.places()) == 2

    # A dry run over existing places reports updates without making them.
    changed = write(tmp_path, ENGLISH.replace(",Mende,", ",MENDE,"), name="changed.csv")
    before = fresh_db.outbox_count()
    dry = import_places(fresh_db, changed, dry_run=True)
    assert (dry.created, dry.updated, dry.unchanged) == (0, 1, 1)
    assert by_name(fresh_db)["Le Moulin des Monts"]["commune"] == "Mende"
    assert fresh_db.outbox_count() == before


def test_reimporting_the_same_file_updates_instead_of_duplicating(fresh_db: Store, tmp_path: Path):
    path = write(tmp_path, FRENCH_EXCEL, "cp1252")
    import_places(fresh_db, path)
    fresh_db.claim_outbox()  # synced since: a later change is an update of its own
    outbox = fresh_db.outbox_count()
    again = import_places(fresh_db, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert len(fresh_db.places()) == 2
    assert fresh_db.outbox_count() == outbox  # unchanged rows write nothing

    edited = FRENCH_EXCEL.replace("5 rue d’Avéjan", "7 rue d’Avéjan")
    summary = import_places(fresh_db, write(tmp_path, edited, name="edited.csv"))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    assert len(fresh_db.places()) == 2
    last = fresh_db.outbox()[-1]
    assert last["op"] == "update"
    assert last["fields"] == {"address": "7 rue d’Avéjan"}
    assert last["base"] == {"address": "5 rue d’Avéjan"}


def test_matching_ignores_accents_case_and_spacing_of_the_name(fresh_db: Store, tmp_path: Path):
    fresh_db.create_place(name="La Cordée  Béziers", postcode="34500", commune="Béziers")
    text = "nom;cp;site\nla cordee beziers;34500;https://lacordee.fr\n"
    summary = import_places(fresh_db, write(tmp_path, text))
    assert (summary.created, summary.updated) == (0, 1)
    (place,) = fresh_db.places()
    assert place["website"] == "https://lacordee.fr"
    assert place["name"] == "la cordee beziers"  # the file is the source for the columns it has


def test_same_name_in_another_commune_is_another_place(fresh_db: Store, tmp_path: Path):
    text = "nom;commune\nLe Bocal;Rennes\nLe Bocal;Brest\n"
    summary = import_places(fresh_db, write(tmp_path, text))
    assert summary.created == 2


def test_id_column_matches_the_place_even_when_renamed(fresh_db: Store, tmp_path: Path):
    place = fresh_db.create_place(name="Ancien nom", postcode="35000")
    text = f"id;nom;cp\n{place['id']};Nouveau nom;35000\n"
    summary = import_places(fresh_db, write(tmp_path, text))
    assert (summary.created, summary.updated) == (0, 1)
    assert fresh_db.require("place", place["id"])["name"] == "Nouveau nom"


def test_id_column_of_another_database_creates_the_place_with_that_id(
    fresh_db: Store, tmp_path: Path
):
    rid = "5ff5a579-f519-4c87-ade6-3e3c8b5d4e55"
    summary = import_places(fresh_db, write(tmp_path, f"id,name\n{rid},Le Bocal\n"))
    assert summary.created == 1
    assert fresh_db.require("place", rid)["name"] == "Le Bocal"


def test_ids_that_are_not_fieldkit_ids_fall_back_to_name_matching(fresh_db: Store, tmp_path: Path):
    fresh_db.create_place(name="Le Bocal", postcode="35000")
    summary = import_places(fresh_db, write(tmp_path, "id;nom;cp\n17;Le Bocal;35000\n"))
    assert (summary.created, summary.unchanged) == (0, 1)
    assert summary.warnings == [
        (2, "id '17' is not a FieldKit id (a UUID); matched by name and postcode instead.")
    ]


def test_the_same_place_twice_in_one_file_is_an_error_on_the_second_line(
    fresh_db: Store, tmp_path: Path
):
    text = "nom;cp;adresse\nLe Bocal;35000;1 rue A\nLE BOCAL;35000;2 rue B\n"
    summary = import_places(fresh_db, write(tmp_path, text))
    assert summary.created == 1
    assert summary.errors == [(3, "Same place as line 2 (LE BOCAL); row skipped.")]
    assert fresh_db.places()[0]["address"] == "1 rue A"


def test_blank_lines_are_skipped(fresh_db: Store, tmp_path: Path):
    summary = import_places(fresh_db, write(tmp_path, "nom;cp\nA;\n\n;\nB;\n\n"))
    assert (summary.created, summary.errors) == (2, [])


def test_departement_as_name_or_code_and_name(fresh_db: Store, tmp_path: Path):
    text = "nom;département;région\nA;Hérault;\nB;34 - Hérault;Occitanie\nC;2a;\nD;Côtes-d’Armor;\n"
    summary = import_places(fresh_db, write(tmp_path, text))
    assert summary.errors == []
    deps = {p["name"]: (p["departement"], p["region"]) for p in fresh_db.places()}
    assert deps == {"A": ("34", "76"), "B": ("34", "76"), "C": ("2A", "94"), "D": ("22", "53")}


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "No such file"),
        (b"", "is empty"),
        (b"commune;cp\nRennes;35000\n", "has no name column (expected one of: nom, name)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a CSV text file"),
    ],
)
def test_unreadable_files_raise_a_clear_error(
    fresh_db: Store, tmp_path: Path, content: bytes | None, message: str
):
    path = tmp_path / "places.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImportFileError, match=re.escape(message)):
        import_places(fresh_db, path)
    assert fresh_db.outbox_count() == 0


def test_squash():
    assert squash(" Code postal ") == "codepostal"
    assert squash("Étiquettes") == "etiquettes"
    assert squash("Site_Web") == "siteweb"


def test_windows_line_endings_and_line_numbers(fresh_db: Store, tmp_path: Path):
    text = FRENCH_EXCEL.replace("\n", "\r\n") + ";;;75011;Paris;;;;;;;;\r\n"
    summary = import_places(fresh_db, write(tmp_path, text, "cp1252"))
    assert summary.created == 2
    assert summary.errors == [(4, "A place needs a name.")]
    assert all("\r" not in p["commune"] for p in fresh_db.places())


def test_tab_separated(fresh_db: Store, tmp_path: Path):
    summary = import_places(fresh_db, write(tmp_path, "name\tpostcode\nLe Bocal\t35000\n"))
    assert (summary.delimiter, summary.created) == ("\t", 1)


def test_header_only_file_imports_nothing_without_error(fresh_db: Store, tmp_path: Path):
    summary = import_places(fresh_db, write(tmp_path, "nom;cp\n"))
    assert (summary.rows, summary.errors) == (0, [])


def test_id_of_a_deleted_place_is_reported_not_recreated(fresh_db: Store, tmp_path: Path):
    place = fresh_db.create_place(name="Le Bocal", postcode="35000")
    fresh_db.delete("place", place["id"])
    before = fresh_db.outbox_count()
    summary = import_places(fresh_db, write(tmp_path, f"id;nom\n{place['id']};Le Bocal\n"))
    assert summary.errors == [
        (2, f"The place with id {place['id']} was deleted; it is not re-created.")
    ]
    assert fresh_db.places() == [] and fresh_db.outbox_count() == before
