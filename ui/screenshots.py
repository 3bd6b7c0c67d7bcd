"""Render the app on the demo mission to PNG files: ``python -m ui.screenshots DIR``.

Builds the demo mission (:func:`fieldkit.demo.build_demo`) in a scratch data folder, starts
the app the one way in (:func:`ui.launch.start`, as ``main.py`` does) on a 1366×768 screen
(a field laptop) in French with its own throw-away settings,
selects a visit that has photos and interviews, and saves ``first-run.png`` (an empty
mission), ``main-window.png``, ``visit-editor.png``, ``photos-tab.png``,
``visit-editor-en.png`` (English), ``conflicts.png`` and ``writing-mode.png``. Run
headless with ``QT_QPA_PLATFORM=offscreen`` (``make screenshots``).
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSettings
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication

from fieldkit import encryption
from fieldkit.demo import build_demo
from fieldkit.paths import Home
from fieldkit.store import Store
from ui import i18n
from ui.launch import Session, start
from ui.main_window import MainWindow
from ui.models import node_key

WINDOW_SIZE = (1366, 768)


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


def scratch_settings(scratch: Path) -> None:
    """Settings of this run only: the user's own window state is left alone."""
    QCoreApplication.setOrganizationName("FieldKitScreenshots")
    QCoreApplication.setApplicationName("FieldKit")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "ini"))


def render(out_dir: Path, lang: str = "fr", demo_sizes: dict[str, int] | None = None) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    scratch = Path(tempfile.mkdtemp(prefix="fieldkit-screenshots-"))
    scratch_settings(scratch)
    i18n.set_language(lang)

    out_dir.mkdir(parents=True, exist_ok=True)
    written = [_first_run(app, scratch, out_dir, lang)]

    home = Home.resolve(scratch / "home").ensure()
    store = Store.open(home, user="claire.martin", check_same_thread=False)
    build_demo(store, **(demo_sizes or {}))
    # A visit with photos and interviews, to show every part of the editor.
    visit = max(store.visits(), key=lambda v: (v["photo_count"], v["interview_count"]))

    _add_conflict(store, visit)
    store.close()
    session = start_app(home, lang)
    window = session.window
    assert window is not None
    window.resize(*WINDOW_SIZE)
    settle(app, window)
    # Its place shown in the tree, its département's visits in the list, it selected.
    window.jump_to(visit["place_id"], visit["id"])
    settle(app, window)
    window.select_node(node_key("departement", visit["departement"]), visit["id"])
    settle(app, window)
    editor = window.editor
    wait_until(app, lambda: editor.loaded and editor.visit_id == visit["id"])
    settle(app, window)

    editor.tabs.setCurrentWidget(editor.form)
    settle(app, window)
    written.append(save_png(window.grab(), out_dir / "main-window.png"))
    written.append(save_png(editor.grab(), out_dir / "visit-editor.png"))

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
    written.append(save_png(editor.grab(), out_dir / "photos-tab.png"))

    # Writing mode: the notes fill the window.
    editor.tabs.setCurrentWidget(editor.form)
    window.set_writing_mode(True)
    settle(app, window)
    written.append(save_png(window.grab(), out_dir / "writing-mode.png"))
    window.set_writing_mode(False)
    settle(app, window)

    # The conflicts view, on the conflict added above.
    window.sync_ui.show_conflicts()
    dialog = window.sync_ui.conflicts_dialog
    assert dialog is not None
    dialog.show()
    dialog.resize(1100, 600)
    wait_until(app, lambda: bool(dialog.choices))
    settle(app, window)
    written.append(save_png(dialog.grab(), out_dir / "conflicts.png"))
    dialog.close()

    # The editor in English (Affichage → Langue → English).
    i18n.set_language("en")
    settle(app, window)
    written.append(save_png(editor.grab(), out_dir / "visit-editor-en.png"))
    i18n.set_language(lang)

    close_app(app, session)
    return written


def start_app(home: Home, lang: str) -> Session:
    """The app as ``main.py`` starts it, on ``home`` (no first-run question: the
    screenshots show the windows after it)."""
    os.environ[encryption.NEW_HOME_ENV] = "off"
    session = start(["FieldKit", "--home", str(home.root)])
    if session is None:
        raise RuntimeError(f"the app could not open {home.root}")
    i18n.set_language(lang)  # start() chose the system's
    return session


def close_app(app: QApplication, session: Session) -> None:
    assert session.window is not None
    session.window.close()
    wait_until(app, lambda: session.exit_code is not None)


def _first_run(app: QApplication, scratch: Path, out_dir: Path, lang: str) -> Path:
    """The window a new user meets: an empty mission, its ways to start."""
    session = start_app(Home.resolve(scratch / "empty").ensure(), lang)
    window = session.window
    assert window is not None
    window.resize(*WINDOW_SIZE)
    settle(app, window)
    path = save_png(window.grab(), out_dir / "first-run.png")
    close_app(app, session)
    return path


def _add_conflict(store: Store, visit: dict) -> None:
    """A conflict on the visit's summary, as a sync with another device would record it."""
    from fieldkit.sync.local import ConflictInfo, _insert_conflict  # noqa: PLC0415

    base = "Une équipe de trois personnes anime le lieu, ouvert du mardi au samedi."
    with store.transaction():
        _insert_conflict(
            store,
            ConflictInfo(
                "screenshot-conflict",
                "visit",
                visit["id"],
                2,
                mine={"summary": base.replace("trois personnes", "trois bénévoles")},
                theirs={"summary": base.replace("du mardi au samedi", "tous les jours")},
                base={"summary": base},
            ),
        )


def save_png(pixmap: QPixmap, path: Path) -> Path:
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


def laptop_screen(folder: Path) -> None:
    """Unless told otherwise (``QT_QPA_PLATFORM=xcb`` on a real screen), render on an
    offscreen 1366×768 screen: windows are fitted to the screen they open on."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    width, height = WINDOW_SIZE
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else Path("docs/screenshots")
    laptop_screen(Path(tempfile.mkdtemp(prefix="fieldkit-screen-")))
    for path in render(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
