"""The conflicts view: for each conflicting record, the fields side by side (theirs / mine)
and, per field, a choice or an edited merge. Resolving is an ordinary edit that syncs
(:func:`fieldkit.sync.resolve_conflict`)."""

from __future__ import annotations

import difflib
import html
import re
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldkit.store import Store
from fieldkit.sync import resolve_conflict
from fieldkit.sync.pending import record_title
from ui.i18n import error_message, field_label
from ui.models import local_dates_in
from ui.tasks import TaskManager

Index = QModelIndex | QPersistentModelIndex


def load_conflicts(store: Store) -> list[dict[str, Any]]:
    """Open conflicts with a title for their record (runs on the database lane)."""
    rows = store.open_conflicts()
    for row in rows:
        row["title"] = record_title(store, row["kind"], row["record_id"])
    return rows


class ConflictListModel(QAbstractTableModel):
    """One row per open conflict: record kind, record title, fields in conflict."""

    COLUMNS = ("kind", "title", "fields")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def _kind_label(self, kind: str) -> str:
        return {
            "place": self.tr("Place"),
            "visit": self.tr("Visit"),
            "interview": self.tr("Interview"),
            "photo": self.tr("Photo"),
        }.get(kind, kind)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            # The tooltip carries the whole text of a cell the narrow list elides.
            if column == "kind":
                return self._kind_label(row["kind"])
            if column == "title":
                return local_dates_in(row["title"])
            return ", ".join(_field_name(f) for f in sorted(row["mine"]))
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (self.tr("Record"), self.tr("Title"), self.tr("Fields in conflict"))[section]


def _field_name(field: str) -> str:
    """A field's name for people (the shared labels, plus those only conflicts show)."""
    own = {
        "deleted": QCoreApplication.translate("Conflicts", "Deleted"),
        "notes": QCoreApplication.translate("Conflicts", "Notes"),
        "summary": QCoreApplication.translate("Conflicts", "Summary"),
        "tags": QCoreApplication.translate("Conflicts", "Tags"),
        "visitors": QCoreApplication.translate("Conflicts", "Visitors"),
        "person_name": QCoreApplication.translate("Conflicts", "Person"),
        "role": QCoreApplication.translate("Conflicts", "Role"),
        "organisation": QCoreApplication.translate("Conflicts", "Organisation"),
        "consent": QCoreApplication.translate("Conflicts", "Consent"),
        "consent_on": QCoreApplication.translate("Conflicts", "Consent date"),
        "pseudonymise": QCoreApplication.translate("Conflicts", "Pseudonymise in reports"),
        "quotes": QCoreApplication.translate("Conflicts", "Key quotes"),
        "caption": QCoreApplication.translate("Conflicts", "Caption"),
        "in_report": QCoreApplication.translate("Conflicts", "In the report"),
        "position": QCoreApplication.translate("Conflicts", "Position"),
    }
    return own.get(field) or field_label(field).replace("_", " ")


_UNKNOWN = object()  # no common version recorded for this field
_OLD = "background: #ffd8a8;"  # what the other version does not have
_NEW = "background: #b7e4c7;"


def word_diff_html(theirs: str, mine: str) -> tuple[str, str]:
    """Both texts as HTML, the words where they differ highlighted (word by word, so a
    changed ending in a long note stands out)."""
    a = re.split(r"(\s+)", theirs)
    b = re.split(r"(\s+)", mine)
    theirs_html: list[str] = []
    mine_html: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        left, right = html.escape("".join(a[i1:i2])), html.escape("".join(b[j1:j2]))
        if op == "equal":
            theirs_html.append(left)
            mine_html.append(right)
            continue
        if left:
            theirs_html.append(f'<span style="{_OLD}">{left}</span>')
        if right:
            mine_html.append(f'<span style="{_NEW}">{right}</span>')

    def page(parts: list[str]) -> str:
        return '<p style="white-space: pre-wrap;">' + "".join(parts) + "</p>"

    return page(theirs_html), page(mine_html)


