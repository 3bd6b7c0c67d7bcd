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

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fieldkit import figures, maps

VISITED = QColor("#2e7d32")
NOT_VISITED = QColor("#e07b00")
LAND = QColor("#f3f1ea")
DEP_PEN = QColor("#b9b4a6")
REGION_PEN = QColor("#6d675a")
POINT_SIZE = 7.0
PlaceIdRole = 0  # QGraphicsItem.data key of a point's place id


def _path(rings: list[maps.Ring]) -> QPainterPath:
    path = QPainterPath()
    for ring in rings:
        if not ring:
            continue
        path.moveTo(*ring[0])
        for x, y in ring[1:]:
            path.lineTo(x, y)
        path.closeSubpath()
    return path


class MapView(QGraphicsView):
    """The map itself: outlines, insets and one item per place."""

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
        self.points: dict[str, QGraphicsEllipseItem] = {}
        self._press: QPointF | None = None
        self._zoom = 1.0

    def show_map(
        self, layout: maps.MapLayout, points: list[maps.MapPoint], tooltips: dict[str, str]
    ) -> None:
        """Rebuild the scene: outlines first, then the points on top."""
        scene = self.scene()
        scene.clear()
        self.points = {}
        scene.setSceneRect(QRectF(0, 0, layout.width, layout.height))
        land = QBrush(LAND)
        dep_pen = QPen(DEP_PEN, 0)  # cosmetic: one pixel whatever the zoom
        region_pen = QPen(REGION_PEN, 1.6)
        region_pen.setCosmetic(True)
        for frame in layout.frames.values():
            if frame.inset:
                box = scene.addRect(
                    QRectF(frame.x + 4, frame.y + 4, frame.width - 8, frame.height - 8),
                    QPen(QColor("#9aa5ad"), 0),
                    QBrush(QColor("#e8eff4")),
                )
                box.setZValue(-1)
        for shape in layout.shapes:
            if shape.level == "departement":
                item = scene.addPath(_path(shape.rings), dep_pen, land)
                item.setToolTip(f"{shape.name} ({shape.code})")
            else:
                item = scene.addPath(_path(shape.rings), region_pen, Qt.BrushStyle.NoBrush)
                item.setZValue(1)
        small = QFont()
        small.setPointSizeF(7)
        for frame in layout.frames.values():
            if frame.inset:
                text = scene.addSimpleText(maps_name(layout, frame.name), small)
                text.setPos(frame.x + 8, frame.y + 6)
                text.setBrush(QColor("#4a545b"))
                text.setZValue(2)
        half = POINT_SIZE / 2
        visited_pen, other_pen = QPen(VISITED.darker(140), 1), QPen(NOT_VISITED.darker(140), 1)
        for p in points:
            colour = VISITED if p.visited else NOT_VISITED
            item = QGraphicsEllipseItem(-half, -half, POINT_SIZE, POINT_SIZE)
            item.setPos(p.x, p.y)
            # A hollow point is approximate: the commune's centre.
            item.setBrush(QBrush(Qt.GlobalColor.white) if p.approximate else QBrush(colour))
            item.setPen(
                QPen(colour, 2) if p.approximate else (visited_pen if p.visited else other_pen)
            )
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            item.setZValue(3)
            item.setData(PlaceIdRole, p.place_id)
            item.setToolTip(tooltips.get(p.place_id, p.name))
            item.setCursor(Qt.CursorShape.PointingHandCursor)
            scene.addItem(item)
            self.points[p.place_id] = item
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

    def place_at(self, pos: Any) -> str | None:
        for item in self.items(pos):
            place_id = item.data(PlaceIdRole)
            if place_id:
                return str(place_id)
        return None

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
        self.title_label.setText(self.tr("Map: %1").replace("%1", self._title))
        self.legend_label.setText(
            f"<span style='color:{VISITED.name()}'>●</span> {self.tr('visited')} &nbsp; "
            f"<span style='color:{NOT_VISITED.name()}'>●</span> {self.tr('not visited yet')}"
            f" &nbsp; ○ {self.tr('no coordinates: at the commune centre (approximate)')}"
            f" &nbsp; — {self.tr('wheel to zoom, drag to move, click a point to open it')}"
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
        approx = self.tr("approximate position: commune centre")
        out = {}
        for p in data.points:
            state = self.tr("visited") if p.visited else self.tr("not visited yet")
            text = f"{p.name}\n{p.commune} — {state}"
            out[p.place_id] = text + (f"\n≈ {approx}" if p.approximate else "")
        return out

    def _show_figures(self) -> None:
        f = self._figures
        if f is None:
            self.figures_label.setText("")
            return
        rows = [
            f"<b>{self.tr('Mission overview')}</b>",
            self.tr("%1 places listed, %2 visited")
            .replace("%1", str(f.listed))
            .replace("%2", str(f.visited)),
            self.tr("%1 outside the grands centres urbains (density grid, level 1)").replace(
                "%1", figures.percent(f.share_outside_grands_centres)
            )
            + (
                " — "
                + self.tr("%1 of the visited").replace(
                    "%1", figures.percent(f.share_outside_grands_centres_visited)
                )
                if f.visited_located
                else ""
            ),
        ]
        if f.unlocated:
            rows.append(
                self.tr("%1 place(s) without a settled commune").replace("%1", str(f.unlocated))
            )
        rows.append(f"<br><b>{self.tr('By density level')}</b>")
        for level, label in figures.DENSITY_LABELS.items():
            listed, visited = f.by_density[level]
            if listed:
                rows.append(f"{level}. {label}: {listed} ({visited})")
        rows.append(f"<br><b>{self.tr('Per 100,000 inhabitants')}</b>")
        for d in f.departements()[:20]:
            rows.append(f"{d.code} {d.name}: {d.per_100k:.1f} ({d.listed})")
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
        region, departement = self.selection()
        self.main_window.tasks.run(
            lambda store: map_job(store, region, departement),
            self.map_window.show_data,
            self.main_window._failed,
            name="map",
        )
        self.map_window.show()
        self.map_window.raise_()
        return self.map_window

    def _open_place(self, place_id: str) -> None:
        self.main_window.jump_to(place_id)
        self.main_window.raise_()
        self.main_window.activateWindow()


def install_map_action(window: Any) -> MapAction:
    """Add « Carte » to the main window's View menu (``window.view_menu``)."""
    action = MapAction(window)
    window.view_menu.insertAction(window.refresh_action, action)
    window.map_action = action
    return action
