"""The "Interviews" tab: the table model, add/edit/delete through the form, undo."""

# ruff: noqa: F811  (pytest fixtures imported from tests.ui.editor_fixtures)
from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox

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
from ui.interview_model import InterviewModel, consent_label, role_label
from ui.interviews_tab import InterviewDialog


def press_ok(qtbot, dialog):
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def fill(dialog, *, person="", role="other", organisation="", consent="not_asked", on=None):
    dialog.person.setText(person)
    dialog.role.setCurrentIndex(dialog.role.findData(role))
    dialog.organisation.setText(organisation)
    dialog.consent.setCurrentIndex(dialog.consent.findData(consent))
    if on:
        dialog.consent_on.setDate(on)


def test_model_passes_the_model_tester(qtmodeltester, db, two_visits, clock):
    first, _ = two_visits
    db.create_interview(first, person_name="Claire Martin", role="manager", consent="given")
    clock.advance(minutes=5)  # interviews are listed in the order they were added
    db.create_interview(first, person_name="", role="elected_official", pseudonymise=True)
    model = InterviewModel()
    model.set_rows(db.interviews(first))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 5
    index = model.index(0, InterviewModel.ROLE)
    assert index.data() == "Manager"
    assert index.data(InterviewModel.ValueRole) == "manager"
    assert model.index(1, InterviewModel.PERSON).data() == "(no name)"
    assert model.index(1, InterviewModel.PSEUDONYMISE).data() == "Yes (no consent)"
    assert model.index(0, InterviewModel.PSEUDONYMISE).data() == "No"
    assert model.index(0, 0).data(InterviewModel.IdRole) == db.interviews(first)[0]["id"]
    assert model.headerData(InterviewModel.CONSENT, Qt.Orientation.Horizontal) == "Consent"


def test_labels_cover_every_role_and_consent():
    assert [role_label(r) for r in ("manager", "user", "elected_official")] == [
        "Manager",
        "User",
        "Elected official",
    ]
    assert [role_label(r) for r in ("partner", "company", "other")] == [
        "Partner",
        "Company",
        "Other",
    ]
    assert [consent_label(c) for c in ("given", "refused", "not_asked")] == [
        "Given",
        "Refused",
        "Not asked",
    ]


def test_add_an_interview_with_consent_refused(qtbot, editor, db, two_visits):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    editor.new_interview()
    assert editor.tabs.currentWidget() is editor.interviews
    dialog = editor.interviews.dialog
    assert isinstance(dialog, InterviewDialog) and dialog.isVisible()
    fill(
        dialog,
        person="Jean Dupont",
        role="elected_official",
        organisation="Mairie de Béziers",
        consent="refused",
        on=QDate(2026, 10, 1),
    )
    dialog.pseudonymise.setChecked(True)
    type_text(dialog.quotes, "« On manque de place. »")
    with qtbot.waitSignal(editor.visit_saved, timeout=5000) as saved:
        press_ok(qtbot, dialog)
    assert saved.args == [first]
    [row] = db.interviews(first)
    assert row["person_name"] == "Jean Dupont"
    assert row["role"] == "elected_official"
    assert row["organisation"] == "Mairie de Béziers"
    assert row["consent"] == "refused" and row["consent_on"] == "2026-10-01"
    assert row["pseudonymise"] is True
    assert row["quotes"] == "« On manque de place. »"
    model = editor.interviews.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    on = QLocale().toString(QDate(2026, 10, 1), QLocale.FormatType.ShortFormat)
    assert model.index(0, InterviewModel.CONSENT).data() == f"Refused on {on}"
    assert model.index(0, InterviewModel.ROLE).data() == "Elected official"


def test_consent_not_asked_has_no_date(qtbot, editor, db, two_visits):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    editor.new_interview()
    dialog = editor.interviews.dialog
    fill(dialog, person="Inès", role="user", consent="not_asked")
    assert not dialog.consent_on.isEnabled()
    fill(dialog, person="Inès", role="user", consent="given")
    assert dialog.consent_on.isEnabled()
    assert dialog.consent_on.date() == QDate(2026, 10, 1)  # the visit's date by default
    assert dialog.consent_on.maximumDate() == QDate.currentDate()  # never in the future
    fill(dialog, person="Inès", role="user", consent="not_asked")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: len(db.interviews(first)) == 1, timeout=5000)
    assert db.interviews(first)[0]["consent_on"] is None


def test_cancel_adds_nothing(qtbot, editor, db, two_visits, undo_stack):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    editor.new_interview()
    dialog = editor.interviews.dialog
    fill(dialog, person="Personne")
    dialog.reject()
    editor.tasks.wait(5000)
    assert db.interviews(first) == [] and undo_stack.count() == 0


def test_edit_an_interview_and_undo_the_edit(qtbot, editor, db, two_visits, undo_stack):
    first, _ = two_visits
    db.create_interview(first, person_name="Sophie", role="manager", organisation="Asso A")
    open_visit(qtbot, editor, first)
    tab = editor.interviews
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    tab.table.selectRow(0)
    tab.edit_selected()
    dialog = tab.dialog
    assert dialog.person.text() == "Sophie" and dialog.role.currentData() == "manager"
    dialog.organisation.setText("Asso B")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: db.interviews(first)[0]["organisation"] == "Asso B", timeout=5000)
    qtbot.waitUntil(
        lambda: tab.model.index(0, InterviewModel.ORGANISATION).data() == "Asso B", timeout=5000
    )
    assert undo_stack.undoText() == "Edit interview with Sophie"
    undo_stack.undo()
    qtbot.waitUntil(lambda: db.interviews(first)[0]["organisation"] == "Asso A", timeout=5000)
    qtbot.waitUntil(
        lambda: tab.model.index(0, InterviewModel.ORGANISATION).data() == "Asso A", timeout=5000
    )


