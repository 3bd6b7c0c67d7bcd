"""Places and their communes: resolving, settling, positions, duplicates and merging.

Every write here goes through the store (``Store.update``/``delete``), so it is an edit
like any other: dirty row, outbox entry, synced.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from fieldkit import communes
from fieldkit.errors import ValidationError
from fieldkit.importer import squash
from fieldkit.store import Store


@dataclass
class Unsettled:
    """A place whose commune is not known, and why."""

    place: dict[str, Any]
    resolution: communes.Resolution

    @property
    def reason(self) -> str:
        return self.resolution.message


@dataclass
class ResolveSummary:
    resolved: list[tuple[str, str]] = field(default_factory=list)  # (place id, INSEE code)
    unsettled: list[Unsettled] = field(default_factory=list)


def _resolution(place: dict[str, Any]) -> communes.Resolution:
    if not (place.get("postcode") or place.get("commune")):
        return communes.Resolution("unknown", message="No postcode and no commune.")
    return communes.resolve(
        place.get("postcode", ""), place.get("commune", ""), place.get("departement", "")
    )


def resolve_communes(store: Store) -> ResolveSummary:
    """Give every live place without an INSEE code the one its postcode and commune name
    resolve to, where that is unambiguous (one transaction); list the others."""
    summary = ResolveSummary()
    with store.transaction():
        for place in store.places():
            if place["commune_insee"]:
                continue
            found = _resolution(place)
            if found.status == "ok" and found.commune is not None:
                store.update("place", place["id"], {"commune_insee": found.commune.insee})
                summary.resolved.append((place["id"], found.commune.insee))
            else:
                summary.unsettled.append(Unsettled(place, found))
    return summary


def unsettled_places(store: Store) -> list[Unsettled]:
    """Live places without an INSEE code, each with its candidates and the reason."""
    return [Unsettled(p, _resolution(p)) for p in store.places() if not p["commune_insee"]]


def settle(store: Store, place_id: str, insee: str) -> dict[str, Any]:
    """The user's choice of commune for a place: sets the code (département and région
    follow) and, when the place has no commune name, the official one."""
    found = communes.commune(insee)
    if found is None:
        raise ValidationError(
            "commune_insee",
            f"{insee!r} is not the INSEE code of a commune.",
            code="unknown_commune",
            value=insee,
        )
    place = store.require("place", place_id)
    changes: dict[str, Any] = {"commune_insee": found.insee}
    if not place["commune"]:
        changes["commune"] = found.name
    return store.update("place", place_id, changes)


@dataclass(frozen=True)
class Position:
    latitude: float
    longitude: float
    approximate: bool  # the commune's centroid: the place has no coordinates of its own


def position(place: dict[str, Any]) -> Position | None:
    """Where to draw a place: its coordinates, else its commune's centroid (approximate)."""
    lat, lon = place.get("latitude"), place.get("longitude")
    if lat is not None and lon is not None:
        return Position(float(lat), float(lon), False)
    found = communes.commune(place.get("commune_insee") or "")
    if found is None or found.latitude is None or found.longitude is None:
        return None
    return Position(found.latitude, found.longitude, True)


# Words that say what a place is rather than which one it is.
_GENERIC = {"tiers", "lieu", "tierslieu", "espace", "coworking", "fablab", "le", "la", "les"}


def _name_key(name: str) -> str:
    words = [squash(w) for w in name.replace("-", " ").replace("'", " ").split()]
    return " ".join(w for w in words if w and w not in _GENERIC) or squash(name)


def similar_names(a: str, b: str) -> bool:
    """Same place under two spellings? Ratio of the names without generic words ≥ 0.8,
    or one name contained in the other."""
    ka, kb = _name_key(a), _name_key(b)
    if not ka or not kb:
        return False
    if ka == kb or (min(len(ka), len(kb)) >= 4 and (ka in kb or kb in ka)):
        return True
    return difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.8


@dataclass(frozen=True)
class DuplicatePair:
    commune_insee: str
    first: dict[str, Any]
    second: dict[str, Any]


def possible_duplicates(
    store: Store, region: str | None = None, departement: str | None = None
) -> list[DuplicatePair]:
    """« Doublons possibles »: places in one commune with similar names."""
    by_commune: dict[str, list[dict[str, Any]]] = {}
    for p in store.places(region=region, departement=departement):
        if p["commune_insee"]:
            by_commune.setdefault(p["commune_insee"], []).append(p)
    pairs = []
    for insee in sorted(by_commune):
        group = sorted(by_commune[insee], key=lambda p: (p["name"].casefold(), p["id"]))
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if similar_names(first["name"], second["name"]):
                    pairs.append(DuplicatePair(insee, first, second))
    return pairs


@dataclass
class MergeSummary:
    kept: str
    deleted: str
    visits_moved: list[str]
    fields_filled: list[str]  # empty fields of the kept place filled from the other


_MERGE_FILL = ("address", "website", "contact", "description", "latitude", "longitude")


def merge_places(store: Store, keep_id: str, drop_id: str) -> MergeSummary:
    """Merge two places (one transaction): the other's visits move to the kept one, its
    values fill the kept one's empty fields, its tags are added, and it is deleted."""
    if keep_id == drop_id:
        raise ValidationError("place", "A place cannot be merged with itself.", code="self_merge")
    with store.transaction():
        keep = store.require("place", keep_id)
        drop = store.require("place", drop_id)
        moved = [v["id"] for v in store.visits(place_id=drop_id)]
        for visit_id in moved:
            store.update("visit", visit_id, {"place_id": keep_id})
        changes: dict[str, Any] = {
            f: drop[f] for f in _MERGE_FILL if keep[f] in ("", None) and drop[f] not in ("", None)
        }
        tags = sorted(set(keep["tags"]) | set(drop["tags"]))
        if tags != keep["tags"]:
            changes["tags"] = tags
        if changes:
            store.update("place", keep_id, changes)
        store.delete("place", drop_id)
    return MergeSummary(keep_id, drop_id, moved, sorted(changes))
