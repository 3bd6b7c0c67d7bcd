"""Journey: a conflict resolved, as a person does it (issue 26).

Two laptops signed in to the real server on 127.0.0.1 hold the same visit. Bernard
rewrites its notes on his and synchronises; Anne rewrote them on hers meanwhile. Anne's
app starts the one way in (ui.launch.start); she synchronises from the menu, opened with
the keyboard (Alt+S). The conflicts view opens, the status bar counts the conflict; she
clicks the conflict, reads both versions, clicks « Garder ma version » and « Résoudre avec
ces valeurs » with the mouse, closes the view, reopens it from the menu (empty now) and
synchronises with F5. Her notes are stored, and Bernard receives them.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QPushButton

from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.sync import SyncClient, login
from tests.ui.journeys.person import Person, modal, run, shown, until
from ui import i18n

BASE = "Accueil par la gérante, visite des ateliers."
BERNARD = "Bernard : le fablab ferme le lundi, la cantine est associative."
ANNE = "Anne : trente adhérents, un atelier vélo le samedi."


@pytest.fixture(autouse=True)
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda: "C")  # French, as by default


def window_ready(session):
    window = session.window
    if window is None or not window.isVisible() or not window.tree_ready:
        return None
    return window if window.tasks.pending == 0 else None


def sync(store: Store) -> None:
    with SyncClient.from_settings(store) as client:
        client.sync()


def sync_menu(person: Person, window) -> QMenu | None:
    """Alt+S, from the visit list: the menu « Synchronisation », once open."""
    if QApplication.activeWindow() is not window:
        person.click_title_bar(window)
    person.click(window.visit_view.viewport())
    person.key(Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    popup = QApplication.activePopupWidget()
    return popup if isinstance(popup, QMenu) and popup.isVisible() else None


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_conflict_is_resolved_with_the_mouse_stored_and_synced(
    qtbot, tmp_path, launch, home, live_server
):
    password = live_server.passwords["agent-bzh"]
    anne = Store.open(home, user="agent-bzh")
    login(anne, live_server.url, "agent-bzh", password, device_name="portable d'Anne")
    place = anne.create_place(name="La Cantine", postcode="35000", commune="Rennes")
    visit = anne.create_visit(place["id"], visited_on="2026-05-12", notes=BASE)
    sync(anne)
    bernard = Store.open(Home(tmp_path / "bernard").ensure(), user="agent-bzh")
    login(bernard, live_server.url, "agent-bzh", password, device_name="portable de Bernard")
    sync(bernard)
    bernard.update("visit", visit["id"], {"notes": BERNARD})
    sync(bernard)
    anne.update("visit", visit["id"], {"notes": ANNE})  # offline, not yet sent
    anne.close()

    session = launch()
    person = Person()
    synced: list[object] = []

    def journey():
        window = yield until("the main window", lambda: window_ready(session))
        window.sync_ui.controller.finished.connect(synced.append)
        menu = yield until("the Synchronisation menu", lambda: sync_menu(person, window))
        person.choose(menu, "Synchroniser")
        yield until("the sync", lambda: synced, timeout=60)
        dialog = yield modal("conflictsDialog")
        yield until(
            "the conflict counted", lambda: shown(window.conflicts_label.text()) == "1 conflit"
        )
        assert "1 nouveau conflit" in shown(window.statusBar().currentMessage())

        # She clicks the conflict and reads both versions.
        yield until("the conflict listed", lambda: dialog.model.rowCount() == 1)
        person.click_row(dialog.list_view, 0, 1)
        yield until("its fields", lambda: dialog.choices)
        assert shown(dialog.heading.text()).startswith("Visite « ")
        [notes] = dialog.choices
        assert notes.theirs_view.toPlainText() == BERNARD
        assert notes.mine_view.toPlainText() == ANNE
        keep_mine = dialog.findChild(QPushButton, "mine_notes")
        assert shown(keep_mine.text()) == "Garder ma version"
        person.click(keep_mine)
        assert notes.result_edit.toPlainText() == ANNE
        assert shown(dialog.resolve_button.text()) == "Résoudre avec ces valeurs"
        person.click(dialog.resolve_button)
        yield until("no conflict left", dialog.empty_label.isVisible)
        assert shown(dialog.empty_label.text()) == "Aucun conflit à résoudre."
        close = dialog.close_buttons.button(dialog.close_buttons.StandardButton.Close)
        person.click(close)
        yield until("the view closed", lambda: not dialog.isVisible())
        yield until(
            "no conflict counted", lambda: shown(window.conflicts_label.text()) == "0 conflit"
        )

        # The menu's « Conflits… » opens the view again: nothing left.
        menu = yield until("the Synchronisation menu", lambda: sync_menu(person, window))
        person.choose(menu, "Conflits…")
        again = yield modal("conflictsDialog")
        yield until("the view loaded", again.empty_label.isVisible)
        assert again.model.rowCount() == 0
        person.click(again.close_buttons.button(again.close_buttons.StandardButton.Close))
        yield until("the view closed", lambda: not again.isVisible())

        # F5 sends the resolution.
        synced.clear()
        if QApplication.activeWindow() is not window:
            person.click_title_bar(window)
        person.click(window.visit_view.viewport())
        person.key(Qt.Key.Key_F5)
        yield until("the second sync", lambda: synced, timeout=60)
        yield until(
            "« Tout est envoyé »",
            lambda: shown(window.sync_ui.pending_button.text()) == "Tout est envoyé",
        )

    run(qtbot, journey())
    with Store.open(home) as store:
        assert store.require("visit", visit["id"])["notes"] == ANNE
        assert store.conflict_count() == 0
    sync(bernard)
    assert bernard.require("visit", visit["id"])["notes"] == ANNE
    bernard.close()
