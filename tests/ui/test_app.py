"""The application entry point builds a translated, populated window over FIELDKIT_HOME."""

from __future__ import annotations

import os
import signal

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from fieldkit.store import Store
from ui import i18n
from ui.launch import start


def test_start_opens_the_home_store_in_french(qtbot, home, monkeypatch, launch):
    monkeypatch.setattr(i18n, "system_language", lambda: "C")
    with Store.open(home) as store:
        store.create_place(name="La Cordée", postcode="34500")
    session = launch()
    window = session.window
    qtbot.waitUntil(lambda: window.tree_ready and window.tasks.pending == 0, timeout=10_000)
    assert window.isVisible()
    assert window.menuBar().actions()[0].text() == "&Fichier"
    assert window.tree_model.place_count() == 1
    assert window.windowIcon().isNull() is False
    # Closing the window ends the session, and its store is closed.
    window.close()
    qtbot.waitUntil(lambda: session.exit_code == 0, timeout=10_000)
    assert session.window is None


def test_there_is_one_way_in():
    """main.py, the bundle and the tests start the app through ui.launch alone."""
    import importlib.util
    from pathlib import Path

    import ui.launch

    root = Path(ui.launch.__file__).resolve().parents[1]
    assert importlib.util.find_spec("ui.app") is None
    assert "from ui.launch import main" in (root / "main.py").read_text()


def test_a_kill_signal_closes_the_window_and_saves_what_was_typed(qtbot, home, launch, clock):
    with Store.open(home, user="agent-bzh", clock=clock) as store:
        place = store.create_place(name="La Cantine", postcode="35000")
        visit = store.create_visit(place["id"], visited_on="2026-04-01")
    session = launch()
    window = session.window
    qtbot.waitUntil(lambda: window.tree_ready and window.tasks.pending == 0, timeout=10_000)
    window.jump_to(place["id"], visit["id"])
    qtbot.waitUntil(lambda: window.editor.loaded, timeout=5000)
    window.editor.form.notes.insertPlainText("tapé juste avant le kill")
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        session.close_on_signals()
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: session.exit_code == 0, timeout=10_000)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    # Closing flushed the notes typed inside the autosave delay, and saved the window state.
    with Store.open(home) as store:
        assert store.require("visit", visit["id"])["notes"] == "tapé juste avant le kill"
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
    assert start(["FieldKit"]) is None
    [(name, text)] = seen
    assert name == "startupError"
    assert text.startswith("FieldKit ne peut pas ouvrir ses données")
    assert "schéma 999" in text


def test_start_up_removes_temporary_photo_copies_a_killed_import_left(qtbot, home, launch):
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
    window = launch().window
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    assert not stale.exists() and fresh.exists()
