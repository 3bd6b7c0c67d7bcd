"""Build ``resources/data/geo.sqlite`` from the official files in ``../shared/data/geo``.

    python -m fieldkit.geo_build [--source DIR] [--out FILE]     (``make geo``)

The raw files stay outside the project (about 16 MB); this keeps what FieldKit uses:

- ``communes``: every COG 2025 commune (COM) and municipal arrondissement (ARM) with its
  département and région, a centroid, its density level (grille communale de densité,
  7 levels), its aire d'attraction des villes and its population municipale 2021.
  Paris, Lyon and Marseille's arrondissements take the density and aire of their commune;
  their population is counted once, on the commune. A commune that absorbed others on
  1 Jan 2025 (Saint-Denis and Pierrefitte-sur-Seine) counts their population with its own
  (``merged_into``). The 8 communes created on 1 Jan 2025
  have no row in the 2024 grid, AAV table or centroids: they take the population sum, and
  the density level and aire of the most populous of the communes they merged (four
  Cantal communes restored in 2025 have none: they take their canton's most common level
  and aire, and no population); a commune
  without a centroid gets the mean of its former communes' points, or else its
  canton's points, or else its département's outline centre, and is flagged
  ``centroid_estimated`` (Paris, Lyon and
  Marseille get the mean of their arrondissements' points, flagged too).
- ``postcodes``: La Poste's (postcode, INSEE code) pairs; ``aavs``: the aires' names.
- ``name_keys``: per postcode, the comparison key of each name a commune is known by, in
  the tiers ``fieldkit.communes`` searches.
- ``outlines``: département and région outlines, metropolitan ones from the simplified
  IGN file, overseas ones from the full file, all simplified (Douglas–Peucker, 0.004°)
  and rounded to 3 decimals (about 100 m), plenty for a map of a région.
- ``meta``: the sha256 of each source file and a digest of the built content, so that a
  test can rebuild and compare.

Rows are written in sorted order, so the same sources give the same content.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from fieldkit.communes import commune_key
from fieldkit.resources import resource_path

DEFAULT_SOURCE = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "geo"
DEFAULT_OUT = resource_path("data", "geo.sqlite")
BUILD_VERSION = "1"
SOURCES = (
    "cog_communes_2025.csv",
    "cog_departements_2025.csv",
    "cog_regions_2025.csv",
    "laposte_hexasmal_2025.csv",
    "grille_densite_7_niveaux_2024.csv",
    "aav2020_communes_2024.csv",
    "communes_centroids_2024.csv",
    "departements-version-simplifiee.geojson",
    "regions-version-simplifiee.geojson",
    "departements-avec-outre-mer.geojson",
    "regions-avec-outre-mer.geojson",
)
SIMPLIFY_TOLERANCE = 0.004  # degrees
DECIMALS = 3

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE communes (
    insee TEXT PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL,
    departement TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT NOT NULL,
    latitude REAL, longitude REAL, centroid_estimated INTEGER NOT NULL,
    density INTEGER, aav TEXT, population INTEGER
) WITHOUT ROWID;
CREATE INDEX communes_key ON communes(key);
CREATE TABLE aavs (code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE postcodes (
    postcode TEXT NOT NULL, insee TEXT NOT NULL, PRIMARY KEY (postcode, insee)
) WITHOUT ROWID;
CREATE INDEX postcodes_insee ON postcodes(insee);
CREATE TABLE name_keys (
    postcode TEXT NOT NULL, key TEXT NOT NULL, insee TEXT NOT NULL, tier INTEGER NOT NULL,
    PRIMARY KEY (postcode, key, insee)
) WITHOUT ROWID;
CREATE TABLE outlines (
    level TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, geometry TEXT NOT NULL,
    PRIMARY KEY (level, code)
) WITHOUT ROWID;
"""


