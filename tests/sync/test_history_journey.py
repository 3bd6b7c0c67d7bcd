"""« Historique » opened as a person opens it (a click on the visit, its context menu from
the keyboard), against the real server (issue 26, item 5): values shown as the editor shows
them, long texts whole with the changed words highlighted, and a language switch reaches
the open dialog."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.sync import SyncClient, login
from tests.sync.conftest import Device
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401
from ui.models import VisitTableModel
from ui.sync.history_dialog import HistoryDialog

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")
LONG_NOTES = (
    "Premier passage au tiers-lieu : accueil par la gérante, visite des ateliers, "
    "discussion sur le modèle économique et les adhésions, puis repas partagé avec "
    "les résidents du mardi"
)


@pytest.fixture
def coordinator_window(qtbot, live_server, tmp_path: Path):
    from ui.main_window import MainWindow

    anne = Device(live_server, tmp_path, "agent-bzh", name="anne")
    place = anne.store.create_place(name="La Cantine", kind="coworking", postcode="35000")
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-01", notes=LONG_NOTES)
    anne.sync()
    anne.store.update(
        "visit", visit["id"], {"notes": LONG_NOTES.replace("mardi", "jeudi"), "status": "final"}
    )
    anne.sync()
    home = Home(tmp_path / "gui").ensure()
    store = Store.open(home, user="coordinator", check_same_thread=False)
    login(store, live_server.url, "coordinator", "coord-pass-1")
    with SyncClient.from_settings(store, retry_delays=(0.01,)) as client:
        client.sync()
    window = MainWindow(store, home)
    window.sync_ui.controller.set_auto(False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.waitUntil(lambda: window.visit_model.rowCount() == 1, timeout=10_000)
    yield window
    window.close()
    window.tasks.wait(10_000)
    store.close()
    anne.close()


def open_history_of_the_visit(qtbot, window) -> HistoryDialog:
    view = window.visit_view
    rect = view.visualRect(view.model().index(0, VisitTableModel.PLACE))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.keyClick(view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    for _ in range(len(menu.actions())):
        QTest.keyClick(menu, Qt.Key.Key_Down)
        if menu.activeAction() is window.visit_history_action:
            break
    assert menu.activeAction() is window.visit_history_action
    QTest.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(HistoryDialog) is not None)
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def cells(dialog: HistoryDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def highlighted_words(dialog: HistoryDialog) -> list[str]:
    """The words of the details pane drawn on a coloured background."""
    document = dialog.details.document()
    words = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                words.append(fragment.text().strip())
            it += 1
        block = block.next()
    assert QTextCursor(document).document() is document
    return [w for w in words if w]


def test_history_shows_values_as_the_editor_does_and_follows_the_language(
    qtbot, coordinator_window
):
    from ui import i18n

    window = coordinator_window
    dialog = open_history_of_the_visit(qtbot, window)
    qtbot.waitUntil(lambda: "Up to date" in dialog.status.text(), timeout=15_000)
    shown = cells(dialog)
    text = "\n".join("\t".join(row) for row in shown)
    assert not UUID.search(text), text  # the place by its name, not its id
    assert "La Cantine" in text
    assert "01/10/2026" in text and "2026-10-01" not in text
    assert "Draft" in text and "Final" in text and "draft" not in text
    # The edit at the end of the long notes shows in the table.
    change = next(row for row in shown if row[2] == "Changed")
    assert "jeudi" in change[3] and "mardi" in change[3]

    # A click on that event: the details pane gives both texts whole, the changed word
    # highlighted.
    row = [r[2] for r in shown].index("Changed")
    table = dialog.table
    rect = table.visualRect(dialog.model.index(row, 2))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    details = dialog.details.toPlainText()
    assert LONG_NOTES in details and LONG_NOTES.replace("mardi", "jeudi") in details
    marked = highlighted_words(dialog)
    assert "mardi" in marked and "jeudi" in marked
    assert "Premier" not in marked

    # The language changes while the dialog is open: its texts follow.
    before = (dialog.windowTitle(), dialog.status.text(), cells(dialog))
    i18n.set_language("fr")
    assert dialog.windowTitle().startswith("Historique")
    assert dialog.status.text() != before[1] and "serveur" in dialog.status.text()
    french = cells(dialog)
    assert [r[2] for r in french] != [r[2] for r in before[2]]
    assert "Brouillon" in "\n".join("\t".join(r) for r in french)
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "Quand"
    assert "jeudi" in dialog.details.toPlainText()  # the selected event is still shown
