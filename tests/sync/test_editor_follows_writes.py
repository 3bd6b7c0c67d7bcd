"""Open editors follow writes made underneath them (a sync, a resolved conflict, another
program), against the real server on loopback, with the real main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from fieldkit.store import Store
from fieldkit.sync import login
from tests.sync.conftest import Device
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401
from tests.ui.editor_fixtures import type_text

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def settle(qtbot, tasks):
    qtbot.waitUntil(lambda: tasks.pending <= 1, timeout=15_000)  # the watcher may be asking


@pytest.fixture
def window(qtbot, live_server, home):
    from ui.main_window import MainWindow

    store = Store.open(home, user="coordinator", check_same_thread=False)
    login(store, live_server.url, "coordinator", "coord-pass-1")
    win = MainWindow(store, home)
    win.sync_ui.controller.client_options = {"retry_delays": (0.01, 0.02)}
    qtbot.addWidget(win)
    win.show()
    # The window reads its sync state in the background; « Synchroniser » before that
    # would open the sign-in dialog instead.
    qtbot.waitUntil(lambda: win.sync_ui.controller.logged_in, timeout=10_000)
    yield win
    win.close()
    win.tasks.wait(10_000)
    store.close()


def sync(qtbot, window):
    with qtbot.waitSignal(window.sync_ui.controller.finished, timeout=30_000) as done:
        window.sync_ui.sync_now()
    return done.args[0]


def open_visit(qtbot, window, place_id, visit_id):
    window.jump_to(place_id, visit_id)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.loaded and editor.visit_id == visit_id, timeout=15_000)
    return editor


def type_at_end(editor, text):
    notes = editor.form.notes
    notes.setFocus()
    cursor = notes.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    notes.setTextCursor(cursor)
    type_text(notes, text)


def test_resolve_then_type_keeps_the_merge(qtbot, live_server, tmp_path, window):
    anne = Device(live_server, tmp_path, "agent-bzh", name="anne")
    place = anne.store.create_place(name="Le Bocal", postcode="29200")
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-01", notes="Avant")
    anne.sync()
    sync(qtbot, window)
    editor = open_visit(qtbot, window, place["id"], visit["id"])
    assert editor.form.notes.toPlainText() == "Avant"

    # Both laptops edit the same notes; the coordinator syncs second and gets a conflict.
    anne.store.update("visit", visit["id"], {"notes": "Texte d'Anne"})
    anne.sync()
    editor.form.notes.selectAll()
    type_text(editor.form.notes, "Texte coordination")
    assert editor.flush()
    summary = sync(qtbot, window)
    assert summary.conflicts == 1
    dialog = window.sync_ui.conflicts_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.model.rowCount() == 1, timeout=10_000)
    [choice] = dialog.choices
    merged = "Texte d'Anne\nTexte coordination"
    choice.result_edit.setPlainText(merged)
    with qtbot.waitSignal(dialog.resolved, timeout=10_000):
        qtbot.mouseClick(dialog.resolve_button, Qt.MouseButton.LeftButton)
    dialog.close()

    # The editor behind the dialog shows the merge, then three more keystrokes.
    qtbot.waitUntil(lambda: editor.form.notes.toPlainText() == merged, timeout=10_000)
    type_at_end(editor, "abc")
    assert editor.flush()
    stored = window.tasks.call(lambda s: s.require("visit", visit["id"]))
    assert stored["notes"] == merged + "abc"

    sync(qtbot, window)
    anne.sync()
    assert anne.store.require("visit", visit["id"])["notes"] == merged + "abc"
    assert live_server.state.sync.history("visit", visit["id"])[-1]["fields"]["notes"] == (
        merged + "abc"
    )
    anne.close()


def test_a_write_by_another_program_merges_with_unsaved_typing(qtbot, live_server, window, home):
    other = Store.open(home, user="coordinator")  # the CLI, in a terminal, same data dir
    place = other.create_place(name="La Cantine", postcode="35000")
    visit = other.create_visit(
        place["id"], visited_on="2026-10-01", notes="Premier paragraphe.\nDeuxième paragraphe."
    )
    with qtbot.waitSignal(window.tree_loaded, timeout=10_000):
        window.reload_tree()
    editor = open_visit(qtbot, window, place["id"], visit["id"])

    # Untouched in the editor: the new value just shows.
    other.update("visit", visit["id"], {"summary": "Résumé écrit ailleurs"})
    qtbot.waitUntil(
        lambda: editor.form.summary.toPlainText() == "Résumé écrit ailleurs", timeout=10_000
    )

    # Typing not yet saved, and another program rewrites the first paragraph: both kept.
    editor._debounce.setInterval(60_000)
    editor._deadline.setInterval(60_000)
    type_at_end(editor, " Fin.")
    other.update("visit", visit["id"], {"notes": "Premier paragraphe, revu.\nDeuxième paragraphe."})
    expected = "Premier paragraphe, revu.\nDeuxième paragraphe. Fin."
    qtbot.waitUntil(lambda: editor.form.notes.toPlainText() == expected, timeout=10_000)
    assert editor.flush()
    assert other.require("visit", visit["id"])["notes"] == expected

    # Overlapping edits: the stored text shows, the typing goes to the conflicts.
    type_at_end(editor, " Mien")
    other.update("visit", visit["id"], {"notes": expected + " Autre"})
    qtbot.waitUntil(lambda: editor.form.notes.toPlainText() == expected + " Autre", timeout=10_000)
    qtbot.waitUntil(lambda: other.conflict_count() == 1, timeout=10_000)
    [conflict] = other.open_conflicts()
    assert conflict["mine"] == {"notes": expected + " Mien"}
    assert conflict["theirs"] == {"notes": expected + " Autre"}
    assert editor.flush()
    assert other.require("visit", visit["id"])["notes"] == expected + " Autre"
    other.close()


def test_a_stale_autosave_is_refused_then_merged(qtbot, live_server, window, home):
    """The save carries its base: written over a change the editor has not seen yet,
    the store refuses it and the editor merges, whatever the timing of the watcher."""
    other = Store.open(home, user="coordinator")
    place = other.create_place(name="La Cantine", postcode="35000")
    visit = other.create_visit(place["id"], visited_on="2026-10-01", notes="Un deux trois")
    with qtbot.waitSignal(window.tree_loaded, timeout=10_000):
        window.reload_tree()
    editor = open_visit(qtbot, window, place["id"], visit["id"])
    window.watcher.stop()  # only the store's base check stands between the two writes
    other.update("visit", visit["id"], {"notes": "Zéro un deux trois"})
    type_at_end(editor, " quatre")
    assert editor.flush()
    assert other.require("visit", visit["id"])["notes"] == "Zéro un deux trois quatre"
    assert editor.form.notes.toPlainText() == "Zéro un deux trois quatre"
    other.close()


def test_an_open_interview_dialog_and_place_dialog_follow_writes(qtbot, window, home):
    other = Store.open(home, user="coordinator")
    place = other.create_place(name="La Cantine", postcode="35000", description="Un café.")
    visit = other.create_visit(place["id"], visited_on="2026-10-01")
    interview = other.create_interview(
        visit["id"], person_name="Anne Le Goff", role="manager", notes="Début. Fin."
    )
    with qtbot.waitSignal(window.tree_loaded, timeout=10_000):
        window.reload_tree()
    editor = open_visit(qtbot, window, place["id"], visit["id"])
    tab = editor.interviews
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)

    # The list follows a new interview written by another program.
    other.create_interview(visit["id"], person_name="Malik", role="user")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10_000)

    # An open edit dialog: untouched fields follow, typed text merges.
    row = tab.model.row_of(interview["id"])
    tab.table.selectRow(tab.proxy.mapFromSource(tab.model.index(row, 0)).row())
    tab.edit_selected()
    dialog = tab.dialog
    assert dialog is not None
    dialog.notes.setPlainText("Début. Fin. Ajout.")
    other.update(
        "interview", interview["id"], {"organisation": "La Cantine", "notes": "Tout début. Fin."}
    )
    qtbot.waitUntil(lambda: dialog.organisation.text() == "La Cantine", timeout=10_000)
    assert dialog.notes.toPlainText() == "Tout début. Fin. Ajout."
    dialog.accept()
    qtbot.waitUntil(
        lambda: other.require("interview", interview["id"])["notes"] == "Tout début. Fin. Ajout.",
        timeout=10_000,
    )
    assert other.require("interview", interview["id"])["organisation"] == "La Cantine"

    # The place dialog: the same, and a clash is shown, the typed value kept.
    place_dialog = window.open_place_dialog(other.require("place", place["id"]))
    place_dialog.name_edit.setText("La Cantine numérique")
    other.update("place", place["id"], {"name": "Cantine de Rennes", "contact": "06 00"})
    qtbot.waitUntil(lambda: place_dialog.contact_edit.text() == "06 00", timeout=10_000)
    assert place_dialog.name_edit.text() == "La Cantine numérique"
    assert place_dialog.notice_label.isVisible()
    assert "Cantine de Rennes" in place_dialog.notice_label.text()
    place_dialog.accept()
    qtbot.waitUntil(
        lambda: other.require("place", place["id"])["name"] == "La Cantine numérique",
        timeout=10_000,
    )
    assert other.require("place", place["id"])["contact"] == "06 00"
    other.close()


def test_the_photos_tab_follows_a_caption_written_elsewhere(qtbot, window, home):
    from tests.sync.test_blobs_sync import add_blob

    other = Store.open(home, user="coordinator")
    place = other.create_place(name="La Cantine", postcode="35000")
    visit = other.create_visit(place["id"], visited_on="2026-10-01")
    sha = add_blob(other, b"\xff\xd8" + b"p" * 500)
    photo = other.create("photo", {"visit_id": visit["id"], "blob": sha, "caption": "Façade"})
    with qtbot.waitSignal(window.tree_loaded, timeout=10_000):
        window.reload_tree()
    editor = open_visit(qtbot, window, place["id"], visit["id"])
    photos = editor.photos
    qtbot.waitUntil(lambda: photos.model.rowCount() == 1, timeout=10_000)
    other.update("photo", photo["id"], {"caption": "Façade côté jardin"})
    qtbot.waitUntil(
        lambda: photos.model.record(0)["caption"] == "Façade côté jardin", timeout=10_000
    )
    other.close()
