"""The desktop app's command line (``python main.py``, the bundle's ``FieldKit`` program).

``FieldKit [MISSION_FILE] [--home DIR] [--self-test] [--measure-startup]``: a mission file
given as argument (double-click after install) is opened once the window is up. Options
Qt itself understands (``-platform offscreen``, ``-style``…) are passed on to Qt.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="FieldKit", description="FieldKit: offline-first field visits to tiers-lieux."
    )
    parser.add_argument("mission_file", nargs="?", help="A .fieldkit mission file to open.")
    parser.add_argument("--home", help="Data directory (default: the platform's data folder).")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="Check this installation (fonts, photos, PDF, keyring, French) and exit.",
    )
    parser.add_argument(
        "--self-test-output",
        metavar="FILE",
        help="Also write the self-test's report to FILE (a windowed program has no console).",
    )
    parser.add_argument(
        "--measure-startup",
        action="store_true",
        help="Print the wall-clock time once the window is populated, then quit (bench).",
    )
    return parser.parse_known_args(argv[1:])


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args, qt_args = parse_args(argv)
    qt_argv = [argv[0], *qt_args]
    if args.self_test:
        from PySide6.QtWidgets import QApplication

        QApplication.instance() or QApplication(qt_argv)
        from ui.selftest import run

        return run(Path(args.self_test_output) if args.self_test_output else None)

    from fieldkit import support

    support.setup_logging()
    support.install_crash_handler()

    from fieldkit.errors import FieldKitError
    from fieldkit.paths import Home
    from ui.app import close_on_signals, create_app, show_startup_error

    try:
        app, window = create_app(qt_argv, Home.resolve(args.home) if args.home else None)
    except FieldKitError as exc:
        support.log.error("cannot open the data directory: %s", exc.code)
        show_startup_error(exc)
        return 1
    if args.measure_startup:
        _quit_when_populated(app, window)
    elif args.mission_file:
        window.mission_ui.open_file(Path(args.mission_file))
    close_on_signals(app, window)
    try:
        return app.exec()
    finally:
        window.tasks.wait(10_000)
        window.store.close()
        support.stop_logging()


def _quit_when_populated(app: QApplication, window: MainWindow) -> None:
    """As bench/bench_gui.py's start-up child: print the time once the tree and the visit
    list are filled and painted, then quit."""
    from PySide6.QtCore import QTimer

    def check() -> None:
        if window.tree_ready and window.tasks.pending == 0 and window.visit_model.rowCount():
            window.repaint()  # the populated window on screen
            places = window.tree_model.place_count()
            print(repr(time.time()), places, window.visit_model.rowCount(), flush=True)
            app.quit()
        else:
            QTimer.singleShot(1, check)

    window.visits_loaded.connect(check)
