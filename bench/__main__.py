"""Run the benchmarks, print one table, write ``bench/results.json``.

``python -m bench`` runs all; ``python -m bench photos search`` runs some.
Each module ``bench/bench_<area>.py`` exposes ``run() -> list[Row]``.
"""

from __future__ import annotations

import importlib
import json
import platform
import sys
import time
from pathlib import Path

from bench.common import Row

AREAS = [
    "photos",
    "photo_memory",
    "search",
    "gui",
    "sync",
    "sync_ui",
    "reports",
    "privacy",
    "encryption",
    "geo",
    "bundle",
    "load",
]
RESULTS = Path(__file__).resolve().parent / "results.json"


def main(argv: list[str]) -> int:
    wanted = argv or AREAS
    rows: list[Row] = []
    for area in wanted:
        try:
            module = importlib.import_module(f"bench.bench_{area}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bench.bench_{area}":
                print(f"(no benchmark for {area} yet)", file=sys.stderr)
                continue
            raise
        started = time.perf_counter()
        area_rows = module.run()
        print(f"[{area}: {time.perf_counter() - started:.1f} s]", file=sys.stderr)
        rows.extend(area_rows)
    print_table(rows)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    merged = {r["area"] + "/" + r["metric"]: r for r in previous.get("rows", [])}
    merged.update({r.area + "/" + r.metric: r.as_dict() for r in rows})
    RESULTS.write_text(
        json.dumps(
            {
                "machine": {
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "cpus": __import__("os").cpu_count(),
                },
                "rows": list(merged.values()),
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"\nwritten: {RESULTS}")
    return 0


def print_table(rows: list[Row]) -> None:
    header = ("area", "metric", "value", "unit", "target", "met")
    lines = [
        (
            r.area,
            r.metric,
            f"{r.value:,.3f}".rstrip("0").rstrip(".")
            if isinstance(r.value, float)
            else str(r.value),
            r.unit,
            r.target,
            "" if r.ok is None else ("yes" if r.ok else "NO"),
        )
        for r in rows
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines, strict=False)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    print(fmt.format(*header))
    print(fmt.format(*("-" * w for w in widths)))
    for line in lines:
        print(fmt.format(*line))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
