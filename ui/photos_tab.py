"""The "Photos" tab: a thumbnail grid, import (drag and drop or a file dialog), captions,
order, the in-report box, a viewer, delete. Every edit is undoable."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit import photos
from fieldkit.paths import Home
from ui.editor_commands import (
    DeleteCommand,
    EditorContext,
    ReorderPhotosCommand,
    UpdateCommand,
    while_alive,
)
from ui.i18n import shown_moment
from ui.photo_model import PHOTO_IDS_MIME, PhotoModel, ThumbnailCache, reordered
from ui.photo_viewer import PhotoViewer
from ui.tasks import Progress, Task
from ui.undo_texts import GroupCommand

#: Extensions taken from a dropped folder (files dropped one by one are all tried,
#: and the importer explains what it refuses).
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".heic", ".heif", ".png", ".webp", ".tif", ".tiff", ".avif"}

CAPTION_SAVE_DELAY_MS = 1000


def dropped_files(mime: QMimeData) -> list[str]:
    """Local files named by a drop (a dropped folder gives the images inside it)."""
    paths: list[str] = []
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir():
            paths.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES
            )
        else:
            paths.append(str(path))
    return paths


class PhotoGrid(QListView):
    """Thumbnails in a grid. Files dropped from the file manager are imported; photos
    dragged within the grid are moved (their order is the report's order)."""

    files_dropped = Signal(list)
    reorder_requested = Signal(list, int)  # photo ids, row to put them before

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(160, 120))
        self.setGridSize(QSize(184, 170))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)  # we move rows in the model ourselves
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        # After setMovement(Static), which turns both off: we handle drags ourselves.
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSpacing(4)

    def _accepts(self, mime: QMimeData) -> bool:
        return mime.hasFormat(PHOTO_IDS_MIME) or any(u.isLocalFile() for u in mime.urls())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event.mimeData()):
            self._set_action(event)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event.mimeData()):
            self._set_action(event)
            event.accept()
        else:
            event.ignore()

    def _set_action(self, event: QDragMoveEvent | QDropEvent) -> None:
        internal = event.mimeData().hasFormat(PHOTO_IDS_MIME)
        event.setDropAction(Qt.DropAction.MoveAction if internal else Qt.DropAction.CopyAction)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(PHOTO_IDS_MIME):
            ids = json.loads(bytes(mime.data(PHOTO_IDS_MIME).data()).decode())
            index = self.indexAt(event.position().toPoint())
            target = index.row() if index.isValid() else self.model().rowCount()
            self._set_action(event)
            event.accept()
            self.reorder_requested.emit(ids, target)
            return
        files = dropped_files(mime)
        if files:
            self._set_action(event)
            event.accept()
            self.files_dropped.emit(files)
        else:
            event.ignore()


