"""Store.search ranks at most SEARCH_RANK_WINDOW of the most recent matches (speed on big missions)."""

from __future__ import annotations

import pytest

from fieldkit.store import Store
from fieldkit.store import search as search_module


@pytest.fixture
def visits(fresh_db: Store) -> list[str]:
    """Eight visits mentioning « équipe », the OLDEST mentioning it most (best bm25)."""
    place = fresh_db.create_place(name="Le Bocal")
    ids = []
    for n in range(8, 0, -1):
        notes = " ".join(["équipe"] * n + ["autre"] * (20 - n))
        ids.append(fresh_db.create_visit(place["id"], visited_on="2026-01-05", notes=notes)["id"])
    return ids  # oldest first


def test_few_matches_are_ranked_over_all_of_them(fresh_db: Store, visits: list[str]):
    hits = fresh_db.search("equipe")
    assert [h.id for h in hits] == visits  # best match first, all eight


def test_many_matches_rank_only_the_most_recent_window(
    fresh_db: Store, visits: list[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(search_module, "SEARCH_RANK_WINDOW", 3)
    hits = fresh_db.search("equipe")
    assert [h.id for h in hits] == visits[-3:]  # the three newest, still ranked among them
    # A query with fewer matches than the window is ranked over all of them again.
    assert [h.id for h in fresh_db.search("Bocal")] == [fresh_db.places()[0]["id"]]


def test_window_counts_only_the_kinds_asked_for(
    fresh_db: Store, visits: list[str], monkeypatch: pytest.MonkeyPatch
):
    visit = fresh_db.require("visit", visits[0])
    fresh_db.create_interview(visit["id"], notes="L’équipe est soudée.")  # the newest match
    monkeypatch.setattr(search_module, "SEARCH_RANK_WINDOW", 3)
    assert [h.id for h in fresh_db.search("equipe", kinds=["visit"])] == visits[-3:]
    assert [h.kind for h in fresh_db.search("equipe", kinds=["interview"])] == ["interview"]


def test_kinds_may_be_any_iterable_even_one_read_once(fresh_db: Store, visits: list[str]):
    visit = fresh_db.require("visit", visits[0])
    fresh_db.create_interview(visit["id"], notes="L’équipe est soudée.")
    asked = fresh_db.search("equipe", kinds=iter(["visit", "interview"]))
    assert {h.kind for h in asked} == {"visit", "interview"}
