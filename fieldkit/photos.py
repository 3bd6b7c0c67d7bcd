"""Photo ingest: content-addressed originals, EXIF, orientation, derivatives (DESIGN §4).

An imported file is copied (never moved or modified) into ``blobs/ab/abcdef…``, named by
the sha256 of its bytes, so the same photo imported twice is stored once. The file is
read once; its bytes are hashed, written (and fsync'd) to a temporary file in
``blobs/.incoming`` on a helper thread while they are checked (a real image in a format
we read, not a decompression bomb, decodes to the end), and only then renamed into
place: a refused or failed file leaves nothing behind.

Two derivatives are cached under ``derivatives/ab/<sha256>.<kind>.jpg``: a thumbnail
(about 256 px) and a report-size copy (about 1600 px), both JPEG with the EXIF
orientation applied. They come from one decode of the original in Pillow's JPEG draft
mode (libjpeg's DCT scaling decodes at 1/2, 1/4 or 1/8 size directly), which is also the
decode that proves the file is not truncated.

Importing runs the hashing/decoding in a thread pool (Pillow and hashlib release the GIL
for the heavy parts) while every database write stays on the calling thread, one
transaction per photo: the store's one-writer rule holds.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import functools
import hashlib
import io
import os
import re
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pillow_heif
from PIL import Image, features

from fieldkit import encryption, webp_scaled
from fieldkit.errors import FieldKitError, PhotoError
from fieldkit.paths import Home
from fieldkit.store import Store

# HEIC/HEIF from phones: pillow-heif adds an opener for Image.open().
pillow_heif.register_heif_opener()

THUMB_SIZE = 256
REPORT_SIZE = 1600
DERIVATIVE_SIZES = {"thumb": THUMB_SIZE, "report": REPORT_SIZE}
DERIVATIVE_QUALITY = {"thumb": 80, "report": 85}

# Formats a camera or phone produces. MPO is how Pillow names JPEGs that carry a second
# (preview or depth) image, which many cameras write.
FORMAT_MIME = {
    "JPEG": "image/jpeg",
    "MPO": "image/jpeg",
    "HEIF": "image/heif",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "TIFF": "image/tiff",
}
# AVIF (phones save it now) when the installed Pillow reads it (its AVIF plugin, 11.2+).
if features.check("avif"):
    FORMAT_MIME["AVIF"] = "image/avif"

#: The formats named in refusals (« JPEG, HEIC, PNG, WebP, TIFF and AVIF »).
READABLE_FORMATS = "JPEG, HEIC, PNG, WebP, TIFF" + (" and AVIF" if "AVIF" in FORMAT_MIME else "")

#: Bytes that the decodes in flight across the import workers may take together, as
#: estimated by :func:`_decode_cost` (a file costing more is decoded alone). With the
#: process's own ~60 MB and the costliest single 89-MP file (an AVIF, ~800 MB),
#: importing any batch stays under 1 GB (bench/bench_photos.py measures it).
MEMORY_BUDGET = 600_000_000
#: Peak bytes per declared pixel of one decode, by format (measured on 89-MP files with
#: bench/bench_photos.py). JPEG decodes at reduced size (progressive ones keep their
#: coefficients: 3 bytes a pixel); WebP too, but a lossless one needs its full ARGB
#: buffer; the rest decode at full size (4 bytes a pixel in Pillow) plus the codec's
#: own buffers, and Pillow turns a TIFF a second time in memory.
_BYTES_PER_PIXEL = {
    "JPEG": 1.0,
    "MPO": 1.0,
    "WEBP": 4.5,
    "PNG": 6.0,
    "HEIF": 7.5,
    "TIFF": 8.0,
    "AVIF": 9.5,
}
_BYTES_PER_PIXEL_OTHER = 8.0

# Larger files than this are not photos from the field; refusing early saves a long copy.
MAX_FILE_BYTES = 256 * 1024 * 1024
# Declared pixels above this are refused before any decoding: Pillow's own default limit
# (about 89 MP: every phone and nearly every camera is below it). Kept here too so that
# code elsewhere raising or clearing Image.MAX_IMAGE_PIXELS does not lift our guard.
MAX_PIXELS = 89_478_485
# A temporary copy older than this was left by a crash (a live import takes seconds).
STALE_INCOMING_SECONDS = 3600
COPY_CHUNK = 1024 * 1024
# Files up to this size are read into memory once (hashed, written and decoded from the
# same bytes); larger ones are streamed through a temporary file.
IN_MEMORY_MAX_BYTES = 64 * 1024 * 1024
INCOMING_DIR = ".incoming"
# Temporary copies an import of this process is writing: a sweep leaves them alone.
_IN_FLIGHT: set[Path] = set()
_IN_FLIGHT_LOCK = threading.Lock()

# What a failed database write of one photo raises (SQLCipher's errors are not sqlite3's).
_SAVE_ERRORS: tuple[type[BaseException], ...] = (FieldKitError, *encryption.database_errors())

_SHA256 = re.compile(r"[0-9a-f]{64}")  # used with fullmatch: "$" passes a trailing newline
_EXIF_ORIENTATION = 0x0112
_EXIF_DATETIME = 0x0132
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME_ORIGINAL = 0x9003
_DATETIME_DIGITIZED = 0x9004
_OFFSET_TIME_ORIGINAL = 0x9011

# EXIF orientation -> the transpose that shows the image upright (as ImageOps.exif_transpose).
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class BlobInfo:
    """What ingesting one file learnt about it. Width and height are as displayed
    (after the EXIF orientation); ``orientation`` is the EXIF value, 1–8."""

    sha256: str
    size: int
    mime: str
    width: int
    height: int
    taken_at: str | None
    latitude: float | None
    longitude: float | None
    orientation: int
    format: str = ""
    original_name: str = ""
    created: bool = False  # this call added the file to the store (it was not there before)


@dataclass(frozen=True)
class DerivativeInfo:
    kind: str  # thumb, report
    path: str  # relative to home.derivatives_dir
    width: int
    height: int


@dataclass
class ImportReport:
    """What a batch import did; the GUI and the CLI show it as is."""

    imported: list[dict[str, Any]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    refused_codes: list[str] = field(default_factory=list)  # PhotoError.code of each refusal
    duplicates: list[str] = field(default_factory=list)  # already in this visit
    cancelled: bool = False  # stopped early: files after the last one handled were not read

    def refuse(self, path: str | os.PathLike[str], reason: str, code: str) -> None:
        self.refused.append((str(path), reason))
        self.refused_codes.append(code)

    @property
    def handled(self) -> int:
        return len(self.imported) + len(self.refused) + len(self.duplicates)


@dataclass
class _Prepared:
    """A file checked and stored on disk, waiting for its database rows."""

    blob: BlobInfo
    derivatives: list[DerivativeInfo]
    created_files: list[Path]  # what to remove if the database write fails


# -- paths ------------------------------------------------------------------------------


def _check_sha(sha256: str) -> None:
    if not _SHA256.fullmatch(sha256 or ""):
        raise PhotoError(f"{sha256!r} is not a sha256 digest.", code="bad_sha256", sha256=sha256)


def blob_path(home: Home, sha256: str) -> Path:
    """Where the original with this sha256 lives: ``blobs/ab/abcdef…``."""
    _check_sha(sha256)
    return home.blobs_dir / sha256[:2] / sha256


def derivative_path(home: Home, sha256: str, kind: str) -> Path:
    """Where a derivative is cached (it may not exist yet; see :func:`derivative`)."""
    _check_sha(sha256)
    _check_kind(kind)
    return home.derivatives_dir / _derivative_relpath(sha256, kind)


def _derivative_relpath(sha256: str, kind: str) -> str:
    return f"{sha256[:2]}/{sha256}.{kind}.jpg"


def _check_kind(kind: str) -> None:
    if kind not in DERIVATIVE_SIZES:
        raise PhotoError(
            f"Unknown derivative kind {kind!r} (one of {', '.join(DERIVATIVE_SIZES)}).",
            code="bad_derivative_kind",
            kind=kind,
        )


# -- ingest -------------------------------------------------------------------------------


def ingest_blob(home: Home, path: str | os.PathLike[str]) -> BlobInfo:
    """Check one file and copy it into the content-addressed store; no database.

    Also caches its two derivatives (they come from the decode that checks the file).
    Raises PhotoError naming the file and the reason; on error nothing is left behind.
    """
    return _prepare(home, Path(path)).blob


def sweep_incoming(home: Home, *, older_than: float = STALE_INCOMING_SECONDS) -> int:
    """Remove temporary copies a crashed import left behind; returns how many."""
    removed = 0
    now = time.time()
    for folder, pattern in (
        (home.blobs_dir / INCOMING_DIR, "*.part"),
        (home.derivatives_dir, "??/.*.part"),
    ):
        for p in folder.glob(pattern):
            with _IN_FLIGHT_LOCK:
                if p in _IN_FLIGHT:
                    continue
            try:
                if now - p.stat().st_mtime >= older_than:
                    p.unlink()
                    removed += 1
            except FileNotFoundError:
                pass  # another import finished with it meanwhile
    return removed


def _refuse(source: Path, reason: str, code: str, **params: Any) -> PhotoError:
    return PhotoError(f"{source}: {reason}", code=code, path=str(source), **params)


def _prepare(home: Home, source: Path) -> _Prepared:
    """The worker's part of an import: copy+hash, check, read EXIF, make derivatives."""
    try:
        st = source.stat()
    except FileNotFoundError:
        raise _refuse(source, "file not found.", "file_not_found") from None
    except OSError as exc:
        raise _refuse(source, f"cannot be read ({exc.strerror}).", "unreadable") from None
    if not source.is_file():
        raise _refuse(source, "is not a file.", "not_a_file")
    if st.st_size == 0:
        raise _refuse(source, "is empty (0 bytes), not an image.", "empty_file")
    if st.st_size > MAX_FILE_BYTES:
        raise _refuse(
            source,
            f"is too large for a photo ({st.st_size / 1e6:.0f} MB; "
            f"the limit is {MAX_FILE_BYTES / 1e6:.0f} MB).",
            "file_too_large",
        )

    incoming = home.blobs_dir / INCOMING_DIR
    incoming.mkdir(parents=True, exist_ok=True)
    tmp = incoming / f"{uuid.uuid4().hex}.part"
    created: list[Path] = []
    writer: _DurableWrite | None = None
    with _IN_FLIGHT_LOCK:
        _IN_FLIGHT.add(tmp)
    try:
        if st.st_size <= IN_MEMORY_MAX_BYTES:
            # One read; the durable write (its fsync waits on the disk, not the CPU) runs
            # on its own thread while this one decodes the very same bytes.
            data = _read(source)
            size = len(data)
            sha256 = hashlib.sha256(data).hexdigest()
            final = home.blobs_dir / sha256[:2] / sha256
            blob_known = final.is_file()
            if not blob_known:
                writer = _DurableWrite(home, source, tmp, data)
            image_source: IO[bytes] = io.BytesIO(data)
        else:
            sha256, size = _copy_and_hash(home, source, tmp)
            final = home.blobs_dir / sha256[:2] / sha256
            blob_known = final.is_file()
            # In an encrypted data directory the copy is sealed: read it back decrypted.
            image_source = encryption.open_read(home, tmp)
        try:
            infos, mime, fmt, dims, orientation, exif_data = _check_and_derive(
                home, source, image_source, sha256, created, skip_decode=blob_known
            )
        finally:
            image_source.close()
            if writer is not None:
                writer.join()
        if writer is not None:
            writer.raise_error()
        if blob_known:
            tmp.unlink(missing_ok=True)
        else:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)
            created.append(final)
            _fsync_dir(final.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        for p in created:
            p.unlink(missing_ok=True)
        raise
    finally:
        with _IN_FLIGHT_LOCK:
            _IN_FLIGHT.discard(tmp)
    taken_at, lat, lon = exif_data
    blob = BlobInfo(
        sha256=sha256,
        size=size,
        mime=mime,
        width=dims[0],
        height=dims[1],
        taken_at=taken_at,
        latitude=lat,
        longitude=lon,
        orientation=orientation,
        format=fmt,
        original_name=source.name,
        created=not blob_known,
    )
    return _Prepared(blob, infos, created)


def _read(source: Path) -> bytes:
    try:
        return source.read_bytes()
    except OSError as exc:
        raise _refuse(source, f"cannot be read ({exc.strerror or exc}).", "unreadable") from None


class _DurableWrite(threading.Thread):
    """Write bytes to a new file (sealed if the data directory is encrypted) and fsync
    it, on a thread of its own."""

    def __init__(self, home: Home, source: Path, dest: Path, data: bytes) -> None:
        super().__init__(name="fieldkit-blob-write", daemon=True)
        self.home, self.source, self.dest, self.data = home, source, dest, data
        self.error: OSError | None = None
        self.start()

    def run(self) -> None:
        try:
            with encryption.open_write(self.home, self.dest, fsync=True) as out:
                out.write(self.data)
        except OSError as exc:
            self.error = exc

    def raise_error(self) -> None:
        if self.error is not None:
            raise _refuse(
                self.source,
                f"could not be copied ({self.error.strerror or self.error}).",
                "copy_failed",
            )


def _copy_and_hash(home: Home, source: Path, dest: Path) -> tuple[str, int]:
    """Copy in chunks, hashing as we go (one read of the source); fsync'd, since the
    user may wipe the camera card once FieldKit says the photo is imported."""
    digest = hashlib.sha256()
    size = 0
    buf = bytearray(COPY_CHUNK)
    view = memoryview(buf)
    try:
        with source.open("rb") as src, encryption.open_write(home, dest, fsync=True) as out:
            while n := src.readinto(buf):
                chunk = view[:n]
                digest.update(chunk)
                out.write(chunk)
                size += n
    except OSError as exc:
        raise _refuse(
            source, f"could not be copied ({exc.strerror or exc}).", "copy_failed"
        ) from None
    return digest.hexdigest(), size


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open a folder, and needs no such step."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_and_derive(
    home: Home,
    source: Path,
    image_source: IO[bytes],
    sha256: str,
    created: list[Path],
    *,
    skip_decode: bool,
) -> tuple[
    list[DerivativeInfo],
    str,
    str,
    tuple[int, int],
    int,
    tuple[str | None, float | None, float | None],
]:
    try:
        im = Image.open(image_source)
    except Image.DecompressionBombError as exc:
        raise _refuse(
            source,
            f"refused as a possible decompression bomb ({exc}).",
            "decompression_bomb",
        ) from None
    except Exception as exc:  # no plugin knows it, or one choked on a damaged header
        raise _unreadable(source, image_source, exc) from None
    with im:
        fmt = im.format or ""
        if fmt not in FORMAT_MIME:
            name = fmt or "unknown"
            article = "an" if name[:1].upper() in "AEIOU" else "a"
            raise _refuse(
                source,
                f"is {article} {name} image; FieldKit imports {READABLE_FORMATS} photos.",
                "unsupported_format",
                format=fmt,
            )
        _check_declared_size(source, im.size)
        orientation, to_apply = _orientation(im)
        exif_data = _read_exif(im)
        w, h = im.size
        if to_apply in (5, 6, 7, 8):
            w, h = h, w
        paths = {k: home.derivatives_dir / _derivative_relpath(sha256, k) for k in DERIVATIVE_SIZES}
        if skip_decode and all(p.is_file() for p in paths.values()):
            # The same bytes were decoded in full when they entered the store.
            infos = [
                DerivativeInfo(k, _derivative_relpath(sha256, k), *_image_size(home, p))
                for k, p in paths.items()
            ]
        else:
            infos = _render_and_save(home, im, image_source, sha256, to_apply, created, source)
    return infos, FORMAT_MIME[fmt], fmt, (w, h), orientation, exif_data


