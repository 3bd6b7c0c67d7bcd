"""A realistic, deterministic demo mission: ``fieldkit demo`` and the GUI's demo button.

Places with French names spread over the 13 metropolitan régions, in real communes with
matching postcodes; visits with notes of a few paragraphs; interviews covering every role
and consent state; photos that are real JPEGs (Pillow) with EXIF date and GPS, imported
through :func:`fieldkit.photos.import_photos` like any other photo.

The same seed gives the same mission, ids included, so screenshots, tests and benchmarks
see the same data. Records go through the ordinary :class:`~fieldkit.store.Store` API
(envelope, validation, outbox and search index all as for a person's edits) inside one
transaction, which is what makes the benchmark size (21,800 records) take seconds.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldkit import demo_data as words
from fieldkit import geo
from fieldkit.errors import FieldKitError, ValidationError
from fieldkit.resources import resource_path
from fieldkit.store import CONSENT_STATES, INTERVIEW_ROLES, Store

Progress = Callable[[int, int], None]

METROPOLITAN_REGIONS = (
    "11",
    "24",
    "27",
    "28",
    "32",
    "44",
    "52",
    "53",
    "75",
    "76",
    "84",
    "93",
    "94",
)
DEFAULT_SIZES = {"places": 60, "visits": 150, "interviews": 400, "photos": 40}
BENCHMARK_SIZES = {"places": 1800, "visits": 5000, "interviews": 15000, "photos": 0}
DEFAULT_SEED = 2026
PHOTOS_PER_VISIT = 4

# Visits happen in the year before mid-October 2026 (the tests' fixed clock).
FIRST_VISIT_DAY = dt.date(2025, 10, 1)
VISIT_SPAN_DAYS = 375


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`build_demo` added."""

    places: int
    visits: int
    interviews: int
    photos: int
    seed: int
    seconds: float


class DemoError(FieldKitError):
    code = "demo"


class DemoCancelled(DemoError):
    code = "cancelled"


