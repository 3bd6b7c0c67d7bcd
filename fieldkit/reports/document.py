"""Page furniture shared by every report: styles, headings that feed the contents and the
PDF outline, the header, the "page X / Y" footer, and a build that reports progress.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import tempfile
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import platypus, rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Table,
    TableStyle,
)
from reportlab.platypus.paragraph import textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from fieldkit.reports import fonts
from fieldkit.reports.model import CancelCheck, ProgressCallback, ReportCancelled, ReportOptions

# Photos go into the PDF as the JPEG bytes they are, not ASCII85-armoured: ReportLab's
# encoder is pure Python (a minute for 600 photos) and makes the file 25 % larger. Only
# reports use ReportLab in FieldKit, so the process-wide switch is ours to set.
rl_config.useA85 = 0

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 2.0 * cm
MARGIN_TOP = 2.2 * cm
MARGIN_BOTTOM = 2.0 * cm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

ACCENT = colors.HexColor("#1f5f7a")
MUTED = colors.HexColor("#5b6770")
LIGHT = colors.HexColor("#e8eef1")

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(value: str | dt.date | None) -> str:
    """« 3 mars 2026 »; an unreadable value is shown as it is."""
    if value is None or value == "":
        return ""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


# French typography. A non-breaking space (U+00A0) before « : ; ! ? » and inside
# « guillemets », and in « n° 3 », so that no line starts with « : » or « » ». (French
# wants a narrow one, U+202F, before « ; ! ? », but ReportLab breaks lines at U+202F.)
_SPACE_BEFORE = re.compile(r"[ \u202f]+([:;!?»])")
_SPACE_AFTER_OPEN = re.compile(r"«[ \u202f]+")
_NUMERO = re.compile(r"\bn°[ \u202f]?(?=\d)")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_TAG = re.compile(r"(<[^>]*>)")


def french_typography(text: str) -> str:
    """Plain text with French spacing and typographic apostrophes (l'atelier → l’atelier)."""
    text = _SPACE_BEFORE.sub("\u00a0\\1", text)
    text = _SPACE_AFTER_OPEN.sub("«\u00a0", text)
    text = _NUMERO.sub("n°\u00a0", text)
    return _APOSTROPHE.sub("’", text)


def typeset(markup_text: str) -> str:
    """:func:`french_typography` on Paragraph markup: the text between tags only."""
    parts = _TAG.split(markup_text)
    return "".join(p if i % 2 else french_typography(p) for i, p in enumerate(parts))


class Paragraph(platypus.Paragraph):
    """Every paragraph of a report, set in French typography (see :func:`typeset`)."""

    def __init__(self, text: str | None, style: Any = None, *args: Any, **kwargs: Any) -> None:
        # ReportLab splits a paragraph across pages by making two of the same class from
        # the parsed fragments, with ``text=None``: those are already typeset.
        super().__init__(None if text is None else typeset(text), style, *args, **kwargs)

    def _setup(
        self,
        text: Any,
        style: Any,
        bulletText: Any,
        frags: Any,
        cleaner: Any,  # noqa: N803
    ) -> None:
        """Text of plain words and simple tags (<b>, <i>, <font …>, <br/>; no entity: nearly
        every paragraph of a report) gets the fragments ReportLab's parser makes of the same
        tags around placeholder words, with the words put back: the parser runs once per
        style and shape instead of once per paragraph (an eighth of a report's build)."""
        if frags is None and isinstance(text, str) and "&" not in text:
            cleaned = cleaner(text)
            parts = _TAG.split(cleaned)
            words = parts[0::2]
            if cleaned and not any("<" in w or ">" in w for w in words):
                tags = parts[1::2]
                template = _template(style, tuple(tags), tuple(bool(w) for w in words))
                if template is not None:
                    frags = [copy.copy(f) for f in template]
                    filled = iter(w for w in words if w)
                    for fragment in frags:
                        if fragment.text == "x":
                            fragment.text = next(filled)
                    textTransformFrags(frags, style)
                    self.text, self.frags, self.style = cleaned, frags, style
                    self.bulletText, self.debug = bulletText, 0
                    return
        super()._setup(text, style, bulletText, frags, cleaner)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """ReportLab wraps a paragraph more than once at the same width (a keep-together
        group, then the frame; a table's rows): its lines depend on the width alone, so
        the second time reuses them (a quarter of the layout time went to breaking lines)."""
        last = self.__dict__.get("_fieldkit_wrapped")
        if last is not None and last[0] == avail_width:
            _, self.width, self.height, self.blPara, self._wrapWidths = last
            return self.width, self.height
        width, height = super().wrap(avail_width, avail_height)
        self._fieldkit_wrapped = (avail_width, width, height, self.blPara, self._wrapWidths)
        return width, height


# What ReportLab's parser makes of a shape of markup (its tags, which gaps between them hold
# words) in a style, per style: the styles of a report are made once, by make_styles, and
# never changed.
_TEMPLATES: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], Any]] = weakref.WeakKeyDictionary()
_SIMPLE_TAG = re.compile(r"</?[bi]>|<br/>|</font>|<font( \w+='[^'<>&]*')*>")


