"""Report building is a property (issue 23): for random missions (empty, missing, very
long and markup-like fields, 0–300 visits per région, photos missing, corrupt or huge,
every consent state, every option of ``fieldkit report``), every région's PDF builds,
reads back with pypdf, and names no hidden person.

Who is hidden comes from the privacy rule (:mod:`fieldkit.privacy`), asked of the whole
mission: a person who refused in any interview, or whose interview is to be
pseudonymised, or anyone once the retention date has passed.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from fieldkit import photos
from fieldkit.paths import Home
from fieldkit.privacy import RETENTION_KEY, Pseudonymiser, names_expired
from fieldkit.reports import ReportOptions, build_all_reports, regions_with_visits
from fieldkit.store import CONSENT_STATES, INTERVIEW_ROLES, Store
from tests.conftest import FakeClock
from tests.photo_factory import make_jpeg

# People whose names are checked in the PDFs' text: realistic, and sharing no word with
# anything else generated here, so finding one can only mean a leak.
PEOPLE = (
    "Zéphirin Quatrebarbes",
    "Anne-Lise Kerbrat",
    "Gwenaëlle Le Bihan",
    "Théodore Vasseur-Mallet",
    "Maëlys Rocheteau",
)
# Régions and a postcode in each (Corse's 2A included).
REGION_POSTCODES = {"11": "75011", "53": "29200", "84": "69007", "94": "20000", "32": "59000"}
MARKUP = (
    "<b>",
    "</b>",
    "&",
    "&amp;",
    "<para>",
    "</para>",
    "<i>sans fin",
    "a < b > c",
    "<br/>",
    "<font name='Nope' size='80'>",
    "<img src='x.png'/>",
    "]]>",
    '"',
    "«",
    "»",
    " : ",
    "n°",
    "l'atelier",
    "\t",
    "\r\n",
    "\n\n",
    "😀",
    "中文",
    "\u202f",
)
WORDS = ("lieu", "atelier", "café", "Œuvre", "élu·e", "tiers-lieu", "SCIC", "rue", "12")


def texts(*pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    """None, empty, a few pieces, or the same many times over (a few kB)."""
    piece = st.one_of(
        st.sampled_from(MARKUP),
        st.sampled_from(WORDS),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
        *pieces,
    )
    short = st.lists(piece, max_size=8).map(" ".join)
    long = st.tuples(short, st.integers(20, 120)).map(lambda t: (t[0] + " ") * t[1])
    return st.one_of(st.none(), st.just(""), short, long)


# Free text, where the privacy rule scrubs hidden names (notes, quotes, summaries,
# captions, descriptions, visitors), may name anyone. Directory fields (a place's name,
# address, contact; an organisation) and what the person printing types (title,
# author) are printed as entered, by design (fieldkit.privacy): no interviewee there.
field_text = texts(st.sampled_from(PEOPLE))
directory_text = texts()
day = st.dates(dt.date(2025, 9, 1), dt.date(2026, 11, 30))


@st.composite
def interviews(draw: Any) -> dict[str, Any]:
    return {
        "person_name": draw(st.one_of(st.sampled_from(PEOPLE), directory_text)),
        "role": draw(st.sampled_from(INTERVIEW_ROLES)),
        "consent": draw(st.sampled_from(CONSENT_STATES)),
        "pseudonymise": draw(st.booleans()),
        "organisation": draw(directory_text),
        "notes": draw(field_text),
        "quotes": draw(field_text),
    }


@st.composite
def visits(draw: Any) -> dict[str, Any]:
    return {
        "visited_on": draw(day).isoformat(),
        "status": draw(st.sampled_from(["draft", "final"])),
        "visitors": draw(field_text),
        "summary": draw(field_text),
        "notes": draw(field_text),
        "interviews": draw(st.lists(interviews(), max_size=3)),
    }


@st.composite
def regions(draw: Any) -> dict[str, Any]:
    """A région's places; its visits are its templates, repeated up to the count drawn
    (0–300: a few templates give a long report without drawing 300 of each)."""
    return {
        "places": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "name": directory_text.map(lambda t: (t or "").strip() or "Lieu"),
                        "commune": directory_text,
                        "address": directory_text,
                        "description": field_text,
                        "website": directory_text,
                        "contact": directory_text,
                    }
                ),
                min_size=1,
                max_size=3,
            )
        ),
        "visit_count": draw(st.sampled_from([0, 1, 2, 3, 5, 8, 12, 30, 300])),
        "visits": draw(st.lists(visits(), min_size=1, max_size=4)),
    }


@dataclass(frozen=True)
class PhotoPlan:
    visit: int  # index among the mission's visits
    kind: str  # ok, missing, corrupt, huge
    in_report: bool
    caption: str | None


photo_plans = st.lists(
    st.builds(
        PhotoPlan,
        st.integers(0, 400),
        st.sampled_from(["ok", "ok", "missing", "corrupt", "huge"]),
        st.booleans(),
        field_text,
    ),
    max_size=4,
)


@st.composite
def report_options(draw: Any) -> ReportOptions:
    start = draw(st.one_of(st.none(), day))
    end = draw(st.one_of(st.none(), day))
    if start and end and start > end:
        start, end = end, start
    return ReportOptions(
        date_from=start.isoformat() if start else None,
        date_to=end.isoformat() if end else None,
        include_drafts=draw(st.booleans()),
        photo_quality=draw(st.sampled_from(["print", "screen"])),
        include_photos=draw(st.booleans()),
        mission_title=draw(directory_text),
        author=draw(directory_text),
        printed_on=draw(st.one_of(st.none(), day)),
    )


def _cut(value: Any) -> Any:
    return value[:300] if isinstance(value, str) else value


def _fill(
    store: Store, home: Home, plan: dict[str, Any], sources: dict[str, Path]
) -> list[dict[str, Any]]:
    made: list[dict[str, Any]] = []
    with store.transaction():
        for code, region in plan["regions"].items():
            places = [
                store.create_place(postcode=REGION_POSTCODES[code], kind="coworking", **fields)
                for fields in region["places"]
            ]
            templates = region["visits"]
            for i in range(region["visit_count"]):
                template = dict(templates[i % len(templates)])
                talks = template.pop("interviews")
                if i >= len(templates):  # repeats: long fields cut short (300 long visits
                    # make a 2,000-page report, minutes per example)
                    template = {k: _cut(v) for k, v in template.items()}
                    talks = [{k: _cut(v) for k, v in talk.items()} for talk in talks]
                visit = store.create_visit(places[i % len(places)]["id"], **template)
                made.append(visit)
                for talk in talks:
                    store.create_interview(visit["id"], **talk)
        if plan["retention"] is not None:
            store.set_setting(RETENTION_KEY, plan["retention"].isoformat())
    for photo in plan["photos"]:
        if not made:
            break
        visit = made[photo.visit % len(made)]
        source = sources["huge" if photo.kind == "huge" else "small"]
        imported = photos.import_photos(store, visit["id"], [source], workers=1).imported
        if not imported:  # the same file twice in one visit: imported once
            continue
        row = store.update(
            "photo", imported[0]["id"], {"in_report": photo.in_report, "caption": photo.caption}
        )
        if photo.kind == "missing":
            photos.blob_path(home, row["blob"]).unlink(missing_ok=True)
            for kind in ("thumb", "report"):
                photos.derivative_path(home, row["blob"], kind).unlink(missing_ok=True)
        elif photo.kind == "corrupt":
            report_copy = photos.derivative(home, row["blob"], "report")
            report_copy.write_bytes(report_copy.read_bytes()[:150])
    return made


def _hidden_people(store: Store) -> set[str]:
    """The generated people the privacy rule hides anywhere in the mission."""
    talks = [
        {**row, "pseudonymise": bool(row.get("pseudonymise"))}
        for row in store.db.table("interviews").rows
    ]
    names = Pseudonymiser.for_interviews(talks, hide_all=names_expired(store))
    return {t["person_name"] for t in talks if t["person_name"] in PEOPLE and names.is_hidden(t)}


def _text_of(pdf: Path) -> str:
    reader = PdfReader(pdf)
    parts = [page.extract_text() or "" for page in reader.pages]
    parts += [str(v) for v in (reader.metadata or {}).values()]

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                parts.append(item.title)

    walk(reader.outline)
    return re.sub(r"\s+", " ", " ".join(parts)).casefold()


@settings(
    max_examples=10,
    deadline=None,
    # No "explain" phase: it traces every line, and reading a 600-page PDF back under
    # a tracer takes minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    plan=st.fixed_dictionaries(
        {
            "regions": st.dictionaries(
                st.sampled_from(sorted(REGION_POSTCODES)), regions(), max_size=3
            ),
            "photos": photo_plans,
            "retention": st.one_of(st.none(), day),
        }
    ),
    options=report_options(),
)
def test_every_region_report_builds_reads_back_and_names_no_hidden_person(
    plan: dict[str, Any], options: ReportOptions, photo_sources: dict[str, Path]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        home = Home(root / "home").ensure()
        with Store.open(home, user="chloe", clock=FakeClock()) as store:
            _fill(store, home, plan, photo_sources)
            hidden = _hidden_people(store)
            result = build_all_reports(store, root / "out", options, jobs=1)
            assert result.failures == [] and not result.cancelled
            expected = regions_with_visits(store, options)
        assert [r.region for r in result.regions] == expected
        assert result.national is not None
        # The national summary prints no free text (no one to hide): read back only.
        assert len(PdfReader(result.national.path).pages) == result.national.pages
        for report in result.regions:
            text = _text_of(report.path)
            assert len(PdfReader(report.path).pages) == report.pages
            for person in hidden:
                assert person.casefold() not in text, (person, report.path.name)


@pytest.fixture(scope="module")
def photo_sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Made once: one small JPEG, one huge (4000 × 3000 px)."""
    folder = tmp_path_factory.mktemp("photo-sources")
    return {
        "small": make_jpeg(folder / "small.jpg", (320, 240), seed=3),
        "huge": make_jpeg(folder / "huge.jpg", (4000, 3000), seed=4),
    }
