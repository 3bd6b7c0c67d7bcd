"""End to end over loopback: real server (live_server), real clients, each its own store."""

from __future__ import annotations

import httpx
import pytest

from fieldkit.sync import SyncError, SyncSummary, resolve_conflict
from fieldkit.sync.local import cursor, rejected_ops


def make_visit(store, *, postcode="35000", name="La Cantine Rennes"):
    place = store.create_place(name=name, kind="coworking", postcode=postcode, commune="Rennes")
    visit = store.create_visit(place["id"], visited_on="2026-10-01", notes="Premier passage")
    interview = store.create_interview(visit["id"], person_name="Anne", role="manager")
    return place, visit, interview


def fields_of(store, kind, record_id):
    from fieldkit.store import KINDS

    row = store.get(kind, record_id, include_deleted=True)
    return {f: row[f] for f in KINDS[kind].fields} | {"deleted": row["deleted"]}


def test_push_then_pull_between_two_clients(devices):
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator")
    place, visit, interview = make_visit(anne.store)

    up = anne.sync()
    assert up.pushed == 3 and up.conflicts == 0 and up.rejected == []
    assert anne.store.outbox_count() == 0
    row = anne.store.require("visit", visit["id"])
    assert row["version"] == 1 and row["dirty"] is False

    down = coord.sync()
    assert down.pulled == 3 and down.bytes_down > 0
    for kind, rec in (("place", place), ("visit", visit), ("interview", interview)):
        assert fields_of(coord.store, kind, rec["id"]) == fields_of(anne.store, kind, rec["id"])
        assert coord.store.require(kind, rec["id"])["created_by"] == "agent-bzh"
    assert coord.store.outbox_count() == 0  # pulled records are not sent back

    coord.store.update("visit", visit["id"], {"notes": "Relu par la coordination"})
    coord.store.delete("interview", interview["id"])
    assert coord.sync().pushed == 2
    anne.sync()
    assert anne.store.require("visit", visit["id"])["notes"] == "Relu par la coordination"
    assert anne.store.require("visit", visit["id"])["version"] == 2
    assert anne.store.get("interview", interview["id"]) is None
    assert [h.id for h in anne.store.search("coordination")] == [visit["id"]]

    # Nothing new: a second sync moves nothing but the cursor check.
    again = anne.sync()
    assert (again.pushed, again.pulled, again.conflicts) == (0, 0, 0)


def test_same_field_edited_on_both_sides_is_a_conflict_resolved_by_a_person(devices):
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator", name="coord-laptop")
    coord_office = devices("coordinator", name="coord-office")
    _, visit, _ = make_visit(anne.store)
    anne.sync()
    coord.sync()
    coord_office.sync()

    anne.store.update("visit", visit["id"], {"notes": "Version d'Anne", "visitors": "Anne"})
    coord.store.update("visit", visit["id"], {"notes": "Version coordination"})
    anne.sync()
    result = coord.sync()  # the conflict does not stop the rest of the sync
    assert result.conflicts == 1 and result.pushed == 1

    # The server's value stays everywhere; mine is kept in the conflict record.
    row = coord.store.require("visit", visit["id"])
    assert (row["notes"], row["visitors"], row["dirty"]) == ("Version d'Anne", "Anne", False)
    [conflict] = coord.store.open_conflicts()
    assert conflict["mine"] == {"notes": "Version coordination"}
    assert conflict["theirs"] == {"notes": "Version d'Anne"}
    assert conflict["base"] == {"notes": "Premier passage"}
    assert conflict["server_version"] == row["version"]
    assert anne.store.conflict_count() == 0  # Anne's edit was accepted as is
    coord_office.sync()  # the coordinator's other computer learns of it too
    assert [c["id"] for c in coord_office.store.open_conflicts()] == [conflict["id"]]

    resolve_conflict(coord.store, conflict["id"], {"notes": "Version fusionnée"})
    assert coord.store.conflict_count() == 0 and coord.store.outbox_count() == 1
    assert coord.sync().conflicts == 0
    anne.sync()
    coord_office.sync()
    for d in (anne, coord, coord_office):
        assert d.store.require("visit", visit["id"])["notes"] == "Version fusionnée"
    assert coord_office.store.conflict_count() == 0
    with httpx.Client(base_url=coord.server.url) as http:
        token = coord.server.login("coordinator")
        open_now = http.get(
            "/api/v1/conflicts", headers={"Authorization": f"Bearer {token}"}
        ).json()
    assert open_now["conflicts"] == []


