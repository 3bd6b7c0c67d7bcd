"""The notes editor gets the room (issue 13): most of the height at 1366×768, a split
that is remembered, and a writing mode where the notes fill the window (Esc returns)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldkit.store import Store
from ui.main_window import MainWindow


@pytest.fixture
def visit(ui_store: Store) -> str:
    place = ui_store.create_place(name="Le Bocal", postcode="29200", commune="Brest")
    return ui_store.create_visit(place["id"], visited_on="2026-05-04", notes="Des notes")["id"]


def open_window(qtbot, ui_store, home, visit) -> MainWindow:
    window = MainWindow(ui_store, home)
    qtbot.addWidget(window)
    window.show()
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.tree_ready and window.tasks.pending == 0, timeout=10_000)
    assert window.select_visit(visit)
    qtbot.waitUntil(lambda: window.editor.loaded, timeout=10_000)
    return window


def test_the_notes_take_the_height_and_the_split_is_remembered(qtbot, ui_store, home, visit):
    window = open_window(qtbot, ui_store, home, visit)
    notes = window.editor.form.notes
    visit_list = window.visit_view
    # The notes take more than the list, which keeps six visits in view (issue 26: a
    # list of three and a half rows was too short to choose a visit in).
    assert notes.height() > visit_list.height()
    assert notes.height() >= 220  # a dozen lines and more, not five
    window.right_splitter.setSizes([400, 300])
    sizes = window.right_splitter.sizes()
    window.close()

    again = open_window(qtbot, ui_store, home, visit)
    # Within a few pixels: the status bar's height can differ by a pixel or two between
    # two windows (its texts arrive from background work), and the splitter shares out
    # what is left in the same proportion.
    restored = again.right_splitter.sizes()
    assert len(restored) == len(sizes)
    assert all(abs(a - b) <= 4 for a, b in zip(restored, sizes, strict=True)), (restored, sizes)
    again.close()


def test_writing_mode_fills_the_window_and_escape_returns(qtbot, ui_store, home, visit):
    window = open_window(qtbot, ui_store, home, visit)
    notes = window.editor.form.notes
    window.writing_action.trigger()
    assert window.writing_mode
    assert not window.visit_view.isVisible() and not window.tree_view.isVisible()
    assert not window.toolbar.isVisible() and not window.editor.tabs.tabBar().isVisible()
    assert not window.editor.form.visitors.isVisible()
    qtbot.waitUntil(lambda: notes.height() >= 0.75 * window.height(), timeout=5_000)
    assert notes.isVisible()
    assert notes.width() >= 0.9 * window.width()
    qtbot.keyClick(notes, Qt.Key.Key_Escape)
    assert not window.writing_mode
    assert window.visit_view.isVisible() and window.tree_view.isVisible()
    assert window.editor.form.visitors.isVisible() and window.toolbar.isVisible()
    window.close()
