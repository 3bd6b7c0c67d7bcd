"""Application entry point."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from fieldkit import __version__
from fieldkit.paths import Home
from fieldkit.store import Store


def main(argv: list[str] | None = None) -> int:
    app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("FieldKit")
    store = Store.open(Home.resolve())
    window = QMainWindow()
    window.setWindowTitle(f"FieldKit {__version__}")
    window.setCentralWidget(QLabel(f"{len(store.places())} tiers-lieux"))
    window.resize(1000, 700)
    window.show()
    return app.exec()
