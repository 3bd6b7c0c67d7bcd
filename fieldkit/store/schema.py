"""What each synced kind of record holds, and how its fields are checked."""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from fieldkit import communes, geo
from fieldkit.errors import ValidationError

ENVELOPE_FIELDS = (
    "id",
    "version",
    "deleted",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "dirty",
)

PLACE_KINDS = (
    "coworking",
    "fablab",
    "rural_hub",
    "shared_workshop",
    "living_lab",
    "cultural",
    "other",
)
VISIT_STATUSES = ("draft", "final")
INTERVIEW_ROLES = ("manager", "user", "elected_official", "partner", "company", "other")
CONSENT_STATES = ("given", "refused", "not_asked")


@dataclass(frozen=True)
class Kind:
    name: str
    table: str
    fields: tuple[str, ...]
    parent: tuple[str, str] | None = None  # (field, parent kind)
    json_fields: tuple[str, ...] = ()
    bool_fields: tuple[str, ...] = ()
    defaults: tuple[tuple[str, Any], ...] = ()


KINDS: dict[str, Kind] = {
    "place": Kind(
        "place",
        "places",
        (
            "name",
            "kind",
            "address",
            "postcode",
            "commune",
            "commune_insee",
            "departement",
            "region",
            "latitude",
            "longitude",
            "website",
            "contact",
            "description",
            "tags",
        ),
        json_fields=("tags",),
        defaults=(("kind", "other"),),
    ),
    "visit": Kind(
        "visit",
        "visits",
        ("place_id", "visited_on", "visitors", "status", "summary", "notes", "tags"),
        parent=("place_id", "place"),
        json_fields=("tags",),
        defaults=(("status", "draft"),),
    ),
    "interview": Kind(
        "interview",
        "interviews",
        (
            "visit_id",
            "person_name",
            "role",
            "organisation",
            "consent",
            "consent_on",
            "pseudonymise",
            "notes",
            "quotes",
        ),
        parent=("visit_id", "visit"),
        bool_fields=("pseudonymise",),
        defaults=(("role", "other"), ("consent", "not_asked"), ("pseudonymise", False)),
    ),
    "photo": Kind(
        "photo",
        "photos",
        (
            "visit_id",
            "blob",
            "caption",
            "taken_at",
            "latitude",
            "longitude",
            "width",
            "height",
            "original_name",
            "in_report",
            "position",
        ),
        parent=("visit_id", "visit"),
        bool_fields=("in_report",),
        defaults=(("in_report", True), ("position", 0)),
    ),
}

TEXT_FIELDS = {
    "name",
    "kind",
    "address",
    "postcode",
    "commune",
    "commune_insee",
    "departement",
    "region",
    "website",
    "contact",
    "description",
    "visitors",
    "status",
    "summary",
    "notes",
    "person_name",
    "role",
    "organisation",
    "consent",
    "quotes",
    "caption",
    "original_name",
    "blob",
    "place_id",
    "visit_id",
    "visited_on",
}
FLOAT_FIELDS = {"latitude", "longitude"}
INT_FIELDS = {"width", "height", "position"}
#: The range of each whole-number field (docs/sync-protocol.md, Types): a photo's size in
#: pixels (JPEG itself stops at 65,535) and its place in the visit. A value beyond it
#: would not round-trip (SQLite keeps 64 bits, a larger number became a float there).
INT_RANGES = {"width": (0, 100_000), "height": (0, 100_000), "position": (0, 2**31 - 1)}
NULLABLE_FIELDS = {"latitude", "longitude", "consent_on", "taken_at", "width", "height"}


#: A pulled table's columns before the kind's fields (pull ``shape=tables``,
#: docs/sync-protocol.md): a record's envelope without its kind, which the table names,
#: and without its region: a place's is its field ``region`` (column names stay unique),
#: a visit's, interview's or photo's is its place's.
PULL_TABLE_ENVELOPE = (
    "id",
    "version",
    "seq",
    "deleted",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
)


def field_default(kind: Kind, field: str) -> Any:
    """The value a record lacking ``field`` takes (as the wire and ``from_db`` carry it):
    the kind's default, else ``None`` for a nullable field, ``[]`` for a list, ``""``."""
    default = dict(kind.defaults).get(field)
    if default is None and field not in NULLABLE_FIELDS:
        default = [] if field in kind.json_fields else ""
    return default


_SHA256 = re.compile(r"[0-9a-f]{64}")  # used with fullmatch: "$" passes a trailing newline


