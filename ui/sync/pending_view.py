"""« Ce qui reste à envoyer »: the status-bar button and the list behind it.

The core (:func:`fieldkit.sync.pending_report`) says what is only on this computer; the
button shows the counts, one click opens :class:`PendingDialog`, where a change the
server refused can be opened (to fix it: edited, it is sent again at the next sync),
sent again as it is, or discarded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.errors import Problem
from fieldkit.store import Store
from fieldkit.sync import PendingReport, discard_rejected, pending_report, retry_rejected
from fieldkit.sync.pending import PendingItem
from ui.i18n import error_message
from ui.models import local_dates_in
from ui.sync.conflicts_view import _field_name
from ui.tasks import TaskManager

Index = QModelIndex | QPersistentModelIndex


def human_size(n: int) -> str:
    """Bytes as a person reads them, with the locale's decimal comma (4,1 Mo)."""
    units = (
        QCoreApplication.translate("Pending", "B"),
        QCoreApplication.translate("Pending", "KB"),
        QCoreApplication.translate("Pending", "MB"),
        QCoreApplication.translate("Pending", "GB"),
    )
    size = float(n)
    for i, unit in enumerate(units):
        if size < 1024 or i == len(units) - 1:
            text = f"{size:.0f}" if i == 0 else QLocale().toString(size, "f", 1)
            return f"{text} {unit}"
        size /= 1024
    return str(n)


class PendingTexts(QObject):
    """Texts with counts (plurals need ``self.tr`` for Qt's extractor to see them)."""

    def summary(self, report: PendingReport) -> str:
        if report.demo:
            return self.tr("Nothing is sent from the demo")
        if report.nothing_pending:
            return self.tr("Everything is sent")
        parts = []
        if report.changes:
            parts.append(self.tr("%n change(s)", "", report.changes))
        if report.photos_unsent:
            parts.append(
                self.tr("%n photo(s)", "", report.photos_unsent)
                + f" ({human_size(report.photos_unsent_bytes)})"
            )
        if report.photos_missing:
            parts.append(self.tr("%n photo file(s) missing", "", report.photos_missing))
        if report.refused:
            parts.append(self.tr("%n refused", "", report.refused))
        if report.resolutions:
            parts.append(self.tr("%n resolution(s)", "", report.resolutions))
        return self.tr("To send: %1").replace("%1", " · ".join(parts))

    def operation(self, item: PendingItem) -> str:
        """An outbox entry's operation in words (« modification : notes, résumé »)."""
        op, _, fields = item.detail.partition(": ")
        names = {
            "create": self.tr("creation"),
            "update": self.tr("modification"),
            "delete": self.tr("deletion"),
            "restore": self.tr("restoration"),
            "resolve": self.tr("resolution"),
        }
        text = names.get(op, op)
        if fields:
            text += " : " + ", ".join(_field_name(f.strip()) for f in fields.split(","))
        return text


def refusal_text(item: PendingItem) -> str:
    """Why the server refused a change, in the app's language, and what became of it."""
    if item.code == "missing_parent":
        # In a sync the parent is not gone: it was refused too, or is not sent yet.
        reason = QCoreApplication.translate(
            "Pending", "What it belongs to is not on the server (refused, or not sent yet)."
        )
    elif item.code:
        reason = error_message(Problem(item.detail, item.code, **item.params))
        if reason == item.detail:  # a code the app does not know: its words are English
            reason = QCoreApplication.translate("Pending", "The server refused this change.")
    else:  # refused before reasons were kept as codes
        reason = QCoreApplication.translate("Pending", "The server refused this change.")
    return (
        reason
        + " "
        + QCoreApplication.translate(
            "Pending", "It is set aside; your other changes are sent without it."
        )
    )


def summary_text(report: PendingReport) -> str:
    """The status-bar text: what waits to be sent, or that everything is sent."""
    return PendingTexts().summary(report)


def category_label(category: str) -> str:
    return {
        "refused": QCoreApplication.translate("Pending", "Refused by the server"),
        "missing_photo": QCoreApplication.translate("Pending", "Photo file missing"),
        "change": QCoreApplication.translate("Pending", "Change to send"),
        "photo": QCoreApplication.translate("Pending", "Photo to send"),
        "resolution": QCoreApplication.translate("Pending", "Conflict resolution to send"),
    }.get(category, category)


def kind_label(kind: str) -> str:
    return {
        "place": QCoreApplication.translate("Pending", "Place"),
        "visit": QCoreApplication.translate("Pending", "Visit"),
        "interview": QCoreApplication.translate("Pending", "Interview"),
        "photo": QCoreApplication.translate("Pending", "Photo"),
    }.get(kind, kind)


