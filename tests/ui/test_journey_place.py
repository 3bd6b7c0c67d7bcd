"""The place dialog as a person fills it: keys typed in its fields, Enter to save."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.place_dialog import PlaceDialog


def settle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)


@pytest.fixture
def window(qtbot, ui_store, home):
    w = MainWindow(ui_store, home)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitActive(w):
        w.activateWindow()
    settle(qtbot, w)
    yield w
    w.close()
    w.tasks.wait(5000)


def open_new_place(qtbot, window: MainWindow) -> PlaceDialog:
    QTest.keyClick(
        window.focusWidget() or window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.place_dialog is not None and window.place_dialog.isVisible())
    dialog = window.place_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name_edit)
    return dialog


def type_into(widget, text: str) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    QTest.keyClicks(widget, text)


def test_a_postcode_with_one_commune_stores_that_commune(qtbot, window, ui_store):
    dialog = open_new_place(qtbot, window)
    QTest.keyClicks(dialog.name_edit, "Le Hangar")
    type_into(dialog.postcode_edit, "29200")
    assert dialog.commune_status.text() == "Brest (29019)"
    assert dialog.departement_label.text() == "Finistère (29)"
    QTest.keyClick(dialog.postcode_edit, Qt.Key.Key_Return)
    settle(qtbot, window)
    [stored] = ui_store.places()
    assert (stored["commune"], stored["commune_insee"], stored["departement"]) == (
        "Brest",
        "29019",
        "29",
    )


def test_before_a_commune_is_chosen_the_departement_shown_is_the_communes(qtbot, window):
    dialog = open_new_place(qtbot, window)
    # 05160: Pontis is in Alpes-de-Haute-Provence (04), the other communes in Hautes-Alpes.
    type_into(dialog.postcode_edit, "05160")
    shown = dialog.departement_label.text()
    assert "(04)" in shown and "(05)" in shown
    type_into(dialog.commune_edit, "Pontis")
    assert dialog.departement_label.text() == "Alpes-de-Haute-Provence (04)"


def test_a_postcodes_only_commune_gives_the_departement(qtbot, window):
    dialog = open_new_place(qtbot, window)
    # 94390: its only commune, Paray-Vieille-Poste, is in Essonne (91), not in 94.
    type_into(dialog.postcode_edit, "94390")
    assert dialog.departement_label.text() == "Essonne (91)"