def kind_of(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValidationError(
            "kind", f"Unknown record kind {name!r}.", code="unknown_kind"
        ) from None


def parse_date(value: Any, field: str) -> str:
    """An ISO date (YYYY-MM-DD) that exists in the calendar."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value or "").strip()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError(
            field,
            f"{field}: {text!r} is not a valid date (expected YYYY-MM-DD).",
            code="bad_date",
            value=text,
        ) from None


@functools.cache
def _text_fields(kind: Kind) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """``kind``'s fields, its plain text fields kept as sent, and those trimmed."""
    special = {*kind.json_fields, *kind.bool_fields, *FLOAT_FIELDS, *INT_FIELDS}
    special |= {"taken_at", "consent_on"}
    text = {f for f in kind.fields if f not in special}
    return frozenset(kind.fields), frozenset(text - _STRIPPED), frozenset(text & _STRIPPED)


def normalise(kind: Kind, changes: dict[str, Any]) -> dict[str, Any]:
    """Coerce types and refuse unknown fields; checks that need the database come later."""
    out: dict[str, Any] = {}
    known, kept, trimmed = _text_fields(kind)
    for field, value in changes.items():
        if field not in known:
            raise ValidationError(
                field, f"{kind.name} has no field {field!r}.", code="unknown_field"
            )
        # Most values of a record are text already (a sync page: every field of 500).
        if type(value) is str:
            if field in kept:
                out[field] = value
                continue
            if field in trimmed:
                out[field] = value.strip()
                continue
        if value is None and field in NULLABLE_FIELDS:
            out[field] = None
        elif field in kind.json_fields:
            if isinstance(value, str):
                value = [t.strip() for t in value.split(",") if t.strip()]
            out[field] = sorted({str(t).strip() for t in (value or []) if str(t).strip()})
        elif field in kind.bool_fields:
            out[field] = bool(value)
        elif field in FLOAT_FIELDS:
            out[field] = _to_float(field, value)
        elif field in INT_FIELDS:
            try:
                number = int(value)
            except (TypeError, ValueError, OverflowError):
                raise ValidationError(
                    field, f"{field}: {value!r} is not a whole number.", code="bad_number"
                ) from None
            low, high = INT_RANGES[field]
            if not low <= number <= high:
                raise ValidationError(
                    field,
                    f"{field} is out of range: a whole number from {low} to {high}.",
                    code="out_of_range",
                )
            out[field] = number
        elif field == "taken_at":
            out[field] = str(value) if value else None
        elif field == "consent_on":
            out[field] = parse_date(value, field) if value else None
        else:
            out[field] = (
                "" if value is None else str(value).strip() if field in _STRIPPED else str(value)
            )
    return out


# Free text keeps its whitespace (notes, quotes); identifiers and names are trimmed.
_STRIPPED = TEXT_FIELDS - {"notes", "quotes", "summary", "description"}


def _to_float(field: str, value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ValidationError(
            field, f"{field}: {value!r} is not a number.", code="bad_number"
        ) from None
    if math.isnan(number) or math.isinf(number):
        raise ValidationError(field, f"{field}: {value!r} is not a number.", code="bad_number")
    return number


def validate(kind: Kind, record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """Check a whole record (after the change is applied); fills derived codes.

    Returns the fields it filled in: département and région from the commune's INSEE code
    when there is one, else (a place not resolved yet) département from the postcode and
    région from the département.
    """
    filled: dict[str, Any] = {}
    if kind.name == "place":
        if not record.get("name", "").strip():
            raise ValidationError("name", "A place needs a name.", code="empty_name")
        if record.get("kind") not in PLACE_KINDS:
            raise ValidationError(
                "kind",
                f"Unknown kind of place {record.get('kind')!r} (one of {', '.join(PLACE_KINDS)}).",
                code="bad_place_kind",
                value=record.get("kind"),
            )
        pc = record.get("postcode", "")
        insee = record.get("commune_insee", "")
        if insee:
            # Département and région follow from the commune, not from the postcode.
            commune = communes.commune(insee)
            if commune is None:
                outside = communes.territory_of_insee(insee)
                raise ValidationError(
                    "commune_insee",
                    f"INSEE code {insee} is in {outside}."
                    if outside
                    else f"Unknown INSEE commune code {insee!r}.",
                    code="unknown_commune",
                    value=insee,
                )
            if commune.insee != insee:
                filled["commune_insee"] = commune.insee
            if record.get("departement") != commune.departement:
                filled["departement"] = commune.departement
            if record.get("region") != commune.region:
                filled["region"] = commune.region
        elif pc and communes.territory_outside(pc):
            raise ValidationError(
                "postcode",
                f"Postcode {pc} is in {communes.territory_outside(pc)}; FieldKit files places "
                "in the départements and régions of France only.",
                code="outside_departements",
                value=pc,
                territory=communes.territory_name(pc),
            )
        elif pc:
            dep_from_pc = geo.departement_for_postcode(pc)
            if dep_from_pc is None:
                raise ValidationError(
                    "postcode", f"{pc!r} is not a French postcode.", code="bad_postcode", value=pc
                )
            if not record.get("departement"):
                filled["departement"] = dep_from_pc.code
        dep_code = filled.get("departement") or record.get("departement", "")
        if dep_code:
            dep = geo.departement(dep_code)
            if dep is None:
                raise ValidationError(
                    "departement",
                    f"Unknown département code {dep_code!r}.",
                    code="unknown_departement",
                    value=dep_code,
                )
            if dep.code != dep_code:
                filled["departement"] = dep.code
            # A postcode may straddle a border (La Poste serves some communes from the
            # next département), so a mismatch with the département is not an error.
            region = record.get("region", "")
            if not region:
                filled["region"] = dep.region
            elif geo.normalise_region_code(region) != dep.region:
                raise ValidationError(
                    "region",
                    f"Département {dep.code} ({dep.name}) is not in région {region}.",
                    code="region_mismatch",
                    value=region,
                )
        region = filled.get("region") or record.get("region", "")
        if region:
            reg = geo.region(region)
            if reg is None:
                raise ValidationError(
                    "region",
                    f"Unknown région code {region!r}.",
                    code="unknown_region",
                    value=region,
                )
            if reg.code != region:
                filled["region"] = reg.code
        lat, lon = record.get("latitude"), record.get("longitude")
        if lat is not None and not -90 <= lat <= 90:
            raise ValidationError(
                "latitude", f"Latitude {lat} is out of range.", code="bad_coordinates"
            )
        if lon is not None and not -180 <= lon <= 180:
            raise ValidationError(
                "longitude", f"Longitude {lon} is out of range.", code="bad_coordinates"
            )
    elif kind.name == "visit":
        day = dt.date.fromisoformat(parse_date(record.get("visited_on"), "visited_on"))
        if day.year < 2000 or day > today + dt.timedelta(days=366):
            raise ValidationError(
                "visited_on",
                f"visited_on: {day.isoformat()} is not a plausible visit date.",
                code="implausible_date",
                value=day.isoformat(),
            )
        filled_date = day.isoformat()
        if filled_date != record.get("visited_on"):
            filled["visited_on"] = filled_date
        if record.get("status") not in VISIT_STATUSES:
            raise ValidationError(
                "status", f"Unknown visit status {record.get('status')!r}.", code="bad_status"
            )
    elif kind.name == "interview":
        if record.get("role") not in INTERVIEW_ROLES:
            raise ValidationError(
                "role",
                f"Unknown role {record.get('role')!r} (one of {', '.join(INTERVIEW_ROLES)}).",
                code="bad_role",
                value=record.get("role"),
            )
        if record.get("consent") not in CONSENT_STATES:
            raise ValidationError(
                "consent",
                f"Unknown consent {record.get('consent')!r} (one of {', '.join(CONSENT_STATES)}).",
                code="bad_consent",
                value=record.get("consent"),
            )
    elif kind.name == "photo":
        if not _SHA256.fullmatch(record.get("blob", "")):
            raise ValidationError(
                "blob", "A photo must name a stored blob (sha256).", code="bad_blob"
            )
    return filled


def to_db(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for f in kind.json_fields:
        if f in out:
            out[f] = json.dumps(out[f], ensure_ascii=False)
    for f in kind.bool_fields:
        if f in out:
            out[f] = int(bool(out[f]))
    return out


def from_db(kind: Kind, row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for f in kind.json_fields:
        if f in out and isinstance(out[f], str):
            out[f] = json.loads(out[f] or "[]")
    for f in kind.bool_fields:
        if f in out:
            out[f] = bool(out[f])
    out["deleted"] = bool(out.get("deleted"))
    out["dirty"] = bool(out.get("dirty"))
    return out
