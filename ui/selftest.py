"""``FieldKit --self-test``: the core checks (fieldkit.selftest) plus what needs Qt.

Run on every bundle ``make dist`` builds (offscreen) and by a test from source. Prints one
line per check and exits 0 only when all pass; a failure names its reason.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fieldkit import selftest
from fieldkit.paths import Home


def check_french() -> str:
    """Our French catalogue and Qt's own (qtbase_fr: standard buttons, file dialogs)."""
    from ui import i18n

    i18n.set_language("fr")
    catalogues = i18n.loaded_catalogues()
    if "fieldkit_fr.qm" not in catalogues:
        raise selftest.SelfTestFailure(f"fieldkit_fr.qm not loaded (loaded: {catalogues})")
    if "qtbase_fr.qm" not in catalogues:
        raise selftest.SelfTestFailure(
            f"qtbase_fr.qm not found in {', '.join(i18n.qt_translations_dirs())}"
        )
    ours = QCoreApplication.translate("MainWindow", "&File")
    # A standard button's text comes from Qt's own catalogue (qtbase_fr).
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qt_own = buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
    if ours != "&Fichier" or qt_own != "Annuler":
        raise selftest.SelfTestFailure(f"French not applied: “{ours}”, “{qt_own}”")
    return f"{', '.join(catalogues)} loaded (« {ours} », « {qt_own} »)"


def check_icons() -> str:
    """The SVG icons need Qt's svg image plugin, which the bundle must carry."""
    from ui.icons import icon

    pixmap = icon("fieldkit").pixmap(QSize(32, 32))
    if pixmap.isNull():
        raise selftest.SelfTestFailure("the SVG icon rendered empty (Qt svg plugin missing?)")
    return "SVG icons render"


def check_window(home: Home) -> str:
    """The main window opens on the self-test's data and fills its lists."""
    from PySide6.QtCore import QEventLoop, QTimer

    from fieldkit.store import Store
    from ui.main_window import MainWindow

    store = Store.open(home, check_same_thread=False)
    window = MainWindow(store, home)
    try:
        window.show()
        loop = QEventLoop()
        timer = QTimer(singleShot=True)
        timer.timeout.connect(loop.quit)
        window.visits_loaded.connect(loop.quit)
        timer.start(30_000)
        loop.exec()
        if not timer.isActive():
            raise selftest.SelfTestFailure("the main window did not fill its visit list in 30 s")
        places = window.tree_model.place_count()
        visits = window.visit_model.rowCount()
        if not visits:
            raise selftest.SelfTestFailure("the main window shows no visit")
        return f"main window shows {places} places, {visits} visits"
    finally:
        window.close()
        window.tasks.wait(10_000)
        store.close()


def run(output_file: Path | None = None, out: TextIO | None = None) -> int:
    """Run every check; print the report (and write it to ``output_file``); 0 when all
    passed, 1 otherwise."""
    out = out or sys.stdout or io.StringIO()  # a windowed program's stdout is None
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setOrganizationName("FieldKit-selftest")  # never the person's own settings
    app.setApplicationName("FieldKit-selftest")
    report = selftest.SelfTestReport()
    where = "bundle" if selftest.frozen() else "source"
    header = f"FieldKit self-test ({where}, Python {sys.version.split()[0]})"
    print(header, file=out)
    with selftest.temporary_home() as home:
        selftest.run_core(report, home)
        selftest.run_check(report, "French (QTranslator)", check_french)
        selftest.run_check(report, "icons", check_icons)
        selftest.run_check(report, "main window", lambda: check_window(home))
    lines = [header, *report.lines()]
    for line in lines[1:]:
        print(line, file=out)
    out.flush()
    if output_file is not None:
        output_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0 if report.ok else 1
