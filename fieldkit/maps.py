"""Map layouts of France, a région or a département, from the shipped outlines.

No Qt and no ReportLab here: a layout is plain geometry in abstract units (y grows
downwards, as on screen), drawn by the app's map view (``ui/map_view.py``, Qt paths) and
by the reports (ReportLab vector graphics). Offline: the outlines come from
``resources/data/geo.sqlite`` (IGN Admin Express, simplified; see geo_build).

France is metropolitan France with the five overseas départements as insets along the
bottom (each at its own scale, named). A région or a département fills the frame. The
projection is equirectangular around the frame's middle latitude (longitudes shrunk by
its cosine), which is close enough at these scales and keeps the code small.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from fieldkit import communes, geo

OVERSEAS = ("971", "972", "973", "974", "976")
OVERSEAS_REGIONS = ("01", "02", "03", "04", "06")
Ring = list[tuple[float, float]]


@cache
def _outlines(level: str) -> dict[str, tuple[str, list[list[list[list[float]]]]]]:
    return {code: (name, json.loads(text)) for code, name, text in communes.outline_rows(level)}


@dataclass
class Frame:
    """A rectangle of the layout and the projection that fills it."""

    name: str  # 'metro', a département code for an inset, or the selection's code
    x: float
    y: float
    width: float
    height: float
    lon0: float = 0.0
    lat1: float = 0.0  # top edge latitude
    scale: float = 1.0
    shrink: float = 1.0  # cos(middle latitude)
    inset: bool = False

    def fit(self, rings: Iterable[Ring], margin: float = 0.04) -> None:
        lons = [p[0] for ring in rings for p in ring]
        lats = [p[1] for ring in rings for p in ring] if lons else []
        if not lons:
            return
        rings = list(rings)
        lon_min, lon_max, lat_min, lat_max = min(lons), max(lons), min(lats), max(lats)
        self.shrink = math.cos(math.radians((lat_min + lat_max) / 2))
        span_x = max((lon_max - lon_min) * self.shrink, 1e-6)
        span_y = max(lat_max - lat_min, 1e-6)
        usable_w, usable_h = self.width * (1 - 2 * margin), self.height * (1 - 2 * margin)
        self.scale = min(usable_w / span_x, usable_h / span_y)
        # Centre the drawing in the frame.
        pad_x = (self.width - span_x * self.scale) / 2
        pad_y = (self.height - span_y * self.scale) / 2
        self.lon0 = lon_min - pad_x / (self.scale * self.shrink)
        self.lat1 = lat_max + pad_y / self.scale

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        return (
            self.x + (lon - self.lon0) * self.shrink * self.scale,
            self.y + (self.lat1 - lat) * self.scale,
        )

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height


@dataclass
class Shape:
    level: str  # 'departement' or 'region'
    code: str
    name: str
    frame: str
    rings: list[Ring]  # projected, in layout units

    def centre(self) -> tuple[float, float]:
        """The middle of its largest ring's bounding box (where a label or count goes)."""
        ring = max(self.rings, key=len)
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


@dataclass
class MapLayout:
    width: float
    height: float
    title: str
    frames: dict[str, Frame] = field(default_factory=dict)
    shapes: list[Shape] = field(default_factory=list)
    frame_of_departement: dict[str, str] = field(default_factory=dict)

    def project(self, departement: str, lat: float, lon: float) -> tuple[float, float] | None:
        """Where a point of this département goes, or None if it is not on this map."""
        frame = self.frames.get(self.frame_of_departement.get(departement, ""))
        if frame is None:
            return None
        x, y = frame.project(lat, lon)
        # A point far outside its frame (wrong coordinates) is not drawn over another one.
        slack = 0.25 * max(frame.width, frame.height)
        if not (
            frame.x - slack <= x <= frame.x + frame.width + slack
            and frame.y - slack <= y <= frame.y + frame.height + slack
        ):
            return None
        return x, y


def _rings(level: str, code: str) -> list[Ring]:
    found = _outlines(level).get(code)
    if found is None:
        return []
    return [[(p[0], p[1]) for p in polygon[0]] for polygon in found[1]]


def _project_rings(frame: Frame, rings: list[Ring]) -> list[Ring]:
    return [[frame.project(lat, lon) for lon, lat in ring] for ring in rings]


