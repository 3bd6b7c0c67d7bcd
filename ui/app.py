"""Application entry point: ``python main.py`` / ``make run``."""

from __future__ import annotations

import signal
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldkit import encryption
from fieldkit.errors import FieldKitError
from fieldkit.paths import Home
from fieldkit.store import Store
from ui import i18n
from ui.encryption_ui import ask_passphrase, offer_at_first_run, run_conversion
from ui.i18n import error_message
from ui.icons import icon
from ui.main_window import MainWindow
from ui.tasks import TaskManager


def create_app(
    argv: list[str] | None = None, home: Home | None = None, *, offer_encryption: bool = False
) -> tuple[QApplication, MainWindow]:
    """The application object (reused if one exists) and its main window, shown.

    The window fills itself from the store in the background; ``window.tree_loaded`` and
    ``window.visits_loaded`` say when. ``offer_encryption``: a new data directory with no
    keyring first gets the offer to protect it with a passphrase.
    """
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("FieldKit")
    app.setOrganizationDomain("fieldkit.example.org")
    app.setApplicationName("FieldKit")
    app.setApplicationDisplayName("FieldKit")
    app.setWindowIcon(icon("fieldkit"))
    i18n.set_language(i18n.preferred_language())

    home = (home or Home.resolve()).ensure()
    # An encrypted data directory asks for its passphrase here (unless FIELDKIT_PASSPHRASE).
    encryption.set_passphrase_prompt(ask_passphrase)
    if offer_encryption:
        offer_at_first_run(home)
    # The store is used from the TaskManager's database lane (one thread, not this one).
    store = Store.open(home, check_same_thread=False)
    window = MainWindow(store, home)
    window.show()
    window.tasks.run_compute(
        lambda _progress: _sweep_incoming(home), name="remove temporary photo copies"
    )
    return app, window


def _sweep_incoming(home: Home) -> int:
    """Temporary copies (``blobs/.incoming/*.part``) an import killed mid-way left behind.

    At start-up rather than only at the next import, and from a minute old (not an
    hour): an import running in another FieldKit process writes its copy continuously.
    """
    from fieldkit.photos import sweep_incoming  # noqa: PLC0415 - Pillow, off the start-up path

    return sweep_incoming(home, older_than=STARTUP_STALE_SECONDS)


#: A temporary photo copy untouched for this long belongs to no running import.
STARTUP_STALE_SECONDS = 60


def show_startup_error(exc: FieldKitError) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "FieldKit",
        QCoreApplication.translate("App", "FieldKit cannot open its data: %1").replace(
            "%1", error_message(exc)
        ),
    )
    box.setObjectName("startupError")
    box.exec()


def close_on_signals(app: QApplication, window: MainWindow) -> QTimer:
    """Ctrl+C in the terminal or a plain ``kill`` closes the window properly (what was
    typed is saved on close). Qt's loop does not run Python signal handlers by itself: a
    short idle timer gives Python the chance to."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: window.close())
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
    return ticker


def main(argv: list[str] | None = None) -> int:
    while True:
        try:
            app, window = create_app(argv, offer_encryption=True)
        except FieldKitError as exc:
            # The data folder cannot be opened (a newer FieldKit's database, …): say why.
            show_startup_error(exc)
            return 1
        close_on_signals(app, window)
        try:
            code = app.exec()
        finally:
            # Nothing may start on the store once it is closed, nor run while it closes
            # (SQLCipher crashes on a connection closed under a query): if a job is still
            # running after a minute, the process ends with the connection open instead.
            if TaskManager.close_all_using(window.store):
                window.store.close()
        conversion = getattr(window, "pending_conversion", None)
        if conversion is None:
            return code
        # File → « Chiffrement des données… » closed the window to convert its data.
        message = run_conversion(window.home, conversion)
        QMessageBox.information(None, "FieldKit", message)
