"""Journeys run in their own process on a real X screen (``QT_QPA_PLATFORM=xcb``), under
the window manager tests/ui/journeys/xserver.py started:

    python -m tests.ui.journeys.under_x JOURNEY DATA_FOLDER

The app starts the one way in (``ui.launch.start``); the journey acts as a person does
(tests/ui/journeys/person.py) and the process prints what it saw, as JSON, on its last
line of output.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMenu, QWidget

from fieldkit import encryption
from fieldkit.paths import Home
from tests.ui.journeys.person import Journey, Person, Script, modal, shown, until

PASSPHRASE = "phrase de passe du portable"


def main_window() -> Any:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "mainWindow" and widget.isVisible():
            return widget
    return None


def framed(widget: QWidget) -> bool:
    """The window manager has framed the window (a title bar around it)."""
    return widget.isVisible() and widget.frameGeometry().size() != widget.geometry().size()


def frame(widget: QWidget) -> list[int]:
    g = widget.frameGeometry()
    return [g.x(), g.y(), g.width(), g.height()]


def fits(widget: QWidget) -> bool:
    screen = widget.screen() or QApplication.primaryScreen()
    return framed(widget) and screen.availableGeometry().contains(widget.frameGeometry())


def wm_frame(widget: QWidget) -> list[int]:
    """The frame as the window manager reports it to X."""
    from tests.ui.journeys.xserver import frame_of

    return list(frame_of(os.environ["DISPLAY"], int(widget.winId())))


def open_menu(person: Person, window: Any, title: str) -> QMenu:
    bar = window.menuBar()
    for action in bar.actions():
        if shown(action.text()) == title and action.menu() is not None:
            person.open_menu(bar, action.menu())
            return action.menu()
    raise AssertionError(f"no menu « {title} »: {[shown(a.text()) for a in bar.actions()]}")


def quit_app(person: Person, window: Any) -> Script:
    menu = open_menu(person, window, "Fichier")
    yield until("the Fichier menu", menu.isVisible)
    person.choose(menu, "Quitter")


def first_run(home: Home, seen: dict[str, Any]) -> Script:
    """A new laptop: the app offers encryption, the person chooses a passphrase."""
    person = Person()
    box = yield modal("firstRunEncryption")
    seen["offer_title"] = box.windowTitle()
    yield until("the offer framed by the window manager", lambda: framed(box))
    seen["offer_wm"] = wm_frame(box)
    person.click(box.findChild(QLineEdit, "passphraseEdit"))
    person.type(PASSPHRASE)
    person.click(box.findChild(QLineEdit, "passphraseConfirmation"))
    person.type(PASSPHRASE)
    encrypt = box.buttons.button(QDialogButtonBox.StandardButton.Ok)
    seen["offer_button"] = shown(encrypt.text())
    person.click(encrypt)
    window = yield until("the main window", main_window)
    yield until("the main window framed by the window manager", lambda: framed(window))
    yield until("the main window to fit the screen", lambda: fits(window))
    seen["main"] = frame(window)
    seen["main_wm"] = wm_frame(window)
    seen["status_bar_visible"] = window.statusBar().isVisible()
    seen["title"] = window.windowTitle()
    seen["protection"] = encryption.protection(home)
    seen["database_in_clear"] = home.db_path.read_bytes()[:16] == b"SQLite format 3\x00"
    yield from quit_app(person, window)


def screen_fit(home: Home, seen: dict[str, Any]) -> Script:
    """A first run at this screen size, then the report dialog, the map, the conflicts:
    each window, title bar included, is on the screen."""
    person = Person()
    window = yield until("the main window", main_window)
    yield until("the main window framed by the window manager", lambda: framed(window))
    yield until("the main window to fit the screen", lambda: fits(window))
    seen["main"] = frame(window)
    seen["main_wm"] = wm_frame(window)
    available = (window.screen() or QApplication.primaryScreen()).availableGeometry()
    seen["screen"] = [available.x(), available.y(), available.width(), available.height()]
    for menu_title, entry, name in (
        ("Fichier", "Rapports régionaux…", "reports"),
        ("Affichage", "Carte", "map"),
        ("Synchronisation", "Conflits…", "conflicts"),
    ):
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        menu = open_menu(person, window, menu_title)
        yield until(f"the {menu_title} menu", menu.isVisible)
        person.choose(menu, entry)

        def opened(before: set[int] = before) -> QWidget | None:
            # A window or a dialog (not a menu, a tooltip or a completer's popup).
            kinds = (Qt.WindowType.Window, Qt.WindowType.Dialog)
            for w in QApplication.topLevelWidgets():
                if w.isVisible() and id(w) not in before and w.windowType() in kinds:
                    return w
            return None

        other = yield until(f"the window of « {entry} »", opened)
        yield until(f"« {entry} » framed", lambda w=other: framed(w))
        yield until(f"« {entry} » to fit the screen", lambda w=other: fits(w))
        seen[name] = frame(other)
        seen[name + "_wm"] = wm_frame(other)
        other.close()  # what the window manager's close button asks for
        yield until(f"« {entry} » closed", lambda w=other: not w.isVisible())
    yield from quit_app(person, window)


JOURNEYS = {"first-run": first_run, "screen-fit": screen_fit}


def main(argv: list[str]) -> int:
    name, folder = argv[1], Path(argv[2])
    from ui.launch import start

    QApplication([argv[0]])
    home = Home(folder)
    seen: dict[str, Any] = {}
    journey = Journey(JOURNEYS[name](home, seen)).start()
    session = start([argv[0], "--home", str(folder)])
    code = session.run() if session is not None else 1
    journey.check()
    print(json.dumps({"code": code, "done": journey.done, **seen}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
