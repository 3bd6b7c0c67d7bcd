"""places import on damaged files: nothing is lost in silence (issue 23).

Each damage becomes a bad row or a warning with its line number, through the real importer
and through `fieldkit places import`.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from click.testing import CliRunner, Result

from fieldkit.cli import main
from fieldkit.importer import import_places
from fieldkit.paths import Home
from fieldkit.store import Store


def run(home: Home, *args: str) -> Result:
    return CliRunner().invoke(main, ["--home", str(home.root), *args])


def names(store: Store) -> list[str]:
    return sorted(p["name"] for p in store.places())


def codes(pairs: list) -> list[tuple[int, str]]:
    return [(line, problem.code) for line, problem in pairs]


# -- an unbalanced quote --------------------------------------------------------------------
UNCLOSED_AT_THE_END = 'nom;cp\nA;35000\n"B;35000\nC;35000\nD;35000\n'
# The stray quote of line 3 is "closed" by the one opening line 5's name: csv alone reads
# lines 3-5 as one row, and line 4 vanishes.
CLOSED_TWO_ROWS_LATER = (
    "nom;cp;commune\n"
    "A;35000;Rennes\n"
    '"B;35000;Rennes\n'
    "C;35000;Rennes\n"
    '"D" de Brest;29200;Brest\n'
    "E;35000;Rennes\n"
)


def test_an_unclosed_quote_is_a_bad_row_and_the_next_rows_are_read(fresh_db: Store, tmp_path: Path):
    path = tmp_path / "lieux.csv"
    path.write_text(UNCLOSED_AT_THE_END, encoding="utf-8")
    summary = import_places(fresh_db, path)
    assert codes(summary.errors) == [(3, "unbalanced_quote")]
    assert names(fresh_db) == ["A", "C", "D"]


def test_a_quote_closed_rows_later_does_not_swallow_them(fresh_db: Store, tmp_path: Path):
    path = tmp_path / "lieux.csv"
    path.write_text(CLOSED_TWO_ROWS_LATER, encoding="utf-8")
    summary = import_places(fresh_db, path)
    assert codes(summary.errors) == [(3, "unbalanced_quote")]
    assert names(fresh_db) == ["A", "C", "D de Brest", "E"]


def test_a_quoted_cell_over_several_lines_is_still_one_cell(fresh_db: Store, tmp_path: Path):
    path = tmp_path / "lieux.csv"
    path.write_text(
        "nom;cp;commune;description;site\n"
        'A;35000;Rennes;"Ouvert le lundi; le mardi\nfermé l\'été";a.fr\n'
        "B;35000;Rennes;;\n",
        encoding="utf-8",
    )
    summary = import_places(fresh_db, path)
    assert (summary.errors, summary.created) == ([], 2)
    place = next(p for p in fresh_db.places() if p["name"] == "A")
    assert place["description"] == "Ouvert le lundi; le mardi\nfermé l'été"
    assert place["website"] == "a.fr"


def test_a_quote_left_open_on_the_last_line_is_a_bad_row(fresh_db: Store, tmp_path: Path):
    path = tmp_path / "lieux.csv"
    path.write_text('nom;cp\nA;35000\n"B;35000', encoding="utf-8")
    summary = import_places(fresh_db, path)
    assert codes(summary.errors) == [(3, "unbalanced_quote")]
    assert names(fresh_db) == ["A"]


# -- more cells than the header -------------------------------------------------------------
def test_a_row_with_more_filled_cells_than_the_header_is_a_bad_row_naming_them(
    fresh_db: Store, tmp_path: Path
):
    path = tmp_path / "lieux.csv"
    path.write_text(
        "nom;cp;commune\n"
        "A;35000;Rennes\n"
        "B;12 rue X; 35000;Rennes\n"  # an unquoted ';' in a cell shifts the columns
        "C;35000;Rennes;;\n",  # empty trailing cells: nothing is lost
        encoding="utf-8",
    )
    summary = import_places(fresh_db, path)
    assert codes(summary.errors) == [(3, "extra_cells")]
    assert summary.errors[0][1].params["value"] == "Rennes"
    assert names(fresh_db) == ["A", "C"]


# -- encodings ------------------------------------------------------------------------------
def test_one_windows_1252_line_in_a_utf8_file_is_read_as_such_and_warned(
    fresh_db: Store, tmp_path: Path
):
    path = tmp_path / "lieux.csv"
    path.write_bytes(
        "nom;cp;commune\nLa Cordée;35000;Rennes\nL'Écluse;35000;Rennes\n".encode()
        + "Le Café;35000;Rennes\n".encode("cp1252")
        + "Génération;35000;Rennes\n".encode()
    )
    summary = import_places(fresh_db, path)
    assert summary.encoding == "utf-8"
    assert codes(summary.warnings) == [(4, "mixed_encoding")]
    assert summary.errors == []
    assert names(fresh_db) == ["Génération", "L'Écluse", "La Cordée", "Le Café"]


def test_one_utf8_line_in_a_windows_1252_file_is_read_as_such_and_warned(
    fresh_db: Store, tmp_path: Path
):
    path = tmp_path / "lieux.csv"
    path.write_bytes(
        "nom;cp;commune\nLa Cordée;35000;Rennes\nL'Écluse;35000;Rennes\n".encode("cp1252")
        + "Le Café;35000;Rennes\n".encode()
    )
    summary = import_places(fresh_db, path)
    assert summary.encoding == "cp1252"
    assert codes(summary.warnings) == [(4, "mixed_encoding")]
    assert names(fresh_db) == ["L'Écluse", "La Cordée", "Le Café"]


def test_excel_unicode_text_utf16_with_bom_tab_separated(fresh_db: Store, tmp_path: Path):
    path = tmp_path / "lieux.txt"
    text = "Nom\tCode postal\tCommune\r\nLa Cordée\t35000\tRennes\r\nL'Écluse\t29200\tBrest\r\n"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    summary = import_places(fresh_db, path)
    assert (summary.encoding, summary.delimiter, summary.created) == ("utf-16", "\t", 2)
    assert summary.errors == summary.warnings == []
    assert names(fresh_db) == ["L'Écluse", "La Cordée"]


def test_utf16_big_endian_and_without_bom(fresh_db: Store, tmp_path: Path):
    text = "Nom\tCode postal\r\nLa Cordée\t35000\r\n"
    big = tmp_path / "big.txt"
    big.write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    bare = tmp_path / "bare.txt"
    bare.write_bytes(text.replace("Cordée", "Forge").encode("utf-16-le"))
    assert import_places(fresh_db, big).created == 1
    assert import_places(fresh_db, bare).created == 1
    assert names(fresh_db) == ["La Cordée", "La Forge"]


def test_excel_sep_line_sets_the_separator_and_line_numbers_stay_true(
    fresh_db: Store, tmp_path: Path
):
    path = tmp_path / "lieux.csv"
    # By counting, the header line would be read as comma-separated.
    path.write_text("sep=;\nnom;surface, m², salles, étages\nA, B;1, 2, 3\n;4\n", encoding="utf-8")
    summary = import_places(fresh_db, path)
    assert summary.delimiter == ";"
    assert [line for line, _ in summary.errors] == [4]  # no name
    assert names(fresh_db) == ["A, B"]


# -- an INSEE code that contradicts the postcode and commune --------------------------------
def test_an_insee_code_contradicting_postcode_and_commune_is_a_bad_row(
    fresh_db: Store, tmp_path: Path
):
    path = tmp_path / "lieux.csv"
    path.write_text(
        "nom;code postal;commune;code insee\n"
        "Paris centre;75001;Paris;34172\n"  # Montpellier's code: Paris filed in the Hérault
        "Montpellier centre;34000;Montpellier;34172\n"
        "Paris arrondissement;75001;Paris;75056\n"  # the city of the arrondissement: agrees
        "Faute de frappe;75001;Pariss;34172\n"  # the name is off, the postcode still says 75
        "Nom seul;;Montpellier;34172\n",
        encoding="utf-8",
    )
    summary = import_places(fresh_db, path)
    assert codes(summary.errors) == [(2, "insee_contradicts"), (5, "insee_contradicts")]
    assert summary.errors[0][1].params["value"] == "34172"
    assert "75101" in summary.errors[0][1].params["found"]
    places = {p["name"]: p for p in fresh_db.places()}
    assert sorted(places) == ["Montpellier centre", "Nom seul", "Paris arrondissement"]
    assert places["Paris arrondissement"]["departement"] == "75"
    assert places["Montpellier centre"]["departement"] == "34"


def test_a_place_settled_by_hand_keeps_its_code_when_reimported(fresh_db: Store, tmp_path: Path):
    """A FieldKit export of a place whose commune was chosen by hand: the name is the
    code's commune, only the postcode (as typed) is off. That is no contradiction."""
    path = tmp_path / "export.csv"
    path.write_text(
        "nom;code postal;commune;code insee\nLe Bocal;35000;Brest;29019\n", encoding="utf-8"
    )
    summary = import_places(fresh_db, path)
    assert summary.errors == []
    (place,) = fresh_db.places()
    assert (place["commune_insee"], place["departement"]) == ("29019", "29")


