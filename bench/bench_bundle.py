"""The PyInstaller bundle (``make dist``) against ``python main.py``, in the same run.

- **Size**: the bundle folder on disk (``dist/FieldKit``), in MB.
- **Start-up to a populated window**: each program is started offscreen with
  ``--measure-startup --home MISSION`` on the benchmark-size demo mission (as
  bench_gui's); the parent notes the time before it starts the child, the child prints the
  wall-clock time once the tree and the visit list are filled and painted. The two
  programs alternate, run after run, so both see the same machine load. Median of the runs.

Needs a built bundle (``make dist``); without one the rows say so instead of a figure.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_gui import child_env
from bench.common import Row, scratch
from fieldkit.demo import BENCHMARK_SIZES, build_demo
from fieldkit.paths import Home
from fieldkit.store import SCHEMA_VERSION, Store

RUNS = 5
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
from check_dist import bundle_paths, folder_size  # noqa: E402


def mission_home() -> Home:
    """The benchmark-size mission, built once per checkout and schema (kept in the temp dir;
    the folder is keyed by this checkout so that another checkout's database format, on
    the same machine, is never opened by this one)."""
    key = hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]
    folder = Path(tempfile.gettempdir()) / f"fieldkit-bench-bundle-v{SCHEMA_VERSION}-{key}"
    marker = folder / "built.json"
    home = Home.resolve(folder / "home")
    if not marker.is_file():
        shutil.rmtree(folder, ignore_errors=True)
        with Store.open(home.ensure(), user="bench") as store:
            build_demo(store, **BENCHMARK_SIZES)
        marker.write_text(json.dumps({"sizes": BENCHMARK_SIZES}))
    return home


def start_once(cmd: list[str], home: Home) -> float:
    settings_dir = scratch("bundle-settings")
    env = child_env(settings_dir)
    env["FIELDKIT_LOG_DIR"] = str(settings_dir / "logs")
    launched = time.time()
    result = subprocess.run(
        [*cmd, "--measure-startup", "--home", str(home.root)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
    )
    shutil.rmtree(settings_dir, ignore_errors=True)
    if result.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed:\n{result.stderr}")
    shown_at, places, visits = result.stdout.split()[-3:]
    if int(places) != BENCHMARK_SIZES["places"] or int(visits) != BENCHMARK_SIZES["visits"]:
        raise RuntimeError(f"window populated with {places} places and {visits} visits")
    return float(shown_at) - launched


def run(dist: Path | None = None) -> list[Row]:
    dist = dist or Path(os.environ.get("FIELDKIT_DIST", ROOT / "dist"))
    root, app, _cli = bundle_paths(dist)
    if not app.is_file():
        print(f"(no bundle at {root}: run `make dist` first)", file=sys.stderr)
        return []
    home = mission_home()
    source: list[float] = []
    bundle: list[float] = []
    start_once([sys.executable, "main.py"], home)  # warm the disk cache for both
    start_once([str(app)], home)
    for _ in range(RUNS):
        source.append(start_once([sys.executable, "main.py"], home))
        bundle.append(start_once([str(app)], home))
    size_mb = folder_size(root) / 1e6
    sizes = f"{BENCHMARK_SIZES['places']} places, {BENCHMARK_SIZES['visits']} visits"
    load = round(os.getloadavg()[0], 2)
    return [
        Row("bundle", f"size of {root.name}/ on disk", round(size_mb), "MB"),
        Row(
            "bundle",
            f"start-up to populated window, bundle ({sizes}), median of {RUNS}",
            round(statistics.median(bundle), 3),
            "s",
            extra={
                "runs_s": [round(t, 3) for t in bundle],
                "best_s": round(min(bundle), 3),
                "load_avg": load,
            },
        ),
        Row(
            "bundle",
            f"start-up to populated window, python main.py (same run), median of {RUNS}",
            round(statistics.median(source), 3),
            "s",
            extra={
                "runs_s": [round(t, 3) for t in source],
                "best_s": round(min(source), 3),
                "load_avg": load,
            },
        ),
    ]


if __name__ == "__main__":  # pragma: no cover
    from bench.__main__ import print_table

    print_table(run())
