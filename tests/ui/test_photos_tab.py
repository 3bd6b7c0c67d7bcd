"""The "Photos" tab: drop files, lazy thumbnails, refused files, captions, order, the
in-report box, the viewer, delete with undo, and an event loop that keeps turning."""

# ruff: noqa: F811  (pytest fixtures imported from tests.ui.editor_fixtures)
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QIcon
from PySide6.QtWidgets import QApplication, QPushButton

from fieldkit import photos
from tests.photo_factory import make_jpeg, make_not_an_image, make_truncated
from tests.ui.editor_fixtures import (  # noqa: F401 (fixtures)
    db,
    editor,
    lane_store,
    open_visit,
    tasks,
    two_visits,
    type_text,
    undo_stack,
)
from ui.photo_model import PHOTO_IDS_MIME, PhotoModel, ThumbnailCache, reordered


def send_drop(widget, mime, pos=None, action=Qt.DropAction.CopyAction):
    """Deliver a drag-and-drop as Qt does: DragEnter (which picks the drop target), a
    DragMove, then the Drop. Returns the drop event."""
    pos = QPointF(20, 20) if pos is None else pos
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # Drag events take a QPoint (a QPointF only from PySide6 6.12), the drop a QPointF.
    enter = QDragEnterEvent(pos.toPoint(), actions, mime, buttons, mods)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDragMoveEvent(pos.toPoint(), actions, mime, buttons, mods))
    drop = QDropEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(widget, drop)
    return drop


