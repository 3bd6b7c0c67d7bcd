"""« Carte »: the mission overview shows the share outside any aire d'attraction des villes."""

from __future__ import annotations

from ui import i18n
from ui.map_view import MapWindow, map_job


def test_the_overview_shows_the_share_outside_any_aire_in_french_and_english(qtbot, ui_store):
    beziers = ui_store.create_place(name="La Cordée", postcode="34500", commune="Béziers")
    ui_store.create_place(name="La Grange", postcode="48000", commune="Mende")
    meyrueis = ui_store.create_place(name="Lozère Lab", postcode="48150", commune="Meyrueis")
    ui_store.create_place(name="Le Mas", postcode="48800", commune="Altier")
    ui_store.create_visit(beziers["id"], visited_on="2026-10-01")
    ui_store.create_visit(meyrueis["id"], visited_on="2026-10-02")
    i18n.set_language("fr")
    win = MapWindow()
    qtbot.addWidget(win)
    win.show_data(map_job(ui_store, None, None))
    text = win.figures_label.text().replace("\u202f", " ").replace("\u00a0", " ")
    assert (
        "50 % hors de toute aire d’attraction des villes (zonage INSEE 2020) — "
        "50 % des lieux visités"
    ) in text
    i18n.set_language("en")
    text = win.figures_label.text()
    # English writes « 50% », with no space (the French narrow space stays French).
    assert (
        "50% outside any aire d'attraction des villes (INSEE zoning 2020) — 50% of the visited"
    ) in text
