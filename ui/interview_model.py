"""Table model over a visit's interviews (plain dict rows from ``Store.interviews``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from fieldkit.privacy import may_show_name
from fieldkit.store.schema import CONSENT_STATES, INTERVIEW_ROLES

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def role_label(role: str) -> str:
    """The person's role as shown to the user (French by default through Qt's translations)."""
    labels = {
        "manager": QCoreApplication.translate("Interview", "Manager"),
        "user": QCoreApplication.translate("Interview", "User"),
        "elected_official": QCoreApplication.translate("Interview", "Elected official"),
        "partner": QCoreApplication.translate("Interview", "Partner"),
        "company": QCoreApplication.translate("Interview", "Company"),
        "other": QCoreApplication.translate("Interview", "Other"),
    }
    return labels.get(role, role)


def consent_label(consent: str) -> str:
    labels = {
        "given": QCoreApplication.translate("Interview", "Given"),
        "refused": QCoreApplication.translate("Interview", "Refused"),
        "not_asked": QCoreApplication.translate("Interview", "Not asked"),
    }
    return labels.get(consent, consent)


def format_date(iso_date: str) -> str:
    """A date as the user's locale writes it (QLocale's default: the app's language)."""
    day = QDate.fromString(iso_date, Qt.DateFormat.ISODate)
    return QLocale().toString(day, QLocale.FormatType.ShortFormat) if day.isValid() else iso_date


ROLES = INTERVIEW_ROLES
CONSENTS = CONSENT_STATES


class InterviewModel(QAbstractTableModel):
    """One row per interview; the id and whole record are available through custom roles."""

    PERSON, ROLE, ORGANISATION, CONSENT, PSEUDONYMISE = range(5)
    COLUMN_COUNT = 5

    IdRole = Qt.ItemDataRole.UserRole + 1
    RecordRole = Qt.ItemDataRole.UserRole + 2
    #: The raw value of the column (role/consent codes, bool), for sorting and tests.
    ValueRole = Qt.ItemDataRole.UserRole + 3

    _FIELDS = ("person_name", "role", "organisation", "consent", "pseudonymise")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    # -- filling ---------------------------------------------------------------------
    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def rows(self) -> list[dict[str, Any]]:
        """The rows shown, as given to :meth:`set_rows`."""
        return self._rows

    def row_of(self, interview_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r["id"] == interview_id:
                return i
        return -1

    def record(self, row: int) -> dict[str, Any]:
        return dict(self._rows[row])

    # -- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rec = self._rows[index.row()]
        col = index.column()
        value = rec.get(self._FIELDS[col])
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.PERSON:
                return rec["person_name"] or self.tr("(no name)")
            if col == self.ROLE:
                return role_label(rec["role"])
            if col == self.CONSENT:
                text = consent_label(rec["consent"])
                if rec.get("consent_on") and rec["consent"] != "not_asked":
                    text = self.tr("{consent} on {date}").format(
                        consent=text, date=format_date(rec["consent_on"])
                    )
                return text
            if col == self.PSEUDONYMISE:
                # The consent rule, not the box alone: « Refusé » is always pseudonymised.
                if not may_show_name(rec):
                    if rec.get("consent") != "given":
                        return self.tr("Yes (no consent)")
                    return self.tr("Yes")
                return self.tr("No")
            return str(value or "")
        if role == Qt.ItemDataRole.ToolTipRole and col == self.PERSON:
            return rec.get("notes") or None
        if role == self.IdRole:
            return rec["id"]
        if role == self.RecordRole:
            return dict(rec)
        if role == self.ValueRole:
            if col == self.PSEUDONYMISE:
                return not may_show_name(rec)
            return value
        return None

    def retranslate(self) -> None:
        """Role and consent names, yes/no and headers are read again (language switch)."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = (
            self.tr("Person"),
            self.tr("Role"),
            self.tr("Organisation"),
            self.tr("Consent"),
            self.tr("Pseudonymised"),
        )
        return titles[section] if 0 <= section < len(titles) else None
