"""Journeys through data folders (issue 26), started the one way in and driven with the
mouse and keyboard (offscreen):

- a newcomer explores the demo, then opens the mission file: the demo stays in its own
  folder and never reaches the team's server (the real server on 127.0.0.1);
- File → « Chiffrement des données… » → « Chiffrer… »: the app closes, encrypts, opens
  again, and the data on disk really is encrypted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QLineEdit

from fieldkit import encryption, missions
from fieldkit.cli import main as cli
from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.sync import SyncClient, login
from fieldkit.sync import client as sync_client
from tests.ui.journeys.person import Person, modal, post, run, shown, until
from ui import i18n

PASSPHRASE = "phrase de passe du portable"


@pytest.fixture(autouse=True)
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda: "C")  # French, as by default


def open_menu(person: Person, window, title: str):
    bar = window.menuBar()
    for action in bar.actions():
        if shown(action.text()) == title:
            person.open_menu(bar, action.menu())
            return action.menu()
    raise AssertionError(title)


def new_window(session, old):
    """The window the session opened after ``old`` closed, once it is filled."""
    window = session.window
    if window is None or window is old or not window.isVisible():
        return None
    return window if window.tree_ready else None


def mission_file(server, out: Path) -> Path:
    result = CliRunner().invoke(
        cli,
        ["server", "mission-file", "--data", str(server.data_dir), "--out", str(out)]
        + ["--url", server.url, "--name", "Étude tiers-lieux 2026", "--user", "agent-bzh"],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_demo_then_the_mission_file_never_sends_the_demo(qtbot, tmp_path, launch, live_server):
    base = Home(tmp_path / "laptop")
    path = mission_file(live_server, tmp_path / "equipe.fieldkit")
    session = launch("--home", str(base.root))
    person = Person()
    finished: list[object] = []

    def journey():
        first = yield until("the welcome page", lambda: new_window(session, None))
        assert first.pages.currentWidget() is first.empty_page
        person.click(first.empty_demo_button)
        demo = yield until("the demo's window", lambda: new_window(session, first))
        yield until(
            "the demo mission built",
            lambda: demo.tree_model.place_count() > 0 and demo.tasks.pending == 0,
            timeout=180,
        )
        label = demo.findChild(QLabel, "demoLabel")
        assert label.isVisible() and shown(label.text()) == "Démonstration : jamais synchronisée"
        menu = open_menu(person, demo, "Fichier")
        yield until("the Fichier menu", menu.isVisible)
        yield post(lambda: person.choose(menu, "Ouvrir une mission…"))
        chooser = yield until(
            "the file chooser",
            lambda: (
                isinstance(QApplication.activeModalWidget(), QFileDialog)
                and QApplication.activeModalWidget()
            ),
        )
        name_edit = chooser.findChild(QLineEdit, "fileNameEdit")
        person.click(name_edit)
        # The person types once the cursor is in the field (the chooser may get the
        # keyboard a moment after it shows, on a busy machine).
        yield until("the cursor in the file name", name_edit.hasFocus)
        person.type(str(path))
        yield until("the path typed", lambda: name_edit.text() == str(path))
        # Enter, as a person does after typing a path: a click on « Ouvrir » only closed
        # the name completer's list when the folder held names alike (the chooser stayed).
        person.key(Qt.Key.Key_Return)
        # The demo's folder does not take a mission: the app opens the mission's own.
        mission = yield until("the mission's window", lambda: new_window(session, demo), timeout=60)
        dialog = yield modal("missionDialog")
        mission.sync_ui.controller.finished.connect(finished.append)
        person.click(dialog.password_edit)
        person.type(live_server.passwords["agent-bzh"])
        sign_in = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert shown(sign_in.text()) == "Se connecter et synchroniser"
        person.click(sign_in)
        yield until("the first synchronisation", lambda: finished, timeout=60)
        # What the person sees: an empty mission, and both in « Missions récentes ».
        assert mission.tree_model.place_count() == 0
        assert mission.findChild(QLabel, "demoLabel") is None
        menu = mission.data_folders.menu
        mission.data_folders.fill_menu()
        entries = {shown(a.text()): a.isChecked() for a in menu.actions()}
        assert entries == {"Étude tiers-lieux 2026": True, "Mission de démonstration": False}

    run(qtbot, journey(), timeout=300_000)
    # The demo kept its folder, never signed in; the mission's folder is another one.
    demo_home = Home(base.root / missions.DEMO_DIR)
    with Store.open(demo_home) as store:
        assert store.get_setting(sync_client.SERVER_URL) is None
        assert len(store.places()) > 0
    assert session.window is not None and session.window.home.root != demo_home.root
    # The team's server holds none of the demo's records.
    colleague = Store.open(Home(tmp_path / "colleague").ensure())
    login(colleague, live_server.url, "agent-bzh", live_server.passwords["agent-bzh"])
    with SyncClient.from_settings(colleague) as client:
        client.sync()
    assert colleague.places() == []
    colleague.close()


def test_encrypting_from_the_file_menu_reopens_encrypted(qtbot, tmp_path, launch, home):
    with Store.open(home) as store:
        store.create_place(name="La Cordée", postcode="34500")
    session = launch()
    person = Person()

    def journey():
        first = yield until("the main window", lambda: new_window(session, None))
        menu = open_menu(person, first, "Fichier")
        yield until("the Fichier menu", menu.isVisible)
        person.choose(menu, "Chiffrement des données…")
        settings = yield modal("encryptionDialog")
        assert shown(settings.encrypt_button.text()) == "Chiffrer…"
        yield post(lambda: person.click(settings.encrypt_button))
        box = yield modal("passphraseDialog")
        person.click(box.findChild(QLineEdit, "passphraseEdit"))
        person.type(PASSPHRASE)
        person.click(box.findChild(QLineEdit, "passphraseConfirmation"))
        person.type(PASSPHRASE)
        person.click(box.buttons.button(QDialogButtonBox.StandardButton.Ok))
        # The window closes, the data is converted, the window opens again and says so.
        again = yield until("the window again", lambda: new_window(session, first), timeout=60)
        notice = yield modal("sessionNotice")
        assert shown(notice.text()) == "Les données de ce portable sont désormais chiffrées."
        assert again.tree_model.place_count() == 1
        person.click(notice.button(notice.StandardButton.Ok))

    run(qtbot, journey())
    assert encryption.protection(home) == "passphrase"
    assert not home.db_path.read_bytes().startswith(b"SQLite format 3")
    # Locked again, the data opens with the passphrase only.
    session.window.close()
    qtbot.waitUntil(lambda: session.exit_code == 0, timeout=20_000)
    encryption.forget_keys()
    asked: list[int] = []
    encryption.set_passphrase_prompt(lambda _home, attempt: asked.append(attempt) or PASSPHRASE)
    with Store.open(home) as store:
        assert [p["name"] for p in store.places()] == ["La Cordée"]
    assert asked == [1]


def test_the_demo_says_nothing_is_sent_from_it(qtbot, tmp_path, launch):
    """In the demo, the status bar, « Tout est-il envoyé ? » and « Ce qui reste à
    envoyer » agree with « Démonstration : jamais synchronisée »: nothing is counted as
    waiting to be sent (issue 26, item 13)."""
    session = launch("--home", str(tmp_path / "laptop"))
    person = Person()
    seen: dict[str, object] = {}

    def journey():
        first = yield until("the welcome page", lambda: new_window(session, None))
        person.click(first.empty_demo_button)
        demo = yield until("the demo's window", lambda: new_window(session, first))
        yield until(
            "the demo mission built",
            lambda: demo.tree_model.place_count() > 0 and demo.tasks.pending == 0,
            timeout=180,
        )
        button = demo.sync_ui.pending_button
        yield until("the status bar's count", lambda: button.isVisible() and button.text())
        seen["status_bar"] = shown(button.text())
        menu = open_menu(person, demo, "Synchronisation")
        yield until("the Synchronisation menu", menu.isVisible)
        person.choose(menu, "Tout est-il envoyé ?")
        box = yield modal("sentCheckBox")
        seen["check"] = shown(box.text())
        person.click(box.button(box.StandardButton.Close))
        yield until("the answer closed", lambda: not box.isVisible())
        menu = open_menu(person, demo, "Synchronisation")
        yield until("the Synchronisation menu", menu.isVisible)
        person.choose(menu, "Ce qui reste à envoyer…")
        dialog = yield modal("pendingDialog")
        summary = dialog.findChild(QLabel, "pendingSummary")
        yield until("the list loaded", lambda: summary.text())
        seen["list_summary"] = shown(summary.text())
        seen["list_rows"] = dialog.view.model().rowCount()
        dialog.close()

    run(qtbot, journey(), timeout=300_000)
    assert seen["status_bar"] == "Rien n’est envoyé depuis la démonstration"
    assert seen["list_summary"] == seen["status_bar"]
    assert seen["list_rows"] == 0
    assert str(seen["check"]).startswith("Rien n’est envoyé depuis la démonstration")
