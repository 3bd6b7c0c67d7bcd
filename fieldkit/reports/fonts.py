"""The TTF fonts embedded in every report, so that every French character renders.

DejaVu Serif for running text, DejaVu Sans for headings, tables and page furniture; the
files ship in ``resources/fonts`` (with their licence) so a fresh clone needs nothing
installed. ReportLab embeds only the glyphs used (a subset).
"""

from __future__ import annotations

import threading
from typing import Any

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


class SubsetFont(TTFont):
    """A TTF font whose text is encoded for the PDF at C speed once its characters are known.

    ReportLab's :meth:`TTFont.splitString` maps every character of every line drawn to its
    code in the embedded subset in a Python loop (a tenth of a report's build). A character
    keeps its code for the whole document once given one, so a text made only of
    characters already placed in the first subset (nearly every line, after the first
    pages) gives the same bytes through :meth:`str.translate`; any other text goes through
    ReportLab's own loop, which places new characters as it always did.
    """

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        state = self.state.get(doc)
        if state is not None and isinstance(text, str):
            table = _first_subset(state)
            if table.known.issuperset(text):
                return [(0, text.translate(table.codes).encode("latin-1"))] if text else []
        return super().splitString(text, doc, encoding)


class _FirstSubset:
    """The characters placed in a document's first subset of a font, and their codes."""

    def __init__(self, assignments: dict[int, int]) -> None:
        self.size = len(assignments)
        self.codes = {char: code for char, code in assignments.items() if code < 256}
        if 32 in self.codes:  # ReportLab draws a no-break space as the space
            self.codes[0xA0] = self.codes[32]
        self.known = frozenset(chr(char) for char in self.codes)


def _first_subset(state: Any) -> _FirstSubset:
    table: _FirstSubset | None = getattr(state, "_fieldkit_first_subset", None)
    if table is None or table.size != len(state.assignments):
        table = _FirstSubset(state.assignments)
        state._fieldkit_first_subset = table
    return table


_registered = False


def register_fonts() -> None:
    """Register the fonts with ReportLab once per process (thread-safe)."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(SubsetFont(name, str(resource_path("fonts", filename))))
        for family, regular, bold, italic, bold_italic in (
            (SERIF, SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC),
            (SANS, SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD),
        ):
            addMapping(family, 0, 0, regular)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, italic)
            addMapping(family, 1, 1, bold_italic)
        _registered = True
