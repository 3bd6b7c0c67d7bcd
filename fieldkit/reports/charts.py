"""Bar charts drawn as vectors with reportlab.graphics (crisp at any zoom, no image)."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String

from fieldkit.reports import fonts
from fieldkit.reports.document import ACCENT, MUTED


def _nice_step(top: int) -> int:
    """An axis step giving about five whole-number ticks."""
    if top <= 5:
        return 1
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return int(factor * magnitude)
    return int(10 * magnitude)


def bar_chart(
    title: str,
    labels: list[str],
    values: list[int],
    width: float,
    *,
    horizontal: bool = False,
    height: float | None = None,
) -> Drawing:
    """A titled bar chart; with no data it says so instead of drawing empty axes."""
    fonts.register_fonts()
    n = max(1, len(labels))
    if height is None:
        height = max(150.0, 30.0 + 16.0 * n) if horizontal else 170.0
    drawing = Drawing(width, height)
    # The renderer starts every drawing in this font (ReportLab's default is Helvetica,
    # which would then be referenced, unembedded, even if no text used it).
    drawing.initialFontName = fonts.SANS
    drawing.add(
        String(0, height - 12, title, fontName=fonts.SANS_BOLD, fontSize=9, fillColor=ACCENT)
    )
    if not labels or not any(values):
        drawing.add(
            String(0, height - 34, "Aucune donnée sur la période.", fontName=fonts.SANS, fontSize=8)
        )
        return drawing
    top = max(values)
    step = _nice_step(top)
    chart: VerticalBarChart | HorizontalBarChart
    if horizontal:
        chart = HorizontalBarChart()
        label_room = 70.0
        chart.x, chart.y = label_room, 18
        chart.width, chart.height = width - label_room - 10, height - 40
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -4
        chart.categoryAxis.reverseDirection = 1
    else:
        chart = VerticalBarChart()
        chart.x, chart.y = 26, 30
        chart.width, chart.height = width - 36, height - 56
        chart.categoryAxis.labels.boxAnchor = "n"
        chart.categoryAxis.labels.dy = -3
        if n > 8:
            chart.categoryAxis.labels.angle = 45
            chart.categoryAxis.labels.boxAnchor = "ne"
    chart.data = [list(values)]
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = fonts.SANS
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = fonts.SANS
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * math.ceil(top / step)
    chart.valueAxis.valueStep = step
    chart.valueAxis.strokeColor = MUTED
    chart.categoryAxis.strokeColor = MUTED
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = fonts.SANS
    chart.barLabels.fontSize = 6.5
    chart.barLabels.fillColor = MUTED
    if horizontal:
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
    else:
        chart.barLabels.boxAnchor = "s"
        chart.barLabels.dy = 2
    drawing.add(chart)
    return drawing