def test_delete_racing_an_edit_is_a_conflict_too(devices):
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator")
    _, visit, interview = make_visit(anne.store)
    anne.sync()
    coord.sync()
    coord.store.update("interview", interview["id"], {"notes": "Ajout important"})
    anne.store.delete("interview", interview["id"])
    coord.sync()
    assert anne.sync().conflicts == 1
    # The edit won on the server: Anne's copy is alive again with the edit.
    assert anne.store.require("interview", interview["id"])["notes"] == "Ajout important"
    [conflict] = anne.store.open_conflicts()
    assert conflict["mine"] == {"deleted": True} and conflict["theirs"] == {"deleted": False}
    resolve_conflict(anne.store, conflict["id"], {"deleted": True})
    anne.sync()
    coord.sync()
    assert coord.store.get("interview", interview["id"]) is None


def test_each_agent_sees_only_their_regions(devices):
    bzh = devices("agent-bzh")
    occ = devices("agent-occ")
    coord = devices("coordinator")
    bzh_place, _, _ = make_visit(bzh.store, postcode="35000")
    occ_place, occ_visit, _ = make_visit(occ.store, postcode="34500", name="La Cordée Béziers")
    bzh.sync()
    occ.sync()
    bzh.sync()
    coord.sync()
    assert [p["id"] for p in bzh.store.places()] == [bzh_place["id"]]
    assert [p["id"] for p in occ.store.places()] == [occ_place["id"]]
    assert {p["id"] for p in coord.store.places()} == {bzh_place["id"], occ_place["id"]}
    assert bzh.store.get("visit", occ_visit["id"], include_deleted=True) is None

    # A Bretagne agent's place in Occitanie is refused; their other changes still go.
    outside = bzh.store.create_place(name="Hors zone", postcode="31000")
    bzh.store.update("place", bzh_place["id"], {"description": "Mise à jour"})
    result = bzh.sync()
    assert result.pushed == 1 and len(result.rejected) == 1
    assert "outside your regions" in result.rejected[0]
    assert [r["record_id"] for r in rejected_ops(bzh.store)] == [outside["id"]]
    assert bzh.store.outbox_count() == 0
    coord.sync()
    assert coord.store.require("place", bzh_place["id"])["description"] == "Mise à jour"
    assert coord.store.get("place", outside["id"]) is None


class StopAfterPush(httpx.BaseTransport):
    """Stops the server once the push has been answered: the pull finds it gone."""

    def __init__(self, server):
        self.inner = httpx.HTTPTransport()
        self.server = server
        self.armed = False

    def handle_request(self, request):
        response = self.inner.handle_request(request)
        if self.armed and request.url.path.endswith("/sync/push"):
            response.read()
            self.armed = False
            self.server.stop()
        return response


