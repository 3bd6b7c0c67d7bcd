"""Édition → « Durée de conservation des noms… »: the dry run's preview, then « Appliquer »,
as a person uses them (menus, typing, clicks) and sees them (docs/privacy.md)."""

# ruff: noqa: F811  (pytest fixtures imported from tests.ui.test_main_window)
from __future__ import annotations

import re
import threading
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QWidget

from fieldkit import retention
from fieldkit.privacy import is_label
from fieldkit.store import Store
from tests.privacy_missions import build_common_words, build_one_word, leaks
from tests.ui.test_main_window import (  # noqa: F401 (fixture)
    make_window,
    select_place,
    settle,
)
from ui import i18n
from ui.retention_ui import RetentionDialog


def snapshot(store: Store) -> list[Any]:
    """Every stored row a retention could write, to see that nothing was."""
    rows: list[Any] = []
    for table in ("interviews", "visits", "photos", "places", "settings"):
        rows += [tuple(r) for r in store.conn.execute(f"SELECT * FROM {table} ORDER BY 1")]
    return rows


def open_from_menu(qtbot, window) -> RetentionDialog:
    """Alt+E opens the Edit menu (Édition); the action's access key opens the dialog."""
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    menu: QMenu = window.edit_menu
    qtbot.waitUntil(menu.isVisible, timeout=5000)
    action = window.retention_action
    key = re.search(r"&(\w)", action.text()).group(1)
    QTest.keyClick(menu, key)
    qtbot.waitUntil(lambda: action.dialog is not None and action.dialog.isVisible(), timeout=5000)
    dialog = action.dialog
    qtbot.waitUntil(lambda: dialog.apply_button.isEnabled(), timeout=10_000)
    return dialog


def click(widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_date(dialog: RetentionDialog, text: str) -> None:
    """Click in the field, clear the day, type the digits: each section then moves on."""
    edit = dialog.date_edit
    click(edit)
    QTest.keyClick(edit, Qt.Key.Key_Home)
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text.replace("/", ""))
    assert edit.text() == text


def wait_idle(qtbot, window, dialog: RetentionDialog) -> None:
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def test_preview_then_apply_from_the_edit_menu(qtbot, make_window, ui_store):
    mission = build_common_words(ui_store)
    window = make_window()
    # The visit is open behind the dialog: its interviews tab shows the names.
    select_place(qtbot, window, mission.ids["place"])
    assert window.select_visit(mission.ids["visit"])
    model = window.editor.interviews.model

    def names_shown() -> list[str]:
        return [model.data(model.index(row, 0)) for row in range(model.rowCount())]

    qtbot.waitUntil(lambda: "Rose Martin" in names_shown(), timeout=10_000)
    dialog = open_from_menu(qtbot, window)
    shown = dialog.preview_text.toPlainText()
    # Counts per kind of change and samples, as the dry run lists them.
    assert "6 change(s)" not in shown  # more than the six names: full names in the notes
    assert re.search(r"\b6\s+Interview: name replaced by its pseudonym", shown)
    assert "Visit notes: full name replaced" in shown
    assert "Samples (as they will read):" in shown
    assert "Usager·ère n°" in shown or "Élu·e n°" in shown
    assert leaks(shown, mission, hide_all=True) == []
    assert not dialog.clear_button.isEnabled()  # no date yet

    type_date(dialog, "01/01/2026")  # before the store's clock (15/10/2026): due now
    assert "The date has come" in dialog.preview_text.toPlainText()
    click(dialog.apply_button)
    wait_idle(qtbot, window, dialog)
    status = dialog.status_label.text()
    assert "change(s) applied" in status and "6 name(s) replaced" in status
    assert "Left untouched" in status
    assert retention.get_date(ui_store) == "2026-01-01"
    names = [r["person_name"] for r in ui_store.conn.execute("SELECT * FROM interviews")]
    assert all(is_label(n) for n in names), names
    notes = ui_store.get("visit", mission.ids["visit"])["notes"]
    for phrase in ("la pierre rose", "Saint-Martin", "Jean de La Fontaine"):
        assert phrase in notes
    # The preview is read again: nothing is left to replace.
    assert "Nothing to replace" in dialog.preview_text.toPlainText()
    assert "Retention date set now: 01/01/2026." in dialog.current_label.text()
    assert window.undo_stack.count() == 0
    # The open visit redraws: its interviews tab shows the pseudonyms.
    qtbot.waitUntil(lambda: all(is_label(n) for n in names_shown()), timeout=10_000)


def test_close_writes_nothing(qtbot, make_window, ui_store):
    build_common_words(ui_store)
    window = make_window()
    before = snapshot(ui_store)
    dialog = open_from_menu(qtbot, window)
    type_date(dialog, "01/01/2026")
    click(dialog.close_button)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    settle(qtbot, window)
    assert snapshot(ui_store) == before


