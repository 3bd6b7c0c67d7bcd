"""« Rapports régionaux… »: choose régions and options, build the PDFs in a worker with
progress and Cancel, preview them in the app, open their folder.

The build runs on the task manager's compute lane with its own read-only connection to
the database (WAL lets it read while the app keeps writing), so a long report never holds
up autosave on the database lane. The preview renders pages with pypdfium2 (this PySide6
has no QtPdf) in a worker too; the GUI thread only turns the images into pixmaps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldkit import geo
from fieldkit.errors import FieldKitError, Problem
from fieldkit.paths import Home

# Only the plain option/result types at import: the builders pull in ReportLab, which
# would add 0.2–0.4 s to the app's start-up for a dialog most sessions never open.
from fieldkit.reports.model import ReportFailure, ReportOptions, ReportResult
from fieldkit.store import Store
from ui.i18n import error_message
from ui.tasks import Progress, Task, TaskManager

SETTINGS_FOLDER = "reports/folder"
PREVIEW_PAGES = 12  # pages rendered in the preview; the PDF itself opens in full
PREVIEW_WIDTH_PX = 720  # rendered this wide, then shown at the width the pane has
PROGRESS_STEPS = 1000


class PreviewPage(QLabel):
    """One rendered page, scaled to the width it is given (never above its own)."""

    def __init__(self, image: QImage) -> None:
        super().__init__()
        self.image = image
        self.setFrameShape(QLabel.Shape.Box)

    def fit(self, width: int) -> None:
        frame = 2 * self.frameWidth()
        width = max(1, min(width - frame, self.image.width()))
        if self.pixmap().width() == width:
            return
        scaled = self.image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.setPixmap(QPixmap.fromImage(scaled))
        self.setFixedSize(scaled.width() + frame, scaled.height() + frame)  # keeps its shape


@dataclass
class BuildOutcome:
    """What a build made; ``failures``: reports that could not be built (the others
    were); ``cancelled`` when Cancel stopped it (finished files stay)."""

    results: list[ReportResult] = field(default_factory=list)
    failures: list[ReportFailure] = field(default_factory=list)
    cancelled: bool = False

    @property
    def paths(self) -> list[Path]:
        return [r.path for r in self.results]


#: The progress label of the photos fetched before the build.
PHOTOS_LABEL = "fetching-photos"


def visits_by_region(store: Store, options: ReportOptions) -> dict[str, int]:
    """How many visits each région has under these options (database lane)."""
    counts: dict[str, int] = {}
    for visit in store.visits(
        date_from=options.date_from,
        date_to=options.date_to,
        include_drafts=options.include_drafts,
    ):
        counts[visit["region"]] = counts.get(visit["region"], 0) + 1
    return counts


def photos_to_fetch(store: Store, regions: list[str], options: ReportOptions) -> list[str]:
    """The files of the photos these régions' reports print that are not on this computer
    (a sync brings a photo's record; its file comes when needed)."""
    if not options.include_photos or not regions or store.home is None:
        return []
    wanted = set(regions)
    blobs: list[str] = []
    for visit in store.visits(
        date_from=options.date_from,
        date_to=options.date_to,
        include_drafts=options.include_drafts,
    ):
        if visit["region"] not in wanted:
            continue
        for photo in store.photos(visit["id"]):
            if photo.get("in_report") and photo["blob"] not in blobs:
                blobs.append(photo["blob"])
    from fieldkit.photos import blob_path  # Pillow, off the start-up path

    home = store.home
    return [blob for blob in blobs if not blob_path(home, blob).is_file()]


def fetch_report_photos(
    store: Store, regions: list[str], options: ReportOptions, progress: Progress
) -> None:
    """Download from the sync server the photos the reports need, with progress. Without
    a login or a server, nothing is fetched: the reports list what is missing."""
    from fieldkit.sync import SyncClient
    from fieldkit.sync.blobs import NotLoggedIn, SyncError

    missing = photos_to_fetch(store, regions, options)
    if not missing:
        return
    try:
        client = SyncClient.from_settings(store)
    except NotLoggedIn:
        return
    with client:
        for done, blob in enumerate(missing):
            if progress.is_cancelled():
                return
            progress.report(done, len(missing), PHOTOS_LABEL)
            try:
                client.fetch_blob(blob, cancelled=progress.is_cancelled)
            except SyncError as exc:
                if exc.code == "offline":
                    return  # the server cannot be reached: the others would wait as long
        progress.report(len(missing), len(missing), PHOTOS_LABEL)


def build_reports(
    store: Store,
    regions: list[str],
    folder: Path,
    options: ReportOptions,
    national: bool,
    progress: Progress,
    *,
    jobs: int | None = None,
) -> BuildOutcome:
    """The worker's job: the core's build of the régions (in parallel processes) and the
    national summary if asked; progress labelled with the région code being built."""
    from fieldkit.reports import build_all_reports

    fetch_report_photos(store, regions, options, progress)

    def report(fraction: float, label: str) -> None:
        done = int(PROGRESS_STEPS * fraction)
        progress.report(done, PROGRESS_STEPS, "" if label == "done" else label)

    built = build_all_reports(
        store,
        folder,
        options,
        report,
        progress.is_cancelled,
        regions=regions,
        national=national,
        jobs=jobs,
    )
    progress.report(PROGRESS_STEPS, PROGRESS_STEPS, "")
    return BuildOutcome(built.results, built.failures, built.cancelled)


def render_pages(path: Path, width_px: int, limit: int) -> tuple[list[QImage], int]:
    """The first ``limit`` pages of a PDF as images ``width_px`` wide, and the page count.

    QImage (unlike QPixmap) may be made off the GUI thread.
    """
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        images = []
        for index in range(min(limit, len(document))):
            page = document[index]
            scale = width_px / page.get_width()
            bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB byte order
            image = QImage(
                bytes(bitmap.buffer),
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            ).copy()  # own the pixels before the bitmap goes
            images.append(image)
            bitmap.close()
            page.close()
        return images, len(document)
    finally:
        document.close()


class ReportsDialog(QDialog):
    """Build per-région PDF reports. ``printed_on`` fixes the cover date (tests)."""

    def __init__(
        self,
        tasks: TaskManager,
        home: Home | None,
        parent: QWidget | None = None,
        *,
        printed_on: dt.date | None = None,
        author: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsDialog")
        self.tasks = tasks
        self.home = home
        self.printed_on = printed_on
        self.author = author if author is not None else (tasks.store.user or None)
        self.outcome: BuildOutcome | None = None
        self._build_task: Task | None = None
        self._counts_generation = 0
        self._preview_generation = 0
        self._build_widgets()
        self.retranslate_ui()
        self.load_regions()

    # == widgets ===========================================================================
    def _build_widgets(self) -> None:
        self.regions_box = QGroupBox()
        self.region_list = QListWidget(objectName="regionList")
        self.all_button = QPushButton()
        self.none_button = QPushButton()
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button.clicked.connect(lambda: self._check_all(False))
        self.national_check = QCheckBox(objectName="nationalCheck")
        self.national_check.setChecked(True)
        select_row = QHBoxLayout()
        select_row.addWidget(self.all_button)
        select_row.addWidget(self.none_button)
        select_row.addStretch(1)
        regions_layout = QVBoxLayout(self.regions_box)
        regions_layout.addWidget(self.region_list)
        regions_layout.addLayout(select_row)
        regions_layout.addWidget(self.national_check)

        self.options_box = QGroupBox()
        self.period_check = QCheckBox(objectName="periodCheck")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addYears(-1), objectName="dateFrom")
        self.date_to = QDateEdit(today, objectName="dateTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setEnabled(False)
            edit.dateChanged.connect(self.load_regions)
        self.period_check.toggled.connect(self._period_toggled)
        self.drafts_check = QCheckBox(objectName="draftsCheck")
        self.drafts_check.setChecked(True)
        self.drafts_check.toggled.connect(self.load_regions)
        self.quality_combo = QComboBox(objectName="qualityCombo")
        self.quality_combo.addItem("", "print")
        self.quality_combo.addItem("", "screen")
        self.no_photos_check = QCheckBox(objectName="noPhotosCheck")
        self.no_photos_check.toggled.connect(lambda on: self.quality_combo.setEnabled(not on))
        self.folder_edit = QLineEdit(objectName="folderEdit")
        self.folder_edit.setText(self._default_folder())
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self._choose_folder)
        period_row = QHBoxLayout()
        period_row.addWidget(self.period_check)
        period_row.addWidget(self.date_from)
        self.period_to_label = QLabel()
        period_row.addWidget(self.period_to_label)
        period_row.addWidget(self.date_to)
        period_row.addStretch(1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        self.options_form = QFormLayout(self.options_box)
        self.period_label = QLabel()
        self.quality_label = QLabel()
        self.folder_label = QLabel()
        self.options_form.addRow(self.period_label, period_row)
        self.options_form.addRow("", self.drafts_check)
        self.options_form.addRow(self.quality_label, self.quality_combo)
        self.options_form.addRow("", self.no_photos_check)
        self.options_form.addRow(self.folder_label, folder_row)

        self.progress_bar = QProgressBar(objectName="progressBar")
        self.progress_bar.setRange(0, PROGRESS_STEPS)
        self.progress_bar.setValue(0)
        self.status_label = QLabel(objectName="statusLabel")
        self.status_label.setWordWrap(True)
        self.build_button = QPushButton(objectName="buildButton")
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.start_build)
        self.cancel_button = QPushButton(objectName="cancelButton")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_build)
        self.open_folder_button = QPushButton(objectName="openFolderButton")
        self.open_folder_button.setEnabled(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.build_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_folder_button)
        buttons.addWidget(self.close_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.regions_box, 1)
        left_layout.addWidget(self.options_box)
        left_layout.addWidget(self.progress_bar)
        left_layout.addWidget(self.status_label)
        left_layout.addLayout(buttons)

        self.preview_box = QGroupBox()
        self.preview_combo = QComboBox(objectName="previewCombo")
        self.preview_combo.currentIndexChanged.connect(self._preview_selected)
        self.preview_info = QLabel(objectName="previewInfo")
        self.preview_pages = QWidget()
        self.preview_layout = QVBoxLayout(self.preview_pages)
        self.preview_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.preview_scroll = QScrollArea(objectName="previewScroll")
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setWidget(self.preview_pages)
        # Pages follow the pane's width (they were 520 px fixed, cut on the right at 1366×768).
        self.preview_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview_scroll.viewport().installEventFilter(self)
        self.open_pdf_button = QPushButton(objectName="openPdfButton")
        self.open_pdf_button.setEnabled(False)
        self.open_pdf_button.clicked.connect(self.open_pdf)
        preview_top = QHBoxLayout()
        preview_top.addWidget(self.preview_combo, 1)
        preview_top.addWidget(self.open_pdf_button)
        preview_layout = QVBoxLayout(self.preview_box)
        preview_layout.addLayout(preview_top)
        preview_layout.addWidget(self.preview_info)
        preview_layout.addWidget(self.preview_scroll, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview_box)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1100, 720)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Regional reports"))
        self.regions_box.setTitle(self.tr("Regions to print"))
        self.all_button.setText(self.tr("All"))
        self.none_button.setText(self.tr("None"))
        self.national_check.setText(self.tr("Also a national summary (table and chart of regions)"))
        self.options_box.setTitle(self.tr("Options"))
        self.period_label.setText(self.tr("Period:"))
        self.period_check.setText(self.tr("Only visits from"))
        self.period_to_label.setText(self.tr("to"))
        self.drafts_check.setText(self.tr("Include draft visits"))
        self.quality_label.setText(self.tr("Photos:"))
        self.quality_combo.setItemText(0, self.tr("Print quality (large file)"))
        self.quality_combo.setItemText(1, self.tr("Screen quality (lighter file)"))
        self.no_photos_check.setText(self.tr("Leave photos out"))
        self.folder_label.setText(self.tr("Save in:"))
        self.folder_button.setText(self.tr("Choose…"))
        self.build_button.setText(self.tr("Build the reports"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.open_folder_button.setText(self.tr("Open the folder"))
        self.close_button.setText(self.tr("Close"))
        self.preview_box.setTitle(self.tr("Preview"))
        self.open_pdf_button.setText(self.tr("Open the PDF"))
        self._label_regions()

    # == regions ===========================================================================
    def options(self) -> ReportOptions:
        period = self.period_check.isChecked()
        return ReportOptions(
            date_from=self.date_from.date().toString("yyyy-MM-dd") if period else None,
            date_to=self.date_to.date().toString("yyyy-MM-dd") if period else None,
            include_drafts=self.drafts_check.isChecked(),
            photo_quality=str(self.quality_combo.currentData()),
            include_photos=not self.no_photos_check.isChecked(),
            author=self.author,
            printed_on=self.printed_on,
        )

    def load_regions(self) -> None:
        """(Re)count visits per région for the current options; preselect those with visits."""
        try:
            options = self.options().validated()
        except FieldKitError:
            return  # a half-typed period: keep the list as it is
        self._counts_generation += 1
        generation = self._counts_generation
        self.tasks.run(
            lambda store: visits_by_region(store, options),
            lambda counts: self._regions_loaded(generation, counts),
            self._failed,
            name="report-region-counts",
        )

    def _regions_loaded(self, generation: int, counts: dict[str, int]) -> None:
        if generation != self._counts_generation:
            return  # the options changed again meanwhile
        first_load = self.region_list.count() == 0
        checked = set() if first_load else set(self.checked_regions())
        self.region_list.clear()
        for region in geo.regions():
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, region.code)
            item.setData(Qt.ItemDataRole.UserRole + 1, counts.get(region.code, 0))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            wanted = counts.get(region.code, 0) > 0 if first_load else region.code in checked
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
            self.region_list.addItem(item)
        self._label_regions()

    def _label_regions(self) -> None:
        for row in range(self.region_list.count()):
            item = self.region_list.item(row)
            code = item.data(Qt.ItemDataRole.UserRole)
            count = int(item.data(Qt.ItemDataRole.UserRole + 1) or 0)
            visits = self.tr("%n visit(s)", "", count)
            item.setText(f"{geo.region_name(code)} — {visits}")

    def checked_regions(self) -> list[str]:
        return [
            self.region_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.region_list.count())
            if self.region_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _check_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.region_list.count()):
            self.region_list.item(row).setCheckState(state)

    def _period_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.load_regions()

    # == output folder =====================================================================
    def _default_folder(self) -> str:
        saved = QSettings().value(SETTINGS_FOLDER, "")
        if saved:
            return str(saved)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return str(Path(documents or Path.home()) / "FieldKit")

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the reports"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    # == building ==========================================================================
    def start_build(self) -> None:
        regions = self.checked_regions()
        national = self.national_check.isChecked()
        if not regions and not national:
            self._show_error(self.tr("Tick at least one region (or the national summary)."))
            return
        if not self.folder_edit.text().strip():
            self._show_error(self.tr("Choose the folder where the reports go."))
            return
        try:
            options = self.options().validated()
        except FieldKitError:
            self._show_error(self.tr("The period ends before it starts."))
            return
        folder = self.folder()
        QSettings().setValue(SETTINGS_FOLDER, str(folder))
        self.outcome = None
        self._set_busy(True)
        self.progress_bar.setValue(0)
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("Building…"))
        self._clear_preview()
        self.preview_combo.clear()

        def job(store: Store, progress: Progress) -> BuildOutcome:
            folder.mkdir(parents=True, exist_ok=True)
            return build_reports(store, regions, folder, options, national, progress)

        self._build_task = self._run_with_own_store(job)

    def _run_with_own_store(self, job: Callable[[Store, Progress], BuildOutcome]) -> Task:
        """On the compute lane with a connection of its own; without a data directory
        (an in-memory store) on the database lane."""
        home = self.home
        if home is None:
            return self.tasks.run_long(
                job, self._build_done, self._build_failed, self._build_progress, name="reports"
            )

        def own_store_job(progress: Progress) -> BuildOutcome:
            store = Store.open(home)
            try:
                return job(store, progress)
            finally:
                store.close()

        return self.tasks.run_compute(
            own_store_job,
            self._build_done,
            self._build_failed,
            self._build_progress,
            name="reports",
        )

    def cancel_build(self) -> None:
        if self._build_task is not None:
            self._build_task.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))

    def is_building(self) -> bool:
        return self._build_task is not None

    def _build_progress(self, done: int, total: int, label: str) -> None:
        if label == PHOTOS_LABEL:
            self.status_label.setText(
                self.tr("Fetching the reports' photos from the server: %1 of %2…")
                .replace("%1", str(done))
                .replace("%2", str(total))
            )
            return
        self.progress_bar.setValue(done)
        if label == "national":
            self.status_label.setText(self.tr("Building the national summary…"))
        elif label:
            self.status_label.setText(
                self.tr("Building the report of %1…").replace("%1", geo.region_name(label))
            )

    def _build_done(self, outcome: BuildOutcome) -> None:
        self._build_task = None
        self._set_busy(False)
        self.outcome = outcome
        missing = sum(len(r.missing_photos) for r in outcome.results)
        if outcome.cancelled:
            text = self.tr("Cancelled. %n report(s) had been finished.", "", len(outcome.results))
        else:
            self.progress_bar.setValue(PROGRESS_STEPS)
            text = self.tr("%n report(s) built.", "", len(outcome.results))
        if missing:
            text += " " + self.tr(
                "%n photo(s) could not be found; they are listed at the end of the reports.",
                "",
                missing,
            )
        if outcome.failures:
            lines = [
                self.tr("%n report(s) could not be built:", "", len(outcome.failures)),
                *(self._failure_text(f) for f in outcome.failures),
            ]
            text += "\n" + "\n".join(lines)
            self.status_label.setStyleSheet("color: #b00020;")
        self.status_label.setText(text)
        self.open_folder_button.setEnabled(bool(outcome.results))
        for result in outcome.results:
            self.preview_combo.addItem(result.path.name, str(result.path))

    def _failure_text(self, failure: ReportFailure) -> str:
        """« Île-de-France : why », the why in the interface's language when it is known."""
        what = geo.region_name(failure.region) if failure.region else self.tr("National summary")
        if failure.code == "unexpected":  # a bug: its English technical text, introduced
            why = self.tr("Unexpected error: %1").replace("%1", failure.message)
        elif failure.code == "report_not_written":
            why = (
                self.tr("the file %1 could not be written (%2).")
                .replace("%1", str(failure.params.get("path", "")))
                .replace("%2", str(failure.params.get("reason", "")))
            )
        elif failure.code == "report_worker_died":
            why = self.tr("the process building it stopped unexpectedly.")
        else:
            why = error_message(Problem(failure.message, failure.code, **failure.params))
        return self.tr("%1: %2").replace("%1", what).replace("%2", why)

    def _build_failed(self, exc: BaseException) -> None:
        self._build_task = None
        self._set_busy(False)
        self._show_error(
            self.tr("The reports could not be built: %1").replace("%1", error_message(exc))
        )

    def _failed(self, exc: BaseException) -> None:
        self._show_error(error_message(exc))

    def _show_error(self, text: str) -> None:
        self.status_label.setStyleSheet("color: #b00020;")
        self.status_label.setText(text)

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.build_button,
            self.regions_box,
            self.options_box,
            self.close_button,
            self.preview_combo,
        ):
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.open_folder_button.setEnabled(False)

    # == preview ===========================================================================
    def _preview_selected(self, index: int) -> None:
        path_text = self.preview_combo.itemData(index)
        self.open_pdf_button.setEnabled(bool(path_text))
        if not path_text:
            return
        self._preview_generation += 1
        generation = self._preview_generation
        path = Path(path_text)
        self.preview_info.setText(self.tr("Rendering the pages…"))
        self.tasks.run_compute(
            lambda _progress: render_pages(path, PREVIEW_WIDTH_PX, PREVIEW_PAGES),
            lambda rendered: self._preview_ready(generation, rendered),
            self._preview_failed,
            name="report-preview",
        )

    def _preview_ready(self, generation: int, rendered: tuple[list[QImage], int]) -> None:
        if generation != self._preview_generation:
            return
        images, total = rendered
        self._clear_preview()
        for image in images:
            page = PreviewPage(image)
            page.fit(self.preview_page_width())
            self.preview_layout.addWidget(page)
        if total > len(images):
            self.preview_info.setText(
                self.tr("First %1 of %n page(s); open the PDF to see them all.", "", total).replace(
                    "%1", str(len(images))
                )
            )
        else:
            self.preview_info.setText(self.tr("%n page(s)", "", total))

    def preview_page_width(self) -> int:
        """The width a page takes in the preview: the pane's, less the layout's margins."""
        margins = self.preview_layout.contentsMargins()
        room = self.preview_scroll.viewport().width() - margins.left() - margins.right()
        room -= self.preview_scroll.verticalScrollBar().sizeHint().width()  # when it appears
        return max(120, room)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.preview_scroll.viewport() and event.type() == QEvent.Type.Resize:
            width = self.preview_page_width()
            for i in range(self.preview_layout.count()):
                page = self.preview_layout.itemAt(i).widget()
                if isinstance(page, PreviewPage):
                    page.fit(width)
        return super().eventFilter(watched, event)

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview_info.setText(
            self.tr("The preview failed: %1").replace("%1", error_message(exc))
        )

    def _clear_preview(self) -> None:
        while self.preview_layout.count():
            item = self.preview_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()

    def preview_page_count(self) -> int:
        return sum(
            1
            for i in range(self.preview_layout.count())
            if isinstance(self.preview_layout.itemAt(i).widget(), QLabel)
        )

    # == opening ===========================================================================
    def folder_url(self) -> QUrl:
        return QUrl.fromLocalFile(str(self.folder()))

    def open_folder(self) -> None:
        QDesktopServices.openUrl(self.folder_url())

    def open_pdf(self) -> None:
        path_text = self.preview_combo.currentData()
        if path_text:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path_text)))

    # == closing ===========================================================================
    def reject(self) -> None:
        if self.is_building():
            self.cancel_build()  # never leave a worker writing after the dialog is gone
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        if self.is_building():
            self.cancel_build()
            event.ignore()
            return
        super().closeEvent(event)


