"""Communes of France: postcode + commune name → INSEE commune code → département, région.

A postcode is not a département (05160 Pontis is in 04, 94390 Paray-Vieille-Poste in 91),
so a place is filed by its commune's INSEE code, found from the postcode and the commune
name together. Names are compared by :func:`commune_key`, which ignores accents, case,
hyphens and apostrophes, « Saint »/« St », the articles le/la/les/l', leading zeros and
ordinal suffixes of arrondissement numbers, and anything from « CEDEX » on. Within a
postcode a name is looked up in three tiers, the first that matches deciding:

1. the commune's official name (INSEE COG) or La Poste's Nom_de_la_commune;
2. La Poste's Ligne 5 (a locality) and the names of communes déléguées or associées;
3. La Poste's Libellé d'acheminement (the delivering office's name).

Two communes matching in the deciding tier is an ambiguity, reported with both.

The data is ``resources/data/geo.sqlite``, built from the official files by
``python -m fieldkit.geo_build`` (``make geo``); see docs/architecture.md.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from fieldkit.resources import resource_path

GEO_DB = resource_path("data", "geo.sqlite")

_ARTICLES = {"le", "la", "les", "l"}
_SAINTS = {"saint": "st", "sainte": "ste", "saints": "sts", "saintes": "stes"}
_ORDINAL = re.compile(r"^0*(\d+)(?:er|ere|e|eme|em|nd|nde)?$")


def commune_key(name: str) -> str:
    """The comparison form of a commune name: 'L'Haÿ-les-Roses' → 'hay roses'."""
    text = unicodedata.normalize("NFKD", str(name).casefold())
    text = text.replace("œ", "oe").replace("æ", "ae")
    text = "".join(c if c.isalnum() else " " for c in text if not unicodedata.combining(c))
    tokens: list[str] = []
    for token in text.split():
        if token == "cedex":
            break
        if token in _ARTICLES or token in ("arrondissement", "arr"):
            continue
        token = _SAINTS.get(token, token)
        ordinal = _ORDINAL.match(token)
        if ordinal:
            token = ordinal.group(1)
        tokens.append(token)
    return " ".join(tokens)


def normalise_postcode(value: str) -> str:
    """'1000' (lost its leading zero in a spreadsheet) → '01000'; spaces removed."""
    pc = str(value).strip().replace(" ", "").replace("\u00a0", "")
    if pc.isdigit() and len(pc) == 4:
        pc = "0" + pc
    return pc


# Territories with French postcodes (or next to them) that are not départements: what
# they are, so that a refusal can say it. Keyed by the first three digits of the postcode.
COLLECTIVITES: dict[str, str] = {
    "975": "Saint-Pierre-et-Miquelon (975), a collectivité d'outre-mer, not a département",
    "977": "Saint-Barthélemy (977), a collectivité d'outre-mer, not part of Guadeloupe (971)",
    "978": "Saint-Martin (978), a collectivité d'outre-mer, not part of Guadeloupe (971)",
    "984": "the Terres australes et antarctiques françaises (984), which have no communes",
    "986": "Wallis-et-Futuna (986), a collectivité d'outre-mer, not a département",
    "987": "French Polynesia (987), a collectivité d'outre-mer, not a département",
    "988": "New Caledonia (988), a collectivité sui generis, not a département",
    "989": "Clipperton (989), which has no communes",
}
MONACO = "Monaco (98000), a sovereign principality, not in France"
# Their proper names (French), for messages in the interface.
TERRITORY_NAMES = {
    "975": "Saint-Pierre-et-Miquelon (975)",
    "977": "Saint-Barthélemy (977)",
    "978": "Saint-Martin (978)",
    "984": "Terres australes et antarctiques françaises (984)",
    "986": "Wallis-et-Futuna (986)",
    "987": "Polynésie française (987)",
    "988": "Nouvelle-Calédonie (988)",
    "989": "Clipperton (989)",
    "980": "Monaco",
}
# Two collectivités kept the Guadeloupe postcodes they had before 2007.
_POSTCODE_TERRITORY = {"97133": "977", "97150": "978"}


def territory_outside(postcode: str) -> str | None:
    """What the territory of a postcode that is not in a département is, or None."""
    code = str(postcode).strip()
    if code == "98000" or code.startswith("980"):
        return MONACO
    return COLLECTIVITES.get(_POSTCODE_TERRITORY.get(code, code[:3]))


def territory_name(postcode: str) -> str:
    """The proper name of the territory of a postcode outside the départements, or ''."""
    code = str(postcode).strip()
    return TERRITORY_NAMES.get(_POSTCODE_TERRITORY.get(code, code[:3]), "")


def territory_of_insee(insee: str) -> str | None:
    """What the territory of an INSEE code outside the départements is, or None."""
    code = str(insee).strip()
    if code == "99138":
        return MONACO
    return COLLECTIVITES.get(code[:3]) if len(code) == 5 else None