def _sniff(head: bytes) -> str | None:
    """The format a file's first bytes announce, to tell a damaged photo from a non-image."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[4:8] == b"ftyp" and head[8:12] in (
        b"heic",
        b"heix",
        b"mif1",
        b"msf1",
        b"heim",
        b"hevc",
    ):
        return "HEIC"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "AVIF"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WebP"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    return None


def _unreadable(source: Path, raw: IO[bytes], exc: BaseException) -> PhotoError:
    """Why an image could not be opened or decoded, told from the file itself (the format
    its first bytes announce, and whether its container ends before the image does), never
    from the decoder's message, whose wording changes from one library version to the next
    (pillow-heif 1.x words a cut-short HEIC unlike 0.x) and is English internals."""
    if isinstance(exc, webp_scaled.WebPDecodeError) and exc.truncated:
        # libwebp's own status: the decode ran out of data before the image was whole.
        return _refuse(source, _TRUNCATED, "truncated", format="WebP")
    raw.seek(0)
    data = raw.read()
    looks_like = _sniff(data[:16])
    if looks_like is None:
        return _refuse(
            source,
            f"is not an image (or not a format FieldKit reads: {READABLE_FORMATS}).",
            "not_an_image",
        )
    if _cut_short(data, looks_like):
        return _refuse(source, _TRUNCATED, "truncated", format=looks_like)
    return _refuse(
        source,
        f"starts like a {looks_like} photo but cannot be read: it is damaged.",
        "damaged_image",
        format=looks_like,
        cause=type(exc).__name__,
    )


_TRUNCATED = "is truncated (the file ends before the image does)."


def _cut_short(data: bytes, fmt: str) -> bool:
    """Whether a file of the format ``fmt`` ends before its container says the image does.

    JPEG: no End-Of-Image marker after the first Start-Of-Scan (inside entropy-coded data a
    0xFF is always followed by 0x00 or a restart marker, so FF D9 there is the real end).
    PNG: the chunks run past the end of the file, or stop before IEND. HEIC and AVIF (ISO
    boxes) and WebP (RIFF): a box, or the RIFF chunk, declares more bytes than the file has.
    TIFF's offsets point anywhere in the file: a damaged TIFF is not told apart.
    """
    if fmt == "JPEG":
        scan = data.find(b"\xff\xda")
        return scan < 0 or data.find(b"\xff\xd9", scan) < 0
    if fmt == "PNG":
        pos = 8
        while pos + 8 <= len(data):
            length = int.from_bytes(data[pos : pos + 4], "big")
            end = pos + 12 + length
            if end > len(data):
                return True
            if data[pos + 4 : pos + 8] == b"IEND":
                return False
            pos = end
        return True
    if fmt in ("HEIC", "AVIF"):
        pos = 0
        while pos < len(data):
            if pos + 8 > len(data):
                return True
            size = int.from_bytes(data[pos : pos + 4], "big")
            if size == 1:  # a 64-bit size follows the type
                if pos + 16 > len(data):
                    return True
                size = int.from_bytes(data[pos + 8 : pos + 16], "big")
            elif size == 0:  # the last box, to the end of the file
                return False
            if size < 8:
                return False  # not a size at all: damaged, not cut
            pos += size
        return pos > len(data)
    if fmt == "WebP":
        return int.from_bytes(data[4:8], "little") + 8 > len(data)
    return False


def _check_declared_size(source: Path, size: tuple[int, int]) -> None:
    """Pillow refuses above 2 × MAX_IMAGE_PIXELS (and only warns above it); we refuse
    anything over the limit itself, from the dimensions the header declares, before any
    pixel is decoded."""
    w, h = size
    if w <= 0 or h <= 0:
        raise _refuse(source, f"declares an empty image ({w}×{h}).", "bad_dimensions")
    limit = min(MAX_PIXELS, Image.MAX_IMAGE_PIXELS or MAX_PIXELS)
    if w * h > limit:
        raise _refuse(
            source,
            f"declares {w}×{h} pixels ({w * h / 1e6:.0f} MP), more than the "
            f"{limit / 1e6:.0f} MP limit: refused as a possible decompression bomb.",
            "decompression_bomb",
            width=w,
            height=h,
        )


def _image_size(home: Home, path: Path) -> tuple[int, int]:
    with encryption.open_read(home, path) as fh, Image.open(fh) as im:
        return im.size


def _orientation(im: Image.Image) -> tuple[int, int]:
    """(EXIF orientation as shot, orientation still to apply to the decoded pixels).

    pillow-heif applies a HEIC's rotation while decoding, resets the EXIF tag to 1 and
    keeps the original in ``info['original_orientation']``.
    """
    try:
        value = int(im.getexif().get(_EXIF_ORIENTATION) or 1)
    except Exception:  # a damaged EXIF block is not a reason to refuse the photo
        value = 1
    to_apply = value if value in _TRANSPOSE else 1
    if im.format == "TIFF" and _pillow_turns_tiffs():
        to_apply = 1  # Pillow applies it while decoding (and already swapped the size)
    original = im.info.get("original_orientation")
    if isinstance(original, int) and 1 <= original <= 8:
        return original, to_apply
    return (value if 1 <= value <= 8 else 1), to_apply


@functools.cache
def _pillow_turns_tiffs() -> bool:
    """Whether the installed Pillow applies a TIFF's EXIF orientation itself (11.1 and
    later do, at load): asked of a 2×1 TIFF turned a quarter, once per process."""
    probe = io.BytesIO()
    exif = Image.Exif()
    exif[_EXIF_ORIENTATION] = 6
    Image.new("L", (2, 1)).save(probe, "TIFF", exif=exif)
    probe.seek(0)
    with Image.open(probe) as im:
        return im.size == (1, 2)


def _render_and_save(
    home: Home,
    im: Image.Image,
    raw: IO[bytes],
    sha256: str,
    orientation: int,
    created: list[Path],
    source: Path,
) -> list[DerivativeInfo]:
    try:
        images = _render(im, orientation)
    except Image.DecompressionBombError as exc:
        raise _refuse(
            source, f"refused as a possible decompression bomb ({exc}).", "decompression_bomb"
        ) from None
    except Exception as exc:
        raise _unreadable(source, raw, exc) from None
    icc = im.info.get("icc_profile")
    infos = []
    for kind, image in images.items():
        rel = _derivative_relpath(sha256, kind)
        target = home.derivatives_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.parent / f".{uuid.uuid4().hex}.part"
        encoded = io.BytesIO()
        image.save(encoded, "JPEG", quality=DERIVATIVE_QUALITY[kind], icc_profile=icc)
        try:
            encryption.write_bytes(home, tmp, encoded.getvalue())
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        created.append(target)
        infos.append(DerivativeInfo(kind, rel, image.width, image.height))
    return infos


def _fit(size: tuple[int, int], box: int) -> tuple[int, int]:
    """The size that fits in a box×box square, keeping the ratio; never enlarged."""
    w, h = size
    scale = min(1.0, box / max(w, h))
    return max(1, round(w * scale)), max(1, round(h * scale))


def _render(im: Image.Image, orientation: int) -> dict[str, Image.Image]:
    """Decode once, at reduced size where the format allows (JPEG's DCT scaling in draft
    mode, libwebp's scaler for WebP stills), then make both derivatives, resizing before
    rotating so the rotation works on fewer pixels. Other formats are decoded at full
    size once and reduced strip by strip: no second full-size copy is ever made."""
    report_size = _fit(im.size, REPORT_SIZE)
    base = _webp_at(im, report_size) if im.format == "WEBP" else None
    if base is None:
        if im.format in ("JPEG", "MPO"):
            im.draft("RGB", report_size)
        im.load()
        base = _reduced_rgb(im, report_size)
    else:
        base = _as_rgb(base)
    report = (
        base if base.size == report_size else base.resize(report_size, Image.Resampling.LANCZOS)
    )
    if orientation in _TRANSPOSE:
        report = report.transpose(_TRANSPOSE[orientation])
    thumb = report.resize(_fit(report.size, THUMB_SIZE), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return {"thumb": thumb, "report": report}


def _webp_at(im: Image.Image, size: tuple[int, int]) -> Image.Image | None:
    """A WebP still decoded by libwebp straight at ``size`` (None: let Pillow do it)."""
    fp = getattr(im, "fp", None)  # an ImageFile's source, still open (not loaded yet)
    if not webp_scaled.available() or fp is None:
        return None
    fp.seek(0)
    data = fp.read()
    return webp_scaled.decode_scaled(data, size)


#: Pixels converted at a time when a full-size decode is reduced strip by strip.
_STRIP_PIXELS = 4_000_000


def _reduced_rgb(im: Image.Image, target: tuple[int, int]) -> Image.Image:
    """The decoded image in RGB (or L), box-reduced by the largest whole factor that
    keeps it at least twice the target (Pillow's ``reducing_gap=2``: LANCZOS then
    finishes the job as well as from full size). Conversion and reduction go strip by
    strip, so memory holds the decoded image plus one small strip, never a second
    full-size copy (an 89-MP RGBA PNG flattened at once took three)."""
    w, h = im.size
    factor = max(1, min(w // (2 * target[0]), h // (2 * target[1])))
    if factor == 1 and im.mode in ("RGB", "L"):
        return im
    rows = max(factor, _STRIP_PIXELS // w // factor * factor)
    reduced: Image.Image | None = None
    for top in range(0, h, rows):
        strip = _as_rgb(im.crop((0, top, w, min(h, top + rows))))
        if factor > 1:
            strip = strip.reduce(factor)
        if reduced is None:
            reduced = Image.new(strip.mode, (-(-w // factor), -(-h // factor)))
        reduced.paste(strip, (0, top // factor))
    assert reduced is not None
    return reduced


def _as_rgb(im: Image.Image) -> Image.Image:
    if im.mode in ("RGB", "L"):
        return im
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if im.mode.startswith("I;16") or im.mode in ("I", "F"):
        # 16-bit greys (some TIFFs): scale down to 8 bits rather than clip to white.
        # Pillow's point() takes only native 16-bit modes: big-endian ("I;16B") and the
        # like go through 32-bit integers first.
        if im.mode not in ("I;16", "I", "F"):
            im = im.convert("I")
        return im.point(lambda v: v / 256).convert("L")
    return im.convert("RGB")


# -- EXIF ---------------------------------------------------------------------------------


def _read_exif(im: Image.Image) -> tuple[str | None, float | None, float | None]:
    """(taken_at ISO, latitude, longitude); a damaged EXIF block just yields Nones."""
    try:
        exif = im.getexif()
    except Exception:
        return None, None, None
    try:
        taken_at = _taken_at(exif)
    except Exception:
        taken_at = None
    try:
        lat, lon = _gps(exif)
    except Exception:
        lat, lon = None, None
    return taken_at, lat, lon


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return str(value or "").strip("\x00 ").strip()


def _taken_at(exif: Image.Exif) -> str | None:
    sub = exif.get_ifd(_EXIF_IFD)
    candidates = (
        sub.get(_DATETIME_ORIGINAL),
        sub.get(_DATETIME_DIGITIZED),
        exif.get(_EXIF_DATETIME),
    )
    for index, raw in enumerate(candidates):
        text = _text(raw)
        try:
            moment = dt.datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
        except ValueError:
            continue  # blank, "0000:00:00 00:00:00", or not a date at all
        iso = moment.isoformat()
        offset = _text(sub.get(_OFFSET_TIME_ORIGINAL))
        # The offset belongs to DateTimeOriginal only; the fallbacks stay local time.
        if index == 0 and re.fullmatch(r"[+-]\d\d:\d\d", offset):
            iso += offset
        return iso
    return None


def _gps(exif: Image.Exif) -> tuple[float | None, float | None]:
    gps = exif.get_ifd(_GPS_IFD)
    if not gps:
        return None, None
    lat = _degrees(gps.get(2), gps.get(1), "S")
    lon = _degrees(gps.get(4), gps.get(3), "W")
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    if lat == 0 and lon == 0:
        return None, None  # cameras without a fix write 0/0
    return round(lat, 7), round(lon, 7)


def _degrees(value: Any, ref: Any, negative_ref: str) -> float | None:
    if value is None:
        return None
    parts = list(value) if isinstance(value, tuple | list) else [value]
    total = 0.0
    for part, unit in zip(parts[:3], (1, 60, 3600), strict=False):
        number = float(part)
        if number != number:  # NaN: a rational with a zero denominator
            return None
        total += number / unit
    if _text(ref).upper().startswith(negative_ref):
        total = -total
    return total


# -- derivatives on demand -----------------------------------------------------------------


def derivative(home: Home, sha256: str, kind: str) -> Path:
    """The cached derivative's path, made now from the original if it is missing.

    The file is sealed in an encrypted data directory: read it with
    :func:`derivative_bytes`. Raises PhotoError if the original is not in the store
    (e.g. not downloaded yet).
    """
    target = derivative_path(home, sha256, kind)
    if not target.is_file():
        ensure_derivatives(home, sha256)
    return target


def derivative_bytes(home: Home, sha256: str, kind: str) -> bytes:
    """The derivative's JPEG bytes, decrypted in memory (never on disk) when sealed."""
    return encryption.read_bytes(home, derivative(home, sha256, kind))


def open_original(home: Home, sha256: str) -> IO[bytes]:
    """The original's plaintext bytes, as a seekable file (decrypted as it is read)."""
    return encryption.open_read(home, blob_path(home, sha256))


def ensure_derivatives(home: Home, sha256: str) -> None:
    """Make both derivatives of a stored original if either is missing."""
    _ensure_derivatives(home, sha256)


def _ensure_derivatives(home: Home, sha256: str) -> list[DerivativeInfo]:
    paths = {k: derivative_path(home, sha256, k) for k in DERIVATIVE_SIZES}
    if all(p.is_file() for p in paths.values()):
        return [
            DerivativeInfo(k, _derivative_relpath(sha256, k), *_image_size(home, p))
            for k, p in paths.items()
        ]
    original = blob_path(home, sha256)
    if not original.is_file():
        raise PhotoError(
            f"The original of photo {sha256[:12]}… is not in the photo store "
            f"({original}); its thumbnail and report copy cannot be made.",
            code="blob_missing",
            sha256=sha256,
        )
    with encryption.open_read(home, original) as fh:
        try:
            im = Image.open(fh)
        except Exception as exc:
            raise _unreadable(original, fh, exc) from None
        with im:
            _check_declared_size(original, im.size)
            _, to_apply = _orientation(im)
            return _render_and_save(home, im, fh, sha256, to_apply, [], original)


# -- import into the store ------------------------------------------------------------------


def _home_of(store: Store) -> Home:
    if store.home is None:
        raise PhotoError(
            "This store has no data directory, so it cannot hold photos.", code="no_photo_store"
        )
    return store.home


def import_photo(
    store: Store, visit_id: str, path: str | os.PathLike[str], *, caption: str = ""
) -> dict[str, Any]:
    """Import one file into a visit; returns the photo row.

    Raises PhotoError (the file is refused, or is already in this visit: code
    ``duplicate``) or NotFoundError (no such visit); nothing is half-imported.
    """
    home = _home_of(store)
    store.require("visit", visit_id)
    sweep_incoming(home)
    source = Path(path)
    prepared = _prepare(home, source)
    try:
        existing = _photo_with_blob(store, visit_id, prepared.blob.sha256)
        if existing is not None:
            raise _refuse(
                source,
                "is already in this visit (the same photo was imported before).",
                "duplicate",
                photo_id=existing,
            )
        return _commit(store, visit_id, prepared, caption)
    except BaseException:
        _discard(store, prepared, pending=set())
        raise


def import_photos(
    store: Store,
    visit_id: str,
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
    caption: str = "",
) -> ImportReport:
    """Import many files into a visit, keeping their order as photo positions.

    Each file is imported, refused (with the reason) or skipped as a duplicate; one bad
    file never stops the others. ``progress(done, total)`` is called after each file;
    ``cancelled()`` is polled between files: photos already imported stay, the rest are
    left untouched. Raises NotFoundError, changing nothing, if the visit does not exist.
    """
    home = _home_of(store)
    store.require("visit", visit_id)
    sweep_incoming(home)
    sources = [Path(p) for p in paths]
    total = len(sources)
    report = ImportReport()
    in_visit = {row["blob"] for row in store.photos(visit_id)}
    workers = max(1, workers or os.cpu_count() or 1)
    ahead = workers * 2  # bounded read-ahead: decoded images are large
    # Memory follows what the decodes take, not the number of files: a file starts only
    # while the decodes already in flight leave room for its own (one at a time for
    # 89-megapixel images, several at once for phone photos).
    in_flight: dict[int, int] = {}  # index of a queued file → its estimated decode bytes

    def is_cancelled() -> bool:
        return bool(cancelled and cancelled())

    if progress:
        progress(0, total)
    queue: deque[tuple[Path, Future[_Prepared]]] = deque()
    next_index = 0
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fieldkit-photo") as pool:
        try:
            while next_index < total or queue:
                if is_cancelled():
                    report.cancelled = True
                    break
                while next_index < total and len(queue) < ahead:
                    source = sources[next_index]
                    cost = _decode_cost(source)
                    if queue and sum(in_flight.values()) + cost > MEMORY_BUDGET:
                        break  # wait for the oldest file in flight to be done
                    in_flight[next_index] = cost
                    queue.append((source, pool.submit(_prepare, home, source)))
                    next_index += 1
                source, future = queue.popleft()
                cost = in_flight.pop(min(in_flight), 0)  # files leave the queue in order
                wait_futures([future])
                if cost > TRIM_AFTER_BYTES:
                    _give_back_memory()  # before the next large file starts
                try:
                    prepared = future.result()
                except PhotoError as exc:
                    report.refuse(source, _reason(exc, source), exc.code)
                except Exception as exc:  # an unexpected failure only refuses this file
                    report.refuse(source, f"could not be imported ({exc}).", "import_failed")
                else:
                    if is_cancelled():
                        queue.appendleft((source, future))
                        report.cancelled = True
                        break
                    _record(store, visit_id, source, prepared, caption, in_visit, queue, report)
                if progress:
                    progress(report.handled, total)
        finally:
            # Cancelled (or a callback raised): files already prepared but not recorded
            # are removed again, unless another photo uses the same blob.
            for _, future in queue:
                future.cancel()
            for _, future in queue:
                if not future.cancelled() and future.exception() is None:
                    _discard(store, future.result(), pending=set())
    return report


def _glibc() -> Any:
    """glibc's malloc controls, or None elsewhere (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
        _ = libc.mallopt, libc.malloc_trim, libc.gnu_get_libc_version
    except (OSError, AttributeError):
        return None
    return libc


_GLIBC = _glibc()
#: A decode estimated above this hands the heap it freed back to the system afterwards.
TRIM_AFTER_BYTES = 100_000_000


def _give_back_memory() -> None:
    """Return the heap a finished decode freed to the system (glibc keeps freed memory
    in each thread's arena: over a batch of large photos decoded by different workers,
    that retained heap added up to 1.3 GB although no decode needed more than 850 MB)."""
    libc = _GLIBC
    if libc is not None:
        libc.malloc_trim(0)


def _decode_cost(source: Path) -> int:
    """The bytes importing this file takes at its peak, estimated from its header (read
    without decoding) and its size (the file's bytes are held while it is decoded). 0 if
    it cannot be read: the import itself then says what is wrong with it."""
    try:
        size = source.stat().st_size
        with Image.open(source) as im:
            w, h = im.size
            fmt = im.format or ""
            progressive = bool(im.info.get("progressive") or im.info.get("progression"))
    except Exception:
        return 0
    per_pixel = _BYTES_PER_PIXEL.get(fmt, _BYTES_PER_PIXEL_OTHER)
    if fmt in ("JPEG", "MPO") and progressive:
        per_pixel = 3.5
    elif fmt == "WEBP" and not webp_scaled.available():
        per_pixel = 16.0  # Pillow's animation decoder: several full RGBA copies
    return int(w * h * per_pixel) + (size if size <= IN_MEMORY_MAX_BYTES else 0)


def _record(
    store: Store,
    visit_id: str,
    source: Path,
    prepared: _Prepared,
    caption: str,
    in_visit: set[str],
    queue: deque[tuple[Path, Future[_Prepared]]],
    report: ImportReport,
) -> None:
    sha = prepared.blob.sha256
    if sha in in_visit:
        report.duplicates.append(str(source))
        return
    try:
        report.imported.append(_commit(store, visit_id, prepared, caption))
        in_visit.add(sha)
    except _SAVE_ERRORS as exc:
        _discard(store, prepared, pending={_sha_of(f) for _, f in queue})
        report.refuse(source, f"could not be saved ({exc}).", "save_failed")


def _sha_of(future: Future[_Prepared]) -> str | None:
    if future.done() and not future.cancelled() and future.exception() is None:
        return future.result().blob.sha256
    return None


def _reason(exc: PhotoError, source: Path) -> str:
    """The message without the leading path (the report pairs them already)."""
    prefix = f"{source}: "
    return exc.message[len(prefix) :] if exc.message.startswith(prefix) else exc.message


def _photo_with_blob(store: Store, visit_id: str, sha256: str) -> str | None:
    row = store.conn.execute(
        "SELECT id FROM photos WHERE visit_id = ? AND blob = ? AND deleted = 0 LIMIT 1",
        (visit_id, sha256),
    ).fetchone()
    return row[0] if row else None


def _commit(store: Store, visit_id: str, prepared: _Prepared, caption: str) -> dict[str, Any]:
    """The photo row, its blob row and derivative rows: one transaction."""
    blob = prepared.blob
    with store.transaction():
        store.conn.execute(
            "INSERT INTO blobs(sha256, size, mime, present, uploaded, created_at) "
            "VALUES (?, ?, ?, 1, 0, ?) "
            "ON CONFLICT(sha256) DO UPDATE SET present = 1",
            (blob.sha256, blob.size, blob.mime, store.now()),
        )
        store.conn.executemany(
            "INSERT OR REPLACE INTO derivatives(sha256, kind, path, width, height) "
            "VALUES (?, ?, ?, ?, ?)",
            [(blob.sha256, d.kind, d.path, d.width, d.height) for d in prepared.derivatives],
        )
        position = store.conn.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM photos WHERE visit_id = ? AND deleted = 0",
            (visit_id,),
        ).fetchone()[0]
        return store.create(
            "photo",
            {
                "visit_id": visit_id,
                "blob": blob.sha256,
                "caption": caption,
                "taken_at": blob.taken_at,
                "latitude": blob.latitude,
                "longitude": blob.longitude,
                "width": blob.width,
                "height": blob.height,
                "original_name": blob.original_name,
                "in_report": True,
                "position": position,
            },
        )


def _discard(store: Store, prepared: _Prepared, *, pending: set[str | None]) -> None:
    """Undo the files of an import whose rows were not written: remove what this import
    created, unless a blob row (or another queued import) now relies on it."""
    sha = prepared.blob.sha256
    if sha in pending:
        return
    known = store.conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (sha,)).fetchone()
    if known:
        return
    for p in prepared.created_files:
        p.unlink(missing_ok=True)
