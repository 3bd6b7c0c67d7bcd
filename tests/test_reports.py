"""Per-region PDF reports: real PDFs built with ReportLab and read back with pypdf."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont

from fieldkit import photos
from fieldkit.cli import main
from fieldkit.errors import ValidationError
from fieldkit.paths import Home
from fieldkit.reports import (
    NATIONAL_FILENAME,
    ReportCancelled,
    ReportOptions,
    build_all_reports,
    build_region_report,
    region_filename,
)
from fieldkit.reports.pseudonyms import Pseudonymiser
from fieldkit.resources import resource_path
from fieldkit.store import Store
from tests.conftest import FakeClock
from tests.photo_factory import make_jpeg

PRINTED = dt.date(2026, 10, 15)
OPTIONS = ReportOptions(printed_on=PRINTED, author="Chloé Mercier")
HIDDEN_PEOPLE = ("Marie-Claire Le Goff", "Anne Quéméneur", "Bertrand Kerhervé")
FRENCH_SAMPLE = "é è ê ç œ « » ’ …"


@dataclass
class Mission:
    home: Home
    store: Store
    photos_in_report: int  # photos chosen for the report whose file exists
    missing_name: str
    draft_place: str
    empty_place: str


def _photo(store: Store, home: Home, folder: Path, visit_id: str, seed: int, **fields: Any):
    path = make_jpeg(
        folder / f"photo-{seed}.jpg", (480, 320) if seed % 2 else (300, 420), seed=seed
    )
    report = photos.import_photos(store, visit_id, [path], workers=1)
    row = report.imported[0]
    if fields:
        row = store.update("photo", row["id"], fields)
    return row


@pytest.fixture(scope="module")
def mission(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mission]:
    """Two régions; in Auvergne-Rhône-Alpes (84): accents everywhere, people who refused,
    a visit without notes, a place without visits, a draft visit, a missing photo."""
    root = tmp_path_factory.mktemp("reports")
    home = Home(root / "home").ensure()
    store = Store.open(home, user="chloe", clock=FakeClock())
    src = root / "src"
    src.mkdir()
    fabrique = store.create_place(
        name="La Fabrique Écolière",
        kind="fablab",
        postcode="69007",
        commune="Lyon",
        address="12 rue de l’Épée",
        description=f"Un lieu où l’on répare : {FRENCH_SAMPLE}",
    )
    cafe = store.create_place(
        name="Le Café Numérique", kind="coworking", postcode="38000", commune="Grenoble"
    )
    empty = store.create_place(
        name="Atelier des Œuvres", kind="shared_workshop", postcode="38130", commune="Échirolles"
    )
    brest = store.create_place(
        name="La Cantine Brestoise", kind="coworking", postcode="29200", commune="Brest"
    )
    visit = store.create_visit(
        fabrique["id"],
        visited_on="2026-03-12",
        visitors="Chloé Mercier, Paul Durand",
        status="final",
        summary="Très bonne visite.",
        notes=(
            "Premier paragraphe des notes.\nUne ligne de plus.\n\n"
            "Deuxième paragraphe où Marie-Claire Le Goff explique tout ; Mme Le Goff insiste."
        ),
    )
    quiet = store.create_visit(
        fabrique["id"], visited_on="2026-05-20", visitors="Paul Durand", status="final"
    )
    draft = store.create_visit(
        cafe["id"],
        visited_on="2026-04-02",
        visitors="Paul Durand",
        status="draft",
        notes="Visite en cours de rédaction.",
    )
    store.create_visit(brest["id"], visited_on="2026-06-01", status="final", notes="Brest.")
    store.create_interview(
        visit["id"],
        person_name="Marie-Claire Le Goff",
        role="user",
        organisation="Association Les Amis du Lieu",
        consent="refused",
        notes="Marie-Claire Le Goff vient ici chaque semaine.",
        quotes="On se sent chez soi.\n\nC’est marie-claire le goff qui l’a dit.",
    )
    store.create_interview(
        visit["id"],
        person_name="Jean Dupont",
        role="elected_official",
        organisation="Mairie de Lyon",
        consent="given",
        notes="Adjoint au maire. Il a croisé Anne Quéméneur.",
        quotes="« Un lieu essentiel »",
    )
    store.create_interview(
        quiet["id"],
        person_name="Anne Quéméneur",
        role="manager",
        organisation="SCIC La Fabrique",
        consent="given",
        pseudonymise=True,
        notes="Anne Quemeneur gère le lieu depuis 2019.",
    )
    store.create_interview(
        draft["id"], person_name="Bertrand Kerhervé", role="partner", consent="not_asked"
    )
    chosen = [
        _photo(store, home, src, visit["id"], 1, caption="La grande salle, côté atelier"),
        _photo(store, home, src, visit["id"], 2, caption="L’entrée"),
        _photo(store, home, src, visit["id"], 3, caption="Hors rapport", in_report=False),
        _photo(store, home, src, quiet["id"], 4, caption="Les machines"),
        _photo(store, home, src, draft["id"], 5, caption="Le comptoir du café"),
    ]
    lost = _photo(store, home, src, quiet["id"], 6, caption="Photo perdue")
    photos.blob_path(home, lost["blob"]).unlink()
    for kind in ("thumb", "report"):
        photos.derivative_path(home, lost["blob"], kind).unlink(missing_ok=True)
    in_report = sum(1 for p in chosen if p["in_report"])
    yield Mission(home, store, in_report, lost["original_name"], cafe["name"], empty["name"])
    store.close()


@pytest.fixture(scope="module")
def report(mission: Mission, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("out") / "rapport-84.pdf"
    return build_region_report(mission.store, "84", out, OPTIONS)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def all_text(path: Path) -> str:
    return "\n".join(page_texts(path))


def outline_titles(path: Path) -> list[str]:
    titles: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(PdfReader(path).outline)
    return titles


def image_xobjects(path: Path) -> set[int]:
    """Distinct embedded raster images, by PDF object number."""
    seen: set[int] = set()
    for page in PdfReader(path).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                seen.add(ref.idnum)
    return seen


# -- content -----------------------------------------------------------------------------


def test_region_and_place_names_with_accents_are_in_the_text(report):
    text = all_text(report.path)
    for expected in (
        "Auvergne-Rhône-Alpes",
        "La Fabrique Écolière",
        "Le Café Numérique",
        "Atelier des Œuvres",
        "Échirolles",
        "12 rue de l’Épée",
        "« Un lieu essentiel »",
        FRENCH_SAMPLE,
        "15 octobre 2026",
        "Chloé Mercier",
    ):
        assert expected in text, expected
    assert "La Cantine Brestoise" not in text  # another région


def test_every_french_character_has_a_glyph_in_the_embedded_fonts():
    for name in ("DejaVuSerif.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif-Italic.ttf"):
        face = TTFont("probe", str(resource_path("fonts", name))).face
        missing = [
            ch for ch in FRENCH_SAMPLE + "ÉÈÊÀÇŒàâîïôûùüÿ·n°" if ord(ch) not in face.charToGlyph
        ]
        assert missing == [], name
    assert resource_path("fonts", "LICENSE-DejaVu.txt").is_file()


def test_fonts_are_embedded(report):
    reader = PdfReader(report.path)
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSerif", "DejaVuSans", "DejaVuSans-Bold"} <= embedded


def test_page_count_agrees_with_page_x_of_y_on_every_page(report):
    texts = page_texts(report.path)
    total = len(texts)
    assert report.pages == total >= 5
    for number, text in enumerate(texts, start=1):
        assert f"page {number} / {total}" in text
        assert "Région Auvergne-Rhône-Alpes" in text  # the header


def test_summary_contents_and_sections(report):
    texts = page_texts(report.path)
    assert "Synthèse" in texts[1] and "Carte des lieux" in texts[1]  # the map: first page
    summary = texts[1] + texts[2]
    assert "Visites par département" in summary and "Entretiens par rôle" in summary
    contents_page = next(i for i, t in enumerate(texts) if "Sommaire" in t)
    contents = PdfReader(report.path).pages[contents_page].extract_text(extraction_mode="layout")
    place_page = next(i for i, t in enumerate(texts, 1) if "Adresse" in t and "Écolière" in t)
    # The contents line of the place ends with the page it is on.
    assert re.search(rf"La Fabrique Écolière — Lyon[ .]*{place_page}\n", contents)
    assert re.search(rf"Éléments manquants[ .]*{len(texts)}\n", contents)
    titles = outline_titles(report.path)
    assert {"Synthèse", "Isère (38)", "Rhône (69)", "Lyon", "La Fabrique Écolière"} <= set(titles)


def test_notes_keep_their_paragraphs_and_quotes_are_set_apart(report):
    text = all_text(report.path)
    assert "Premier paragraphe des notes.\nUne ligne de plus." in text
    assert "« On se sent chez soi. »" in text


# -- consent -------------------------------------------------------------------------------


def test_pseudonymised_names_appear_nowhere(report):
    reader = PdfReader(report.path)
    texts = page_texts(report.path)
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    titles = " ".join(outline_titles(report.path))
    for person in HIDDEN_PEOPLE:
        for part in [person, *person.replace("-", " ").split()]:
            if len(part) < 3:
                continue
            for number, text in enumerate(texts, 1):
                assert part.casefold() not in text.casefold(), (part, number)
            assert part not in metadata and part not in titles
    joined = "\n".join(texts)
    assert "Usager·ère n° 1" in joined
    assert "Gestionnaire n° 1 gère le lieu" in joined  # the name in her notes, accents aside
    assert "Il a croisé Gestionnaire n° 1" in joined  # and in someone else's notes
    assert "Mme Usager·ère n° 1 insiste" in joined  # "Le Goff" with its particle
    assert "Jean Dupont" in joined  # consent given: named


def test_a_refusal_hides_the_person_in_every_interview():
    interviews = [
        {
            "id": "a",
            "visit_id": "v1",
            "person_name": "Léa Roux",
            "role": "user",
            "consent": "given",
        },
        {
            "id": "b",
            "visit_id": "v1",
            "person_name": "Paul Nguyen",
            "role": "partner",
            "consent": "given",
        },
        {
            "id": "c",
            "visit_id": "v2",
            "person_name": "LEA ROUX",
            "role": "user",
            "consent": "refused",
        },
        {"id": "d", "visit_id": "v2", "person_name": "", "role": "user", "consent": "not_asked"},
    ]
    names = Pseudonymiser.for_interviews(interviews)
    assert names.is_hidden(interviews[0]) and names.is_hidden(interviews[2])
    assert not names.is_hidden(interviews[1])
    assert names.label(interviews[0]) == names.label(interviews[2]) == "Usager·ère n°1"
    assert names.label(interviews[3]) == "Usager·ère n°2"
    # The full name, in any case, everywhere; the surname alone only in her own visits.
    assert names.scrub("Léa Roux et lea roux, puis Mme Roux.") == (
        "Usager·ère n°1 et Usager·ère n°1, puis Mme Roux."
    )
    assert names.scrub("Léa Roux et lea roux, puis Mme Roux.", visit_id="v2") == (
        "Usager·ère n°1 et Usager·ère n°1, puis Mme Usager·ère n°1."
    )
    assert names.scrub("Paul Nguyen, Rouxel", visit_id="v1") == "Paul Nguyen, Rouxel"
    # A first name alone only in her own visit's text: elsewhere it is as likely someone
    # else's (a colleague, another Léa).
    assert names.scrub("Léa est venue.") == "Léa est venue."
    assert names.scrub("Léa est venue.", interview=interviews[2]) == "Usager·ère n°1 est venue."
    # Mission staff lists lose only full names (a visitor may share a surname).
    assert (
        names.scrub("Léa Roux, Marc Roux", visit_id="v2", full_names_only=True)
        == "Usager·ère n°1, Marc Roux"
    )


# -- photos ---------------------------------------------------------------------------------


def test_embedded_images_match_the_photos_marked_for_the_report(report, mission: Mission):
    assert len(image_xobjects(report.path)) == mission.photos_in_report == report.photos
    text = all_text(report.path)
    assert "La grande salle, côté atelier" in text
    assert "Hors rapport" not in text


def test_missing_photo_gives_a_placeholder_and_is_listed_at_the_end(report, mission: Mission):
    texts = page_texts(report.path)
    assert [m.original_name for m in report.missing_photos] == [mission.missing_name]
    # The truth: the file is not on this laptop; no promise that a sync brings it back.
    assert [m.kind for m in report.missing_photos] == ["absent"]
    assert any(
        "Photo non disponible sur ce portable" in t and mission.missing_name in t for t in texts
    )
    assert "Éléments manquants" in texts[-1] and "Photo perdue" in texts[-1]
    assert "fichier absent de ce portable" in " ".join(texts[-1].split())
    assert "1 photo retenue pour le rapport n’a pas pu être reproduite" in " ".join(
        texts[-1].split()
    )
    assert not any("synchronisation" in t.lower() for t in texts)


def test_an_unreadable_photo_file_is_called_unreadable(mission: Mission, tmp_path: Path):
    lost = mission.store.conn.execute(
        "SELECT blob FROM photos WHERE original_name = ?", (mission.missing_name,)
    ).fetchone()[0]
    home = mission.store.home
    assert home is not None
    damaged = photos.blob_path(home, lost)
    damaged.write_bytes(b"not a JPEG at all")
    try:
        options = ReportOptions(printed_on=PRINTED)
        result = build_region_report(mission.store, "84", tmp_path / "r.pdf", options)
    finally:
        damaged.unlink()  # the module's mission keeps its missing photo for the other tests
    assert [m.kind for m in result.missing_photos] == ["unreadable"]
    texts = page_texts(result.path)
    assert any("Photo illisible" in t for t in texts)
    assert "fichier illisible" in " ".join(texts[-1].split())


def test_photos_left_out(mission: Mission, tmp_path: Path):
    options = ReportOptions(printed_on=PRINTED, include_photos=False)
    result = build_region_report(mission.store, "84", tmp_path / "r.pdf", options)
    assert image_xobjects(result.path) == set()
    assert result.photos == 0 and result.missing_photos == []
    text = all_text(result.path)
    assert "Édition sans photos" in text
    assert "non reproduites dans cette édition" in text


def test_screen_quality_is_lighter_and_still_deterministic(report, mission: Mission, tmp_path):
    options = ReportOptions(printed_on=PRINTED, photo_quality="screen", author="Chloé Mercier")
    first = build_region_report(mission.store, "84", tmp_path / "a.pdf", options)
    second = build_region_report(mission.store, "84", tmp_path / "b.pdf", options)
    assert first.path.read_bytes() == second.path.read_bytes()
    assert len(image_xobjects(first.path)) == mission.photos_in_report
    assert first.size_bytes < report.size_bytes


# -- robustness and options -------------------------------------------------------------------


def test_two_builds_are_byte_identical(report, mission: Mission, tmp_path: Path):
    again = build_region_report(mission.store, "84", tmp_path / "again.pdf", OPTIONS)
    assert again.path.read_bytes() == report.path.read_bytes()


def test_visit_without_notes_and_place_without_visits_still_give_a_report(report, mission):
    text = all_text(report.path)
    assert "Visite du 20 mai 2026" in text
    assert "Visite du 20 mai 2026\nVisiteurs : Paul Durand\nPas de notes pour cette visite." in text
    assert mission.empty_place in text
    assert "Aucune visite sur la période." in text


def test_a_bare_region_still_gives_a_report(tmp_path: Path, clock: FakeClock):
    store = Store.memory(clock=clock)  # no photo store at all
    place = store.create_place(name="Tiers-lieu d’Ajaccio", postcode="20000", commune="Ajaccio")
    visit = store.create_visit(place["id"], visited_on="2026-02-02", status="final")
    store.create("photo", {"visit_id": visit["id"], "blob": "a" * 64, "caption": "Sans fichier"})
    result = build_region_report(store, "94", tmp_path / "corse.pdf", OPTIONS)
    text = all_text(result.path)
    assert "Pas de notes pour cette visite." in text
    assert "Tiers-lieu d’Ajaccio" in text and "Corse" in text
    assert len(result.missing_photos) == 1 and "Éléments manquants" in text
    empty = build_region_report(store, "11", tmp_path / "idf.pdf", OPTIONS)
    assert "aucune visite enregistrée" in all_text(empty.path)


def test_drafts_can_be_left_out(mission: Mission, tmp_path: Path):
    options = ReportOptions(printed_on=PRINTED, include_drafts=False)
    result = build_region_report(mission.store, "84", tmp_path / "final.pdf", options)
    text = all_text(result.path)
    assert result.visits == 2
    assert "(brouillon)" not in text and "Visite en cours de rédaction." not in text
    assert "Le comptoir du café" not in text
    assert "visites validées seulement" in text
    assert mission.draft_place in text  # the place stays, with no visit
    with_drafts = all_text(
        build_region_report(mission.store, "84", tmp_path / "all.pdf", OPTIONS).path
    )
    assert "Visite du 2 avril 2026 (brouillon)" in with_drafts


def test_date_range(mission: Mission, tmp_path: Path):
    options = ReportOptions(printed_on=PRINTED, date_from="2026-04-01", date_to="2026-04-30")
    result = build_region_report(mission.store, "84", tmp_path / "avril.pdf", options)
    text = all_text(result.path)
    assert result.visits == 1
    assert "du 1er avril 2026 au 30 avril 2026" in text
    assert "Visite du 12 mars 2026" not in text


@pytest.mark.parametrize(
    ("options", "field"),
    [
        (ReportOptions(date_from="2026-13-01"), "date_from"),
        (ReportOptions(date_from="2026-05-01", date_to="2026-04-01"), "date_to"),
        (ReportOptions(photo_quality="poster"), "photo_quality"),
    ],
)
def test_bad_options_are_refused_and_write_nothing(mission, tmp_path, options, field):
    with pytest.raises(ValidationError) as info:
        build_region_report(mission.store, "84", tmp_path / "x.pdf", options)
    assert info.value.field == field
    assert list(tmp_path.iterdir()) == []


def test_unknown_region_is_refused(mission: Mission, tmp_path: Path):
    with pytest.raises(ValidationError, match="Unknown région"):
        build_region_report(mission.store, "99", tmp_path / "x.pdf", OPTIONS)


def test_progress_and_cancel(mission: Mission, tmp_path: Path):
    seen: list[float] = []
    build_region_report(
        mission.store, "84", tmp_path / "ok.pdf", OPTIONS, progress=lambda f, _: seen.append(f)
    )
    assert seen[-1] == 1.0 and seen == sorted(seen) and len(seen) > 5
    calls = iter(range(1000))
    with pytest.raises(ReportCancelled):
        build_region_report(
            mission.store,
            "84",
            tmp_path / "cancelled.pdf",
            OPTIONS,
            cancelled=lambda: next(calls) > 20,  # cancelled during the layout
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.pdf"]  # no partial file


def test_all_regions_and_the_national_summary(mission: Mission, tmp_path: Path):
    result = build_all_reports(mission.store, tmp_path, OPTIONS)
    assert [r.region for r in result.regions] == ["84", "53"]  # by name: Auvergne, Bretagne
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([region_filename("84"), region_filename("53"), NATIONAL_FILENAME])
    national = all_text(tmp_path / NATIONAL_FILENAME)
    assert "Synthèse nationale" in national
    assert "Auvergne-Rhône-Alpes" in national and "Bretagne" in national
    assert "Visites par région" in national
    # Then the map of France and the territorial figures (tests/test_reports_maps.py).
    assert "Lieux recensés par région" in national and "Chiffres territoriaux" in national
    assert re.search(r"page 1 / \d", national)


# -- CLI ----------------------------------------------------------------------------------------


def test_cli_one_region(mission: Mission, tmp_path: Path):
    out = tmp_path / "aura.pdf"
    result = CliRunner().invoke(
        main,
        [
            "--home",
            str(mission.home.root),
            "report",
            "--region",
            "84",
            "-o",
            str(out),
            "--printed-on",
            "2026-10-15",
            "--author",
            "Chloé Mercier",
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output and "1 photo missing" in result.output
    text = all_text(out)
    assert "Auvergne-Rhône-Alpes" in text and "15 octobre 2026" in text
    by_name = tmp_path / "by-name.pdf"
    result = CliRunner().invoke(
        main,
        [
            "--home",
            str(mission.home.root),
            "report",
            "--region",
            "auvergne rhone alpes",
            "-o",
            str(by_name),
            "--no-photos",
            "--no-drafts",
            "--photo-quality",
            "screen",
        ],
    )
    assert result.exit_code == 0, result.output
    assert image_xobjects(by_name) == set()


def test_cli_all_regions(mission: Mission, tmp_path: Path):
    result = CliRunner().invoke(
        main, ["--home", str(mission.home.root), "report", "--all", "--out-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / NATIONAL_FILENAME).is_file()
    assert (tmp_path / region_filename("53")).is_file()
    assert result.output.count("wrote ") == 3


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        ([], "either --region CODE or --all", 2),
        (["--region", "84", "--all"], "either --region CODE or --all", 2),
        (["--all", "-o", "x.pdf"], "use --out-dir with --all", 2),
        (["--region", "84", "-o", "x.txt"], "must end in .pdf", 2),
        (["--region", "Atlantide", "-o", "x.pdf"], "Unknown région 'Atlantide'", 1),
        (["--region", "84", "-o", "x.pdf", "--from", "hier"], "not a valid date", 1),
        (["--region", "84", "-o", "x.pdf", "--printed-on", "31/12/2026"], "not a valid date", 1),
        (
            ["--region", "84", "-o", "x.pdf", "--from", "2026-05-01", "--to", "2026-04-01"],
            "ends (2026-04-01) before it starts",
            1,
        ),
        (["--region", "84", "-o", "x.pdf", "--photo-quality", "poster"], "poster", 2),
    ],
)
def test_cli_bad_input(mission: Mission, tmp_path: Path, monkeypatch, args, message, code):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--home", str(mission.home.root), "report", *args])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_all_regions_with_no_visit_gives_only_the_national_summary(tmp_path: Path, clock):
    store = Store.memory(clock=clock)
    store.create_place(name="Le Tiers-Lieu Oublié", postcode="75011", commune="Paris")
    result = build_all_reports(store, tmp_path, OPTIONS)
    assert result.regions == [] and [p.name for p in tmp_path.iterdir()] == [NATIONAL_FILENAME]
    text = all_text(result.national.path)
    assert "aucune visite enregistrée" in text and "Total" in text
    cli = CliRunner().invoke(
        main, ["--home", str(tmp_path / "h"), "report", "--all", "--out-dir", str(tmp_path / "cli")]
    )
    assert cli.exit_code == 0, cli.output
    assert "only the national summary was made" in cli.output


# -- typography and fonts (issue 13) -----------------------------------------------------------

FRENCH_PUNCTUATION = "lorem : ipsum ; « dolor » sit ! amet ? l'atelier n°3 "


def _every_font(path: Path) -> dict[str, Any]:
    """Every font dictionary the PDF uses, pages, forms and charts included."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    found: dict[str, Any] = {}
    seen: set[tuple[int, int]] = set()

    def walk(obj: Any) -> None:
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                return
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            if obj.get("/Type") == "/Font":
                found[str(obj.get("/BaseFont"))] = obj
            for key, value in obj.items():
                if key != "/Parent":
                    walk(value)
        elif isinstance(obj, ArrayObject):
            for value in obj:
                walk(value)

    for page in PdfReader(path).pages:
        walk(page.get("/Resources"))
    return found


