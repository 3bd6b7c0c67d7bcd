"""Real image files for tests, the demo mission and benchmarks, made with Pillow.

Every helper writes a file and returns its path. Nothing here is a mock: the JPEGs carry
real EXIF blocks (DateTimeOriginal, GPS, Orientation), the HEIC files are encoded by
pillow-heif's x265 encoder, a "truncated" file is a real JPEG cut short and a "bomb" is a
real JPEG whose header declares more pixels than FieldKit accepts.

    from tests.photo_factory import make_jpeg, make_heic, MARKER_COLOURS
    path = make_jpeg(tmp_path / "a.jpg", orientation=6, taken_at="2026-05-04 10:11:12",
                     gps=(43.3442, 3.2158))

Marked images: a plain background with a red block in the top-left corner and a green
block in the top-right corner *of the stored pixels*, so a test can see where the corners
land once the EXIF orientation is applied (see :func:`corner_colours`).
"""

from __future__ import annotations

import datetime as dt
import os
import random
from fractions import Fraction
from pathlib import Path

from PIL import Image, ImageChops

RED = (220, 30, 30)
GREEN = (30, 190, 60)
BACKGROUND = (60, 70, 200)
MARKER_COLOURS = {"red": RED, "green": GREEN, "background": BACKGROUND}

EXIF_ORIENTATION = 0x0112
EXIF_IFD = 0x8769
GPS_IFD = 0x8825
DATETIME_ORIGINAL = 0x9003
OFFSET_TIME_ORIGINAL = 0x9011


