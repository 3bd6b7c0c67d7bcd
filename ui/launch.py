"""The one way into the desktop app: ``python main.py``, ``make run``, the bundle's
``FieldKit`` program, ``make screenshots`` and the journey tests all go through
:func:`start`.

``FieldKit [MISSION_FILE] [--home DIR] [--self-test] [--measure-startup]``: a mission file
given as argument (double-click after install) is opened once the window is up. Options
Qt itself understands (``-platform offscreen``, ``-style``…) are passed on to Qt.

A :class:`Session` keeps the app running across its windows: when the main window closes
to convert its data (File → « Chiffrement des données… ») or to open another data folder
(a mission, the demo: fieldkit.missions), the session does it and opens the window again;
otherwise it quits. A first run is offered encryption at rest before anything is written.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldkit import encryption, missions
from fieldkit.errors import FieldKitError
from fieldkit.paths import Home
from fieldkit.store import Store

if TYPE_CHECKING:
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


@dataclass(frozen=True)
class Switch:
    """What a main window closed for: open this data folder next (ui/data_folders.py)."""

    home: Home
    mission_file: Path | None = None
    build_demo: bool = False


#: A temporary photo copy untouched for this long belongs to no running import.
STARTUP_STALE_SECONDS = 60


def _sweep_incoming(home: Home) -> int:
    """Temporary copies (``blobs/.incoming/*.part``) an import killed mid-way left behind.

    At start-up rather than only at the next import, and from a minute old (not an
    hour): an import running in another FieldKit process writes its copy continuously.
    """
    from fieldkit.photos import sweep_incoming  # noqa: PLC0415 - Pillow, off the start-up path

    return sweep_incoming(home, older_than=STARTUP_STALE_SECONDS)


def show_startup_error(exc: FieldKitError) -> None:
    from ui.i18n import error_message  # noqa: PLC0415

    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "FieldKit",
        QCoreApplication.translate("App", "FieldKit cannot open its data: %1").replace(
            "%1", error_message(exc)
        ),
    )
    box.setObjectName("startupError")
    box.exec()


class Session(QObject):
    """The running app over its data folders: one main window at a time."""

    #: A main window was opened (the first one, or again after a conversion or a switch).
    opened = Signal(object)
    #: The last window closed for good; the app quits with this code.
    finished = Signal(int)

    def __init__(self, app: QApplication, base: Home) -> None:
        super().__init__(app)
        self.app = app
        self.base = base
        self.window: MainWindow | None = None
        self.exit_code: int | None = None
        self.notice_box: QMessageBox | None = None
        self._running = False

    # -- opening ---------------------------------------------------------------------
    def open(
        self,
        home: Home,
        *,
        mission_file: Path | None = None,
        build_demo: bool = False,
        notice: str = "",
    ) -> bool:
        """Open ``home`` in a new main window; False (said in a box) if it cannot be."""
        from ui.data_folders import install_data_folders  # noqa: PLC0415
        from ui.encryption_ui import offer_at_first_run  # noqa: PLC0415
        from ui.main_window import MainWindow  # noqa: PLC0415

        try:
            home = home.ensure()
            # A new data folder first gets the offer to protect it with a passphrase
            # (before the store writes anything in clear).
            offer_at_first_run(home)
            # The store is used from the TaskManager's database lane (not this thread).
            store = Store.open(home, check_same_thread=False)
        except FieldKitError as exc:
            from fieldkit import support  # noqa: PLC0415

            if exc.code == "passphrase_required" and encryption.protection(home) == "passphrase":
                # The person cancelled the passphrase prompt: they chose not to open the
                # data, which is no error to show them.
                support.log.info("the passphrase prompt was cancelled: nothing opened")
                return False
            support.log.error("cannot open the data directory: %s", exc.code)
            show_startup_error(exc)
            return False
        folder = missions.describe(home, store)
        missions.remember(self.base, folder)
        window = MainWindow(store, home)
        install_data_folders(window, self, folder)
        window.installEventFilter(self)
        self.window = window
        window.show()
        window.tasks.run_compute(
            lambda _progress: _sweep_incoming(home), name="remove temporary photo copies"
        )
        if notice:
            self.notice_box = QMessageBox(
                QMessageBox.Icon.Information,
                "FieldKit",
                notice,
                QMessageBox.StandardButton.Ok,
                window,
            )
            self.notice_box.setObjectName("sessionNotice")
            self.notice_box.open()
        if build_demo and folder.demo and not _has_places(store):
            window.build_demo_mission()
        if mission_file is not None:
            window.mission_ui.open_file(mission_file)
        self.opened.emit(window)
        return True

    # -- closing ---------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.Close:
            # The window may still refuse to close: look once its close is done.
            QTimer.singleShot(0, self._after_close)
        return False

    def _after_close(self) -> None:
        window = self.window
        if window is None or window.isVisible():
            return
        self.window = None
        conversion = getattr(window, "pending_conversion", None)
        switch: Switch | None = getattr(window, "pending_switch", None)
        home = window.home
        close_store(window)
        window.deleteLater()
        if conversion is not None:
            from ui.encryption_ui import run_conversion  # noqa: PLC0415

            # File → « Chiffrement des données… » closed the window to convert its data.
            message = run_conversion(home, conversion)
            reopened = self.open(home, notice=message)
        elif switch is not None:
            reopened = self.open(
                switch.home, mission_file=switch.mission_file, build_demo=switch.build_demo
            )
        else:
            self._finish(0)
            return
        if not reopened:
            self._finish(1)

    def _finish(self, code: int) -> None:
        self.exit_code = code
        self.finished.emit(code)
        if self._running:
            # Only a loop this session runs is ended: QCoreApplication.exit() also tells
            # the whole application it is about to quit (its worker pools stop for good).
            self.app.exit(code)

    def run(self) -> int:
        """The event loop, until the session is done (``main`` runs it; tests drive the
        session from pytest-qt's loop instead)."""
        self._running = True
        try:
            return self.app.exec()
        finally:
            self._running = False

    def close_on_signals(self) -> QTimer:
        """Ctrl+C in the terminal or a plain ``kill`` closes the window properly (what was
        typed is saved on close). Qt's loop does not run Python signal handlers by itself:
        a short idle timer gives Python the chance to."""

        def close(*_: object) -> None:
            if self.window is not None:
                self.window.close()

        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, close)
        ticker = QTimer(self)
        ticker.timeout.connect(lambda: None)
        ticker.start(250)
        return ticker


def _has_places(store: Store) -> bool:
    return store.conn.execute("SELECT 1 FROM places LIMIT 1").fetchone() is not None


def close_store(window: MainWindow) -> None:
    """Nothing may start on the store once it is closed, nor run while it closes
    (SQLCipher crashes on a connection closed under a query): if a job still runs after
    a minute, the connection stays open instead."""
    from ui.tasks import TaskManager  # noqa: PLC0415

    if TaskManager.close_all_using(window.store):
        window.store.close()


def start(argv: list[str] | None = None) -> Session | None:
    """Start the app: the application object, the data folder to open (``--home``, else
    the last one opened), the first-run offer, the main window and the mission file given.

    Returns the running session (its ``window`` is up), or None when the data folder
    cannot be opened (already said in a box) or its passphrase prompt was cancelled.
    """
    from ui import i18n, screens  # noqa: PLC0415
    from ui.encryption_ui import ask_passphrase  # noqa: PLC0415
    from ui.icons import icon  # noqa: PLC0415

    argv = list(sys.argv if argv is None else argv)
    args, qt_args = parse_args(argv)
    app = QApplication.instance() or QApplication([argv[0], *qt_args])
    assert isinstance(app, QApplication)
    app.setOrganizationName("FieldKit")
    app.setOrganizationDomain("fieldkit.example.org")
    app.setApplicationName("FieldKit")
    app.setApplicationDisplayName("FieldKit")
    app.setWindowIcon(icon("fieldkit"))
    # The session quits when it is done: a window closed to convert its data or to open
    # another folder is not the end of the app.
    app.setQuitOnLastWindowClosed(False)
    screens.install()
    i18n.set_language(i18n.preferred_language())
    # An encrypted data directory asks for its passphrase (unless FIELDKIT_PASSPHRASE).
    encryption.set_passphrase_prompt(ask_passphrase)
    base = Home.resolve(args.home)
    session = Session(app, base)
    mission = Path(args.mission_file) if args.mission_file else None
    if not session.open(missions.last_home(base), mission_file=mission):
        session.deleteLater()
        return None
    return session


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args, qt_args = parse_args(argv)
    if args.self_test:
        QApplication.instance() or QApplication([argv[0], *qt_args])
        from ui.selftest import run  # noqa: PLC0415

        return run(Path(args.self_test_output) if args.self_test_output else None)

    from fieldkit import support  # noqa: PLC0415

    support.setup_logging()
    support.install_crash_handler()
    try:
        session = start(argv)
        if session is None:
            return 1
        assert session.window is not None
        if args.measure_startup:
            _quit_when_populated(session.app, session.window)
        session.close_on_signals()
        code = session.run()
        window = session.window
        if window is not None:  # quit some other way (the bench)
            session.window = None
            window.tasks.wait(10_000)
            close_store(window)
        return code
    finally:
        support.stop_logging()


def _quit_when_populated(app: QApplication, window: MainWindow) -> None:
    """As bench/bench_gui.py's start-up child: print the time once the tree and the visit
    list are filled and painted, then quit."""

    def check() -> None:
        if window.tree_ready and window.tasks.pending == 0 and window.visit_model.rowCount():
            window.repaint()  # the populated window on screen
            places = window.tree_model.place_count()
            print(repr(time.time()), places, window.visit_model.rowCount(), flush=True)
            app.quit()
        else:
            QTimer.singleShot(1, check)

    window.visits_loaded.connect(check)
