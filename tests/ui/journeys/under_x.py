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

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QWidget,
)

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


def global_rect(widget: QWidget) -> list[int]:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def wholly_shown(widget: QWidget) -> bool:
    """Nothing of ``widget`` is clipped by what holds it (a scroll area's viewport)."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def scroll_down(area: QAbstractScrollArea) -> None:
    """One notch of the mouse wheel over the area, as a person scrolls."""
    viewport = area.viewport()
    inside = QPointF(viewport.width() / 2, viewport.height() / 2)
    QApplication.sendEvent(
        viewport,
        QWheelEvent(
            inside,
            QPointF(viewport.mapToGlobal(inside.toPoint())),
            QPoint(),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        ),
    )


def conflict_fit(home: Home, seen: dict[str, Any]) -> Script:
    """The conflicts window on a conflict of several long fields: the resolve button is on
    the screen, and each field's « Garder la mienne » is reached with the wheel and
    clicked; then « Résoudre avec ces valeurs »."""
    person = Person()
    window = yield until("the main window", main_window)
    yield until("the main window framed by the window manager", lambda: framed(window))
    yield until("the main window to fit the screen", lambda: fits(window))
    menu = open_menu(person, window, "Synchronisation")
    yield until("the Synchronisation menu", menu.isVisible)
    person.choose(menu, "Conflits…")
    dialog = yield modal("conflictsDialog")
    yield until("the conflicts window framed", lambda: framed(dialog))
    yield until("the conflicts window to fit the screen", lambda: fits(dialog))
    yield until("the conflict's fields", lambda: dialog.choices)
    seen["fields"] = len(dialog.choices)
    seen["conflicts_wm"] = wm_frame(dialog)
    seen["resolve_text"] = shown(dialog.resolve_button.text())
    seen["resolve_shown"] = wholly_shown(dialog.resolve_button)
    seen["resolve_global"] = global_rect(dialog.resolve_button)
    seen["close_global"] = global_rect(dialog.close_buttons)
    seen["fields_viewport_height"] = dialog.fields_scroll.viewport().height()
    seen["keep_mine_shown_at_first"] = [wholly_shown(c.use_mine) for c in dialog.choices]
    for choice in dialog.choices:
        for _notch in range(40):
            if wholly_shown(choice.use_mine):
                break
            scroll_down(dialog.fields_scroll)
            yield until("the scrolled fields painted", lambda: True)
        person.click(choice.use_mine)
    person.click(dialog.resolve_button)
    yield until("the conflict resolved", lambda: dialog.model.rowCount() == 0)
    dialog.close()
    yield until("the conflicts window closed", lambda: not dialog.isVisible())
    yield from quit_app(person, window)


JOURNEYS = {"first-run": first_run, "screen-fit": screen_fit, "conflict-fit": conflict_fit}


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
