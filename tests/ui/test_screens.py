"""Every window and dialog fits a 1366×768 and a 1280×720 screen (issue 13).

Qt's offscreen platform takes the screen size from a config file, so each size runs in
its own process: the app opens its main window (first run) and its dialogs, and prints
where each one is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize

from ui.screens import clamped

SCRIPT = r"""
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from pathlib import Path
from fieldkit.paths import Home
from fieldkit.store import Store
from ui import i18n
from ui.main_window import MainWindow
i18n.set_language("fr")
home = Home(Path(sys.argv[1])).ensure()
store = Store.open(home, check_same_thread=False)
window = MainWindow(store, home)
window.show()
windows = {"main": window}
windows["place"] = window.open_place_dialog()
windows["reports"] = window.reports_action.open_dialog()
windows["retention"] = window.retention_action.open_dialog()
window.sync_ui.show_login(); windows["login"] = window.sync_ui.login_dialog
window.sync_ui.show_conflicts(); windows["conflicts"] = window.sync_ui.conflicts_dialog
windows["about"] = window.show_about()
for _ in range(5):
    app.processEvents()
screen = app.primaryScreen().availableGeometry()
out = {"screen": [screen.x(), screen.y(), screen.width(), screen.height()]}
for name, w in windows.items():
    g = w.frameGeometry()
    out[name] = [g.x(), g.y(), g.width(), g.height()]
print(json.dumps(out))
window.tasks.wait(5000)
store.close()
"""


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_every_window_fits_a_small_screen(tmp_path: Path, size: tuple[int, int]):
    config = tmp_path / "screen.json"
    width, height = size
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # a first run: no saved geometry
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "home")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    places = json.loads(done.stdout.strip().splitlines()[-1])
    assert places.pop("screen") == [0, 0, width, height]
    for name, (x, y, w, h) in places.items():
        assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, (name, places[name])
    # The main window uses the room it has (not a small window in a corner).
    assert places["main"][3] >= height * 0.8


def test_clamped_keeps_what_fits_and_shrinks_what_does_not():
    screen = QRect(0, 0, 1366, 768)
    assert clamped(QRect(10, 10, 800, 600), screen) == QRect(10, 10, 800, 600)
    assert clamped(QRect(0, 0, 1200, 780), screen) == QRect(0, 0, 1200, 768)
    assert clamped(QRect(500, 400, 1200, 700), screen, QSize(0, 30)) == QRect(166, 38, 1200, 700)


def _arrow_rows(view) -> list[int]:
    """Dark pixels per row of the header's first section: the sort arrow alone."""
    header = view.horizontalHeader()
    image = header.grab().toImage()
    rows = []
    for y in range(image.height()):
        dark = sum(
            1 for x in range(header.sectionSize(0) - 2) if image.pixelColor(x, y).lightness() < 140
        )
        if dark:
            rows.append(dark)
    return rows


def test_newest_first_shows_a_downward_arrow(qtbot):
    """The Date column showed ▲ while the newest visits came first (issue 13)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from ui.screens import natural_sort_arrows

    shapes = []
    for flip in (False, True):
        model = QStandardItemModel(3, 1)
        model.setHorizontalHeaderLabels([""])
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(model)
        if flip:
            natural_sort_arrows(view.horizontalHeader())
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        view.show()
        qtbot.waitExposed(view)
        shapes.append(_arrow_rows(view))
    plain, natural = shapes
    assert len(natural) >= 2 and natural[0] > natural[-1]  # ▼: wide at the top
    assert plain[0] < plain[-1]  # what Qt alone draws: ▲


def test_the_visit_list_uses_natural_arrows(qtbot, ui_store, home):
    from ui.main_window import MainWindow
    from ui.screens import SortArrowStyle

    window = MainWindow(ui_store, home)
    qtbot.addWidget(window)
    assert isinstance(window.visit_view.horizontalHeader().style(), SortArrowStyle)
    window.close()
    window.tasks.wait(5000)
