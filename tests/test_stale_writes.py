"""An editor's save carries the values it started from; the store refuses it when another
write (a sync, a resolved conflict, another program) changed them meanwhile."""

from __future__ import annotations

import pytest

from fieldkit.errors import StaleWriteError
from fieldkit.merge import merge_text, merge_value
from fieldkit.paths import Home
from fieldkit.store import Store


@pytest.fixture
def visit(tmp_path):
    store = Store.memory()
    place = store.create_place(name="La Cantine", postcode="35000")
    v = store.create_visit(place["id"], visited_on="2026-10-01", notes="Avant", visitors="Anne")
    yield store, v
    store.close()


def test_a_save_on_the_current_base_is_written(visit):
    store, v = visit
    row = store.update("visit", v["id"], {"notes": "Avant, après"}, base={"notes": "Avant"})
    assert row["notes"] == "Avant, après"


def test_a_save_on_a_stale_base_is_refused_and_writes_nothing(visit):
    store, v = visit
    store.update("visit", v["id"], {"notes": "Texte fusionné"})  # e.g. a conflict resolved
    outbox = store.outbox_count()
    with pytest.raises(StaleWriteError) as err:
        store.update("visit", v["id"], {"notes": "Avantxyz"}, base={"notes": "Avant"})
    assert err.value.code == "stale_base"
    assert err.value.params["fields"] == ["notes"]
    assert err.value.params["current"] == {"notes": "Texte fusionné"}
    assert "changed elsewhere" in err.value.message
    assert store.require("visit", v["id"])["notes"] == "Texte fusionné"
    assert store.outbox_count() == outbox


def test_only_the_fields_of_the_base_are_compared(visit):
    store, v = visit
    store.update("visit", v["id"], {"summary": "Écrit ailleurs"})
    row = store.update("visit", v["id"], {"notes": "Mien"}, base={"notes": "Avant"})
    assert row["notes"] == "Mien" and row["summary"] == "Écrit ailleurs"


def test_the_base_is_compared_as_the_store_normalises_it(visit):
    store, v = visit
    # Visitors are trimmed when stored; a base with the typed spaces is still current.
    row = store.update("visit", v["id"], {"visitors": "Anne, Paul"}, base={"visitors": " Anne "})
    assert row["visitors"] == "Anne, Paul"


def test_a_write_by_another_connection_makes_the_base_stale(tmp_path):
    home = Home(tmp_path / "h").ensure()
    editor = Store.open(home, user="anne")
    other = Store.open(home, user="cli")  # e.g. `fieldkit` in a terminal, another process
    place = editor.create_place(name="Le Bocal", postcode="29200")
    v = editor.create_visit(place["id"], visited_on="2026-10-01", notes="Base")
    other.update("visit", v["id"], {"notes": "Base, écrit par la CLI"})
    with pytest.raises(StaleWriteError):
        editor.update("visit", v["id"], {"notes": "Base + frappe"}, base={"notes": "Base"})
    assert editor.require("visit", v["id"])["notes"] == "Base, écrit par la CLI"
    editor.close()
    other.close()


def test_merge_text_keeps_both_sides_when_they_do_not_overlap():
    base = "Accueil chaleureux.\nAtelier bois ouvert le mardi."
    mine = "Accueil chaleureux.\nAtelier bois ouvert le mardi et le jeudi."
    theirs = "Accueil très chaleureux.\nAtelier bois ouvert le mardi."
    assert merge_text(base, mine, theirs) == (
        "Accueil très chaleureux.\nAtelier bois ouvert le mardi et le jeudi."
    )
    # Appending three letters to a text someone else rewrote at its start.
    assert merge_text("Texte", "Texteabc", "Un Texte") == "Un Texteabc"


def test_merge_text_refuses_overlapping_edits():
    assert merge_text("le mardi", "le jeudi", "le vendredi") is None
    assert merge_text("fin", "fin A", "fin B") is None  # two insertions at one point


def test_merge_text_trivial_cases():
    assert merge_text("a", "a", "b") == "b"
    assert merge_text("a", "b", "a") == "b"
    assert merge_text("a", "c", "c") == "c"


def test_merge_value_of_other_types():
    assert merge_value("draft", "final", "draft") == (True, "final")
    assert merge_value("draft", "draft", "final") == (True, "final")
    assert merge_value("2026-01-01", "2026-01-02", "2026-01-03") == (False, "2026-01-02")
    assert merge_value(None, "x", "x") == (True, "x")
    assert merge_value("a b", "a c b", "a b d", text=True) == (True, "a c b d")
    assert merge_value("a b", "a c b", "a b d") == (False, "a c b")  # not free text