@cache
def layout(
    region: str | None = None, departement: str | None = None, width: float = 1000.0
) -> MapLayout:
    """The map of France (no argument), a région, or a département.

    Cached: the same selection gives the same (shared, not to be changed) layout."""
    if departement:
        dep = geo.departement(departement)
        name = f"{dep.name} ({dep.code})" if dep else departement
        return _single(name, [departement], width, [])
    if region:
        reg = geo.region(region)
        deps = [d.code for d in geo.departements(region)]
        return _single(reg.name if reg else region, deps, width, [region] if reg else [])
    return _france(width)


def _single(title: str, deps: list[str], width: float, regions: list[str]) -> MapLayout:
    all_rings = [r for d in deps for r in _rings("departement", d)]
    lons = [p[0] for r in all_rings for p in r] or [0.0]
    lats = [p[1] for r in all_rings for p in r] or [0.0]
    shrink = math.cos(math.radians((min(lats) + max(lats)) / 2))
    aspect = (max(lats) - min(lats) + 1e-6) / ((max(lons) - min(lons)) * shrink + 1e-6)
    height = width * min(max(aspect, 0.5), 1.4)
    frame = Frame("main", 0, 0, width, height)
    frame.fit(all_rings)
    out = MapLayout(width, height, title, {"main": frame})
    for d in deps:
        name = _outlines("departement").get(d, (d, []))[0]
        out.shapes.append(
            Shape("departement", d, name, "main", _project_rings(frame, _rings("departement", d)))
        )
        out.frame_of_departement[d] = "main"
    for r in regions:
        name = _outlines("region").get(r, (r, []))[0]
        out.shapes.append(
            Shape("region", r, name, "main", _project_rings(frame, _rings("region", r)))
        )
    return out


def _france(width: float) -> MapLayout:
    metro_deps = [d.code for d in geo.departements() if d.code not in OVERSEAS]
    metro_rings = [r for d in metro_deps for r in _rings("departement", d)]
    metro_h = width * 0.96
    inset_h = width * 0.2
    out = MapLayout(width, metro_h + inset_h, "France")
    metro = Frame("metro", 0, 0, width, metro_h)
    metro.fit(metro_rings, margin=0.02)
    out.frames["metro"] = metro
    for d in metro_deps:
        name = _outlines("departement").get(d, (d, []))[0]
        out.shapes.append(
            Shape("departement", d, name, "metro", _project_rings(metro, _rings("departement", d)))
        )
        out.frame_of_departement[d] = "metro"
    for r in (reg.code for reg in geo.regions() if reg.code not in OVERSEAS_REGIONS):
        name = _outlines("region").get(r, (r, []))[0]
        out.shapes.append(
            Shape("region", r, name, "metro", _project_rings(metro, _rings("region", r)))
        )
    box = width / len(OVERSEAS)
    for i, d in enumerate(OVERSEAS):
        frame = Frame(d, i * box, metro_h, box, inset_h, inset=True)
        rings = _rings("departement", d)
        frame.fit(rings, margin=0.12)
        out.frames[d] = frame
        name = _outlines("departement").get(d, (d, []))[0]
        out.shapes.append(Shape("departement", d, name, d, _project_rings(frame, rings)))
        region = geo.departement(d)
        if region is not None:
            out.shapes.append(Shape("region", region.region, name, d, _project_rings(frame, rings)))
        out.frame_of_departement[d] = d
    return out


@dataclass(frozen=True)
class MapPoint:
    place_id: str
    name: str
    commune: str
    x: float
    y: float
    visited: bool
    approximate: bool  # at its commune's centre: the place has no coordinates of its own


def place_points(map_layout: MapLayout, places: Iterable[dict]) -> list[MapPoint]:
    """The places that are on this map, projected; visited = has at least one visit."""
    from fieldkit.places_geo import position

    points = []
    for p in places:
        where = position(p)
        if where is None:
            continue
        xy = map_layout.project(p.get("departement", ""), where.latitude, where.longitude)
        if xy is None:
            continue
        points.append(
            MapPoint(
                p["id"],
                p["name"],
                p.get("commune", ""),
                xy[0],
                xy[1],
                bool(p.get("visit_count") or p.get("visits")),
                where.approximate,
            )
        )
    return points
