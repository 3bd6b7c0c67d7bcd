"""Encryption in the app: the passphrase at start-up, the first-run offer, and File →
« Chiffrement des données… » converting the data directory, all with real dialogs."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QLineEdit, QWidget

from fieldkit import encryption
from fieldkit.paths import Home
from fieldkit.store import Store
from tests.ui.journeys.person import Journey, Person, Script, modal, until
from ui import i18n
from ui.encryption_ui import Conversion, EncryptionDialog, run_conversion
from ui.launch import start
from ui.main_window import MainWindow

PASSPHRASE = "phrase de passe du portable"


@pytest.fixture(autouse=True)
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda: "C")  # French, as by default


def answer_modals(qtbot, steps: list[Callable[[QWidget], None]]) -> list[str]:
    """Answer the next modal dialogs in turn; returns their object names."""
    seen: list[str] = []

    def step() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, step)
            return
        seen.append(box.objectName())
        action = steps.pop(0)
        action(box)
        if steps:
            QTimer.singleShot(50, step)

    QTimer.singleShot(50, step)
    return seen


def typed(*texts: str, accept: bool = True) -> Callable[[QWidget], None]:
    def act(box: QWidget) -> None:
        edits = [e for e in box.findChildren(QLineEdit) if e.isVisibleTo(box)]
        for edit, text in zip(edits, texts, strict=False):
            edit.setText(text)
        if accept:
            box.buttons.accepted.emit()  # type: ignore[attr-defined]
        else:
            box.reject()

    return act


def plain(text: str) -> str:
    """French texts carry non-breaking spaces before « : ; » (ui/i18n_tools.py)."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def sealed_home(home: Home) -> Home:
    """An encrypted data directory with one place, then locked again."""
    encryption.setup_new_home(home, passphrase=PASSPHRASE)
    with Store.open(home) as store:
        store.create_place(name="La Cordée", postcode="34500")
    encryption.forget_keys()
    return home


def test_the_passphrase_is_asked_at_start_up_and_a_wrong_one_said_in_french(qtbot, home, launch):
    sealed_home(home)
    errors: list[str] = []

    def wrong_then_look(box: QWidget) -> None:
        typed("pas la bonne phrase")(box)

    def read_error_then_right(box: QWidget) -> None:
        label = box.findChild(QLabel, "passphraseError")
        errors.append(plain(label.text()) if label.isVisibleTo(box) else "")
        typed(PASSPHRASE)(box)

    seen = answer_modals(qtbot, [wrong_then_look, read_error_then_right])
    window = launch().window
    qtbot.waitUntil(lambda: window.tree_ready and window.tasks.pending == 0, timeout=10_000)
    assert seen == ["passphraseDialog", "passphraseDialog"]
    assert errors == ["Phrase de passe incorrecte : rien n’a été ouvert ni modifié. Réessayez."]
    assert window.tree_model.place_count() == 1


def test_cancelling_the_passphrase_prompt_quits_quietly(qtbot, home):
    """A person who clicks « Annuler » at the start-up prompt chose not to open the
    data: the app goes away without an error box (issue 26, item 13)."""
    sealed_home(home)
    person = Person()
    returned: list[object] = []
    boxes_seen: list[str] = []

    def a_box() -> QWidget | None:
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget.isModal():
                return widget
        return None

    def journey() -> Script:
        prompt = yield modal("passphraseDialog")
        person.click(prompt.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        # Then either the app is gone, or a box is in front of the person.
        after = yield until("the app to quit or a box", lambda: returned or a_box())
        if isinstance(after, QWidget):
            boxes_seen.append(after.objectName())
            after.close()

    walk = Journey(journey()).start()
    returned.append(start(["FieldKit"]))
    qtbot.waitUntil(lambda: walk.done, timeout=20_000)
    walk.check()
    assert boxes_seen == []
    assert returned == [None]
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_first_run_offers_a_passphrase_where_there_is_no_keyring(qtbot, tmp_path, launch):
    home = Home(tmp_path / "new").ensure()
    seen = answer_modals(qtbot, [typed("court", "court"), typed(PASSPHRASE, PASSPHRASE)])
    window = launch("--home", str(home.root), offer_encryption=True).window
    # The first answer was too short: the dialog said so and stayed open.
    assert seen == ["firstRunEncryption", "firstRunEncryption"]
    assert encryption.protection(home) == "passphrase"
    assert not home.db_path.read_bytes().startswith(b"SQLite format 3")
    assert window.isVisible()


def test_first_run_not_now_keeps_the_data_in_clear(qtbot, tmp_path, launch):
    home = Home(tmp_path / "new").ensure()

    def not_now(box: QWidget) -> None:
        box.findChild(QWidget, "notNowButton").click()

    seen = answer_modals(qtbot, [not_now])
    window = launch("--home", str(home.root), offer_encryption=True).window
    assert seen == ["firstRunEncryption"]
    assert not encryption.is_encrypted(home)
    assert window.isVisible()


def test_the_settings_dialog_encrypts_then_decrypts_through_a_restart(qtbot, home, ui_store):
    i18n.set_language("fr")
    ui_store.create_place(name="La Cordée", postcode="34500")
    window = MainWindow(ui_store, home)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.tree_ready and window.tasks.pending == 0, timeout=10_000)
    assert window.encryption_action.text() == "C&hiffrement des données…"
    dialog = EncryptionDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.state.text() == "Les données de ce portable ne sont pas chiffrées."
    notes: list[str] = []

    def choose(box: QWidget) -> None:
        note = box.findChild(QLabel, "passphraseNote")
        notes.append(plain(note.text()))
        typed(PASSPHRASE, PASSPHRASE)(box)

    answer_modals(qtbot, [choose])
    dialog.encrypt_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert window.pending_conversion == Conversion("encrypt", PASSPHRASE)
    # The place above was never synced: the person is told what a lost key would cost.
    assert "1 modification n’est pas encore synchronisée" in notes[0]
    window.tasks.wait(5000)
    ui_store.close()
    message = plain(run_conversion(home, window.pending_conversion))
    assert message == "Les données de ce portable sont désormais chiffrées."
    assert encryption.protection(home) == "passphrase"
    with Store.open(home) as store:
        assert [p["name"] for p in store.places()] == ["La Cordée"]
    assert plain(run_conversion(home, Conversion("decrypt"))) == (
        "Les données de ce portable sont désormais en clair."
    )
    assert home.db_path.read_bytes().startswith(b"SQLite format 3")


def test_a_failed_conversion_says_the_data_was_left_as_it_was(qtbot, home):
    i18n.set_language("fr")
    with Store.open(home):
        pass
    message = plain(run_conversion(home, Conversion("decrypt")))
    assert message == (
        "La conversion a échoué ; les données sont restées telles quelles : "
        "Ces données ne sont pas chiffrées."
    )


def test_changing_the_passphrase_from_the_dialog(qtbot, home, monkeypatch):
    i18n.set_language("fr")
    sealed_home(home)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    store = Store.open(home, check_same_thread=False)
    window = MainWindow(store, home)
    qtbot.addWidget(window)
    dialog = EncryptionDialog(window)
    qtbot.addWidget(dialog)
    assert plain(dialog.state.text()) == (
        "Les données de ce portable sont chiffrées ; leur clé est protégée par une phrase de passe."
    )
    answer_modals(qtbot, [typed("nouvelle phrase", "nouvelle phrase"), lambda b: b.done(0)])
    dialog.passphrase_button.click()
    window.close()
    window.tasks.wait(5000)
    store.close()
    encryption.forget_keys()
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "nouvelle phrase")
    with Store.open(home) as s:
        assert len(s.places()) == 1


def test_encrypting_from_the_app_keeps_and_names_the_other_files(qtbot, home):
    i18n.set_language("fr")
    with Store.open(home):
        pass
    (home.root / "exports").mkdir()
    (home.root / "exports" / "lieux.csv").write_bytes(b"nom;cp\nLe Bocal;35000\n")
    message = plain(run_conversion(home, Conversion("encrypt", PASSPHRASE)))
    assert message == (
        "Les données de ce portable sont désormais chiffrées. 1 autre fichier du dossier "
        "de données a suivi, en clair : exports/lieux.csv."
    )
    assert (home.root / "exports" / "lieux.csv").read_bytes() == b"nom;cp\nLe Bocal;35000\n"
    (home.root / "tube").unlink(missing_ok=True)
    os.mkfifo(home.root / "tube")
    message = plain(run_conversion(home, Conversion("decrypt")))
    assert message.startswith("La conversion a échoué ; les données sont restées telles quelles")
    assert "tube" in message and "Rien n’a été modifié" in message
    assert encryption.is_encrypted(home)
