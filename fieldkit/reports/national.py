"""All regions at once: one report per region that has visits, plus a national summary."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from fieldkit import geo
from fieldkit.figures import territorial_figures
from fieldkit.reports import charts, maps_pdf
from fieldkit.reports.document import (
    FRAME_WIDTH,
    Heading,
    Paragraph,
    ReportDocument,
    data_table,
    french_date,
    make_styles,
    markup,
    numbered_canvas,
    period_text,
    write_atomically,
)
from fieldkit.reports.model import (
    DEFAULT_MISSION_TITLE,
    CancelCheck,
    ReportOptions,
    ReportResult,
)
from fieldkit.store import Store

NATIONAL_FILENAME = "rapport-national.pdf"


def visits_per_region(store: Store, options: ReportOptions | None = None) -> Counter[str]:
    """How many visits each région (INSEE code) has under these options."""
    options = (options or ReportOptions()).validated()
    return Counter(
        v["region"]
        for v in store.visits(
            date_from=options.date_from,
            date_to=options.date_to,
            include_drafts=options.include_drafts,
        )
        if v.get("region")
    )


def regions_with_visits(
    store_or_counts: Store | Counter[str], options: ReportOptions | None = None
) -> list[str]:
    """INSEE codes of the régions that have visits under these options, by région name
    (given a store, or the counts of :func:`visits_per_region`)."""
    counts = (
        store_or_counts
        if isinstance(store_or_counts, Counter)
        else visits_per_region(store_or_counts, options)
    )
    return [r.code for r in geo.regions() if counts.get(r.code)]


def build_national_summary(
    store: Store,
    out_path: str | os.PathLike[str],
    options: ReportOptions | None = None,
    *,
    cancelled: CancelCheck | None = None,
) -> ReportResult:
    """A short PDF: a table and a chart of the regions (places visited, visits, interviews,
    photos). Names no person, so it needs no pseudonyms."""
    options = (options or ReportOptions()).validated()
    styles = make_styles()
    visits = store.visits(
        date_from=options.date_from,
        date_to=options.date_to,
        include_drafts=options.include_drafts,
    )
    visits_by_region: Counter[str] = Counter()
    places_by_region: dict[str, set[str]] = defaultdict(set)
    interviews_by_region: Counter[str] = Counter()
    photos_by_region: Counter[str] = Counter()
    for v in visits:
        visits_by_region[v["region"]] += 1
        places_by_region[v["region"]].add(v["place_id"])
        interviews_by_region[v["region"]] += v["interview_count"]
        photos_by_region[v["region"]] += v["photo_count"]
    regions = [r for r in geo.regions() if visits_by_region[r.code]]
    mission = options.mission_title or str(
        store.get_setting("mission_title") or DEFAULT_MISSION_TITLE
    )
    author = options.author if options.author is not None else store.user
    printed = options.printed_on or store.today()
    period = period_text(options, [v["visited_on"] for v in visits])

    story: list[Flowable] = [
        Paragraph(markup(mission), styles["cover_title"]),
        Heading("Synthèse nationale", styles["h1"], key="national", outline_level=0),
        Paragraph(markup(f"Période couverte : {period}"), styles["cover_line"]),
        Paragraph(markup(f"Auteur·rice : {author}"), styles["cover_line"])
        if author
        else Spacer(1, 1),
        Paragraph(markup(f"Imprimé le {french_date(printed)}"), styles["cover_line"]),
        Spacer(1, 0.6 * cm),
    ]
    rows = [("Région", "Lieux visités", "Visites", "Entretiens", "Photos")]
    for r in regions:
        rows.append(
            (
                r.name,
                str(len(places_by_region[r.code])),
                str(visits_by_region[r.code]),
                str(interviews_by_region[r.code]),
                str(photos_by_region[r.code]),
            )
        )
    rows.append(
        (
            "Total",
            str(sum(len(s) for s in places_by_region.values())),
            str(len(visits)),
            str(sum(interviews_by_region.values())),
            str(sum(photos_by_region.values())),
        )
    )
    story.append(data_table(styles, rows, [6.5 * cm, None, None, None, None], header=True))
    story.append(Spacer(1, 0.6 * cm))
    story.append(
        charts.bar_chart(
            "Visites par région",
            [r.name for r in regions],
            [visits_by_region[r.code] for r in regions],
            FRAME_WIDTH,
            horizontal=True,
        )
    )
    # Every listed place (not only those visited in the period): where the mission is.
    places = store.places()
    listed = territorial_figures(places)
    story.append(CondPageBreak(16 * cm))
    story.append(Heading("Carte des lieux", styles["h4"], key="national-map", outline_level=1))
    story.append(
        maps_pdf.france_map(
            {code: n for code, (n, _) in listed.by_region.items()},
            FRAME_WIDTH * 0.85,
            "Lieux recensés par région",
        )
    )
    story += maps_pdf.figures_flowables(styles, listed, per_departement=True)
    path = Path(out_path)
    holder: list[ReportDocument] = []

    def write(tmp: str) -> None:
        doc = ReportDocument(
            tmp,
            header_left="Synthèse nationale",
            header_right=mission,
            title="Rapport de visites — synthèse nationale",
            author=author,
            subject=f"{mission} — {period}",
            cancelled=cancelled,
        )
        holder.append(doc)
        doc.build(story, canvasmaker=numbered_canvas(f"Imprimé le {french_date(printed)}"))

    write_atomically(path, write)
    return ReportResult(
        path=path,
        region="",
        pages=holder[-1].pages_built,
        places=sum(len(s) for s in places_by_region.values()),
        visits=len(visits),
        interviews=sum(interviews_by_region.values()),
        photos=0,
    )
