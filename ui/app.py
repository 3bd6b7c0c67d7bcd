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
    return app, window


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
            window.tasks.wait(10_000)
            window.store.close()
        conversion = getattr(window, "pending_conversion", None)
        if conversion is None:
            return code
        # File → « Chiffrement des données… » closed the window to convert its data.
        message = run_conversion(window.home, conversion)
        QMessageBox.information(None, "FieldKit", message)
