"""« Carte »: the places of the current selection on a map drawn with Qt alone.

Outlines come from the shipped reference data (``fieldkit.maps``), so it works offline:
no tiles, no network. France shows the overseas départements as insets. Each place is a
point, green when visited, orange when not; a hollow point is at its commune's centre
(the place has no coordinates: approximate). Wheel to zoom, drag to pan, hover for the
name, click to open the place in the main window.

The layout and the points are computed on the database lane (``MapWindow.load``); the
GUI thread only builds the scene.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QObject,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from fieldkit import figures, maps
from ui.i18n import shown_percent

VISITED = QColor("#2e7d32")
NOT_VISITED = QColor("#e07b00")
LAND = QColor("#f3f1ea")
DEP_PEN = QColor("#b9b4a6")
REGION_PEN = QColor("#6d675a")
POINT_SIZE = 7.0


_PATHS: dict[tuple[int, str], QPainterPath] = {}


def _outline_path(layout: maps.MapLayout, level: str) -> QPainterPath:
    """The outlines of one level as one path, built once per layout (layouts are cached)."""
    key = (id(layout), level)
    path = _PATHS.get(key)
    if path is None:
        if len(_PATHS) > 64:
            _PATHS.clear()
        path = _PATHS[key] = _path([s for s in layout.shapes if s.level == level])
    return path


def _path(shapes: list[maps.Shape]) -> QPainterPath:
    path = QPainterPath()
    for shape in shapes:
        for ring in shape.rings:
            if ring:
                path.addPolygon(QPolygonF([QPointF(x, y) for x, y in ring]))
                path.closeSubpath()
    return path


class PointsLayer(QGraphicsItem):
    """Every place as one point, drawn in a single paint: constant size whatever the zoom.

    One item for 1,800 points rather than 1,800 items keeps the scene cheap to build and
    to paint; hovering and clicking find the point by distance (``MapView.place_at``).
    """

    def __init__(self, points: list[maps.MapPoint], rect: QRectF) -> None:
        super().__init__()
        self._rect = rect
        # (rim colour, inside colour, inside width, centres) for each kind of point.
        self.groups: list[tuple[QColor, QColor, float, list[QPointF]]] = []
        for visited in (False, True):
            colour = VISITED if visited else NOT_VISITED
            exact = [
                QPointF(p.x, p.y) for p in points if p.visited == visited and not p.approximate
            ]
            approx = [QPointF(p.x, p.y) for p in points if p.visited == visited and p.approximate]
            self.groups.append((colour.darker(140), colour, POINT_SIZE - 1.5, exact))
            # Hollow: at the commune's centre, approximate.
            self.groups.append((colour, QColor(Qt.GlobalColor.white), POINT_SIZE - 4, approx))

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: Any, widget: Any = None) -> None:
        # Round pen caps make each point a disc: two drawPoints calls per kind of point,
        # in device pixels so that points keep their size whatever the zoom.
        transform = painter.transform()
        painter.save()
        painter.resetTransform()
        for rim, inside, inside_width, centres in self.groups:
            if not centres:
                continue
            polygon = transform.map(QPolygonF(centres))
            for colour, width in ((rim, POINT_SIZE + 1.0), (inside, inside_width)):
                pen = QPen(colour, width)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(pen)
                painter.drawPoints(polygon)
        painter.restore()


class MapView(QGraphicsView):
    """The map itself: outlines, insets and the layer of places."""

    placeActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapView")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#dfe9f0"))
        self.setMouseTracking(True)
        self.points: dict[str, maps.MapPoint] = {}
        self.tooltips: dict[str, str] = {}
        self._press: QPointF | None = None
        self._zoom = 1.0

    def show_map(
        self, layout: maps.MapLayout, points: list[maps.MapPoint], tooltips: dict[str, str]
    ) -> None:
        """Rebuild the scene: outlines first, then the points on top."""
        scene = self.scene()
        scene.clear()
        self.points = {p.place_id: p for p in points}
        self.tooltips = tooltips
        rect = QRectF(0, 0, layout.width, layout.height)
        scene.setSceneRect(rect)
        for frame in layout.frames.values():
            if frame.inset:
                box = scene.addRect(
                    QRectF(frame.x + 4, frame.y + 4, frame.width - 8, frame.height - 8),
                    QPen(QColor("#9aa5ad"), 0),
                    QBrush(QColor("#e8eff4")),
                )
                box.setZValue(-1)
        dep_pen = QPen(DEP_PEN, 0)  # cosmetic: one pixel whatever the zoom
        region_pen = QPen(REGION_PEN, 1.6)
        region_pen.setCosmetic(True)
        scene.addPath(_outline_path(layout, "departement"), dep_pen, QBrush(LAND))
        region_item = scene.addPath(
            _outline_path(layout, "region"), region_pen, Qt.BrushStyle.NoBrush
        )
        region_item.setZValue(1)
        small = QFont()
        small.setPointSizeF(7)
        for frame in layout.frames.values():
            if frame.inset:
                text = scene.addSimpleText(maps_name(layout, frame.name), small)
                text.setPos(frame.x + 8, frame.y + 6)
                text.setBrush(QColor("#4a545b"))
                text.setZValue(2)
        layer = PointsLayer(points, rect)
        layer.setZValue(3)
        scene.addItem(layer)
        self.reset_zoom()

    def reset_zoom(self) -> None:
        self._zoom = 1.0
        self.resetTransform()
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def zoom_by(self, factor: float) -> None:
        new = min(max(self._zoom * factor, 0.5), 40.0)
        if new != self._zoom:
            self.scale(new / self._zoom, new / self._zoom)
            self._zoom = new

    @property
    def zoom(self) -> float:
        return self._zoom

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.25**steps)
        event.accept()

    def view_pos(self, place_id: str) -> QPoint:
        p = self.points[place_id]
        return self.mapFromScene(QPointF(p.x, p.y))

    def place_at(self, pos: QPoint) -> str | None:
        """The place whose point is under ``pos`` (viewport pixels), the nearest if several."""
        scene_pos = self.mapToScene(pos)
        per_pixel = 1 / max(self.transform().m11(), 1e-9)
        reach = (POINT_SIZE / 2 + 2) * per_pixel
        best, best_d = None, reach * reach
        for p in self.points.values():
            d = (p.x - scene_pos.x()) ** 2 + (p.y - scene_pos.y()) ** 2
            if d <= best_d:
                best, best_d = p.place_id, d
        return best

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            place_id = self.place_at(event.pos())  # type: ignore[attr-defined]
            if place_id:
                QToolTip.showText(event.globalPos(), self.tooltips.get(place_id, ""), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        if event.type() == QEvent.Type.MouseMove:
            hovering = self.place_at(event.position().toPoint()) is not None  # type: ignore[attr-defined]
            self.viewport().setCursor(
                Qt.CursorShape.PointingHandCursor if hovering else Qt.CursorShape.OpenHandCursor
            )
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        # A click, not the end of a drag, on a point opens its place.
        if press is not None and (event.position() - press).manhattanLength() < 4:
            place_id = self.place_at(event.position().toPoint())
            if place_id:
                self.placeActivated.emit(place_id)


def maps_name(layout: maps.MapLayout, frame_name: str) -> str:
    for shape in layout.shapes:
        if shape.frame == frame_name and shape.level == "departement":
            return shape.name
    return frame_name


class MapWindow(QWidget):
    """The « Carte » window: title, legend, the map, and the selection's figures."""

    placeActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("mapWindow")
        self.title_label = QLabel(objectName="mapTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.legend_label = QLabel(objectName="mapLegend")
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        self.view = MapView(self)
        self.view.placeActivated.connect(self.placeActivated)
        self.figures_label = QLabel(objectName="mapFigures")
        self.figures_label.setTextFormat(Qt.TextFormat.RichText)
        self.figures_label.setWordWrap(True)
        self.figures_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.figures_label.setMinimumWidth(260)
        self.figures_label.setMaximumWidth(320)
        side = QVBoxLayout()
        side.addWidget(self.figures_label, 1)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.legend_label)
        layout.addLayout(body, 1)
        self.resize(1100, 800)
        self._title = ""
        self._figures: figures.TerritorialFigures | None = None
        self.retranslate_ui()
        layout.activate()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Map"))
        self.view.setAccessibleName(self.tr("Map of the places"))
        self.title_label.setText(self.tr("Map: %1").replace("%1", self._title))
        self.legend_label.setText(
            # lupdate reads tr() calls, not f-string fields: the texts come first.
            "<span style='color:%1'>●</span> %2 &nbsp; <span style='color:%3'>●</span> %4"
            " &nbsp; ○ %5 &nbsp; — %6".replace("%1", VISITED.name())
            .replace("%2", self.tr("visited"))
            .replace("%3", NOT_VISITED.name())
            .replace("%4", self.tr("not visited yet"))
            .replace("%5", self.tr("no coordinates: at the commune centre (approximate)"))
            .replace("%6", self.tr("wheel to zoom, drag to move, click a point to open it"))
        )
        self._show_figures()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_data(self, data: MapData) -> None:
        self._title = data.layout.title
        self._figures = data.figures
        self.view.show_map(data.layout, data.points, self._tooltips(data))
        self.retranslate_ui()

    def _tooltips(self, data: MapData) -> dict[str, str]:
        approx = "\n≈ " + self.tr("approximate position: commune centre")
        states = {True: self.tr("visited"), False: self.tr("not visited yet")}
        return {
            p.place_id: f"{p.name}\n{p.commune} — {states[p.visited]}"
            + (approx if p.approximate else "")
            for p in data.points
        }

    def _show_figures(self) -> None:
        f = self._figures
        if f is None:
            self.figures_label.setText("")
            return
        rows = [
            "<b>" + self.tr("Mission overview") + "</b>",
            self.tr("%1 places listed, %2 visited")
            .replace("%1", str(f.listed))
            .replace("%2", str(f.visited)),
            self.tr("%1 outside the grands centres urbains (density grid, level 1)").replace(
                "%1", shown_percent(f.share_outside_grands_centres)
            )
            + (
                " — "
                + self.tr("%1 of the visited").replace(
                    "%1", shown_percent(f.share_outside_grands_centres_visited)
                )
                if f.visited_located
                else ""
            ),
            self.tr("%1 outside any aire d'attraction des villes (INSEE zoning 2020)").replace(
                "%1", shown_percent(f.share_outside_aav)
            )
            + (
                " — "
                + self.tr("%1 of the visited").replace(
                    "%1", shown_percent(f.share_outside_aav_visited)
                )
                if f.aav_known_visited
                else ""
            ),
        ]
        if f.unlocated:
            rows.append(
                self.tr("%1 place(s) without a settled commune").replace("%1", str(f.unlocated))
            )
        rows.append("<br><b>" + self.tr("By density level") + "</b>")
        for level, label in figures.DENSITY_LABELS.items():
            listed, visited = f.by_density[level]
            if listed:
                rows.append(
                    self.tr("%1. %2: %3 (%4)")
                    .replace("%1", str(level))
                    .replace("%2", label)
                    .replace("%3", str(listed))
                    .replace("%4", str(visited))
                )
        rows.append("<br><b>" + self.tr("Per 100,000 inhabitants") + "</b>")
        # The highest rates first: where the mission is densest.
        for d in sorted(f.departements(), key=lambda d: -d.per_100k)[:20]:
            rate = QLocale().toString(d.per_100k, "f", 1)
            rows.append(
                self.tr("%1 %2: %3 (%4)")
                .replace("%1", d.code)
                .replace("%2", d.name)
                .replace("%3", rate)
                .replace("%4", str(d.listed))
            )
        self.figures_label.setText("<br>".join(rows))


