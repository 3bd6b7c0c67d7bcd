"""Local SQLite store (sqlite-utils): schema, migrations, queries."""

from fieldkit.store.migrations import SCHEMA_VERSION, migrate, schema_version
from fieldkit.store.schema import (
    CONSENT_STATES,
    INTERVIEW_ROLES,
    KINDS,
    PLACE_KINDS,
    VISIT_STATUSES,
)
from fieldkit.store.store import Change, SearchHit, Store, connect, iso, new_id, utc_now

__all__ = [
    "CONSENT_STATES",
    "INTERVIEW_ROLES",
    "KINDS",
    "PLACE_KINDS",
    "SCHEMA_VERSION",
    "VISIT_STATUSES",
    "Change",
    "SearchHit",
    "Store",
    "connect",
    "iso",
    "migrate",
    "new_id",
    "schema_version",
    "utc_now",
]
