"""Journey: photos dropped from a file manager onto a visit's Photos tab (issue 26).

The app starts the one way in (ui.launch.start). The person clicks a visit, clicks the
« Photos » tab, and drops files there as a file manager delivers them: a QMimeData of
file URLs, in drag-enter, drag-move and drop events sent to the visible widget under the
pointer. First onto the empty tab's invitation (« Glissez ici des photos… »), then onto
the grid of thumbnails. The thumbnails appear, the count is shown in the visit list and
the status bar, a file that is not an image is named in the import report, and the
photos are stored with their files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from fieldkit import photos
from fieldkit.store import Store
from tests.ui.journeys.person import JourneyFailed, Person, run, shown, until
from ui import i18n
from ui.models import VisitIdRole, VisitTableModel
from ui.photo_model import PhotoModel
from ui.photos_tab import ImportReportDialog


@pytest.fixture(autouse=True)
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda: "C")  # French, as by default


def window_ready(session):
    window = session.window
    if window is None or not window.isVisible() or not window.tree_ready:
        return None
    return window if window.tasks.pending == 0 else None


def jpeg(path: Path, colour: str) -> Path:
    Image.new("RGB", (640, 480), colour).save(path, "JPEG")
    return path


def drop_target(widget: QWidget, pos: QPoint) -> tuple[QWidget | None, QPoint]:
    """Where Qt's window delivers a drop at ``pos`` over ``widget``: the widget itself or
    its nearest parent that accepts drops (QWidgetWindow's findDnDTarget)."""
    while not widget.acceptDrops() and not widget.isWindow():
        pos = widget.mapToParent(pos)
        widget = widget.parentWidget()
    return (widget if widget.acceptDrops() else None), pos


def drop_files(widget: QWidget, pos: QPoint, paths: list[Path]) -> bool:
    """Drag files from a file manager over ``widget`` at ``pos`` and release them there, as
    the window system delivers it; whether the drop was taken (the pointer says so)."""
    if not widget.isVisible():
        raise JourneyFailed(f"{widget} is not on screen")
    target, pos = drop_target(widget, pos)
    if target is None:
        return False
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    copy = Qt.DropAction.CopyAction
    buttons, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, copy, mime, buttons, none)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(pos, copy, mime, buttons, none)
    # As QWidgetWindow does: a move over the widget that took the enter starts accepted
    # (« handling DragEnter should suffice »), with the action it chose.
    move.setDropAction(enter.dropAction())
    move.accept()
    QApplication.sendEvent(target, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(pos.toPointF(), copy, mime, buttons, none)
    drop.setDropAction(move.dropAction())
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def import_report() -> ImportReportDialog | None:
    box = QApplication.activeModalWidget()
    return box if isinstance(box, ImportReportDialog) and box.isVisible() else None


def thumbnails_drawn(model: PhotoModel) -> int:
    return sum(
        1 for row in range(model.rowCount()) if model.index(row, 0).data(model.ThumbnailReadyRole)
    )


def photo_count_shown(view, visit_id: str) -> int | None:
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(VisitIdRole) == visit_id:
            return model.index(row, VisitTableModel.PHOTOS).data()
    return None


def test_photos_dropped_on_the_photos_tab_are_shown_counted_and_stored(
    qtbot, tmp_path, launch, home
):
    with Store.open(home, user="agent-bzh") as store:
        place = store.create_place(name="La Cantine", postcode="35000", commune="Rennes")
        visit = store.create_visit(place["id"], visited_on="2026-05-12")
    pictures = tmp_path / "Images"
    pictures.mkdir()
    first = [jpeg(pictures / "facade.jpg", "red"), jpeg(pictures / "atelier.jpg", "green")]
    not_an_image = pictures / "notes.txt"
    not_an_image.write_text("pas une image")
    later = jpeg(pictures / "jardin.jpg", "blue")
    session = launch()
    person = Person()

    def journey():
        window = yield until("the main window", lambda: window_ready(session))
        view = window.visit_view
        person.click_row(view, 0, VisitTableModel.PLACE)
        editor = window.editor
        yield until("the visit open", lambda: editor.loaded and editor.visit_id == visit["id"])
        bar = editor.tabs.tabBar()
        assert shown(bar.tabText(2)) == "Photos"
        person.click(bar, bar.tabRect(2).center())
        tab = editor.photos
        yield until("the Photos tab", tab.isVisible)
        invitation = tab.empty_label
        yield until("the empty tab's invitation", invitation.isVisible)
        assert shown(invitation.text()).startswith("Aucune photo pour l’instant. Glissez ici")

        # Dropped where the tab invites it: two photos and a text file.
        assert drop_files(invitation, invitation.rect().center(), [*first, not_an_image])
        report = yield until("the import report", import_report, timeout=60)
        assert shown(report.summary.text()) == "2 photos importées."
        refused = report.refused
        assert refused.rowCount() == 1 and refused.item(0, 0).text() == "notes.txt"
        yield until("two thumbnails", lambda: thumbnails_drawn(tab.model) == 2)
        assert not invitation.isVisible()
        assert shown(window.statusBar().currentMessage()) == "2 photos importées."
        yield until("the count in the list", lambda: photo_count_shown(view, visit["id"]) == 2)
        buttons = report.findChild(QDialogButtonBox)
        person.click(buttons.button(QDialogButtonBox.StandardButton.Close))
        yield until("the report closed", lambda: import_report() is None)

        # Then one more, dropped on the grid among the thumbnails.
        grid = tab.grid.viewport()
        assert drop_files(grid, grid.rect().center(), [later])
        yield until("three thumbnails", lambda: thumbnails_drawn(tab.model) == 3)
        assert shown(window.statusBar().currentMessage()) == "1 photo importée."
        yield until("the count in the list", lambda: photo_count_shown(view, visit["id"]) == 3)

    run(qtbot, journey())
    with Store.open(home) as store:
        stored = store.photos(visit["id"])
    assert [p["original_name"] for p in stored] == ["facade.jpg", "atelier.jpg", "jardin.jpg"]
    for photo in stored:
        assert photos.blob_path(home, photo["blob"]).is_file()
