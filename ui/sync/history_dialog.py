"""« Historique »: the journal of a place, visit or interview — who changed which fields
when, the conflicts on it and how they were resolved (fieldkit.sync.journal).

The dialog shows at once what this computer knows (the last journal received, local
conflicts, changes not sent yet), then asks the server for the current journal when
logged in: the HTTP request runs on the compute lane (no database), the answer is saved
on the database lane. Offline, it says so and keeps what it showed.
"""

from __future__ import annotations

import datetime as dt
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
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldkit.sync import journal
from fieldkit.sync.pending import record_title
from ui.i18n import error_message, place_kind_label, shown_date, visit_status_label
from ui.interview_model import consent_label
from ui.sync.conflicts_view import _field_name, word_diff_html
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


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A long text is shown in the table as the words around its first change.
EXCERPT_CHARS = 80
_WORDS = re.compile(r"\S+|\s+")


def shown_value(field: str, value: Any, names: dict[str, str] | None = None) -> str:
    """A field's value as the editor shows it: a place by its name, a date as 15/10/2026,
    a status or kind by its label; a text whole."""
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
    text = str(value)
    if field in ("place_id", "visit_id"):
        return shown_dates_in((names or {}).get(text) or text[:8])
    if field == "status":
        return visit_status_label(text)
    if field == "kind":
        return place_kind_label(text)
    if field == "consent":
        return consent_label(text)
    if _ISO_DAY.fullmatch(text):
        return shown_date(text)
    return text


def shown_dates_in(text: str) -> str:
    """``text`` with its ISO dates as the editor shows dates (« La Cantine — 01/10/2026 »)."""
    return _ISO_DAY.sub(lambda m: shown_date(m.group(0)), text)


def _quoted(text: str) -> str:
    return text if text == "—" else f"« {text} »"


def _excerpts(old: str, new: str) -> tuple[str, str]:
    """Both texts cut to the words around their first difference, when long."""
    if len(old) <= EXCERPT_CHARS and len(new) <= EXCERPT_CHARS:
        return old, new
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    first = next((op for op in matcher.get_opcodes() if op[0] != "equal"), None)
    if first is None:
        return old[:EXCERPT_CHARS] + "…", new[:EXCERPT_CHARS] + "…"

    def around(words: list[str], at: int) -> str:
        start = max(0, at - 8)
        text = "".join(words[start:])
        cut = text[:EXCERPT_CHARS]
        return ("…" if start else "") + cut + ("…" if len(text) > EXCERPT_CHARS else "")

    return around(a, first[1]), around(b, first[3])


def _change_line(field: str, change: dict[str, Any], names: dict[str, str]) -> str:
    old = shown_value(field, change.get("from"), names)
    new = shown_value(field, change.get("to"), names)
    old, new = _excerpts(old, new)
    return f"{_field_name(field)} : {_quoted(old)} → {_quoted(new)}"


def _changes_text(changes: dict[str, Any], names: dict[str, str] | None = None) -> str:
    return "\n".join(
        _change_line(field, change, names or {})
        for field, change in changes.items()
        if field != "deleted"
    )