# -- the CLI says it all --------------------------------------------------------------------
def test_the_cli_reports_each_damage_with_its_line_and_fails(home: Home, tmp_path: Path):
    path = tmp_path / "lieux.csv"
    path.write_bytes(
        (
            "nom;cp;commune;insee\n"  # 1
            "Amé;35000;Rennes;\n"  # 2
            '"B;35000;Rennes;\n'  # 3: a quote never closed
            "C;35000;Rennes;;en trop\n"  # 4: a cell without a column
            "Paris centre;75001;Paris;34172\n"  # 5: INSEE of Montpellier
        ).encode()
        + "Le Café;35000;Rennes;\n".encode("cp1252")  # 6: one Windows-1252 line
    )
    result = run(home, "places", "import", str(path))
    assert result.exit_code == 1
    err = result.stderr.splitlines()
    for line in (3, 4, 5):
        assert any(e.startswith(f"line {line}: ") and "warning" not in e for e in err), err
    assert any(e.startswith("line 6: warning: ") for e in err), err
    assert "Error: 2 created, 0 updated, 0 unchanged, 3 bad rows skipped, 1 warning" in (
        result.stderr
    )
    with Store.open(home) as store:
        assert names(store) == ["Amé", "Le Café"]


def test_the_cli_reads_excel_unicode_text(home: Home, tmp_path: Path):
    path = tmp_path / "lieux.txt"
    text = "sep=\t\r\nNom\tCode postal\r\nLa Cordée\t35000\r\n"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    result = run(home, "places", "import", str(path))
    assert result.exit_code == 0, result.output
    assert "1 created" in result.stdout and "read as utf-16" in result.stdout
