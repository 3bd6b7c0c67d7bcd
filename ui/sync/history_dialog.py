"""« Historique »: the journal of a place, visit or interview — who changed which fields
when, the conflicts on it and how they were resolved (fieldkit.sync.journal).

The dialog shows at once what this computer knows (the last journal received, local
conflicts, changes not sent yet), then asks the server for the current journal when
logged in: the HTTP request runs on the compute lane (no database), the answer is saved
on the database lane. Offline, it says so and keeps what it showed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.sync import journal
from fieldkit.sync.pending import record_title
from ui.models import local_dates_in
from ui.sync.conflicts_view import _field_name
from ui.tasks import TaskManager

Index = QModelIndex | QPersistentModelIndex


def _local_time(iso_utc: str | None) -> str:
    if not iso_utc:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    except ValueError:
        return iso_utc
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("History", "yes")
            if value
            else QCoreApplication.translate("History", "no")
        )
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value).replace("\n", " ")
    return f"« {text[:60]}… »" if len(text) > 60 else f"« {text} »"


def _changes_text(changes: dict[str, Any]) -> str:
    parts = []
    for field, change in changes.items():
        if field == "deleted":
            continue
        parts.append(
            f"{_field_name(field)} : {_value(change.get('from'))} → {_value(change.get('to'))}"
        )
    return "\n".join(parts)


def journal_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The journal as rows for the table, oldest first: versions, conflicts (opened and,
    once settled, resolved) and the changes waiting to be sent."""
    rows: list[dict[str, Any]] = []
    for e in data.get("entries", []):
        what = {
            "create": QCoreApplication.translate("History", "Created"),
            "delete": QCoreApplication.translate("History", "Deleted"),
            "restore": QCoreApplication.translate("History", "Restored"),
        }.get(e["op"], QCoreApplication.translate("History", "Changed"))
        rows.append(
            {
                "at": e["changed_at"],
                "who": e["changed_by"],
                "device": e.get("device", ""),
                "what": what,
                "details": _changes_text(e.get("changes") or {}),
                "type": "version",
            }
        )
    for c in data.get("conflicts", []):
        fields = ", ".join(_field_name(f) for f in c.get("fields", []))
        server = QCoreApplication.translate("History", "server")
        sent = QCoreApplication.translate("History", "sent")
        lines = [
            f"{_field_name(f)} : {server} {_value(c['theirs'].get(f))} / "
            f"{sent} {_value(c['mine'].get(f))}"
            for f in c.get("fields", [])
        ]
        rows.append(
            {
                "at": c.get("created_at") or "",
                "who": c.get("user", ""),
                "device": "",
                "what": QCoreApplication.translate("History", "Conflict on %1").replace(
                    "%1", fields
                ),
                "details": "\n".join(lines),
                "type": "conflict",
            }
        )
        if c.get("resolved_at"):
            outcome = c.get("outcome") or {}
            how = {
                "mine": QCoreApplication.translate("History", "kept the value sent"),
                "theirs": QCoreApplication.translate("History", "kept the server's value"),
                "edited": QCoreApplication.translate("History", "merged by hand"),
            }
            details = "\n".join(
                f"{_field_name(f)} : {how.get(outcome.get(f, ''), QCoreApplication.translate('History', 'resolved'))}"
                for f in c.get("fields", [])
            )
            rows.append(
                {
                    "at": c["resolved_at"],
                    "who": c.get("resolved_by") or "",
                    "device": "",
                    "what": QCoreApplication.translate("History", "Conflict resolved"),
                    "details": details,
                    "type": "resolved",
                }
            )
    for u in data.get("unsent", []):
        rows.append(
            {
                "at": u.get("at") or "",
                "who": QCoreApplication.translate("History", "this computer"),
                "device": "",
                "what": QCoreApplication.translate("History", "Not sent yet"),
                "details": ", ".join(_field_name(f) for f in u.get("fields", [])),
                "type": "unsent",
            }
        )
    rows.sort(key=lambda r: r["at"])
    return rows


