"""One region's visit report: cover, summary, contents, then each place by département
and commune with its visits, interviews and photos; missing photos listed at the end.
"""

from __future__ import annotations

import functools
import io
import os
import unicodedata
import uuid
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image as PILImage
from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from fieldkit import encryption, geo
from fieldkit.errors import FieldKitError, ValidationError
from fieldkit.figures import territorial_figures
from fieldkit.gate import OutputGate
from fieldkit.paths import Home
from fieldkit.privacy import names_expired
from fieldkit.reports import charts, fonts, maps_pdf
from fieldkit.reports.document import (
    ACCENT,
    EMBEDDED_FONT,
    FRAME_WIDTH,
    LIGHT,
    ContentsLine,
    Heading,
    MissingPhotoBox,
    Paragraph,
    ReportDocument,
    SealedPhoto,
    data_table,
    french_date,
    make_styles,
    markup,
    numbered_canvas,
    paragraphs_of,
    period_text,
    write_atomically,
)
from fieldkit.reports.model import (
    DEFAULT_MISSION_TITLE,
    CancelCheck,
    MissingPhoto,
    ProgressCallback,
    ReportCancelled,
    ReportOptions,
    ReportResult,
)
from fieldkit.reports.pseudonyms import (
    ROLE_LABELS,
    ROLE_ORDER,
    must_pseudonymise,
    organisation_type,
)
from fieldkit.store import Store

PLACE_KIND_LABELS = {
    "coworking": "Coworking",
    "fablab": "Fablab",
    "rural_hub": "Tiers-lieu rural",
    "shared_workshop": "Atelier partagé",
    "living_lab": "Living lab",
    "cultural": "Lieu culturel",
    "other": "Autre",
}
# Half the 1600 px derivative, which JPEG draft mode decodes at that scale directly (fast);
# 800 px across an 8 cm photo is still 250 dpi.
SCREEN_MAX_PX = 800
SCREEN_JPEG_QUALITY = 70
PHOTO_COLUMNS = 2
PHOTO_GAP = 0.5 * cm
PHOTO_CELL_WIDTH = (FRAME_WIDTH - PHOTO_GAP * (PHOTO_COLUMNS - 1)) / PHOTO_COLUMNS
PHOTO_MAX_HEIGHT = 6.0 * cm


def sort_key(text: str) -> str:
    """Case- and accent-insensitive order, so « Écouen » sorts with the E's."""
    return "".join(
        c
        for c in unicodedata.normalize("NFKD", (text or "").casefold())
        if not unicodedata.combining(c)
    )


def slug(text: str) -> str:
    folded = sort_key(text)
    return "-".join("".join(c if c.isalnum() else " " for c in folded).split())


def region_filename(region_code: str) -> str:
    return f"rapport-{region_code}-{slug(geo.region_name(region_code))}.pdf"


# What a missing photo's box and the list at the end say: the truth, and no promise that
# a sync restores it (`fieldkit report` and the dialog fetch what they can first).
_MISSING_LABEL = {
    "absent": "Photo non disponible sur ce portable",
    "unreadable": "Photo illisible",
}
_MISSING_REASON = {
    "absent": "fichier absent de ce portable",
    "unreadable": "fichier illisible",
}


@dataclass
class _Photo:
    record: dict[str, Any]
    path: Path | None  # None when missing
    width_px: int = 0
    height_px: int = 0
    reason: str = ""