def _csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _perpendicular(p: list[float], a: list[float], b: list[float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / math.hypot(dx, dy)


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas–Peucker, iterative (rings of thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        best, index = 0.0, -1
        for i in range(start + 1, end):
            d = _perpendicular(points[i], points[start], points[end])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack.append((start, index))
            stack.append((index, end))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _simplify_ring(ring: list[list[float]]) -> list[list[float]] | None:
    # A closed ring's first and last points coincide: split it so that DP has a chord.
    half = len(ring) // 2
    first = simplify(ring[: half + 1], SIMPLIFY_TOLERANCE)
    second = simplify(ring[half:], SIMPLIFY_TOLERANCE)
    out: list[list[float]] = []
    for x, y in first[:-1] + second:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    return out if len(out) >= 4 else None


def simplify_geometry(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    """A Polygon or MultiPolygon as a list of polygons (rings of [lon, lat])."""
    polygons = (
        [geometry["coordinates"]]
        if geometry["type"] == "Polygon"
        else list(geometry["coordinates"])
    )
    out = []
    for polygon in polygons:
        rings = [r for r in (_simplify_ring(ring) for ring in polygon) if r is not None]
        if rings:
            out.append(rings)
    return out


def _outlines(source: Path, level: str) -> list[tuple[str, str, str, str]]:
    plural = "departements" if level == "departement" else "regions"
    metro = json.loads((source / f"{plural}-version-simplifiee.geojson").read_text("utf-8"))
    full = json.loads((source / f"{plural}-avec-outre-mer.geojson").read_text("utf-8"))
    features = {f["properties"]["code"]: f for f in metro["features"]}
    for f in full["features"]:
        features.setdefault(f["properties"]["code"], f)  # overseas ones are only here
    rows = []
    for code in sorted(features):
        f = features[code]
        polygons = simplify_geometry(f["geometry"])
        text = json.dumps(polygons, separators=(",", ":"))
        rows.append((level, code, f["properties"]["nom"], text))
    return rows


def _ring_centre(polygons: list[list[list[list[float]]]]) -> tuple[float, float]:
    points = [p for polygon in polygons for p in polygon[0]]
    return (
        sum(p[1] for p in points) / len(points),
        sum(p[0] for p in points) / len(points),
    )


def _departement_of(insee: str) -> str:
    return insee[:3] if insee.startswith("97") else insee[:2]


def merged_into(
    communes_2025: dict[str, dict[str, str]],
    formers: dict[str, set[str]],
    grid: dict[str, dict[str, str]],
    laposte: list[dict[str, str]],
) -> dict[str, list[str]]:
    """2025 commune → the 2024 communes (codes of the 2024 grid) merged into it on
    1 Jan 2025. Most are its communes déléguées in the COG; the few absorbed outright
    (Ciel into Verdun-Ciel) are found by La Poste's Ligne 5, which keeps their name under
    the new code, in the same département. A 2024 commune found nowhere stops the build:
    its inhabitants would otherwise vanish from every total."""
    parent_of = {old: new for new, olds in formers.items() for old in olds}
    by_old_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in laposte:
        code = row["Code_commune_INSEE"]
        if row["Ligne_5"] and code in communes_2025:
            key = (_departement_of(code), commune_key(row["Ligne_5"]))
            by_old_name[key].add(code)
    merged: dict[str, list[str]] = defaultdict(list)
    unplaced = []
    for old in sorted(set(grid) - set(communes_2025)):
        new = parent_of.get(old)
        if new is None:
            named = by_old_name.get((_departement_of(old), commune_key(grid[old]["LIBGEO"])), set())
            new = next(iter(named)) if len(named) == 1 else None
        if new is None or new not in communes_2025:
            unplaced.append(f"{old} {grid[old]['LIBGEO']}")
            continue
        merged[new].append(old)
    if unplaced:
        raise ValueError(
            "These 2024 communes are in no 2025 commune (their population would be lost): "
            + ", ".join(unplaced)
        )
    return dict(merged)


def build(source: Path = DEFAULT_SOURCE, out: Path = DEFAULT_OUT) -> dict[str, Any]:
    """Write the resource; returns a summary (row counts, estimated centroids, digest)."""
    source = Path(source)
    missing = [name for name in SOURCES if not (source / name).is_file()]
    if missing:
        raise FileNotFoundError(f"{source} lacks {', '.join(missing)}")
    cog = _csv(source / "cog_communes_2025.csv")
    laposte = _csv(source / "laposte_hexasmal_2025.csv", ";")
    grid = {r["CODGEO"]: r for r in _csv(source / "grille_densite_7_niveaux_2024.csv")}
    aav = {r["CODGEO"]: r for r in _csv(source / "aav2020_communes_2024.csv")}
    points: dict[str, tuple[float, float]] = {}
    for r in _csv(source / "communes_centroids_2024.csv"):
        if r["lat"] and r["lng"] and r["commune_type"] in ("COM", "ARM"):
            points.setdefault(r["insee_com"], (float(r["lat"]), float(r["lng"])))
    dep_outlines = _outlines(source, "departement")
    reg_outlines = _outlines(source, "region")
    dep_centre = {code: _ring_centre(json.loads(g)) for _, code, _, g in dep_outlines}

    main = {r["COM"]: r for r in cog if r["TYPECOM"] in ("COM", "ARM")}
    # Former communes (déléguées, associées) of each commune: their 2024 rows stand in for
    # a 2025 commune the 2024 files do not know.
    formers: dict[str, set[str]] = defaultdict(set)
    for r in cog:
        if r["TYPECOM"] in ("COMD", "COMA") and r["COMPARENT"]:
            formers[r["COMPARENT"]].add(r["COM"])

    # Paris, Lyon and Marseille have points only for their arrondissements.
    arrondissements: dict[str, set[str]] = defaultdict(set)
    for r in cog:
        if r["TYPECOM"] == "ARM":
            arrondissements[r["COMPARENT"]].add(r["COM"])

    canton: dict[str, list[str]] = defaultdict(list)
    for r in cog:
        if r["TYPECOM"] == "COM" and r["CAN"]:
            canton[r["CAN"]].append(r["COM"])

    absorbed = merged_into(main, formers, grid, laposte)

    estimated: list[str] = []
    commune_rows = []
    for insee in sorted(main):
        r = main[insee]
        parent = r["COMPARENT"] if r["TYPECOM"] == "ARM" else insee
        stats = grid.get(parent)
        zone = aav.get(parent)
        # The commune's own 2024 row, plus those of the communes merged into it on
        # 1 Jan 2025 (Pierrefitte-sur-Seine into Saint-Denis): nobody is left out.
        parts = ([stats] if stats else []) + [grid[c] for c in absorbed.get(insee, ())]
        population: int | None = sum(int(p["PMUN21"]) for p in parts) if parts else None
        density = int(stats["DENS"]) if stats else None
        if stats is None and parts and r["TYPECOM"] == "COM":
            biggest = max(parts, key=lambda p: int(p["PMUN21"]))
            density = int(biggest["DENS"])
            zone = aav.get(biggest["CODGEO"])
        if stats is None and density is None and r["TYPECOM"] == "COM":
            # Restored from a commune nouvelle (Cantal, 2025): no former rows to sum. The
            # canton's most common level and aire stand in; population stays unknown.
            near_rows = [grid[c] for c in canton.get(r["CAN"], ()) if c in grid]
            if near_rows:
                levels = sorted(int(g["DENS"]) for g in near_rows)
                density = max(set(levels), key=lambda v: (levels.count(v), -v))
                zones = sorted(aav[g["CODGEO"]]["AAV2020"] for g in near_rows if g["CODGEO"] in aav)
                code = max(set(zones), key=lambda z: (zones.count(z), z))
                zone = next(
                    aav[g["CODGEO"]]
                    for g in near_rows
                    if aav.get(g["CODGEO"], {}).get("AAV2020") == code
                )
        if r["TYPECOM"] == "ARM":
            population = None  # counted once, on the commune
        point = points.get(insee)
        centroid_estimated = False
        if point is None:
            centroid_estimated = True
            pieces = sorted(formers.get(insee, set()) | arrondissements.get(insee, set()))
            near = [points[c] for c in pieces if c in points]
            if not near:
                near = [points[c] for c in canton.get(r["CAN"], ()) if c in points]
            if near:
                point = (
                    round(sum(p[0] for p in near) / len(near), 5),
                    round(sum(p[1] for p in near) / len(near), 5),
                )
            else:
                lat, lon = dep_centre[r["DEP"]]
                point = (round(lat, 5), round(lon, 5))
            estimated.append(insee)
        commune_rows.append(
            (
                insee,
                r["LIBELLE"],
                commune_key(r["LIBELLE"]),
                r["DEP"],
                r["REG"],
                r["TYPECOM"],
                parent,
                point[0],
                point[1],
                int(centroid_estimated),
                density,
                zone["AAV2020"] if zone else None,
                population,
            )
        )

    laposte_rows = sorted(
        {
            (
                r["Code_postal"],
                r["Code_commune_INSEE"],
                r["Nom_de_la_commune"],
                r["Libellé_d_acheminement"],
                r["Ligne_5"],
            )
            for r in laposte
        }
    )
    postcode_rows = sorted({(row[0], row[1]) for row in laposte_rows})
    aav_rows = sorted({(r["AAV2020"], r["LIBAAV2020"]) for r in aav.values()})
    keys: dict[tuple[str, str, str], int] = {}

    def add(pc: str, name: str, insee: str, tier: int) -> None:
        key = commune_key(name)
        if key:
            slot = (pc, key, insee)
            keys[slot] = min(tier, keys.get(slot, tier))

    postcodes_by_insee: dict[str, set[str]] = defaultdict(set)
    for pc, insee, name, libelle, ligne5 in laposte_rows:
        postcodes_by_insee[insee].add(pc)
        add(pc, name, insee, 1)
        if ligne5:
            add(pc, ligne5, insee, 2)
        add(pc, libelle, insee, 3)
    for insee, r in main.items():
        for pc in postcodes_by_insee.get(insee, ()):
            add(pc, r["LIBELLE"], insee, 1)
    for r in cog:
        if r["TYPECOM"] in ("COMD", "COMA") and r["COMPARENT"] in main:
            for pc in postcodes_by_insee.get(r["COMPARENT"], ()):
                add(pc, r["LIBELLE"], r["COMPARENT"], 2)
    key_rows = sorted((pc, key, insee, tier) for (pc, key, insee), tier in keys.items())

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(SCHEMA)
        conn.executemany(f"INSERT INTO communes VALUES ({','.join('?' * 13)})", commune_rows)
        conn.executemany("INSERT INTO aavs VALUES (?,?)", aav_rows)
        conn.executemany("INSERT INTO postcodes VALUES (?,?)", postcode_rows)
        conn.executemany("INSERT INTO name_keys VALUES (?,?,?,?)", key_rows)
        conn.executemany("INSERT INTO outlines VALUES (?,?,?,?)", dep_outlines + reg_outlines)
        digest = content_digest(conn)
        meta = {"build_version": BUILD_VERSION, "content_sha256": digest}
        meta.update({f"source:{name}": _sha256(source / name) for name in SOURCES})
        conn.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
    tmp.replace(out)
    return {
        "communes": len(commune_rows),
        "postcodes": len(laposte_rows),
        "name_keys": len(key_rows),
        "outlines": len(dep_outlines) + len(reg_outlines),
        "estimated_centroids": estimated,
        "content_sha256": digest,
        "bytes": out.stat().st_size,
    }


def content_digest(conn: sqlite3.Connection) -> str:
    """sha256 over every data row, in key order: equal content, equal digest."""
    h = hashlib.sha256()
    for table, order in (
        ("communes", "insee"),
        ("aavs", "code"),
        ("postcodes", "postcode, insee"),
        ("name_keys", "postcode, key, insee"),
        ("outlines", "level, code"),
    ):
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}"):
            h.update(repr((table, tuple(row))).encode("utf-8"))
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        summary = build(args.source, args.out)
    except (FileNotFoundError, ValueError) as exc:
        print(f"geo_build: {exc}", file=sys.stderr)
        return 1
    print(
        f"{args.out}: {summary['communes']} communes, {summary['postcodes']} postcode rows, "
        f"{summary['name_keys']} name keys, {summary['outlines']} outlines, "
        f"{summary['bytes'] / 1e6:.1f} MB; estimated centroids: "
        f"{', '.join(summary['estimated_centroids']) or 'none'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
