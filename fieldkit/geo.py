"""Regions and départements of France with their official INSEE codes.

Reference data, shipped in ``resources/data`` and never synced: 18 regions and
101 départements (Corsica as 2A/2B, the five overseas départements as 971–976).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from fieldkit.resources import existing_resource


@dataclass(frozen=True, order=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True, order=True)
class Departement:
    code: str
    name: str
    region: str


def _read(name: str) -> list[dict[str, str]]:
    with existing_resource("data", name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def _regions() -> dict[str, Region]:
    return {r["code"]: Region(r["code"], r["name"]) for r in _read("regions.csv")}


@cache
def _departements() -> dict[str, Departement]:
    return {
        d["code"]: Departement(d["code"], d["name"], d["region"]) for d in _read("departements.csv")
    }


def regions() -> list[Region]:
    """All 18 regions, sorted by name (French collation is close enough to plain order)."""
    return sorted(_regions().values(), key=lambda r: _sort_key(r.name))


def departements(region: str | None = None) -> list[Departement]:
    """Départements sorted by code, optionally those of one region."""
    deps = [d for d in _departements().values() if region is None or d.region == region]
    return sorted(deps, key=lambda d: d.code.zfill(3))


def region(code: str) -> Region | None:
    return _regions().get(normalise_region_code(code))


def departement(code: str) -> Departement | None:
    return _departements().get(normalise_departement_code(code))


def region_name(code: str | None) -> str:
    r = region(code) if code else None
    return r.name if r else (code or "")


def departement_name(code: str | None) -> str:
    d = departement(code) if code else None
    return d.name if d else (code or "")


def normalise_region_code(code: str) -> str:
    code = str(code).strip()
    return code.zfill(2) if code.isdigit() and len(code) == 1 else code


def normalise_departement_code(code: str) -> str:
    code = str(code).strip().upper()
    if code.isdigit() and len(code) == 1:
        return code.zfill(2)
    return code


_POSTCODE = re.compile(r"^\d{5}$")


def departement_for_postcode(postcode: str) -> Departement | None:
    """The département a French postcode belongs to, or None if it is not one.

    Corsica shares the 20 prefix: 200xx–201xx are Corse-du-Sud (2A), the rest Haute-Corse
    (2B). Overseas postcodes use three digits (971 Guadeloupe … 976 Mayotte).
    """
    pc = str(postcode).strip().replace(" ", "")
    if not _POSTCODE.match(pc):
        return None
    if pc.startswith("97"):
        return _departements().get(pc[:3])
    if pc.startswith("20"):
        return _departements()["2A" if int(pc) < 20200 else "2B"]
    return _departements().get(pc[:2])


def _sort_key(name: str) -> str:
    import unicodedata

    return "".join(
        c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c)
    )