def test_a_future_date_is_set_then_removed_and_rewrites_nothing(qtbot, make_window, ui_store):
    mission = build_common_words(ui_store)
    window = make_window()
    dialog = open_from_menu(qtbot, window)
    # A change after the preview: the date still goes in, since nothing is rewritten now.
    ui_store.create_interview(mission.ids["visit"], person_name="Gaëlle Rousseau")
    names = [r["person_name"] for r in ui_store.conn.execute("SELECT * FROM interviews")]
    type_date(dialog, "01/03/2027")
    assert "From 01/03/2027, outputs show pseudonyms only" in dialog.preview_text.toPlainText()
    click(dialog.apply_button)
    wait_idle(qtbot, window, dialog)
    assert "Nothing stored was rewritten yet" in dialog.status_label.text()
    assert retention.get_date(ui_store) == "2027-03-01"
    assert [r["person_name"] for r in ui_store.conn.execute("SELECT * FROM interviews")] == names
    click(dialog.clear_button)
    wait_idle(qtbot, window, dialog)
    assert retention.get_date(ui_store) is None
    assert "removed" in dialog.status_label.text()
    assert not dialog.clear_button.isEnabled()
    assert "No retention date is set" in dialog.current_label.text()


def test_a_change_after_the_preview_is_not_applied_unseen(qtbot, make_window, ui_store):
    mission = build_common_words(ui_store)
    window = make_window()
    dialog = open_from_menu(qtbot, window)
    ui_store.create_interview(mission.ids["visit"], person_name="Gaëlle Rousseau")
    type_date(dialog, "01/01/2026")
    click(dialog.apply_button)
    wait_idle(qtbot, window, dialog)
    assert "nothing was written" in dialog.status_label.text()
    assert retention.get_date(ui_store) is None
    assert re.search(r"\b7\s+Interview: name replaced", dialog.preview_text.toPlainText())
    assert not any(
        is_label(r["person_name"]) for r in ui_store.conn.execute("SELECT * FROM interviews")
    )


def test_the_preview_of_one_word_names_shows_none(qtbot, make_window, ui_store):
    mission = build_one_word(ui_store)
    window = make_window()
    dialog = open_from_menu(qtbot, window)
    shown = dialog.preview_text.toPlainText()
    assert re.search(r"\b3\s+Interview: name replaced", shown)
    assert leaks(shown, mission, hide_all=True) == []


def access_keys(dialog: QWidget) -> list[str]:
    texts = [
        w.text()
        for w in dialog.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLabel) and w.isVisible()
    ]
    return [m.group(1).lower() for t in texts for m in [re.search(r"&(\w)", t)] if m]


def menu_keys(menu: QMenu) -> list[str]:
    return [
        m.group(1).lower() for a in menu.actions() for m in [re.search(r"&(\w)", a.text())] if m
    ]


def test_french_first_follows_a_language_switch(qtbot, make_window, ui_store):
    build_common_words(ui_store)
    window = make_window()
    assert menu_keys(window.edit_menu).count("t") == 1  # Name re&tention…
    dialog = open_from_menu(qtbot, window)
    english = access_keys(dialog)
    assert len(english) == len(set(english)) >= 5, english
    i18n.set_language("fr")
    assert menu_keys(window.edit_menu).count("c") == 1  # Durée de &conservation…
    assert dialog.windowTitle() == "Durée de conservation des noms"
    assert dialog.apply_button.text() == "&Appliquer"
    assert window.retention_action.text() == "Durée de &conservation des noms…"
    assert "Échantillons" in dialog.preview_text.toPlainText()
    assert dialog.date_edit.accessibleName() == "Date de conservation"
    french = access_keys(dialog)
    assert len(french) == len(set(french)) >= 5, french
    for widget in (dialog.date_edit, dialog.preview_text, dialog.apply_button):
        assert widget.accessibleName()
    QApplication.processEvents()


def test_while_it_works_the_dialog_says_so_and_stays(qtbot, make_window, ui_store):
    build_common_words(ui_store)
    window = make_window()
    dialog = open_from_menu(qtbot, window)
    type_date(dialog, "01/01/2026")
    # Another job holds the database lane: the apply waits behind it.
    release = threading.Event()
    window.tasks.run(lambda _store: release.wait(30), name="held")
    click(dialog.apply_button)
    assert dialog.busy_bar.isVisible()
    assert dialog.status_label.text() == "Applying…"
    assert not dialog.apply_button.isEnabled() and not dialog.date_edit.isEnabled()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # Esc does not leave a write unseen
    assert dialog.isVisible()
    release.set()
    wait_idle(qtbot, window, dialog)
    assert not dialog.busy_bar.isVisible()
    assert "change(s) applied" in dialog.status_label.text()
