"""The TTF fonts embedded in every report, so that every French character renders.

DejaVu Serif for running text, DejaVu Sans for headings, tables and page furniture; the
files ship in ``resources/fonts`` (with their licence) so a fresh clone needs nothing
installed. ReportLab embeds only the glyphs used (a subset).
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from fieldkit.resources import resource_path

SERIF = "FK-Serif"
SERIF_BOLD = "FK-Serif-Bold"
SERIF_ITALIC = "FK-Serif-Italic"
SERIF_BOLD_ITALIC = "FK-Serif-BoldItalic"
SANS = "FK-Sans"
SANS_BOLD = "FK-Sans-Bold"
SANS_ITALIC = "FK-Sans-Oblique"

_FILES = {
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
    SERIF_ITALIC: "DejaVuSerif-Italic.ttf",
    SERIF_BOLD_ITALIC: "DejaVuSerif-BoldItalic.ttf",
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the fonts with ReportLab once per process (thread-safe)."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        for family, regular, bold, italic, bold_italic in (
            (SERIF, SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC),
            (SANS, SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD),
        ):
            addMapping(family, 0, 0, regular)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, italic)
            addMapping(family, 1, 1, bold_italic)
        _registered = True
