"""The visit editor's "Visit" tab: autosave, flush on switch/close, validation, undo."""
# ruff: noqa: F811  (pytest fixtures imported from tests.ui.editor_fixtures)

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow

from tests.ui.editor_fixtures import (  # noqa: F401 (fixtures)
    db,
    editor,
    lane_store,
    open_visit,
    tasks,
    two_visits,
    type_text,
    undo_stack,
)
from ui import editor_commands
from ui.editor_commands import EditorContext, UpdateCommand
from ui.visit_editor import VisitEditor


def test_many_signal_emits_do_not_kill_the_interpreter():
    # shiboken6 takes a reference to True away on every emit/connect (Python 3.11):
    # importing the editor must make that harmless, or the app aborts after ~1000 emits.
    code = (
        "import ui.visit_editor\n"
        "from PySide6.QtCore import QCoreApplication, QObject, Signal\n"
        "class O(QObject):\n"
        "    s = Signal(object)\n"
        "app = QCoreApplication([])\n"
        "o = O()\n"
        "o.s.connect(lambda v: None)\n"
        "for i in range(20_000):\n"
        "    o.s.emit(i)\n"
        "print('survived')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "survived" in result.stdout


def notes_of(db, visit_id):
    return db.get("visit", visit_id)["notes"]


def test_no_visit_shows_a_helpful_empty_state(qtbot, editor):
    editor.set_visit(None)
    assert editor.stack.currentWidget() is editor.empty
    assert "No visit selected" in editor.empty.text()
    assert "Ctrl+N" in editor.empty.text()
    # The contract calls are harmless without a visit.
    assert editor.flush() is True
    editor.new_interview()
    editor.import_photos()
    assert editor.interviews.dialog is None


def test_loading_a_visit_fills_the_form(qtbot, editor, two_visits):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    assert editor.stack.currentIndex() == 1 and editor.tabs.isEnabled()
    assert editor.title.text() == "La Cordée Béziers"
    assert "Béziers" in editor.subtitle.text() and "34" in editor.subtitle.text()
    assert editor.form.visited_on.date() == QDate(2026, 10, 1)
    assert editor.form.visitors.text() == "Anne"
    assert editor.form.status.currentData() == "draft"


def test_typed_notes_are_autosaved_and_still_there_after_switching_away(
    qtbot, editor, db, two_visits
):
    first, second = two_visits
    open_visit(qtbot, editor, first)
    with qtbot.waitSignal(editor.visit_saved, timeout=5000) as saved:
        type_text(editor.form.notes, "Espace très vivant, 40 coworkers.")
        assert editor.save_state.text() == "Saving…"
    assert saved.args == [first]
    qtbot.waitUntil(lambda: notes_of(db, first) == "Espace très vivant, 40 coworkers.")
    qtbot.waitUntil(lambda: editor.save_state.text() == "Saved")

    open_visit(qtbot, editor, second)
    assert editor.form.notes.toPlainText() == ""
    open_visit(qtbot, editor, first)
    assert editor.form.notes.toPlainText() == "Espace très vivant, 40 coworkers."


def test_switching_visit_saves_what_was_typed_a_moment_ago(qtbot, editor, db, two_visits):
    first, second = two_visits
    open_visit(qtbot, editor, first)
    type_text(editor.form.notes, "Tapé juste avant")
    type_text(editor.form.visitors, ", Jo")
    editor.set_visit(second)  # no wait: the save must already be done
    row = db.get("visit", first)
    assert row["notes"] == "Tapé juste avant"
    assert row["visitors"] == "Anne, Jo"


def test_closing_saves_text_typed_less_than_a_second_ago(qtbot, editor, db, two_visits):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    type_text(editor.form.summary, "Dernière phrase")
    assert db.get("visit", first)["summary"] == ""  # not saved yet: the debounce is running
    editor.close()
    assert db.get("visit", first)["summary"] == "Dernière phrase"


def test_flush_returns_true_once_everything_is_saved(qtbot, editor, db, two_visits):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    type_text(editor.form.notes, "abc")
    assert editor.flush() is True
    assert notes_of(db, first) == "abc"
    assert editor.save_state.text() == "Saved"


def test_flush_waits_for_an_autosave_already_handed_to_the_database(qtbot, editor, db, two_visits):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    type_text(editor.form.notes, "en route")
    editor._save_pending()  # what the autosave timer does: the write is queued, not done
    assert editor.flush() is True
    assert notes_of(db, first) == "en route"


def test_continuous_typing_is_saved_without_waiting_for_a_pause(qtbot, editor, db, two_visits):
    # A killed process loses at most about the last second, even mid-sentence.
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    typed = ""
    saved_while_typing = False
    for ch in "on tape sans s'arrêter pendant un moment":
        type_text(editor.form.notes, ch)
        typed += ch
        qtbot.wait(80)  # the pace of someone typing; never a pause of a whole second
        if notes_of(db, first):
            saved_while_typing = True
            break
    assert saved_while_typing
    assert typed.startswith(notes_of(db, first))


def test_status_and_date_changes_are_saved(qtbot, editor, db, two_visits):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    editor.form.status.setCurrentIndex(editor.form.status.findData("final"))
    editor.form.visited_on.setDate(QDate(2026, 9, 30))
    qtbot.waitUntil(lambda: db.get("visit", first)["status"] == "final", timeout=5000)
    assert db.get("visit", first)["visited_on"] == "2026-09-30"


def test_an_implausible_date_is_shown_next_to_the_field_and_nothing_is_lost(
    qtbot, editor, db, two_visits
):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    editor.form.visited_on.setDate(QDate(1990, 5, 1))
    type_text(editor.form.visitors, " et Louise")
    error = editor.form.errors["visited_on"]
    qtbot.waitUntil(error.isVisible, timeout=5000)
    assert "01/05/1990" in error.text() and "plausible" in error.text()
    # The other change of the same batch is saved; the bad date is not, and stays shown.
    qtbot.waitUntil(lambda: db.get("visit", first)["visitors"] == "Anne et Louise", timeout=5000)
    assert db.get("visit", first)["visited_on"] == "2026-10-01"
    assert editor.form.visited_on.date() == QDate(1990, 5, 1)
    assert editor.save_state.text() == "Not saved"
    assert editor.flush() is False  # the shell can warn before closing

    editor.form.visited_on.setDate(QDate(2026, 5, 1))
    qtbot.waitUntil(lambda: db.get("visit", first)["visited_on"] == "2026-05-01", timeout=5000)
    assert not error.isVisible()
    qtbot.waitUntil(lambda: editor.save_state.text() == "Saved")


def test_flush_keeps_a_refused_field_on_screen_and_saves_the_others(qtbot, editor, db, two_visits):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    editor.form.visited_on.setDate(QDate(1999, 12, 31))
    type_text(editor.form.notes, "gardé")
    assert editor.flush() is False
    assert notes_of(db, first) == "gardé"
    assert editor.form.errors["visited_on"].isVisible()
    assert editor.form.visited_on.date() == QDate(1999, 12, 31)


def test_ctrl_z_in_the_notes_undoes_the_last_burst_of_typing(
    qtbot, editor, db, two_visits, undo_stack
):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    type_text(editor.form.notes, "Première idée")
    assert undo_stack.count() == 1  # every keystroke merged into one step
    assert undo_stack.undoText() == "Edit notes"
    qtbot.keyClick(editor.form.notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.form.notes.toPlainText() == ""
    qtbot.waitUntil(lambda: undo_stack.index() == 0)
    editor.flush()
    assert notes_of(db, first) == ""  # the pending autosave did not write it back

    qtbot.keyClick(
        editor.form.notes,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: editor.form.notes.toPlainText() == "Première idée", timeout=5000)
    qtbot.waitUntil(lambda: notes_of(db, first) == "Première idée", timeout=5000)


def test_ctrl_z_undoes_once_even_when_the_window_has_an_undo_shortcut(
    qtbot, tasks, home, undo_stack, two_visits
):
    # The shell's Édition → Annuler action has Ctrl+Z too: one press, one undo step.
    first, _ = two_visits
    window = QMainWindow()
    qtbot.addWidget(window)
    undo_action = undo_stack.createUndoAction(window)
    undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
    window.addAction(undo_action)
    editor = VisitEditor(tasks, home, undo_stack)
    window.setCentralWidget(editor)
    window.show()
    open_visit(qtbot, editor, first)
    type_text(editor.form.summary, "résumé")
    type_text(editor.form.notes, "notes")
    assert undo_stack.count() == 2
    editor.activateWindow()
    editor.form.notes.setFocus()
    qtbot.waitUntil(editor.form.notes.hasFocus, timeout=5000)
    qtbot.keyClick(editor.form.notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert undo_stack.index() == 1
    assert editor.form.notes.toPlainText() == ""
    assert editor.form.summary.toPlainText() == "résumé"
    window.close()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=5000)


def test_undo_from_the_shell_while_an_autosave_is_pending(
    qtbot, editor, db, two_visits, undo_stack
):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    type_text(editor.form.visitors, " + Zoé")
    undo_stack.undo()  # e.g. Édition → Annuler, with the autosave timer still running
    qtbot.waitUntil(lambda: editor.form.visitors.text() == "Anne", timeout=5000)
    editor.flush()
    assert db.get("visit", first)["visitors"] == "Anne"


def test_edits_of_different_fields_are_separate_undo_steps(
    qtbot, editor, db, two_visits, undo_stack
):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    type_text(editor.form.notes, "n")
    type_text(editor.form.summary, "s")
    type_text(editor.form.notes, "m")
    assert undo_stack.count() == 3
    undo_stack.undo()
    qtbot.waitUntil(lambda: editor.form.notes.toPlainText() == "n", timeout=5000)
    assert editor.form.summary.toPlainText() == "s"


def test_undo_of_an_edit_of_another_visit_writes_it_without_touching_the_form(
    qtbot, editor, db, two_visits, undo_stack
):
    first, second = two_visits
    open_visit(qtbot, editor, first)
    type_text(editor.form.notes, "pour la première")
    open_visit(qtbot, editor, second)
    with qtbot.waitSignal(editor.visit_saved, timeout=5000) as saved:
        undo_stack.undo()
    assert saved.args == [first]
    assert notes_of(db, first) == ""
    assert editor.form.notes.toPlainText() == ""  # the second visit's (empty) notes


def test_typing_merges_only_within_a_burst(qtbot, tasks):
    # Pure command logic, with a clock the test moves.
    now = [100.0]
    ctx = EditorContext(tasks, applied=lambda *a: None, failed=lambda e: None, clock=lambda: now[0])

    def edit(before, after):
        return UpdateCommand(
            ctx,
            "Edit notes",
            "visit",
            "v1",
            "v1",
            {"notes": before},
            {"notes": after},
            applied=True,
            mergeable=True,
        )

    first = edit("", "a")
    now[0] += 0.5
    assert first.mergeWith(edit("a", "ab"))
    assert first.after == {"notes": "ab"} and first.before == {"notes": ""}
    now[0] += editor_commands.MERGE_PAUSE_S + 0.5
    assert not first.mergeWith(edit("ab", "abc"))  # a pause starts a new undo step
    ctx.session += 1
    now[0] += 0.1
    second = edit("ab", "abc")
    ctx.session += 1
    assert not second.mergeWith(edit("abc", "abcd"))  # the person moved to another field


def test_same_visit_again_does_not_reload_under_the_cursor(qtbot, editor, two_visits):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    type_text(editor.form.notes, "en cours")
    cursor = editor.form.notes.textCursor().position()
    editor.set_visit(first)
    assert editor.loaded
    assert editor.form.notes.textCursor().position() == cursor


def test_reload_keeps_what_was_just_typed(qtbot, editor, db, two_visits):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    type_text(editor.form.notes, "avant la synchro")
    editor.reload()
    qtbot.waitUntil(lambda: editor.loaded, timeout=5000)
    assert editor.form.notes.toPlainText() == "avant la synchro"
    assert notes_of(db, first) == "avant la synchro"


def test_leaving_a_visit_with_a_refused_date_says_so(qtbot, editor, two_visits):
    first, second = two_visits
    open_visit(qtbot, editor, first)
    editor.form.visited_on.setDate(QDate(1980, 1, 1))
    with qtbot.waitSignal(editor.message, timeout=5000) as said:
        editor.set_visit(second)
    assert "not saved" in said.args[0]


def test_a_deleted_visit_says_so(qtbot, editor, db, two_visits):
    first, _ = two_visits
    db.delete("visit", first)
    editor.set_visit(first)
    qtbot.waitUntil(lambda: editor.stack.currentWidget() is editor.empty, timeout=5000)
    qtbot.waitUntil(lambda: "no longer exists" in editor.empty.text(), timeout=5000)
