"""« Effacer définitivement » in the app: a confirmation naming what goes, then nothing left."""

# ruff: noqa: F811  (pytest fixtures imported from tests.ui.editor_fixtures)
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.editor_fixtures import (  # noqa: F401 (fixtures)
    db,
    editor,
    lane_store,
    open_visit,
    tasks,
    two_visits,
    undo_stack,
)
from tests.ui.test_main_window import make_window, select_place, settle, visit_ids  # noqa: F401
from ui.interview_model import format_date


def wait_dialog(qtbot, owner) -> QMessageBox:
    qtbot.waitUntil(lambda: owner.erase_dialog is not None, timeout=5000)
    return owner.erase_dialog


def test_erase_a_visit_from_the_main_window(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="La Cantine", postcode="35000")
    visit = ui_store.create_visit(place["id"], visited_on="2026-04-01", notes="Secret.")
    keep = ui_store.create_visit(place["id"], visited_on="2026-05-01")
    ui_store.create_interview(visit["id"], person_name="Nolwenn Tanguy", notes="Très secret.")
    window = make_window()
    select_place(qtbot, window, place["id"])
    assert window.select_visit(visit["id"])
    assert window.erase_visit_action in window.visit_context_actions()

    # Cancel: nothing changes.
    window.erase_visit_action.trigger()
    dialog = wait_dialog(qtbot, window)
    assert "Interviews, with their notes and quotes: 1" in dialog.informativeText()
    # The date as the locale writes it.
    assert f"The visit of {format_date('2026-04-01')}" in dialog.informativeText()
    dialog.cancel_button.click()
    settle(qtbot, window)
    assert ui_store.get("visit", visit["id"]) is not None

    window.erase_dialog = None
    window.erase_visit_action.trigger()
    dialog = wait_dialog(qtbot, window)
    assert dialog.defaultButton() is dialog.cancel_button  # Enter does not erase
    dialog.erase_button.click()
    qtbot.waitUntil(lambda: visit_ids(window) == [keep["id"]], timeout=5000)
    settle(qtbot, window)
    assert ui_store.get("visit", visit["id"], include_deleted=True) is None
    assert ui_store.search("Nolwenn") == []
    assert window.undo_stack.count() == 0
    assert "Erased for good: 2 record(s)." in window.statusBar().currentMessage()


def test_erase_an_interview_from_its_tab(qtbot, editor, db, two_visits):
    first, _ = two_visits
    iv = db.create_interview(first, person_name="Nolwenn Tanguy", consent="refused")
    other = db.create_interview(first, person_name="Loïc Le Du", consent="given")
    open_visit(qtbot, editor, first)
    tab = editor.interviews
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    assert not tab.erase_button.isEnabled()  # nothing selected
    row = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of(iv["id"]), 0)).row()
    tab.table.selectRow(row)
    assert tab.erase_button.isEnabled()
    qtbot.mouseClick(tab.erase_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, tab)
    assert "The interview with Nolwenn Tanguy" in dialog.informativeText()
    dialog.erase_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    assert db.get("interview", iv["id"], include_deleted=True) is None
    assert db.get("interview", other["id"]) is not None


def test_a_synced_record_is_refused_to_an_agent_with_a_reason(qtbot, editor, db, two_visits):
    first, _ = two_visits
    iv = db.create_interview(first, person_name="Nolwenn Tanguy")
    db.conn.execute("UPDATE interviews SET version = 2")
    open_visit(qtbot, editor, first)
    tab = editor.interviews
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    tab.table.selectRow(0)
    tab.erase_selected()
    box = wait_dialog(qtbot, tab)
    assert "Only coordinators and admins" in box.text()
    assert not hasattr(box, "erase_button")
    box.close()
    assert db.get("interview", iv["id"]) is not None


def test_the_confirmation_speaks_french(qtbot, db, two_visits):
    """Its texts live in the "Erase" context of the compiled translations."""
    from fieldkit import erasure
    from ui import i18n
    from ui.erase import EraseConfirmation

    first, _ = two_visits
    db.create_interview(first, person_name="Nolwenn Tanguy")
    i18n.set_language("fr")
    dialog = EraseConfirmation(None, erasure.plan(db, "visit", first))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert dialog.erase_button.text() == "Effacer définitivement"
    assert "Entretiens, avec leurs notes et citations\u00a0: 1" in dialog.informativeText()


def test_the_confirmation_lists_captions_naming_the_person_and_clears_them(
    qtbot, editor, db, two_visits
):
    first, _ = two_visits
    iv = db.create_interview(first, person_name="Nolwenn Tanguy", consent="refused")
    naming = db.create("photo", _photo(first, "Nolwenn devant le four"))
    other = db.create("photo", _photo(first, "Le four à pain", sha="b" * 64))
    open_visit(qtbot, editor, first)
    tab = editor.interviews
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    tab.table.selectRow(0)
    tab.erase_selected()
    dialog = wait_dialog(qtbot, tab)
    assert "« Nolwenn devant le four »" in dialog.informativeText()
    assert "Le four à pain" not in dialog.informativeText()
    assert dialog.clear_captions_box is not None and dialog.clear_captions_box.isChecked()
    dialog.erase_button.click()
    qtbot.waitUntil(
        lambda: db.get("interview", iv["id"], include_deleted=True) is None, timeout=5000
    )
    qtbot.waitUntil(lambda: db.get("photo", naming["id"])["caption"] == "", timeout=5000)
    assert db.get("photo", other["id"])["caption"] == "Le four à pain"


def _photo(visit_id: str, caption: str, sha: str = "a" * 64) -> dict:
    return {
        "visit_id": visit_id,
        "blob": sha,
        "caption": caption,
        "original_name": "p.jpg",
        "width": 10,
        "height": 10,
    }
