"""Report benchmarks.

1. One région with 150 visits, 450 interviews and 600 distinct photos: FieldKit's PDF
   build (ReportLab) and, in the same run, the same content written as HTML and rendered
   to PDF by WeasyPrint, the peer a Python team would otherwise pick. Photos are generated
   JPEGs (1024×768, each different) imported through the photo module, so their
   report-size derivatives exist before anything is timed.
2. ``report --all`` (every région and the national summary, issue 23) on the benchmark
   mission times ``FIELDKIT_BENCH_REPORTS_SCALE`` (default 5: 9,000 places, 25,000 visits,
   75,000 interviews, made by ``fieldkit demo``'s generator), with 1 worker process and
   with 2, each PDF compared byte for byte between the two. Targets: ≤ 60 s with 2, and
   ≥ 1.8× faster with 2 than with 1. The machine's load is recorded with each figure: on a
   shared machine the wall time says as much about the neighbours as about the build.

``FIELDKIT_BENCH_REPORTS_PART=all`` runs only the second, ``=region`` only the first.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import random
import resource
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from bench.common import Row, scratch
from fieldkit import demo_data as words
from fieldkit import geo, photos
from fieldkit.demo import BENCHMARK_SIZES, build_demo
from fieldkit.paths import Home
from fieldkit.reports import ReportOptions, build_all_reports, build_region_report
from fieldkit.reports.document import french_date, paragraphs_of
from fieldkit.reports.pseudonyms import ROLE_LABELS, Pseudonymiser, organisation_type
from fieldkit.reports.region import PLACE_KIND_LABELS
from fieldkit.store import CONSENT_STATES, INTERVIEW_ROLES, Store

REGION = "84"  # Auvergne-Rhône-Alpes
PLACES, VISITS, INTERVIEWS, PHOTOS = 50, 150, 450, 600
PHOTO_SIZE = (1024, 768)
SEED = 84
BUILD_RUNS = 3


class _Fill(dict):  # type: ignore[type-arg]
    """Fills the demo sentences' {placeholders} with the place's words."""

    def __missing__(self, key: str) -> str:
        return self.get("place", "le lieu")


def _sentences(rng: random.Random, pool: tuple[str, ...], n: int, fill: _Fill) -> str:
    return " ".join(s.format_map(fill) for s in rng.sample(pool, n))


def _photo(path: Path, rng: random.Random, index: int) -> Path:
    """A distinct picture: sky, ground, a building and the photo's number."""
    w, h = PHOTO_SIZE
    sky = (rng.randrange(90, 160), rng.randrange(150, 210), 235)
    im = Image.linear_gradient("L").resize((w, h)).convert("RGB")
    im = Image.blend(im, Image.new("RGB", (w, h), sky), 0.75)
    draw = ImageDraw.Draw(im)
    ground = h * 2 // 3
    draw.rectangle((0, ground, w, h), fill=(rng.randrange(60, 120), rng.randrange(110, 160), 60))
    x0 = rng.randrange(60, w - 420)
    draw.rectangle(
        (x0, ground - 300, x0 + 360, ground), fill=tuple(rng.randrange(120, 230) for _ in range(3))
    )
    draw.polygon(
        [(x0 - 30, ground - 300), (x0 + 180, ground - 400), (x0 + 390, ground - 300)],
        fill=(150, 50, 40),
    )
    for _ in range(40):  # texture so each JPEG compresses like a photo, not a flat colour
        cx, cy = rng.randrange(w), rng.randrange(h)
        draw.ellipse(
            (cx, cy, cx + rng.randrange(4, 30), cy + rng.randrange(4, 30)),
            fill=tuple(rng.randrange(256) for _ in range(3)),
        )
    draw.text((20, 20), f"photo {index}", fill=(0, 0, 0))
    im.save(path, "JPEG", quality=88)
    return path


