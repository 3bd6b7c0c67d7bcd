"""Journeys through the visit list, as a person makes them: clicks and keys only.

Each test starts the main window as tests/ui/test_main_window.py does, shows it, and then
acts only through mouse and key events on visible widgets; it checks only what a person
sees (enabled actions, the focused widget, the text shown) and what is stored.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from ui.main_window import MainWindow
from ui.models import VisitIdRole, VisitTableModel


def settle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)


@pytest.fixture
def window(qtbot, ui_store, home):
    place = ui_store.create_place(name="La Cantine", postcode="35000", commune="Rennes")
    ui_store.create_visit(place["id"], visited_on="2026-04-01", notes="Première visite")
    ui_store.create_visit(place["id"], visited_on="2026-05-12", notes="Deuxième visite")
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


def row_center(window: MainWindow, row: int):
    view = window.visit_view
    return view.visualRect(view.model().index(row, VisitTableModel.PLACE)).center()


def click_visit_row(qtbot, window: MainWindow, row: int) -> str:
    view = window.visit_view
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=row_center(window, row))
    settle(qtbot, window)
    return view.model().index(row, 0).data(VisitIdRole)


def visit_actions(window: MainWindow):
    return (
        window.new_interview_action,
        window.import_photos_action,
        window.delete_visit_action,
        window.visit_history_action,
        window.erase_visit_action,
    )


def open_context_menu_with_keys(qtbot, widget: QWidget) -> QMenu:
    QTest.keyClick(widget, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def test_a_click_on_a_visit_row_enables_every_action_on_that_visit(qtbot, window):
    view = window.visit_view
    assert view.model().rowCount() == 2
    clicked = click_visit_row(qtbot, window, 1)
    qtbot.waitUntil(lambda: window.editor.loaded and window.editor.visit_id == clicked)
    for action in visit_actions(window):
        assert action.isEnabled(), action.objectName()
    # The toolbar shows them enabled too.
    for action in (window.new_interview_action, window.import_photos_action):
        button = window.toolbar.widgetForAction(action)
        if button is not None:
            assert button.isEnabled()
    # The context menu of the list (opened from the keyboard) offers them enabled.
    view.setFocus()
    menu = open_context_menu_with_keys(qtbot, view)
    shown = {a.objectName(): a.isEnabled() for a in menu.actions() if not a.isSeparator()}
    for action in visit_actions(window):
        assert shown[action.objectName()], action.objectName()
    QTest.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    # ↑ moves to the other visit: still enabled, and they act on that visit now.
    QTest.keyClick(view, Qt.Key.Key_Up)
    settle(qtbot, window)
    other = view.model().index(0, 0).data(VisitIdRole)
    qtbot.waitUntil(lambda: window.editor.visit_id == other)
    assert all(a.isEnabled() for a in visit_actions(window))
    # A second click, back on the first row, leaves them enabled as well.
    click_visit_row(qtbot, window, 1)
    assert all(a.isEnabled() for a in visit_actions(window))


def test_tab_leaves_the_visit_list_without_opening_another_visit(qtbot, window):
    view = window.visit_view
    shown = click_visit_row(qtbot, window, 0)
    qtbot.waitUntil(lambda: window.editor.loaded and window.editor.visit_id == shown)
    assert QApplication.focusWidget() is view
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view
    assert window.editor.isAncestorOf(QApplication.focusWidget())
    assert view.currentIndex().row() == 0
    assert window.editor.visit_id == shown


def test_a_visit_created_and_written_with_the_keyboard_alone(qtbot, window, ui_store):
    view = window.visit_view
    # Tab from wherever the focus is to the visit list, ↓ to its first visit.
    for _ in range(10):
        if QApplication.focusWidget() is view:
            break
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view
    QTest.keyClick(view, Qt.Key.Key_Down)
    settle(qtbot, window)
    first = view.currentIndex().siblingAtColumn(0).data(VisitIdRole)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.loaded and editor.visit_id == first)
    day = ui_store.require("visit", first)["visited_on"]  # e.g. 2026-05-12
    assert editor.date_label.text().endswith("/".join(reversed(day.split("-"))))
    before = {v["id"]: v["notes"] for v in ui_store.visits()}

    # Ctrl+N: a new visit, and the focus goes to its form (its first field).
    QTest.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    [new_id] = {v["id"] for v in ui_store.visits()} - set(before)
    qtbot.waitUntil(lambda: editor.loaded and editor.visit_id == new_id)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.waitUntil(lambda: editor.form.isAncestorOf(QApplication.focusWidget()))
    # The header says which visit this is: today's, by the store's clock.
    assert editor.date_label.text().endswith("15/10/2026")

    # Tab through the form to the notes, and type them.
    for _ in range(10):
        focused = QApplication.focusWidget()
        if focused is editor.form.notes:
            break
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.form.notes
    QTest.keyClicks(editor.form.notes, "Notes tapees au clavier")
    qtbot.waitUntil(
        lambda: ui_store.require("visit", new_id)["notes"] == "Notes tapees au clavier",
        timeout=5000,
    )
    settle(qtbot, window)
    # Stored on that visit, and on no other.
    assert {v["id"]: v["notes"] for v in ui_store.visits() if v["id"] != new_id} == before
