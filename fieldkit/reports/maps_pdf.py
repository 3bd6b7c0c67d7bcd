"""Maps and territorial figures in the PDF reports, as vector drawings (reportlab.graphics).

- ``region_map``: a région's départements with its places (green visited, orange not
  yet; hollow when at the commune's centre, approximate), for the région's summary page.
- ``france_map``: France with the number of places per région (shaded by count, the
  number written on it), the overseas départements as insets, for the national summary.
- ``figures_flowables``: the territorial figures (fieldkit.figures) as tables.

Vectors, so the maps stay sharp at any zoom and weigh a few kilobytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer

from fieldkit import figures, geo, maps
from fieldkit.reports import fonts
from fieldkit.reports.document import data_table, markup

VISITED = colors.HexColor("#2e7d32")
NOT_VISITED = colors.HexColor("#e07b00")
LAND = colors.HexColor("#f3f1ea")
DEP_LINE = colors.HexColor("#b9b4a6")
REGION_LINE = colors.HexColor("#6d675a")
SEA = colors.HexColor("#e8eff4")
SHADES = ("#f3f1ea", "#dbe8d4", "#b9d5ab", "#8fbf7c", "#5e9f4f", "#2e7d32")


def _polygons(
    drawing: Drawing, layout: maps.MapLayout, k: float, height: float, level: str, **style: Any
) -> None:
    for shape in layout.shapes:
        if shape.level != level:
            continue
        fill = style.get("fill_for", {}).get(shape.code, style.get("fill"))
        for ring in shape.rings:
            if len(ring) < 3:
                continue
            points: list[float] = []
            for x, y in ring:
                points += [x * k, height - y * k]
            drawing.add(
                Polygon(
                    points,
                    fillColor=fill,
                    strokeColor=style["stroke"],
                    strokeWidth=style["width"],
                )
            )


def _insets(drawing: Drawing, layout: maps.MapLayout, k: float, height: float) -> None:
    for frame in layout.frames.values():
        if frame.inset:
            drawing.add(
                Rect(
                    (frame.x + 3) * k,
                    height - (frame.y + frame.height - 3) * k,
                    (frame.width - 6) * k,
                    (frame.height - 6) * k,
                    fillColor=SEA,
                    strokeColor=colors.HexColor("#9aa5ad"),
                    strokeWidth=0.4,
                )
            )


def region_map(region: str, places: Iterable[dict[str, Any]], width: float) -> Drawing:
    """The région with its places; ``width`` in points (the height follows the shape)."""
    fonts.register_fonts()
    layout = maps.layout(region=region)
    k = width / layout.width
    height = layout.height * k
    legend_h = 16.0
    drawing = Drawing(width, height + legend_h)
    drawing.initialFontName = fonts.SANS  # else the renderer's first setFont is Helvetica
    _polygons(
        drawing, layout, k, height + legend_h, "departement", fill=LAND, stroke=DEP_LINE, width=0.4
    )
    _polygons(
        drawing, layout, k, height + legend_h, "region", fill=None, stroke=REGION_LINE, width=0.9
    )
    points = maps.place_points(layout, places)
    # Not visited first, so that visited places (the mission's work) are on top.
    for p in sorted(points, key=lambda p: p.visited):
        colour = VISITED if p.visited else NOT_VISITED
        drawing.add(
            Circle(
                p.x * k,
                height + legend_h - p.y * k,
                2.6,
                fillColor=colors.white if p.approximate else colour,
                strokeColor=colour if p.approximate else colour.clone(alpha=1),
                strokeWidth=1.0 if p.approximate else 0.3,
            )
        )
    _legend(drawing, 0, 4)
    return drawing


def _legend(drawing: Drawing, x: float, y: float) -> None:
    items = (
        (VISITED, False, "lieu visité"),
        (NOT_VISITED, False, "pas encore visité"),
        (colors.HexColor("#555555"), True, "sans coordonnées : centre de la commune (approx.)"),
    )
    for colour, hollow, label in items:
        drawing.add(
            Circle(
                x + 3,
                y + 3,
                2.6,
                fillColor=colors.white if hollow else colour,
                strokeColor=colour,
                strokeWidth=1.0 if hollow else 0.3,
            )
        )
        drawing.add(String(x + 9, y, label, fontName=fonts.SANS, fontSize=7))
        x += 14 + 3.6 * len(label)


def france_map(counts: dict[str, int], width: float, title: str = "") -> Drawing:
    """France, each région shaded by its number of places and the number written on it;
    the overseas départements (régions of their own) as insets."""
    fonts.register_fonts()
    layout = maps.layout()
    k = width / layout.width
    height = layout.height * k
    top = max(counts.values(), default=0)

    def shade(code: str) -> Any:
        n = counts.get(code, 0)
        if not n or not top:
            return colors.HexColor(SHADES[0])
        return colors.HexColor(SHADES[1 + min(4, int(4 * n / top))])

    fill_for = {r.code: shade(r.code) for r in geo.regions()}
    title_h = 14.0 if title else 0.0
    drawing = Drawing(width, height + title_h)
    drawing.initialFontName = fonts.SANS  # else the renderer's first setFont is Helvetica
    total_h = height
    _insets(drawing, layout, k, total_h)
    _polygons(drawing, layout, k, total_h, "departement", fill=None, stroke=DEP_LINE, width=0.25)
    _polygons(
        drawing, layout, k, total_h, "region", fill_for=fill_for, stroke=REGION_LINE, width=0.7
    )
    # Départements drawn again without fill would hide the shading: outlines only, above.
    _polygons(drawing, layout, k, total_h, "departement", fill=None, stroke=DEP_LINE, width=0.2)
    _polygons(drawing, layout, k, total_h, "region", fill=None, stroke=REGION_LINE, width=0.7)
    seen: set[str] = set()
    for shape in layout.shapes:
        if shape.level != "region" or shape.code in seen:
            continue
        seen.add(shape.code)
        cx, cy = shape.centre()
        n = counts.get(shape.code, 0)
        drawing.add(
            String(
                cx * k,
                total_h - cy * k - 4,
                str(n),
                fontName=fonts.SANS_BOLD,
                fontSize=10 if layout.frames[shape.frame].inset is False else 8,
                textAnchor="middle",
                fillColor=colors.black if n else colors.HexColor("#777777"),
            )
        )
    for frame in layout.frames.values():
        if frame.inset:
            name = next(
                (
                    s.name
                    for s in layout.shapes
                    if s.frame == frame.name and s.level == "departement"
                ),
                frame.name,
            )
            drawing.add(
                String(
                    (frame.x + 6) * k,
                    total_h - (frame.y + 14) * k,
                    name,
                    fontName=fonts.SANS,
                    fontSize=6.5,
                    fillColor=colors.HexColor("#4a545b"),
                )
            )
    if title:
        drawing.add(
            String(
                0, height + 3, title, fontName=fonts.SANS_BOLD, fontSize=9, fillColor=REGION_LINE
            )
        )
    return drawing


def figures_flowables(
    styles: Any, fig: figures.TerritorialFigures, *, per_departement: bool = True
) -> list[Flowable]:
    """The territorial figures as short tables, with the definitions they use."""
    flow: list[Flowable] = [Paragraph("Chiffres territoriaux", styles["h4"])]
    rows: list[Sequence[str]] = [("Indicateur", "Recensés", "Visités")]
    rows.append(("Lieux", str(fig.listed), str(fig.visited)))
    rows.append(
        (
            "Hors des grands centres urbains",
            figures.percent(fig.share_outside_grands_centres),
            figures.percent(fig.share_outside_grands_centres_visited),
        )
    )
    rows.append(
        (
            "Hors de toute aire d’attraction des villes",
            figures.percent(fig.share_outside_aav),
            figures.percent(fig.share_outside_aav_visited),
        )
    )
    if fig.unlocated:
        rows.append(("Sans commune réglée (non comptés)", str(fig.unlocated), ""))
    flow.append(data_table(styles, rows, [8 * cm, 3 * cm, 3 * cm], header=True))
    flow.append(Spacer(1, 0.2 * cm))
    density_rows: list[Sequence[str]] = [
        ("Niveau de densité (grille INSEE)", "Recensés", "Visités")
    ]
    for level, label in figures.DENSITY_LABELS.items():
        listed, visited = fig.by_density[level]
        density_rows.append((f"{level}. {label}", str(listed), str(visited)))
    flow.append(data_table(styles, density_rows, [8 * cm, 3 * cm, 3 * cm], header=True))
    if per_departement and fig.by_departement:
        flow.append(Spacer(1, 0.2 * cm))
        dep_rows: list[Sequence[str]] = [
            ("Département", "Recensés", "Visités", "Pour 100 000 hab.")
        ]
        for d in fig.departements():
            dep_rows.append(
                (
                    f"{d.code} {d.name}",
                    str(d.listed),
                    str(d.visited),
                    f"{d.per_100k:.1f}".replace(".", ",") if d.population else "—",
                )
            )
        flow.append(
            data_table(styles, dep_rows, [6.5 * cm, 2.5 * cm, 2.5 * cm, 3 * cm], header=True)
        )
    flow.append(
        Paragraph(
            markup(
                "Hors des grands centres urbains : communes autres que le niveau 1 de la grille "
                "communale de densité de l’INSEE (7 niveaux, 2024). Hors de toute aire "
                "d’attraction des villes : communes « hors attraction des villes » du zonage "
                "en aires d’attraction des villes 2020 de l’INSEE. Population : population "
                "municipale 2021 (INSEE). Sources : INSEE (COG 2025, grille de densité, aires "
                "d’attraction des villes), La Poste (base des codes postaux), IGN (Admin "
                "Express) — Licence Ouverte / Etalab 2.0."
            ),
            styles["small"],
        )
    )
    return flow