def make_region(root: Path) -> Store:
    home = Home(root / "home").ensure()
    store = Store.open(home, user="bench")
    rng = random.Random(SEED)
    communes = [
        c
        for c in words.COMMUNES
        if geo.departement(c[0]) and geo.departement(c[0]).region == REGION
    ]  # type: ignore[union-attr]
    place_rows = []
    with store.transaction():
        for i in range(PLACES):
            dep, commune, postcode, lat, lon = communes[i % len(communes)]
            kind = list(PLACE_KIND_LABELS)[i % len(PLACE_KIND_LABELS)]
            place_rows.append(
                store.create_place(
                    name=f"Tiers-lieu {commune} n°{i + 1}",
                    kind=kind,
                    postcode=postcode,
                    commune=commune,
                    departement=dep,
                    address=f"{rng.randint(1, 99)} {rng.choice(words.STREETS)}",
                    description=rng.choice(words.DESCRIPTIONS).format_map(_Fill(place=commune)),
                )
            )
        visit_rows = []
        for i in range(VISITS):
            place = place_rows[i % PLACES]
            fill = _Fill(place=place["name"], commune=place["commune"])
            notes = "\n\n".join(
                _sentences(rng, words.NOTE_SENTENCES, rng.randint(2, 4), fill) for _ in range(3)
            )
            visit_rows.append(
                store.create_visit(
                    place["id"],
                    visited_on=(dt.date(2025, 10, 1) + dt.timedelta(days=i * 2)).isoformat(),
                    visitors=", ".join(rng.sample(words.VISITORS, 2)),
                    status="final",
                    summary=rng.choice(words.SUMMARIES).format_map(fill),
                    notes=notes,
                )
            )
        for i in range(INTERVIEWS):
            visit = visit_rows[i % VISITS]
            fill = _Fill(place="le lieu", commune="la commune")
            store.create_interview(
                visit["id"],
                person_name=f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}",
                role=INTERVIEW_ROLES[i % len(INTERVIEW_ROLES)],
                organisation=rng.choice(words.PARTNER_ORGS).format_map(fill),
                consent=CONSENT_STATES[i % len(CONSENT_STATES)],
                notes=_sentences(rng, words.INTERVIEW_SENTENCES, 3, fill),
                quotes="\n".join(rng.sample(words.QUOTES, 2)),
            )
    src = root / "src"
    src.mkdir()
    per_visit = PHOTOS // VISITS
    for v_index, visit in enumerate(visit_rows):
        files = [
            _photo(src / f"p{v_index * per_visit + j}.jpg", rng, v_index * per_visit + j)
            for j in range(per_visit)
        ]
        report = photos.import_photos(store, visit["id"], files)
        for j, row in enumerate(report.imported):
            store.update(
                "photo",
                row["id"],
                {"caption": words.PHOTO_CAPTIONS[(v_index + j) % len(words.PHOTO_CAPTIONS)]},
            )
    for row in store.conn.execute("SELECT blob FROM photos"):  # derivatives made before timing
        photos.derivative(home, row[0], "report")
    return store


# -- the same content as HTML, for WeasyPrint ---------------------------------------------

_CSS = """
@page { size: A4; margin: 2.2cm 2cm 2cm 2cm;
  @top-left { content: "Région Auvergne-Rhône-Alpes"; font: bold 8pt 'DejaVu Sans'; }
  @bottom-center { content: "page " counter(page) " / " counter(pages); font: 7.5pt 'DejaVu Sans'; } }
body { font: 9.5pt/13pt 'DejaVu Serif'; }
h1, h2, h3, h4, h5 { font-family: 'DejaVu Sans'; color: #1f5f7a; }
h1 { page-break-before: always; font-size: 17pt; }
.facts { font: 8.5pt 'DejaVu Sans'; }
blockquote { font-style: italic; background: #e8eef1; margin: 4pt 12pt 6pt 18pt; padding: 4pt 6pt; }
table.grid { table-layout: fixed; }
table.grid td { width: 50%; vertical-align: top; border: none; padding: 0 0.25cm 0.2cm 0; }
.grid td > div { page-break-inside: avoid; }
.grid img { max-width: 8.2cm; max-height: 6cm; }
figcaption { font: 7.5pt 'DejaVu Sans'; color: #5b6770; }
table { border-collapse: collapse; font: 8pt 'DejaVu Sans'; width: 100%; }
td, th { border-bottom: 0.25pt solid #e8eef1; text-align: left; padding: 2pt; }
"""