def _is_embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.fixture(scope="module")
def wordy_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A région whose notes are full of French punctuation, in paragraphs of every length."""
    root = tmp_path_factory.mktemp("wordy")
    home = Home(root / "home").ensure()
    store = Store.open(home, user="chloe", clock=FakeClock())
    for i in range(6):
        place = store.create_place(
            name=f"Tiers-lieu {i}", kind="coworking", postcode="29200", commune="Brest"
        )
        notes = "\n\n".join(
            " ".join(f"mot{'x' * ((i * 7 + j * 3 + k) % 9)}" for k in range(j % 5 + 1))
            + " "
            + FRENCH_PUNCTUATION * (j % 4 + 1)
            for j in range(40)
        )
        store.create_visit(
            place["id"], visited_on=f"2026-05-{i + 1:02d}", visitors="Anne", notes=notes
        )
    out = root / "wordy.pdf"
    build_region_report(store, "53", out, OPTIONS)
    store.close()
    return out


def test_no_line_starts_with_french_closing_punctuation(report, wordy_report, mission, tmp_path):
    build_all_reports(mission.store, tmp_path, OPTIONS)
    pdfs = [report.path, wordy_report, tmp_path / NATIONAL_FILENAME]
    lines = [line for pdf in pdfs for text in page_texts(pdf) for line in text.splitlines()]
    assert len(lines) > 500
    starts = [ln for ln in lines if ln.lstrip()[:1] in (":", ";", "!", "?", "»")]
    ends = [ln for ln in lines if ln.rstrip().endswith("«")]
    assert starts == [] and ends == []
    text = "\n".join(lines)
    # (The embedded subset draws U+00A0 with the space's code: pypdf reads a space back.)
    assert "Période couverte : du" in text
    assert "« dolor » sit ! amet ? l’atelier n° 3" in text
    assert "l'atelier" not in text


def test_every_font_in_every_report_is_embedded(report, wordy_report, mission, tmp_path):
    build_all_reports(mission.store, tmp_path, OPTIONS)
    for pdf in [report.path, wordy_report, *tmp_path.glob("*.pdf")]:
        fonts = _every_font(pdf)
        assert fonts, pdf
        assert not [name for name, font in fonts.items() if not _is_embedded(font)], pdf
        assert not any("Helvetica" in name for name in fonts), pdf


def test_the_summary_says_interviews_by_role_once(report):
    summary = page_texts(report.path)[1]
    assert summary.count("Entretiens par rôle") == 1


# -- paragraphs and headings longer than the room left (issue 23) ------------------------------


def test_paragraphs_and_headings_split_across_pages(tmp_path: Path, clock: FakeClock):
    """A paragraph split across pages is rebuilt by ReportLab from its fragments (no text):
    the demo mission's Île-de-France crashed there. A place name too long for one page
    splits as a heading: one bookmark, one contents line, every word printed."""
    store = Store.open(Home(tmp_path / "home").ensure(), user="chloe", clock=clock)
    long_name = "Le Tiers-Lieu " + " ".join(f"nom{i}" for i in range(900)) + " FINDUNOM"
    place = store.create_place(name=long_name, kind="fablab", postcode="75011", commune="Paris")
    notes = " ".join(f"mot{i} : l'atelier" for i in range(1500)) + " FINDESNOTES"
    store.create_visit(place["id"], visited_on="2026-05-04", visitors="Anne", notes=notes)
    result = build_region_report(store, "11", tmp_path / "r.pdf", OPTIONS)
    text = all_text(result.path)
    assert "FINDESNOTES" in text and "FINDUNOM" in text
    assert "mot1499 : l’atelier" in text  # typeset before the split, kept after it
    titles = outline_titles(result.path)
    assert sum(1 for t in titles if t.startswith("Le Tiers-Lieu nom0")) == 1
    assert result.pages > 4


def test_a_photo_caption_longer_than_a_page_splits_with_its_row(tmp_path: Path, clock: FakeClock):
    """Found by the property test (issue 23): the photo grid's row of a caption taller than
    the frame raised LayoutError, and the région's report was not built."""
    store = Store.open(Home(tmp_path / "home").ensure(), user="chloe", clock=clock)
    place = store.create_place(name="La Cantine", postcode="29200", commune="Brest")
    visit = store.create_visit(place["id"], visited_on="2026-05-04", visitors="Anne")
    caption = " ".join(f"légende{i}" for i in range(1200)) + " FINDELALEGENDE"
    imported = photos.import_photos(
        store, visit["id"], [make_jpeg(tmp_path / "a.jpg", seed=1)], caption=caption
    )
    assert len(imported.imported) == 1
    result = build_region_report(store, "53", tmp_path / "r.pdf", OPTIONS)
    text = all_text(result.path)
    assert "FINDELALEGENDE" in text and result.photos == 1
    store.close()