def _template(style: Any, tags: tuple[str, ...], filled: tuple[bool, ...]) -> Any:
    shapes = _TEMPLATES.get(style)
    if shapes is None:
        shapes = _TEMPLATES[style] = {}
    key = (tags, filled)
    if key not in shapes:
        shapes[key] = _parsed_template(style, tags, filled)
    return shapes[key]


def _parsed_template(style: Any, tags: tuple[str, ...], filled: tuple[bool, ...]) -> Any:
    """The parser's fragments of the shape with "x" for each word, or None when a short cut
    would not be exact (another tag, a word that did not come out as one fragment)."""
    if not all(_SIMPLE_TAG.fullmatch(tag) for tag in tags):
        return None
    shape = "".join(
        part
        for i, word in enumerate(filled)
        for part in ("x" if word else "", tags[i] if i < len(tags) else "")
    )
    parsed_style, frags, bullet = ParaParser().parse(shape, style)
    if parsed_style is not style or frags is None or bullet:
        return None
    if sum(1 for f in frags if f.text == "x") != sum(filled):
        return None
    return frags


def markup(text: str) -> str:
    """Plain text as Paragraph markup: XML escaped, line breaks kept."""
    return escape(text.strip()).replace("\n", "<br/>")


def paragraphs_of(text: str) -> list[str]:
    """Split notes on blank lines, keeping single line breaks inside a paragraph."""
    return [p for p in (chunk.strip() for chunk in re.split(r"\n\s*\n", text or "")) if p]


def period_text(options: ReportOptions, visit_dates: list[str]) -> str:
    """« du 3 mars 2026 au 28 octobre 2026 »: the options' period, else the visits' span."""
    if options.date_from and options.date_to:
        return f"du {french_date(options.date_from)} au {french_date(options.date_to)}"
    if options.date_from:
        return f"depuis le {french_date(options.date_from)}"
    if options.date_to:
        return f"jusqu’au {french_date(options.date_to)}"
    if not visit_dates:
        return "aucune visite enregistrée"
    first, last = min(visit_dates), max(visit_dates)
    if first == last:
        return f"le {french_date(first)}"
    return f"du {french_date(first)} au {french_date(last)}"


#: Every TableStyle starts with this: a Table sets its cells' font (Helvetica by default)
#: on the canvas even when every cell is a Paragraph, and the PDF then names Helvetica
#: without embedding it.
EMBEDDED_FONT = ("FONTNAME", (0, 0), (-1, -1), fonts.SANS)


def data_table(
    styles: dict[str, ParagraphStyle],
    rows: Sequence[Sequence[str]],
    widths: list[float | None],
    *,
    header: bool,
) -> Table:
    """A plain table of text cells; ``None`` widths share the room left."""
    data = []
    for i, row in enumerate(rows):
        style = styles["cell_head"] if header and i == 0 else styles["cell"]
        data.append([Paragraph(markup(cell), style) for cell in row])
    fixed = sum(w for w in widths if w is not None)
    free = sum(1 for w in widths if w is None)
    col_widths = [w if w is not None else (FRAME_WIDTH - fixed) / max(1, free) for w in widths]
    commands: list[tuple[Any, ...]] = [
        EMBEDDED_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, LIGHT),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ]
    # splitInRow: a row taller than a page (a very long name) splits instead of failing.
    table = Table(
        data,
        colWidths=col_widths,
        repeatRows=1 if header else 0,
        hAlign="LEFT",
        splitInRow=1,
    )
    table.setStyle(TableStyle(commands))
    return table