class FieldChoice(QWidget):
    """One conflicting field: theirs and mine side by side, and the value to keep.

    Text fields get an editable result (a merge by hand), prefilled with theirs, and two
    buttons that copy theirs or mine into it; other values (dates of deletion, numbers,
    tags, yes/no) are a choice between the two.
    """

    def __init__(
        self,
        field: str,
        theirs: Any,
        mine: Any,
        parent: QWidget | None = None,
        *,
        base: Any = _UNKNOWN,
    ):
        super().__init__(parent)
        self.field, self.theirs, self.mine, self.base = field, theirs, mine, base
        self.is_text = isinstance(theirs, str | None) and isinstance(mine, str | None)
        self.is_text = self.is_text and field != "deleted"
        self.result_edit: QPlainTextEdit | None = None
        self.result_combo: QComboBox | None = None
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.theirs_view = self._view(theirs)
        self.mine_view = self._view(mine)
        if self.is_text:
            # Both versions often start alike: the words that differ are highlighted.
            theirs_html, mine_html = word_diff_html(theirs or "", mine or "")
            self.theirs_view.setHtml(theirs_html)
            self.mine_view.setHtml(mine_html)
        layout.addWidget(self.theirs_view, 0, 0)
        layout.addWidget(self.mine_view, 0, 1)
        self.base_label: QLabel | None = None
        if base is not _UNKNOWN:
            # The common version both changes started from, when the sync knows it.
            self.base_label = QLabel(objectName=f"base_{field}")
            self.base_label.setWordWrap(True)
            self.base_label.setEnabled(False)  # grey: context, not a choice
            self.base_label.setText(
                self.tr("Before both changes: %1").replace("%1", self._text(base))
            )
            layout.addWidget(self.base_label, 1, 0, 1, 2)
        if self.is_text:
            self.result_label = QLabel(
                self.tr("&Value to keep (edit it to merge both):"), objectName=f"label_{field}"
            )
            self.result_edit = QPlainTextEdit(theirs or "", objectName=f"result_{field}")
            self.result_label.setBuddy(self.result_edit)
            self.result_edit.setMaximumHeight(90)
            self.use_theirs = QPushButton(self.tr("Keep theirs"), objectName=f"theirs_{field}")
            self.use_mine = QPushButton(self.tr("Keep mine"), objectName=f"mine_{field}")
            self.use_theirs.clicked.connect(lambda: self._put(theirs))
            self.use_mine.clicked.connect(lambda: self._put(mine))
            buttons = QHBoxLayout()
            buttons.addWidget(self.use_theirs)
            buttons.addWidget(self.use_mine)
            buttons.addStretch(1)
            layout.addWidget(self.result_label, 2, 0, 1, 2)
            layout.addWidget(self.result_edit, 3, 0, 1, 2)
            layout.addLayout(buttons, 4, 0, 1, 2)
        else:
            self.result_combo = QComboBox(objectName=f"result_{field}")
            self.result_combo.addItem(self.tr("Theirs: %1").replace("%1", self._text(theirs)))
            self.result_combo.addItem(self.tr("Mine: %1").replace("%1", self._text(mine)))
            layout.addWidget(self.result_combo, 2, 0, 1, 2)

    def _text(self, value: Any) -> str:
        if self.field == "deleted":
            return self.tr("deleted") if value else self.tr("kept")
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, list):
            return ", ".join(map(str, value)) or "—"
        return str(value)

    def _view(self, value: Any) -> QTextEdit:
        view = QTextEdit()
        view.setPlainText(self._text(value))
        view.setReadOnly(True)
        view.setMaximumHeight(90)
        return view

    def _put(self, value: Any) -> None:
        assert self.result_edit is not None
        self.result_edit.setPlainText(value or "")

    def choose_mine(self) -> None:
        if self.result_edit is not None:
            self._put(self.mine)
        elif self.result_combo is not None:
            self.result_combo.setCurrentIndex(1)

    def value(self) -> Any:
        if self.result_edit is not None:
            return self.result_edit.toPlainText()
        assert self.result_combo is not None
        return self.mine if self.result_combo.currentIndex() == 1 else self.theirs


