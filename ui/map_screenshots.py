"""Render the maps to PNG files: ``python -m ui.map_screenshots DIR``.

On the demo mission (with two overseas places and a few without coordinates), in French:
``map-france.png`` and ``map-region.png`` (the « Carte » window), then the région report's
summary page and the national summary's map page (``report-region-map.png``,
``report-national-map.png``), rasterised with pypdfium2 like the app's report preview.
Run headless with ``QT_QPA_PLATFORM=offscreen`` (``make screenshots``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtWidgets import QApplication

from fieldkit.demo import build_demo
from fieldkit.paths import Home
from fieldkit.reports import ReportOptions, build_region_report
from fieldkit.reports.national import build_national_summary
from fieldkit.store import Store
from ui import i18n
from ui.map_view import MapWindow, map_job

REGION = "76"  # Occitanie


def _page_png(pdf: Path, wanted: str, out: Path, scale: float = 1.6) -> Path:
    """The first page whose text holds ``wanted``, as a PNG."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage().get_text_range()
            if wanted in text:
                page.render(scale=scale).to_pil().save(out)
                return out
    finally:
        document.close()
    raise LookupError(f"no page of {pdf.name} says {wanted!r}")


def render(out_dir: Path, demo_sizes: dict[str, int] | None = None) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    i18n.set_language("fr")
    scratch = Path(tempfile.mkdtemp(prefix="fieldkit-map-screenshots-"))
    store = Store.open(Home.resolve(scratch / "home").ensure(), user="claire.martin")
    sizes = demo_sizes or {"places": 300, "visits": 220, "interviews": 60, "photos": 0}
    build_demo(store, **sizes)
    store.create_place(name="Kaz'Lab", postcode="97200", commune="Fort-de-France")
    store.create_place(name="La Fabrik Sud", postcode="97410", commune="Saint-Pierre")
    # A few places without coordinates: drawn hollow, at their commune's centre.
    for place in store.places(region=REGION)[:3]:
        store.update("place", place["id"], {"latitude": None, "longitude": None})
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    window = MapWindow()
    window.resize(1280, 820)
    window.show()
    for name, region in (("map-france.png", None), ("map-region.png", REGION)):
        window.show_data(map_job(store, region, None))
        for _ in range(5):
            app.processEvents()
        window.view.reset_zoom()
        app.processEvents()
        path = out_dir / name
        window.grab().save(str(path))
        written.append(path)
    window.close()
    region_pdf = scratch / "region.pdf"
    build_region_report(store, REGION, region_pdf, ReportOptions())
    written.append(_page_png(region_pdf, "Carte des lieux", out_dir / "report-region-map.png"))
    national_pdf = scratch / "national.pdf"
    build_national_summary(store, national_pdf, ReportOptions())
    written.append(
        _page_png(national_pdf, "Lieux recensés par région", out_dir / "report-national-map.png")
    )
    store.close()
    return written


if __name__ == "__main__":
    for written_path in render(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(written_path)