def journal_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The journal as rows for the table, oldest first: versions, conflicts (opened and,
    once settled, resolved) and the changes waiting to be sent."""
    rows: list[dict[str, Any]] = []
    names: dict[str, str] = data.get("names") or {}
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
                "details": _changes_text(e.get("changes") or {}, names),
                "changes": [
                    (f, shown_value(f, c.get("from"), names), shown_value(f, c.get("to"), names))
                    for f, c in (e.get("changes") or {}).items()
                    if f != "deleted"
                ],
                "type": "version",
            }
        )
    for c in data.get("conflicts", []):
        fields = ", ".join(_field_name(f) for f in c.get("fields", []))
        server = QCoreApplication.translate("History", "server")
        sent = QCoreApplication.translate("History", "sent")
        lines = [
            f"{_field_name(f)} : {server} {_quoted(_excerpts(t, m)[0])} / "
            f"{sent} {_quoted(_excerpts(t, m)[1])}"
            for f in c.get("fields", [])
            for t, m in [
                (
                    shown_value(f, c["theirs"].get(f), names),
                    shown_value(f, c["mine"].get(f), names),
                )
            ]
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
                "changes": [
                    (
                        f,
                        shown_value(f, c["theirs"].get(f), names),
                        shown_value(f, c["mine"].get(f), names),
                    )
                    for f in c.get("fields", [])
                ],
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
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        # The selected event's values whole, the changed words highlighted.
        self.details = QTextBrowser(objectName="historyDetails")
        self.details.setMinimumHeight(90)
        self.status = QLabel()
        self.status.setObjectName("historyStatus")
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(760, 520)
        self._data: dict[str, Any] | None = None
        self._status: tuple[str, str] = ("loading", "")
        self._retranslate()
        self.tasks.run(self._load_local, self._show_local, self._failed, name="history")

    # -- language ---------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.refresh_button.setText(self.tr("&Refresh"))
        self.table.setAccessibleName(self.tr("Events"))
        self.details.setAccessibleName(self.tr("Details of the event"))
        if self._data is None:
            self.setWindowTitle(self.tr("History"))
        else:
            current = self.table.currentIndex().row()
            self._show(self._data)
            if current >= 0:
                self.table.selectRow(current)
        self._set_status(*self._status)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)

    def _set_status(self, state: str, why: str = "") -> None:
        """The line above the table (kept as a state, to be said again in a new language)."""
        self._status = (state, why)
        if state == "loading":
            text = self.tr("Loading…")
        elif state == "asking":
            text = self.tr("Asking the server…")
        elif state == "fresh":
            text = self.tr("Up to date with the server.")
        elif state == "failed":
            text = self.tr("The history could not be read: %1").replace("%1", why)
        else:
            text = self._offline_text(self._why_offline(why))
        self.status.setText(text)

    def _show_details(self) -> None:
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self.model.rows):
            self.details.clear()
            return
        event = self.model.rows[row]
        parts = [f"<p><b>{html.escape(event['what'])}</b></p>"]
        for field, old, new in event.get("changes", []):
            if event["type"] == "conflict":
                labels = (self.tr("Server"), self.tr("Sent"))
            else:
                labels = (self.tr("Before"), self.tr("After"))
            before, after = word_diff_html(old, new)
            parts.append(
                f"<p><b>{html.escape(_field_name(field))}</b><br>"
                f"{html.escape(labels[0])} :</p>{before}"
                f"<p>{html.escape(labels[1])} :</p>{after}"
            )
        if not event.get("changes") and event["details"]:
            parts.append(f"<p>{html.escape(event['details']).replace(chr(10), '<br>')}</p>")
        self.details.setHtml("".join(parts))

    # -- local first, then the server -------------------------------------------------------
    def _load_local(self, store: Any) -> dict[str, Any]:
        data = journal.cached(store, self.kind, self.record_id)
        data["title"] = record_title(store, self.kind, self.record_id)
        data["login"] = journal.login_of(store)
        data["names"] = _names_of(store, data)
        return data

    def _show_local(self, data: dict[str, Any]) -> None:
        self._show(data)
        login = data.get("login")
        if login is None:
            self._set_status("offline", "not_logged_in")
            return
        self._fetch(login)

    def refresh(self) -> None:
        self._set_status("asking")
        self.tasks.run(self._load_local, self._show_local, self._failed, name="history")

    def _fetch(self, login: journal.Login) -> None:
        self._set_status("asking")
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
        self._set_status("fresh")

    def _show(self, data: dict[str, Any]) -> None:
        self._data = data
        self.fetched_at = data.get("fetched_at")
        title = shown_dates_in(str(data.get("title", "")))
        self.setWindowTitle(self.tr("History — %1").replace("%1", title))
        self.model.set_journal(data)
        self.table.resizeRowsToContents()
        self._show_details()

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

    def _why_offline(self, code: str) -> str:
        if code == "not_logged_in":
            return self.tr("not logged in to a sync server")
        if code == "forbidden":
            return self.tr("this record is outside your régions")
        if code == "not_found":
            # The server answers alike for a record it lacks and one of another région.
            return self.tr(
                "the server has no such record in your régions (not sent yet, or elsewhere)"
            )
        if code == "offline":
            return self.tr("the server cannot be reached")
        return code

    def _server_failed(self, exc: BaseException) -> None:
        code = getattr(exc, "code", "")
        known = ("forbidden", "not_found", "offline")
        self._set_status("offline", code if code in known else error_message(exc))

    def _failed(self, exc: BaseException) -> None:
        self._set_status("failed", error_message(exc))


def _names_of(store: Any, data: dict[str, Any]) -> dict[str, str]:
    """The names of the places and visits the journal's values point to (by id)."""
    ids: dict[str, str] = {}
    values: list[tuple[str, Any]] = []
    for e in data.get("entries", []):
        for field, change in (e.get("changes") or {}).items():
            values += [(field, change.get("from")), (field, change.get("to"))]
    for c in data.get("conflicts", []):
        for side in ("theirs", "mine"):
            values += list((c.get(side) or {}).items())
    for field, value in values:
        if field in ("place_id", "visit_id") and isinstance(value, str) and value:
            ids.setdefault(value, field[: -len("_id")])
    return {rid: record_title(store, kind, rid) for rid, kind in ids.items()}
