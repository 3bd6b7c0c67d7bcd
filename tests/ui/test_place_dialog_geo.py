"""The place dialog picks the commune from the postcode's communes, and the reverse."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.test_main_window import make_window, settle, window  # noqa: F401 - fixtures
from ui.place_dialog import PlaceDialog


def test_postcode_offers_its_communes_and_the_commune_decides_the_departement(qtbot):
    dialog = PlaceDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.postcode_edit, "05160")
    offered = dialog.commune_model.stringList()
    assert "Pontis" in offered and len(offered) >= 3
    # Before the commune is known, its communes' départements are shown (two here)…
    assert dialog.departement_label.text() == (
        "Alpes-de-Haute-Provence (04) or Hautes-Alpes (05) — depends on the commune"
    )
    dialog.commune_completer.setCompletionPrefix("pon")
    assert dialog.commune_completer.currentCompletion() == "Pontis"
    qtbot.keyClicks(dialog.commune_edit, "Pontis")
    # … the commune corrects it: Pontis is in Alpes-de-Haute-Provence.
    assert dialog.commune_status.text() == "Pontis (04154)"
    assert dialog.departement_label.text() == "Alpes-de-Haute-Provence (04)"
    assert dialog.region_label.text() == "Provence-Alpes-Côte d'Azur (93)"
    assert dialog.values()["commune_insee"] == "04154"
    assert dialog.latitude_edit.placeholderText().startswith("≈ 44")
    assert "(commune centre)" in dialog.longitude_edit.placeholderText()


def test_a_commune_typed_first_offers_its_postcodes(qtbot):
    dialog = PlaceDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.commune_edit, "Paray-Vieille-Poste")
    assert "Paray-Vieille-Poste — 94390" in dialog.commune_model.stringList()
    assert dialog.postcode_model.stringList() == ["91550", "94390"]  # both serve it
    dialog.commune_completer.activated.emit("Paray-Vieille-Poste — 94390")
    assert (dialog.commune_edit.text(), dialog.postcode_edit.text()) == (
        "Paray-Vieille-Poste",
        "94390",
    )
    assert dialog.departement_label.text() == "Essonne (91)"


def test_ambiguous_unknown_and_collectivite(qtbot):
    dialog = PlaceDialog()
    qtbot.addWidget(dialog)
    dialog.postcode_edit.setText("34500")
    assert dialog.commune_status.text().startswith("Several communes match")
    dialog.commune_edit.setText("Gap")
    assert "listed to settle" in dialog.commune_status.text()
    dialog.name_edit.setText("Gustavia Lab")
    dialog.commune_edit.setText("Saint-Barthélemy")
    dialog.postcode_edit.setText("97133")
    assert dialog.departement_label.text() == "Not in a département: Saint-Barthélemy (977)"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error_label.text().startswith(
        "Postcode 97133 is in Saint-Barthélemy (977), which is not a département"
    )


def test_the_place_created_from_the_dialog_is_in_its_commune(qtbot, window, ui_store):  # noqa: F811
    dialog = window.open_place_dialog()
    qtbot.keyClicks(dialog.name_edit, "La Piste")
    qtbot.keyClicks(dialog.postcode_edit, "94390")
    qtbot.keyClicks(dialog.commune_edit, "paray vieille poste")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, window)
    [stored] = ui_store.places()
    assert (stored["commune_insee"], stored["departement"], stored["region"]) == (
        "91479",
        "91",
        "11",
    )
