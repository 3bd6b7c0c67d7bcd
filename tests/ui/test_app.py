"""The application entry point builds a translated, populated window over FIELDKIT_HOME."""

from __future__ import annotations

import os
import signal

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from fieldkit.store import Store
from ui import app as app_module
from ui import i18n
from ui.main_window import MainWindow


def test_create_app_opens_the_home_store_in_french(qtbot, home, monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: "C")
    with Store.open(home) as store:
        store.create_place(name="La Cordée", postcode="34500")
    app, window = app_module.create_app([], home)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.tree_ready and window.tasks.pending == 0, timeout=10_000)
    assert window.isVisible()
    assert window.menuBar().actions()[0].text() == "&Fichier"
    assert window.tree_model.place_count() == 1
    assert window.windowIcon().isNull() is False
    window.close()
    window.tasks.wait(5000)
    window.store.close()


def test_a_kill_signal_closes_the_window_and_saves_what_was_typed(qtbot, qapp, ui_store, home):
    place = ui_store.create_place(name="La Cantine", postcode="35000")
    visit = ui_store.create_visit(place["id"], visited_on="2026-04-01")
    window = MainWindow(ui_store, home)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.tree_ready and window.tasks.pending == 0, timeout=10_000)
    window.jump_to(place["id"], visit["id"])
    qtbot.waitUntil(lambda: window.editor.loaded, timeout=5000)
    window.editor.form.notes.insertPlainText("tapé juste avant le kill")
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        app_module.close_on_signals(qapp, window)
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    # Closing flushed the notes typed inside the autosave delay, and saved the window state.
    assert ui_store.require("visit", visit["id"])["notes"] == "tapé juste avant le kill"
    assert QSettings().value("main/visit") == visit["id"]


def test_data_from_a_newer_fieldkit_is_refused_with_a_clear_message(qtbot, qapp, home, monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: "C")
    with Store.open(home) as store:
        store.conn.execute("PRAGMA user_version = 999")
    seen = []

    def read_and_close_the_box():
        box = QApplication.activeModalWidget()
        seen.append((box.objectName(), box.text()))
        box.done(0)

    QTimer.singleShot(100, read_and_close_the_box)
    assert app_module.main([]) == 1
    [(name, text)] = seen
    assert name == "startupError"
    assert text.startswith("FieldKit ne peut pas ouvrir ses données")
    assert "schéma 999" in text


def test_start_up_removes_temporary_photo_copies_a_killed_import_left(qtbot, home):
    """``blobs/.incoming/*.part`` of an import killed mid-way go at the next start (issue 13);
    a copy being written right now (by another FieldKit process) stays."""
    import os
    import time

    from fieldkit.photos import INCOMING_DIR

    home.ensure()
    incoming = home.blobs_dir / INCOMING_DIR
    incoming.mkdir(parents=True, exist_ok=True)
    stale = incoming / "0123.part"
    stale.write_bytes(b"half a photo")
    old = time.time() - 10 * 60
    os.utime(stale, (old, old))
    fresh = incoming / "4567.part"
    fresh.write_bytes(b"being written")
    app, window = app_module.create_app([], home)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    assert not stale.exists() and fresh.exists()
    window.close()
    window.tasks.wait(5000)