class ImportReportDialog(QDialog):
    """What an import did: how many photos came in, duplicates, refused files and why."""

    def __init__(self, report: photos.ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.duplicates_label = QLabel()
        self.duplicates_label.setWordWrap(True)
        if report.duplicates:
            layout.addWidget(self.duplicates_label)

        self.refused = QTableWidget(len(report.refused), 2)
        self.refused.verticalHeader().hide()
        self.refused.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refused.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, (path, reason) in enumerate(report.refused):
            item = QTableWidgetItem(Path(path).name)
            item.setToolTip(path)
            self.refused.setItem(row, 0, item)
            why = QTableWidgetItem()
            why.setToolTip(reason)  # the importer's own words, with the details
            self.refused.setItem(row, 1, why)
        self.refused_label = QLabel()
        if report.refused:
            layout.addWidget(self.refused_label)
            layout.addWidget(self.refused, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.retranslate_ui()
        self.refused.resizeColumnToContents(0)

    def retranslate_ui(self) -> None:
        report = self.report
        self.setWindowTitle(self.tr("Photo import"))
        summary = self.tr("%n photo(s) imported.", "", len(report.imported))
        if report.cancelled:
            summary = self.tr("Import cancelled.") + " " + summary
        self.summary.setText(summary)
        if report.duplicates:
            names = ", ".join(Path(p).name for p in report.duplicates)
            self.duplicates_label.setText(
                self.tr("%n file(s) already in this visit, skipped:", "", len(report.duplicates))
                + " "
                + names
            )
        self.refused.setHorizontalHeaderLabels([self.tr("File"), self.tr("Why it was refused")])
        codes = list(getattr(report, "refused_codes", []))
        for row, (_path, reason) in enumerate(report.refused):
            code = codes[row] if row < len(codes) else ""
            item = self.refused.item(row, 1)
            if item is not None:
                item.setText(self.reason_text(code) or reason)
        self.refused_label.setText(self.tr("%n file(s) refused:", "", len(report.refused)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def reason_text(self, code: str) -> str:
        """A translated reason for the importer's refusal codes ('' if unknown)."""
        reasons = {
            "not_an_image": self.tr("This is not an image (or not a format FieldKit reads)."),
            "unsupported_format": self.tr(
                "This image format is not supported (JPEG, HEIC, PNG, WebP, TIFF, AVIF are)."
            ),
            "truncated": self.tr("The file is truncated: it ends before the image does."),
            "damaged_image": self.tr("The image is damaged and cannot be read."),
            "decompression_bomb": self.tr(
                "The image declares far too many pixels (a possible decompression bomb)."
            ),
            "bad_dimensions": self.tr("The image declares an empty size."),
            "empty_file": self.tr("The file is empty."),
            "file_too_large": self.tr("The file is too large for a photo."),
            "file_not_found": self.tr("The file was not found."),
            "not_a_file": self.tr("This is not a file."),
            "unreadable": self.tr("The file cannot be read (check its permissions)."),
            "copy_failed": self.tr("The file could not be copied (is the disk full?)."),
        }
        return reasons.get(code, "")


class PhotosTab(QWidget):
    """The photos of the visit being edited."""

    message = Signal(str)

    def __init__(
        self,
        ctx: EditorContext,
        home: Home,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.home = home
        self.undo_stack = undo_stack
        self.visit_id: str | None = None
        self._generation = 0
        self.import_task: Task | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.report_dialog: ImportReportDialog | None = None
        self.viewer: PhotoViewer | None = None
        self._caption_photo: str | None = None  # whose caption the field is editing
        self._caption_base = ""  # the caption the field was filled with (typing changes it)

        self.thumbnails = ThumbnailCache(ctx.tasks, home, parent=self)
        self.model = PhotoModel(self.thumbnails, self)
        self.model.edited.connect(self._model_edited)
        self.grid = PhotoGrid()
        self.grid.setModel(self.model)
        self.grid.files_dropped.connect(self.import_files)
        self.grid.reorder_requested.connect(self.move_photos)
        # Double click or Enter (Qt's "activated"): the viewer.
        self.grid.activated.connect(self.open_viewer)
        self.grid.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.setAcceptDrops(True)

        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.choose_and_import)
        self.earlier_button = QPushButton()
        self.earlier_button.clicked.connect(lambda: self.move_selected(-1))
        self.later_button = QPushButton()
        self.later_button.clicked.connect(lambda: self.move_selected(+1))
        self.view_button = QPushButton()
        self.view_button.clicked.connect(lambda: self.open_viewer(self.grid.currentIndex()))
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_action = delete_action = QAction(self.grid)
        delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(self.delete_selected)
        self.grid.addAction(delete_action)

        self.caption = QLineEdit()
        self.caption.textEdited.connect(self._caption_typed)
        self.caption.editingFinished.connect(self._commit_caption)
        self.in_report = QCheckBox()
        self.in_report.clicked.connect(self._in_report_clicked)
        self.details = QLabel()
        self.details.setEnabled(False)
        self._caption_timer = QTimer(self)
        self._caption_timer.setSingleShot(True)
        self._caption_timer.setInterval(CAPTION_SAVE_DELAY_MS)
        self._caption_timer.timeout.connect(self._commit_caption)

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)

        buttons = QHBoxLayout()
        for b in (
            self.import_button,
            self.earlier_button,
            self.later_button,
            self.view_button,
            self.delete_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        selected = QFormLayout()
        self.caption_label = QLabel()
        self.caption_label.setBuddy(self.caption)
        selected.addRow(self.caption_label, self.caption)
        selected.addRow("", self.in_report)
        selected.addRow("", self.details)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.grid, 1)
        layout.addLayout(selected)
        self.retranslate_ui()
        self._selection_changed()

    def retranslate_ui(self) -> None:
        self.import_button.setText(self.tr("&Import photos…"))
        self.import_button.setToolTip(self.tr("Import photos (Ctrl+I), or drop files here"))
        self.earlier_button.setText(self.tr("Move &earlier"))
        self.later_button.setText(self.tr("Move &later"))
        self.view_button.setText(self.tr("&View"))
        self.delete_button.setText(self.tr("&Delete"))
        self.grid.setAccessibleName(self.tr("Photos of the visit"))
        self.delete_button.setToolTip(self.tr("Delete the selected photos (Ctrl+Z to undo)"))
        self.delete_action.setText(self.tr("Delete photos"))
        self.caption.setPlaceholderText(self.tr("What the photo shows"))
        self.in_report.setText(self.tr("Include in the report"))
        self.empty_label.setText(
            self.tr(
                "No photos yet. Drag photos from your file manager here, "
                "or use “Import photos…” (Ctrl+I)."
            )
        )
        self.caption_label.setText(self.tr("&Caption:"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self._show_selected()
        super().changeEvent(event)

    # -- loading ---------------------------------------------------------------------
    def set_visit(self, visit_id: str | None) -> None:
        self.flush()
        self.visit_id = visit_id
        self.thumbnails.forget_failures()  # a sync may have brought missing originals since
        self.model.set_rows([])
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, visit_id = self._generation, self.visit_id
        if visit_id is None:
            self.model.set_rows([])
            return
        self.ctx.tasks.run(
            lambda s: s.photos(visit_id),
            while_alive(self, lambda rows: self._loaded(generation, rows)),
            self.ctx.failed,
            name="load photos",
        )

    def check_external(self) -> None:
        """The database was written elsewhere (a sync, an undo, another program): re-read
        the photos and redraw only if they changed; a caption being typed stays (its save
        carries the caption it started from, and is refused if that changed meanwhile)."""
        if self.visit_id is None:
            return
        generation, visit_id = self._generation, self.visit_id

        def loaded(rows: list[dict[str, Any]]) -> None:
            if generation == self._generation and rows != self.model.records():
                self._loaded(generation, rows)

        self.ctx.tasks.run(
            lambda s: s.photos(visit_id),
            while_alive(self, loaded),
            lambda _e: None,
            name="check photos",
        )

    def _loaded(self, generation: int, rows: list[dict[str, Any]]) -> None:
        if generation != self._generation:
            return
        selected = self.selected_ids()
        current = self.grid.currentIndex().data(PhotoModel.IdRole)
        self.model.set_rows(rows)
        selection = self.grid.selectionModel()
        for photo_id in selected:
            row = self.model.row_of(photo_id)
            if row >= 0:
                selection.select(self.model.index(row, 0), selection.SelectionFlag.Select)
        if current and (row := self.model.row_of(current)) >= 0:
            selection.setCurrentIndex(self.model.index(row, 0), selection.SelectionFlag.NoUpdate)
        self._selection_changed()

    def flush(self) -> None:
        """Save a caption being typed (record switch, window close), in the field below
        the grid or in a thumbnail's own editor (F2)."""
        inline = QApplication.focusWidget()
        if (
            inline is not None
            and self.grid.state() == QAbstractItemView.State.EditingState
            and self.grid.isAncestorOf(inline)
        ):
            self.grid.commitData(inline)  # → model.setData → an undoable edit
            self.grid.closeEditor(inline, QAbstractItemDelegate.EndEditHint.NoHint)
        if self._caption_timer.isActive() or self._caption_dirty():
            self._commit_caption()

    # -- import ----------------------------------------------------------------------
    def choose_and_import(self) -> None:
        if self.visit_id is None:
            return
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import photos"),
            "",
            self.tr(
                "Photos (*.jpg *.jpeg *.heic *.heif *.png *.webp *.tif *.tiff *.avif);;All files (*)"
            ),
        )
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> Task | None:
        """Import files into the shown visit in a worker, with a progress dialog and Cancel."""
        if self.visit_id is None or not paths:
            return None
        if self.import_task is not None:
            self.message.emit(self.tr("An import is already running."))
            return None
        visit_id = self.visit_id
        paths = list(paths)
        dialog = QProgressDialog(
            self.tr("Importing %n photo(s)…", "", len(paths)),
            self.tr("Cancel"),
            0,
            len(paths),
            self,
        )
        dialog.setWindowTitle(self.tr("Photo import"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        self.progress_dialog = dialog

        def job(store: Any, progress: Progress) -> photos.ImportReport:
            return photos.import_photos(
                store, visit_id, paths, progress=progress, cancelled=progress.is_cancelled
            )

        task = self.ctx.tasks.run_long(
            job,
            while_alive(self, lambda report: self._imported(visit_id, report)),
            while_alive(self, lambda exc: self._import_failed(visit_id, exc)),
            on_progress=while_alive(
                self, lambda done, total, _l: self._import_progress(done, total)
            ),
            name="import photos",
        )
        dialog.canceled.connect(task.cancel)
        self.import_task = task
        return task

    def _import_progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setMaximum(total)
            self.progress_dialog.setValue(done)

    def _end_import(self) -> None:
        self.import_task = None
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect()
            self.progress_dialog.reset()
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _imported(self, visit_id: str, report: photos.ImportReport) -> None:
        self._end_import()
        if report.imported:
            self.ctx.applied("photo", visit_id, report)
        n = len(report.imported)
        self.message.emit(self.tr("%n photo(s) imported.", "", n))
        if report.refused or report.duplicates or report.cancelled:
            dialog = ImportReportDialog(report, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _r: setattr(self, "report_dialog", None))
            self.report_dialog = dialog
            dialog.open()

    def _import_failed(self, visit_id: str, exc: BaseException) -> None:
        self._end_import()
        self.ctx.failed(exc)
        self.reload()

    # -- commands ------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.grid.selectionModel().selectedIndexes())
        return [self.model.record(r)["id"] for r in rows]

    def move_selected(self, step: int) -> None:
        ids = self.model.ids()
        moving = self.selected_ids()
        if not moving:
            return
        rows = [ids.index(i) for i in moving]
        target = min(rows) - 1 if step < 0 else max(rows) + 2
        if target < 0 or target > len(ids):
            return
        self.move_photos(moving, target)

    def move_photos(self, moving: list[str], target_row: int) -> None:
        if self.visit_id is None:
            return
        before = self.model.ids()
        moving = [i for i in moving if i in before]
        after = reordered(before, moving, target_row)
        if after == before:
            return
        self.undo_stack.push(
            ReorderPhotosCommand(
                self.ctx,
                partial(self.photo_text, "reorder", len(moving)),
                self.visit_id,
                before,
                after,
            )
        )

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.visit_id is None:
            return
        # One undo step for the lot, whose text follows the language (a Qt macro's
        # text could not be re-read).
        deletes = [
            DeleteCommand(
                self.ctx, partial(self.photo_text, "delete"), "photo", photo_id, self.visit_id
            )
            for photo_id in ids
        ]
        self.undo_stack.push(
            GroupCommand(partial(self.photo_text, "delete_many", len(ids)), deletes)
        )

    def photo_text(self, action: str, n: int = 1) -> str:
        """The undo text of a photo edit, in the current language (read again on a switch)."""
        if action == "reorder":
            return self.tr("Reorder %n photo(s)", "", n)
        if action == "delete_many":
            return self.tr("Delete %n photo(s)", "", n)
        texts = {
            "delete": self.tr("Delete photo"),
            "caption": self.tr("Edit photo caption"),
            "include": self.tr("Include photo in report"),
            "leave_out": self.tr("Leave photo out of report"),
        }
        return texts[action]

    def _model_edited(self, photo_id: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        """Inline caption edit, a click on a thumbnail's check box or on the one below."""
        if self.visit_id is None:
            return
        self._push_photo_edit(photo_id, before, after)
        self._show_selected()

    def _push_photo_edit(
        self, photo_id: str, before: dict[str, Any], after: dict[str, Any], *, merge: bool = False
    ) -> None:
        assert self.visit_id is not None
        if "caption" in after:
            text = partial(self.photo_text, "caption")
        elif after.get("in_report"):
            text = partial(self.photo_text, "include")
        else:
            text = partial(self.photo_text, "leave_out")
        self.undo_stack.push(
            UpdateCommand(
                self.ctx,
                text,
                "photo",
                photo_id,
                self.visit_id,
                before,
                after,
                mergeable=merge,
                base=before,  # refused if a sync or another program changed it meanwhile
            )
        )

    # -- the selected photo's caption and in-report box ------------------------------
    def _selection_changed(self, *_args: Any) -> None:
        if self._caption_photo is not None and self._caption_dirty():
            self._commit_caption()
        has_visit = self.visit_id is not None
        ids = self.selected_ids()
        self.import_button.setEnabled(has_visit)
        for b in (self.earlier_button, self.later_button, self.delete_button):
            b.setEnabled(bool(ids))
        self.view_button.setEnabled(self.grid.currentIndex().isValid())
        self.empty_label.setVisible(has_visit and self.model.rowCount() == 0)
        self._show_selected()

    def _show_selected(self) -> None:
        ids = self.selected_ids()
        single = len(ids) == 1
        self.caption.setEnabled(single)
        self.in_report.setEnabled(single)
        if not single:
            self._caption_photo = None
            self.caption.clear()
            self.in_report.setChecked(False)
            self.details.setText(self.tr("%n photo(s) selected.", "", len(ids)) if ids else "")
            return
        rec = self.model.record(self.model.row_of(ids[0]))
        if self._caption_photo != rec["id"] or not self._caption_dirty():
            self.caption.setText(rec["caption"])
            self._caption_base = rec["caption"]
        self._caption_photo = rec["id"]
        self.in_report.setChecked(rec["in_report"])
        bits = [rec["original_name"]]
        if rec.get("taken_at"):
            bits.append(shown_moment(rec["taken_at"]))
        if rec.get("width") and rec.get("height"):
            bits.append(f"{rec['width']} × {rec['height']}")
        self.details.setText(" · ".join(b for b in bits if b))

    def _caption_dirty(self) -> bool:
        """The person typed in the caption field since it was filled."""
        if self._caption_photo is None or self.model.row_of(self._caption_photo) < 0:
            return False
        return self.caption.text().strip() != self._caption_base

    def _caption_typed(self, _text: str) -> None:
        self._caption_timer.start()

    def _commit_caption(self) -> None:
        self._caption_timer.stop()
        photo_id = self._caption_photo
        if photo_id is None or self.visit_id is None:
            return
        row = self.model.row_of(photo_id)
        if row < 0:
            return
        old = self.model.record(row)["caption"]
        new = self.caption.text().strip()
        self._caption_base = new
        if new == old:
            return
        self.model.apply(photo_id, {"caption": new})
        self._push_photo_edit(photo_id, {"caption": old}, {"caption": new}, merge=True)

    def _in_report_clicked(self, checked: bool) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        index = self.model.index(self.model.row_of(ids[0]), 0)
        self.model.setData(
            index,
            Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
            Qt.ItemDataRole.CheckStateRole,
        )

    # -- viewer ------------------------------------------------------------------------
    def open_viewer(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        viewer = PhotoViewer(self.ctx.tasks, self.home, self.model.records(), index.row(), self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.finished.connect(lambda _r: setattr(self, "viewer", None))
        self.viewer = viewer
        viewer.open()

    # -- drops on the tab outside the grid (e.g. on the empty-state text) ---------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.visit_id is not None and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event.mimeData())
        if files and self.visit_id is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.import_files(files)
        else:
            event.ignore()
