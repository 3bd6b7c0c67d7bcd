"""Peak memory of importing 89-megapixel photos (issue 13): the target is ≤ 1 GB for any
batch on the 2-core, 24 GB machine.

The files are made once (89.4 MP, just under the pixel limit, with shapes and lines so
codecs have something to do), then each batch is imported with four workers in a fresh
child process, which reads back its own peak resident memory (``VmHWM``: the import
starts no process of its own, so that is the whole tree; ``ru_maxrss`` would not do, as
Linux carries the parent's peak across fork and exec):

- four lossless WebPs;
- a mixed batch, one file per way of decoding: lossless and lossy WebP (libwebp scales
  while decoding), an RGBA PNG (reduced strip by strip), a TIFF with an EXIF orientation
  (Pillow turns it in memory), a progressive JPEG (draft mode keeps its coefficients),
  AVIF and HEIC (full-size decodes);
- each file of the mixed batch alone, to show which decode is the costliest.

``python -m bench photo_memory``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

import fieldkit.photos  # noqa: F401  (registers the HEIF opener and saver)
from bench.common import Row, scratch

BIG_SIZE = (9440, 9470)  # 89.4 MP, just under Pillow's (and FieldKit's) limit
WEBP_COUNT = 4
TARGET_MB = 1024

_PEAK_RSS_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from fieldkit.paths import Home
from fieldkit.photos import import_photos
from fieldkit.store import Store

def peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

home = Home(Path(sys.argv[1])).ensure()
store = Store.open(home)
place = store.create_place(name="Bench", postcode="29200")
visit = store.create_visit(place["id"], visited_on="2026-05-04")
started = time.perf_counter()
cpu = time.process_time()
report = import_photos(store, visit["id"], [Path(p) for p in sys.argv[2:]], workers=4)
print(json.dumps({
    "imported": len(report.imported),
    "refused": report.refused,
    "seconds": round(time.perf_counter() - started, 1),
    "cpu_seconds": round(time.process_time() - cpu, 1),
    "peak_mb": peak_mb(),
}))
"""


def _big_image() -> Image.Image:
    image = Image.new("RGB", BIG_SIZE, (60, 70, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 2000, 2000), fill=(220, 30, 30))
    for x in range(0, BIG_SIZE[0], 97):
        draw.line((x, 0, BIG_SIZE[0] - x, BIG_SIZE[1]), fill=(x % 255, 120, 40), width=9)
    return image


def make_big_files(folder: Path) -> dict[str, list[Path]]:
    """Four lossless WebPs, and one file of each other way of decoding."""
    folder.mkdir()
    image = _big_image()
    webps = []
    for i in range(WEBP_COUNT):
        webps.append(folder / f"big{i}.webp")
        image.save(webps[-1], "WEBP", lossless=True, method=0)
        image.putpixel((5000, 5000 + i), (i, i, i))  # four different files
    exif = Image.Exif()
    exif[0x0112] = 6
    mixed: dict[str, dict[str, Any]] = {
        "lossy.webp": {"format": "WEBP", "quality": 80, "method": 0},
        "rgba.png": {"format": "PNG", "compress_level": 1},
        "turned.tiff": {"format": "TIFF", "compression": "tiff_deflate", "exif": exif},
        "progressive.jpg": {"format": "JPEG", "quality": 90, "progressive": True},
        "photo.avif": {"format": "AVIF", "quality": 50, "speed": 10},
        "photo.heic": {"format": "HEIF", "quality": 50},
    }
    others = [webps[0]]
    for name, options in mixed.items():
        path = folder / name
        if name == "rgba.png":
            rgba = image.copy()
            rgba.putalpha(200)
            rgba.save(path, **options)
            del rgba
        else:
            image.save(path, **options)
        others.append(path)
    return {"webp": webps, "mixed": others}


def peak_rss(home: Path, paths: list[Path]) -> dict[str, Any]:
    """Import ``paths`` with 4 workers in a fresh child process; its peak RSS."""
    shutil.rmtree(home, ignore_errors=True)
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS_CHILD, str(home), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> list[Row]:
    folder = scratch("photo-memory")
    try:
        files = make_big_files(folder / "big")
        load_before = round(os.getloadavg()[0], 2)
        webp = peak_rss(folder / "home", files["webp"])
        mixed = peak_rss(folder / "home", files["mixed"])
        alone = {p.name: peak_rss(folder / "home", [p]) for p in files["mixed"]}
        load_after = round(os.getloadavg()[0], 2)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    loads = {"load_before": load_before, "load_after": load_after}
    rows = [
        Row(
            "photos",
            f"peak RSS, {WEBP_COUNT} × 89-MP WebP, 4 workers",
            webp["peak_mb"],
            "MB",
            f"≤ {TARGET_MB} MB",
            webp["peak_mb"] <= TARGET_MB and webp["imported"] == WEBP_COUNT,
            extra={**loads, **{k: v for k, v in webp.items() if k != "peak_mb"}},
        ),
        Row(
            "photos",
            "peak RSS, mixed 89-MP batch (WebP ×2, PNG, TIFF, JPEG, AVIF, HEIC), 4 workers",
            mixed["peak_mb"],
            "MB",
            f"≤ {TARGET_MB} MB",
            mixed["peak_mb"] <= TARGET_MB and mixed["imported"] == len(files["mixed"]),
            extra={k: v for k, v in mixed.items() if k != "peak_mb"},
        ),
    ]
    for name, result in alone.items():
        rows.append(
            Row(
                "photos",
                f"peak RSS, one 89-MP {name}",
                result["peak_mb"],
                "MB",
                f"≤ {TARGET_MB} MB",
                result["peak_mb"] <= TARGET_MB and result["imported"] == 1,
                extra={"seconds": result["seconds"], "cpu_seconds": result["cpu_seconds"]},
            )
        )
    return rows