def drop_files(widget, paths, pos=None):
    """A real drop from the file manager: QMimeData with file URLs."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return send_drop(widget, mime, pos)


def photos_tab_on(qtbot, editor, visit_id):
    open_visit(qtbot, editor, visit_id)
    editor.tabs.setCurrentWidget(editor.photos)
    return editor.photos


def wait_import_done(qtbot, tab):
    qtbot.waitUntil(lambda: tab.import_task is None, timeout=30000)


@pytest.fixture
def two_jpegs(tmp_path):
    return [
        make_jpeg(tmp_path / "facade.jpg", (320, 240), seed=1, taken_at="2026-10-01 10:00:00"),
        make_jpeg(tmp_path / "atelier.jpg", (240, 320), seed=2),
    ]


def test_drop_two_photos_and_see_two_thumbnails(
    qtbot, qtmodeltester, editor, db, two_visits, two_jpegs
):
    first, _ = two_visits
    tab = photos_tab_on(qtbot, editor, first)
    with qtbot.waitSignal(editor.visit_saved, timeout=30000) as saved:
        event = drop_files(tab.grid.viewport(), two_jpegs)
    assert event.isAccepted()
    assert saved.args == [first]
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10000)
    # Thumbnails arrive lazily, off the GUI thread; until then a placeholder is shown.
    qtbot.waitUntil(
        lambda: all(tab.model.index(r, 0).data(PhotoModel.ThumbnailReadyRole) for r in range(2)),
        timeout=10000,
    )
    icon = tab.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and icon.cacheKey() != tab.thumbnails.placeholder.cacheKey()
    assert [r["original_name"] for r in db.photos(first)] == ["facade.jpg", "atelier.jpg"]
    assert tab.model.index(0, 0).data() == "facade.jpg"
    assert tab.report_dialog is None  # nothing to report: no dialog in the way
    qtmodeltester.check(tab.model)


def test_a_drop_on_the_empty_state_imports_too(qtbot, editor, db, two_visits, two_jpegs):
    first, _ = two_visits
    tab = photos_tab_on(qtbot, editor, first)
    assert tab.empty_label.isVisible()
    drop_files(tab, two_jpegs[:1])
    wait_import_done(qtbot, tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10000)
    assert not tab.empty_label.isVisible()


def test_refused_files_are_listed_with_their_reason(
    qtbot, editor, db, two_visits, two_jpegs, tmp_path
):
    first, _ = two_visits
    tab = photos_tab_on(qtbot, editor, first)
    broken = make_truncated(tmp_path / "coupée.jpg")
    text = make_not_an_image(tmp_path / "compte-rendu.jpg")
    drop_files(tab.grid.viewport(), [two_jpegs[0], broken, text])
    qtbot.waitUntil(lambda: tab.report_dialog is not None, timeout=30000)
    dialog = tab.report_dialog
    assert dialog.isVisible()
    assert dialog.summary.text() == "1 photo(s) imported."
    rows = {
        dialog.refused.item(r, 0).text(): dialog.refused.item(r, 1).text()
        for r in range(dialog.refused.rowCount())
    }
    assert set(rows) == {"coupée.jpg", "compte-rendu.jpg"}
    assert "truncated" in rows["coupée.jpg"]
    assert "not an image" in rows["compte-rendu.jpg"]
    # The importer's own message, with its details, stays reachable as a tooltip.
    tooltips = {dialog.refused.item(r, 1).toolTip() for r in range(dialog.refused.rowCount())}
    assert any("truncated" in t for t in tooltips)
    assert len(db.photos(first)) == 1

    # The same photo again: skipped, and the dialog says so.
    dialog.close()
    drop_files(tab.grid.viewport(), two_jpegs[:1])
    qtbot.waitUntil(lambda: tab.report_dialog is not None, timeout=30000)
    assert "already in this visit" in tab.report_dialog.duplicates_label.text()
    assert "facade.jpg" in tab.report_dialog.duplicates_label.text()
    assert len(db.photos(first)) == 1


def import_and_wait(qtbot, tab, paths, count):
    tab.import_files([str(p) for p in paths])
    wait_import_done(qtbot, tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == count, timeout=10000)


def select_row(tab, row):
    tab.grid.clearSelection()
    tab.grid.setCurrentIndex(tab.model.index(row, 0))


def test_caption_and_in_report_are_saved_and_undoable(
    qtbot, editor, db, two_visits, two_jpegs, undo_stack
):
    first, _ = two_visits
    tab = photos_tab_on(qtbot, editor, first)
    import_and_wait(qtbot, tab, two_jpegs, 2)
    select_row(tab, 0)
    assert tab.caption.isEnabled() and tab.in_report.isChecked()
    photo_id = tab.model.index(0, 0).data(PhotoModel.IdRole)

    type_text(tab.caption, "Façade côté rue")
    qtbot.keyClick(tab.caption, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: db.get("photo", photo_id)["caption"] == "Façade côté rue")
    # The grid redraws from the write's callback, which reaches the GUI thread just after.
    qtbot.waitUntil(lambda: tab.model.index(0, 0).data() == "Façade côté rue")

    tab.in_report.click()
    qtbot.waitUntil(lambda: db.get("photo", photo_id)["in_report"] is False)
    qtbot.waitUntil(
        lambda: (
            tab.model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
        )
    )

    undo_stack.undo()
    qtbot.waitUntil(lambda: db.get("photo", photo_id)["in_report"] is True)
    undo_stack.undo()
    qtbot.waitUntil(lambda: db.get("photo", photo_id)["caption"] == "")
    qtbot.waitUntil(lambda: tab.model.index(0, 0).data() == "facade.jpg")


def test_the_thumbnail_check_box_and_inline_caption_edit_write_through(
    qtbot, editor, db, two_visits, two_jpegs
):
    first, _ = two_visits
    tab = photos_tab_on(qtbot, editor, first)
    import_and_wait(qtbot, tab, two_jpegs, 2)
    index = tab.model.index(1, 0)
    photo_id = index.data(PhotoModel.IdRole)
    assert tab.model.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert tab.model.setData(index, "Atelier bois", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(
        lambda: (
            (db.get("photo", photo_id)["in_report"], db.get("photo", photo_id)["caption"])
            == (False, "Atelier bois")
        )
    )


def test_caption_typed_just_before_switching_visit_is_saved(
    qtbot, editor, db, two_visits, two_jpegs
):
    first, second = two_visits
    tab = photos_tab_on(qtbot, editor, first)
    import_and_wait(qtbot, tab, two_jpegs[:1], 1)
    select_row(tab, 0)
    photo_id = tab.model.index(0, 0).data(PhotoModel.IdRole)
    type_text(tab.caption, "Vue du jardin")
    editor.set_visit(second)
    editor.tasks.wait(5000)
    assert db.get("photo", photo_id)["caption"] == "Vue du jardin"


def test_a_caption_typed_in_the_thumbnail_editor_is_saved_on_switching_visit(
    qtbot, editor, db, two_visits, two_jpegs
):
    first, second = two_visits
    tab = photos_tab_on(qtbot, editor, first)
    import_and_wait(qtbot, tab, two_jpegs[:1], 1)
    index = tab.model.index(0, 0)
    photo_id = index.data(PhotoModel.IdRole)
    editor.activateWindow()
    tab.grid.setFocus()
    tab.grid.setCurrentIndex(index)
    qtbot.keyClick(tab.grid, Qt.Key.Key_F2)  # edit in place
    qtbot.waitUntil(lambda: tab.grid.state() == tab.grid.State.EditingState, timeout=5000)
    inline = QApplication.focusWidget()
    inline.selectAll()
    type_text(inline, "Entrée du bâtiment")
    editor.set_visit(second)
    editor.tasks.wait(5000)
    assert db.get("photo", photo_id)["caption"] == "Entrée du bâtiment"


def test_reorder_with_buttons_and_by_dragging_within_the_grid(
    qtbot, editor, db, two_visits, two_jpegs, tmp_path, undo_stack
):
    first, _ = two_visits
    third = make_jpeg(tmp_path / "salle.jpg", (200, 150), seed=3)
    tab = photos_tab_on(qtbot, editor, first)
    import_and_wait(qtbot, tab, [*two_jpegs, third], 3)

    def names():
        return [r["original_name"] for r in db.photos(first)]

    assert names() == ["facade.jpg", "atelier.jpg", "salle.jpg"]
    select_row(tab, 0)
    tab.later_button.click()
    qtbot.waitUntil(lambda: names() == ["atelier.jpg", "facade.jpg", "salle.jpg"])
    qtbot.waitUntil(lambda: tab.model.index(1, 0).data() == "facade.jpg")

    # Drag "salle" onto the first thumbnail: it goes first.
    salle = tab.model.index(2, 0)
    mime = tab.model.mimeData([salle])
    assert json.loads(bytes(mime.data(PHOTO_IDS_MIME).data())) == [salle.data(PhotoModel.IdRole)]
    target = tab.grid.visualRect(tab.model.index(0, 0)).center()
    send_drop(tab.grid.viewport(), mime, QPointF(target))
    qtbot.waitUntil(lambda: names() == ["salle.jpg", "atelier.jpg", "facade.jpg"])
    assert undo_stack.undoText() == "Reorder 1 photo(s)"
    undo_stack.undo()
    qtbot.waitUntil(lambda: names() == ["atelier.jpg", "facade.jpg", "salle.jpg"])
    qtbot.waitUntil(lambda: tab.model.index(0, 0).data() == "atelier.jpg")


def test_reordered_keeps_the_moved_photos_together():
    ids = ["a", "b", "c", "d"]
    assert reordered(ids, ["d"], 0) == ["d", "a", "b", "c"]
    assert reordered(ids, ["a"], 2) == ["b", "a", "c", "d"]
    assert reordered(ids, ["a", "c"], 4) == ["b", "d", "a", "c"]
    assert reordered(ids, ["b"], 1) == ids


def test_delete_photos_and_undo(qtbot, editor, db, two_visits, two_jpegs, undo_stack):
    first, _ = two_visits
    tab = photos_tab_on(qtbot, editor, first)
    import_and_wait(qtbot, tab, two_jpegs, 2)
    tab.grid.selectAll()
    tab.delete_button.click()
    qtbot.waitUntil(lambda: db.photos(first) == [], timeout=5000)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=5000)
    assert undo_stack.undoText() == "Delete 2 photo(s)"
    undo_stack.undo()  # one step brings both back
    qtbot.waitUntil(lambda: len(db.photos(first)) == 2, timeout=5000)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)


def test_double_click_opens_the_viewer_at_screen_size(qtbot, editor, db, two_visits, tmp_path):
    first, _ = two_visits
    big = make_jpeg(tmp_path / "grande.jpg", (2400, 1600), seed=5)
    small = make_jpeg(tmp_path / "petite.jpg", (300, 200), seed=6)
    tab = photos_tab_on(qtbot, editor, first)
    import_and_wait(qtbot, tab, [big, small], 2)
    rect = tab.grid.visualRect(tab.model.index(0, 0))
    # A double click as the system delivers it: a click, then the double-click event.
    qtbot.mouseClick(tab.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tab.viewer is not None and tab.viewer.loaded, timeout=10000)
    viewer = tab.viewer
    assert viewer.caption.text() == "grande.jpg"
    assert viewer._pixmap.width() == photos.REPORT_SIZE  # the report-size copy, not the original
    shown = viewer.image.pixmap()
    assert shown.width() <= viewer.image.width() and shown.height() <= viewer.image.height()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: viewer.loaded and viewer.caption.text() == "petite.jpg")
    viewer.close()


def test_a_photo_whose_original_is_missing_shows_a_warning(
    qtbot, editor, db, two_visits, two_jpegs, home
):
    first, _ = two_visits
    tab = photos_tab_on(qtbot, editor, first)
    import_and_wait(qtbot, tab, two_jpegs[:1], 1)
    sha = tab.model.index(0, 0).data(PhotoModel.BlobRole)
    # As after a sync that brought the record but not yet the file.
    photos.blob_path(home, sha).unlink()
    for kind in ("thumb", "report"):
        photos.derivative_path(home, sha, kind).unlink()
    cache = ThumbnailCache(editor.tasks, home)
    model = PhotoModel(cache)
    model.set_rows(db.photos(first))

    def icon_key():
        return model.index(0, 0).data(Qt.ItemDataRole.DecorationRole).cacheKey()

    assert icon_key() == cache.placeholder.cacheKey()
    qtbot.waitUntil(lambda: sha in cache.failures, timeout=10000)
    assert icon_key() == cache.broken.cacheKey()
    assert "not in the photo store" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_cancel_stops_the_import_and_keeps_what_came_in(qtbot, editor, db, two_visits, tmp_path):
    first, _ = two_visits
    files = [make_jpeg(tmp_path / f"p{i:02}.jpg", (400, 300), seed=i + 10) for i in range(30)]
    tab = photos_tab_on(qtbot, editor, first)
    task = tab.import_files([str(p) for p in files])
    with qtbot.waitSignal(task.progressed, timeout=10000):
        pass
    tab.progress_dialog.findChild(QPushButton).click()  # the Cancel button
    wait_import_done(qtbot, tab)
    qtbot.waitUntil(lambda: tab.report_dialog is not None, timeout=10000)
    assert tab.report_dialog.summary.text().startswith("Import cancelled.")
    imported = len(db.photos(first))
    assert imported < 30
    qtbot.waitUntil(lambda: tab.model.rowCount() == imported, timeout=10000)


def test_50_dropped_photos_all_import_and_show(qtbot, editor, db, two_visits, tmp_path):
    """How long the GUI thread may stall meanwhile is measured in bench/bench_gui.py."""
    first, _ = two_visits
    files = [make_jpeg(tmp_path / f"photo{i:02}.jpg", (1280, 960), seed=i + 1) for i in range(50)]
    tab = photos_tab_on(qtbot, editor, first)
    drop_files(tab.grid.viewport(), files)
    wait_import_done(qtbot, tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 50, timeout=10000)
    assert len(db.photos(first)) == 50
