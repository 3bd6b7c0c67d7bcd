"""Édition → « Durée de conservation des noms… »: the retention date, with the same preview
as ``fieldkit retention DATE --dry-run`` before anything is written (docs/privacy.md).

The dialog computes :func:`fieldkit.retention.plan` on the database lane when it opens and
shows what will change (counts per kind of change, a few samples), the samples passed
through the output gate exactly as the CLI passes them (a gate that names nobody), so no
hidden name shows. « Appliquer » sets the date and, once the date has come, writes the
plan, on the lane too; if the mission changed since the preview, nothing is written and
the new preview is shown. « Retirer la date » removes the date (names already replaced
stay pseudonyms).

The core and the CLI let every role set the date, so the app does too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit import retention
from fieldkit.gate import OutputGate
from fieldkit.retention import RetentionPlan
from fieldkit.store import Change, Store
from ui.i18n import error_message
from ui.tasks import TaskManager

SAMPLES_PER_FIELD = 3  # as many as `fieldkit retention --dry-run` prints
DATE_FORMAT = "dd/MM/yyyy"


@dataclass
class RetentionPreview:
    """What the dialog shows: the plan, and its samples as an output prints them."""

    plan: RetentionPlan
    samples: list[tuple[str, str, str]]  # (kind, field, text as it will read)
    date: str | None  # the date stored now


@dataclass
class RetentionOutcome:
    """What « Appliquer » did. ``stale``: the mission changed since the preview, nothing
    was written; it holds the new preview."""

    date: str | None = None
    due: bool = False  # the date has come: the stored names were rewritten
    applied: int = 0  # field changes written
    renamed: int = 0  # interviews whose name became a label
    pending: int = 0  # changes previewed, to be written once the date has come
    records: list[Change] = field(default_factory=list)
    stale: RetentionPreview | None = None


def preview(store: Store) -> RetentionPreview:
    """The database lane's job: the plan and its samples, as ``--dry-run`` makes them."""
    plan = retention.plan(store)
    # Samples are outputs: through a gate that names nobody, as after the date.
    gate = OutputGate.for_store(store, with_names=False)
    shown: dict[tuple[str, str], int] = {}
    samples = []
    for change in plan.changes:
        key = (change.kind, change.field)
        if shown.get(key, 0) >= SAMPLES_PER_FIELD:
            continue
        shown[key] = shown.get(key, 0) + 1
        samples.append((change.kind, change.field, change.sample(gate)))
    return RetentionPreview(plan, samples, retention.get_date(store))


def apply(store: Store, day: str, previewed: RetentionPlan) -> RetentionOutcome:
    """The database lane's job for « Appliquer »: set the date; once it has come, write the
    changes, provided they are still those the person saw (a date already come is not set
    either otherwise: the next sync would write the changes unseen)."""
    if dt.date.fromisoformat(day) > store.today():
        retention.set_date(store, day)
        return RetentionOutcome(date=day, pending=len(previewed.changes))
    current = retention.plan(store)
    if current.changes != previewed.changes:
        return RetentionOutcome(stale=preview(store))
    retention.set_date(store, day)
    outcome = RetentionOutcome(date=day, due=True)
    outcome.renamed = retention.apply(store, current)
    outcome.applied = len(current.changes) if current.retained is not None else 0
    records = dict.fromkeys((c.kind, c.id) for c in current.changes) if outcome.applied else {}
    outcome.records = [Change(kind, rid, "update") for kind, rid in records]
    return outcome


# The order the preview lists changes in: name fields first, then the free texts.
ORDER = (
    ("interview", "person_name"),
    ("interview", "organisation"),
    ("interview", "notes"),
    ("interview", "quotes"),
    ("visit", "notes"),
    ("visit", "summary"),
    ("photo", "caption"),
    ("place", "description"),
)


def _in_order(key: tuple[str, str]) -> tuple[int, tuple[str, str]]:
    return (ORDER.index(key) if key in ORDER else len(ORDER), key)


def clear(store: Store) -> None:
    retention.set_date(store, None)


_W = TypeVar("_W", bound=QWidget)


def _named(widget: _W, name: str) -> _W:
    widget.setObjectName(name)
    return widget