@dataclass(frozen=True)
class Commune:
    insee: str
    name: str
    departement: str
    region: str
    kind: str  # COM (commune) or ARM (municipal arrondissement of Paris, Lyon, Marseille)
    parent: str  # ARM: the commune (75056, 69123, 13055); else the commune itself
    latitude: float | None
    longitude: float | None
    centroid_estimated: bool  # the official file had no point: derived, see geo_build
    density: int | None  # INSEE grille communale de densité, 1–7
    aav: str  # aire d'attraction des villes 2020 code; '000' outside any
    population: int | None  # population municipale 2021 (ARM: None; counted on the commune)


@dataclass
class Resolution:
    """What a (postcode, commune name) pair resolves to."""

    status: Literal["ok", "ambiguous", "unknown", "outside"]
    commune: Commune | None = None
    candidates: list[tuple[str, Commune]] = field(default_factory=list)  # (postcode, commune)
    message: str = ""
    # The error code and parameters of a refusal, when it has a more precise one than
    # ``commune_<status>`` (the GUI translates by code).
    code: str = ""
    params: dict[str, str] = field(default_factory=dict)

    @property
    def insee(self) -> str:
        return self.commune.insee if self.commune else ""


_local = threading.local()


def _db() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        if not GEO_DB.exists():
            raise FileNotFoundError(
                f"{GEO_DB} is missing: run `make geo` to build it from ../shared/data/geo."
            )
        # Read-only and immutable: many threads (GUI lanes, server workers) each get one.
        conn = sqlite3.connect(f"file:{GEO_DB}?mode=ro&immutable=1", uri=True)
        conn.row_factory = sqlite3.Row
        _local.conn = conn
    return conn


_COLUMNS = (
    "insee, name, departement, region, kind, parent, latitude, longitude, "
    "centroid_estimated, density, aav, population"
)


def _commune(row: sqlite3.Row) -> Commune:
    return Commune(
        row["insee"],
        row["name"],
        row["departement"],
        row["region"],
        row["kind"],
        row["parent"],
        row["latitude"],
        row["longitude"],
        bool(row["centroid_estimated"]),
        row["density"],
        row["aav"] or "",
        row["population"],
    )


_cache: dict[str, Commune | None] = {}


def commune(insee: str) -> Commune | None:
    """The commune (or arrondissement) with this INSEE code, or None."""
    insee = str(insee or "").strip().upper()
    if insee in _cache:
        return _cache[insee]
    row = _db().execute(f"SELECT {_COLUMNS} FROM communes WHERE insee = ?", (insee,)).fetchone()
    found = _commune(row) if row else None
    if len(_cache) < 50_000:
        _cache[insee] = found
    return found


def communes_of_postcode(postcode: str) -> list[Commune]:
    """The communes La Poste serves under this postcode, by name."""
    rows = (
        _db()
        .execute(
            f"SELECT DISTINCT {', '.join('c.' + c.strip() for c in _COLUMNS.split(','))} "
            "FROM postcodes p JOIN communes c ON c.insee = p.insee WHERE p.postcode = ? "
            "ORDER BY c.name",
            (normalise_postcode(postcode),),
        )
        .fetchall()
    )
    return [_commune(r) for r in rows]


def postcodes_of_commune(insee: str) -> list[str]:
    rows = (
        _db()
        .execute(
            "SELECT DISTINCT postcode FROM postcodes WHERE insee = ? ORDER BY postcode", (insee,)
        )
        .fetchall()
    )
    return [r[0] for r in rows]


def search_communes(text: str, limit: int = 30) -> list[tuple[str, Commune]]:
    """(postcode, commune) pairs whose commune name starts with ``text`` (compared as keys)."""
    key = commune_key(text)
    if not key:
        return []
    rows = (
        _db()
        .execute(
            f"SELECT DISTINCT p.postcode, {', '.join('c.' + c.strip() for c in _COLUMNS.split(','))} "
            "FROM communes c JOIN postcodes p ON p.insee = c.insee "
            "WHERE c.key >= ? AND c.key < ? ORDER BY c.key, p.postcode LIMIT ?",
            (key, key + "\uffff", limit),
        )
        .fetchall()
    )
    return [(r["postcode"], _commune(r)) for r in rows]


def postcode_known(postcode: str) -> bool:
    return (
        _db().execute("SELECT 1 FROM postcodes WHERE postcode = ? LIMIT 1", (postcode,)).fetchone()
        is not None
    )


def _describe(candidates: list[tuple[str, Commune]]) -> str:
    return "; ".join(
        f"{pc} {c.name} (INSEE {c.insee}, {c.departement})" for pc, c in candidates[:8]
    ) + (f"; and {len(candidates) - 8} more" if len(candidates) > 8 else "")


