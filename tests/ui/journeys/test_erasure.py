"""Journey: a visit erased for good, as a person does it (issue 26).

The app starts the one way in (ui.launch.start). The person clicks a visit in the list,
opens its context menu with Shift+F10 (then, the second time, with a right click),
chooses « Effacer définitivement la visite… », reads the confirmation (which visit, with
what) and clicks « Effacer définitivement » with the mouse. The visit is gone from the
list and from the database; the other one is still there. Cancelling erases nothing.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from fieldkit.store import Store
from tests.ui.journeys.person import JourneyFailed, Person, run, shown, until
from ui import i18n
from ui.models import VisitIdRole, VisitTableModel

ERASE_ENTRY = "Effacer définitivement la visite…"


@pytest.fixture(autouse=True)
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda: "C")  # French, as by default


def window_ready(session):
    window = session.window
    if window is None or not window.isVisible() or not window.tree_ready:
        return None
    return window if window.tasks.pending == 0 else None


def popup_menu() -> QMenu | None:
    popup = QApplication.activePopupWidget()
    return popup if isinstance(popup, QMenu) and popup.isVisible() else None


def question() -> QMessageBox | None:
    box = QApplication.activeModalWidget()
    return box if isinstance(box, QMessageBox) and box.isVisible() else None


def row_of(view, visit_id: str) -> int:
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(VisitIdRole) == visit_id:
            return row
    raise JourneyFailed(f"the visit {visit_id} is not in the list")


def right_click(widget, pos: QPoint) -> None:
    """A right click as the window system delivers it: press, release, then the context
    menu event that Qt's window sends after a right press (QTest sends only the first two
    when it targets a widget)."""
    QTest.mouseClick(widget, Qt.MouseButton.RightButton, pos=pos)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)


def visit_ids(view) -> set[str]:
    model = view.model()
    return {model.index(row, 0).data(VisitIdRole) for row in range(model.rowCount())}


def test_a_visit_erased_from_its_context_menu_is_gone_from_the_list_and_the_database(
    qtbot, launch, home
):
    with Store.open(home, user="agent-bzh") as store:
        place = store.create_place(name="La Cantine", postcode="35000", commune="Rennes")
        kept = store.create_visit(place["id"], visited_on="2026-04-01", notes="Première")
        erased = store.create_visit(place["id"], visited_on="2026-05-12", notes="Deuxième")
        store.create_interview(erased["id"], person_name="Camille", notes="Entretien")
    session = launch()
    person = Person()

    def journey():
        window = yield until("the main window", lambda: window_ready(session))
        view = window.visit_view
        yield until("both visits listed", lambda: visit_ids(view) == {kept["id"], erased["id"]})

        # First time: Shift+F10 on the row, then « Annuler »: nothing is erased.
        person.click_row(view, row_of(view, erased["id"]), VisitTableModel.PLACE)
        yield until("the visit open", lambda: window.editor.visit_id == erased["id"])
        yield until("the window idle", lambda: window_ready(session))
        assert QApplication.focusWidget() is view
        person.key(Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
        menu = yield until("the context menu", popup_menu)
        person.choose(menu, ERASE_ENTRY)
        box = yield until("the confirmation", question)
        assert shown(box.text()) == (
            "Effacer définitivement ? Impossible de revenir en arrière, même avec Ctrl+Z."
        )
        listed = shown(box.informativeText())
        assert "12/05/2026" in listed and "01/04/2026" not in listed
        assert box.defaultButton() is box.cancel_button  # Entrée would not erase
        person.click(box.cancel_button)
        yield until("the confirmation closed", lambda: question() is None)
        yield until("the window idle", lambda: window_ready(session))
        assert visit_ids(view) == {kept["id"], erased["id"]}

        # Second time: a right click on the row, and « Effacer définitivement ».
        rect = view.visualRect(
            view.model().index(row_of(view, erased["id"]), VisitTableModel.PLACE)
        )
        right_click(view.viewport(), rect.center())
        menu = yield until("the context menu", popup_menu)
        person.choose(menu, ERASE_ENTRY)
        box = yield until("the confirmation", question)
        assert shown(box.erase_button.text()) == "Effacer définitivement"
        person.click(box.erase_button, QPoint(5, 5))
        yield until("the visit gone from the list", lambda: visit_ids(view) == {kept["id"]})
        # The visit and its interview.
        assert shown(window.statusBar().currentMessage()).startswith("Effacés définitivement : 2 éléments.")

    run(qtbot, journey())
    with Store.open(home) as store:
        assert [v["id"] for v in store.visits()] == [kept["id"]]
        assert store.get("visit", erased["id"]) is None
        assert store.interviews(erased["id"]) == []
