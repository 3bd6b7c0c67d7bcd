"""French first, English from the menu, and no string left untranslated."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from fieldkit.errors import ValidationError
from ui import i18n
from ui.i18n_tools import english_plurals, read_messages, ts_path, untranslated
from ui.main_window import MainWindow


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


@pytest.fixture
def window(qtbot, ui_store, home):
    w = MainWindow(ui_store, home)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.tasks.pending == 0, timeout=10_000)
    yield w
    w.close()


def test_every_string_of_the_interface_has_a_french_translation():
    """lupdate over ui/ now, compared with the committed French file: run
    ``make translations`` and fill ui/i18n_fr.py when this fails."""
    missing = untranslated("fr")
    assert missing == [], "strings without a French translation:\n" + "\n".join(
        f"  {context}: {source!r}" for context, source in missing
    )


def test_compiled_catalogues_are_shipped():
    for lang in ("fr", "en"):
        assert ts_path(lang).with_suffix(".qm").is_file()
        assert all(m.finished for m in read_messages(ts_path(lang)))


def test_french_by_default_then_english_from_the_view_menu(qtbot, window, monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: "de")
    assert i18n.preferred_language() == "fr"
    i18n.set_language(i18n.preferred_language())
    assert menu_titles(window) == [
        "&Fichier",
        "&Édition",
        "&Affichage",
        "&Synchronisation",
        "Ai&de",
    ]
    assert window.new_visit_action.text() == "Nouvelle &visite"
    assert window.pending_label.text() == "0 modification à envoyer"
    assert window.language_menu.title() == "&Langue"

    window.language_actions["en"].trigger()
    assert menu_titles(window) == ["&File", "&Edit", "&View", "&Synchronisation", "&Help"]
    assert window.new_visit_action.text() == "New &visit"
    assert window.pending_label.text() == "0 changes to send"
    assert window.language_actions["en"].isChecked()
    # The choice is remembered for the next start.
    assert QSettings().value(i18n.SETTINGS_KEY) == "en"
    assert i18n.preferred_language() == "en"

    window.language_actions["fr"].trigger()
    assert menu_titles(window)[0] == "&Fichier"


def test_dates_in_the_visit_list_follow_the_language(qapp):
    from ui.models import local_date

    i18n.set_language("fr")
    assert local_date("2026-05-06") == "06/05/2026"
    i18n.set_language("en")
    assert local_date("2026-05-06") == "06/05/2026"
    assert local_date("not a date") == "not a date"


def test_an_english_system_gets_english(monkeypatch, qapp):
    monkeypatch.setattr(i18n, "system_language", lambda: "en")
    assert i18n.preferred_language() == "en"


def test_dialogs_and_errors_follow_the_language(qtbot, window):
    i18n.set_language("fr")
    dialog = window.open_place_dialog()
    assert dialog.windowTitle() == "Nouveau lieu"
    assert dialog._labels["name"].text() == "&Nom\u00a0:"
    assert dialog.kind_combo.itemText(0) == "Espace de coworking"
    error = ValidationError("postcode", "bad", code="bad_postcode", value="123")
    assert (
        i18n.error_message(error)
        == "«\u00a0123\u00a0» n’est pas un code postal français (cinq chiffres)."
    )
    i18n.set_language("en")
    assert dialog.windowTitle() == "New place"
    assert dialog.kind_combo.itemText(0) == "Coworking space"
    dialog.reject()


def test_an_unknown_error_code_falls_back_to_the_core_message(qapp):
    error = ValidationError("x", "Something precise went wrong.", code="brand_new_code")
    assert i18n.error_message(error) == "Something precise went wrong."
    assert "boom" in i18n.error_message(RuntimeError("boom"))


def test_english_plurals():
    assert english_plurals("%n visit(s)") == ("%n visit", "%n visits")


def test_the_tool_fills_a_catalogue_with_french_plurals_and_spacing(tmp_path, monkeypatch):
    from ui import i18n_fr, i18n_tools

    source = tmp_path / "src"
    source.mkdir()
    (source / "w.py").write_text(
        "from PySide6.QtCore import QObject\n"
        "class W(QObject):\n"
        "    def f(self, n):\n"
        "        self.tr('Name:')\n"
        "        self.tr('%n file(s)', '', n)\n"
        "        self.tr('Brand new')\n",
        encoding="utf-8",
    )
    monkeypatch.setitem(i18n_fr.FRENCH, "Name:", "Nom :")
    monkeypatch.setitem(i18n_fr.FRENCH, "%n file(s)", ("%n fichier", "%n fichiers"))
    ts = tmp_path / "t_fr.ts"
    i18n_tools.lupdate([ts], source)
    missing = i18n_tools.fill(ts, "fr")
    assert missing == [("W", "Brand new")]
    text = ts.read_text(encoding="utf-8")
    assert "<translation>Nom\u00a0:</translation>" in text
    assert "<numerusform>%n fichier</numerusform><numerusform>%n fichiers</numerusform>" in text
    done = {m.source: m.finished for m in i18n_tools.read_messages(ts)}
    assert done == {"Name:": True, "%n file(s)": True, "Brand new": False}