class MapData:
    """What the map of a selection needs, computed off the GUI thread."""

    def __init__(
        self,
        layout: maps.MapLayout,
        points: list[maps.MapPoint],
        figures_: figures.TerritorialFigures,
    ) -> None:
        self.layout = layout
        self.points = points
        self.figures = figures_


def map_job(store: Any, region: str | None, departement: str | None) -> MapData:
    """On the database lane: the places of the selection, the layout and the figures."""
    places = store.places(region=region, departement=departement)
    layout = maps.layout(region=region, departement=departement)
    return MapData(layout, maps.place_points(layout, places), figures.territorial_figures(places))


class MapAction(QAction):
    """View → « Carte » (Ctrl+M): the map of the tree's current selection (France, a
    région, a département; a place shows its département). One line in the main window:
    ``install_map_action(window)``."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("mapAction")
        self.setShortcut("Ctrl+M")
        self.main_window = window
        self.map_window: MapWindow | None = None
        self.triggered.connect(self.open_map)
        window.installEventFilter(self)
        self._shown: tuple[str | None, str | None] = (None, None)  # the open map's selection
        # Every write (an import, a sync, an edit) reloads the tree: an open map follows.
        window.tree_loaded.connect(self._refresh_if_open)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("&Map"))
        self.setToolTip(self.tr("The places of the selection on a map (Ctrl+M)"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.main_window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def selection(self) -> tuple[str | None, str | None]:
        """(région, département) of the tree's selection; (None, None) for France."""
        key = self.main_window._selected_key() or ""
        kind, _, ident = key.partition(":")
        if kind == "region":
            return ident, None
        if kind == "departement":
            return None, ident
        if kind == "place":
            place = self.main_window.selected_place() or {}
            return None, place.get("departement") or None
        return None, None

    def open_map(self) -> MapWindow:
        if self.map_window is None:
            self.map_window = MapWindow(self.main_window)
            self.map_window.placeActivated.connect(self._open_place)
        self._shown = self.selection()
        self._load(*self._shown)
        self.map_window.show()
        self.map_window.raise_()
        return self.map_window

    def _load(self, region: str | None, departement: str | None) -> None:
        window = self.map_window
        if window is None:
            return
        self.main_window.tasks.run(
            lambda store: map_job(store, region, departement),
            window.show_data,
            self.main_window._failed,
            name="map",
        )

    def _refresh_if_open(self) -> None:
        if self.map_window is not None and self.map_window.isVisible():
            self._load(*self._shown)

    def _open_place(self, place_id: str) -> None:
        self.main_window.jump_to(place_id)
        self.main_window.raise_()
        self.main_window.activateWindow()


