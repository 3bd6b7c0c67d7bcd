"""Per-region PDF visit reports (ReportLab Platypus), see DESIGN §7.

``build_region_report(store, region, out_path, options, progress=None, cancelled=None)``
builds one region's report; ``build_all_reports`` builds every region with visits plus a
national summary, in parallel processes, saying which failed and why. Both are plain core code (no Qt): the CLI and the GUI's worker call them.

The names are loaded on first use (PEP 562): importing ReportLab costs 0.2–0.4 s, which
the desktop app should not pay at start-up for a dialog most sessions never open.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldkit.reports.batch import build_all_reports, default_jobs
    from fieldkit.reports.model import (
        PHOTO_QUALITIES,
        AllReportsResult,
        MissingPhoto,
        ReportCancelled,
        ReportFailure,
        ReportOptions,
        ReportResult,
    )
    from fieldkit.reports.national import (
        NATIONAL_FILENAME,
        build_national_summary,
        regions_with_visits,
    )
    from fieldkit.reports.region import build_region_report, region_filename

_WHERE = {
    "PHOTO_QUALITIES": "model",
    "AllReportsResult": "model",
    "MissingPhoto": "model",
    "ReportCancelled": "model",
    "ReportFailure": "model",
    "ReportOptions": "model",
    "ReportResult": "model",
    "NATIONAL_FILENAME": "national",
    "build_all_reports": "batch",
    "default_jobs": "batch",
    "build_national_summary": "national",
    "regions_with_visits": "national",
    "build_region_report": "region",
    "region_filename": "region",
}

__all__ = [
    "NATIONAL_FILENAME",
    "PHOTO_QUALITIES",
    "AllReportsResult",
    "MissingPhoto",
    "ReportCancelled",
    "ReportFailure",
    "ReportOptions",
    "ReportResult",
    "build_all_reports",
    "build_national_summary",
    "build_region_report",
    "default_jobs",
    "region_filename",
    "regions_with_visits",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