class PendingModel(QAbstractTableModel):
    """One row per thing still only here: what, which record, detail."""

    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[PendingItem] = []
        self._texts = PendingTexts(self)

    def set_items(self, items: list[PendingItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def retranslate(self) -> None:
        """Every text of the list again, in the current language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, 2))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == self.ItemRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return category_label(item.category)
            if index.column() == 1:
                return f"{kind_label(item.kind)} — {local_dates_in(item.title)}"
            if item.category in ("photo", "missing_photo") and item.size:
                return human_size(item.size)
            if item.category in ("change", "resolution"):
                return self._texts.operation(item)
            if item.category == "refused":
                return refusal_text(item)
            return item.detail
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return refusal_text(item) if item.category == "refused" else item.detail
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 3:
            return None
        return (self.tr("What"), self.tr("Record"), self.tr("Detail"))[section]


def _where(store: Store, kind: str, record_id: str) -> tuple[str | None, str | None]:
    """(place id, visit id) to show a record in the main window."""
    record = store.get(kind, record_id)
    if record is None:
        return None, None
    if kind == "place":
        return record_id, None
    if kind == "visit":
        return record["place_id"], record_id
    visit = store.get("visit", record["visit_id"])
    return (visit["place_id"] if visit else None), record["visit_id"]


class PendingDialog(QDialog):
    """The list behind the status-bar button; refused changes can be fixed or discarded."""

    changed = Signal(list)  # list[Change] after a retry or a discard
    open_record = Signal(object, object)  # place id, visit id

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pendingDialog")
        self.tasks = tasks
        self.model = PendingModel(self)
        self.view = QTableView(objectName="pendingList")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        self.summary = QLabel(objectName="pendingSummary")
        self.summary.setWordWrap(True)
        self.error_label = QLabel(objectName="pendingError")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        self.open_button = QPushButton(objectName="pendingOpen")
        self.retry_button = QPushButton(objectName="pendingRetry")
        self.discard_button = QPushButton(objectName="pendingDiscard")
        self.open_button.clicked.connect(self.open_selected)
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.retry_button, self.discard_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(820, 440)
        self._report: PendingReport | None = None
        self.retranslate_ui()
        self._update_buttons()
        self.reload()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("What is left to send"))
        self.view.setAccessibleName(self.tr("What is left to send"))
        self.open_button.setText(self.tr("&Open the record"))
        self.open_button.setToolTip(
            self.tr("Fix it there: once edited, a refused change is sent again at the next sync.")
        )
        self.retry_button.setText(self.tr("Send &again"))
        self.discard_button.setText(self.tr("&Discard this change"))
        self.discard_button.setToolTip(
            self.tr("Give it up: the record here goes back to what the server holds.")
        )
        if self._report is not None:
            self.summary.setText(summary_text(self._report))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def reload(self) -> None:
        self.tasks.run(
            lambda s: pending_report(s, with_items=True),
            self._loaded,
            self._show_error,
            name="what is left to send",
        )

    def _loaded(self, report: PendingReport) -> None:
        self._report = report
        self.model.set_items(report.items)
        self.summary.setText(summary_text(report))
        if report.items:
            self.view.selectRow(0)
        self._update_buttons()

    def selected(self) -> PendingItem | None:
        index = self.view.currentIndex()
        return index.data(PendingModel.ItemRole) if index.isValid() else None

    def _update_buttons(self) -> None:
        item = self.selected()
        refused = item is not None and item.category == "refused"
        self.open_button.setEnabled(item is not None and item.kind != "photo")
        self.retry_button.setEnabled(refused)
        self.discard_button.setEnabled(refused)

    def open_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        kind, rid = item.kind, item.record_id
        self.tasks.run(
            lambda s: _where(s, kind, rid),
            lambda where: where[0] and self.open_record.emit(where[0], where[1]),
            self._show_error,
            name="find record",
        )

    def retry_selected(self) -> None:
        self._act(retry_rejected)

    def discard_selected(self) -> None:
        self._act(discard_rejected)

    def _act(self, fn: Any) -> None:
        item = self.selected()
        if item is None or item.category != "refused":
            return
        op_id = item.op_id
        self.error_label.hide()

        def done(changes: list[Any]) -> None:
            self.changed.emit(list(changes))
            self.reload()

        self.tasks.run(lambda s: fn(s, op_id), done, self._show_error, name="refused change")

    def _show_error(self, exc: BaseException) -> None:
        self.error_label.setText(error_message(exc))
        self.error_label.show()
