"""Who may be named in a report: the core rule of :mod:`fieldkit.privacy`, re-exported.

Reports, exports and listings share one rule and one pseudonymiser; this module keeps
the names the report code has always imported.
"""

from __future__ import annotations

from fieldkit.privacy import (
    ROLE_LABELS,
    Pseudonymiser,
    may_show_name,
    must_pseudonymise,
    organisation_type,
)

# Order of roles in tables and charts.
ROLE_ORDER = ("manager", "user", "elected_official", "partner", "company", "other")

__all__ = [
    "ROLE_LABELS",
    "ROLE_ORDER",
    "Pseudonymiser",
    "may_show_name",
    "must_pseudonymise",
    "organisation_type",
]
