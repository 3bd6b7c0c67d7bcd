"""Photo ingest: FieldKit's import against Pillow alone, on 40 camera-size JPEGs.

The bench makes 40 12-MP JPEGs (4–6 MB each, gradients with grain so they compress like
real photos) once, then in the same run measures:

1. Pillow alone: open each file in draft mode and make the same two derivatives
   (report ~1600 px, thumbnail ~256 px, orientation applied, saved as JPEG);
2. ``import_photos`` into a fresh store with one worker: the same work plus the sha256,
   the fsync'd copy into the blob store, EXIF and the database rows;
3. the same with two workers.

Each figure is the best of a few interleaved rounds (fresh store and output folder each
round). The 1-minute load average before and after, and for each contender its CPU
time per photo and the cores it kept busy, go into the rows' ``extra``: with other
processes busy on the cores, the two-worker figure cannot show the second core, and the
CPU figures tell that case (same CPU per photo, fewer cores busy) from real contention.
Targets (issue 2): (2)/(1) ≥ 0.75 and (3)/(2) ≥ 1.5.

Memory (issue 13) is measured by ``bench/bench_photo_memory.py``.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageOps

from bench.common import Row, scratch
from fieldkit.paths import Home
from fieldkit.photos import REPORT_SIZE, THUMB_SIZE, import_photos
from fieldkit.store import Store
from tests.photo_factory import camera_jpeg

COUNT = 40
ROUNDS = 3


def _make(args: tuple[Path, int]) -> int:
    path, seed = args
    camera_jpeg(path, seed=seed)
    return path.stat().st_size


def make_photos(folder: Path) -> list[Path]:
    paths = [folder / f"DSC_{i:04d}.JPG" for i in range(COUNT)]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(_make, [(p, 1000 + i) for i, p in enumerate(paths)]))
    return paths


def pillow_alone(paths: list[Path], out: Path) -> None:
    """What a plain Pillow script does for the same two derivatives, one decode per file."""
    for i, path in enumerate(paths):
        with Image.open(path) as im:
            w, h = im.size
            scale = min(1.0, REPORT_SIZE / max(w, h))
            size = (round(w * scale), round(h * scale))
            im.draft("RGB", size)
            report = im.resize(size, Image.Resampling.LANCZOS)
            report.info = im.info  # keep the EXIF so exif_transpose sees the orientation
            ImageOps.exif_transpose(report, in_place=True)
        thumb = report.copy()
        thumb.thumbnail((THUMB_SIZE, THUMB_SIZE), Image.Resampling.LANCZOS)
        report.save(out / f"{i}.report.jpg", "JPEG", quality=85)
        thumb.save(out / f"{i}.thumb.jpg", "JPEG", quality=80)


def fieldkit_import(paths: list[Path], root: Path, workers: int) -> None:
    home = Home(root).ensure()
    with Store.open(home, user="bench") as store:
        place = store.create_place(name="Bench", postcode="69001")
        visit = store.create_visit(place["id"], visited_on="2026-06-12")
        report = import_photos(store, visit["id"], paths, workers=workers)
    if len(report.imported) != len(paths):
        raise RuntimeError(f"bench import refused files: {report.refused}")


def best_rates(
    runs: dict[str, Callable[[Path], None]], count: int, base: Path
) -> dict[str, tuple[float, dict[str, float]]]:
    """Best photos/s of each contender over ROUNDS rounds, with the CPU time per photo
    and the cores kept busy in that round. The rounds interleave the contenders, so a
    burst of load from other processes hits them all alike."""
    best: dict[str, tuple[float, dict[str, float]]] = {label: (0.0, {}) for label in runs}
    for r in range(ROUNDS):
        for label, run in runs.items():
            target = base / f"{label}-{r}"
            target.mkdir()
            started, cpu_started = time.perf_counter(), time.process_time()
            run(target)
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
            rate = count / elapsed
            if rate > best[label][0]:
                best[label] = (
                    rate,
                    {
                        "cpu_ms_per_photo": round(cpu / count * 1000, 1),
                        "cores_busy": round(cpu / elapsed, 2),
                    },
                )
            shutil.rmtree(target)
    return best


def run() -> list[Row]:
    folder = scratch("photos")
    try:
        src = folder / "camera"
        src.mkdir()
        started = time.perf_counter()
        paths = make_photos(src)
        made_in = time.perf_counter() - started
        sizes = [p.stat().st_size / 1e6 for p in paths]
        with Image.open(paths[0]) as im:
            megapixels = im.width * im.height / 1e6
        info = {
            "files": len(paths),
            "megapixels": round(megapixels, 1),
            "mb_min": round(min(sizes), 2),
            "mb_max": round(max(sizes), 2),
            "mb_mean": round(sum(sizes) / len(sizes), 2),
            "generated_in_s": round(made_in, 1),
            "cpus": os.cpu_count(),
            "rounds": ROUNDS,
        }
        info["load_before"] = round(os.getloadavg()[0], 2)
        rates = best_rates(
            {
                "pillow": lambda out: pillow_alone(paths, out),
                "one": lambda root: fieldkit_import(paths, root, 1),
                "two": lambda root: fieldkit_import(paths, root, 2),
            },
            len(paths),
            folder,
        )
        info["load_after"] = round(os.getloadavg()[0], 2)
        (pillow, pillow_cpu), (one, one_cpu), (two, two_cpu) = (
            rates["pillow"],
            rates["one"],
            rates["two"],
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ratio_store = one / pillow
    ratio_cores = two / one
    return [
        Row(
            "photos",
            "Pillow alone: draft + 2 derivatives",
            pillow,
            "photos/s",
            extra={**info, **pillow_cpu},
        ),
        Row("photos", "FieldKit import, 1 worker", one, "photos/s", extra=one_cpu),
        Row("photos", "FieldKit import, 2 workers", two, "photos/s", extra=two_cpu),
        Row(
            "photos",
            "import (1 worker) / Pillow alone",
            ratio_store,
            "ratio",
            "≥ 0.75",
            ratio_store >= 0.75,
        ),
        Row(
            "photos",
            "import 2 workers / 1 worker",
            ratio_cores,
            "ratio",
            "≥ 1.5",
            ratio_cores >= 1.5,
        ),
    ]
