"""The "Interviews" tab of the visit editor: a table of the visit's interviews and a form."""

from __future__ import annotations

import datetime as dt
import html
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldkit.merge import merge_value
from ui.editor_commands import (
    CreateCommand,
    DeleteCommand,
    EditorContext,
    UpdateCommand,
    while_alive,
)
from ui.erase import erase_record
from ui.interview_model import CONSENTS, ROLES, InterviewModel, consent_label, role_label


class InterviewDialog(QDialog):
    """Add or edit one interview. ``values()`` gives the fields, ready for the store."""

    def __init__(
        self,
        record: dict[str, Any] | None = None,
        parent: QWidget | None = None,
        *,
        default_date: str | None = None,
    ):
        super().__init__(parent)
        self.editing = bool(record)
        #: The stored interview this dialog edits (its values are the base of the save).
        self.record = dict(record) if record else None
        self.setMinimumWidth(460)
        self.person = QLineEdit()
        self.role = QComboBox()
        for code in ROLES:
            self.role.addItem("", code)
        self.organisation = QLineEdit()
        self.consent = QComboBox()
        for code in CONSENTS:
            self.consent.addItem("", code)
        self.consent_on = QDateEdit()
        self.consent_on.setCalendarPopup(True)
        self.consent_on.setDisplayFormat("dd/MM/yyyy")
        # Consent is recorded when it is asked: never in the future.
        self.consent_on.setDateRange(QDate(2000, 1, 1), QDate.currentDate())
        # Consent is usually asked on the day of the visit.
        day = QDate.fromString(default_date or "", Qt.DateFormat.ISODate)
        self.consent_on.setDate(day if day.isValid() else QDate.currentDate())
        self.pseudonymise = QCheckBox()
        # The person's own choice, kept while consent locks the box (fieldkit.privacy).
        self._own_choice = False
        self.pseudonymise.toggled.connect(self._pseudonymise_toggled)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.quotes = QPlainTextEdit()
        self.quotes.setTabChangesFocus(True)

        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent, 1)
        self.consent_on_label = QLabel()
        consent_row.addWidget(self.consent_on_label)
        consent_row.addWidget(self.consent_on)

        # Row labels, kept to re-read their texts when the language changes.
        self.labels = {
            name: QLabel()
            for name in ("person", "role", "organisation", "consent", "notes", "quotes")
        }
        for name, widget in (
            ("person", self.person),
            ("role", self.role),
            ("organisation", self.organisation),
            ("consent", self.consent),  # a row of widgets has no buddy of its own
            ("notes", self.notes),
            ("quotes", self.quotes),
        ):
            self.labels[name].setBuddy(widget)
        form = QFormLayout()
        form.addRow(self.labels["person"], self.person)
        form.addRow(self.labels["role"], self.role)
        form.addRow(self.labels["organisation"], self.organisation)
        form.addRow(self.labels["consent"], consent_row)
        form.addRow("", self.pseudonymise)
        form.addRow(self.labels["notes"], self.notes)
        form.addRow(self.labels["quotes"], self.quotes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        # Says when the interview was changed elsewhere while the dialog was open.
        self.notice = QLabel(objectName="interviewNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b45f06;")
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)

        self.consent.currentIndexChanged.connect(self._consent_changed)
        self.retranslate_ui()
        if record:
            self.set_values(record)
        self._consent_changed()
        self.person.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Edit interview") if self.editing else self.tr("New interview"))
        self.person.setPlaceholderText(self.tr("First and last name"))
        for i in range(self.role.count()):
            self.role.setItemText(i, role_label(self.role.itemData(i)))
        for i in range(self.consent.count()):
            self.consent.setItemText(i, consent_label(self.consent.itemData(i)))
        self.pseudonymise.setText(self.tr("Pseudonymise in reports"))
        self.quotes.setPlaceholderText(self.tr("One quote per line"))
        self.consent_on_label.setText(self.tr("on"))
        self.consent_on.setAccessibleName(self.tr("Date of consent"))
        self.labels["person"].setText(self.tr("&Person:"))
        self.labels["role"].setText(self.tr("&Role:"))
        self.labels["organisation"].setText(self.tr("&Organisation:"))
        self.labels["consent"].setText(self.tr("&Consent:"))
        self.labels["notes"].setText(self.tr("&Notes:"))
        self.labels["quotes"].setText(self.tr("Key &quotes:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_values(self, record: dict[str, Any]) -> None:
        self.person.setText(record.get("person_name", ""))
        self.role.setCurrentIndex(max(0, self.role.findData(record.get("role", "other"))))
        self.organisation.setText(record.get("organisation", ""))
        self.consent.setCurrentIndex(
            max(0, self.consent.findData(record.get("consent", "not_asked")))
        )
        if record.get("consent_on"):
            self.consent_on.setDate(QDate.fromString(record["consent_on"], Qt.DateFormat.ISODate))
        self._own_choice = bool(record.get("pseudonymise"))
        self.pseudonymise.setChecked(self._own_choice)
        self.notes.setPlainText(record.get("notes", ""))
        self.quotes.setPlainText(record.get("quotes", ""))

    def absorb(self, stored: dict[str, Any] | None) -> None:
        """The interview was written elsewhere while open: fields untouched here take the
        new values; typed ones are merged (free text word by word), and when both sides
        changed the same words the typed value stays and the notice shows the other."""
        if stored is None or self.record is None:
            return
        mine = self.values()
        out = dict(mine)
        clashes = []
        for field, value in mine.items():
            base, theirs = self.record.get(field), stored.get(field)
            if theirs == base:
                continue
            if value == base:
                out[field] = theirs
                continue
            ok, merged = merge_value(base, value, theirs, text=field in ("notes", "quotes"))
            out[field] = merged
            if not ok:
                clashes.append(f"{field}: {theirs}")
        self.record = dict(stored)
        if out != mine:
            self.set_values(out)
        if clashes:
            self.notice.setText(
                self.tr(
                    "Changed elsewhere while you were editing; your values are kept and OK "
                    "saves them. The other values were: %1"
                ).replace("%1", "; ".join(clashes))
            )
            self.notice.show()

    def _consent_changed(self) -> None:
        asked = self.consent.currentData() != "not_asked"
        self.consent_on.setEnabled(asked)
        self.consent_on_label.setEnabled(asked)
        # The consent rule: without consent a person is always pseudonymised; the box
        # shows it and cannot be unticked.
        given = self.consent.currentData() == "given"
        self.pseudonymise.blockSignals(True)
        self.pseudonymise.setChecked(True if not given else self._own_choice)
        self.pseudonymise.blockSignals(False)
        self.pseudonymise.setEnabled(given)
        self.pseudonymise.setToolTip(
            ""
            if given
            else self.tr("Without consent the person is always pseudonymised in every output.")
        )

    def _pseudonymise_toggled(self, checked: bool) -> None:
        if self.pseudonymise.isEnabled():
            self._own_choice = checked

    def values(self) -> dict[str, Any]:
        consent = self.consent.currentData()
        day = self.consent_on.date()
        return {
            "person_name": self.person.text().strip(),
            "role": self.role.currentData(),
            "organisation": self.organisation.text().strip(),
            "consent": consent,
            "consent_on": (
                dt.date(day.year(), day.month(), day.day()).isoformat()
                if consent != "not_asked"
                else None
            ),
            "pseudonymise": self.pseudonymise.isChecked(),
            "notes": self.notes.toPlainText(),
            "quotes": self.quotes.toPlainText(),
        }


class InterviewsTab(QWidget):
    """List, add, edit and delete the interviews of the visit being edited (all undoable)."""

    #: The dialog just opened (tests and the shell may reach it; it is window-modal).
    dialog_opened = Signal(QDialog)

    def __init__(self, ctx: EditorContext, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.undo_stack = undo_stack
        self.visit_id: str | None = None
        self._generation = 0
        self.dialog: InterviewDialog | None = None
        self.visit_date: str | None = None  # the default consent date of a new interview

        self.model = InterviewModel(self)
        # Sortable by a click on a header; until then, in the order they were added.
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortLocaleAware(True)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(InterviewModel.PERSON, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(InterviewModel.ORGANISATION, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.delete_button = QPushButton()
        self.erase_button = QPushButton()
        self.history_button = QPushButton()
        self.history_button.setObjectName("interviewHistoryButton")
        self.history_button.clicked.connect(self.show_history)
        self.erase_button.clicked.connect(self.erase_selected)
        self.erase_dialog: QMessageBox | None = None
        self.add_button.clicked.connect(self.add_interview)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        # The Delete key deletes only while the table has focus, not anywhere in the window.
        self.delete_action = delete_action = QAction(self.table)
        delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(delete_action)

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)

        # The selected interview's notes and quotes, read-only (Edit… changes them).
        self.preview = QTextBrowser()
        self.preview.setObjectName("interview_preview")
        self.preview.setOpenLinks(False)
        self.preview.setMaximumHeight(160)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.history_button)
        buttons.addStretch(1)
        buttons.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)

        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.add_button.setText(self.tr("&Add an interview…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.delete_button.setText(self.tr("&Delete"))
        self.erase_button.setText(self.tr("Erase permanently…"))
        self.erase_button.setToolTip(
            self.tr("Destroy this interview everywhere, for good (a person's erasure request)")
        )
        self.history_button.setText(self.tr("&History…"))
        self.table.setAccessibleName(self.tr("Interviews of the visit"))
        self.history_button.setToolTip(self.tr("Who changed this interview, and when"))
        self.delete_button.setToolTip(self.tr("Delete the selected interview (Ctrl+Z to undo)"))
        self.delete_action.setText(self.tr("Delete interview"))
        self.empty_label.setText(
            self.tr("No interview yet. Add the people you met with “Add an interview…”.")
        )
        self.model.retranslate()
        self._update_buttons()  # the preview's headings

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- loading ---------------------------------------------------------------------
    def set_visit(self, visit_id: str | None) -> None:
        self.visit_id = visit_id
        self.model.set_rows([])
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, visit_id = self._generation, self.visit_id
        if visit_id is None:
            self.model.set_rows([])
            return
        self.ctx.tasks.run(
            lambda s: s.interviews(visit_id),
            while_alive(self, lambda rows: self._loaded(generation, rows)),
            self.ctx.failed,
            name="load interviews",
        )

    def check_external(self) -> None:
        """The database was written (a sync, an undo, another program): re-read the list,
        and the interview an open dialog edits."""
        if self.visit_id is None:
            return
        self.reload()
        dialog = self.dialog
        if dialog is not None and dialog.record is not None:
            rid = dialog.record["id"]
            self.ctx.tasks.run(
                lambda s: s.get("interview", rid),
                while_alive(dialog, dialog.absorb),
                self.ctx.failed,
                name="check interview",
            )

    def _loaded(self, generation: int, rows: list[dict[str, Any]]) -> None:
        if generation != self._generation:
            return  # another visit was chosen meanwhile
        if rows == self.model.rows():
            return  # nothing changed: keep the selection and the scroll as they are
        selected = self.selected_id()
        self.model.set_rows(rows)
        if selected and (row := self.model.row_of(selected)) >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    # -- actions ---------------------------------------------------------------------
    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(InterviewModel.IdRole) if rows else None

    def show_history(self) -> QDialog | None:
        """« Historique » of the selected interview (who changed which fields when)."""
        from ui.sync.history_dialog import HistoryDialog

        interview_id = self.selected_id()
        if interview_id is None:
            return None
        dialog = HistoryDialog(self.ctx.tasks, "interview", interview_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog

    def add_interview(self) -> None:
        if self.visit_id is None:
            return
        visit_id = self.visit_id
        dialog = self._open_dialog(None)
        dialog.accepted.connect(lambda: self._push_create(visit_id, dialog.values()))

    def edit_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.visit_id is None:
            return
        record = rows[0].data(InterviewModel.RecordRole)
        dialog = self._open_dialog(record)
        # The dialog's record follows writes made elsewhere while it is open (absorb).
        dialog.accepted.connect(lambda: self._push_update(dialog.record or record, dialog.values()))

    def delete_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.visit_id is None:
            return
        record = rows[0].data(InterviewModel.RecordRole)
        self.undo_stack.push(
            DeleteCommand(
                self.ctx,
                partial(interview_text, "delete", record["person_name"], record["role"]),
                "interview",
                record["id"],
                record["visit_id"],
            )
        )

    def erase_selected(self) -> None:
        """« Effacer définitivement »: asks, naming what goes, then erases (no undo)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.visit_id is None:
            return
        record = rows[0].data(InterviewModel.RecordRole)
        visit_id = record["visit_id"]

        def done(result: Any) -> None:
            self.undo_stack.clear()  # earlier commands may name the erased interview
            self.reload()
            self.ctx.applied("interview", visit_id, result)

        def show(dialog: QMessageBox) -> None:
            self.erase_dialog = dialog

        erase_record(self, self.ctx.tasks, "interview", record["id"], done, self.ctx.failed, show)

    def _open_dialog(self, record: dict[str, Any] | None) -> InterviewDialog:
        dialog = InterviewDialog(record, self, default_date=self.visit_date)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _push_create(self, visit_id: str, values: dict[str, Any]) -> None:
        self.undo_stack.push(
            CreateCommand(
                self.ctx,
                partial(interview_text, "add", values["person_name"], values["role"]),
                "interview",
                visit_id,
                {"visit_id": visit_id, **values},
            )
        )

    def _push_update(self, record: dict[str, Any], values: dict[str, Any]) -> None:
        changed = {f: v for f, v in values.items() if record.get(f) != v}
        if not changed:
            return
        self.undo_stack.push(
            UpdateCommand(
                self.ctx,
                partial(interview_text, "edit", values["person_name"], values["role"]),
                "interview",
                record["id"],
                record["visit_id"],
                {f: record.get(f) for f in changed},
                changed,
                base={f: record.get(f) for f in changed},
            )
        )

    def _update_buttons(self) -> None:
        has_visit = self.visit_id is not None
        has_selection = bool(self.table.selectionModel().selectedRows())
        self.add_button.setEnabled(has_visit)
        self.edit_button.setEnabled(has_visit and has_selection)
        self.delete_button.setEnabled(has_visit and has_selection)
        self.history_button.setEnabled(has_visit and has_selection)
        self.erase_button.setEnabled(has_visit and has_selection)
        empty = self.model.rowCount() == 0
        self.empty_label.setVisible(empty and has_visit)
        self._show_preview()

    def _show_preview(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        record = rows[0].data(InterviewModel.RecordRole) if rows else None
        self.preview.setVisible(record is not None)
        if record is None:
            self.preview.clear()
            return
        parts = []
        if record["notes"].strip():
            parts.append(f"<p><b>{html.escape(self.tr('Notes'))}</b></p>")
            parts.append(_paragraphs(record["notes"]))
        if record["quotes"].strip():
            parts.append(f"<p><b>{html.escape(self.tr('Key quotes'))}</b></p>")
            parts.append(_paragraphs(record["quotes"], quoted=True))
        if not parts:
            parts.append(f"<p><i>{html.escape(self.tr('No notes or quotes yet.'))}</i></p>")
        self.preview.setHtml("".join(parts))


def interview_text(action: str, person: str, role: str) -> str:
    """The undo text of an interview edit, in the current language."""
    name = person or role_label(role)
    texts = {
        "add": QCoreApplication.translate("InterviewsTab", "Add interview with {name}"),
        "edit": QCoreApplication.translate("InterviewsTab", "Edit interview with {name}"),
        "delete": QCoreApplication.translate("InterviewsTab", "Delete interview with {name}"),
    }
    return texts[action].format(name=name)


def _paragraphs(text: str, *, quoted: bool = False) -> str:
    lines = [html.escape(line.strip()) for line in text.splitlines() if line.strip()]
    if quoted:
        return "".join(f"<blockquote>{line}</blockquote>" for line in lines)
    return "".join(f"<p>{line}</p>" for line in lines)