class HistoryModel(QAbstractTableModel):
    """One row per event of a record's journal: when, who, what, which fields."""

    COLUMNS = ("at", "who", "what", "details")
    TypeRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def set_journal(self, data: dict[str, Any]) -> None:
        self.beginResetModel()
        self.rows = journal_rows(data)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "at":
                return _local_time(row["at"])
            if column == "who":
                return f"{row['who']} ({row['device']})" if row["device"] else row["who"]
            return row[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == "details":
            return row["details"] or None
        if role == self.TypeRole:
            return row["type"]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Fields"))[section]


class HistoryDialog(QDialog):
    """The journal of one record; ``refresh()`` asks the server again."""

    def __init__(
        self,
        tasks: TaskManager,
        kind: str,
        record_id: str,
        parent: QWidget | None = None,
        *,
        transport: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.tasks = tasks
        self.kind = kind
        self.record_id = record_id
        self.transport = transport  # an httpx transport, for tests
        self.fetched_at: str | None = None
        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setObjectName("historyStatus")
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.setWindowTitle(self.tr("History"))
        self.status.setText(self.tr("Loading…"))
        self.tasks.run(self._load_local, self._show_local, self._failed, name="history")

    # -- local first, then the server -------------------------------------------------------
    def _load_local(self, store: Any) -> dict[str, Any]:
        data = journal.cached(store, self.kind, self.record_id)
        data["title"] = record_title(store, self.kind, self.record_id)
        data["login"] = journal.login_of(store)
        return data

    def _show_local(self, data: dict[str, Any]) -> None:
        self._show(data)
        login = data.get("login")
        if login is None:
            self.status.setText(self._offline_text(self.tr("not logged in to a sync server")))
            return
        self._fetch(login)

    def refresh(self) -> None:
        self.status.setText(self.tr("Asking the server…"))
        self.tasks.run(self._load_local, self._show_local, self._failed, name="history")

    def _fetch(self, login: journal.Login) -> None:
        self.status.setText(self.tr("Asking the server…"))
        kind, record_id, transport = self.kind, self.record_id, self.transport
        self.tasks.run_compute(
            lambda _progress: journal.download(login, kind, record_id, transport=transport),
            self._received,
            self._server_failed,
            name="history-download",
        )

    def _received(self, answer: dict[str, Any]) -> None:
        def save_and_load(store: Any) -> dict[str, Any]:
            journal.save(store, answer)
            return self._load_local(store)

        self.tasks.run(save_and_load, self._show_fresh, self._failed, name="history-save")

    def _show_fresh(self, data: dict[str, Any]) -> None:
        self._show(data)
        self.status.setText(self.tr("Up to date with the server."))

    def _show(self, data: dict[str, Any]) -> None:
        self.fetched_at = data.get("fetched_at")
        title = local_dates_in(str(data.get("title", "")))
        self.setWindowTitle(self.tr("History — %1").replace("%1", title))
        self.model.set_journal(data)
        self.table.resizeRowsToContents()

    def _offline_text(self, why: str) -> str:
        if self.fetched_at:
            return (
                self.tr("Offline (%1): the history received on %2.")
                .replace("%1", why)
                .replace("%2", _local_time(self.fetched_at))
            )
        return self.tr(
            "Offline (%1): only what this computer knows (its conflicts and unsent changes)."
        ).replace("%1", why)

    def _server_failed(self, exc: BaseException) -> None:
        code = getattr(exc, "code", "")
        if code == "forbidden":
            why = self.tr("this record is outside your régions")
        elif code == "not_found":
            # The server answers alike for a record it lacks and one of another région.
            why = self.tr(
                "the server has no such record in your régions (not sent yet, or elsewhere)"
            )
        elif code == "offline":
            why = self.tr("the server cannot be reached")
        else:
            why = str(exc)
        self.status.setText(self._offline_text(why))

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The history could not be read: %1").replace("%1", str(exc)))
