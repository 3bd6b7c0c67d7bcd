"""Journey: sign in and first synchronisation, as a person makes them (issue 26).

The app starts the one way in (ui.launch.start) on a laptop that already holds one place;
a colleague already sent another to the real server on 127.0.0.1. The person opens
« Synchronisation » with the keyboard (Alt+S), chooses « Se connecter… », types the
server, the user name and the password, and presses Entrée. The first synchronisation
follows; the status bar says what was sent and received, and that nothing is left.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.sync import SyncClient, login
from tests.ui.journeys.person import Person, modal, run, shown, until
from ui import i18n


@pytest.fixture(autouse=True)
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda: "C")  # French, as by default


def window_ready(session):
    window = session.window
    if window is None or not window.isVisible() or not window.tree_ready:
        return None
    return window if window.tasks.pending == 0 else None


def open_menu_with_keys(person: Person, key: Qt.Key):
    """Alt+letter, as underlined in the menu bar; the menu that opened."""
    person.key(key, Qt.KeyboardModifier.AltModifier)
    popup = QApplication.activePopupWidget()
    return popup if isinstance(popup, QMenu) and popup.isVisible() else None


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_sign_in_then_the_first_sync_shows_what_was_exchanged(
    qtbot, tmp_path, launch, home, live_server
):
    # A colleague's place, already on the server (Bretagne, the agent's région).
    colleague = Store.open(Home(tmp_path / "colleague").ensure(), user="agent-bzh")
    login(colleague, live_server.url, "agent-bzh", live_server.passwords["agent-bzh"])
    colleague.create_place(name="Le Tiers-Lieu du Port", postcode="29200")
    with SyncClient.from_settings(colleague) as client:
        client.sync()
    # This laptop's own place, made before it ever signed in.
    with Store.open(home, user="agent-bzh") as store:
        store.create_place(name="La Cantine", postcode="35000")

    session = launch()
    person = Person()
    finished: list[object] = []

    def journey():
        window = yield until("the main window", lambda: window_ready(session))
        assert window.tree_model.place_count() == 1
        assert shown(window.last_sync_label.text()) == "Jamais synchronisé"
        # The focus is somewhere in the window: Alt+S opens « Synchronisation ».
        person.click(window.tree_view.viewport())
        menu = yield until(
            "the Synchronisation menu", lambda: open_menu_with_keys(person, Qt.Key.Key_S)
        )
        assert shown(menu.title()) == "Synchronisation"
        entries = {shown(a.text()): a.isEnabled() for a in menu.actions() if a.text()}
        assert entries["Synchroniser"] is False  # not signed in yet
        person.choose(menu, "Se connecter…")
        dialog = yield modal("syncLoginDialog")
        yield until("the dialog active", lambda: QApplication.activeWindow() is dialog)
        window.sync_ui.controller.finished.connect(finished.append)
        person.click(dialog.url_edit)
        person.type(live_server.url)
        person.key(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.user_edit
        person.type("agent-bzh")
        person.key(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.password_edit
        person.type(live_server.passwords["agent-bzh"])
        assert shown(dialog.buttons.button(dialog.buttons.StandardButton.Ok).text()) == (
            "Se connecter"
        )
        person.key(Qt.Key.Key_Return)
        yield until("the first synchronisation", lambda: finished, timeout=60)
        yield until("the window refreshed", lambda: window_ready(session))
        assert not dialog.isVisible()
        # What the person sees: both places, and the status bar tells what happened.
        yield until("both places in the tree", lambda: window.tree_model.place_count() == 2)
        # One place came in: our own, pulled back along with the colleague's, is not
        # counted as received.
        message = shown(window.statusBar().currentMessage())
        assert message == "Synchronisé : 1 envoyé, 1 reçu, 0 nouveau conflit.", message
        yield until(
            "« Tout est envoyé » in the status bar",
            lambda: shown(window.sync_ui.pending_button.text()) == "Tout est envoyé",
        )
        assert shown(window.online_label.text()) == "En ligne"
        assert shown(window.last_sync_label.text()).startswith("Dernière synchro : ")
        assert shown(window.conflicts_label.text()) == "0 conflit"
        # Signed in now: « Synchroniser » is enabled, « Se déconnecter » too.
        assert window.sync_ui.sync_action.isEnabled()
        assert window.sync_ui.logout_action.isEnabled()

    run(qtbot, journey())
    # Stored: the laptop's place is on the server, the colleague's on the laptop.
    with SyncClient.from_settings(colleague) as client:
        client.sync()
    assert sorted(p["name"] for p in colleague.places()) == ["La Cantine", "Le Tiers-Lieu du Port"]
    colleague.close()
