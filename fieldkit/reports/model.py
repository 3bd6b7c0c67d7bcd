"""What a report is asked for (options) and what building one gives back (results)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from fieldkit.errors import FieldKitError, ValidationError

PHOTO_QUALITIES = ("screen", "print")
DEFAULT_MISSION_TITLE = "Étude nationale des tiers-lieux"

# progress(fraction 0..1, what is being done); cancelled() -> True stops the build.
ProgressCallback = Callable[[float, str], None]
CancelCheck = Callable[[], bool]


class ReportCancelled(FieldKitError):
    """The person cancelled the build; no file was written."""

    code = "cancelled"


@dataclass(frozen=True)
class ReportOptions:
    """What to put in a report. Dates are ISO (YYYY-MM-DD), both ends included.

    ``photo_quality``: "print" embeds the report-size derivatives (about 1600 px) as they
    are; "screen" re-encodes them smaller (800 px, JPEG quality 70) for a light file to
    e-mail. ``printed_on`` is the date printed on the cover (today when None; tests fix it
    so that two builds are byte-identical).
    """

    date_from: str | None = None
    date_to: str | None = None
    include_drafts: bool = True
    photo_quality: str = "print"
    include_photos: bool = True
    mission_title: str | None = None
    author: str | None = None
    printed_on: dt.date | None = None

    def validated(self) -> ReportOptions:
        """The same options with dates normalised; ValidationError names what is wrong."""
        dates: dict[str, str | None] = {}
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value in (None, ""):
                dates[name] = None
                continue
            try:
                dates[name] = dt.date.fromisoformat(str(value).strip()).isoformat()
            except ValueError:
                raise ValidationError(
                    name,
                    f"{name}: {value!r} is not a valid date (expected YYYY-MM-DD).",
                    code="bad_date",
                    value=value,
                ) from None
        if dates["date_from"] and dates["date_to"] and dates["date_from"] > dates["date_to"]:
            raise ValidationError(
                "date_to",
                f"The period ends ({dates['date_to']}) before it starts ({dates['date_from']}).",
                code="bad_period",
            )
        if self.photo_quality not in PHOTO_QUALITIES:
            raise ValidationError(
                "photo_quality",
                f"Unknown photo quality {self.photo_quality!r} (one of {', '.join(PHOTO_QUALITIES)}).",
                code="bad_photo_quality",
                value=self.photo_quality,
            )
        return replace(self, date_from=dates["date_from"], date_to=dates["date_to"])


@dataclass(frozen=True)
class MissingPhoto:
    """A photo chosen for the report whose image could not be read."""

    place_name: str
    visited_on: str
    caption: str
    original_name: str
    sha256: str
    reason: str


@dataclass
class ReportResult:
    path: Path
    region: str  # INSEE code, "" for the national summary
    pages: int
    places: int = 0
    visits: int = 0
    interviews: int = 0
    photos: int = 0  # photos embedded
    missing_photos: list[MissingPhoto] = field(default_factory=list)

    @property
    def size_bytes(self) -> int:
        return self.path.stat().st_size


@dataclass
class AllReportsResult:
    regions: list[ReportResult]
    national: ReportResult

    @property
    def paths(self) -> list[Path]:
        return [r.path for r in self.regions] + [self.national.path]
