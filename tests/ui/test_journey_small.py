"""The smaller things a person notices (issue 26, item 13), each seen as a person sees it:
the visit list's height, a tooltip's keys, a photo's date, the map's figures (and the map
following a new place), the passphrase prompt's width."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fieldkit.sync.blobs import blob_file
from ui import i18n
from ui.main_window import MainWindow
from ui.models import VisitTableModel


def settle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)


@pytest.fixture
def window(qtbot, ui_store, home):
    place = ui_store.create_place(name="La Cantine", postcode="35000", commune="Rennes")
    for day in range(1, 11):
        visit = ui_store.create_visit(place["id"], visited_on=f"2026-04-{day:02d}")
    data = b"\xff\xd8" + b"x" * 2000
    sha = hashlib.sha256(data).hexdigest()
    path = blob_file(home, sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    ui_store.conn.execute(
        "INSERT INTO blobs(sha256, size, present, uploaded, created_at) VALUES (?, ?, 1, 0, ?)",
        (sha, len(data), ui_store.now()),
    )
    ui_store.create(
        "photo",
        {
            "visit_id": visit["id"],
            "blob": sha,
            "original_name": "facade.jpg",
            "taken_at": "2026-04-10T14:35:00",
        },
    )
    w = MainWindow(ui_store, home)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitActive(w):
        w.activateWindow()
    settle(qtbot, w)
    yield w
    for widget in QApplication.topLevelWidgets():
        if widget is not w and widget.isVisible():
            widget.close()
    w.close()
    w.tasks.wait(5000)


def click_row(window: MainWindow, row: int) -> None:
    view = window.visit_view
    rect = view.visualRect(view.model().index(row, VisitTableModel.PLACE))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_visit_list_shows_at_least_six_visits(qtbot, window):
    click_row(window, 0)
    qtbot.waitUntil(lambda: window.editor.loaded)
    view = window.visit_view
    sixth = view.visualRect(view.model().index(5, 0))
    assert view.viewport().rect().contains(sixth), "the sixth visit is out of view"


def test_the_redo_tooltip_says_its_keys_in_french(qtbot, window):
    i18n.set_language("fr")
    button = window.toolbar.widgetForAction(window.redo_action)
    assert "Maj" in button.toolTip() and "Shift" not in button.toolTip()
    i18n.set_language("en")
    assert "Shift" in button.toolTip()


def test_a_photos_date_is_written_as_the_locale_writes_it(qtbot, window):
    i18n.set_language("fr")
    click_row(window, 0)  # the newest visit, the one with the photo
    editor = window.editor
    qtbot.waitUntil(lambda: editor.loaded)
    bar = editor.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    grid = editor.photos.grid
    qtbot.waitUntil(lambda: grid.model().rowCount() == 1, timeout=5000)
    rect = grid.visualRect(grid.model().index(0, 0))
    QTest.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    details = editor.photos.details.text()
    assert "10/04/2026 14:35" in details and "2026-04-10" not in details, details


def open_map(qtbot, window: MainWindow):
    QTest.keyClick(
        window.focusWidget() or window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: window.map_action.map_window is not None)
    map_window = window.map_action.map_window
    qtbot.waitUntil(
        lambda: (
            "Rennes" in map_window.figures_label.text() or "35" in map_window.figures_label.text()
        ),
        timeout=10_000,
    )
    settle(qtbot, window)
    return map_window


def test_map_figures_follow_french_typography_and_new_places(qtbot, window):
    i18n.set_language("fr")
    map_window = open_map(qtbot, window)
    figures = map_window.figures_label.text()
    assert "\u202f:" in figures and " :" not in figures.replace("\u202f:", "")
    assert "\u202f%" in figures
    i18n.set_language("en")
    figures = map_window.figures_label.text()
    assert "\u202f" not in figures and "%" in figures
    assert "1 places listed" in figures or "1 place" in figures

    # A new place (typed in the place dialog): the open map counts it.
    window.activateWindow()  # back to the main window, as a click on it does
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(
        window.focusWidget() or window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.place_dialog is not None and window.place_dialog.isVisible())
    dialog = window.place_dialog
    QTest.keyClicks(dialog.name_edit, "Le Bocal")
    QTest.mouseClick(dialog.postcode_edit, Qt.MouseButton.LeftButton)
    QTest.keyClicks(dialog.postcode_edit, "29200")
    QTest.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: "2 places listed" in map_window.figures_label.text(), timeout=10_000)


def test_the_passphrase_prompt_is_wide_enough(qtbot, home):
    from ui.encryption_ui import PassphraseDialog

    dialog = PassphraseDialog(home)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    metrics = dialog.fontMetrics()
    # About sixty characters a line, at least 480 px: the title and the folder fit.
    assert dialog.width() >= max(480, metrics.horizontalAdvance("x" * 60))
    # The explanation takes three lines at most.
    intro = dialog.intro
    assert intro.height() <= 3 * metrics.lineSpacing() + 8
