"""The checks behind ``FieldKit --self-test`` that need no Qt (the GUI adds its own).

Each check exercises one thing a frozen bundle is known to lose: the shipped fonts and
reference data (collected by hand), pillow-heif's native library, pypdfium2's binary, the
keyring backends (imported by name at run time, so PyInstaller cannot see them). A check
returns a short description of what it saw, or raises :class:`SelfTestFailure` with the
reason. Everything happens in a temporary data directory, removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.paths import Home

NATIVE_KEYRING = {"win32": "keyring.backends.Windows", "darwin": "keyring.backends.macOS"}


class SelfTestFailure(Exception):
    """One check failed; the message says why."""


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float


@dataclass
class SelfTestReport:
    results: list[CheckResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.results) and all(r.ok for r in self.results)

    def lines(self) -> list[str]:
        out = [
            f"{'ok  ' if r.ok else 'FAIL'} {r.name}: {r.detail} ({r.seconds:.2f} s)"
            for r in self.results
        ]
        failed = [r.name for r in self.results if not r.ok]
        out.append("Self-test passed." if not failed else f"Self-test FAILED: {', '.join(failed)}.")
        return out


def run_check(report: SelfTestReport, name: str, check: Callable[[], str]) -> None:
    """Run one check, recording its outcome; a failure never stops the others."""
    started = time.perf_counter()
    try:
        detail = check()
        ok = True
    except Exception as exc:  # noqa: BLE001 - any failure is the check's reason to report
        detail = (
            f"{type(exc).__name__}: {exc}" if not isinstance(exc, SelfTestFailure) else str(exc)
        )
        ok = False
    report.results.append(CheckResult(name, ok, detail, time.perf_counter() - started))


@contextmanager
def temporary_home() -> Iterator[Home]:
    # ignore_cleanup_errors: Windows may still hold a file of the store for a moment.
    with tempfile.TemporaryDirectory(prefix="fieldkit-selftest-", ignore_cleanup_errors=True) as d:
        yield Home(Path(d) / "data").ensure()


def frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


class CoreChecks:
    """The core checks, sharing one temporary data directory and store."""

    def __init__(self, home: Home) -> None:
        from fieldkit.store import Store

        self.home = home
        self.store = Store.open(home)
        self.visit_id: str | None = None
        self.pdf: Path | None = None

    def close(self) -> None:
        self.store.close()

    def resources(self) -> str:
        from fieldkit import geo
        from fieldkit.resources import RESOURCES_DIR, resource_path

        needed = [
            resource_path("fonts", "DejaVuSans.ttf"),
            resource_path("fonts", "DejaVuSerif.ttf"),
            resource_path("translations", "fieldkit_fr.qm"),
            resource_path("data", "regions.csv"),
            resource_path("icons", "fieldkit.svg"),
        ]
        missing = [str(p) for p in needed if not p.is_file()]
        if missing:
            raise SelfTestFailure(f"resources missing: {', '.join(missing)}")
        count = len(geo.regions())
        if count != 18:
            raise SelfTestFailure(f"{count} régions read from reference data, expected 18")
        return f"resources in {RESOURCES_DIR}, 18 régions"

    def demo(self) -> str:
        from fieldkit.demo import build_demo

        summary = build_demo(self.store, places=6, visits=8, interviews=10, photos=0)
        visits = self.store.db.execute("select id from visits order by id limit 1").fetchone()
        if visits is None:
            raise SelfTestFailure("the demo mission made no visit")
        self.visit_id = str(visits[0])
        return f"{summary.places} places, {summary.visits} visits, {summary.interviews} interviews"

    def photos(self) -> str:
        import pillow_heif
        from PIL import Image

        from fieldkit import webp_scaled
        from fieldkit.demo import demo_jpeg
        from fieldkit.photos import import_photo

        if self.visit_id is None:
            raise SelfTestFailure("no demo visit to import photos into")
        work = self.home.root / "selftest-photos"
        jpeg = demo_jpeg(
            work / "visite.jpg",
            taken_at=dt.datetime(2026, 5, 4, 10, 30),
            latitude=47.2,
            longitude=-1.55,
            label="Façade",
        )
        heic = work / "visite.heic"
        with Image.open(jpeg) as im:
            # pillow-heif's encoder: its native library (libheif) is what the bundle must carry.
            pillow_heif.from_pillow(im).save(str(heic), quality=60)
        webp = work / "visite.webp"
        with Image.open(jpeg) as im:
            im.save(webp, "WEBP", quality=80)
        sizes = []
        for path in (jpeg, heic, webp):
            row = import_photo(self.store, self.visit_id, path, caption=path.suffix)
            sizes.append(f"{path.suffix[1:].upper()} {row['width']}x{row['height']}")
        # WebP at reduced size needs libwebp itself (Pillow's copy): say which, if any.
        libwebp = webp_scaled.library_path()
        webp_note = f"libwebp {Path(libwebp).name}" if libwebp else "no libwebp: WebP at full size"
        return ", ".join(sizes) + f" (libheif {pillow_heif.libheif_version()}; {webp_note})"

    def report(self) -> str:
        from fieldkit.reports import ReportOptions, build_region_report

        row = self.store.db.execute(
            "select p.region from visits v join places p on p.id = v.place_id where v.id = ?",
            [self.visit_id],
        ).fetchone()
        if row is None:
            raise SelfTestFailure("no visit with a région to report on")
        region = str(row[0])
        out = self.home.root / f"rapport-{region}.pdf"
        result = build_region_report(
            self.store, region, out, ReportOptions(printed_on=dt.date(2026, 6, 1))
        )
        data = out.read_bytes()
        if not data.startswith(b"%PDF-"):
            raise SelfTestFailure("the report is not a PDF")
        # Embedded TrueType fonts are FontFile2 streams; none means ReportLab fell back
        # to its standard (unembedded, accent-poor) fonts.
        embedded = data.count(b"/FontFile2")
        if embedded == 0:
            raise SelfTestFailure("no embedded TrueType font in the report")
        self.pdf = out
        return f"région {region}: {result.pages} pages, {embedded} embedded fonts"

    def preview(self) -> str:
        import pypdfium2

        if self.pdf is None:
            raise SelfTestFailure("no report to preview")
        document = pypdfium2.PdfDocument(str(self.pdf))
        try:
            page = document[0]
            bitmap = page.render(scale=0.5)
            image = bitmap.to_pil()
            width, height = image.size
            # A blank page would mean pdfium rendered nothing: the cover has dark text.
            darkest = min(image.convert("L").getextrema())
            bitmap.close()
            page.close()
        finally:
            document.close()
        if darkest > 128:
            raise SelfTestFailure("the preview page rendered blank")
        return f"page 1 rendered {width}x{height} px"

    def sqlcipher(self) -> str:
        """Encrypted data directories need SQLCipher 4 with FTS5 (a native module)."""
        from fieldkit import encryption

        module = encryption.sqlcipher_module()  # raises with the reason when unusable
        conn = module.connect(":memory:")
        try:
            conn.execute("PRAGMA key = 'self-test'")
            version = conn.execute("PRAGMA cipher_version").fetchone()[0]
        finally:
            conn.close()
        return f"SQLCipher {version} with FTS5"

    def keyring(self) -> str:
        import keyring

        from fieldkit.sync import credentials

        backend = keyring.get_keyring()
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        url = "https://self-test.invalid"
        where = credentials.save_token(self.home, url, "self-test", "s3cret-self-test")
        try:
            if credentials.load_token(self.home, url, "self-test") != "s3cret-self-test":
                raise SelfTestFailure(f"token saved to {where} did not read back")
        finally:
            credentials.forget_token(self.home, url, "self-test")
        if credentials.load_token(self.home, url, "self-test") is not None:
            raise SelfTestFailure("the token could not be forgotten")
        kept = "system keyring" if where == "keyring" else "file fallback"
        # A bundle loses the backends PyInstaller did not see (they load by name): the
        # one for this system must at least import.
        native = NATIVE_KEYRING.get(sys.platform, "keyring.backends.SecretService")
        try:
            importlib.import_module(native)
        except ImportError as exc:
            raise SelfTestFailure(f"keyring backend {native} missing: {exc}") from exc
        return f"{kept} works (backend {name}; {native} present)"


def run_core(report: SelfTestReport, home: Home) -> None:
    checks = CoreChecks(home)
    try:
        run_check(report, "resources", checks.resources)
        run_check(report, "demo mission", checks.demo)
        run_check(report, "photos (JPEG, HEIC, WebP)", checks.photos)
        run_check(report, "PDF report", checks.report)
        run_check(report, "PDF preview (pypdfium2)", checks.preview)
        run_check(report, "encryption (SQLCipher)", checks.sqlcipher)
        run_check(report, "keyring", checks.keyring)
    finally:
        checks.close()
