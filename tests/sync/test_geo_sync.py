"""Commune codes and merges travel through the real server like any other edit."""

from __future__ import annotations

from fieldkit import places_geo


def test_commune_code_and_a_merge_sync_between_two_clients(devices):
    coord = devices("coordinator", name="coord")
    other = devices("coordinator", name="coord-2")
    keep = coord.store.create_place(name="Le Fournil", postcode="05160", commune="Pontis")
    dup = coord.store.create_place(name="Fournil de Pontis", postcode="05160", commune="PONTIS")
    visit = coord.store.create_visit(dup["id"], visited_on="2026-10-01")
    assert coord.sync().rejected == []

    other.sync()
    pulled = other.store.require("place", keep["id"])
    assert (pulled["commune_insee"], pulled["departement"], pulled["region"]) == (
        "04154",
        "04",
        "93",
    )
    [pair] = places_geo.possible_duplicates(other.store)
    assert {pair.first["id"], pair.second["id"]} == {keep["id"], dup["id"]}

    places_geo.merge_places(other.store, keep["id"], dup["id"])
    up = other.sync()
    assert up.rejected == [] and up.conflicts == 0
    coord.sync()
    assert coord.store.get("place", dup["id"]) is None
    assert coord.store.require("visit", visit["id"])["place_id"] == keep["id"]
    assert places_geo.possible_duplicates(coord.store) == []
