"""The mission's territorial figures, from each place's commune.

- **Outside the grands centres urbains**: the share of places whose commune is not at
  level 1 of INSEE's grille communale de densité (7 levels, 2024). This definition, not
  « outside the pôles of the large aires d'attraction des villes », because the grid
  classes every commune directly, while the AAV table shipped here gives each commune's
  aire but not its category (pôle or couronne), so the pôles cannot be told apart from
  it; the grid is also the one INSEE uses to say « urbain / rural ».
- **Outside any aire d'attraction des villes**: the share of places whose commune is
  « hors attraction des villes » (code 000) in INSEE's zonage en aires d'attraction des
  villes 2020, among the places whose commune's aire is known; listed and visited.
- **Places by density level** (1–7), listed and visited.
- **Places per 100,000 inhabitants per département**: population municipale 2021 (the
  PMUN21 column of the density grid file, summed over the département's communes).
- **Visited against listed**: a place is visited when it has at least one visit.

Places whose commune is not settled (no INSEE code) are counted apart, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from fieldkit import communes, geo

DENSITY_LABELS = {
    1: "Grands centres urbains",
    2: "Centres urbains intermédiaires",
    3: "Petites villes",
    4: "Ceintures urbaines",
    5: "Bourgs ruraux",
    6: "Rural à habitat dispersé",
    7: "Rural à habitat très dispersé",
}


@dataclass
class DepartementFigures:
    code: str
    name: str
    listed: int = 0
    visited: int = 0
    population: int = 0

    @property
    def per_100k(self) -> float:
        return self.listed * 100_000 / self.population if self.population else 0.0


@dataclass
class TerritorialFigures:
    listed: int = 0
    visited: int = 0
    located: int = 0  # places with a commune (INSEE code)
    outside_grands_centres: int = 0
    outside_grands_centres_visited: int = 0
    visited_located: int = 0
    aav_known: int = 0  # places whose commune's aire d'attraction is known
    aav_known_visited: int = 0
    outside_aav: int = 0  # places in a commune hors attraction des villes (AAV 000)
    outside_aav_visited: int = 0
    by_density: dict[int, list[int]] = field(default_factory=dict)  # level → [listed, visited]
    by_departement: dict[str, DepartementFigures] = field(default_factory=dict)
    by_region: dict[str, list[int]] = field(default_factory=dict)  # code → [listed, visited]

    @property
    def share_outside_grands_centres(self) -> float:
        return self.outside_grands_centres / self.located if self.located else 0.0

    @property
    def share_outside_grands_centres_visited(self) -> float:
        if not self.visited_located:
            return 0.0
        return self.outside_grands_centres_visited / self.visited_located

    @property
    def share_outside_aav(self) -> float:
        return self.outside_aav / self.aav_known if self.aav_known else 0.0

    @property
    def share_outside_aav_visited(self) -> float:
        return self.outside_aav_visited / self.aav_known_visited if self.aav_known_visited else 0.0

    @property
    def unlocated(self) -> int:
        return self.listed - self.located

    def departements(self) -> list[DepartementFigures]:
        return sorted(self.by_departement.values(), key=lambda d: d.code.zfill(3))


def _visited(place: dict[str, Any]) -> bool:
    return bool(place.get("visit_count") or place.get("visits"))


def territorial_figures(places: Iterable[dict[str, Any]]) -> TerritorialFigures:
    """Figures of these places (rows of ``Store.places()`` or a région bundle)."""
    out = TerritorialFigures()
    out.by_density = {level: [0, 0] for level in DENSITY_LABELS}
    populations = communes.departement_populations()
    for p in places:
        visited = _visited(p)
        out.listed += 1
        out.visited += visited
        reg = out.by_region.setdefault(p.get("region", ""), [0, 0])
        reg[0] += 1
        reg[1] += visited
        dep_code = p.get("departement", "")
        if dep_code:
            dep = out.by_departement.get(dep_code)
            if dep is None:
                dep = out.by_departement[dep_code] = DepartementFigures(
                    dep_code,
                    geo.departement_name(dep_code),
                    population=populations.get(dep_code, 0),
                )
            dep.listed += 1
            dep.visited += visited
        commune = communes.commune(p.get("commune_insee") or "")
        if commune is None:
            continue
        out.located += 1
        out.visited_located += visited
        if commune.density is not None:
            out.by_density[commune.density][0] += 1
            out.by_density[commune.density][1] += visited
            if commune.density != 1:
                out.outside_grands_centres += 1
                out.outside_grands_centres_visited += visited
        if commune.aav:
            out.aav_known += 1
            out.aav_known_visited += visited
            if commune.aav == "000":
                out.outside_aav += 1
                out.outside_aav_visited += visited
    return out


def percent(value: float) -> str:
    """0.463 → '46 %' (French typography, narrow no-break space)."""
    return f"{round(value * 100):d}\u202f%"