def resolve(postcode: str, name: str, departement: str = "") -> Resolution:
    """The commune a place with this postcode and commune name is in.

    ``departement`` (optional) narrows a name given without a postcode.
    """
    pc = normalise_postcode(postcode)
    key = commune_key(name)
    if pc:
        outside = territory_outside(pc)
        if outside:
            return Resolution(
                "outside",
                message=f"Postcode {pc} is in {outside}.",
                code="outside_departements",
                params={"value": pc, "territory": outside},
            )
        if not re.fullmatch(r"\d{5}", pc):
            return Resolution(
                "unknown",
                message=f"{postcode!r} is not a French postcode.",
                code="bad_postcode",
                params={"value": postcode},
            )
        if key:
            rows = (
                _db()
                .execute(
                    "SELECT insee, tier FROM name_keys WHERE postcode = ? AND key = ?", (pc, key)
                )
                .fetchall()
            )
            if rows:
                best = min(r["tier"] for r in rows)
                codes = sorted({r["insee"] for r in rows if r["tier"] == best})
                found = [c for c in (commune(code) for code in codes) if c is not None]
                if len(found) == 1:
                    return Resolution("ok", found[0])
                pairs = [(pc, c) for c in found]
                return Resolution(
                    "ambiguous",
                    candidates=pairs,
                    message=f"{name!r} with postcode {pc} may be {_describe(pairs)}.",
                )
        served = communes_of_postcode(pc)
        if not served:
            return Resolution(
                "unknown",
                candidates=_by_name(key, departement),
                message=f"{pc!r} is not a French postcode (La Poste has no such postcode).",
                code="bad_postcode",
                params={"value": pc},
            )
        if not key:
            if len(served) == 1:
                return Resolution("ok", served[0])
            pairs = [(pc, c) for c in served]
            return Resolution(
                "ambiguous",
                candidates=pairs,
                message=f"Postcode {pc} serves {len(served)} communes and no commune is "
                f"given: {_describe(pairs)}.",
            )
        elsewhere = _by_name(key, departement)
        pairs = [(pc, c) for c in served] + elsewhere
        hint = f" Communes of {pc}: {_describe([(pc, c) for c in served])}."
        if elsewhere:
            hint += f" Communes named so elsewhere: {_describe(elsewhere)}."
        return Resolution(
            "unknown",
            candidates=pairs,
            message=f"No commune {name!r} has postcode {pc}.{hint}",
        )
    if not key:
        return Resolution("unknown", message="Neither a postcode nor a commune is given.")
    found_pairs = _by_name(key, departement)
    distinct = {c.insee for _, c in found_pairs}
    if len(distinct) == 1:
        return Resolution("ok", found_pairs[0][1], candidates=found_pairs)
    if not found_pairs:
        where = f" in département {departement}" if departement else ""
        return Resolution("unknown", message=f"No commune is named {name!r}{where}.")
    return Resolution(
        "ambiguous",
        candidates=found_pairs,
        message=f"{len(distinct)} communes are named {name!r}: {_describe(found_pairs)}. "
        "Give the postcode.",
    )


def _by_name(key: str, departement: str = "") -> list[tuple[str, Commune]]:
    """(first postcode, commune) for communes whose official name has this key."""
    if not key:
        return []
    rows = (
        _db()
        .execute(
            f"SELECT {', '.join('c.' + c.strip() for c in _COLUMNS.split(','))}, "
            "(SELECT MIN(postcode) FROM postcodes p WHERE p.insee = c.insee) AS postcode "
            "FROM communes c WHERE c.key = ? ORDER BY c.departement, c.insee",
            (key,),
        )
        .fetchall()
    )
    pairs = [(r["postcode"] or "", _commune(r)) for r in rows]
    if departement:
        pairs = [(pc, c) for pc, c in pairs if c.departement == departement] or pairs
    return pairs


def outline_rows(level: str) -> list[tuple[str, str, str]]:
    """(code, name, GeoJSON geometry text) of 'departement' or 'region' outlines."""
    rows = (
        _db()
        .execute(
            "SELECT code, name, geometry FROM outlines WHERE level = ? ORDER BY code", (level,)
        )
        .fetchall()
    )
    return [(r[0], r[1], r[2]) for r in rows]


def departement_populations() -> dict[str, int]:
    """Population municipale 2021 per département (sum over its communes)."""
    rows = (
        _db()
        .execute(
            "SELECT departement, SUM(population) FROM communes WHERE kind = 'COM' GROUP BY departement"
        )
        .fetchall()
    )
    return {r[0]: int(r[1] or 0) for r in rows}


def aav_name(code: str) -> str:
    row = _db().execute("SELECT name FROM aavs WHERE code = ?", (code,)).fetchone()
    return str(row[0]) if row else ""


def meta() -> dict[str, str]:
    return {r[0]: r[1] for r in _db().execute("SELECT key, value FROM meta")}
