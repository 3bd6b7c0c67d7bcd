"""The report build's short cuts (issue 23, "both cores") write the bytes ReportLab's own
code writes: the PDF text encoding of known characters (fonts.SubsetFont) and plain
paragraphs set without the markup parser (document.Paragraph)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab import platypus
from reportlab.lib.abag import ABag
from reportlab.pdfbase.ttfonts import TTFont

from fieldkit.demo import build_demo
from fieldkit.paths import Home
from fieldkit.reports import ReportOptions, build_region_report, fonts
from fieldkit.reports.document import Paragraph, make_styles, typeset
from fieldkit.reports.national import build_national_summary
from fieldkit.resources import resource_path
from fieldkit.store import Store
from tests.conftest import FakeClock

OPTIONS = ReportOptions(printed_on=dt.date(2026, 10, 15), author="Chloé Mercier")
FONT_FILE = str(resource_path("fonts", "DejaVuSerif.ttf"))

# French prose, no-break spaces, typographic marks, characters past the first subset's
# 256 codes (Greek, Cyrillic, CJK), one the font has no glyph for, and markup characters.
_CHARS = st.one_of(
    st.sampled_from(list("aàâbcçdeéèêëfgiîïjlmnoôpqrstuùûvxyz AÉÇ.,;:!?'’«»—-\u00a0\u202f\n<>&")),
    st.characters(min_codepoint=0x370, max_codepoint=0x4FF),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40),
    st.just("\U0001f600"),
)
TEXTS = st.lists(st.text(_CHARS, max_size=40), min_size=1, max_size=30)


class _Doc:
    """What a font keys its per-document state on (anything weakly referenced)."""


@settings(max_examples=60, deadline=None)
@given(TEXTS)
def test_subset_font_encodes_as_reportlab_does(texts: list[str]):
    mine, theirs = fonts.SubsetFont("mine", FONT_FILE), TTFont("theirs", FONT_FILE)
    doc_mine, doc_theirs = _Doc(), _Doc()
    for text in [*texts, *texts]:  # the second time every character is known
        assert mine.splitString(text, doc_mine) == theirs.splitString(text, doc_theirs)
    assert mine.state[doc_mine].assignments == theirs.state[doc_theirs].assignments
    assert mine.state[doc_mine].subsets == theirs.state[doc_theirs].subsets


def test_subset_font_takes_the_short_cut_once_characters_are_known(
    monkeypatch: pytest.MonkeyPatch,
):
    font, doc = fonts.SubsetFont("mine", FONT_FILE), _Doc()
    font.splitString("Une visite à Lyon", doc)
    expected = TTFont.splitString(font, "visite à Lyon\u00a0", doc)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("ReportLab's loop ran for known characters")

    monkeypatch.setattr(TTFont, "splitString", refuse)
    assert font.splitString("visite à Lyon\u00a0", doc) == expected


_WORDS = st.text(_CHARS, max_size=60).map(lambda t: t.replace("<", "").replace("&", ""))
_PIECES = st.one_of(
    _WORDS,
    _WORDS.map(lambda t: f"<b>{t}</b>"),
    _WORDS.map(lambda t: f"<i>{t}</i>"),
    st.just("<br/>"),
    _WORDS.map(lambda t: f"<font name='{fonts.SANS}' size='8.5' color='black'>{t}</font>"),
    _WORDS.map(lambda t: f"<a name='x{len(t)}'/>{t}"),  # a tag the short cut leaves alone
    _WORDS.map(lambda t: f"{t}&amp;{t}"),  # an entity: the parser's
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_PIECES, max_size=6).map("".join),
    st.sampled_from(["body", "quote", "h4", "h5", "facts", "cell", "sans"]),
)
def test_paragraphs_have_the_parsers_fragments(text: str, style_name: str):
    style = make_styles()[style_name]
    mine = Paragraph(text, style)
    theirs = platypus.Paragraph(typeset(text), style)
    assert mine.text == theirs.text
    assert _fields(mine.frags) == _fields(theirs.frags)
    assert mine.style is theirs.style and mine.bulletText == theirs.bulletText


def _fields(frags: list[Any]) -> list[tuple[type, dict[str, Any]]]:
    """Fragments as comparable values (an anchor's ABag has no equality of its own)."""
    return [
        (type(f), {k: vars(v) if isinstance(v, ABag) else v for k, v in vars(f).items()})
        for f in frags
    ]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    home = Home(tmp_path_factory.mktemp("fast") / "home").ensure()
    store = Store.open(home, user="chloe", clock=FakeClock())
    build_demo(store, photos=8)
    yield store
    store.close()


def _build(store: Store, folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    out = {}
    for region in ("44", "84", "11"):
        path = folder / f"{region}.pdf"
        build_region_report(store, region, path, OPTIONS)
        out[region] = path.read_bytes()
    national = folder / "national.pdf"
    build_national_summary(store, national, OPTIONS)
    out["national"] = national.read_bytes()
    return out


def test_reports_are_byte_identical_without_the_short_cuts(
    demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    fast = _build(demo, tmp_path / "fast")
    monkeypatch.setattr(fonts.SubsetFont, "splitString", TTFont.splitString)
    monkeypatch.setattr(Paragraph, "_setup", platypus.Paragraph._setup)
    plain = _build(demo, tmp_path / "plain")
    assert fast == plain
    for data in fast.values():
        assert len(PdfReader(io.BytesIO(data)).pages) >= 2
