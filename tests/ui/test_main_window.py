"""The main window, driven as a person would: real widgets, a real store on disk."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from fieldkit import __version__
from ui.main_window import MainWindow
from ui.models import IdRole, NodeKindRole, VisitTableModel, node_key


def activate(qtbot, window: MainWindow) -> None:
    """Give the window the focus back (the offscreen platform does not after a dialog)."""
    with qtbot.waitActive(window):
        window.activateWindow()


def settle(qtbot, window: MainWindow) -> None:
    """Wait until every queued database job and its callbacks have run."""
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)


@pytest.fixture
def make_window(qtbot, ui_store, home):
    windows = []

    def make() -> MainWindow:
        window = MainWindow(ui_store, home)
        qtbot.addWidget(window)
        window.show()
        activate(qtbot, window)
        settle(qtbot, window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.tasks.wait(5000)


@pytest.fixture
def window(make_window):
    return make_window()


def place_names(window: MainWindow) -> list[str]:
    model, names = window.tree_model, []
    stack = [model.index(r, 0) for r in range(model.rowCount())]
    while stack:
        idx = stack.pop()
        if idx.data(NodeKindRole) == "place":
            names.append(idx.data())
        stack.extend(model.index(r, 0, idx) for r in range(model.rowCount(idx)))
    return sorted(names)


def select_place(qtbot, window: MainWindow, place_id: str) -> None:
    idx = window.tree_model.index_for_key(node_key("place", place_id))
    assert idx.isValid()
    window.tree_view.setCurrentIndex(idx)
    settle(qtbot, window)


def visit_ids(window: MainWindow) -> list[str]:
    return [r["id"] for r in window.visit_model.rows()]


def test_first_run_offers_new_place_import_and_demo(window):
    assert window.pages.currentWidget() is window.empty_page
    # Nothing selected: the actions on a place or a visit are off.
    for action in (
        window.new_visit_action,
        window.new_interview_action,
        window.import_photos_action,
        window.edit_place_action,
        window.delete_place_action,
        window.delete_visit_action,
    ):
        assert not action.isEnabled(), action.objectName()
    assert window.empty_new_button.text() == "New place…"
    assert window.empty_import_button.text() == "Import a list of places (CSV)…"
    assert window.empty_demo_button.text() == "Explore the demo mission"
    assert window.empty_new_button.isVisible()
    # The wrapped welcome text gets all the height it needs (it was clipped once).
    text = window.empty_text
    assert text.height() >= text.heightForWidth(text.width())


def test_create_a_place_then_a_visit(qtbot, window, ui_store):
    qtbot.mouseClick(window.empty_new_button, Qt.MouseButton.LeftButton)
    dialog = window.place_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name_edit, "Le Hangar")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("fablab"))
    qtbot.keyClicks(dialog.postcode_edit, "29200")
    assert dialog.departement_label.text() == "Finistère (29)"
    assert dialog.region_label.text() == "Bretagne (53)"
    qtbot.keyClicks(dialog.commune_edit, "Brest")
    qtbot.keyClicks(dialog.latitude_edit, "48,39")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    settle(qtbot, window)

    [stored] = ui_store.places()
    assert stored["name"] == "Le Hangar" and stored["kind"] == "fablab"
    assert (stored["departement"], stored["region"], stored["latitude"]) == ("29", "53", 48.39)
    assert window.pages.currentWidget() is window.main_splitter
    assert window.selected_place()["id"] == stored["id"]
    assert place_names(window) == ["Le Hangar"]

    activate(qtbot, window)
    qtbot.keyClick(window.tree_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    [visit] = ui_store.visits(place_id=stored["id"])
    assert visit["visited_on"] == "2026-10-15"  # today, by the store's clock
    assert visit["status"] == "draft"
    assert visit_ids(window) == [visit["id"]]
    assert window.selected_visit()["id"] == visit["id"]
    tree_row = window.tree_model.index_for_key(node_key("place", stored["id"]))
    assert window.tree_model.index(tree_row.row(), 1, tree_row.parent()).data() == 1
    # The status bar shows the real outbox count.
    assert window.pending_label.text() == f"{ui_store.outbox_count()} change(s) to send"
    assert ui_store.outbox_count() == 2

    # Type notes in the editor, switch to another visit, come back: the notes are there.
    editor = window.editor
    qtbot.waitUntil(lambda: editor.loaded and editor.visit_id == visit["id"], timeout=5000)
    editor.form.notes.setFocus()
    qtbot.keyClicks(editor.form.notes, "Equipe de 4, atelier bois.")
    activate(qtbot, window)
    window.new_visit_action.trigger()  # switching record flushes the notes at once
    settle(qtbot, window)
    assert ui_store.require("visit", visit["id"])["notes"] == "Equipe de 4, atelier bois."
    assert len(visit_ids(window)) == 2
    assert window.selected_visit()["id"] != visit["id"]
    assert window.select_visit(visit["id"])
    qtbot.waitUntil(lambda: editor.loaded and editor.visit_id == visit["id"], timeout=5000)
    assert editor.form.notes.toPlainText() == "Equipe de 4, atelier bois."


def test_notes_typed_just_before_closing_are_saved(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="La Cantine", postcode="35000")
    visit = ui_store.create_visit(place["id"], visited_on="2026-04-01")
    window = make_window()
    select_place(qtbot, window, place["id"])
    assert window.select_visit(visit["id"])
    qtbot.waitUntil(lambda: window.editor.loaded, timeout=5000)
    qtbot.keyClicks(window.editor.form.notes, "Dernier mot")
    window.close()  # well inside the autosave delay
    assert ui_store.require("visit", visit["id"])["notes"] == "Dernier mot"


def test_editor_saves_refresh_the_visit_row_and_the_status_bar(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="La Cantine", postcode="35000")
    visit = ui_store.create_visit(place["id"], visited_on="2026-04-01")
    window = make_window()
    select_place(qtbot, window, place["id"])
    assert window.select_visit(visit["id"])
    qtbot.waitUntil(lambda: window.editor.loaded, timeout=5000)
    ui_store.create_interview(visit["id"], person_name="Dana")
    with qtbot.waitSignal(window.data_changed, timeout=5000):
        window.editor.visit_saved.emit(visit["id"])
    settle(qtbot, window)
    row = window.visit_model.row_of(visit["id"])
    assert window.visit_model.index(row, VisitTableModel.INTERVIEWS).data() == 1
    assert window.pending_label.text() == f"{ui_store.outbox_count()} change(s) to send"


def test_place_dialog_refuses_bad_input_and_writes_nothing(qtbot, window, ui_store):
    dialog = window.open_place_dialog()
    qtbot.keyClicks(dialog.postcode_edit, "99999")
    assert dialog.departement_label.text() == "Not a French postcode"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    # No name: the first problem is named, the dialog stays open, nothing is written.
    assert dialog.isVisible()
    assert dialog.error_label.text() == "A place needs a name."
    qtbot.keyClicks(dialog.name_edit, "Tiers-lieu")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.error_label.text() == "“99999” is not a French postcode (five digits)."
    assert dialog.focusWidget() is dialog.postcode_edit
    dialog.postcode_edit.setText("")
    dialog.latitude_edit.setText("123")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error_label.text() == "Latitude is out of range."
    dialog.latitude_edit.setText("nord")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error_label.text() == "Latitude must be a number."
    dialog.reject()
    settle(qtbot, window)
    assert ui_store.places() == [] and ui_store.outbox_count() == 0


def test_edit_a_place_and_undo_the_edit(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="Ti Lab", postcode="29000", commune="Quimper")
    window = make_window()
    select_place(qtbot, window, place["id"])
    window.edit_place_action.trigger()
    settle(qtbot, window)
    dialog = window.place_dialog
    assert dialog.name_edit.text() == "Ti Lab" and dialog.windowTitle() == "Edit place"
    dialog.name_edit.setText("Ti Lab Quimper")
    dialog.postcode_edit.setText("35000")
    dialog.accept()
    settle(qtbot, window)
    stored = ui_store.require("place", place["id"])
    assert (stored["name"], stored["departement"], stored["region"]) == (
        "Ti Lab Quimper",
        "35",
        "53",
    )
    assert place_names(window) == ["Ti Lab Quimper"]
    assert window.undo_action.text() == "&Undo Edit place “Ti Lab”"
    window.undo_action.trigger()
    settle(qtbot, window)
    stored = ui_store.require("place", place["id"])
    assert (stored["name"], stored["departement"]) == ("Ti Lab", "29")
    assert place_names(window) == ["Ti Lab"]


def test_undo_a_delete_brings_the_place_and_its_visits_back(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="La Cantine", postcode="35000")
    other = ui_store.create_place(name="Le Hangar", postcode="29200")
    visit = ui_store.create_visit(place["id"], visited_on="2026-04-01")
    ui_store.create_interview(visit["id"], person_name="Dana")
    window = make_window()
    select_place(qtbot, window, place["id"])
    assert visit_ids(window) == [visit["id"]]

    window.tree_view.setFocus()
    qtbot.keyClick(window.tree_view, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert ui_store.get("place", place["id"]) is None
    assert ui_store.get("visit", visit["id"]) is None
    assert place_names(window) == ["Le Hangar"]
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    # The tree keeps a sensible selection: the département the place was in is gone,
    # so nothing stale stays selected.
    assert window.selected_place() is None

    qtbot.keyClick(window.tree_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert ui_store.require("place", place["id"])["name"] == "La Cantine"
    assert ui_store.require("visit", visit["id"])
    assert len(ui_store.interviews(visit["id"])) == 1
    assert place_names(window) == ["La Cantine", "Le Hangar"]
    assert ui_store.get("place", other["id"]) is not None

    window.redo_action.trigger()
    settle(qtbot, window)
    assert ui_store.get("place", place["id"]) is None


def test_delete_a_visit_from_the_list_and_undo(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="La Cantine", postcode="35000")
    first = ui_store.create_visit(place["id"], visited_on="2026-04-01")
    second = ui_store.create_visit(place["id"], visited_on="2026-05-01")
    window = make_window()
    select_place(qtbot, window, place["id"])
    assert window.select_visit(first["id"])
    window.visit_view.setFocus()
    qtbot.keyClick(window.visit_view, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert visit_ids(window) == [second["id"]]
    window.undo_stack.undo()
    settle(qtbot, window)
    assert sorted(visit_ids(window)) == sorted([first["id"], second["id"]])


@pytest.mark.parametrize("typed", ["equipe", "équipe", "EQUIPE soud"])
def test_search_with_or_without_accents_jumps_to_the_record(qtbot, make_window, ui_store, typed):
    hangar = ui_store.create_place(name="Le Hangar", postcode="29200", commune="Brest")
    cantine = ui_store.create_place(name="La Cantine", postcode="35000", commune="Rennes")
    ui_store.create_visit(hangar["id"], visited_on="2026-03-01", notes="Rien à signaler.")
    target = ui_store.create_visit(
        cantine["id"], visited_on="2026-04-01", notes="Une équipe soudée, très accueillante."
    )
    window = make_window()
    window.find_action.trigger()
    assert window.search_edit.hasFocus()
    with qtbot.waitSignal(window.search_finished, timeout=5000):
        # One character at a time, as typed (QTest cannot type "é" as a key).
        for char in typed:
            window.search_edit.insert(char)
    settle(qtbot, window)
    assert window.results_view.isVisible()
    hits = window.results_model.hits()
    assert [h.id for h in hits] == [target["id"]]
    # The visit list is filtered to what was found.
    assert visit_ids(window) == [target["id"]]

    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.selected_place()["id"] == cantine["id"]
    assert window.selected_visit()["id"] == target["id"]

    window.search_edit.clear()
    settle(qtbot, window)
    assert not window.results_view.isVisible()


def test_a_search_does_not_close_the_visit_being_edited(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="Le Hangar", postcode="29200")
    mine = ui_store.create_visit(place["id"], visited_on="2026-03-01", notes="rien")
    ui_store.create_visit(place["id"], visited_on="2026-03-02", notes="atelier bois")
    window = make_window()
    select_place(qtbot, window, place["id"])
    assert window.select_visit(mine["id"])
    qtbot.waitUntil(lambda: window.editor.loaded, timeout=5000)
    with qtbot.waitSignal(window.search_finished, timeout=5000):
        window.search_edit.setText("atelier")
    assert mine["id"] not in visit_ids(window)
    assert window.editor.visit_id == mine["id"]


def test_search_field_keys_down_to_results_and_escape_to_clear(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="Le Hangar", postcode="29200")
    visit = ui_store.create_visit(place["id"], visited_on="2026-03-01", notes="atelier bois")
    window = make_window()
    window.focus_search()
    with qtbot.waitSignal(window.search_finished, timeout=5000):
        qtbot.keyClicks(window.search_edit, "atelier")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Down)
    assert window.results_view.hasFocus()
    qtbot.keyClick(window.results_view, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.selected_visit()["id"] == visit["id"]
    window.focus_search()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert window.search_edit.text() == ""
    assert not window.results_view.isVisible()


def test_one_letter_is_not_searched_yet(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="Le Hangar", postcode="29200")
    ui_store.create_visit(place["id"], visited_on="2026-03-01", notes="atelier")
    window = make_window()
    window.search_edit.setText("a")
    settle(qtbot, window)
    assert window.results_label.text() == "Type at least two letters…"
    # The (empty) results pane is laid out already, so the first search does not wait on it.
    assert window.results_view.isVisible() and window.results_model.rowCount() == 0
    assert window.visits_label.text().startswith("All visits")
    with qtbot.waitSignal(window.search_finished, timeout=5000):
        window.search_edit.setText("at")
    assert window.results_label.text() == "1 result(s)"


def test_search_ignores_stale_results(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="Le Hangar", postcode="29200")
    ui_store.create_visit(place["id"], visited_on="2026-03-01", notes="fablab associatif")
    ui_store.create_visit(place["id"], visited_on="2026-03-02", notes="fabrique de quartier")
    window = make_window()
    # Type faster than the lane answers: only the last text's results may show.
    for text in ("f", "fa", "fab", "fabr", "fabri"):
        window.search_edit.setText(text)
    settle(qtbot, window)
    assert [r["notes"] for r in window.visit_model.rows()] == ["fabrique de quartier"]
    assert window.visits_label.text() == "Search results — 1 visit(s)"


def test_window_state_and_last_selection_are_restored(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="La Cantine", postcode="35000")
    visit = ui_store.create_visit(place["id"], visited_on="2026-04-01")
    first = make_window()
    first.resize(777, 555)
    first.main_splitter.setSizes([250, 520])
    select_place(qtbot, first, place["id"])
    first.select_visit(visit["id"])
    first.visit_view.sortByColumn(VisitTableModel.VISITORS, Qt.SortOrder.AscendingOrder)
    sizes = first.main_splitter.sizes()
    first.close()
    assert QSettings().value("main/selection") == node_key("place", place["id"])

    second = make_window()
    assert (second.size().width(), second.size().height()) == (777, 555)
    assert second.main_splitter.sizes() == sizes
    assert second.selected_place()["id"] == place["id"]
    assert second.selected_visit()["id"] == visit["id"]
    assert second.visit_model.sort_column == VisitTableModel.VISITORS


def test_sorting_the_visit_list_by_a_header_click(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="La Cantine", postcode="35000")
    ui_store.create_visit(place["id"], visited_on="2026-04-01", visitors="Zoé")
    ui_store.create_visit(place["id"], visited_on="2026-05-01", visitors="Anne")
    window = make_window()
    header = window.visit_view.horizontalHeader()
    window.visit_view.sortByColumn(VisitTableModel.VISITORS, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == VisitTableModel.VISITORS
    first = window.visit_proxy.index(0, VisitTableModel.VISITORS).data()
    assert first == "Anne"


def test_about_box_shows_the_version(qtbot, window):
    box = window.show_about()
    assert isinstance(box, QMessageBox)
    assert __version__ in box.text()
    box.close()


def test_demo_mission_from_the_empty_state(qtbot, window, ui_store, monkeypatch):
    from fieldkit import demo

    real = demo.build_demo
    # A small demo keeps the test fast; the button runs the same code with the default size.
    monkeypatch.setattr(
        demo,
        "build_demo",
        lambda store, **kw: real(store, places=6, visits=9, interviews=4, photos=0, **kw),
    )
    window.empty_demo_button.click()
    assert window.demo_progress.isVisible()
    qtbot.waitUntil(lambda: window.tree_model.place_count() == 6, timeout=10_000)
    settle(qtbot, window)
    assert window.pages.currentWidget() is window.main_splitter
    assert not window.demo_progress.isVisible()
    assert len(ui_store.places()) == 6


def test_status_bar_shows_pending_changes_and_conflicts(qtbot, window, ui_store):
    assert window.pending_label.text() == "0 change(s) to send"
    assert window.conflicts_label.text() == "0 conflict(s)"
    assert window.online_label.text() == "Offline"
    window.set_online(True)
    window.set_last_sync("12:30")
    assert window.online_label.text() == "Online"
    assert window.last_sync_label.text() == "Last sync: 12:30"
    ui_store.create_place(name="Écrit ailleurs")
    with qtbot.waitSignal(window.status_refreshed, timeout=5000) as blocker:
        window.refresh_status()
    assert blocker.args == [1, 0]
    assert window.pending_label.text() == "1 change(s) to send"


def test_tree_node_keys_roundtrip(window, ui_store, qtbot):
    place = ui_store.create_place(name="Le Hangar", postcode="29200")
    window.reload_tree()
    settle(qtbot, window)
    region = window.tree_model.index_for_key("region:53")
    assert region.data(IdRole) == "53"
    assert window.tree_model.index_for_key(node_key("place", place["id"])).isValid()


def test_import_a_csv_of_places_lists_the_refused_lines(qtbot, window, ui_store, tmp_path):
    csv_file = tmp_path / "lieux.csv"
    csv_file.write_text(
        "nom;code postal;commune\n"
        "Le Hangar;29200;Brest\n"
        "Sans code;99999;Nulle part\n"
        "La Cantine;35000;Rennes\n",
        encoding="utf-8",
    )
    # The first-run button asks for the file with a dialog; the path is given directly here.
    window.import_places_csv(str(csv_file))
    qtbot.waitUntil(lambda: window.import_report is not None, timeout=5000)
    settle(qtbot, window)
    report = window.import_report
    assert report.isVisible()
    assert report.summary_label.text() == "Created: 2 · Updated: 0 · Unchanged: 0"
    assert report.errors_label.text() == "1 line(s) could not be imported:"
    assert report.errors_view.toPlainText().startswith("Line 3: ")
    assert "99999" in report.errors_view.toPlainText()
    assert place_names(window) == ["La Cantine", "Le Hangar"]
    assert window.pages.currentWidget() is window.main_splitter
    report.close()


def test_importing_a_missing_file_says_so_and_changes_nothing(qtbot, window, ui_store, tmp_path):
    window.import_places_csv(str(tmp_path / "absent.csv"))
    qtbot.waitUntil(lambda: window.error_box is not None, timeout=5000)
    assert window.error_box.text() == "This file does not exist."
    assert ui_store.places() == []
    window.error_box.close()


def test_context_menus_act_on_the_row_under_the_mouse(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="La Cantine", postcode="35000")
    visit = ui_store.create_visit(place["id"], visited_on="2026-04-01")
    window = make_window()
    idx = window.tree_model.index_for_key(node_key("place", place["id"]))
    window.tree_view.expand(idx.parent().parent())
    window.tree_view.expand(idx.parent())
    pos = window.tree_view.visualRect(idx).center()
    menu = window.context_menu(window.tree_view, pos, window.tree_context_actions())
    settle(qtbot, window)
    assert window.selected_place()["id"] == place["id"]
    assert menu.actions() == window.tree_context_actions()
    assert all(a.isEnabled() for a in menu.actions())
    menu.close()
    row = window.visit_proxy.mapFromSource(
        window.visit_model.index(window.visit_model.row_of(visit["id"]), 0)
    )
    pos = window.visit_view.visualRect(row).center()
    menu = window.context_menu(window.visit_view, pos, window.visit_context_actions())
    assert window.selected_visit()["id"] == visit["id"]
    assert window.delete_visit_action.isEnabled() and window.new_interview_action.isEnabled()
    menu.close()


def test_a_write_the_store_refuses_shows_why_and_leaves_nothing_to_undo(
    qtbot, make_window, ui_store
):
    place = ui_store.create_place(name="Ti Lab", postcode="29000")
    window = make_window()
    select_place(qtbot, window, place["id"])
    # Another part of the app deletes the place while its edit dialog is open.
    dialog = window.open_place_dialog(window.selected_place())
    ui_store.delete("place", place["id"])
    dialog.name_edit.setText("Ti Lab Quimper")
    dialog.accept()
    qtbot.waitUntil(lambda: window.error_box is not None, timeout=5000)
    settle(qtbot, window)
    assert window.error_box.text() == "This record no longer exists."
    assert not window.undo_stack.canUndo()
    window.error_box.close()


def test_a_load_that_is_stale_when_it_starts_does_not_run(qtbot, make_window, ui_store):
    place = ui_store.create_place(name="Le Hangar", postcode="29200")
    ui_store.create_visit(place["id"], visited_on="2026-03-01")
    window = make_window()
    ran = []
    real_visits = ui_store.visits

    def counting_visits(**kw):
        ran.append(kw)
        return real_visits(**kw)

    ui_store.visits = counting_visits  # the same store, counting the list queries
    gate = threading.Event()
    try:
        window.tasks.run(lambda s: gate.wait(5))  # the lane is busy for a moment
        window.select_node(node_key("region", "53"))
        window.select_node(node_key("departement", "29"))
        window.select_node(node_key("place", place["id"]))
        gate.set()
        settle(qtbot, window)
    finally:
        gate.set()
        del ui_store.visits
    # Three selections while the lane was busy: only the last one's query ran.
    assert ran == [{"place_id": place["id"]}]
    assert [r["place_id"] for r in window.visit_model.rows()] == [place["id"]]


def test_place_dialog_shows_coordinates_as_the_language_writes_them(qtbot, window, ui_store):
    from ui import i18n

    place = ui_store.create_place(name="La Cordée", latitude=43.344, longitude=3.215)
    i18n.set_language("fr")
    dialog = window.open_place_dialog(place)
    assert (dialog.latitude_edit.text(), dialog.longitude_edit.text()) == ("43,344", "3,215")
    assert dialog.changes() == {}  # shown differently, stored the same
    dialog.reject()
    i18n.set_language("en")
    dialog = window.open_place_dialog(place)
    assert dialog.latitude_edit.text() == "43.344"
    dialog.reject()


def test_no_two_window_shortcuts_collide(window):
    """Every part of the app adds actions to this window; an ambiguous key does nothing."""
    from PySide6.QtGui import QAction

    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        if action.shortcutContext() != Qt.ShortcutContext.WindowShortcut:
            continue
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen, f"{key}: {seen.get(key)} and {action.objectName()}"
            seen[key] = action.objectName() or action.text()
    for key in ("Ctrl+N", "Ctrl+Shift+N", "Ctrl+I", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+F", "Ctrl+Q"):
        assert key in seen, key
