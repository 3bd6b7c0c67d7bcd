"""Render the app on the demo mission to PNG files: ``python -m ui.screenshots DIR``.

Builds the demo mission (:func:`fieldkit.demo.build_demo`) in a scratch data folder, opens
the main window in French with its own throw-away settings, selects a visit that has
photos and interviews, and saves ``main-window.png``, ``visit-editor.png`` and
``photos-tab.png``. Run headless with ``QT_QPA_PLATFORM=offscreen`` (``make screenshots``).
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSettings
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication

from fieldkit.demo import build_demo
from fieldkit.paths import Home
from fieldkit.store import Store
from ui import i18n
from ui.main_window import MainWindow
from ui.models import node_key

WINDOW_SIZE = (1280, 800)


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get ready in time")
        app.processEvents()
        time.sleep(0.005)


def settle(app: QApplication, window: MainWindow) -> None:
    wait_until(app, lambda: window.tasks.pending == 0)
    for _ in range(5):
        app.processEvents()


def render(out_dir: Path, lang: str = "fr", demo_sizes: dict[str, int] | None = None) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    scratch = Path(tempfile.mkdtemp(prefix="fieldkit-screenshots-"))
    # Settings of this run only: the user's own window state is left alone.
    QCoreApplication.setOrganizationName("FieldKitScreenshots")
    QCoreApplication.setApplicationName("FieldKit")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "ini"))
    i18n.set_language(lang)

    home = Home.resolve(scratch / "home").ensure()
    store = Store.open(home, user="claire.martin", check_same_thread=False)
    build_demo(store, **(demo_sizes or {}))
    # A visit with photos and interviews, to show every part of the editor.
    visit = max(store.visits(), key=lambda v: (v["photo_count"], v["interview_count"]))

    window = MainWindow(store, home)
    window.resize(*WINDOW_SIZE)
    window.show()
    settle(app, window)
    # Its place shown in the tree, its département's visits in the list, it selected.
    window.jump_to(visit["place_id"], visit["id"])
    settle(app, window)
    window.select_node(node_key("departement", visit["departement"]), visit["id"])
    settle(app, window)
    editor = window.editor
    wait_until(app, lambda: editor.loaded and editor.visit_id == visit["id"])
    settle(app, window)

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    editor.tabs.setCurrentWidget(editor.form)
    settle(app, window)
    written.append(_save(window.grab(), out_dir / "main-window.png"))
    written.append(_save(editor.grab(), out_dir / "visit-editor.png"))

    editor.tabs.setCurrentWidget(editor.photos)
    photos = editor.photos
    wait_until(
        app,
        lambda: (
            photos.model.rowCount() == visit["photo_count"]
            and all(photos.thumbnails.has(r["blob"]) for r in photos.model.records())
        ),
    )
    settle(app, window)
    written.append(_save(editor.grab(), out_dir / "photos-tab.png"))

    window.close()
    window.tasks.wait(10_000)
    store.close()
    return written


def _save(pixmap: QPixmap, path: Path) -> Path:
    """Save as a 256-colour PNG: a quarter of the size, no visible loss on a UI."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not pixmap.save(buffer, "PNG"):
        raise OSError(f"could not render {path.name}")
    image = Image.open(io.BytesIO(bytes(data.data()))).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, "PNG", optimize=True
    )
    return path


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else Path("docs/screenshots")
    for path in render(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
