"""Fixtures shared by the visit editor's tests: a real on-disk store whose connection the
database lane may use, the worker helper, one undo stack and the editor itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QApplication

from fieldkit.paths import Home
from fieldkit.store import Store
from ui.tasks import TaskManager
from ui.visit_editor import VisitEditor


@pytest.fixture
def lane_store(home: Home, clock) -> Iterator[Store]:
    """The store the TaskManager's database lane uses (so it may not check its thread)."""
    store = Store.open(home, user="agent-bzh", clock=clock, check_same_thread=False)
    yield store
    # No lane job may still run on the connection, nor start once it is closed.
    assert TaskManager.close_all_using(store), "a job still runs on the store"
    store.close()


@pytest.fixture
def db(home: Home, clock, lane_store: Store) -> Iterator[Store]:
    """The test's own connection to the same database, for setting up and checking.

    Python's sqlite3 connection must not be used by two threads at once, and the lane
    may be running a job whenever the test looks: so the test never shares its store.
    """
    store = Store.open(home, user="agent-bzh", clock=clock)
    yield store
    store.close()


@pytest.fixture
def tasks(qtbot, lane_store: Store) -> Iterator[TaskManager]:
    manager = TaskManager(lane_store)
    yield manager
    manager.wait(20000)


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def two_visits(db: Store) -> tuple[str, str]:
    place = db.create_place(
        name="La Cordée Béziers", kind="coworking", postcode="34500", commune="Béziers"
    )
    first = db.create_visit(place["id"], visited_on="2026-10-01", visitors="Anne")
    second = db.create_visit(place["id"], visited_on="2026-10-08", visitors="Malik")
    return first["id"], second["id"]


@pytest.fixture
def editor(qtbot, tasks: TaskManager, home: Home, undo_stack: QUndoStack) -> Iterator[VisitEditor]:
    widget = VisitEditor(tasks, home, undo_stack)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    yield widget
    widget.close()  # flushes while the store is still open
    # Let every job finish and its callbacks run (they may queue more) before the store
    # closes: a job must never find its connection closed under it.
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=20000)


def open_visit(qtbot, editor: VisitEditor, visit_id: str) -> None:
    editor.set_visit(visit_id)
    qtbot.waitUntil(lambda: editor.loaded and editor.visit_id == visit_id, timeout=5000)


def type_text(widget, text: str) -> None:
    """Type like a person, one key event per character (QTest's keyClicks only knows
    ASCII, and French notes have accents)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)
