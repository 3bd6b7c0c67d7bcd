"""Item models over plain rows from the store (the rows are loaded on the database lane).

- :class:`NavTreeModel`: région → département → place, with visit counts.
- :class:`VisitTableModel` + :class:`VisitSortProxy`: the visit list, sortable.
- :class:`SearchResultsModel`: what the search field found.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)

from fieldkit import geo
from fieldkit.store import SearchHit
from ui.i18n import place_kind_label, visit_status_label
from ui.icons import icon

Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()  # the default "parent" argument (the invisible root)

#: Custom roles shared by the models.
IdRole = Qt.ItemDataRole.UserRole + 1  # the record id (or the INSEE code of a région/département)
NodeKindRole = Qt.ItemDataRole.UserRole + 2  # "region", "departement", "place", "visit", …
SortRole = Qt.ItemDataRole.UserRole + 3  # a value that sorts naturally (numbers, ISO dates)
PlaceIdRole = Qt.ItemDataRole.UserRole + 4
VisitIdRole = Qt.ItemDataRole.UserRole + 5
RowRole = Qt.ItemDataRole.UserRole + 6  # the whole plain row (a dict)
SnippetRole = Qt.ItemDataRole.UserRole + 20  # a search hit's snippet, [match] marked
TitleRole = Qt.ItemDataRole.UserRole + 21  # a search hit's title


#: Big row lists waiting to be freed once the event loop is idle again.
_graveyard: list[list[dict[str, Any]]] = []


def fold(text: str) -> str:
    """Case- and accent-free text for sorting ("Église" sorts with "eglise")."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


# Looked up once here: PySide builds enum classes lazily, and the first look-up inside a
# paint (50 ms) would stall the event loop.
_SHORT_FORMAT = QLocale.FormatType.ShortFormat
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ISO_DATE = Qt.DateFormat.ISODate


def local_date(iso_date: str) -> str:
    """An ISO date as the user's locale writes it short (01/10/2026 in French)."""
    day = QDate.fromString(iso_date or "", _ISO_DATE)
    if not day.isValid():
        return iso_date or ""
    return QLocale().toString(day, _SHORT_FORMAT)


_ISO_DATE_IN_TEXT = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def local_dates_in(text: str) -> str:
    """``text`` with its ISO dates written as the locale writes them (a record's title
    from the core, « Le Local des Tilleuls — 2026-01-18 », reads « … — 18/01/2026 »)."""
    return _ISO_DATE_IN_TEXT.sub(lambda m: local_date(m.group(0)), text or "")


def node_key(kind: str, ident: str) -> str:
    """A stable text key for a tree node, kept in QSettings and across reloads."""
    return f"{kind}:{ident}"


# -- navigation tree ------------------------------------------------------------------------
@dataclass(eq=False)
class Node:
    kind: str  # root, region, departement, place
    ident: str
    name: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    visit_count: int = 0
    row: dict[str, Any] | None = None
    position: int = 0

    @property
    def key(self) -> str:
        return node_key(self.kind, self.ident)


def build_tree(places: list[dict[str, Any]]) -> Node:
    """Group places (as from ``store.places()``) by région and département; sum visit counts."""
    root = Node("root", "", "")
    regions: dict[str, Node] = {}
    deps: dict[str, Node] = {}
    for p in places:
        reg_code = p.get("region") or ""
        dep_code = p.get("departement") or ""
        reg = regions.get(reg_code)
        if reg is None:
            reg = Node("region", reg_code, geo.region_name(reg_code), root)
            regions[reg_code] = reg
        dep = deps.get(dep_code + "|" + reg_code)
        if dep is None:
            dep = Node("departement", dep_code, geo.departement_name(dep_code), reg)
            deps[dep_code + "|" + reg_code] = dep
            reg.children.append(dep)
        count = int(p.get("visit_count") or 0)
        dep.children.append(Node("place", p["id"], p["name"], dep, visit_count=count, row=p))
        dep.visit_count += count
        reg.visit_count += count
    # Régions by name; places without any code ("") come last.
    root.children = sorted(regions.values(), key=lambda n: (n.ident == "", fold(n.name)))
    for reg in root.children:
        reg.children.sort(key=lambda n: (n.ident == "", n.ident.zfill(3)))
        for dep in reg.children:
            dep.children.sort(key=lambda n: fold(n.name))
    _number(root)
    return root


def _number(node: Node) -> None:
    for i, child in enumerate(node.children):
        child.position = i
        _number(child)


