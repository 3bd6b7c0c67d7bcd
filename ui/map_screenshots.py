"""Render the maps to PNG files: ``python -m ui.map_screenshots DIR``.

On the demo mission (with two overseas places and a few without coordinates), in French:
``map-france.png`` and ``map-region.png`` (the « Carte » window of the app started the one
way in, :func:`ui.launch.start`, on a 1366×768 screen, as :mod:`ui.screenshots`), then the
région report's
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
from ui.models import node_key
from ui.screenshots import (
    WINDOW_SIZE,
    close_app,
    laptop_screen,
    save_png,
    scratch_settings,
    settle,
    start_app,
    wait_until,
)

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
    scratch = Path(tempfile.mkdtemp(prefix="fieldkit-map-screenshots-"))
    scratch_settings(scratch)
    home = Home.resolve(scratch / "home").ensure()
    store = Store.open(home, user="claire.martin")
    sizes = demo_sizes or {"places": 300, "visits": 220, "interviews": 60, "photos": 0}
    build_demo(store, **sizes)
    store.create_place(name="Kaz'Lab", postcode="97200", commune="Fort-de-France")
    store.create_place(name="La Fabrik Sud", postcode="97410", commune="Saint-Pierre")
    # A few places without coordinates: drawn hollow, at their commune's centre.
    for place in store.places(region=REGION)[:3]:
        store.update("place", place["id"], {"latitude": None, "longitude": None})
    store.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    # The « Carte » window as the app opens it (Affichage → Carte, on the tree's
    # selection), started the one way in, on the 1366×768 screen.
    session = start_app(home, "fr")
    window = session.window
    assert window is not None
    window.resize(*WINDOW_SIZE)
    wait_until(app, lambda: window.tree_ready)
    settle(app, window)
    for name, region in (("map-france.png", None), ("map-region.png", REGION)):
        if region is None:
            window.tree_view.selectionModel().clear()  # nothing selected: all of France
        else:
            window.select_node(node_key("region", region))
        settle(app, window)
        assert window.map_action.selection() == (region, None)
        window.map_action.trigger()
        map_window = window.map_action.map_window
        assert map_window is not None
        map_window.resize(*WINDOW_SIZE)
        settle(app, window)
        wait_until(app, lambda w=map_window: bool(w._figures) and w.isVisible())
        settle(app, window)
        map_window.view.reset_zoom()
        settle(app, window)
        written.append(save_png(map_window.grab(), out_dir / name))
    assert window.map_action.map_window is not None
    window.map_action.map_window.close()
    store = window.store
    region_pdf = scratch / "region.pdf"
    build_region_report(store, REGION, region_pdf, ReportOptions())
    written.append(_page_png(region_pdf, "Carte des lieux", out_dir / "report-region-map.png"))
    national_pdf = scratch / "national.pdf"
    build_national_summary(store, national_pdf, ReportOptions())
    written.append(
        _page_png(national_pdf, "Lieux recensés par région", out_dir / "report-national-map.png")
    )
    close_app(app, session)
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else Path("docs/screenshots")
    laptop_screen(Path(tempfile.mkdtemp(prefix="fieldkit-screen-")))
    for path in render(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
