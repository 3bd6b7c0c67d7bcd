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
        "Affic&hage",
        "&Synchronisation",
        "Aid&e",
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


# -- English in the French interface (issue 13) ------------------------------------------


def core_error_codes() -> set[str]:
    """Every error code ``fieldkit/`` raises or answers with (read from its source)."""
    import re
    from pathlib import Path

    import fieldkit

    patterns = (
        r'\bcode\s*=\s*"([a-z_]+)"',  # FieldKitError(..., code="x") and class attributes
        r'ApiError\(\s*\d+,\s*"([a-z_]+)"',  # the server's error answers
        r'Problem\(\s*(?:f?"[^"]*"\s*)+,\s*"([a-z_]+)"',  # reasons kept in lists
    )
    codes: set[str] = set()
    for path in Path(fieldkit.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in patterns:
            codes.update(re.findall(pattern, text))
    return codes


def test_every_core_error_code_has_a_french_text(qapp):
    codes = core_error_codes()
    assert {"bad_postcode", "invalid_credentials", "offline", "duplicate_row"} <= codes
    i18n.set_language("fr")
    missing = sorted(codes - i18n.known_error_codes())
    assert missing == [], f"error codes without a translated text: {missing}"
    english = "An English sentence the core wrote."
    for code in sorted(codes):
        text = i18n.error_message(ValidationError("name", english, code=code))
        assert text != english and text.strip(), code
    # and the French catalogue has them all (an English fallback would be a bug)
    assert untranslated("fr") == []


def test_csv_import_reasons_are_french(qtbot, window, tmp_path):
    from fieldkit import importer

    i18n.set_language("fr")
    csv = tmp_path / "lieux.csv"
    csv.write_text(
        "id;nom;type;code postal\n;A;coworking;29200\nnot-a-uuid;B;cabane;29200\n"
        ";C;fablab;99999\n;A;coworking;29200\n",
        encoding="utf-8",
    )
    summary = importer.import_places(window.store, csv)
    # The CLI keeps the core's English sentences, each with its code.
    assert [(line, p.code) for line, p in summary.errors] == [
        (4, "bad_postcode"),
        (5, "duplicate_row"),
    ]
    assert summary.errors[0][1] == (
        "'99999' is not a French postcode (La Poste has no such postcode)."
    )
    report = window.show_import_report(summary)
    # toPlainText() gives non-breaking spaces back as plain ones; toRawText() keeps them.
    text = report.errors_view.document().toRawText().split("\u2029")
    assert text == [
        "Ligne 4\u00a0: «\u00a099999\u00a0» n’est pas un code postal français (cinq chiffres).",
        "Ligne 5\u00a0: Même lieu qu’à la ligne 2 (A)\u00a0; ligne ignorée.",
        "Ligne 3 (avertissement)\u00a0: «\u00a0not-a-uuid\u00a0» n’est pas un identifiant "
        "FieldKit\u00a0; le lieu a été retrouvé par son nom et son code postal.",
        "Ligne 3 (avertissement)\u00a0: Type de lieu inconnu «\u00a0cabane\u00a0»\u00a0: "
        "importé comme «\u00a0Autre\u00a0», gardé comme étiquette.",
    ]
    i18n.set_language("en")
    assert report.errors_view.toPlainText().splitlines()[0] == (
        "Line 4: “99999” is not a French postcode (five digits)."
    )
    report.close()


def test_login_refused_and_sync_errors_are_french(qapp):
    from fieldkit.sync import SyncError

    i18n.set_language("fr")
    refused = SyncError(
        "Login refused: wrong user name or password for http://x.", code="invalid_credentials"
    )
    assert i18n.error_message(refused) == (
        "Connexion refusée\u00a0: nom d’utilisateur ou mot de passe incorrect."
    )
    offline = SyncError(
        "Could not reach the sync server at http://x (ConnectError).", code="offline"
    )
    assert i18n.error_message(offline).startswith("Le serveur de synchronisation est injoignable.")


def test_qt_own_dialogs_speak_french(qtbot):
    """Qt's file dialog (not the system's) and its standard buttons come from qtbase_fr.qm."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

    i18n.set_language("fr")
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Regarder dans\u00a0:", "Fichiers de &type\u00a0:", "&Nom de fichier\u00a0:"} <= labels
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"


def test_french_texts_use_the_typographic_apostrophe():
    from ui.i18n_fr import FRENCH, FRENCH_IN_CONTEXT

    texts = [
        form
        for value in [*FRENCH.values(), *FRENCH_IN_CONTEXT.values()]
        for form in (value if isinstance(value, tuple) else (value,))
    ]
    assert [t for t in texts if "'" in t] == []
