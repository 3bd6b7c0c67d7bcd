"""The application entry point builds a translated, populated window over FIELDKIT_HOME."""

from __future__ import annotations

from ui import app as app_module
from ui import i18n


def test_create_app_opens_the_home_store_in_french(qtbot, home, monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: "C")
    from fieldkit.store import Store

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
