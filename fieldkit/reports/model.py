"""What a report is asked for (options) and what building one gives back (results)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

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
    kind: str = "absent"  # "absent": no file on this laptop; "unreadable": a file, unread


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


@dataclass(frozen=True)
class ReportFailure:
    """A report that could not be built, and why; the others were built all the same.

    ``message`` is English (CLI, logs); ``code`` and ``params`` let the GUI say it in
    French (as :class:`fieldkit.errors.Problem` does). An error that is not a
    FieldKitError has the code ``unexpected`` and its class in the message.
    """

    region: str  # INSEE code, "" for the national summary
    message: str
    code: str = "unexpected"
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, region: str, exc: BaseException) -> ReportFailure:
        if isinstance(exc, FieldKitError):
            params = {k: v for k, v in exc.params.items() if _plain(v)}
            return cls(region, exc.message, exc.code, params)
        text = str(exc)
        message = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
        return cls(region, message)

    def __str__(self) -> str:
        return self.message


def _plain(value: Any) -> bool:
    """Params that cross a process boundary and print: plain values only."""
    return value is None or isinstance(value, (str, int, float, bool))


@dataclass
class AllReportsResult:
    """What a build of several reports made. ``failures``: the reports that could not be
    built (the others were); ``cancelled``: Cancel stopped the build (finished files stay)."""

    regions: list[ReportResult]
    national: ReportResult | None
    failures: list[ReportFailure] = field(default_factory=list)
    cancelled: bool = False

    @property
    def results(self) -> list[ReportResult]:
        """Every report built, régions first, the national summary last."""
        return self.regions + ([self.national] if self.national is not None else [])

    @property
    def paths(self) -> list[Path]:
        return [r.path for r in self.results]
