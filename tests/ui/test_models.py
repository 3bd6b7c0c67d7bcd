"""The item models over plain rows: structure, roles, sorting, and Qt's model contract."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldkit.store import SearchHit
from ui.models import (
    IdRole,
    NavTreeModel,
    NodeKindRole,
    PlaceIdRole,
    RowRole,
    SearchResultsModel,
    SortRole,
    VisitIdRole,
    VisitSortProxy,
    VisitTableModel,
    node_key,
)


def _mission(store):
    brest = store.create_place(name="Le Hangar", kind="fablab", postcode="29200", commune="Brest")
    quimper = store.create_place(name="Ti Lab", postcode="29000", commune="Quimper")
    rennes = store.create_place(name="La Cantine", postcode="35000", commune="Rennes")
    beziers = store.create_place(name="La Cordée", postcode="34500", commune="Béziers")
    store.create_visit(brest["id"], visited_on="2026-03-01", visitors="Anne")
    store.create_visit(brest["id"], visited_on="2026-05-01", visitors="Bruno")
    store.create_visit(rennes["id"], visited_on="2026-04-01", visitors="Chloé")
    return {"brest": brest, "quimper": quimper, "rennes": rennes, "beziers": beziers}


def test_tree_groups_places_by_region_and_departement_with_counts(qtmodeltester, fresh_db):
    places = _mission(fresh_db)
    model = NavTreeModel()
    model.set_places(fresh_db.places())
    qtmodeltester.check(model)

    regions = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert regions == ["Bretagne", "Occitanie"]
    bretagne = model.index(0, 0)
    assert model.index(0, NavTreeModel.VISITS).data() == 3
    deps = [model.index(r, 0, bretagne).data() for r in range(model.rowCount(bretagne))]
    assert deps == ["Finistère", "Ille-et-Vilaine"]
    finistere = model.index(0, 0, bretagne)
    assert finistere.data(NodeKindRole) == "departement" and finistere.data(IdRole) == "29"
    names = [model.index(r, 0, finistere).data() for r in range(model.rowCount(finistere))]
    assert names == ["Le Hangar", "Ti Lab"]
    hangar = model.index(0, 0, finistere)
    assert hangar.data(RowRole)["id"] == places["brest"]["id"]
    assert model.index(0, NavTreeModel.VISITS, finistere).data() == 2
    assert "Brest" in hangar.data(Qt.ItemDataRole.ToolTipRole)

    found = model.index_for_key(node_key("place", places["rennes"]["id"]))
    assert found.data() == "La Cantine"
    assert found.parent().data() == "Ille-et-Vilaine"
    assert found.parent().parent().data() == "Bretagne"
    assert model.place_count() == 4


def test_tree_keeps_places_without_codes_and_survives_reloads(qtmodeltester, fresh_db):
    fresh_db.create_place(name="Sans adresse")
    model = NavTreeModel()
    model.set_places(fresh_db.places())
    qtmodeltester.check(model)
    region = model.index(0, 0)
    assert region.data() == "(no code)"
    model.set_places([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert not model.index_for_key("place:nope").isValid()


def test_visit_table_sorts_by_its_sort_role(qtmodeltester, fresh_db):
    places = _mission(fresh_db)
    visit = fresh_db.visits(place_id=places["rennes"]["id"])[0]
    fresh_db.create_interview(visit["id"], person_name="Dana")
    fresh_db.create_interview(visit["id"], person_name="Éric")
    model = VisitTableModel()
    model.set_rows(fresh_db.visits())
    proxy = VisitSortProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)

    assert model.columnCount() == 7
    assert model.headerData(VisitTableModel.INTERVIEWS, Qt.Orientation.Horizontal) == "Interviews"
    proxy.sort(VisitTableModel.DATE, Qt.SortOrder.AscendingOrder)
    dates = [proxy.index(r, VisitTableModel.DATE).data(SortRole) for r in range(3)]
    assert dates == ["2026-03-01", "2026-04-01", "2026-05-01"]
    proxy.sort(VisitTableModel.INTERVIEWS, Qt.SortOrder.DescendingOrder)
    top = proxy.index(0, VisitTableModel.INTERVIEWS)
    assert top.data() == 2 and top.data(VisitIdRole) == visit["id"]
    assert top.data(PlaceIdRole) == places["rennes"]["id"]
    proxy.sort(VisitTableModel.VISITORS, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, VisitTableModel.VISITORS).data() for r in range(3)] == [
        "Anne",
        "Bruno",
        "Chloé",
    ]
    assert model.row_of(visit["id"]) >= 0 and model.row_of("missing") == -1
    assert model.index(0, VisitTableModel.STATUS).data() == "Draft"


def test_search_results_model(qtmodeltester):
    model = SearchResultsModel()
    qtmodeltester.check(model)
    model.set_hits(
        [
            SearchHit("place", "p1", "Le Hangar", "[Hangar] à Brest", "p1", None),
            SearchHit("interview", "i1", "Dana", "une [équipe] soudée", "p1", "v1"),
        ]
    )
    qtmodeltester.check(model)
    second = model.index(1, 0)
    assert second.data() == "Dana\nune équipe soudée"
    assert model.index(0, 0).data() == "Le Hangar\nHangar à Brest"
    assert second.data(NodeKindRole) == "interview"
    assert second.data(PlaceIdRole) == "p1" and second.data(VisitIdRole) == "v1"