def test_a_person_hidden_outside_the_report_is_hidden_in_it(tmp_path: Path, clock: FakeClock):
    """Found by the property test (issue 23): a refusal in another région, or in a draft
    left out of the report, hid the person only where that interview was printed."""
    store = Store.open(Home(tmp_path / "home").ensure(), user="chloe", clock=clock)
    brest = store.create_place(name="La Cantine", postcode="29200", commune="Brest")
    lyon = store.create_place(name="La Fabrique", postcode="69007", commune="Lyon")
    far = store.create_visit(brest["id"], visited_on="2026-05-04", status="final")
    store.create_interview(far["id"], person_name="Zéphirin Quatrebarbes", consent="refused")
    draft = store.create_visit(lyon["id"], visited_on="2026-05-05", status="draft")
    store.create_interview(draft["id"], person_name="Maëlys Rocheteau", consent="refused")
    final = store.create_visit(
        lyon["id"],
        visited_on="2026-05-06",
        status="final",
        notes="Zéphirin Quatrebarbes et Maëlys Rocheteau sont passés.",
    )
    store.create_interview(final["id"], person_name="Maëlys Rocheteau", consent="given")
    options = ReportOptions(printed_on=PRINTED, include_drafts=False)
    text = all_text(build_region_report(store, "84", tmp_path / "r.pdf", options).path)
    assert "Quatrebarbes" not in text and "Rocheteau" not in text
    assert "Entretien — Autre n° 1" in text  # her own interview, pseudonymised
    assert "Autre n° 2 et Autre n° 1 sont passés" in text  # he comes after her
    store.close()


def test_a_paragraph_wrapped_again_at_the_same_width_reuses_its_lines():
    """ReportLab wraps a paragraph several times at one width (keep-together groups, then
    the frame); the lines are broken once per width."""
    from fieldkit.reports.document import Paragraph, make_styles

    paragraph = Paragraph("mot " * 400, make_styles()["body"])
    width, height = paragraph.wrap(300, 1000)
    lines = paragraph.blPara
    assert paragraph.wrap(300, 50) == (width, height) and paragraph.blPara is lines
    narrower = paragraph.wrap(200, 1000)
    assert narrower[1] > height and paragraph.blPara is not lines
    assert paragraph.wrap(300, 1000) == (width, height)