class NavTreeModel(QAbstractItemModel):
    """Régions, their départements, their places; two columns: name and visit count."""

    NAME, VISITS = range(2)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._root = Node("root", "", "")
        self._by_key: dict[str, Node] = {}

    # -- loading -------------------------------------------------------------------------
    def set_places(self, places: list[dict[str, Any]]) -> None:
        self.set_tree(build_tree(places))

    def set_tree(self, root: Node) -> None:
        """Show a tree made by :func:`build_tree` (which a worker thread may run)."""
        self.beginResetModel()
        self._root = root
        self._by_key = {}
        stack = list(root.children)
        while stack:
            n = stack.pop()
            self._by_key[n.key] = n
            stack.extend(n.children)
        self.endResetModel()

    def place_count(self) -> int:
        return sum(1 for k in self._by_key if k.startswith("place:"))

    def index_for_key(self, key: str) -> QModelIndex:
        node = self._by_key.get(key)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.position, 0, node)

    def node(self, index: Index) -> Node:
        if index.isValid():
            return index.internalPointer()  # type: ignore[no-any-return]
        return self._root

    # -- QAbstractItemModel ---------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _NO_PARENT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

    def parent(self, index: Index = _NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: Node = index.internalPointer()
        up = node.parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.position, 0, up)

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        if parent.column() > 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                if node.name:
                    return node.name
                return QCoreApplication.translate("NavTreeModel", "(no code)")
            return node.visit_count
        if role == Qt.ItemDataRole.DecorationRole and col == self.NAME:
            return icon({"region": "region", "departement": "departement"}.get(node.kind, "place"))
        if role == Qt.ItemDataRole.ToolTipRole and col == self.NAME:
            if node.kind == "place" and node.row:
                parts = [node.row.get("commune") or "", place_kind_label(node.row.get("kind", ""))]
                return " · ".join(p for p in parts if p)
            if node.ident:
                return f"{node.name} ({node.ident})"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.VISITS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == IdRole:
            return node.ident
        if role == NodeKindRole:
            return node.kind
        if role == SortRole:
            return node.visit_count if col == self.VISITS else node.name
        if role == RowRole:
            return node.row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == self.NAME:
                return QCoreApplication.translate("NavTreeModel", "Place")
            if section == self.VISITS:
                return QCoreApplication.translate("NavTreeModel", "Visits")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)


