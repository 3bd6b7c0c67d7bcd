"""Every window and dialog, opened as a person opens it (menus from the keyboard, clicks),
is walked in English and in French (issue 26, items 5 and 9):

- every widget that takes the focus has an accessible name (what a screen reader says);
- no access key (Alt+letter) reaches two things in one window, nor a letter two items of
  one menu;
- switching the language while the dialog is open changes its texts.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QWidget,
)

from fieldkit.paths import Home
from tests.ui.access_checks import access_key_clashes, unnamed_focusable
from ui import i18n
from ui.main_window import MainWindow
from ui.models import VisitTableModel


def settle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)


@pytest.fixture
def window(qtbot, ui_store, home):
    place = ui_store.create_place(name="La Cantine", postcode="35000", commune="Rennes")
    visit = ui_store.create_visit(place["id"], visited_on="2026-04-01", notes="Accueil")
    ui_store.create_interview(visit["id"], person_name="Dana")
    w = MainWindow(ui_store, home)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitActive(w):
        w.activateWindow()
    settle(qtbot, w)
    view = w.visit_view
    rect = view.visualRect(view.model().index(0, VisitTableModel.PLACE))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: w.editor.loaded)
    yield w
    for widget in QApplication.topLevelWidgets():
        if widget is not w and widget.isVisible():
            widget.close()
    w.close()
    w.tasks.wait(5000)


def menu_holding(window: MainWindow, action: QAction) -> QMenu:
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is not None and action in menu.actions():
            return menu
    raise AssertionError(f"{action.objectName()} is in no menu")


def choose_from_menu(qtbot, window: MainWindow, action: QAction) -> None:
    """Alt+the menu's letter, ↓ until the action is lit, Enter: as a person does."""
    menu = menu_holding(window, action)
    key = QKeySequence.mnemonic(menu.title())
    assert not key.isEmpty(), menu.title()
    combo = key[0]
    target = window.focusWidget() or window
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu, timeout=5000)
    for _ in range(len(menu.actions()) + 1):
        if menu.activeAction() is action:
            break
        QTest.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is action, action.text()
    QTest.keyClick(menu, Qt.Key.Key_Return)


def new_top_level(qtbot, before: set[QWidget]) -> QWidget:
    found: list[QWidget] = []

    def appeared() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in before]
        return bool(found)

    qtbot.waitUntil(appeared, timeout=10_000)
    return found[0]


def texts_of(widget: QWidget) -> list[str]:
    """What a person reads in a window: its title, its labels and its buttons."""
    texts = [widget.windowTitle()]
    if isinstance(widget, QMessageBox):
        texts.append(widget.text())
    texts += [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() for w in widget.findChildren(QAbstractButton) if w.isVisible()]
    return texts


def walk(window: QWidget) -> list[str]:
    """The problems of ``window`` in English then in French."""
    problems = []
    for lang in ("en", "fr"):
        i18n.set_language(lang)
        problems += [f"[{lang}] {p}" for p in unnamed_focusable(window)]
        problems += [f"[{lang}] {p}" for p in access_key_clashes(window)]
    i18n.set_language("en")
    return problems


def test_the_main_window_and_its_tabs_are_named_and_keyed(qtbot, window):
    problems = []
    tabs = window.editor.tabs
    for index in range(tabs.count()):
        bar = tabs.tabBar()
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        assert tabs.currentIndex() == index
        problems += [f"tab {index}: {p}" for p in walk(window)]
    assert problems == []


def test_shift_f10_opens_the_context_menu_of_the_focused_view(qtbot, window):
    for view, actions in (
        (window.tree_view, window.tree_context_actions()),
        (window.visit_view, window.visit_context_actions()),
    ):
        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
        menu = QApplication.activePopupWidget()
        assert menu.actions() == actions
        QTest.keyClick(menu, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
        QTest.keyClick(view, Qt.Key.Key_Menu)
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
        QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def open_by_menu(qtbot, window: MainWindow, action: QAction) -> QWidget:
    before = set(QApplication.topLevelWidgets())
    choose_from_menu(qtbot, window, action)
    return new_top_level(qtbot, before)


def action_named(window: MainWindow, name: str) -> QAction:
    [action] = [a for a in window.findChildren(QAction) if a.objectName() == name]
    return action


DIALOGS_BY_MENU = [
    "newPlaceAction",
    "loginAction",
    "pendingAction",
    "conflictsAction",
    "checkSentAction",
    "visitHistoryAction",
    "eraseVisitAction",
    "encryptionAction",
    "reportsAction",
    "mapAction",
]


@pytest.mark.parametrize("action_name", DIALOGS_BY_MENU)
def test_each_dialog_is_named_keyed_and_follows_the_language(qtbot, window, action_name):
    dialog = open_by_menu(qtbot, window, action_named(window, action_name))
    settle(qtbot, window)
    english = texts_of(dialog)
    assert walk(dialog) == []
    i18n.set_language("fr")
    french = texts_of(dialog)
    assert french != english, action_name
    if isinstance(dialog, QMessageBox):
        assert french[1] != english[1], "its message stayed in English"
    else:
        assert french[0] != english[0], "its title stayed in English"
    if isinstance(dialog, QDialog):
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
    else:
        dialog.close()


def test_the_interview_form_is_named_and_keyed(qtbot, window):
    tabs = window.editor.tabs
    bar = tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    before = set(QApplication.topLevelWidgets())
    QTest.mouseClick(window.editor.interviews.add_button, Qt.MouseButton.LeftButton)
    dialog = new_top_level(qtbot, before)
    assert walk(dialog) == []
    QTest.keyClick(dialog, Qt.Key.Key_Escape)


def test_the_welcome_page_is_named_and_keyed(qtbot, home, clock):
    from fieldkit.store import Store

    fresh = Home(home.root.parent / "empty").ensure()
    store = Store.open(fresh, user="agent-bzh", clock=clock, check_same_thread=False)
    w = MainWindow(store, fresh)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    settle(qtbot, w)
    assert w.pages.currentWidget() is w.empty_page
    try:
        assert walk(w) == []
    finally:
        w.close()
        w.tasks.wait(5000)
        store.close()
