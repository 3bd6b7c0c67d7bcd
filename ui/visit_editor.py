"""The visit editor: the "Visit" form (autosaved), the interviews and the photos of a visit.

The shell embeds one :class:`VisitEditor` and calls :meth:`VisitEditor.set_visit` when
the selection changes and :meth:`VisitEditor.flush` before closing. Everything is read
and written through the TaskManager's database lane; the form never waits for the
database except in :meth:`flush`, which must finish before the window goes away.

Autosave: each change restarts a one-second single-shot timer; a second timer, started
by the first unsaved change and not restarted, makes continuous typing save at least
once a second too, so a killed process loses at most about the last second.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldkit.errors import FieldKitError, NotFoundError, StaleWriteError, ValidationError
from fieldkit.merge import merge_value
from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.store.schema import VISIT_STATUSES
from fieldkit.sync.local import keep_as_conflict
from ui.editor_commands import EditorContext, UpdateCommand, while_alive
from ui.i18n import DATE_FORMAT, error_message, shown_date
from ui.interviews_tab import InterviewsTab
from ui.photos_tab import PhotosTab
from ui.tasks import TaskManager

#: Milliseconds after the last keystroke before the form is saved.
AUTOSAVE_DELAY_MS = 1000
#: Longest a change stays unsaved while the person keeps typing.
AUTOSAVE_MAX_DELAY_MS = 1000

VISIT_FIELDS = ("visited_on", "visitors", "status", "summary", "notes")
#: Fields merged word by word when they changed here and elsewhere at once.
FREE_TEXT_FIELDS = frozenset({"visitors", "summary", "notes"})

_ERROR_STYLE = "color: palette(bright-text); background: #b3261e; padding: 2px 6px;"


class VisitForm(QWidget):
    """The "Visit" tab's widgets: date, visitors, status, summary, notes, an error label each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.visited_on = QDateEdit()
        self.visited_on.setCalendarPopup(True)
        self.visited_on.setDisplayFormat(DATE_FORMAT)
        # Wide on purpose: the store decides what is plausible and says why (next to it).
        self.visited_on.setDateRange(QDate(1900, 1, 1), QDate(2199, 12, 31))
        self.visitors = QLineEdit()
        self.status = QComboBox()
        for code in VISIT_STATUSES:
            self.status.addItem("", code)
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setMaximumHeight(64)  # three lines; the notes take the height
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        # The window's one undo stack handles Ctrl+Z, not each field on its own.
        self.summary.setUndoRedoEnabled(False)
        self.notes.setUndoRedoEnabled(False)

        self.errors: dict[str, QLabel] = {}
        # Kept to re-read their texts when the language changes.
        self.labels: dict[str, QLabel] = {}
        # The fields above the notes, in one box the writing mode hides at once.
        self.fields_box = QWidget()
        form = QFormLayout(self.fields_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, inline in (
            ("visited_on", True),
            ("visitors", False),
            ("status", True),
            ("summary", False),
        ):
            widget = self.field_widgets()[field]
            label = self.labels[field] = QLabel()
            label.setBuddy(widget)
            form.addRow(label, self._with_error(field, widget, inline))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.addWidget(self.fields_box)
        notes_label = self.labels["notes"] = QLabel()
        notes_label.setBuddy(self.notes)
        layout.addWidget(notes_label)
        # The notes are the heart of a visit: they take all the height that is left.
        layout.addWidget(self.notes, 1)
        layout.addWidget(self._error_label("notes"))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.visitors.setPlaceholderText(self.tr("Who went (comma-separated)"))
        labels = {"draft": self.tr("Draft"), "final": self.tr("Final")}
        for i in range(self.status.count()):
            self.status.setItemText(i, labels[self.status.itemData(i)])
        self.summary.setPlaceholderText(self.tr("The visit in two or three sentences"))
        self.notes.setPlaceholderText(self.tr("Notes taken during the visit"))
        self.labels["visited_on"].setText(self.tr("&Date:"))
        self.labels["visitors"].setText(self.tr("V&isitors:"))
        self.labels["status"].setText(self.tr("S&tatus:"))
        self.labels["summary"].setText(self.tr("S&ummary:"))
        self.labels["notes"].setText(self.tr("&Notes:"))
        # Each field sits in a box with its error line, out of its label's reach: a
        # screen reader learns its name from here.
        for field, widget in self.field_widgets().items():
            name = self.labels[field].text().replace("&", "").rstrip(" :\u00a0\u202f")
            widget.setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _error_label(self, field: str, *, wrap: bool = True) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setWordWrap(wrap)
        label.setStyleSheet(_ERROR_STYLE)
        label.hide()
        self.errors[field] = label
        return label

    def _with_error(self, field: str, widget: QWidget, inline: bool) -> QWidget:
        box = QWidget()
        lay: QHBoxLayout | QVBoxLayout = QHBoxLayout(box) if inline else QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(widget, 0 if inline else 1)
        lay.addWidget(self._error_label(field, wrap=not inline), 0)
        if inline:
            lay.addStretch(1)  # a date or a status needs no full-width box
        return box

    def field_widgets(self) -> dict[str, QWidget]:
        return {
            "visited_on": self.visited_on,
            "visitors": self.visitors,
            "status": self.status,
            "summary": self.summary,
            "notes": self.notes,
        }

    def value(self, field: str) -> str:
        if field == "visited_on":
            d = self.visited_on.date()
            return dt.date(d.year(), d.month(), d.day()).isoformat()
        if field == "visitors":
            return self.visitors.text()
        if field == "status":
            return str(self.status.currentData())
        if field == "summary":
            return self.summary.toPlainText()
        return self.notes.toPlainText()

    def set_value(self, field: str, value: Any, *, keep_cursor: bool = False) -> None:
        """Show a value (callers ignore the change signals it causes). ``keep_cursor``:
        leave the text cursor where it was (an undo), rather than at the end (a load)."""
        text = "" if value is None else str(value)
        if field == "visited_on":
            self.visited_on.setDate(QDate.fromString(text, Qt.DateFormat.ISODate))
        elif field == "visitors":
            pos = self.visitors.cursorPosition()
            self.visitors.setText(text)
            if keep_cursor:
                self.visitors.setCursorPosition(min(pos, len(text)))
        elif field == "status":
            self.status.setCurrentIndex(max(0, self.status.findData(text)))
        else:
            edit = self.summary if field == "summary" else self.notes
            pos = edit.textCursor().position()
            edit.setPlainText(text)
            cursor = edit.textCursor()
            if keep_cursor:
                cursor.setPosition(min(pos, edit.document().characterCount() - 1))
            else:
                cursor.movePosition(cursor.MoveOperation.End)
            edit.setTextCursor(cursor)


class VisitEditor(QWidget):
    """Edit one visit: its fields (autosaved), its interviews and its photos."""

    #: A visit's data was written (its fields, an interview or a photo): refresh counts.
    visit_saved = Signal(str)
    #: A short message for the status bar (e.g. "3 photos imported").
    message = Signal(str)
    #: Typing that overlapped a write made elsewhere went to the conflicts (visit id).
    conflict_kept = Signal(str)

    def __init__(
        self,
        tasks: TaskManager,
        home: Home,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.home = home
        self.undo_stack = undo_stack
        self.visit_id: str | None = None
        self.loaded = False  # the shown visit's fields are on screen
        self._generation = 0
        self._values: dict[str, str] = {}  # what the form shows, field by field
        self._pending: dict[str, str] = {}  # changed and not yet handed to the database
        self._invalid: dict[str, str] = {}  # refused by the store; kept on screen
        # What the database holds, as far as this editor knows: the base its saves carry
        # (the store refuses a save whose base is stale), and what an outside write is
        # compared with.
        self._stored: dict[str, Any] = {}
        self._inflight: dict[str, str] = {}  # handed to the lane, not yet written
        self._checking = False
        self._in_flight = 0
        self._applying = False

        self.ctx = EditorContext(
            tasks,
            applied=while_alive(self, self._command_applied),
            failed=while_alive(self, self._failed),
            superseded=while_alive(self, self._superseded),
        )

        # -- widgets ---------------------------------------------------------------
        self.title = QLabel()
        self.title.setObjectName("visit_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The visit's date, by its place's name: switching visits of one place shows.
        self.date_label = QLabel(objectName="visit_date")
        self.date_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.save_state = QLabel()
        self.save_state.setObjectName("save_state")
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.save_state.setEnabled(False)  # subtle: drawn in the disabled (grey) colour

        self.form = VisitForm()
        self.interviews = InterviewsTab(self.ctx, undo_stack)
        self.photos = PhotosTab(self.ctx, home, undo_stack)
        self.photos.message.connect(self.message)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, "")
        self.tabs.addTab(self.interviews, "")
        self.tabs.addTab(self.photos, "")
        self.tabs.setDocumentMode(True)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        title_row = QHBoxLayout()
        title_row.addWidget(self.title)
        title_row.addWidget(self.date_label)
        # The commune on the same line: a line less above the notes.
        title_row.addSpacing(12)
        title_row.addWidget(self.subtitle, 1)
        titles.addLayout(title_row)
        header.addLayout(titles, 1)
        header.addWidget(self.save_state)
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(6, 4, 6, 4)
        page_layout.addLayout(header)
        page_layout.addWidget(self.tabs, 1)

        self.empty = QLabel()
        self.empty.setObjectName("empty_state")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        empty_font = self.empty.font()
        empty_font.setPointSizeF(empty_font.pointSizeF() * 1.15)
        self.empty.setFont(empty_font)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.setMinimumSize(420, 300)

        # -- autosave ----------------------------------------------------------------
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(AUTOSAVE_DELAY_MS)
        self._debounce.timeout.connect(self._save_pending)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(AUTOSAVE_MAX_DELAY_MS)
        self._deadline.timeout.connect(self._save_pending)

        f = self.form
        f.visited_on.dateChanged.connect(lambda _d: self._field_changed("visited_on"))
        f.visitors.textChanged.connect(lambda _t: self._field_changed("visitors"))
        f.status.currentIndexChanged.connect(lambda _i: self._field_changed("status"))
        f.summary.textChanged.connect(lambda: self._field_changed("summary"))
        f.notes.textChanged.connect(lambda: self._field_changed("notes"))
        self._undo_keys = _UndoKeys(self)
        for widget in f.field_widgets().values():
            widget.installEventFilter(self._undo_keys)
            inner = widget.findChild(QLineEdit) if isinstance(widget, QDateEdit) else None
            if inner is not None:
                inner.installEventFilter(self._undo_keys)

        self._focus_on_load: str | None = None  # a new visit: its form takes the focus
        self._save_state: tuple[str, str] | None = None  # shown state, error detail
        self._empty_reason: tuple[str, str] = ("none", "")
        self.retranslate_ui()
        self._show_empty("none")

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, self.tr("Visit"))
        self.tabs.setTabText(1, self.tr("Interviews"))
        self.tabs.setTabText(2, self.tr("Photos"))
        self.tabs.setAccessibleName(self.tr("The visit: form, interviews, photos"))
        self._show_date()
        if self._save_state is not None:
            self._show_save_state(*self._save_state)
        self._show_empty(*self._empty_reason, switch=self.stack.currentIndex() == 0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _no_visit_text(self) -> str:
        return self.tr(
            "No visit selected.\n\nChoose a visit in the list, or create one "
            "for the selected place with New visit (Ctrl+N)."
        )

    def _show_date(self) -> None:
        day = self._stored.get("visited_on")
        self.date_label.setText(
            self.tr("— visit of %1").replace("%1", shown_date(day)) if day else ""
        )

    # -- the contract with the shell -------------------------------------------------
    def focus_form_when_shown(self, visit_id: str) -> None:
        """Once ``visit_id`` is shown, put the focus in its form (its first field)."""
        self._focus_on_load = visit_id
        if self.visit_id == visit_id and self.loaded:
            self._focus_form()

    def _focus_form(self) -> None:
        self._focus_on_load = None
        self.tabs.setCurrentWidget(self.form)
        self.form.visited_on.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_visit(self, visit_id: str | None) -> None:
        """Show this visit (None: the empty state). Saves what was typed in the previous one."""
        if visit_id is not None and visit_id == self.visit_id:
            return  # already shown: reloading would move the cursor of someone typing
        if not self.flush():
            # e.g. an implausible date: the store refused it and the visit is left.
            self.message.emit(self.tr("Some changes of the previous visit were not saved."))
        self._generation += 1
        self.ctx.session += 1
        self.visit_id = visit_id
        self.loaded = False
        self._pending.clear()
        self._invalid.clear()
        self._stored.clear()
        self._inflight.clear()
        self._show_date()
        for label in self.form.errors.values():
            label.hide()
        self.interviews.set_visit(visit_id)
        self.photos.set_visit(visit_id)
        if visit_id is None:
            self._show_empty("none")
            return
        self.tabs.setEnabled(False)
        self.stack.setCurrentIndex(1)
        self.save_state.clear()
        self._save_state = None
        generation = self._generation
        self.tasks.run(
            lambda s: _load_visit(s, visit_id),
            while_alive(self, lambda row: self._loaded(generation, row)),
            while_alive(self, lambda exc: self._load_failed(generation, exc)),
            name="load visit",
        )

    def reload(self) -> None:
        """Read the shown visit again (e.g. after a sync changed it)."""
        self.flush()
        visit_id = self.visit_id
        self.visit_id = None
        self.set_visit(visit_id)

    def flush(self) -> bool:
        """Save what is typed but not yet saved, now (record switch, window close).

        Returns False if something could not be saved (it stays on screen with its error).
        """
        self._debounce.stop()
        self._deadline.stop()
        self.photos.flush()
        if self.visit_id is None:
            return True
        if not self._pending:
            if self._in_flight:
                self._barrier()  # an autosave handed to the lane: wait until it is written
            return not self._invalid
        visit_id = self.visit_id
        stale_tries = 0
        while self._pending:
            changes = dict(self._pending)
            self._pending.clear()
            base = self._base_of(changes)
            try:
                row = self.tasks.call(
                    partial(_update_visit, visit_id=visit_id, changes=changes, base=base)
                )
            except StaleWriteError as exc:
                # Written elsewhere meanwhile: merge with it, then save the merge (a few
                # times at most: another program writing without pause keeps winning).
                stale_tries += 1
                self._absorb(exc.params.get("current") or {}, changes)
                if stale_tries >= 5:
                    self._show_save_state("error", self.error_text(exc))
                    return False
                continue
            except ValidationError as exc:
                if not self._refuse_field(exc, changes):
                    break
                self._pending.update(changes)  # the other fields were fine: save them
            except Exception as exc:  # the visit is gone, the disk is full…: keep the text
                for field, value in changes.items():
                    self._pending.setdefault(field, value)
                self._show_save_state("error", self.error_text(exc))
                return False
            else:
                self._note_stored(row, changes)
                self._saved(visit_id)
        if not self._invalid:
            self._show_save_state("saved")
        return not self._invalid and not self._pending

    def _barrier(self) -> None:
        """Wait until every job queued on the (serial) database lane so far is done."""
        if self.tasks.closed:
            return  # the window closed: its lane finished every job already
        try:
            self.tasks.call(lambda _s: None)
        except TimeoutError as exc:
            self._show_save_state("error", self.error_text(exc))

    def new_interview(self) -> None:
        """Open the form for a new interview of the shown visit."""
        if self.visit_id is None:
            return
        self.tabs.setCurrentWidget(self.interviews)
        self.interviews.add_interview()

    def set_writing_mode(self, on: bool) -> None:
        """Only the notes (with the place's name and the save state above them)."""
        if on:
            self.tabs.setCurrentWidget(self.form)
        self.tabs.tabBar().setVisible(not on)
        self.form.fields_box.setVisible(not on)
        self.form.labels["notes"].setVisible(not on)
        self.subtitle.setVisible(not on)
        if on:
            self.form.notes.setFocus()

    def import_photos(self) -> None:
        """Ask for image files and import them into the shown visit (Ctrl+I)."""
        if self.visit_id is None:
            return
        self.tabs.setCurrentWidget(self.photos)
        self.photos.choose_and_import()

    # -- loading -----------------------------------------------------------------------
    def _loaded(self, generation: int, row: dict[str, Any] | None) -> None:
        if generation != self._generation:
            return
        if row is None:
            self._show_empty("gone")
            return
        self.title.setText(row["place_name"])
        self.interviews.visit_date = row["visited_on"]
        bits = [b for b in (row.get("commune"), row.get("departement")) if b]
        self.subtitle.setText(" · ".join(bits))
        self._applying = True
        try:
            for field in VISIT_FIELDS:
                self.form.set_value(field, row[field])
                self._values[field] = self.form.value(field)
                self._stored[field] = row[field]
        finally:
            self._applying = False
        self._show_date()
        self.loaded = True
        self.tabs.setEnabled(True)
        self.stack.setCurrentIndex(1)
        if self._focus_on_load == self.visit_id:
            self._focus_form()

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._show_empty("failed", self.error_text(exc))

    def _show_empty(self, reason: str, detail: str = "", *, switch: bool = True) -> None:
        """The page without a visit: none chosen, gone, or failed to open (with why)."""
        self._empty_reason = (reason, detail)
        if reason == "gone":
            text = self.tr("This visit no longer exists (it may have been deleted).")
        elif reason == "failed":
            text = self.tr("This visit could not be opened: {error}").format(error=detail)
        else:
            text = self._no_visit_text()
        self.empty.setText(text)
        if switch:
            self.stack.setCurrentIndex(0)

    # -- typing and autosave -------------------------------------------------------------
    def _field_changed(self, field: str) -> None:
        if self._applying or not self.loaded or self.visit_id is None:
            return
        before = self._values.get(field, "")
        after = self.form.value(field)
        if after == before:
            return
        self._values[field] = after
        self._pending[field] = after
        self._invalid.pop(field, None)
        self.form.errors[field].hide()
        self.undo_stack.push(
            UpdateCommand(
                self.ctx,
                partial(edit_text, field),
                "visit",
                self.visit_id,
                self.visit_id,
                {field: before},
                {field: after},
                applied=True,
                mergeable=True,
            )
        )
        self._debounce.start()
        if not self._deadline.isActive():
            self._deadline.start()
        self._show_save_state("saving")

    def _save_pending(self) -> None:
        self._debounce.stop()
        self._deadline.stop()
        if not self._pending or self.visit_id is None:
            return
        visit_id = self.visit_id
        changes = dict(self._pending)
        self._pending.clear()
        base = self._base_of(changes)
        self._inflight.update(changes)
        self._in_flight += 1
        self.tasks.run(
            lambda s: s.update("visit", visit_id, changes, base=base),
            while_alive(self, lambda row: self._autosaved(visit_id, changes, row)),
            while_alive(self, lambda exc: self._autosave_failed(visit_id, changes, exc)),
            name="autosave visit",
        )

    def _base_of(self, changes: dict[str, str]) -> dict[str, Any]:
        """The stored values these changes were typed over (what the store must still hold)."""
        return {f: self._stored[f] for f in changes if f in self._stored}

    def _forget_inflight(self, changes: dict[str, str]) -> None:
        for field, value in changes.items():
            if self._inflight.get(field) == value:
                del self._inflight[field]

    def _note_stored(self, row: Any, changes: dict[str, str]) -> None:
        if isinstance(row, dict):
            for field in changes:
                if field in row:
                    self._stored[field] = row[field]
            self._show_date()

    def _autosaved(self, visit_id: str, changes: dict[str, str], row: Any) -> None:
        self._in_flight -= 1
        if visit_id == self.visit_id:
            self._forget_inflight(changes)
            self._note_stored(row, changes)
        self._saved(visit_id)

    def _saved(self, visit_id: str) -> None:
        self.visit_saved.emit(visit_id)
        if visit_id == self.visit_id and not self._pending and not self._in_flight:
            if self._invalid:
                self._show_save_state("error", self.tr("Some changes are not saved (see above)."))
            else:
                self._show_save_state("saved")

    def _autosave_failed(self, visit_id: str, changes: dict[str, str], exc: BaseException) -> None:
        self._in_flight -= 1
        if visit_id != self.visit_id:
            return  # flush() already dealt with the old visit's pending changes
        self._forget_inflight(changes)
        if isinstance(exc, StaleWriteError):
            # Someone wrote these fields since they were loaded (a sync, a resolved
            # conflict, another program): merge the typing with that, then save again.
            self._absorb(exc.params.get("current") or {}, changes)
            self._save_pending()
            return
        if isinstance(exc, ValidationError):
            if self._refuse_field(exc, changes):
                # The rest of the batch was fine: hand it back, unless typed over since.
                for field, value in changes.items():
                    self._pending.setdefault(field, value)
                self._save_pending()
            return
        # Not a problem of one field (the visit is gone, the disk is full…): keep the
        # changes pending so nothing is lost, and say so.
        for field, value in changes.items():
            self._pending.setdefault(field, value)
        self._show_save_state("error", self.error_text(exc))

    def _refuse_field(self, exc: ValidationError, changes: dict[str, str]) -> bool:
        """Show a field's error next to it and drop it from ``changes``; False if the
        error names no field of ``changes`` (then nothing is retried)."""
        field = exc.field
        if field not in changes:
            for other, value in changes.items():
                self._pending.setdefault(other, value)
            self._show_save_state("error", self.error_text(exc))
            return False
        self._invalid[field] = changes.pop(field)
        label = self.form.errors.get(field)
        if label is not None:
            label.setText(self.error_text(exc))
            label.show()
        self._show_save_state("error", self.tr("Some changes are not saved (see above)."))
        return True

    def _show_save_state(self, state: str, detail: str = "") -> None:
        self._save_state = (state, detail)
        if state == "saving":
            self.save_state.setText(self.tr("Saving…"))
            self.save_state.setToolTip("")
        elif state == "saved":
            self.save_state.setText(self.tr("Saved"))
            self.save_state.setToolTip(self.tr("Everything you typed is saved on this computer."))
        else:
            self.save_state.setText(self.tr("Not saved"))
            self.save_state.setToolTip(detail)
        # Saving/saved: subtle (the disabled grey); a failure stands out, in red.
        self.save_state.setEnabled(state == "error")
        self.save_state.setStyleSheet(
            "color: #b3261e; font-weight: bold;" if state == "error" else ""
        )
        self.save_state.setProperty("state", state)

    # -- writes made elsewhere -------------------------------------------------------------
    def check_external(self) -> None:
        """Something wrote the database (a sync, a resolved conflict, an undo, the CLI):
        re-read the shown visit and take in what changed, merging with unsaved typing."""
        self.interviews.check_external()
        self.photos.check_external()
        if self.visit_id is None or not self.loaded or self._checking:
            return
        self._checking = True
        generation, visit_id = self._generation, self.visit_id

        def done(row: dict[str, Any] | None) -> None:
            self._checking = False
            if generation == self._generation and self.loaded:
                self._external_loaded(row)

        def failed(_exc: BaseException) -> None:
            self._checking = False

        self.tasks.run(
            lambda s: _load_visit(s, visit_id),
            while_alive(self, done),
            while_alive(self, failed),
            name="check visit",
        )

    def _external_loaded(self, row: dict[str, Any] | None) -> None:
        if row is None:
            if not self._pending and not self._inflight:
                self._show_empty("gone")
            return
        self.title.setText(row["place_name"])
        changed = {
            f: row[f]
            for f in VISIT_FIELDS
            if row[f] != self._stored.get(f)
            # Our own autosave, written but not yet reported back: not news.
            and not (f in self._inflight and self._inflight[f] == row[f])
        }
        if changed:
            self._absorb(changed, {})
            if self._pending:
                self._debounce.start()

    def _absorb(self, current: dict[str, Any], unsent: dict[str, str]) -> None:
        """Take in values written elsewhere, field by field.

        A field not touched here shows the new value. A field with unsaved typing is merged
        as a conflict would be (both edits kept when they touch different words); when the
        edits overlap, the stored value is shown and the typed text goes to the conflicts
        view, where the person chooses (nothing is thrown away).
        """
        merged: list[str] = []
        conflicts: dict[str, tuple[Any, Any, Any]] = {}
        self._applying = True
        try:
            for field, theirs in current.items():
                if field not in VISIT_FIELDS:
                    continue
                base = self._stored.get(field)
                self._stored[field] = theirs
                mine = self._values.get(field, "")
                touched = field in self._pending or field in unsent or mine != base
                if not touched:
                    self._show_value(field, theirs)
                    continue
                ok, value = merge_value(base, mine, theirs, text=field in FREE_TEXT_FIELDS)
                if ok:
                    if value != mine:
                        self._show_value(field, value)
                    if value != theirs:
                        self._pending[field] = str(value)
                    else:
                        self._pending.pop(field, None)
                    merged.append(field)
                else:
                    conflicts[field] = (mine, theirs, base)
                    self._pending.pop(field, None)
                    self._show_value(field, theirs)
        finally:
            self._applying = False
        self._show_date()
        self.ctx.session += 1  # an undo step never spans a write made elsewhere
        if conflicts and self.visit_id is not None:
            visit_id = self.visit_id
            self.tasks.run(
                lambda s: keep_as_conflict(
                    s,
                    "visit",
                    visit_id,
                    mine={f: c[0] for f, c in conflicts.items()},
                    theirs={f: c[1] for f, c in conflicts.items()},
                    base={f: c[2] for f, c in conflicts.items()},
                ),
                while_alive(self, lambda _id: self.conflict_kept.emit(visit_id)),
                while_alive(self, self._failed),
                name="keep typing as a conflict",
            )
            self.message.emit(
                self.tr(
                    "This visit was changed elsewhere while you typed: your text is kept "
                    "in the conflicts (Synchronisation → Conflicts…) to choose from."
                )
            )
        elif merged and self._pending:
            self.message.emit(
                self.tr("This visit was changed elsewhere while you typed: both are kept (merged).")
            )
        if not self._pending and not self._in_flight and not self._invalid:
            self._show_save_state("saved")

    def _show_value(self, field: str, value: Any) -> None:
        if self._values.get(field) != ("" if value is None else str(value)):
            self.form.set_value(field, value, keep_cursor=True)
        self._values[field] = self.form.value(field)

    # -- undo/redo results -----------------------------------------------------------------
    def _superseded(self, kind: str, record_id: str, values: dict[str, Any]) -> None:
        """An undo/redo is about to write these values: show them now, and drop any
        pending autosave of the same fields (the command's value wins)."""
        if kind != "visit" or record_id != self.visit_id:
            return
        self._applying = True
        try:
            for field, value in values.items():
                self._pending.pop(field, None)
                if field not in VISIT_FIELDS or not self.loaded:
                    continue
                if self._values.get(field) != value:
                    self.form.set_value(field, value, keep_cursor=True)
                    self._values[field] = self.form.value(field)
                if self._invalid.pop(field, None) is not None:
                    self.form.errors[field].hide()
        finally:
            self._applying = False
        self.ctx.session += 1

    def _command_applied(self, kind: str, visit_id: str, result: Any) -> None:
        self.visit_saved.emit(visit_id)
        if visit_id != self.visit_id:
            return
        if kind == "visit" and isinstance(result, dict):
            self._applying = True
            try:
                for field in VISIT_FIELDS:
                    self._stored[field] = result[field]
                    if field in self._pending:
                        continue  # typed since: the newer text stays
                    if self._values.get(field) != result[field]:
                        self.form.set_value(field, result[field], keep_cursor=True)
                        self._values[field] = self.form.value(field)
                    if field in self._invalid and self._invalid[field] != self._values[field]:
                        del self._invalid[field]
                        self.form.errors[field].hide()
            finally:
                self._applying = False
            self._show_date()
            self.ctx.session += 1
            if not self._pending and not self._invalid:
                self._show_save_state("saved")
        elif kind == "interview":
            self.interviews.reload()
        elif kind == "photo":
            self.photos.reload()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError) and exc.field in self.form.errors:
            label = self.form.errors[exc.field]
            label.setText(self.error_text(exc))
            label.show()
        self._show_save_state("error", self.error_text(exc))
        self.message.emit(self.error_text(exc))

    def error_text(self, exc: BaseException) -> str:
        """A translated sentence for a core error (by its code), else its English message."""
        if isinstance(exc, FieldKitError):
            params = exc.params
            if exc.code == "implausible_date":
                day = QDate.fromString(str(params.get("value", "")), Qt.DateFormat.ISODate)
                return self.tr(
                    "{date} is not a plausible visit date (from 2000 to a year from now)."
                ).format(date=day.toString("dd/MM/yyyy") if day.isValid() else params.get("value"))
            if exc.code == "bad_date":
                return self.tr("This is not a valid date.")
            if exc.code == "bad_status":
                return self.tr("Unknown status.")
            if isinstance(exc, NotFoundError) or exc.code == "missing_parent":
                return self.tr("This record no longer exists (it may have been deleted).")
        return error_message(exc)

    # -- closing ---------------------------------------------------------------------------
    def hideEvent(self, event: Any) -> None:
        # Closing the window (or the shell hiding the editor) saves what was just typed.
        self.flush()
        super().hideEvent(event)


class _UndoKeys(QObject):
    """Sends Ctrl+Z / Ctrl+Shift+Z typed in a form field to the window's undo stack."""

    def __init__(self, editor: VisitEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Undo):
                command = self.editor.undo_stack
                if event.type() == QEvent.Type.KeyPress:
                    command.undo()
                event.accept()
                return event.type() == QEvent.Type.KeyPress
            if event.matches(QKeySequence.StandardKey.Redo):
                if event.type() == QEvent.Type.KeyPress:
                    self.editor.undo_stack.redo()
                event.accept()
                return event.type() == QEvent.Type.KeyPress
        if event.type() == QEvent.Type.FocusIn:
            self.editor.ctx.session += 1  # a new visit to a field, a new undo step
        return False


def edit_text(field: str) -> str:
    """The undo text of an edit of ``field``, in the current language."""
    texts = {
        "visited_on": QCoreApplication.translate("VisitEditor", "Change visit date"),
        "visitors": QCoreApplication.translate("VisitEditor", "Edit visitors"),
        "status": QCoreApplication.translate("VisitEditor", "Change visit status"),
        "summary": QCoreApplication.translate("VisitEditor", "Edit summary"),
        "notes": QCoreApplication.translate("VisitEditor", "Edit notes"),
    }
    return texts[field]


def _update_visit(
    store: Store, *, visit_id: str, changes: dict[str, str], base: dict[str, Any] | None = None
) -> dict[str, Any]:
    return store.update("visit", visit_id, changes, base=base)


def _load_visit(store: Store, visit_id: str) -> dict[str, Any] | None:
    """The visit with its place's name, commune and département (None if it is gone)."""
    visit = store.get("visit", visit_id)
    place = store.get("place", visit["place_id"]) if visit else None
    if visit is None or place is None:
        return None
    return {
        **visit,
        "place_name": place["name"],
        "commune": place["commune"],
        "departement": place["departement"],
    }
