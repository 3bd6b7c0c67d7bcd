"""« Carte »: the selection's places on a map drawn with Qt from the shipped outlines."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton

from tests.ui.test_main_window import make_window, select_place, settle  # noqa: F401
from ui.map_view import NOT_VISITED, VISITED, MapWindow, PointsLayer, map_job
from ui.models import node_key


def _mission(store):
    visited = store.create_place(
        name="La Cordée", postcode="34500", commune="Béziers", latitude=43.344, longitude=3.216
    )
    store.create_visit(visited["id"], visited_on="2026-10-01")
    vague = store.create_place(name="Le Bocal", postcode="34000", commune="Montpellier")
    pontis = store.create_place(name="Le Fournil", postcode="05160", commune="Pontis")
    kaz = store.create_place(name="Kaz'Lab", postcode="97200", commune="Fort-de-France")
    return visited, vague, pontis, kaz


def test_france_map_has_insets_points_coloured_and_approximate(qtbot, ui_store):
    visited, vague, pontis, kaz = _mission(ui_store)
    win = MapWindow()
    qtbot.addWidget(win)
    data = map_job(ui_store, None, None)
    win.show_data(data)
    assert set(data.layout.frames) == {"metro", "971", "972", "973", "974", "976"}
    points = win.view.points
    assert set(points) == {visited["id"], vague["id"], pontis["id"], kaz["id"]}
    assert points[visited["id"]].visited and not points[visited["id"]].approximate
    assert points[pontis["id"]].approximate and not points[pontis["id"]].visited
    [layer] = [i for i in win.view.scene().items() if isinstance(i, PointsLayer)]
    styles = {(rim.name(), inside.name(), len(centres)) for rim, inside, _, centres in layer.groups}
    assert (VISITED.darker(140).name(), VISITED.name(), 1) in styles  # filled green
    # Not visited, no coordinates: hollow orange (white inside) — Pontis, Montpellier, Kaz'Lab.
    assert (NOT_VISITED.name(), QColor(Qt.GlobalColor.white).name(), 3) in styles
    tips = win.view.tooltips
    assert "approximate position: commune centre" in tips[vague["id"]]
    assert tips[visited["id"]].startswith("La Cordée\nBéziers — visited")
    # Martinique's place is drawn in its inset, below metropolitan France.
    inset = data.layout.frames["972"]
    assert inset.contains(points[kaz["id"]].x, points[kaz["id"]].y)
    # Hovering finds the point under the mouse.
    win.show()
    qtbot.waitExposed(win)
    assert win.view.place_at(win.view.view_pos(kaz["id"])) == kaz["id"]
    assert "Mission overview" in win.figures_label.text()
    assert "4 places listed, 1 visited" in win.figures_label.text()


def test_region_map_zoom_and_click_open_the_place(qtbot, ui_store, make_window):  # noqa: F811
    visited, vague, pontis, kaz = _mission(ui_store)
    window = make_window()
    window.select_node(node_key("region", "76"))
    settle(qtbot, window)
    action = window.map_action
    map_window = action.open_map()
    qtbot.addWidget(map_window)
    qtbot.waitUntil(lambda: len(map_window.view.points) == 2, timeout=10_000)
    assert map_window.title_label.text() == "Map: Occitanie"
    view = map_window.view
    view.zoom_by(4)
    assert view.zoom == 4 and view.transform().m11() > 1
    view.centerOn(view.points[visited["id"]].x, view.points[visited["id"]].y)
    qtbot.wait(10)
    spot = view.view_pos(visited["id"])
    assert view.place_at(spot) == visited["id"]
    with qtbot.waitSignal(view.placeActivated) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert blocker.args == [visited["id"]]
    settle(qtbot, window)
    assert window.selected_place()["id"] == visited["id"]
    # A drag pans and opens nothing.
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    qtbot.mouseMove(view.viewport(), QPoint(150, 120))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(150, 120))

    # A place selected in the tree: the map of its département.
    select_place(qtbot, window, pontis["id"])
    map_window = action.open_map()
    qtbot.waitUntil(lambda: set(map_window.view.points) == {pontis["id"]}, timeout=10_000)
    assert map_window.title_label.text() == "Map: Alpes-de-Haute-Provence (04)"


def test_communes_dialog_settles_a_place_and_merges_duplicates(qtbot, ui_store, make_window):  # noqa: F811
    vague = ui_store.create_place(name="Sans commune", postcode="34500")
    a = ui_store.create_place(name="La Cordée", postcode="34500", commune="Béziers")
    b = ui_store.create_place(name="La Cordee Beziers", postcode="34500", commune="Béziers")
    ui_store.create_visit(b["id"], visited_on="2026-10-01")
    window = make_window()
    dialog = window.communes_action.open_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.settle_table.rowCount() == 1, timeout=10_000)
    assert dialog.duplicates_table.rowCount() == 1
    combo = dialog.settle_table.cellWidget(0, 2)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == ["Béziers (34500, 34) — 34032", "Villeneuve-lès-Béziers (34500, 34) — 34336"]
    combo.setCurrentIndex(1)
    dialog.settle_table.cellWidget(0, 3).click()
    qtbot.waitUntil(lambda: dialog.settle_table.rowCount() == 0, timeout=10_000)
    assert (
        dialog.status_label.text() == "Sans commune is now in Villeneuve-lès-Béziers (INSEE 34336)."
    )
    assert ui_store.require("place", vague["id"])["commune_insee"] == "34336"

    assert dialog.duplicates_table.item(0, 1).text() == "La Cordee Beziers"  # sorted first
    keep_second = dialog.duplicates_table.cellWidget(0, 3).findChildren(QPushButton)[1]
    assert keep_second.text() == "Keep the second"
    keep_second.click()
    qtbot.waitUntil(lambda: dialog.duplicates_table.rowCount() == 0, timeout=10_000)
    assert (
        dialog.status_label.text()
        == "Merged: 1 visit(s) moved to La Cordée; La Cordee Beziers deleted."
    )
    assert ui_store.get("place", b["id"]) is None
    assert [v["place_id"] for v in ui_store.visits()] == [a["id"]]
    settle(qtbot, window)


def test_about_box_credits_the_producers_of_the_geography(qtbot, make_window):  # noqa: F811
    window = make_window()
    box = window.show_about()
    text = box.informativeText()
    for producer in ("INSEE", "La Poste", "IGN", "Licence Ouverte"):
        assert producer in text
    box.close()


def test_map_screenshots_render_the_maps_and_the_report_pages(qapp, tmp_path):
    from PIL import Image

    from ui import map_screenshots, screenshots

    written = map_screenshots.render(
        tmp_path, demo_sizes={"places": 30, "visits": 20, "interviews": 2, "photos": 0}
    )
    assert sorted(p.name for p in written) == [
        "map-france.png",
        "map-region.png",
        "report-national-map.png",
        "report-region-map.png",
    ]
    for path in written:
        with Image.open(path) as image:
            assert image.width > 600 and image.height > 600
            assert len(image.convert("RGB").getcolors(maxcolors=1 << 16) or []) > 20
    # The « Carte » window of the app started the one way in, at the laptop's size.
    for name in ("map-france.png", "map-region.png"):
        with Image.open(tmp_path / name) as image:
            assert image.size == screenshots.WINDOW_SIZE