def marked_image(size: tuple[int, int] = (120, 80), *, seed: int = 0) -> Image.Image:
    """Background, red block top-left, green block top-right; ``seed`` varies a few
    pixels in the middle so two marked images have different bytes (and sha256)."""
    w, h = size
    im = Image.new("RGB", size, BACKGROUND)
    block = max(2, min(w, h) // 4)
    im.paste(RED, (0, 0, block, block))
    im.paste(GREEN, (w - block, 0, w, block))
    if seed:
        rng = random.Random(seed)
        for _ in range(8):
            x, y = rng.randrange(block, max(block + 1, w - block)), rng.randrange(block, h)
            im.putpixel((x, y), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    return im


def exif_block(
    *,
    orientation: int | None = None,
    taken_at: str | dt.datetime | None = None,
    offset: str | None = None,
    gps: tuple[float, float] | None = None,
) -> Image.Exif:
    """An EXIF block as a camera writes it. ``taken_at``: datetime or "YYYY-MM-DD HH:MM:SS";
    ``gps``: (latitude, longitude) in signed decimal degrees, written as DMS rationals
    with N/S and E/W references."""
    exif = Image.Exif()
    if orientation is not None:
        exif[EXIF_ORIENTATION] = orientation
    if taken_at is not None:
        moment = (
            taken_at
            if isinstance(taken_at, dt.datetime)
            else dt.datetime.fromisoformat(str(taken_at))
        )
        sub = exif.get_ifd(EXIF_IFD)
        sub[DATETIME_ORIGINAL] = moment.strftime("%Y:%m:%d %H:%M:%S")
        if offset:
            sub[OFFSET_TIME_ORIGINAL] = offset
    if gps is not None:
        lat, lon = gps
        g = exif.get_ifd(GPS_IFD)
        g[0] = b"\x02\x02\x00\x00"  # GPSVersionID
        g[1] = "N" if lat >= 0 else "S"
        g[2] = _dms(abs(lat))
        g[3] = "E" if lon >= 0 else "W"
        g[4] = _dms(abs(lon))
    return exif


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = round((minutes_full - minutes) * 60, 4)
    # Rationals, as cameras write them (seconds with 1/10000 precision).
    return (
        float(degrees),
        float(minutes),
        float(Fraction(seconds).limit_denominator(10000)),
    )


def make_jpeg(
    path: str | os.PathLike[str],
    size: tuple[int, int] = (120, 80),
    *,
    image: Image.Image | None = None,
    orientation: int | None = None,
    taken_at: str | dt.datetime | None = None,
    offset: str | None = None,
    gps: tuple[float, float] | None = None,
    seed: int = 0,
    quality: int = 92,
) -> Path:
    """A JPEG of ``image`` (default: :func:`marked_image`) with the EXIF asked for."""
    path = Path(path)
    im = image if image is not None else marked_image(size, seed=seed)
    exif = exif_block(orientation=orientation, taken_at=taken_at, offset=offset, gps=gps)
    im.save(path, "JPEG", quality=quality, exif=exif.tobytes())
    return path


def make_heic(
    path: str | os.PathLike[str],
    size: tuple[int, int] = (120, 80),
    *,
    orientation: int | None = None,
    taken_at: str | dt.datetime | None = None,
    gps: tuple[float, float] | None = None,
    seed: int = 0,
) -> Path:
    """A real HEIC (HEVC-encoded by pillow-heif) of a marked image, with EXIF.

    With ``orientation``, pillow-heif stores the rotation in the HEIF container too, as
    phones do; a reader sees the image upright.
    """
    import pillow_heif

    pillow_heif.register_heif_opener()
    path = Path(path)
    im = marked_image(size, seed=seed)
    exif = exif_block(orientation=orientation, taken_at=taken_at, gps=gps)
    im.save(path, "HEIF", quality=90, exif=exif.tobytes())
    return path


def make_png(
    path: str | os.PathLike[str], size: tuple[int, int] = (120, 80), *, alpha: bool = False
) -> Path:
    path = Path(path)
    im = marked_image(size)
    if alpha:
        im = im.convert("RGBA")
        im.putalpha(128)
    im.save(path, "PNG")
    return path


def make_truncated(
    path: str | os.PathLike[str], size: tuple[int, int] = (640, 480), *, keep: float = 0.5
) -> Path:
    """A real JPEG (noisy, so its data is spread out) cut after ``keep`` of its bytes."""
    path = Path(path)
    rng = random.Random(7)
    im = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    im.save(path, "JPEG", quality=90)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def make_not_an_image(path: str | os.PathLike[str], text: str | None = None) -> Path:
    """A text file (with an image-like name, as people rename things)."""
    path = Path(path)
    path.write_text(text or "Compte rendu de visite — pas une photo.\n" * 20, encoding="utf-8")
    return path


def make_bomb_jpeg(path: str | os.PathLike[str], width: int = 60000, height: int = 60000) -> Path:
    """A tiny real JPEG whose frame header (SOF) is patched to declare width×height.

    60000×60000 (3.6 gigapixels) is past Pillow's own DecompressionBombError threshold;
    10000×10000 (100 MP) is past Image.MAX_IMAGE_PIXELS but below that threshold, where
    Pillow only warns and FieldKit's declared-size check must refuse it.
    """
    path = Path(path)
    im = Image.new("L", (8, 8), 128)
    im.save(path, "JPEG")
    data = bytearray(path.read_bytes())
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            raise ValueError("not a JPEG marker")
        marker = data[i + 1]
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):  # SOF0/1/2: precision, height, width
            data[i + 5 : i + 7] = height.to_bytes(2, "big")
            data[i + 7 : i + 9] = width.to_bytes(2, "big")
            break
        i += 2 + length
    else:
        raise ValueError("no SOF marker found")
    path.write_bytes(bytes(data))
    return path


def corner_colours(im: Image.Image) -> dict[str, tuple[int, int, int]]:
    """The colour near each corner (a few pixels in, away from JPEG edge artefacts)."""
    rgb = im.convert("RGB")
    w, h = rgb.size
    dx, dy = max(1, w // 16), max(1, h // 16)
    return {
        "top_left": rgb.getpixel((dx, dy)),
        "top_right": rgb.getpixel((w - 1 - dx, dy)),
        "bottom_left": rgb.getpixel((dx, h - 1 - dy)),
        "bottom_right": rgb.getpixel((w - 1 - dx, h - 1 - dy)),
    }  # type: ignore[return-value]


def nearest_marker(colour: tuple[int, int, int]) -> str:
    """ "red", "green" or "background": the marker colour closest to ``colour``."""
    return min(
        MARKER_COLOURS,
        key=lambda name: sum(
            (a - b) ** 2 for a, b in zip(MARKER_COLOURS[name], colour, strict=True)
        ),
    )


def camera_jpeg(
    path: str | os.PathLike[str],
    *,
    seed: int,
    size: tuple[int, int] = (4000, 3000),
    quality: int = 90,
    grain_sigma: float = 40,
    taken_at: str | dt.datetime | None = "2026-06-12 14:03:27",
    gps: tuple[float, float] | None = (45.7640, 4.8357),
) -> Path:
    """A camera-size photo (12 MP by default, about 4–6 MB): smooth gradients with
    grain and some sharp shapes, so it compresses like a real photo rather than a flat
    colour. Deterministic for a given seed."""
    path = Path(path)
    w, h = size
    rng = random.Random(seed)
    channels = []
    for c in range(3):
        # A smooth gradient at some angle, plus Gaussian grain (effect_noise is C code).
        gradient = Image.linear_gradient("L").rotate(rng.uniform(0, 360)).resize(size)
        grain = Image.effect_noise(size, grain_sigma + 4 * c)
        channels.append(ImageChops.add(gradient, grain, scale=2.0))
    im = Image.merge("RGB", channels)
    for _ in range(40):  # sharp-edged shapes: windows, tables, signs
        x0, y0 = rng.randrange(0, w - 200), rng.randrange(0, h - 200)
        box = (x0, y0, x0 + rng.randrange(40, 600), y0 + rng.randrange(40, 600))
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        im.paste(Image.blend(Image.new("RGB", size, colour).crop(box), im.crop(box), 0.3), box)
    exif = exif_block(orientation=1, taken_at=taken_at, gps=gps)
    im.save(path, "JPEG", quality=quality, exif=exif.tobytes())
    return path
