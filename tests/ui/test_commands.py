"""Undo commands: their store work runs on the database lane, in order, undo after redo."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from ui import commands
from ui.tasks import TaskManager


@pytest.fixture
def tasks(qtbot, ui_store):
    manager = TaskManager(ui_store)
    yield manager
    manager.wait(5000)


def settle(qtbot, tasks):
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=5000)


def test_create_undo_redo_brings_back_the_same_record(qtbot, tasks, ui_store):
    stack = QUndoStack()
    changed = []
    command = commands.create_place(
        tasks, {"name": "Le Hangar", "postcode": "29200"}, on_changed=changed.append
    )
    stack.push(command)
    settle(qtbot, tasks)
    assert ui_store.require("place", command.record_id)["departement"] == "29"
    assert stack.undoText() == "Create place “Le Hangar”"
    stack.undo()
    settle(qtbot, tasks)
    assert ui_store.get("place", command.record_id) is None
    stack.redo()
    settle(qtbot, tasks)
    assert ui_store.require("place", command.record_id)["name"] == "Le Hangar"
    assert [c[0].op for c in changed] == ["create", "delete", "restore"]
    assert len(ui_store.places()) == 1


def test_edit_undo_puts_back_the_old_values(qtbot, tasks, ui_store):
    place = ui_store.create_place(name="Ti Lab", commune="Quimper")
    stack = QUndoStack()
    stack.push(commands.edit_place(tasks, place, {"commune": "Brest"}))
    settle(qtbot, tasks)
    assert ui_store.require("place", place["id"])["commune"] == "Brest"
    stack.undo()
    settle(qtbot, tasks)
    assert ui_store.require("place", place["id"])["commune"] == "Quimper"


def test_delete_visit_and_undo(qtbot, tasks, ui_store):
    place = ui_store.create_place(name="Ti Lab")
    visit = ui_store.create_visit(place["id"], visited_on="2026-04-01")
    ui_store.create_interview(visit["id"], person_name="Dana")
    stack = QUndoStack()
    stack.push(commands.delete_visit(tasks, visit))
    settle(qtbot, tasks)
    assert ui_store.get("visit", visit["id"]) is None and ui_store.interviews(visit["id"]) == []
    stack.undo()
    settle(qtbot, tasks)
    assert ui_store.require("visit", visit["id"])
    assert [i["person_name"] for i in ui_store.interviews(visit["id"])] == ["Dana"]


def test_a_refused_write_leaves_the_stack_and_reports_the_error(qtbot, tasks, ui_store):
    stack = QUndoStack()
    errors = []
    stack.push(commands.create_place(tasks, {"name": "  "}, on_failed=errors.append, stack=stack))
    settle(qtbot, tasks)
    assert errors[0].code == "empty_name"
    assert ui_store.places() == [] and ui_store.outbox_count() == 0
    # Nothing was written, so there is nothing to undo.
    assert not stack.canUndo()