# -- visit list -------------------------------------------------------------------------------
class VisitTableModel(QAbstractTableModel):
    """One row per visit (rows from ``store.visits()``)."""

    DATE, PLACE, COMMUNE, VISITORS, STATUS, INTERVIEWS, PHOTOS = range(7)
    COLUMN_COUNT = 7

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._row_of: dict[str, int] = {}
        self._display: list[tuple[Any, ...] | None] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        previous = self._rows
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()
        # Freeing thousands of row dicts takes milliseconds: do it after the repaint.
        if len(previous) > 500:
            _graveyard.append(previous)
            QTimer.singleShot(0, _graveyard.clear)

    # Sorting happens here, in Python over the plain rows (one key per row), rather than in
    # QSortFilterProxyModel, which would call data() from C++ n·log n times: 0.5 s for
    # 2,500 visits against a few milliseconds this way.
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = [(p, self._rows[p.row()]["id"]) for p in self.persistentIndexList()]
        self._sort_rows()
        self.changePersistentIndexList(
            [p for p, _ in before],
            [self.index(self._row_of[vid], p.column()) for p, vid in before],
        )
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> int:
        return self._sort_column

    def sort_key(self, row: dict[str, Any], column: int) -> Any:
        if column == self.INTERVIEWS:
            return int(row.get("interview_count") or 0)
        if column == self.PHOTOS:
            return int(row.get("photo_count") or 0)
        if column == self.DATE:
            return row.get("visited_on") or ""
        if column == self.STATUS:
            return fold(visit_status_label(row.get("status", "")))
        field = {self.PLACE: "place_name", self.COMMUNE: "commune", self.VISITORS: "visitors"}
        return fold(str(row.get(field.get(column, ""), "") or ""))

    def _sort_rows(self) -> None:
        if self._sort_column >= 0:
            column = self._sort_column
            # Ties keep a stable, meaningful order: most recent visit first.
            self._rows.sort(key=lambda r: r.get("visited_on") or "", reverse=True)
            self._rows.sort(
                key=lambda r: self.sort_key(r, column),
                reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
            )
        self._row_of = {r["id"]: i for i, r in enumerate(self._rows)}
        self._display = [None] * len(self._rows)

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def update_row(self, row: dict[str, Any]) -> bool:
        """Replace one visit's row in place (after an edit); False if it is not listed."""
        i = self._row_of.get(row["id"], -1)
        if i < 0:
            return False
        self._rows[i] = row
        self._display[i] = None
        self.dataChanged.emit(self.index(i, 0), self.index(i, self.COLUMN_COUNT - 1))
        return True

    def row_of(self, visit_id: str) -> int:
        return self._row_of.get(visit_id, -1)

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    # data() runs for every cell and role at every paint: it answers from a tuple of the
    # row's display texts made once, and compares roles as plain ints.
    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        r = index.row()
        if role == _DISPLAY:
            shown = self._display[r]
            if shown is None:
                shown = self._display[r] = self._display_row(self._rows[r])
            return shown[index.column()]
        col = index.column()
        if role == _ALIGNMENT:
            return _RIGHT if col >= self.INTERVIEWS else None
        if role == _DECORATION:
            if col == self.STATUS:
                return icon("final" if self._rows[r].get("status") == "final" else "draft")
            return None
        row = self._rows[r]
        if role == SortRole:
            return self.sort_key(row, col)
        if role in (IdRole, VisitIdRole):
            return row["id"]
        if role == PlaceIdRole:
            return row.get("place_id")
        if role == NodeKindRole:
            return "visit"
        if role == RowRole:
            return row
        return None

    def _display_row(self, row: dict[str, Any]) -> tuple[Any, ...]:
        return (
            local_date(row.get("visited_on", "")),
            row.get("place_name", ""),
            row.get("commune", ""),
            row.get("visitors", ""),
            visit_status_label(row.get("status", "")),
            int(row.get("interview_count") or 0),
            int(row.get("photo_count") or 0),
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = {
            self.DATE: QCoreApplication.translate("VisitTableModel", "Date"),
            self.PLACE: QCoreApplication.translate("VisitTableModel", "Place"),
            self.COMMUNE: QCoreApplication.translate("VisitTableModel", "Commune"),
            self.VISITORS: QCoreApplication.translate("VisitTableModel", "Visitors"),
            self.STATUS: QCoreApplication.translate("VisitTableModel", "Status"),
            self.INTERVIEWS: QCoreApplication.translate("VisitTableModel", "Interviews"),
            self.PHOTOS: QCoreApplication.translate("VisitTableModel", "Photos"),
        }
        return names.get(section)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _SELECTABLE

    def retranslate(self) -> None:
        self._display = [None] * len(self._rows)  # dates and statuses read differently now
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._rows:
            top = self.index(0, self.STATUS)
            bottom = self.index(len(self._rows) - 1, self.STATUS)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])


class VisitSortProxy(QSortFilterProxyModel):
    """The view's proxy over :class:`VisitTableModel`.

    Sorting (a header click) is handed to the source model, which sorts its plain rows by
    :meth:`VisitTableModel.sort_key` (dates as ISO text, counts as numbers, text without
    accents); the proxy keeps the source order and stays available for filters.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._column = -1
        self._order = Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column, self._order = column, order
        source = self.sourceModel()
        if isinstance(source, VisitTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def sort_column(self) -> int:
        return self._column


def hit_kind_label(kind: str) -> str:
    labels = {
        "place": QCoreApplication.translate("SearchResultsModel", "Place"),
        "visit": QCoreApplication.translate("SearchResultsModel", "Visit"),
        "interview": QCoreApplication.translate("SearchResultsModel", "Interview"),
    }
    return labels.get(kind, kind)


# -- search results -----------------------------------------------------------------------------
class SearchResultsModel(QAbstractListModel):
    """Hits of ``store.search``: a title line, the matching snippet, and where it belongs."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # Always two lines (the view lays items out as all the same height).
            snippet = hit.snippet.replace("[", "").replace("]", "")
            if not snippet or snippet == hit.title:
                snippet = hit_kind_label(hit.kind)
            return f"{hit.title}\n{snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.snippet.replace("[", "«").replace("]", "»")
        if role == SnippetRole:  # with [ ] around the match, for SearchHitDelegate
            if not hit.snippet or hit.snippet.replace("[", "").replace("]", "") == hit.title:
                return hit_kind_label(hit.kind)
            return hit.snippet
        if role == TitleRole:
            return hit.title
        if role == Qt.ItemDataRole.DecorationRole:
            return icon({"place": "place", "visit": "visit"}.get(hit.kind, "interview"))
        if role == IdRole:
            return hit.id
        if role == NodeKindRole:
            return hit.kind
        if role == PlaceIdRole:
            return hit.place_id
        if role == VisitIdRole:
            return hit.visit_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