def build_region_report(
    store: Store,
    region: str,
    out_path: str | os.PathLike[str],
    options: ReportOptions | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ReportResult:
    """Build the PDF report of one region at ``out_path``; never fails on missing photos.

    Raises ValidationError for a bad option or unknown region, ReportCancelled when
    ``cancelled()`` turns true (no file is left behind).
    """
    options = (options or ReportOptions()).validated()
    reg = geo.region(region)
    if reg is None:
        raise ValidationError(
            "region", f"Unknown région code {region!r}.", code="unknown_region", value=region
        )
    path = Path(out_path)
    builder = _RegionReport(store, reg.code, options, progress, cancelled)
    return builder.build(path)


def hidden_elsewhere(
    store: Store, shown: list[dict[str, Any]], *, hide_all: bool
) -> list[dict[str, Any]]:
    """The mission's other interviews whose person the privacy rule hides, one per name."""
    ids = {iv["id"] for iv in shown}
    names: dict[str, dict[str, Any]] = {}
    for row in store.conn.execute(
        "SELECT id, visit_id, person_name, role, consent, pseudonymise FROM interviews "
        "WHERE deleted = 0 AND person_name != ''"
    ):
        interview = dict(row)
        if interview["id"] in ids or not (hide_all or must_pseudonymise(interview)):
            continue
        names.setdefault(" ".join(interview["person_name"].casefold().split()), interview)
    return list(names.values())


class _RegionReport:
    def __init__(
        self,
        store: Store,
        region: str,
        options: ReportOptions,
        progress: ProgressCallback | None,
        cancelled: CancelCheck | None,
    ) -> None:
        self.store = store
        self.region = region
        self.region_name = geo.region_name(region)
        self.options = options
        self.progress = progress
        self.cancelled = cancelled
        self.styles = make_styles()
        self.missing: list[MissingPhoto] = []
        self.embedded = 0
        self.home: Home | None = store.home
        bundle = store.region_bundle(
            region,
            date_from=options.date_from,
            date_to=options.date_to,
            include_drafts=options.include_drafts,
        )
        self.places = sorted(
            bundle["places"],
            key=lambda p: (
                p.get("departement") or "",
                sort_key(p.get("commune") or ""),
                sort_key(p["name"]),
                p["id"],
            ),
        )
        self.visits = [v for p in self.places for v in p["visits"]]
        self.interviews = [iv for v in self.visits for iv in v["interviews"]]
        # Past the mission's retention date nobody is named; the gate (fieldkit.gate) also
        # hides the retained name forms past that date. The people hidden in interviews
        # outside this report (another région, period, or a draft left out) are hidden
        # here too: their refusal holds wherever their name is written. They come after
        # this report's people, whose numbers stay the same.
        hide_all = names_expired(store)
        self.pseudonyms = OutputGate.for_store(
            store,
            interviews=[
                *self.interviews,
                *hidden_elsewhere(store, self.interviews, hide_all=hide_all),
            ],
        ).names
        self.mission = options.mission_title or str(
            store.get_setting("mission_title") or DEFAULT_MISSION_TITLE
        )
        # The author is the mission member printing (never an interviewee).
        self.author = options.author if options.author is not None else store.user
        self.printed_on = options.printed_on or store.today()

    # -- helpers ----------------------------------------------------------------------
    def _check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ReportCancelled("The report was cancelled.")

    def _report(self, fraction: float, what: str) -> None:
        if self.progress is not None:
            self.progress(fraction, what)

    def _text(
        self,
        text: str,
        *,
        visit_id: str | None = None,
        interview: dict[str, Any] | None = None,
        staff: bool = False,
    ) -> str:
        """Free text as printed: hidden names replaced by pseudonyms (see Pseudonymiser).

        ``visit_id``/``interview``: the text belongs to that visit, where a hidden
        person's partial names (surname, first name alone) are replaced too.
        """
        return self.pseudonyms.scrub(
            text or "", visit_id=visit_id, interview=interview, full_names_only=staff
        )

    def _para(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(markup(text), self.styles[style])

    # -- build ------------------------------------------------------------------------
    def build(self, path: Path) -> ReportResult:
        self._check()
        photos = self._prepare_photos()
        self._check()
        story = self._story(photos)
        mission, author, printed = self.mission, self.author, self.printed_on

        doc_holder: list[ReportDocument] = []

        def write(tmp: str) -> None:
            doc = ReportDocument(
                tmp,
                header_left=f"Région {self.region_name}",
                header_right=mission,
                title=f"Rapport de visites — {self.region_name}",
                author=author,
                subject=f"{mission} — {self._period_text()}",
                progress=self.progress,
                cancelled=self.cancelled,
                progress_span=(0.3, 1.0),
            )
            doc_holder.append(doc)
            doc.build(story, canvasmaker=numbered_canvas(f"Imprimé le {french_date(printed)}"))

        write_atomically(path, write)
        self._report(1.0, "done")
        return ReportResult(
            path=path,
            region=self.region,
            pages=doc_holder[-1].pages_built,
            places=sum(1 for p in self.places if p["visits"]),
            visits=len(self.visits),
            interviews=len(self.interviews),
            photos=self.embedded,
            missing_photos=list(self.missing),
        )

    def _prepare_photos(self) -> dict[str, _Photo]:
        """Find (and for "screen", shrink) every photo chosen for the report, up front and
        on a few threads (Pillow decodes and encodes without the GIL), so the layout only
        reads finished files."""
        wanted = [ph for v in self.visits for ph in v["photos"] if ph.get("in_report", True)]
        out: dict[str, _Photo] = {}
        if not self.options.include_photos or not wanted:
            return out
        # One job per stored image: two photos of the same file share their derivative.
        firsts: dict[str, dict[str, Any]] = {}
        for ph in wanted:
            firsts.setdefault(ph["blob"], ph)
        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            futures = {blob: pool.submit(self._photo_file, ph) for blob, ph in firsts.items()}
            try:
                for index, ph in enumerate(wanted):
                    if index % 10 == 0:
                        self._check()
                        self._report(0.3 * index / len(wanted), "photos")
                    found = futures[ph["blob"]].result()
                    out[ph["id"]] = _Photo(
                        ph, found.path, found.width_px, found.height_px, found.reason
                    )
            except BaseException:
                for future in futures.values():
                    future.cancel()
                raise
        self._report(0.3, "photos")
        return out

    def _photo_file(self, ph: dict[str, Any]) -> _Photo:
        if self.home is None:
            return _Photo(ph, None, reason="no photo store")
        from fieldkit import photos  # the photo module owns blobs and derivatives

        try:
            src = Path(photos.derivative(self.home, ph["blob"], "report"))
            if self.options.photo_quality == "screen":
                src = self._screen_copy(ph["blob"], src)
            # Only the header is read (decrypted as it goes when the file is sealed).
            with encryption.open_read(self.home, src) as fh, PILImage.open(fh) as im:
                width, height = im.size
        except (FieldKitError, OSError, ValueError) as exc:
            return _Photo(ph, None, reason=str(exc) or exc.__class__.__name__)
        return _Photo(ph, src, width, height)

    def _screen_copy(self, sha256: str, src: Path) -> Path:
        """A lighter copy for on-screen reading, cached beside the derivatives.

        Its path depends only on the photo (ReportLab names embedded images after their
        file name), so that two builds stay byte-identical.
        """
        assert self.home is not None
        target = self.home.derivatives_dir / "report-screen" / f"{sha256}.jpg"
        if target.exists():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{uuid.uuid4().hex}.part")  # concurrent builds never clash
        encoded = io.BytesIO()
        with encryption.open_read(self.home, src) as fh, PILImage.open(fh) as im:
            im.draft("RGB", (SCREEN_MAX_PX, SCREEN_MAX_PX))
            rgb = im.convert("RGB")
            rgb.thumbnail((SCREEN_MAX_PX, SCREEN_MAX_PX))
            rgb.save(encoded, "JPEG", quality=SCREEN_JPEG_QUALITY)
        # Sealed like the other derivatives when the data directory is encrypted.
        encryption.write_bytes(self.home, tmp, encoded.getvalue())
        os.replace(tmp, target)
        return target

    def _period_text(self) -> str:
        return period_text(self.options, [v["visited_on"] for v in self.visits])

    # -- story ------------------------------------------------------------------------
    def _story(self, photos: dict[str, _Photo]) -> list[Flowable]:
        story: list[Flowable] = []
        story += self._cover()
        story.append(PageBreak())
        story += self._summary()
        story.append(PageBreak())
        story.append(Heading("Sommaire", self.styles["h1"], key="contents", outline_level=0))
        places = self._places(photos)
        story += [
            ContentsLine(f.toc_level, f.toc_text, f.key)
            for f in (self._summary_heading, *places)
            if isinstance(f, Heading) and f.toc_level is not None
        ]
        if self.missing:
            story.append(ContentsLine(0, "Éléments manquants", "missing"))
        story.append(PageBreak())
        story += places
        if self.missing:
            story.append(PageBreak())
            story += self._missing_section()
        return story

    def _cover(self) -> list[Flowable]:
        mission, author, printed = self.mission, self.author, self.printed_on
        s = self.styles
        drafts = "" if self.options.include_drafts else " (visites validées seulement)"
        lines = [
            f"Période couverte : {self._period_text()}{drafts}",
            f"Auteur·rice : {author}" if author else "",
            f"Imprimé le {french_date(printed)}",
        ]
        flow: list[Flowable] = [
            Spacer(1, 5 * cm),
            HRFlowable(width="100%", thickness=3, color=ACCENT, spaceAfter=18, hAlign="LEFT"),
            Paragraph(markup(mission), s["cover_title"]),
            Paragraph("Rapport de visites", s["cover_sub"]),
            Heading(f"Région {self.region_name}", s["h1"], key="cover", outline_level=0),
            HRFlowable(width="100%", thickness=0.8, color=LIGHT, spaceBefore=6, spaceAfter=18),
        ]
        flow += [Paragraph(markup(line), s["cover_line"]) for line in lines if line]
        if not self.options.include_photos:
            flow.append(Paragraph("Édition sans photos", s["cover_line"]))
        elif self.options.photo_quality == "screen":
            flow.append(Paragraph("Photos en qualité écran", s["cover_line"]))
        return flow

    def _summary(self) -> list[Flowable]:
        s = self.styles
        self._summary_heading = Heading(
            "Synthèse", s["h1"], key="summary", outline_level=0, toc_level=0
        )
        flow: list[Flowable] = [self._summary_heading]
        visited = [p for p in self.places if p["visits"]]
        photos_total = sum(len(v["photos"]) for v in self.visits)
        photos_chosen = sum(1 for v in self.visits for ph in v["photos"] if ph.get("in_report"))
        roles = Counter(iv.get("role") or "other" for iv in self.interviews)
        figures = [
            ("Lieux visités", f"{len(visited)} sur {len(self.places)} lieux recensés"),
            ("Visites", str(len(self.visits))),
            ("Entretiens", str(len(self.interviews))),
            ("Photos", f"{photos_total} (dont {photos_chosen} retenues pour le rapport)"),
        ]
        flow.append(self._table([("Chiffres clés", "")] + figures, [5 * cm, None], header=True))
        # The région's places on a vector map, on the summary's first page.
        flow.append(Paragraph("Carte des lieux", s["h4"]))
        flow.append(maps_pdf.region_map(self.region, self.places, FRAME_WIDTH * 0.72))
        flow.append(Spacer(1, 0.3 * cm))
        # Interviews by role: the chart beside « Visites par département » says it (with
        # the count on each bar); a table of the same figures above it said it twice.

        by_dep = Counter(v["departement"] for v in self.visits)
        deps = sorted(by_dep, key=lambda code: code.zfill(3))
        chart_width = FRAME_WIDTH / 2 - 0.3 * cm
        dep_chart = charts.bar_chart(
            "Visites par département",
            [f"{code}" for code in deps],
            [by_dep[code] for code in deps],
            chart_width,
        )
        role_chart = charts.bar_chart(
            "Entretiens par rôle",
            [ROLE_LABELS[r] for r in ROLE_ORDER],
            [roles.get(r, 0) for r in ROLE_ORDER],
            chart_width,
            horizontal=True,
        )
        flow.append(Spacer(1, 0.4 * cm))
        flow.append(
            Table(
                [[dep_chart, role_chart]],
                colWidths=[FRAME_WIDTH / 2, FRAME_WIDTH / 2],
                style=TableStyle(
                    [
                        EMBEDDED_FONT,
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ]
                ),
            )
        )
        if deps:
            legend = " · ".join(f"{c} {geo.departement_name(c)}" for c in deps)
            flow.append(Paragraph(markup(legend), s["small"]))

        # The région's territorial figures (fieldkit.reports.maps_pdf); its map is above.
        flow += maps_pdf.figures_flowables(s, territorial_figures(self.places))

        flow.append(Paragraph("Lieux", s["h4"]))
        rows = [("Lieu", "Commune", "Type", "Visites")]
        for p in self.places:
            rows.append(
                (
                    p["name"],
                    p.get("commune") or "",
                    PLACE_KIND_LABELS.get(p.get("kind") or "other", p.get("kind") or ""),
                    str(len(p["visits"])),
                )
            )
        flow.append(self._table(rows, [7 * cm, 4.5 * cm, 3.5 * cm, None], header=True))
        return flow

    def _table(
        self, rows: Sequence[Sequence[str]], widths: list[float | None], *, header: bool
    ) -> Table:
        return data_table(self.styles, rows, widths, header=header)

    def _places(self, photos: dict[str, _Photo]) -> list[Flowable]:
        s = self.styles
        flow: list[Flowable] = []
        current_dep: str | None = None
        current_commune: str | None = None
        for index, place in enumerate(self.places):
            if index % 5 == 0:
                self._check()
            dep = place.get("departement") or ""
            commune = place.get("commune") or "Commune non renseignée"
            if dep != current_dep:
                if current_dep is not None:
                    flow.append(PageBreak())
                name = geo.departement_name(dep) if dep else "Département non renseigné"
                title = f"{name} ({dep})" if dep else name
                flow.append(
                    Heading(
                        title, s["h1"], key=f"dep-{dep or 'none'}", outline_level=0, toc_level=0
                    )
                )
                current_dep, current_commune = dep, None
            if commune != current_commune:
                flow.append(CondPageBreak(4 * cm))
                flow.append(
                    Heading(
                        commune,
                        s["h2"],
                        key=f"commune-{dep}-{slug(commune)}-{index}",
                        outline_level=1,
                    )
                )
                current_commune = commune
            flow += self._place(place, photos)
        return flow

    def _place(self, place: dict[str, Any], photos: dict[str, _Photo]) -> list[Flowable]:
        s = self.styles
        flow: list[Flowable] = [
            Heading(
                place["name"],
                s["h3"],
                key=f"place-{place['id']}",
                outline_level=2,
                toc_level=1,
                toc_text=f"{place['name']} — {place.get('commune') or ''}".rstrip(" —"),
            )
        ]
        facts = [
            ("Type", PLACE_KIND_LABELS.get(place.get("kind") or "other", "")),
            (
                "Adresse",
                " ".join(
                    x
                    for x in (
                        place.get("address") or "",
                        place.get("postcode") or "",
                        place.get("commune") or "",
                    )
                    if x
                ),
            ),
            ("Site web", place.get("website") or ""),
            ("Contact", place.get("contact") or ""),
            ("Mots-clés", ", ".join(place.get("tags") or [])),
        ]
        for label, value in facts:
            if value:
                # Directory fields (address, contact, website) are printed as entered:
                # rewriting them tied pseudonyms to phone numbers.
                flow.append(Paragraph(f"<b>{label} :</b> {markup(value)}", s["facts"]))
        for para in paragraphs_of(self._text(place.get("description") or "")):
            flow.append(self._para(para))
        if not place["visits"]:
            flow.append(Paragraph("<i>Aucune visite sur la période.</i>", s["sans"]))
        for visit in place["visits"]:
            flow += self._visit(place, visit, photos)
        return flow

    def _visit(
        self, place: dict[str, Any], visit: dict[str, Any], photos: dict[str, _Photo]
    ) -> list[Flowable]:
        s = self.styles
        title = f"Visite du {french_date(visit['visited_on'])}"
        if visit.get("status") == "draft":
            title += " (brouillon)"
        head: list[Flowable] = [Paragraph(markup(title), s["h4"])]
        if visit.get("visitors"):
            head.append(
                Paragraph(
                    f"<b>Visiteurs :</b> {markup(self._text(visit['visitors'], staff=True))}",
                    s["facts"],
                )
            )
        flow: list[Flowable] = [KeepTogether(head)]
        if visit.get("summary"):
            for para in paragraphs_of(self._text(visit["summary"], visit_id=visit["id"])):
                flow.append(Paragraph(f"<b>{markup(para)}</b>", s["body"]))
        notes = paragraphs_of(self._text(visit.get("notes") or "", visit_id=visit["id"]))
        for para in notes:
            flow.append(self._para(para))
        if not notes and not visit.get("summary"):
            flow.append(Paragraph("<i>Pas de notes pour cette visite.</i>", s["sans"]))
        for interview in visit["interviews"]:
            flow += self._interview(interview)
        flow += self._photo_grid(place, visit, photos)
        return flow

    def _interview(self, iv: dict[str, Any]) -> list[Flowable]:
        s = self.styles
        role = ROLE_LABELS.get(iv.get("role") or "other", "Autre")
        if self.pseudonyms.is_hidden(iv):
            title = f"Entretien — {self.pseudonyms.label(iv)}"
            detail = f"{role} · {organisation_type(iv)}"
        else:
            name = (iv.get("person_name") or "").strip() or "Personne non nommée"
            title = f"Entretien — {name}"
            detail = " · ".join(x for x in (role, iv.get("organisation") or "") if x)
        # Title and role in one paragraph (kept with what follows): 450 interviews make
        # a real difference to the layout time.
        flow: list[Flowable] = [
            Paragraph(
                f"{markup(title)}<br/><font name='{fonts.SANS}' size='8.5' color='black'>"
                f"{markup(detail)}</font>",
                s["h5"],
            )
        ]
        for para in paragraphs_of(self._text(iv.get("notes") or "", interview=iv)):
            flow.append(self._para(para))
        # One quote per line, each set apart in its own box.
        quotes = self._text(iv.get("quotes") or "", interview=iv).splitlines()
        for quote in (q for q in quotes if q.strip()):
            text = quote.strip().strip('«»"“” \u00a0').strip()
            flow.append(Paragraph(f"« {markup(text)} »", s["quote"]))
        return flow

    def _photo_grid(
        self, place: dict[str, Any], visit: dict[str, Any], photos: dict[str, _Photo]
    ) -> list[Flowable]:
        s = self.styles
        chosen = [ph for ph in visit["photos"] if ph.get("in_report")]
        if not chosen:
            return []
        if not self.options.include_photos:
            n = len(chosen)
            return [
                Paragraph(
                    f"<i>{n} photo{'s' if n > 1 else ''} (non reproduite{'s' if n > 1 else ''} "
                    "dans cette édition).</i>",
                    s["sans"],
                )
            ]
        cells: list[list[Flowable]] = []
        for ph in chosen:
            found = photos.get(ph["id"])
            caption = (
                self._text(ph.get("caption") or "", visit_id=visit["id"])
                or ph.get("original_name")
                or ""
            )
            taken = french_date(ph.get("taken_at")) if ph.get("taken_at") else ""
            caption_text = " — ".join(x for x in (caption, taken) if x)
            if found is None or found.path is None:
                self.missing.append(
                    MissingPhoto(
                        place_name=place["name"],
                        visited_on=visit["visited_on"],
                        caption=caption,
                        original_name=ph.get("original_name") or "",
                        sha256=ph.get("blob") or "",
                        reason=found.reason if found else "not prepared",
                        kind=self._missing_kind(ph),
                    )
                )
                label = (
                    f"{_MISSING_LABEL[self._missing_kind(ph)]}\n"
                    f"{ph.get('original_name') or (ph.get('blob') or '')[:12]}"
                )
                picture: Flowable = MissingPhotoBox(
                    PHOTO_CELL_WIDTH, PHOTO_MAX_HEIGHT * 0.75, label, s["placeholder"]
                )
            else:
                scale = min(
                    PHOTO_CELL_WIDTH / max(1, found.width_px),
                    PHOTO_MAX_HEIGHT / max(1, found.height_px),
                )
                home, path = self.home, found.path
                assert home is not None
                picture = SealedPhoto(
                    functools.partial(encryption.read_bytes, home, path),
                    f"{ph.get('blob')}:{self.options.photo_quality}",
                    width=found.width_px * scale,
                    height=found.height_px * scale,
                )
                self.embedded += 1
            cells.append([picture, Paragraph(markup(caption_text), s["caption"])])
        rows = [cells[i : i + PHOTO_COLUMNS] for i in range(0, len(cells), PHOTO_COLUMNS)]
        if len(rows[-1]) < PHOTO_COLUMNS:
            rows[-1] = rows[-1] + [[]] * (PHOTO_COLUMNS - len(rows[-1]))
        grid = Table(
            rows,
            colWidths=[PHOTO_CELL_WIDTH + PHOTO_GAP] * (PHOTO_COLUMNS - 1) + [PHOTO_CELL_WIDTH],
            style=TableStyle(
                [
                    EMBEDDED_FONT,
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            ),
            hAlign="LEFT",
            # A caption longer than a page splits with its row instead of failing.
            splitInRow=1,
        )
        return [Spacer(1, 0.15 * cm), grid]

    def _missing_kind(self, ph: dict[str, Any]) -> str:
        """ "absent" when the photo's file is not on this laptop, else "unreadable"."""
        from fieldkit import photos  # the photo module owns blobs and derivatives

        sha = ph.get("blob") or ""
        try:
            present = self.home is not None and photos.blob_path(self.home, sha).is_file()
        except FieldKitError:  # not a sha256: no file can be found under it
            present = False
        return "unreadable" if present else "absent"

    def _missing_section(self) -> list[Flowable]:
        s = self.styles
        flow: list[Flowable] = [
            Heading("Éléments manquants", s["h1"], key="missing", outline_level=0, toc_level=0),
            Paragraph(
                markup(
                    "1 photo retenue pour le rapport n’a pas pu être reproduite : son fichier "
                    "n’est pas sur ce portable, ou il est illisible (motif ci-dessous)."
                    if len(self.missing) == 1
                    else f"{len(self.missing)} photos retenues pour le rapport n’ont pas pu "
                    "être reproduites : leur fichier n’est pas sur ce portable, ou il est "
                    "illisible (motif ci-dessous)."
                ),
                s["body"],
            ),
        ]
        rows = [("Lieu", "Visite", "Photo", "Motif")]
        for m in self.missing:
            rows.append(
                (
                    m.place_name,
                    french_date(m.visited_on),
                    m.caption or m.original_name or m.sha256[:12],
                    _MISSING_REASON[m.kind],
                )
            )
        flow.append(self._table(rows, [5 * cm, 3 * cm, None, 4 * cm], header=True))
        return flow
