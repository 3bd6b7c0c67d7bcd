"""The app's import of places lists every damaged line of a file, in French (issue 23)."""

from __future__ import annotations

import pytest

from ui import i18n
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ui_store, home):
    w = MainWindow(ui_store, home)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.tasks.pending == 0, timeout=10_000)
    yield w
    w.close()


def test_the_import_report_lists_each_damaged_line_in_french(qtbot, window, ui_store, tmp_path):
    i18n.set_language("fr")
    path = tmp_path / "lieux.csv"
    path.write_bytes(
        (
            "nom;cp;commune;insee;site\n"  # 1
            "Amé;35000;Rennes;;\n"  # 2
            '"B;35000;Rennes;;\n'  # 3: a quote never closed
            "C;35000;Rennes;;c.fr;en trop\n"  # 4: a cell without a column
            "Paris centre;75001;Paris;34172;\n"  # 5: INSEE of Montpellier
        ).encode()
        + "Le Café;35000;Rennes;;\n".encode("cp1252")  # 6: one Windows-1252 line
    )
    # The button asks for the file with a dialog; the path is given directly here.
    window.import_places_csv(str(path))
    qtbot.waitUntil(lambda: window.import_report is not None, timeout=10_000)
    report = window.import_report
    assert report.summary_label.text().startswith("Créés\u00a0: 2 ")
    lines = report.errors_view.document().toRawText().split("\u2029")
    assert [line.split("\u00a0:")[0] for line in lines] == [
        "Ligne 3",
        "Ligne 4",
        "Ligne 5",
        "Ligne 6 (avertissement)",
    ]
    assert "guillemet" in lines[0] and "la ligne 6" in lines[0]
    assert "(en trop)" in lines[1]
    assert "34172" in lines[2] and "Montpellier" in lines[2] and "75101" in lines[2]
    assert "Windows-1252" in lines[3] and "UTF-8" in lines[3]
    assert sorted(p["name"] for p in ui_store.places()) == ["Amé", "Le Café"]
    report.close()