def region_html(store: Store) -> str:
    bundle = store.region_bundle(REGION)
    places = bundle["places"]
    interviews = [iv for p in places for v in p["visits"] for iv in v["interviews"]]
    names = Pseudonymiser.for_interviews(interviews)
    e = html.escape
    out = [f"<html><head><meta charset='utf-8'><style>{_CSS}</style></head><body>"]
    out.append(
        "<section><h2>Étude nationale des tiers-lieux</h2><p>Rapport de visites — Région Auvergne-Rhône-Alpes</p></section>"
    )
    out.append(
        "<h1>Synthèse</h1><table><tr><th>Lieu</th><th>Commune</th><th>Type</th><th>Visites</th></tr>"
    )
    for p in places:
        out.append(
            f"<tr><td>{e(p['name'])}</td><td>{e(p['commune'])}</td><td>{e(PLACE_KIND_LABELS[p['kind']])}</td><td>{len(p['visits'])}</td></tr>"
        )
    out.append("</table>")
    current = None
    for p in places:
        if p["departement"] != current:
            current = p["departement"]
            out.append(f"<h1>{e(geo.departement_name(current))} ({current})</h1>")
        out.append(
            f"<h3>{e(p['name'])}</h3><p class='facts'>{e(p['address'])} {e(p['commune'])}</p>"
        )
        for v in p["visits"]:
            out.append(f"<h4>Visite du {french_date(v['visited_on'])}</h4>")
            out.append(
                f"<p class='facts'>Visiteurs : {e(v['visitors'])}</p><p><b>{e(v['summary'])}</b></p>"
            )
            out += [f"<p>{e(names.scrub(para))}</p>" for para in paragraphs_of(v["notes"])]
            for iv in v["interviews"]:
                who = names.label(iv) if names.is_hidden(iv) else iv["person_name"]
                out.append(
                    f"<h5>Entretien — {e(who)}</h5><p class='facts'>{e(ROLE_LABELS[iv['role']])} · {e(organisation_type(iv))}</p>"
                )
                out.append(f"<p>{e(names.scrub(iv['notes'], interview=iv))}</p>")
                out += [
                    f"<blockquote>« {e(q.strip().strip('«» '))} »</blockquote>"
                    for q in iv["quotes"].splitlines()
                    if q.strip()
                ]
            cells = []
            for ph in v["photos"]:
                src = photos.derivative(store.home, ph["blob"], "report")  # type: ignore[arg-type]
                cells.append(
                    f"<td><div><img src='{src.as_uri()}'>"
                    f"<figcaption>{e(ph['caption'])}</figcaption></div></td>"
                )
            rows = ["<tr>" + "".join(cells[i : i + 2]) + "</tr>" for i in range(0, len(cells), 2)]
            out.append("<table class='grid'>" + "".join(rows) + "</table>")
    out.append("</body></html>")
    return "".join(out)


def run() -> list[Row]:
    part = os.environ.get("FIELDKIT_BENCH_REPORTS_PART", "")
    rows = [] if part == "all" else run_region()
    if part != "region":
        rows += run_all_regions()
    return rows


def _uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load average: {:.2f}, {:.2f}, {:.2f}".format(*os.getloadavg())