class ConflictsDialog(QDialog):
    """The open conflicts on the left; the selected one's fields on the right."""

    resolved = Signal(str)  # conflict id, after its resolution is written

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.tasks = tasks
        self.model = ConflictListModel(self)
        self.list_view = QTableView(objectName="conflictList")
        self.list_view.setModel(self.model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list_view.horizontalHeader()
        # Kind and fields as wide as their texts (and headers): « Champs en conflit » whole.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.list_view.verticalHeader().hide()
        self.list_view.setWordWrap(False)
        self.list_view.setMinimumWidth(320)
        self.list_view.selectionModel().currentRowChanged.connect(self._show_selected)

        self.heading = QLabel(objectName="conflictHeading")
        self.heading.setWordWrap(True)
        self.fields_box = QWidget()
        self.fields_layout = QGridLayout(self.fields_box)
        scroll = self.fields_scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields_box)
        self.error_label = QLabel(objectName="conflictErrorLabel")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.resolve_button = QPushButton(objectName="resolveButton")
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.resolve_button.setEnabled(False)
        self.empty_label = QLabel(objectName="noConflictLabel")

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self.error_label)
        right_layout.addWidget(self.resolve_button)
        splitter = QSplitter()
        splitter.addWidget(self.list_view)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([340, 640])
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.close_buttons)
        self.choices: list[FieldChoice] = []
        self.current: dict[str, Any] | None = None
        self.resize(1000, 560)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.resolve_button.setText(self.tr("Resolve with these values"))
        self.empty_label.setText(self.tr("No conflict to resolve."))
        self.list_view.setAccessibleName(self.tr("Conflicts"))
        self.fields_scroll.setAccessibleName(self.tr("The values to choose between"))
        if getattr(self, "current", None) is not None:
            self._show(self.current)  # its fields' texts in the new language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def reload(self) -> None:
        self.tasks.run(load_conflicts, self._loaded, self._show_error, name="conflicts")

    def _loaded(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        if rows:
            self.list_view.selectRow(0)
        else:
            self._show(None)

    def _show_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < len(self.model.rows):
            self._show(self.model.rows[current.row()])
        else:
            self._show(None)

    def _show(self, conflict: dict[str, Any] | None) -> None:
        self.current = conflict
        self.error_label.hide()
        for choice in self.choices:
            choice.setParent(None)
            choice.deleteLater()
        self.choices = []
        while self.fields_layout.count():
            item = self.fields_layout.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.resolve_button.setEnabled(conflict is not None)
        if conflict is None:
            self.heading.setText("")
            return
        self.heading.setText(
            self.tr("%1 “%2”: changed on the server and on this computer.")
            .replace("%1", self.model._kind_label(conflict["kind"]))
            .replace("%2", local_dates_in(conflict["title"]))
        )
        self.fields_layout.addWidget(QLabel(self.tr("Field")), 0, 0)
        header = QWidget()
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        for text in (self.tr("On the server"), self.tr("On this computer")):
            title = QLabel(f"<b>{text}</b>")
            header_layout.addWidget(title, 1)
        self.fields_layout.addWidget(header, 0, 1)
        self.fields_layout.setColumnStretch(1, 1)
        fields = sorted(set(conflict["mine"]) | set(conflict["theirs"]))
        for row, field in enumerate(fields, start=1):
            label = QLabel(_field_name(field))
            label.setAlignment(Qt.AlignmentFlag.AlignTop)
            base = conflict.get("base") or {}
            choice = FieldChoice(
                field,
                conflict["theirs"].get(field),
                conflict["mine"].get(field),
                base=base.get(field, _UNKNOWN),
            )
            self.fields_layout.addWidget(label, row, 0)
            self.fields_layout.addWidget(choice, row, 1)
            self.choices.append(choice)
        # The fields keep their natural height at the top; the room left stays below.
        for row in range(self.fields_layout.rowCount()):
            self.fields_layout.setRowStretch(row, 0)
        self.fields_layout.setRowStretch(len(fields) + 1, 1)

    def chosen_values(self) -> dict[str, Any]:
        return {c.field: c.value() for c in self.choices}

    def resolve_selected(self) -> None:
        if self.current is None:
            return
        conflict_id = self.current["id"]
        chosen = self.chosen_values()
        self.resolve_button.setEnabled(False)

        def job(store: Store) -> str:
            resolve_conflict(store, conflict_id, chosen)
            return conflict_id

        self.tasks.run(job, self._resolved, self._show_error, name="resolve conflict")

    def _resolved(self, conflict_id: str) -> None:
        self.resolved.emit(conflict_id)
        self.reload()

    def _show_error(self, exc: BaseException) -> None:
        self.resolve_button.setEnabled(self.current is not None)
        self.error_label.setText(error_message(exc))
        self.error_label.show()
