"""A photo at screen size (the report-size derivative), with its caption; ← → browse."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldkit import photos
from fieldkit.errors import FieldKitError, PhotoError
from fieldkit.paths import Home
from ui.editor_commands import while_alive
from ui.i18n import error_message
from ui.tasks import Progress, TaskManager


def _load_report_image(home: Home, sha256: str) -> QImage:
    # Decrypted in memory only when the data directory is encrypted.
    image = QImage.fromData(photos.derivative_bytes(home, sha256, "report"))
    if image.isNull():
        raise PhotoError(
            f"The photo {sha256[:12]}… cannot be read.", code="damaged_image", sha256=sha256
        )
    return image


class PhotoViewer(QDialog):
    """Shows ``records[index]``; the image loads on the compute lane."""

    def __init__(
        self,
        tasks: TaskManager,
        home: Home,
        records: list[dict[str, Any]],
        index: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.home = home
        self.records = records
        self.index = index
        self._pixmap: QPixmap | None = None
        self._generation = 0
        self._downloads_tried: set[str] = set()  # originals asked of the server once

        self.image = QLabel()
        self.image.setObjectName("photo")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setMinimumSize(200, 150)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.close_button = QPushButton()
        self.previous_button.clicked.connect(lambda: self.show_photo(self.index - 1))
        self.next_button.clicked.connect(lambda: self.show_photo(self.index + 1))
        self.close_button.clicked.connect(self.accept)
        for b in (self.previous_button, self.next_button, self.close_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows browse, not move focus

        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addWidget(self.caption, 1)
        row.addWidget(self.next_button)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addLayout(row)

        screen = (parent.screen() if parent else None) or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        self.resize(int(available.width() * 0.85), int(available.height() * 0.85))
        self.retranslate_ui()
        self.show_photo(index)

    def retranslate_ui(self) -> None:
        self.previous_button.setText(self.tr("◀ Previous"))
        self.next_button.setText(self.tr("Next ▶"))
        self.close_button.setText(self.tr("Close"))
        self._show_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_title(self) -> None:
        if not 0 <= self.index < len(self.records):
            return
        rec = self.records[self.index]
        self.setWindowTitle(
            self.tr("Photo {n} of {total} — {name}").format(
                n=self.index + 1, total=len(self.records), name=rec["original_name"]
            )
        )

    def show_photo(self, index: int) -> None:
        if not 0 <= index < len(self.records):
            return
        self.index = index
        rec = self.records[index]
        self._show_title()
        self.caption.setText(rec["caption"] or rec["original_name"])
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.records) - 1)
        self._pixmap = None
        self.image.setPixmap(QPixmap())
        self.image.setText(self.tr("Loading…"))
        self._generation += 1
        generation, home, sha = self._generation, self.home, rec["blob"]

        def job(_progress: Progress) -> QImage:
            return _load_report_image(home, sha)

        self.tasks.run_compute(
            job,
            while_alive(self, lambda image: self._arrived(generation, image)),
            while_alive(self, lambda exc: self._failed(generation, exc)),
            name="photo viewer",
        )

    def _show_again(self, generation: int) -> None:
        if generation == self._generation:
            self.show_photo(self.index)

    @property
    def loaded(self) -> bool:
        return self._pixmap is not None

    def _arrived(self, generation: int, image: QImage) -> None:
        if generation != self._generation:
            return
        self._pixmap = QPixmap.fromImage(image)
        self.image.setText("")
        self._rescale()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        if (
            isinstance(exc, FieldKitError)
            and exc.code == "blob_missing"
            and self.records[self.index]["blob"] not in self._downloads_tried
        ):
            # Someone else's photo: fetch its original from the server, then show it.
            from ui.sync.photos import fetch_missing_photo  # the sync client: not at start-up

            sha = self.records[self.index]["blob"]
            self._downloads_tried.add(sha)
            self.image.setText(self.tr("Downloading the photo from the server…"))
            fetch_missing_photo(
                self.tasks,
                sha,
                while_alive(self, lambda _path: self._show_again(generation)),
                while_alive(self, lambda error: self._failed(generation, error)),
            )
            return
        if isinstance(exc, FieldKitError) and exc.code in (
            "blob_missing",
            "offline",
            "sync",
            "not_logged_in",
        ):
            self.image.setText(
                self.tr(
                    "The original of this photo is not on this computer yet "
                    "(it will come with the next sync)."
                )
            )
        else:
            self.image.setText(
                self.tr("This photo cannot be shown: {error}").format(error=error_message(exc))
            )

    def _rescale(self) -> None:
        if self._pixmap is None:
            return
        size = self.image.size()
        pixmap = self._pixmap
        if pixmap.width() > size.width() or pixmap.height() > size.height():
            pixmap = pixmap.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self.image.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Left:
            self.show_photo(self.index - 1)
        elif event.key() == Qt.Key.Key_Right:
            self.show_photo(self.index + 1)
        else:
            super().keyPressEvent(event)