def _cpu_seconds() -> float:
    """CPU of this process and of its finished children (the worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_all_regions() -> list[Row]:
    scale = float(os.environ.get("FIELDKIT_BENCH_REPORTS_SCALE", "5"))
    sizes = {k: int(v * scale) for k, v in BENCHMARK_SIZES.items()}
    root = scratch("reports-all")
    started = time.perf_counter()
    store = Store.open(Home(root / "home").ensure(), user="bench")
    build_demo(
        store,
        places=sizes["places"],
        visits=sizes["visits"],
        interviews=sizes["interviews"],
        photos=sizes["photos"],
    )
    setup = time.perf_counter() - started
    options = ReportOptions(printed_on=dt.date(2026, 10, 15), author="Benchmark")
    measured: dict[int, dict[str, Any]] = {}
    for jobs in (1, 2):
        before_load, before_cpu = _uptime(), _cpu_seconds()
        t0 = time.perf_counter()
        result = build_all_reports(store, root / f"jobs-{jobs}", options, jobs=jobs)
        wall = time.perf_counter() - t0
        if result.failures:
            raise RuntimeError(f"reports failed: {result.failures}")
        measured[jobs] = {
            "wall_s": round(wall, 1),
            "cpu_s": round(_cpu_seconds() - before_cpu, 1),
            "reports": len(result.results),
            "pages": sum(r.pages for r in result.results),
            "uptime_before": before_load,
            "uptime_after": _uptime(),
        }
    names = sorted(p.name for p in (root / "jobs-1").glob("*.pdf"))
    identical = all(
        (root / "jobs-1" / n).read_bytes() == (root / "jobs-2" / n).read_bytes() for n in names
    )
    store.close()
    one, two = float(measured[1]["wall_s"]), float(measured[2]["wall_s"])
    speedup = one / two
    label = f"{scale:g}× benchmark mission ({sizes['places']:,} places, {sizes['visits']:,} visits)"
    extra = {
        "sizes": sizes,
        "setup_s": round(setup, 1),
        "byte_identical": identical,
        "cpus": os.cpu_count(),
        "jobs_1": measured[1],
        "jobs_2": measured[2],
    }
    return [
        Row("reports", f"report --all, 1 job, {label}", one, "s", extra=extra),
        Row("reports", f"report --all, 2 jobs, {label}", two, "s", "≤ 60 s", two <= 60, extra),
        Row(
            "reports",
            f"report --all speed-up, 2 jobs ÷ 1 ({scale:g}×)",
            round(speedup, 2),
            "×",
            "≥ 1.8",
            speedup >= 1.8,
            {"byte_identical": identical},
        ),
    ]


def run_region() -> list[Row]:
    root = scratch("reports")
    started = time.perf_counter()
    store = make_region(root)
    setup = time.perf_counter() - started
    options = ReportOptions(printed_on=dt.date(2026, 10, 15), author="Benchmark")
    times = []
    result = None
    cpu_times = []
    for i in range(BUILD_RUNS):
        t0, c0 = time.perf_counter(), time.process_time()
        result = build_region_report(store, REGION, root / f"fieldkit-{i}.pdf", options)
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
    assert result is not None
    fieldkit_s = statistics.median(times)
    screen_t0 = time.perf_counter()
    screen = build_region_report(
        store,
        REGION,
        root / "fieldkit-screen.pdf",
        ReportOptions(printed_on=dt.date(2026, 10, 15), photo_quality="screen"),
    )
    screen_s = time.perf_counter() - screen_t0  # includes making the screen copies once

    import weasyprint  # bench-only dependency (pyproject [bench])

    page = region_html(store)
    t0 = time.perf_counter()
    weasy_doc = weasyprint.HTML(string=page, base_url=str(root)).render()
    weasy_doc.write_pdf(root / "weasyprint.pdf")
    weasy_s = time.perf_counter() - t0
    weasy_mb = (root / "weasyprint.pdf").stat().st_size / 1e6
    speedup = weasy_s / fieldkit_s
    extra = {
        "visits": result.visits,
        "interviews": result.interviews,
        "photos": result.photos,
        "pages": result.pages,
        "runs_s": [round(t, 3) for t in times],
        # CPU seconds of this process, and the machine's load: wall time on a busy
        # machine says more about the neighbours than about the build.
        "cpu_s": [round(t, 3) for t in cpu_times],
        "load_average_1min": round(os.getloadavg()[0], 2),
        "setup_s": round(setup, 1),
    }
    store.close()
    return [
        Row(
            "reports",
            "region PDF build (150 visits, 450 interviews, 600 photos)",
            round(fieldkit_s, 3),
            "s",
            "≤ 5 s",
            fieldkit_s <= 5,
            extra,
        ),
        Row(
            "reports",
            "region PDF size (print quality)",
            round(result.size_bytes / 1e6, 1),
            "MB",
            extra={"pages": result.pages},
        ),
        Row(
            "reports",
            "region PDF build, screen quality (first build)",
            round(screen_s, 3),
            "s",
            extra={"mb": round(screen.size_bytes / 1e6, 1)},
        ),
        Row("reports", "region PDF size (screen quality)", round(screen.size_bytes / 1e6, 1), "MB"),
        Row(
            "reports",
            "same content, WeasyPrint HTML→PDF",
            round(weasy_s, 3),
            "s",
            extra={"mb": round(weasy_mb, 1), "pages": len(weasy_doc.pages)},
        ),
        Row("reports", "speed-up vs WeasyPrint", round(speedup, 1), "×", "≥ 5", speedup >= 5),
    ]
