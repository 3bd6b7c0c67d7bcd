"""The desktop sync pieces with real widgets (pytest-qt, offscreen) against the real server:
the controller in a worker, the login dialog, the conflicts view, the main window's F5."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.sync import SyncClient, login
from tests.sync.conftest import Device
from tests.ui.conftest import OFFSCREEN_NOISE, isolated_settings  # noqa: F401
from ui.models import local_date
from ui.sync import ConflictsDialog, LoginDialog, SyncController
from ui.tasks import TaskManager

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def gui_store(tmp_path: Path):
    home = Home(tmp_path / "gui").ensure()
    store = Store.open(home, user="coordinator", check_same_thread=False)
    yield store
    store.close()


@pytest.fixture
def tasks(qtbot, gui_store):
    manager = TaskManager(gui_store)
    yield manager
    manager.wait(10_000)


def settle(qtbot, tasks):
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=15_000)


def test_controller_syncs_in_a_worker_and_reports_status(qtbot, live_server, gui_store, tasks):
    login(gui_store, live_server.url, "coordinator", "coord-pass-1")
    gui_store.create_place(name="La Cantine", postcode="35000")
    controller = SyncController(tasks, client_options={"retry_delays": (0.01, 0.02)})
    seen = {}
    controller.pending_changed.connect(lambda n: seen.__setitem__("pending", n))
    controller.last_sync_changed.connect(lambda t: seen.__setitem__("last", t))
    controller.online_changed.connect(lambda o: seen.__setitem__("online", o))
    controller.refresh()
    settle(qtbot, tasks)
    assert seen["pending"] == 1 and seen["last"] == "" and controller.logged_in

    with qtbot.waitSignal(controller.finished, timeout=20_000) as done:
        assert controller.sync_now() is not None
        assert controller.sync_now() is None  # one sync at a time
    assert done.args[0].pushed == 1
    settle(qtbot, tasks)
    assert seen["pending"] == 0 and seen["online"] is True and seen["last"]

    gui_store_edit = gui_store.places()[0]
    tasks.call(lambda s: s.update("place", gui_store_edit["id"], {"description": "hors ligne"}))
    live_server.stop()
    with qtbot.waitSignal(controller.failed, timeout=20_000) as failed:
        controller.sync_now()
    assert "cannot be reached" in failed.args[0] and "Nothing is lost" in failed.args[0]
    settle(qtbot, tasks)
    assert seen["online"] is False and seen["pending"] == 1
    live_server.start()
    with qtbot.waitSignal(controller.finished, timeout=20_000):
        controller.sync_now()
    settle(qtbot, tasks)
    assert seen["pending"] == 0


def test_login_dialog_signs_in_or_says_why_not(qtbot, live_server, gui_store, tasks):
    controller = SyncController(tasks)
    dialog = LoginDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url_edit.setText(live_server.url)
    dialog.user_edit.setText("agent-bzh")
    dialog.password_edit.setText("not-the-password")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=15_000)
    assert "password" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.user_edit.text() == "agent-bzh"

    dialog.password_edit.setText("")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error_label.isVisible() and dialog.isVisible()  # nothing sent

    dialog.password_edit.setText("bzh-pass-1")
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle(qtbot, tasks)
    assert controller.logged_in and controller.user == "agent-bzh"
    assert gui_store.get_setting("server_url") == live_server.url


def test_conflicts_view_resolves_field_by_field(
    qtbot, qtmodeltester, live_server, tmp_path, gui_store, tasks
):
    anne = Device(live_server, tmp_path, "agent-bzh", name="anne")
    login(gui_store, live_server.url, "coordinator", "coord-pass-1")
    place = anne.store.create_place(name="Le Bocal", postcode="29200")
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-01", notes="Avant")
    anne.sync()
    controller = SyncController(tasks)
    with qtbot.waitSignal(controller.finished, timeout=20_000):
        controller.sync_now()
    anne.store.update("visit", visit["id"], {"notes": "Texte d'Anne", "status": "final"})
    anne.sync()
    tasks.call(lambda s: s.update("visit", visit["id"], {"notes": "Texte coordination"}))
    with qtbot.waitSignal(controller.finished, timeout=20_000) as done:
        controller.sync_now()
    assert done.args[0].conflicts == 1

    dialog = ConflictsDialog(tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    qtmodeltester.check(dialog.model)
    # The date as the locale writes it (01/10/2026 in French), not the core's ISO date.
    assert dialog.model.index(0, 1).data() == f"Le Bocal — {local_date('2026-10-01')}"
    [choice] = dialog.choices
    assert choice.field == "notes"
    assert choice.theirs_view.toPlainText() == "Texte d'Anne"
    assert choice.mine_view.toPlainText() == "Texte coordination"
    assert choice.value() == "Texte d'Anne"  # theirs until a person chooses
    choice.use_mine.click()
    assert choice.value() == "Texte coordination"
    choice.result_edit.setPlainText("Texte d'Anne\nTexte coordination")  # a merge by hand
    with qtbot.waitSignal(dialog.resolved, timeout=10_000):
        qtbot.mouseClick(dialog.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10_000)
    assert dialog.empty_label.isVisible()
    assert gui_store.conflict_count() == 0

    with qtbot.waitSignal(controller.finished, timeout=20_000):
        controller.sync_now()
    anne.sync()
    row = anne.store.require("visit", visit["id"])
    assert row["notes"] == "Texte d'Anne\nTexte coordination" and row["status"] == "final"
    anne.close()


def test_f5_in_the_main_window(qtbot, live_server, home, tmp_path):
    from ui.main_window import MainWindow

    store = Store.open(home, user="coordinator", check_same_thread=False)
    login(store, live_server.url, "coordinator", "coord-pass-1")
    store.create_place(name="La Cantine", postcode="35000")
    window = MainWindow(store, home)
    qtbot.addWidget(window)
    sync_ui = window.sync_ui  # the window installs sync itself (install_sync)
    window.show()
    settle(qtbot, window.tasks)
    names = [a.objectName() for a in window.sync_menu.actions() if a.objectName()]
    assert names[:3] == ["syncAction", "syncPhotosAction", "conflictsAction"]
    assert sync_ui.sync_action.shortcut().toString() == "F5"
    assert sync_ui.sync_action.isEnabled()
    with qtbot.waitSignal(sync_ui.controller.finished, timeout=20_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    settle(qtbot, window.tasks)
    assert "1 sent" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.online_label.text() != "", timeout=5_000)
    assert window._online is True and window._pending == 0
    assert window._last_sync
    window.close()
    window.tasks.wait(5000)
    store.close()


def test_a_photo_of_someone_else_comes_down_when_first_shown(
    qtbot, live_server, tmp_path, gui_store, tasks
):
    from fieldkit.sync import blob_file
    from tests.sync.test_blobs_sync import add_blob, photo_of
    from ui.sync import fetch_missing_photo

    anne = Device(live_server, tmp_path, "agent-bzh", name="anne")
    data = b"\xff\xd8" + bytes(range(256)) * 400
    sha = add_blob(anne.store, data)
    photo_of(anne.store, sha)
    anne.sync()
    login(gui_store, live_server.url, "coordinator", "coord-pass-1")

    def sync(store):
        with SyncClient.from_settings(store) as client:
            return client.sync()

    tasks.call(sync)
    assert not blob_file(gui_store.home, sha).exists()
    got = []
    fetch_missing_photo(tasks, sha, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=15_000)
    assert got[0].read_bytes() == data
    present = tasks.call(
        lambda s: s.conn.execute("SELECT present FROM blobs WHERE sha256 = ?", (sha,)).fetchone()[0]
    )
    assert present == 1

    failures = []
    live_server.stop()
    other = "cd" * 32
    fetch_missing_photo(tasks, other, got.append, failures.append, retry_delays=(0.01,))
    qtbot.waitUntil(lambda: bool(failures), timeout=30_000)
    assert failures[0].code == "offline"
    live_server.start()
    anne.close()


def test_thumbnails_and_viewer_fetch_someone_elses_photo_on_first_show(
    qtbot, live_server, tmp_path, gui_store, tasks
):
    from fieldkit import photos
    from fieldkit.sync import blob_file
    from tests.photo_factory import make_jpeg
    from ui.photo_model import ThumbnailCache
    from ui.photo_viewer import PhotoViewer

    anne = Device(live_server, tmp_path, "agent-bzh", name="anne")
    place = anne.store.create_place(name="La Cantine", postcode="35000")
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-01")
    report = photos.import_photos(anne.store, visit["id"], [make_jpeg(tmp_path / "atelier.jpg")])
    sha = report.imported[0]["blob"]
    anne.sync()
    login(gui_store, live_server.url, "coordinator", "coord-pass-1")

    def sync(store):
        with SyncClient.from_settings(store) as client:
            return client.sync()

    tasks.call(sync)
    assert not blob_file(gui_store.home, sha).exists()  # only the record came down

    cache = ThumbnailCache(tasks, gui_store.home)
    assert cache.icon(sha) is None  # asked for: missing here, so fetched from the server
    qtbot.waitUntil(lambda: cache.has(sha) or sha in cache.failures, timeout=20_000)
    assert cache.has(sha) and blob_file(gui_store.home, sha).exists()

    blob_file(gui_store.home, sha).unlink()  # as if never downloaded
    tasks.call(lambda s: s.conn.execute("DELETE FROM derivatives"))
    for kind in ("thumb", "report"):
        photos.derivative_path(gui_store.home, sha, kind).unlink(missing_ok=True)
    records = tasks.call(lambda s: s.photos(visit["id"]))
    viewer = PhotoViewer(tasks, gui_store.home, records, 0)
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.loaded, timeout=20_000)
    anne.close()


def test_f5_purges_what_a_coordinator_erased_elsewhere(qtbot, live_server, home, tmp_path):
    """The open visit was erased on another laptop: F5 removes it here and says so."""
    from PySide6.QtGui import QUndoCommand

    from fieldkit import erasure
    from ui.main_window import MainWindow

    store = Store.open(home, user="agent-bzh", check_same_thread=False)
    login(store, live_server.url, "agent-bzh", "bzh-pass-1")
    place = store.create_place(name="La Cantine", postcode="35000")
    visit = store.create_visit(place["id"], visited_on="2026-04-01", notes="Notes à effacer.")
    window = MainWindow(store, home)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window.tasks)
    with qtbot.waitSignal(window.sync_ui.controller.finished, timeout=20_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    settle(qtbot, window.tasks)
    coordinator = Device(live_server, tmp_path, "coordinator")
    coordinator.sync()
    erasure.erase(coordinator.store, "visit", visit["id"])
    coordinator.sync()
    window.select_visit(visit["id"])
    window.undo_stack.push(QUndoCommand("an edit made before the sync"))
    with qtbot.waitSignal(window.sync_ui.controller.finished, timeout=20_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    settle(qtbot, window.tasks)
    assert "1 erased record(s) removed from this computer." in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0
    qtbot.waitUntil(lambda: window.visit_model.row_of(visit["id"]) < 0, timeout=5_000)
    window.close()
    window.tasks.wait(5000)
    coordinator.close()
    store.close()


def test_f5_says_in_french_that_a_coordinator_must_erase_it(qtbot, live_server, home):
    """An agent's erasure of a record the server has (its create's answer was lost, so
    the laptop erased it as unsynced): the server refuses, and the app says who must."""
    from ui import i18n
    from ui.main_window import MainWindow

    i18n.set_language("fr")
    store = Store.open(home, user="agent-bzh", check_same_thread=False)
    login(store, live_server.url, "agent-bzh", "bzh-pass-1")
    place = store.create_place(name="La Cantine", postcode="35000")
    window = MainWindow(store, home)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window.tasks)
    with qtbot.waitSignal(window.sync_ui.controller.finished, timeout=20_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    settle(qtbot, window.tasks)

    def ask_erasure(s: Store) -> None:
        with s.transaction():
            s.conn.execute(
                "INSERT INTO erasures(kind, record_id, erased_by, erased_at, origin, "
                "requested, sent) VALUES ('place', ?, 'agent-bzh', ?, 'here', 1, 0)",
                (place["id"], s.now()),
            )

    window.tasks.call(ask_erasure)
    with qtbot.waitSignal(window.sync_ui.controller.finished, timeout=20_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    settle(qtbot, window.tasks)
    message = window.statusBar().currentMessage()
    assert "effacement refusé par le serveur" in message
    assert "un coordinateur doit l’effacer" in message
    assert live_server.state.sync.history("place", place["id"])  # still on the server
    window.close()
    window.tasks.wait(5000)
    store.close()