def format_day(day: str) -> str:
    """A stored date (YYYY-MM-DD) as the dialog writes it (dd/MM/yyyy)."""
    return QDate.fromString(day, "yyyy-MM-dd").toString(DATE_FORMAT)


class RetentionDialog(QDialog):
    """Pick the retention date, see what it changes, apply it or remove it."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("retentionDialog")
        self.main_window = window
        self.tasks: TaskManager = window.tasks
        self.shown_preview: RetentionPreview | None = None
        self.outcome: RetentionOutcome | None = None
        self.busy = False
        self._status: Callable[[], str] = lambda: ""
        self._after_load: Callable[[], str] = lambda: ""
        self._build_widgets()
        self.retranslate_ui()
        self.load_preview()

    # == widgets ===========================================================================
    def _build_widgets(self) -> None:
        self.intro = _named(QLabel(), "retentionIntro")
        self.intro.setWordWrap(True)
        self.current_label = _named(QLabel(), "retentionCurrent")
        self.current_label.setWordWrap(True)
        self.date_label = QLabel()
        # No date yet: a year ahead, so « Appliquer » on the default rewrites nothing today.
        self.date_edit = _named(QDateEdit(self._today().addYears(1)), "retentionDate")
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setCalendarPopup(True)
        self.date_label.setBuddy(self.date_edit)
        self.date_edit.dateChanged.connect(lambda _: self._show_preview())
        form = QFormLayout()
        form.addRow(self.date_label, self.date_edit)

        self.preview_label = QLabel()
        self.preview_text = _named(QPlainTextEdit(), "retentionPreview")
        self.preview_text.setReadOnly(True)
        self.preview_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.preview_label.setBuddy(self.preview_text)
        self.busy_bar = _named(QProgressBar(), "retentionBusy")
        self.busy_bar.setRange(0, 0)  # plan() tells no progress: an indeterminate bar
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.status_label = _named(QLabel(), "retentionStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.apply_button = _named(QPushButton(), "retentionApply")
        self.apply_button.setAutoDefault(False)  # Enter in the date field never writes
        self.apply_button.clicked.connect(self.apply)
        self.clear_button = _named(QPushButton(), "retentionClear")
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear_date)
        self.close_button = _named(QPushButton(), "retentionClose")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.current_label)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview_text, 1)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.resize(760, 560)
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Retention of names"))
        self.intro.setText(
            self.tr(
                "From the retention date, every output (reports, exports, listings) shows "
                "each interviewee by their pseudonym, consent or not. Once the date has "
                "come, the stored names are replaced too: the name fields, and full names "
                "written exactly as stored in the notes. Nothing else is rewritten; the next "
                "sync carries the changes to every computer."
            )
        )
        self.date_label.setText(self.tr("Retention &date:"))
        self.date_edit.setAccessibleName(self.tr("Retention date"))
        self.date_edit.setToolTip(self.tr("Day/month/year"))
        self.preview_label.setText(self.tr("What &will change (nothing is written yet):"))
        self.preview_text.setAccessibleName(self.tr("Preview of the changes"))
        self.busy_bar.setAccessibleName(self.tr("Working"))
        self.status_label.setAccessibleName(self.tr("Result"))
        self.apply_button.setText(self.tr("&Apply"))
        self.apply_button.setAccessibleName(self.tr("Apply the retention date"))
        self.apply_button.setToolTip(
            self.tr("Set the date; once it has come, replace the stored names as previewed")
        )
        self.clear_button.setText(self.tr("&Remove the date"))
        self.clear_button.setAccessibleName(self.tr("Remove the retention date"))
        self.close_button.setText(self.tr("&Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self._show_current()
        self._show_preview()
        self.status_label.setText(self._status())

    # == preview ===========================================================================
    def load_preview(self, then: Callable[[], str] | None = None) -> None:
        """Compute the plan on the database lane; the preview shows it when it comes
        (``then``: the status to show after it, say what was just applied)."""
        self._after_load = then or (lambda: "")
        self._set_busy(True, lambda: self.tr("Reading the mission…"))
        self.tasks.run(preview, self._preview_loaded, self._failed, name="retention preview")

    def _preview_loaded(self, result: RetentionPreview) -> None:
        if not shiboken6.isValid(self):
            return
        first = self.shown_preview is None
        self.shown_preview = result
        if first and result.date:
            self.date_edit.setDate(QDate.fromString(result.date, "yyyy-MM-dd"))
        self._set_busy(False, self._after_load)
        self._show_current()
        self._show_preview()

    def chosen_day(self) -> str:
        return self.date_edit.date().toString("yyyy-MM-dd")

    def _show_current(self) -> None:
        shown = self.shown_preview
        if shown is None:
            self.current_label.setText("")
        elif shown.date:
            self.current_label.setText(
                self.tr("Retention date set now: %1.").replace("%1", format_day(shown.date))
            )
        else:
            self.current_label.setText(
                self.tr("No retention date is set: consenting people may be named in outputs.")
            )

    def _show_preview(self) -> None:
        shown = self.shown_preview
        if shown is None:
            self.preview_text.setPlainText("")
            return
        self.preview_text.setPlainText(self.preview_lines(shown))

    def preview_lines(self, shown: RetentionPreview) -> str:
        """The dry run's text in the interface's language (counts, then samples)."""
        day = self.date_edit.date()
        if day <= self._today():
            head = self.tr(
                "The date has come: « Apply » replaces at once what follows, on this computer "
                "now and everywhere at the next sync."
            )
        else:
            head = self.tr(
                "From %1, outputs show pseudonyms only; then what follows is replaced (at "
                "the first sync from that day, or here with « Apply »)."
            ).replace("%1", day.toString(DATE_FORMAT))
        lines = [head, ""]
        plan = shown.plan
        if not plan.changes:
            lines.append(self.tr("Nothing to replace: no stored name is left."))
            return "\n".join(lines)
        lines.append(self.tr("%n change(s):", "", len(plan.changes)))
        counts = plan.counts()
        for kind, name in sorted(counts, key=_in_order):
            lines.append(f"  {counts[kind, name]:>6}  {self.change_kind(kind, name)}")
        lines += ["", self.tr("Samples (as they will read):")]
        for kind, name, text in sorted(shown.samples, key=lambda s: _in_order(s[:2])):
            lines.append(f"  {self.change_kind(kind, name)} — « {text} »")
        lines += [
            "",
            self.tr(
                "Left as they are: first names or surnames alone, and any form not written "
                "exactly as the full name (outputs hide them); the visits' staff and the "
                "places' directory fields."
            ),
        ]
        return "\n".join(lines)

    def change_kind(self, kind: str, name: str) -> str:
        """A (record kind, field) pair of the plan as a person reads it."""
        texts = {  # in the order of ORDER
            ("interview", "person_name"): self.tr("Interview: name replaced by its pseudonym"),
            ("interview", "organisation"): self.tr(
                "Interview: organisation named after the person, replaced by its kind"
            ),
            ("interview", "notes"): self.tr("Interview notes: full name replaced"),
            ("interview", "quotes"): self.tr("Interview quotes: full name replaced"),
            ("visit", "notes"): self.tr("Visit notes: full name replaced"),
            ("visit", "summary"): self.tr("Visit summary: full name replaced"),
            ("photo", "caption"): self.tr("Photo caption: full name replaced"),
            ("place", "description"): self.tr("Place description: full name replaced"),
        }
        return texts.get((kind, name), f"{kind} {name}")

    def _today(self) -> QDate:
        today: dt.date = self.tasks.store.today()
        return QDate(today.year, today.month, today.day)

    # == writing ===========================================================================
    def apply(self) -> None:
        shown = self.shown_preview
        if shown is None or self.busy:
            return
        day = self.chosen_day()
        self.main_window.editor.flush()  # typing not yet saved goes in before the rewrite
        self._set_busy(True, lambda: self.tr("Applying…"))
        self.tasks.run(
            lambda store: apply(store, day, shown.plan),
            self._applied,
            self._failed,
            name="retention apply",
        )

    def _applied(self, outcome: RetentionOutcome) -> None:
        if not shiboken6.isValid(self):
            return
        self.outcome = outcome
        if outcome.stale is not None:
            self.shown_preview = outcome.stale
            self._set_busy(False, self._stale_text)
            self._show_current()
            self._show_preview()
            return
        if self.shown_preview is not None:
            self.shown_preview.date = outcome.date
        self._set_busy(False, lambda: self.outcome_text(outcome))
        self._show_current()
        if outcome.applied:
            # An undo could write a replaced name back: nothing to undo into.
            self.main_window.undo_stack.clear()
            self.main_window.refresh_all()
            # The sync learns of local changes; the open visit redraws from the window's
            # database watcher, which merges with unsaved typing.
            self.main_window.data_changed.emit(outcome.records)
            # What is left to replace (nothing), under what was done.
            self.load_preview(then=lambda: self.outcome_text(outcome))

    def _stale_text(self) -> str:
        return self.tr(
            "The mission changed since the preview: nothing was written. Check the new "
            "preview, then apply again."
        )

    def outcome_text(self, outcome: RetentionOutcome) -> str:
        when = format_day(outcome.date or "")
        if not outcome.due:
            return self.tr("Retention date set: %1. Nothing stored was rewritten yet; ").replace(
                "%1", when
            ) + self.tr(
                "%n change(s) previewed will be applied once the date has come.",
                "",
                outcome.pending,
            )
        if not outcome.applied:
            return self.tr(
                "Retention date set: %1. Nothing was rewritten: no stored name is left."
            ).replace("%1", when)
        return (
            self.tr("Retention date set: %1. ").replace("%1", when)
            + self.tr("%n change(s) applied", "", outcome.applied)
            + self.tr(", %n name(s) replaced by their pseudonym.", "", outcome.renamed)
            + " "
            + self.tr(
                "Left untouched: first names or surnames alone and other forms of the names "
                "(outputs hide them), the visits' staff and the places' directory fields. "
                "The next sync carries the changes to the server."
            )
        )

    def clear_date(self) -> None:
        if self.busy:
            return
        self._set_busy(True, lambda: self.tr("Applying…"))
        self.tasks.run(clear, lambda _: self._cleared(), self._failed, name="retention clear")

    def _cleared(self) -> None:
        if not shiboken6.isValid(self):
            return
        if self.shown_preview is not None:
            self.shown_preview.date = None
        self._set_busy(
            False,
            lambda: self.tr(
                "The retention date is removed. Names already replaced stay pseudonyms."
            ),
        )
        self._show_current()

    # == state =============================================================================
    def _set_busy(self, busy: bool, status: Callable[[], str]) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self._status = status
        self.status_label.setText(status())
        self._update_buttons()

    def _update_buttons(self) -> None:
        shown = self.shown_preview
        self.apply_button.setEnabled(not self.busy and shown is not None)
        self.clear_button.setEnabled(not self.busy and bool(shown and shown.date))
        self.date_edit.setEnabled(not self.busy)

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        message = error_message(exc)
        self._set_busy(False, lambda: self.tr("Nothing was changed: %1").replace("%1", message))

    def reject(self) -> None:
        if self.busy:
            return  # a write is under way: its result must be seen
        super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)


class RetentionAction(QAction):
    """Édition → « Durée de conservation des noms… »: opens (or brings back) the dialog."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("retentionAction")
        self.main_window = window
        self.dialog: RetentionDialog | None = None
        self.triggered.connect(self.open_dialog)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("Name re&tention…"))
        self.setToolTip(
            self.tr("The date from which no interviewee is named, and what it replaces")
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.main_window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def open_dialog(self) -> RetentionDialog:
        dialog = self.dialog
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = self.dialog = RetentionDialog(self.main_window)
        elif not dialog.busy:
            dialog.load_preview()  # the mission may have changed since
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog


def install_retention_action(window: Any) -> RetentionAction:
    """Add the action to the Edit menu, after the erasure actions
    (``window.edit_menu``, ``window.erase_visit_action``: the hook points it uses)."""
    action = RetentionAction(window)
    actions = window.edit_menu.actions()
    after = actions.index(window.erase_visit_action) + 1
    if after < len(actions):
        window.edit_menu.insertAction(actions[after], action)
    else:
        window.edit_menu.addAction(action)
    window.retention_action = action
    return action