def install_map_action(window: Any) -> MapAction:
    """Add « Carte » and « Communes et doublons… » to the main window's View menu
    (``window.view_menu``, before ``window.refresh_action``)."""
    action = MapAction(window)
    window.view_menu.insertAction(window.refresh_action, action)
    window.map_action = action
    communes_action = CommunesAction(window)
    window.view_menu.insertAction(window.refresh_action, communes_action)
    window.communes_action = communes_action
    return action


def geo_credit() -> str:
    """The producers of the reference geography, as their licence asks (About box)."""
    return QCoreApplication.translate(
        "MapView",
        "Geography: INSEE (Code officiel géographique 2025, grille communale de densité, "
        "aires d'attraction des villes, populations), La Poste (base officielle des codes "
        "postaux), IGN (Admin Express outlines), under the Licence Ouverte / Etalab 2.0.",
    )


class CommunesDialog(QDialog):
    """« Communes et doublons »: the places whose commune is not settled, each with its
    candidate communes to pick from, and the « doublons possibles » to merge.

    Reads and writes go through the main window's database lane; every choice is an
    edit like any other (undone by sync conflicts only, as other edits)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("communesDialog")
        self.main_window = window
        self.tasks = window.tasks
        self.settle_table = QTableWidget(0, 4, self, objectName="settleTable")
        self.duplicates_table = QTableWidget(0, 4, self, objectName="duplicatesTable")
        for table in (self.settle_table, self.duplicates_table):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.horizontalHeader().setStretchLastSection(True)
            table.verticalHeader().hide()
        self.settle_label = QLabel(objectName="settleLabel")
        self.duplicates_label = QLabel(objectName="duplicatesLabel")
        self.status_label = QLabel(objectName="communesStatus")
        self.status_label.setWordWrap(True)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.settle_label)
        layout.addWidget(self.settle_table, 1)
        layout.addWidget(self.duplicates_label)
        layout.addWidget(self.duplicates_table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(900, 600)
        self.unsettled: list[Any] = []
        self.duplicates: list[Any] = []
        self.retranslate_ui()
        layout.activate()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Communes and possible duplicates"))
        self.settle_label.setText(
            self.tr("Places whose commune is not settled: pick the commune, then Settle.")
        )
        self.duplicates_label.setText(
            self.tr("Possible duplicates (same commune, similar names): keep one, merge the other.")
        )
        self.settle_table.setHorizontalHeaderLabels(
            [self.tr("Place"), self.tr("Postcode and commune"), self.tr("Commune"), ""]
        )
        self.duplicates_table.setHorizontalHeaderLabels(
            [self.tr("Commune"), self.tr("First"), self.tr("Second"), ""]
        )
        self.close_button.setText(self.tr("Close"))

    def load(self) -> None:
        def job(store: Any) -> tuple[list[Any], list[Any]]:
            from fieldkit import places_geo

            return places_geo.unsettled_places(store), places_geo.possible_duplicates(store)

        self.tasks.run(job, self._loaded, self.main_window._failed, name="communes")

    def _loaded(self, result: tuple[list[Any], list[Any]]) -> None:
        from fieldkit import communes

        self.unsettled, self.duplicates = result
        self.settle_table.setRowCount(len(self.unsettled))
        for row, item in enumerate(self.unsettled):
            p = item.place
            self.settle_table.setItem(row, 0, QTableWidgetItem(p["name"]))
            where = QTableWidgetItem(f"{p['postcode']} {p['commune']}".strip() or "—")
            where.setToolTip(item.reason)
            self.settle_table.setItem(row, 1, where)
            combo = QComboBox(self.settle_table)
            for pc, c in item.resolution.candidates[:30]:
                combo.addItem(f"{c.name} ({pc}, {c.departement}) — {c.insee}", c.insee)
            if not combo.count() and p["commune"]:
                for pc, c in communes.search_communes(p["commune"], limit=20):
                    combo.addItem(f"{c.name} ({pc}, {c.departement}) — {c.insee}", c.insee)
            self.settle_table.setCellWidget(row, 2, combo)
            button = QPushButton(self.tr("Settle"), self.settle_table)
            button.setEnabled(combo.count() > 0)
            button.clicked.connect(lambda _=False, r=row: self.settle(r))
            self.settle_table.setCellWidget(row, 3, button)
        self.duplicates_table.setRowCount(len(self.duplicates))
        for row, pair in enumerate(self.duplicates):
            commune = communes.commune(pair.commune_insee)
            self.duplicates_table.setItem(
                row, 0, QTableWidgetItem(commune.name if commune else pair.commune_insee)
            )
            self.duplicates_table.setItem(row, 1, QTableWidgetItem(pair.first["name"]))
            self.duplicates_table.setItem(row, 2, QTableWidgetItem(pair.second["name"]))
            buttons = QWidget(self.duplicates_table)
            box = QHBoxLayout(buttons)
            box.setContentsMargins(0, 0, 0, 0)
            for keep_first, text in (
                (True, self.tr("Keep the first")),
                (False, self.tr("Keep the second")),
            ):
                button = QPushButton(text, buttons)
                button.clicked.connect(lambda _=False, r=row, k=keep_first: self.merge(r, k))
                box.addWidget(button)
            self.duplicates_table.setCellWidget(row, 3, buttons)
        self.settle_table.resizeColumnsToContents()
        self.duplicates_table.resizeColumnsToContents()

    def settle(self, row: int) -> None:
        item = self.unsettled[row]
        combo = self.settle_table.cellWidget(row, 2)
        insee = combo.currentData()
        place_id = item.place["id"]

        def job(store: Any) -> dict[str, Any]:
            from fieldkit import places_geo

            return places_geo.settle(store, place_id, insee)

        def done(place: dict[str, Any]) -> None:
            self.status_label.setText(
                self.tr("%1 is now in %2 (INSEE %3).")
                .replace("%1", place["name"])
                .replace("%2", place["commune"])
                .replace("%3", place["commune_insee"])
            )
            self.main_window.refresh_all()
            self.load()

        self.tasks.run(job, done, self._failed, name="settle")

    def merge(self, row: int, keep_first: bool) -> None:
        pair = self.duplicates[row]
        keep, other = (pair.first, pair.second) if keep_first else (pair.second, pair.first)

        def job(store: Any) -> Any:
            from fieldkit import places_geo

            return places_geo.merge_places(store, keep["id"], other["id"])

        def done(result: Any) -> None:
            self.status_label.setText(
                self.tr("Merged: %1 visit(s) moved to %2; %3 deleted.")
                .replace("%1", str(len(result.visits_moved)))
                .replace("%2", keep["name"])
                .replace("%3", other["name"])
            )
            self.main_window.refresh_all()
            self.load()

        self.tasks.run(job, done, self._failed, name="merge")

    def _failed(self, exc: BaseException) -> None:
        from ui.i18n import error_message

        self.status_label.setText(error_message(exc))


class CommunesAction(QAction):
    """View → « Communes et doublons… »."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("communesAction")
        self.main_window = window
        self.dialog: CommunesDialog | None = None
        self.triggered.connect(self.open_dialog)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("Communes and &duplicates…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.main_window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.dialog is not None:
                self.dialog.retranslate_ui()
        return False

    def open_dialog(self) -> CommunesDialog:
        if self.dialog is None:
            self.dialog = CommunesDialog(self.main_window)
        self.dialog.load()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog
