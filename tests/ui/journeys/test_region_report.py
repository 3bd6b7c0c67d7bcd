"""Journey: an agent builds the report of their région, as a person does it (issue 26).

The app starts the one way in (ui.launch.start) for agent-bzh, whose laptop holds visits
in Bretagne (with a photo) and in Occitanie. The person opens « Fichier » with the
keyboard (Alt+F) and clicks « Rapports régionaux… », clicks « Aucune », clicks Bretagne
in the list and ticks it with Espace, unticks the national summary, types the folder,
clicks « Créer les rapports », and reads the result and the preview. The PDF is read back
with pypdf. A photo whose file is only on the server (the sync brings the record) is
fetched by the build: the PDF shows it, not « Photo manquante ».
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from fieldkit import photos
from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.sync import SyncClient, login
from tests.ui.journeys.person import Person, run, shown, until
from ui import i18n


@pytest.fixture(autouse=True)
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda: "C")  # French, as by default


def window_ready(session):
    window = session.window
    if window is None or not window.isVisible() or not window.tree_ready:
        return None
    return window if window.tasks.pending == 0 else None


def file_menu(person: Person, window) -> QMenu | None:
    """Alt+F, from the place tree: the menu « Fichier », once open."""
    person.click(window.tree_view.viewport())
    person.key(Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    popup = QApplication.activePopupWidget()
    return popup if isinstance(popup, QMenu) and popup.isVisible() else None


def window_named(name: str) -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == name and widget.isVisible():
            return widget
    return None


def row_of_region(dialog, name: str) -> int:
    for row in range(dialog.region_list.count()):
        if shown(dialog.region_list.item(row).text()).startswith(name + " — "):
            return row
    raise AssertionError(name)


def test_an_agent_builds_the_report_of_their_region(qtbot, tmp_path, launch, home):
    picture = tmp_path / "facade.jpg"
    Image.new("RGB", (800, 600), "teal").save(picture, "JPEG")
    with Store.open(home, user="agent-bzh") as store:
        rennes = store.create_place(name="La Cantine", postcode="35000", commune="Rennes")
        visit = store.create_visit(
            rennes["id"], visited_on="2026-05-12", status="final", notes="Un atelier vélo."
        )
        photos.import_photos(store, visit["id"], [picture])
        sete = store.create_place(name="Le Môle", postcode="34200", commune="Sète")
        store.create_visit(sete["id"], visited_on="2026-06-02", status="final")
    out = tmp_path / "Rapports"
    session = launch()
    person = Person()

    def journey():
        window = yield until("the main window", lambda: window_ready(session))
        menu = yield until("the Fichier menu", lambda: file_menu(person, window))
        person.choose(menu, "Rapports régionaux…")
        dialog = yield until("the reports dialog", lambda: window_named("reportsDialog"))
        yield until("the régions counted", lambda: dialog.region_list.count() > 0)
        bretagne = row_of_region(dialog, "Bretagne")
        occitanie = row_of_region(dialog, "Occitanie")
        assert shown(dialog.region_list.item(bretagne).text()) == "Bretagne — 1 visite"
        # Both régions with visits come ticked; she wants hers only.
        assert set(dialog.checked_regions()) == {"53", "76"}
        person.click(dialog.none_button)
        assert dialog.checked_regions() == []
        person.click_row(dialog.region_list, bretagne)
        assert QApplication.focusWidget() is dialog.region_list
        person.key(Qt.Key.Key_Space)
        checked = Qt.CheckState.Checked
        assert dialog.region_list.item(bretagne).checkState() == checked
        assert dialog.region_list.item(occitanie).checkState() != checked
        # No national summary: she reports on her région.
        assert dialog.national_check.isChecked()
        person.click(dialog.national_check)
        assert not dialog.national_check.isChecked()
        # The folder: select what is there and type hers.
        person.click(dialog.folder_edit)
        person.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        person.type(str(out))
        assert shown(dialog.build_button.text()) == "Créer les rapports"
        person.click(dialog.build_button)
        yield until(
            "the reports built",
            lambda: dialog.build_button.isEnabled() and dialog.outcome is not None,
            timeout=120,
        )
        assert shown(dialog.status_label.text()) == "1 rapport créé."
        assert dialog.open_folder_button.isEnabled()
        yield until("the preview", lambda: shown(dialog.preview_info.text()).endswith(" pages"))
        assert shown(dialog.preview_combo.currentText()).endswith(".pdf")
        person.click(dialog.close_button)
        yield until("the dialog closed", lambda: not dialog.isVisible())

    run(qtbot, journey())
    [pdf] = sorted(Path(out).glob("*.pdf"))
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Bretagne" in text
    assert "La Cantine" in text and "Un atelier vélo." in text
    assert "Le Môle" not in text  # Occitanie's, not asked for
    assert "Photo manquante" not in text
    images = sum(len(page.images) for page in PdfReader(pdf).pages)
    assert images >= 1


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_report_fetches_the_photos_that_are_only_on_the_server(
    qtbot, tmp_path, launch, home, live_server
):
    """A colleague's photo came with the sync as a record only (its file on the server):
    building the report fetches it, and the PDF shows it rather than « Photo manquante »."""
    password = live_server.passwords["agent-bzh"]
    colleague = Store.open(Home(tmp_path / "colleague").ensure(), user="agent-bzh")
    login(colleague, live_server.url, "agent-bzh", password, device_name="collègue")
    place = colleague.create_place(name="La Cantine", postcode="35000", commune="Rennes")
    visit = colleague.create_visit(place["id"], visited_on="2026-05-12", status="final")
    picture = tmp_path / "facade.jpg"
    Image.new("RGB", (800, 600), "teal").save(picture, "JPEG")
    photos.import_photos(colleague, visit["id"], [picture])
    sync(colleague)
    colleague.close()
    with Store.open(home, user="agent-bzh") as store:
        login(store, live_server.url, "agent-bzh", password, device_name="portable")
        sync(store)
        [photo] = store.photos(visit["id"])
        assert not photos.blob_path(home, photo["blob"]).is_file()  # the record only
    out = tmp_path / "Rapports"
    session = launch()
    person = Person()

    def journey():
        window = yield until("the main window", lambda: window_ready(session))
        menu = yield until("the Fichier menu", lambda: file_menu(person, window))
        person.choose(menu, "Rapports régionaux…")
        dialog = yield until("the reports dialog", lambda: window_named("reportsDialog"))
        yield until("the régions counted", lambda: dialog.checked_regions() == ["53"])
        person.click(dialog.national_check)
        person.click(dialog.folder_edit)
        person.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        person.type(str(out))
        person.click(dialog.build_button)
        yield until(
            "the reports built",
            lambda: dialog.build_button.isEnabled() and dialog.outcome is not None,
            timeout=120,
        )
        assert shown(dialog.status_label.text()) == "1 rapport créé."

    run(qtbot, journey())
    [pdf] = sorted(Path(out).glob("*.pdf"))
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "La Cantine" in text
    assert "Photo manquante" not in text
    assert sum(len(page.images) for page in PdfReader(pdf).pages) >= 1
    assert photos.blob_path(home, photo["blob"]).is_file()  # kept for the next time


def sync(store: Store) -> None:
    with SyncClient.from_settings(store) as client:
        client.sync()