class ReportsAction(QAction):
    """File → « Rapports régionaux… »: opens (or brings back) the dialog.

    The main window needs one line: ``install_reports_action(window)``; the action keeps
    its own text up to date when the language changes.
    """

    def __init__(self, window: QMainWindow, tasks: TaskManager, home: Home | None) -> None:
        super().__init__(window)
        self.setObjectName("reportsAction")
        self.main_window = window
        self.tasks = tasks
        self.home = home
        self.dialog: ReportsDialog | None = None
        self.triggered.connect(self.open_dialog)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("&Regional reports…"))
        self.setToolTip(self.tr("Print one PDF visit report per region"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.main_window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def open_dialog(self) -> ReportsDialog:
        if self.dialog is None:
            self.dialog = ReportsDialog(self.tasks, self.home, self.main_window)
        else:
            self.dialog.load_regions()  # visits may have changed since
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog


def install_reports_action(window: Any) -> ReportsAction:
    """Add « Rapports régionaux… » to the main window's File menu, before its last
    separator (``window.file_menu``, ``window.file_extra_separator``, ``window.tasks``,
    ``window.home``: the hook points the main window offers)."""
    action = ReportsAction(window, window.tasks, window.home)
    window.file_menu.insertAction(window.file_extra_separator, action)
    window.reports_action = action
    return action
