"""The photos of a visit as a list model, with thumbnails loaded lazily off the GUI thread."""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from fieldkit import photos
from fieldkit.errors import PhotoError
from fieldkit.paths import Home
from ui.editor_commands import while_alive
from ui.tasks import Progress, TaskManager

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: Drag-and-drop type for reordering photos inside the grid (a JSON list of photo ids).
PHOTO_IDS_MIME = "application/x-fieldkit-photo-ids"

THUMB_BOX = QSize(160, 120)


def _load_thumbnail(home: Home, sha256: str) -> QImage:
    """Worker side: make (or find) the thumbnail file and decode it. QImage, unlike
    QPixmap, may be built outside the GUI thread."""
    # Decrypted in memory only when the data directory is encrypted.
    image = QImage.fromData(photos.derivative_bytes(home, sha256, "thumb"))
    if image.isNull():
        raise PhotoError(
            f"The thumbnail of {sha256[:12]}… cannot be read.", code="damaged_image", sha256=sha256
        )
    return image


class ThumbnailCache(QObject):
    """Thumbnails by blob sha256: loaded on the compute lane on first request, then kept
    (a bounded LRU of icons). ``ready(sha256)`` says one arrived or failed."""

    ready = Signal(str)

    def __init__(
        self, tasks: TaskManager, home: Home, capacity: int = 400, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.home = home
        self.capacity = capacity
        self._icons: OrderedDict[str, QIcon] = OrderedDict()
        self._loading: set[str] = set()
        self.failures: dict[str, str] = {}  # sha256 -> why it has no thumbnail
        self._downloads_tried: set[str] = set()  # originals asked of the server once
        self.placeholder = _placeholder_icon(loading=True)
        self.broken = _placeholder_icon(loading=False)

    def icon(self, sha256: str) -> QIcon | None:
        """The thumbnail if it is loaded; otherwise None, and it is requested."""
        icon = self._icons.get(sha256)
        if icon is not None:
            self._icons.move_to_end(sha256)
            return icon
        if sha256 not in self.failures:
            self.request(sha256)
        return None

    def has(self, sha256: str) -> bool:
        return sha256 in self._icons

    def request(self, sha256: str) -> None:
        if sha256 in self._loading or sha256 in self._icons:
            return
        self._loading.add(sha256)
        home = self.home

        def job(_progress: Progress) -> QImage:
            return _load_thumbnail(home, sha256)

        self.tasks.run_compute(
            job,
            while_alive(self, lambda image: self._arrived(sha256, image)),
            while_alive(self, lambda exc: self._failed(sha256, exc)),
            name="thumbnail",
        )

    def forget_failures(self) -> None:
        """Try again the thumbnails that failed (e.g. after a sync brought originals)."""
        self.failures.clear()
        self._downloads_tried.clear()

    def _arrived(self, sha256: str, image: QImage) -> None:
        self._loading.discard(sha256)
        self._icons[sha256] = QIcon(QPixmap.fromImage(image))
        while len(self._icons) > self.capacity:
            self._icons.popitem(last=False)
        self.ready.emit(sha256)

    def _failed(self, sha256: str, exc: BaseException) -> None:
        self._loading.discard(sha256)
        if (
            isinstance(exc, PhotoError)
            and exc.code == "blob_missing"
            and sha256 not in self._downloads_tried
        ):
            # A photo someone else took: its original comes from the server the first
            # time it is shown (DESIGN §5.3), then the thumbnail is made from it.
            from ui.sync.photos import fetch_missing_photo  # the sync client: not at start-up

            self._downloads_tried.add(sha256)
            self._loading.add(sha256)
            fetch_missing_photo(
                self.tasks,
                sha256,
                while_alive(self, lambda _path: self._downloaded(sha256)),
                while_alive(self, lambda error: self._download_failed(sha256, exc, error)),
            )
            return
        self.failures[sha256] = str(exc)
        self.ready.emit(sha256)

    def _download_failed(self, sha256: str, missing: BaseException, error: BaseException) -> None:
        # Not signed in, or offline: the photo is still simply not here; say both.
        self._loading.discard(sha256)
        self.failures[sha256] = f"{missing} ({error})"
        self.ready.emit(sha256)

    def _downloaded(self, sha256: str) -> None:
        self._loading.discard(sha256)
        self.request(sha256)


def _placeholder_icon(*, loading: bool) -> QIcon:
    """A plain frame while a thumbnail loads; a warning sign when there is none."""
    pixmap = QPixmap(THUMB_BOX)
    palette = QApplication.palette()
    pixmap.fill(palette.color(QPalette.ColorRole.AlternateBase))
    painter = QPainter(pixmap)
    painter.setPen(QColor(palette.color(QPalette.ColorRole.Mid)))
    painter.drawRect(QRect(0, 0, THUMB_BOX.width() - 1, THUMB_BOX.height() - 1))
    if not loading:
        sign = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        side = 40
        sign.paint(
            painter,
            QRect((THUMB_BOX.width() - side) // 2, (THUMB_BOX.height() - side) // 2, side, side),
        )
    painter.end()
    return QIcon(pixmap)


class PhotoModel(QAbstractListModel):
    """One row per photo, in ``position`` order. Editing a caption or the in-report box
    changes the row at once and emits ``edited(photo_id, before, after)``; the tab turns
    that into an undoable command that writes it."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    RecordRole = Qt.ItemDataRole.UserRole + 2
    BlobRole = Qt.ItemDataRole.UserRole + 3
    #: True once the row's real thumbnail is loaded (False: placeholder shown).
    ThumbnailReadyRole = Qt.ItemDataRole.UserRole + 4

    edited = Signal(str, dict, dict)

    def __init__(self, thumbnails: ThumbnailCache, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thumbnails = thumbnails
        self._rows: list[dict[str, Any]] = []
        thumbnails.ready.connect(self._thumbnail_ready)

    # -- filling ---------------------------------------------------------------------
    def retranslate(self) -> None:
        """Texts drawn from the rows ("(no caption)", tooltips) are read again."""
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def ids(self) -> list[str]:
        return [r["id"] for r in self._rows]

    def row_of(self, photo_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r["id"] == photo_id:
                return i
        return -1

    def record(self, row: int) -> dict[str, Any]:
        return dict(self._rows[row])

    def records(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]

    def _thumbnail_ready(self, sha256: str) -> None:
        for i, r in enumerate(self._rows):
            if r["blob"] == sha256:
                index = self.index(i, 0)
                self.dataChanged.emit(
                    index,
                    index,
                    [Qt.ItemDataRole.DecorationRole, self.ThumbnailReadyRole],
                )

    # -- QAbstractListModel -------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rec = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return rec["caption"] or rec["original_name"] or self.tr("(no caption)")
        if role == Qt.ItemDataRole.EditRole:
            return rec["caption"]
        if role == Qt.ItemDataRole.DecorationRole:
            icon = self.thumbnails.icon(rec["blob"])
            if icon is not None:
                return icon
            if rec["blob"] in self.thumbnails.failures:
                return self.thumbnails.broken
            return self.thumbnails.placeholder
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if rec["in_report"] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(rec)
        if role == self.IdRole:
            return rec["id"]
        if role == self.RecordRole:
            return dict(rec)
        if role == self.BlobRole:
            return rec["blob"]
        if role == self.ThumbnailReadyRole:
            return self.thumbnails.has(rec["blob"])
        return None

    def _tooltip(self, rec: dict[str, Any]) -> str:
        lines = [rec["original_name"] or rec["blob"][:12]]
        if rec.get("taken_at"):
            lines.append(self.tr("Taken {when}").format(when=rec["taken_at"].replace("T", " ")))
        if rec.get("width") and rec.get("height"):
            lines.append(f"{rec['width']} × {rec['height']}")
        if not rec["in_report"]:
            lines.append(self.tr("Not in the report"))
        failure = self.thumbnails.failures.get(rec["blob"])
        if failure:
            lines.append(failure)
        return "\n".join(lines)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        rec = self._rows[index.row()]
        if role == Qt.ItemDataRole.EditRole:
            caption = str(value or "").strip()
            if caption == rec["caption"]:
                return False
            before: dict[str, Any] = {"caption": rec["caption"]}
            rec["caption"] = caption
            after: dict[str, Any] = {"caption": caption}
        elif role == Qt.ItemDataRole.CheckStateRole:
            state = value.value if isinstance(value, Qt.CheckState) else int(value)
            in_report = state == Qt.CheckState.Checked.value
            if in_report == rec["in_report"]:
                return False
            before = {"in_report": rec["in_report"]}
            rec["in_report"] = in_report
            after = {"in_report": in_report}
        else:
            return False
        self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.DisplayRole])
        self.edited.emit(rec["id"], before, after)
        return True

    def apply(self, photo_id: str, changes: dict[str, Any]) -> None:
        """Show new values of one photo (after an undo or an edit made elsewhere)."""
        row = self.row_of(photo_id)
        if row < 0:
            return
        self._rows[row].update(changes)
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # -- drag and drop: reordering within the grid ------------------------------------
    def mimeTypes(self) -> list[str]:
        return [PHOTO_IDS_MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        ids = [self._rows[r]["id"] for r in rows if r < len(self._rows)]
        data.setData(PHOTO_IDS_MIME, QByteArray(json.dumps(ids).encode()))
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction


def reordered(ids: list[str], moving: list[str], target_row: int) -> list[str]:
    """``ids`` with the ``moving`` ones taken out and put back before ``target_row``
    (an index in the original list; ``len(ids)`` puts them at the end)."""
    moving_set = set(moving)
    before = sum(1 for i in ids[:target_row] if i in moving_set)
    rest = [i for i in ids if i not in moving_set]
    at = max(0, min(len(rest), target_row - before))
    kept = [i for i in ids if i in moving_set]  # keep their relative order
    return rest[:at] + kept + rest[at:]