def build_demo(
    store: Store,
    *,
    places: int = DEFAULT_SIZES["places"],
    visits: int = DEFAULT_SIZES["visits"],
    interviews: int = DEFAULT_SIZES["interviews"],
    photos: int = DEFAULT_SIZES["photos"],
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Fill ``store`` with a demo mission; returns how many records of each kind it made.

    ``progress(done, total)`` is called as records are written (from this thread).
    Places, visits and interviews are written in one transaction; photos are imported
    afterwards, one visit at a time, through the photo importer. Raises DemoError when
    this seed's mission is already in the database (ids are derived from the seed).

    ``cancelled()`` is polled as records are made: while places, visits and interviews
    are written, cancelling raises DemoCancelled and nothing is kept; once they are
    written, it stops the photo import and the summary counts the photos imported.
    """
    started = time.perf_counter()
    _check_sizes(store, places, visits, interviews, photos)
    builder = _Builder(seed)
    total = places + visits + interviews + photos
    done = 0

    def tick(n: int = 1) -> None:
        nonlocal done
        done += n
        if done % 200 == 0 or done == total or n > 1:
            if progress is not None:
                progress(done, total)
            if cancelled is not None and cancelled() and done < places + visits + interviews:
                raise DemoCancelled("Demo mission cancelled; nothing was added.")

    first_id = builder.peek_id()
    if store.get("place", first_id, include_deleted=True) is not None:
        raise DemoError(
            f"The demo mission with seed {seed} is already in this database; "
            "use another --seed or a fresh --home.",
            code="demo_present",
            seed=seed,
        )
    visit_rows: list[dict[str, Any]] = []
    # One transaction; each kind checked record by record, then written in bulk
    # (Store.create_many: insert_all, outbox entries and search index included).
    with store.transaction():
        place_items = []
        for i in range(places):
            place_items.append((builder.next_id(), builder.place(i)))
            tick()
        place_rows = store.create_many("place", place_items)
        visit_items, visit_places = [], []
        for i in range(visits):
            place = place_rows[i] if i < places else builder.rng.choice(place_rows)
            visit_items.append((builder.next_id(), builder.visit(place)))
            visit_places.append(place)
            tick()
        for record, place in zip(
            store.create_many("visit", visit_items), visit_places, strict=True
        ):
            visit_rows.append({**record, "_place": place})
        interview_items = []
        for i in range(interviews):
            visit = visit_rows[i % visits] if i < visits else builder.rng.choice(visit_rows)
            interview_items.append(
                (builder.next_id(), builder.interview(i, visit, visit["_place"]))
            )
            tick()
        store.create_many("interview", interview_items)
    made_photos = 0
    if photos:
        made_photos = _add_photos(store, builder, visit_rows, photos, tick, cancelled)
    return DemoSummary(
        places, visits, interviews, made_photos, seed, round(time.perf_counter() - started, 3)
    )


def _check_sizes(store: Store, places: int, visits: int, interviews: int, photos: int) -> None:
    for name, value in (
        ("places", places),
        ("visits", visits),
        ("interviews", interviews),
        ("photos", photos),
    ):
        if value < 0:
            raise ValidationError(name, f"--{name} must be 0 or more (got {value}).")
    if visits and not places:
        raise ValidationError("visits", "Visits need at least one place (--places).")
    if (interviews or photos) and not visits:
        raise ValidationError("visits", "Interviews and photos need at least one visit (--visits).")
    if photos and store.home is None:
        raise ValidationError(
            "photos", "Demo photos need a data directory (not an in-memory store)."
        )


class _Builder:
    """Makes the field values of each record from one seeded random stream."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self._ids = random.Random(f"fieldkit-demo-ids-{seed}")
        self._peeked: str | None = None
        self.regions = [r for r in METROPOLITAN_REGIONS if geo.region(r)]
        by_region: dict[str, list[tuple[str, str, str, float, float]]] = {}
        for row in words.COMMUNES:
            dep = geo.departement(row[0])
            assert dep is not None, row
            by_region.setdefault(dep.region, []).append(row)
        self.communes_by_region = by_region
        self.kinds = list(words.KIND_WEIGHTS)
        self.kind_weights = list(words.KIND_WEIGHTS.values())

    def next_id(self) -> str:
        if self._peeked is not None:
            rid, self._peeked = self._peeked, None
            return rid
        return str(uuid.UUID(int=self._ids.getrandbits(128), version=4))

    def peek_id(self) -> str:
        if self._peeked is None:
            self._peeked = self.next_id()
        return self._peeked

    # -- places ------------------------------------------------------------------------
    def place(self, index: int) -> dict[str, Any]:
        rng = self.rng
        region = self.regions[index % len(self.regions)]  # every région gets places
        dep, commune, postcode, lat, lon = rng.choice(self.communes_by_region[region])
        kind = rng.choices(self.kinds, self.kind_weights)[0]
        base = rng.choice(words.NAME_BASES[kind])
        if rng.random() < 0.5:
            name = f"{base} {rng.choice(words.NAME_QUALIFIERS)}"
        else:
            name = f"{base} {_of(commune)}"
        slug = _slug(name)
        description = rng.choice(words.DESCRIPTIONS).format(
            old=rng.choice(words.OLD_BUILDINGS),
            kind_label=words.KIND_LABELS[kind],
            year=rng.randint(2012, 2024),
        )
        contact = (
            f"contact@{slug}.fr"
            if rng.random() < 0.6
            else f"{self.person()} — 0{rng.randint(1, 7)} {_digits(rng, 4)}"
        )
        return {
            "name": name,
            "kind": kind,
            "address": f"{rng.randint(1, 120)} {rng.choice(words.STREETS)}",
            "postcode": postcode,
            "commune": commune,
            "departement": dep,
            "region": region,
            "latitude": round(lat + rng.uniform(-0.03, 0.03), 6),
            "longitude": round(lon + rng.uniform(-0.03, 0.03), 6),
            "website": f"https://{slug}.fr" if rng.random() < 0.8 else "",
            "contact": contact,
            "description": description,
            "tags": rng.sample(words.PLACE_TAGS, rng.randint(1, 3)),
        }

    def person(self) -> str:
        return f"{self.rng.choice(words.FIRST_NAMES)} {self.rng.choice(words.LAST_NAMES)}"

    # -- visits ------------------------------------------------------------------------
    def visit(self, place: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        day = FIRST_VISIT_DAY + dt.timedelta(days=rng.randrange(VISIT_SPAN_DAYS))
        fill = {
            "place": place["name"],
            "commune": place["commune"],
            "of_commune": _of(place["commune"]),
            "in_commune": _in(place["commune"]),
            "year": rng.randint(2012, 2023),
            "old": rng.choice(words.OLD_BUILDINGS),
        }
        paragraphs = []
        for _ in range(rng.randint(2, 4)):
            sentences = rng.sample(words.NOTE_SENTENCES, rng.randint(2, 4))
            paragraphs.append(" ".join(s.format(**fill) for s in sentences))
        return {
            "place_id": place["id"],
            "visited_on": day.isoformat(),
            "visitors": ", ".join(rng.sample(words.VISITORS, rng.randint(1, 2))),
            "status": "final" if rng.random() < 0.8 else "draft",
            "summary": rng.choice(words.SUMMARIES).format(**fill),
            "notes": "\n\n".join(paragraphs),
            "tags": rng.sample(words.VISIT_TAGS, rng.randint(0, 2)),
        }

    # -- interviews --------------------------------------------------------------------
    def interview(self, index: int, visit: dict[str, Any], place: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        combos = [(r, c) for r in INTERVIEW_ROLES for c in CONSENT_STATES]
        if index < len(combos):  # every role with every consent state, then at random
            role, consent = combos[index]
        else:
            role = rng.choices(INTERVIEW_ROLES, (30, 35, 10, 12, 8, 5))[0]
            consent = rng.choices(CONSENT_STATES, (75, 8, 17))[0]
        last = rng.choice(words.LAST_NAMES)
        name = f"{rng.choice(words.FIRST_NAMES)} {last}"
        org_fill = {
            "region": geo.region_name(place["region"]),
            "commune": place["commune"],
            "last": last,
        }
        if role == "manager":
            organisation = place["name"]
        elif role == "elected_official":
            organisation = f"Mairie {_of(place['commune'])}"
        elif role == "partner":
            organisation = rng.choice(words.PARTNER_ORGS).format(**org_fill)
        elif role == "company":
            organisation = rng.choice(words.COMPANY_ORGS).format(**org_fill)
        elif role == "user":
            organisation = rng.choice(words.USER_ORGS)
        else:
            organisation = ""
        speaker = rng.choice(words.SPEAKERS[role])
        fill = {
            "speaker": speaker,
            "speaker_lc": speaker.lower(),
            "years": rng.randint(1, 9),
            "year_end": rng.randint(2026, 2030),
        }
        sentences = rng.sample(words.INTERVIEW_SENTENCES, rng.randint(2, 4))
        notes = f"{speaker}. " + " ".join(s.format(**fill) for s in sentences)
        return {
            "visit_id": visit["id"],
            "person_name": name,
            "role": role,
            "organisation": organisation,
            "consent": consent,
            "consent_on": visit["visited_on"] if consent != "not_asked" else None,
            # Without consent the report must not name the person; some who consented
            # still asked to stay anonymous.
            "pseudonymise": consent != "given" or rng.random() < 0.15,
            "notes": notes,
            "quotes": "\n".join(rng.sample(words.QUOTES, rng.randint(0, 2))),
        }


def _add_photos(
    store: Store,
    builder: _Builder,
    visit_rows: list[dict[str, Any]],
    count: int,
    tick: Callable[[int], None],
    cancelled: Callable[[], bool] | None,
) -> int:
    """Make ``count`` JPEGs, a few per visit over visits spread across the list, and import them."""
    from fieldkit.photos import import_photos

    rng = builder.rng
    n_visits = min(len(visit_rows), -(-count // PHOTOS_PER_VISIT))
    stride = max(1, len(visit_rows) // n_visits)
    chosen = [visit_rows[i * stride] for i in range(n_visits)]
    per_visit = -(-count // n_visits)
    made = 0
    with tempfile.TemporaryDirectory(prefix="fieldkit-demo-photos-") as tmp:
        for v_index, visit in enumerate(chosen):
            n = min(per_visit, count - made)
            if n <= 0 or (cancelled is not None and cancelled()):
                break
            place = visit["_place"]
            day = dt.date.fromisoformat(visit["visited_on"])
            paths = []
            captions = []
            for j in range(n):
                caption = words.PHOTO_CAPTIONS[(v_index + j) % len(words.PHOTO_CAPTIONS)]
                taken = dt.datetime.combine(day, dt.time(9 + j, rng.randrange(60)))
                path = Path(tmp) / f"IMG_{v_index:04d}_{j + 1}.jpg"
                demo_jpeg(
                    path,
                    taken_at=taken,
                    latitude=place["latitude"],
                    longitude=place["longitude"],
                    label=f"{place['name']} — {caption}",
                    rng=rng,
                )
                paths.append(path)
                captions.append(caption)
            report = import_photos(store, visit["id"], paths, cancelled=cancelled)
            if report.refused:  # our own JPEGs: a refusal is a bug worth stopping for
                path_text, reason = report.refused[0]
                raise DemoError(f"Demo photo {path_text} was refused: {reason}")
            caption_of = dict(zip((p.name for p in paths), captions, strict=True))
            with store.transaction():  # captions added afterwards, as a person would
                for row in report.imported:
                    store.update("photo", row["id"], {"caption": caption_of[row["original_name"]]})
            made += len(report.imported)
            tick(n)
    return made


def demo_jpeg(
    path: Path,
    *,
    taken_at: dt.datetime,
    latitude: float | None,
    longitude: float | None,
    label: str = "",
    size: tuple[int, int] = (800, 600),
    rng: random.Random | None = None,
) -> Path:
    """Draw a small landscape-ish picture and save it as a JPEG with EXIF date and GPS."""
    from PIL import Image, ImageDraw

    rng = rng or random.Random(0)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    sky = (rng.randint(90, 160), rng.randint(150, 200), rng.randint(210, 250))
    ground = (rng.randint(60, 120), rng.randint(110, 160), rng.randint(40, 80))
    horizon = int(height * rng.uniform(0.55, 0.7))
    for y in range(horizon):  # a sky that lightens towards the horizon
        t = y / max(1, horizon)
        draw.line([(0, y), (width, y)], fill=tuple(int(c + (255 - c) * t * 0.5) for c in sky))
    draw.rectangle([0, horizon, width, height], fill=ground)
    bx, bw = rng.randint(60, width // 2), rng.randint(width // 4, width // 2)
    bh = rng.randint(height // 4, height // 2)
    wall = (rng.randint(170, 230), rng.randint(140, 200), rng.randint(110, 170))
    draw.rectangle([bx, horizon - bh, bx + bw, horizon + 20], fill=wall)
    draw.polygon(
        [(bx - 15, horizon - bh), (bx + bw // 2, horizon - bh - 70), (bx + bw + 15, horizon - bh)],
        fill=(150, 60, 50),
    )
    for wx in range(bx + 20, bx + bw - 40, 60):
        draw.rectangle([wx, horizon - bh + 30, wx + 35, horizon - bh + 75], fill=(60, 80, 110))
    if label:
        draw.rectangle([0, height - 40, width, height], fill=(0, 0, 0))
        font, text = _label_font(label)
        draw.text((12, height - 32), text, fill=(255, 255, 255), font=font)
    exif = Image.Exif()
    stamp = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    exif[0x010F] = "FieldKit"  # Make
    exif[0x0110] = "Demo camera"  # Model
    exif[0x0132] = stamp  # DateTime
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x9003] = stamp  # DateTimeOriginal
    exif_ifd[0x9004] = stamp  # DateTimeDigitized
    if latitude is not None and longitude is not None:
        gps = exif.get_ifd(0x8825)
        gps[0x0000] = b"\x02\x03\x00\x00"  # GPSVersionID
        gps[0x0001] = "N" if latitude >= 0 else "S"
        gps[0x0002] = _dms(abs(latitude))
        gps[0x0003] = "E" if longitude >= 0 else "W"
        gps[0x0004] = _dms(abs(longitude))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85, exif=exif)
    return path


def _label_font(label: str) -> tuple[Any, str]:
    """The shipped DejaVu font when present (every accent renders); else Pillow's own
    font, which has no accents, with the label folded to ASCII."""
    from PIL import ImageFont

    font_path = resource_path("fonts", "DejaVuSans.ttf")
    if font_path.exists():
        return ImageFont.truetype(str(font_path), 20), label
    folded = _ascii(label).replace("’", "'").replace("—", "-")
    return ImageFont.load_default(), folded


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = round((minutes_full - minutes) * 60, 2)
    return (float(degrees), float(minutes), seconds)


def _of(name: str) -> str:
    """« de Béziers », « d’Alès », « du Mans », « des Sables-d’Olonne »."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    first = _ascii(name[:1]).lower()
    if first in "aeiouyh":
        return "d’" + name
    return "de " + name


def _in(name: str) -> str:
    """« à Béziers », « au Mans », « aux Sables-d’Olonne »."""
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _slug(name: str) -> str:
    return "".join(c for c in _ascii(name).lower() if c.isalnum())[:40] or "tiers-lieu"


def _digits(rng: random.Random, pairs: int) -> str:
    return " ".join(f"{rng.randrange(100):02d}" for _ in range(pairs))