def make_styles() -> dict[str, ParagraphStyle]:
    fonts.register_fonts()
    body = ParagraphStyle(
        "body", fontName=fonts.SERIF, fontSize=9.5, leading=13, spaceAfter=4, allowWidows=0
    )
    sans = ParagraphStyle("sans", parent=body, fontName=fonts.SANS, fontSize=9, leading=12)
    return {
        "body": body,
        "sans": sans,
        "small": ParagraphStyle("small", parent=sans, fontSize=7.5, leading=9.5, textColor=MUTED),
        "caption": ParagraphStyle(
            "caption", parent=sans, fontSize=7.5, leading=9.5, textColor=MUTED, spaceBefore=2
        ),
        "cell": ParagraphStyle("cell", parent=sans, fontSize=8, leading=10),
        "cell_head": ParagraphStyle(
            "cell_head", parent=sans, fontName=fonts.SANS_BOLD, fontSize=8, leading=10
        ),
        "cover_title": ParagraphStyle(
            "cover_title",
            fontName=fonts.SANS_BOLD,
            fontSize=26,
            leading=32,
            textColor=ACCENT,
            spaceAfter=14,
        ),
        "cover_sub": ParagraphStyle(
            "cover_sub", fontName=fonts.SANS, fontSize=15, leading=20, spaceAfter=8
        ),
        "cover_line": ParagraphStyle(
            "cover_line", fontName=fonts.SERIF, fontSize=11, leading=16, textColor=MUTED
        ),
        "h1": ParagraphStyle(
            "h1",
            fontName=fonts.SANS_BOLD,
            fontSize=17,
            leading=22,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=10,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            fontName=fonts.SANS_BOLD,
            fontSize=12.5,
            leading=16,
            textColor=MUTED,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            fontName=fonts.SANS_BOLD,
            fontSize=13.5,
            leading=17,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h4": ParagraphStyle(
            "h4",
            fontName=fonts.SANS_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=9,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "h5": ParagraphStyle(
            "h5",
            fontName=fonts.SANS_BOLD,
            fontSize=9.5,
            leading=12,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "facts": ParagraphStyle("facts", parent=sans, fontSize=8.5, leading=11.5, spaceAfter=2),
        "quote": ParagraphStyle(
            "quote",
            parent=body,
            fontName=fonts.SERIF_ITALIC,
            leftIndent=18,
            rightIndent=12,
            borderPadding=(4, 6, 4, 6),
            backColor=LIGHT,
            spaceBefore=4,
            spaceAfter=6,
        ),
        "placeholder": ParagraphStyle(
            "placeholder", parent=sans, fontSize=8, leading=10, alignment=TA_CENTER
        ),
    }


class ContentsLine(Flowable):
    """One line of the contents: a heading's title now, its page number when the
    document is saved (the canvas then knows every heading's page), so the whole report
    is laid out in ONE pass instead of multiBuild's two or three."""

    LEVELS = {0: (fonts.SANS_BOLD, 10.0, 0.0, 19.0), 1: (fonts.SANS, 9.0, 14.0, 12.5)}

    def __init__(self, level: int, text: str, key: str) -> None:
        super().__init__()
        self.level = min(level, 1)
        self.text = text
        self.key = key

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.LEVELS[self.level][3]

    def draw(self) -> None:
        font, size, indent, height = self.LEVELS[self.level]
        room = self.width - indent - NUMBER_ROOM
        text = self.text
        if stringWidth(text, font, size) > room:  # one line each: cut long names short
            while text and stringWidth(text + "…", font, size) > room:
                text = text[:-1]
            text = text.rstrip() + "…"
        c = self.canv
        c.setFont(font, size)
        c.setFillColor(colors.black)
        c.drawString(indent, 3, french_typography(text))
        x_end, y = c.absolutePosition(indent + stringWidth(text, font, size), 3)
        c.linkRect("", self.key, (0, 0, self.width, height), relative=1, thickness=0)
        slots = getattr(c, "contents_slots", None)
        if slots is not None:
            slots.append((c.getPageNumber(), x_end, y, self.key, font, size))


NUMBER_ROOM = 1.2 * cm


class Heading(Paragraph):
    """A heading that becomes a PDF bookmark and, if ``toc_level`` is set, a contents line.

    Bookmark and contents texts are given separately, as plain text; they never contain a
    person's name (only regions, départements, communes, places, section titles).
    """

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        *,
        key: str = "",
        outline_level: int | None = None,
        toc_level: int | None = None,
        toc_text: str | None = None,
        **split_kwargs: Any,
    ) -> None:
        # ``text=None`` (with ``frags``) is ReportLab making the parts of a split heading.
        super().__init__(None if text is None else markup(text), style, **split_kwargs)
        self.plain = text or ""
        self.key = key
        self.outline_level = outline_level
        self.toc_level = toc_level
        self.toc_text = toc_text or self.plain

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """A heading too long for the room left: its first part carries the bookmark and
        the contents' page, the rest is plain text (one bookmark per heading)."""
        parts = super().split(avail_width, avail_height)
        for index, part in enumerate(parts):
            if isinstance(part, Heading):
                part.plain, part.toc_text = self.plain, self.toc_text
                part.key = self.key if index == 0 else ""
                part.outline_level = self.outline_level if index == 0 else None
                part.toc_level = self.toc_level if index == 0 else None
        return parts


class _JpegInMemory(ImageReader):
    """A JPEG held in memory, embedded as it is (no re-encoding).

    The canvas names an embedded image after a digest of ``getRGBData()``; for a JPEG
    passed through, decoding every pixel only to name it is wasted work, so the name comes
    from the photo's identity instead: stable across builds (byte-identical PDFs), and a
    photo shown twice is embedded once.
    """

    def __init__(self, data: bytes, identity: str) -> None:
        super().__init__(io.BytesIO(data))
        self._identity = identity
        self._dataA = None

    def getRGBData(self) -> bytes:  # noqa: N802 - ReportLab's name
        if self.jpeg_fh() is None:  # not a JPEG after all: the real pixels are needed
            return bytes(super().getRGBData())
        return f"fieldkit-photo:{self._identity}".encode()


class SealedPhoto(Flowable):
    """A photo whose file is read (decrypted in memory if sealed) only when drawn, so a
    200-page report never holds every photo at once and none is ever written in clear."""

    def __init__(
        self, load: Callable[[], bytes], identity: str, width: float, height: float
    ) -> None:
        super().__init__()
        self.load, self.identity = load, identity
        self.width, self.height = width, height
        self.hAlign = "LEFT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        reader = _JpegInMemory(self.load(), self.identity)
        self.canv.drawImage(reader, 0, 0, self.width, self.height)


class MissingPhotoBox(Flowable):
    """Where a photo would be, a labelled grey box saying it is missing."""

    def __init__(self, width: float, height: float, label: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.label = Paragraph(markup(label), style)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(LIGHT)
        c.setStrokeColor(MUTED)
        c.setDash(3, 2)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        c.restoreState()
        w, h = self.label.wrap(self.width - 12, self.height)
        self.label.drawOn(c, 6, (self.height - h) / 2)


def numbered_canvas(footer_left: str) -> type[Canvas]:
    """A canvas that knows the page total: it holds pages back until save(), then writes
    "page X / Y" on each (ReportLab's own recipe; one pass, no second build)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # The embedded font from the start, so no base-14 font is even referenced.
            # (BaseDocTemplate passes these as None: setdefault would keep Helvetica.)
            if kwargs.get("initialFontName") is None:
                kwargs["initialFontName"] = fonts.SANS
            if kwargs.get("initialFontSize") is None:
                kwargs["initialFontSize"] = 9
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []
            # Filled while laying out: where contents lines wait for a page number, and
            # the page of each heading (see ContentsLine, ReportDocument.afterFlowable).
            self.contents_slots: list[tuple[int, float, float, str, str, float]] = []
            self.heading_pages: dict[str, int] = {}

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            by_page: dict[int, list[tuple[int, float, float, str, str, float]]] = {}
            for slot in self.contents_slots:
                by_page.setdefault(slot[0], []).append(slot)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(number, total)
                for slot in by_page.get(number, []):
                    self._draw_page_number(*slot[1:])
                super().showPage()
            super().save()

        def _draw_page_number(
            self, x_end: float, y: float, key: str, font: str, size: float
        ) -> None:
            page = self.heading_pages.get(key)
            if page is None:
                return
            right = PAGE_WIDTH - MARGIN_X
            number = str(page)
            self.saveState()
            self.setFont(font, size)
            self.drawRightString(right, y, number)
            dot = stringWidth(" .", font, size)
            count = int((right - stringWidth(number, font, size) - 6 - x_end) / dot)
            if count > 0:
                self.setFillColor(MUTED)
                self.drawRightString(right - stringWidth(number, font, size) - 4, y, " ." * count)
            self.restoreState()

        def _draw_footer(self, number: int, total: int) -> None:
            self.saveState()
            self.setFont(fonts.SANS, 7.5)
            self.setFillColor(MUTED)
            self.drawCentredString(PAGE_WIDTH / 2, MARGIN_BOTTOM / 2, f"page {number} / {total}")
            if footer_left:
                self.drawString(MARGIN_X, MARGIN_BOTTOM / 2, footer_left)
            self.restoreState()

    return NumberedCanvas


class ReportDocument(BaseDocTemplate):
    """A4, one frame, a header on every page; headings feed the outline and contents."""

    def __init__(
        self,
        filename: str,
        *,
        header_left: str,
        header_right: str,
        title: str,
        author: str,
        subject: str,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
        progress_span: tuple[float, float] = (0.0, 1.0),
    ) -> None:
        super().__init__(
            filename,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author,
            subject=subject,
            creator="FieldKit",
            keywords=[],
            # Same data and options give the same bytes: fixed dates and document id.
            invariant=1,
        )
        self.header_left = header_left
        self.header_right = header_right
        self.pages_built = 0
        self._progress = progress
        self._cancelled = cancelled
        self._span = progress_span
        self._flowables_total = 1
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            FRAME_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._header)])
        self.setProgressCallBack(self._on_progress)

    def _header(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        canv.setFont(fonts.SANS_BOLD, 8)
        canv.setFillColor(ACCENT)
        y = PAGE_HEIGHT - MARGIN_TOP / 2
        canv.drawString(MARGIN_X, y, self.header_left)
        canv.setFont(fonts.SANS, 8)
        canv.setFillColor(MUTED)
        canv.drawRightString(PAGE_WIDTH - MARGIN_X, y, self.header_right)
        canv.setStrokeColor(LIGHT)
        canv.setLineWidth(0.8)
        canv.line(MARGIN_X, y - 5, PAGE_WIDTH - MARGIN_X, y - 5)
        canv.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's name
        if isinstance(flowable, Heading) and flowable.key:
            if flowable.outline_level is not None:
                self.canv.bookmarkPage(flowable.key)
                self.canv.addOutlineEntry(
                    flowable.plain, flowable.key, level=flowable.outline_level, closed=True
                )
            pages = getattr(self.canv, "heading_pages", None)
            if pages is not None:
                pages[flowable.key] = self.page

    def _on_progress(self, kind: str, value: int) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ReportCancelled("The report was cancelled.")
        if kind == "SIZE_EST":
            self._flowables_total = max(1, value)
        elif kind == "PAGE":
            self.pages_built = value
        elif kind == "PROGRESS" and self._progress is not None:
            done = min(0.99, value / self._flowables_total)
            lo, hi = self._span
            self._progress(lo + (hi - lo) * done, "layout")


def write_atomically(path: Path, build: Callable[[str], None]) -> None:
    """Build into a temporary file beside ``path`` and move it into place only when done,
    so a cancelled or failed build never leaves a half-written PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".pdf.part", dir=path.parent)
    os.close(fd)
    try:
        build(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