def test_undo_an_interview_delete(qtbot, editor, db, two_visits, undo_stack):
    first, _ = two_visits
    db.create_interview(first, person_name="Karim", role="partner", consent="given")
    open_visit(qtbot, editor, first)
    tab = editor.interviews
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    tab.table.selectRow(0)
    editor.tabs.setCurrentWidget(tab)
    editor.activateWindow()
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus, timeout=5000)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)  # the Delete key, while the table has focus
    qtbot.waitUntil(lambda: db.interviews(first) == [], timeout=5000)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=5000)
    assert undo_stack.undoText() == "Delete interview with Karim"

    undo_stack.undo()
    qtbot.waitUntil(lambda: len(db.interviews(first)) == 1, timeout=5000)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    assert db.interviews(first)[0]["person_name"] == "Karim"
    assert db.interviews(first)[0]["consent"] == "given"

    undo_stack.redo()
    qtbot.waitUntil(lambda: db.interviews(first) == [], timeout=5000)


def test_undo_and_redo_an_added_interview(qtbot, editor, db, two_visits, undo_stack):
    first, _ = two_visits
    open_visit(qtbot, editor, first)
    editor.new_interview()
    fill(editor.interviews.dialog, person="Lou", role="company")
    press_ok(qtbot, editor.interviews.dialog)
    qtbot.waitUntil(lambda: len(db.interviews(first)) == 1, timeout=5000)
    created_id = db.interviews(first)[0]["id"]
    undo_stack.undo()
    qtbot.waitUntil(lambda: db.interviews(first) == [], timeout=5000)
    undo_stack.redo()  # the same record comes back, not a copy
    qtbot.waitUntil(lambda: len(db.interviews(first)) == 1, timeout=5000)
    assert db.interviews(first)[0]["id"] == created_id
    qtbot.waitUntil(lambda: editor.interviews.model.rowCount() == 1, timeout=5000)


def test_the_table_sorts_by_a_column_and_edits_the_right_row(
    qtbot, qtmodeltester, editor, db, two_visits, clock
):
    first, _ = two_visits
    db.create_interview(first, person_name="Zoé", role="user")
    clock.advance(minutes=1)
    db.create_interview(first, person_name="Amir", role="partner")
    open_visit(qtbot, editor, first)
    tab = editor.interviews
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    assert tab.proxy.index(0, 0).data() == "Zoé"  # as added, until a header is clicked
    tab.table.sortByColumn(InterviewModel.PERSON, Qt.SortOrder.AscendingOrder)
    assert [tab.proxy.index(r, 0).data() for r in range(2)] == ["Amir", "Zoé"]
    qtmodeltester.check(tab.proxy)
    tab.table.selectRow(0)
    tab.edit_selected()
    assert tab.dialog.person.text() == "Amir"
    tab.dialog.reject()


def test_the_selected_interview_shows_its_notes_and_quotes(qtbot, editor, db, two_visits):
    first, _ = two_visits
    db.create_interview(
        first,
        person_name="Nadia",
        notes="Gère le lieu depuis 2019.\nVeut ouvrir un atelier <bois>.",
        quotes="« Ici, tout le monde se parle. »",
    )
    open_visit(qtbot, editor, first)
    tab = editor.interviews
    editor.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    assert not tab.preview.isVisible()  # nothing selected
    tab.table.selectRow(0)
    assert tab.preview.isVisible()
    text = tab.preview.toPlainText()
    assert "Gère le lieu depuis 2019." in text
    assert "atelier <bois>" in text  # shown as typed, not taken for markup
    assert "« Ici, tout le monde se parle. »" in text


def test_buttons_follow_the_selection(qtbot, editor, db, two_visits):
    first, second = two_visits
    db.create_interview(first, person_name="A")
    open_visit(qtbot, editor, first)
    tab = editor.interviews
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    assert tab.add_button.isEnabled() and not tab.delete_button.isEnabled()
    tab.table.selectRow(0)
    assert tab.edit_button.isEnabled() and tab.delete_button.isEnabled()
    open_visit(qtbot, editor, second)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=5000)
    assert not tab.empty_label.isHidden()


def test_refused_consent_shows_and_locks_pseudonymised(qtbot, qtmodeltester, db, two_visits):
    """Issue 10: « Refusé » used to show « Pseudonymisé : Non »."""
    first, _ = two_visits
    db.create_interview(first, person_name="Léa Roux", consent="refused", pseudonymise=False)
    model = InterviewModel()
    model.set_rows(db.interviews(first))
    qtmodeltester.check(model)
    assert model.index(0, InterviewModel.PSEUDONYMISE).data() == "Yes (no consent)"
    assert model.index(0, InterviewModel.PSEUDONYMISE).data(InterviewModel.ValueRole) is True

    dialog = InterviewDialog(db.interviews(first)[0])
    qtbot.addWidget(dialog)
    assert dialog.pseudonymise.isChecked() and not dialog.pseudonymise.isEnabled()
    assert dialog.values()["pseudonymise"] is True
    # Consent given: the box is free again, with the person's own choice (unticked).
    dialog.consent.setCurrentIndex(dialog.consent.findData("given"))
    assert dialog.pseudonymise.isEnabled() and not dialog.pseudonymise.isChecked()
    dialog.pseudonymise.setChecked(True)
    dialog.consent.setCurrentIndex(dialog.consent.findData("not_asked"))
    assert dialog.pseudonymise.isChecked() and not dialog.pseudonymise.isEnabled()
    dialog.consent.setCurrentIndex(dialog.consent.findData("given"))
    assert dialog.pseudonymise.isChecked()  # the choice made while free is kept
