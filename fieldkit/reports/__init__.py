"""Per-region PDF visit reports (ReportLab Platypus), see DESIGN §7.

``build_region_report(store, region, out_path, options, progress=None, cancelled=None)``
builds one region's report; ``build_all_reports`` builds every region with visits plus a
national summary. Both are plain core code (no Qt): the CLI and the GUI's worker call them.
"""

from fieldkit.reports.model import (
    PHOTO_QUALITIES,
    AllReportsResult,
    MissingPhoto,
    ReportCancelled,
    ReportOptions,
    ReportResult,
)
from fieldkit.reports.national import (
    NATIONAL_FILENAME,
    build_all_reports,
    build_national_summary,
    regions_with_visits,
)
from fieldkit.reports.region import build_region_report, region_filename

__all__ = [
    "NATIONAL_FILENAME",
    "PHOTO_QUALITIES",
    "AllReportsResult",
    "MissingPhoto",
    "ReportCancelled",
    "ReportOptions",
    "ReportResult",
    "build_all_reports",
    "build_national_summary",
    "build_region_report",
    "region_filename",
    "regions_with_visits",
]