def test_server_gone_between_push_and_pull(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator")
    _, visit, _ = make_visit(coord.store)
    coord.sync()
    make_visit(anne.store, name="Le Bocal")
    cut = StopAfterPush(live_server)
    cut.armed = True
    with pytest.raises(SyncError) as err:
        anne.sync(transport=cut)
    assert err.value.code == "offline"
    assert "Could not reach the sync server" in str(err.value)
    assert "Nothing was lost" in str(err.value)
    # The push was answered before the cut: nothing left to send, nothing pulled yet.
    assert anne.store.outbox_count() == 0
    assert cursor(anne.store) == 0 and anne.store.get("visit", visit["id"]) is None
    live_server.start()
    result = anne.sync()
    assert result.pushed == 0 and result.pulled >= 3
    assert anne.store.require("visit", visit["id"])["notes"] == "Premier passage"
    assert len(anne.store.places()) == 2


def test_offline_sync_keeps_everything_for_later(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    make_visit(anne.store)
    live_server.stop()
    with pytest.raises(SyncError) as err:
        anne.sync()
    assert err.value.code == "offline"
    assert anne.store.outbox_count() == 3
    live_server.start()
    assert anne.sync().pushed == 3


def test_an_edit_of_a_long_note_costs_about_one_copy_of_it_on_the_wire(devices):
    from fieldkit.sync.transport import CountingTransport

    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator")
    place, visit, _ = make_visit(anne.store)
    long_notes = "Compte rendu détaillé de la visite. " * 60  # about 2 KB
    anne.store.update("visit", visit["id"], {"notes": long_notes})
    anne.sync()
    coord.sync()

    anne.store.update("visit", visit["id"], {"notes": long_notes + "Relu."})
    wire = CountingTransport()
    summary = anne.sync(transport=wire)
    assert summary.pushed == 1 and summary.pulled == 0  # our own change is not pulled back
    size = len(long_notes.encode())
    assert wire.bytes_up < size + 1500  # the new text once; the base comes from history
    assert wire.bytes_down < size + 1500  # the push answer's record once
    coord.sync()
    assert coord.store.require("visit", visit["id"])["notes"] == long_notes + "Relu."

    # Someone else wrote in between: their change still comes down.
    coord.store.update("place", place["id"], {"description": "Vu par la coordination"})
    coord.sync()
    anne.store.update("visit", visit["id"], {"notes": "Court."})
    summary = anne.sync()
    assert summary.pulled >= 1
    assert anne.store.require("place", place["id"])["description"] == "Vu par la coordination"


def test_a_minute_of_autosaves_goes_up_as_one_version(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator")
    _, visit, _ = make_visit(anne.store)
    anne.sync()
    text = "Premier passage"
    for word in ("et", "un", "atelier", "vélo", "très", "fréquenté", "le", "samedi", "matin"):
        text += " " + word
        anne.store.update("visit", visit["id"], {"notes": text})  # one autosave each
    assert anne.store.outbox_count() == 1
    assert anne.sync().pushed == 1
    history = live_server.state.sync.history("visit", visit["id"])
    assert len(history) == 2  # the create and one edit, not one per autosave
    coord.sync()
    assert coord.store.require("visit", visit["id"])["notes"] == text


def test_acknowledging_a_push_looks_up_the_outbox_through_its_index(devices):
    """Every IN lookup of the outbox during a sync uses an index: a first push answered
    page by page must not scan the whole outbox once per page (bench sync, up)."""
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator")
    annes: list[str] = []
    for n in range(30):
        annes += [r["id"] for r in make_visit(anne.store, name=f"Tiers-lieu {n}")]
        make_visit(coord.store, name=f"Autre lieu {n}")
    statements: dict[str, list[str]] = {"anne": [], "coord": []}
    anne.store.conn.set_trace_callback(statements["anne"].append)
    coord.store.conn.set_trace_callback(statements["coord"].append)
    try:
        assert anne.sync().pushed == 90
        # The coordinator pulls Anne's while their own wait to go up (a pull into an
        # empty outbox looks nothing up there), then pushes theirs.
        pulled = SyncSummary()
        with coord.client() as client:
            client.pull(pulled, lambda done, total, step: None)
        assert pulled.pulled >= 90
        assert coord.sync().pushed == 90
    finally:
        for device in (anne, coord):
            device.store.conn.set_trace_callback(None)
    lookups = {
        name: [s for s in sql if "FROM outbox WHERE" in s and " IN (" in s]
        for name, sql in statements.items()
    }
    assert lookups["anne"]  # acknowledging a push
    # Applying a pull: only then does the coordinator look up Anne's records.
    assert any(rid in s for s in lookups["coord"] for rid in annes)
    for sql in lookups["anne"] + lookups["coord"]:
        plan = " | ".join(r[3] for r in anne.store.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "SCAN outbox" not in plan, (sql[:120], plan)


def test_pages_are_applied_with_a_larger_page_cache_given_back_after(devices):
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator")
    make_visit(anne.store)
    anne.sync()
    during: list[int] = []

    def progress(done: int, total: int, phase: str) -> None:
        if phase == "pull":
            during.append(coord.store.conn.execute("PRAGMA cache_size").fetchone()[0])

    assert coord.sync(progress=progress).pulled == 3
    assert during and set(during) == {-128 * 1024}
    assert coord.store.conn.execute("PRAGMA cache_size").fetchone()[0] == -32 * 1024
