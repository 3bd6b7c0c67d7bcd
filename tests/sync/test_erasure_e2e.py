"""Erasure end to end (issue 10): real server on loopback, three laptops, one offline.

A coordinator erases an interview and syncs; the others sync. The person's name and a
sentence of their notes are then in no byte of any file under the three data directories
and the server's (database, WAL, blobs, derivatives), and the laptop that was offline
during the erasure cannot bring the record back.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import httpx
import pytest

from fieldkit import erasure, photos
from fieldkit.sync import local
from tests.photo_factory import make_jpeg

NAME = "Gwenaëlle Quillévéré"
SENTENCE = "Le xylophoniste cache son trésor sous le quatrième pilier du moulin."
OFFLINE_EDIT = "Ajout hors ligne : Gwenaëlle parle du xylophoniste."


def needles() -> list[bytes]:
    """The name and the sentence as stored anywhere: UTF-8, and as the search index's
    folded tokens (lower case, accents off)."""
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", NAME.casefold()) if not unicodedata.combining(c)
    )
    out = [NAME.encode(), SENTENCE.encode(), NAME.encode("utf-16-le")]
    out += [w.encode() for w in folded.split()]  # gwenaelle, quillevere
    out += [b"xylophoniste", "trésor sous le quatrième".encode()]
    return out


def files_containing(root: Path, wanted: list[bytes]) -> list[tuple[str, bytes]]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found += [(str(path), n) for n in wanted if n in data]
    return found


def server_copies(live_server) -> list:
    """Where the server still holds the name or the sentence: any byte of its data folder,
    and on PostgreSQL (whose files are the cluster's) any row of any table, read through
    the server's own database."""
    found: list = files_containing(live_server.data_dir, needles())
    if live_server.database_url is not None:
        from sqlalchemy import select

        from fieldkit.server import db

        with live_server.state.db.read() as conn:
            for table in db.metadata.sorted_tables:
                for row in conn.execute(select(table)):
                    text = repr(tuple(row))
                    found += [(table.name, w) for w in ("xylophoniste", "Gwena") if w in text]
    return found


def make_mission(store, tmp_path: Path) -> dict:
    place = store.create_place(name="Le Moulin", postcode="35000", commune="Rennes")
    visit = store.create_visit(place["id"], visited_on="2026-05-02", notes="Visite du moulin.")
    secret = store.create_interview(
        visit["id"],
        person_name=NAME,
        role="user",
        consent="refused",
        notes=SENTENCE,
        quotes="« Le moulin tourne encore. »",
    )
    other = store.create_interview(
        visit["id"], person_name="Yann Kervella", role="manager", consent="given", notes="RAS."
    )
    photo_file = make_jpeg(tmp_path / "moulin.jpg", (300, 200), seed=4)
    report = photos.import_photos(store, visit["id"], [photo_file])
    return {
        "place": place,
        "visit": visit,
        "secret": secret,
        "other": other,
        "photo": report.imported[0],
    }


def test_erasing_an_interview_reaches_every_copy(devices, live_server, tmp_path: Path):
    a = devices("coordinator", name="laptop-a")
    b = devices("admin", name="laptop-b")
    c = devices("agent-bzh", name="laptop-c")
    m = make_mission(a.store, tmp_path)
    a.sync()
    for d in (b, c):
        d.sync(photos=True)
        assert d.store.get("interview", m["secret"]["id"])["person_name"] == NAME
        photos.derivative(d.home, m["photo"]["blob"], "thumb")
    assert server_copies(live_server)  # the server holds it now

    # Laptop C goes offline and keeps editing the interview there.
    c.store.update("interview", m["secret"]["id"], {"notes": SENTENCE + "\n" + OFFLINE_EDIT})

    # The coordinator erases it on laptop A: gone here at once, bytes included.
    result = erasure.erase(a.store, "interview", m["secret"]["id"])
    assert result.plan.records == [("interview", m["secret"]["id"])]
    assert result.bytes_wiped
    assert not files_containing(a.home.root, needles())
    summary = a.sync()
    assert summary.erasures_sent == 1, summary.describe()
    assert "erasures: 1 sent" in summary.describe()
    assert live_server.state.sync.history("interview", m["secret"]["id"]) == []
    b_summary = b.sync()
    assert b_summary.erased == 1
    assert b.store.get("interview", m["secret"]["id"], include_deleted=True) is None

    # C comes back online: the server refuses its edit of the erased record (set aside
    # with the reason), and the same sync's pull purges the record and that edit.
    assert files_containing(c.home.root, needles())
    c_summary = c.sync()
    assert c_summary.erased == 1, c_summary.describe()
    [refusal] = c_summary.rejected
    assert "erased permanently" in refusal and m["secret"]["id"] in refusal
    assert NAME not in refusal and "xylophoniste" not in refusal
    assert c.store.get("interview", m["secret"]["id"], include_deleted=True) is None
    assert not [e for e in c.store.outbox() if e["record_id"] == m["secret"]["id"]]
    assert not local.rejected_ops(c.store)

    # The rest of the mission is untouched everywhere.
    for d in (a, b, c):
        assert d.store.get("interview", m["other"]["id"])["person_name"] == "Yann Kervella"
        assert d.store.get("photo", m["photo"]["id"]) is not None
        assert photos.blob_path(d.home, m["photo"]["blob"]).is_file()

    # Not in any byte of any file, on any laptop or on the server.
    for root in (a.home.root, b.home.root, c.home.root):
        assert files_containing(root, needles()) == [], root
    assert server_copies(live_server) == []

    # An old laptop that still pushes the erased id is refused, with the reason.
    token = live_server.login("agent-bzh", "old-laptop")
    answer = httpx.post(
        f"{live_server.url}/api/v1/sync/push",
        headers={"Authorization": f"Bearer {token}"},
        json={
            "ops": [
                {
                    "op_id": "resurrect-1",
                    "kind": "interview",
                    "record_id": m["secret"]["id"],
                    "op": "create",
                    "base_version": 0,
                    "fields": {"visit_id": m["visit"]["id"], "person_name": NAME},
                }
            ]
        },
    ).json()
    [op] = answer["results"]
    assert op["status"] == "rejected" and op["error"]["code"] == "erased"
    assert "erased permanently" in op["error"]["message"]
    b.sync()
    assert b.store.get("interview", m["secret"]["id"], include_deleted=True) is None


def test_erasing_a_visit_takes_its_interviews_photos_and_files(devices, live_server, tmp_path):
    a = devices("coordinator", name="laptop-a")
    b = devices("coordinator", name="laptop-b")
    m = make_mission(a.store, tmp_path)
    a.sync()
    b.sync(photos=True)
    blob = m["photo"]["blob"]
    thumb = photos.derivative(b.home, blob, "thumb")
    server_blob = live_server.state.blobs.path(blob)
    assert server_blob.is_file()
    # Offline, B adds a photo to the visit: its file must never reach the server.
    late = photos.import_photos(
        b.store, m["visit"]["id"], [make_jpeg(tmp_path / "tard.jpg", (200, 100), seed=9)]
    ).imported[0]

    what = erasure.plan(a.store, "visit", m["visit"]["id"])
    assert (what.count("interview"), what.count("photo"), what.blobs) == (2, 1, [blob])
    assert "2 interview(s), 1 photo(s), 1 photo file(s)" in what.describe()
    erasure.erase(a.store, "visit", m["visit"]["id"])
    assert not photos.blob_path(a.home, blob).exists()
    a.sync()
    assert not server_blob.exists()
    b_summary = b.sync()
    assert b_summary.erased == 5, b_summary.describe()  # visit, 2 interviews, 2 photos
    assert b_summary.blobs_uploaded == 0 and not b_summary.rejected
    assert not live_server.state.blobs.path(late["blob"]).exists()
    assert not thumb.exists() and not photos.blob_path(b.home, blob).exists()
    assert not photos.blob_path(b.home, late["blob"]).exists()
    assert b.store.get("place", m["place"]["id"]) is not None  # the place stays
    for root in (a.home.root, b.home.root, live_server.data_dir):
        assert files_containing(root, needles()) == [], root


def test_an_agent_may_erase_only_their_own_unsynced_records(devices, live_server, tmp_path):
    agent = devices("agent-bzh", name="laptop-agent")
    m = make_mission(agent.store, tmp_path)
    draft = agent.store.create_interview(m["visit"]["id"], person_name="Brouillon Test")
    agent.sync()
    with pytest.raises(erasure.ErasureRefused, match="coordinators and admins"):
        erasure.erase(agent.store, "interview", m["secret"]["id"])
    assert agent.store.get("interview", m["secret"]["id"]) is not None  # nothing changed
    unsynced = agent.store.create_interview(m["visit"]["id"], person_name="Erreur De Saisie")
    erasure.erase(agent.store, "interview", unsynced["id"])
    # The server never had it: nothing to erase there, the request is done.
    assert agent.sync().erasures_sent == 1
    assert draft["id"]
    # The server refuses an agent's request for a synced record made by someone else.
    coordinator = devices("coordinator", name="laptop-coord")
    coordinator.sync()
    other = coordinator.store.create_interview(m["visit"]["id"], person_name="Autre Personne")
    coordinator.sync()
    token = live_server.login("agent-bzh", "agent-raw")
    answer = httpx.post(
        f"{live_server.url}/api/v1/sync/erase",
        headers={"Authorization": f"Bearer {token}"},
        json={"erasures": [{"kind": "interview", "id": other["id"]}]},
    ).json()
    assert answer["results"][0]["status"] == "refused"
    assert answer["results"][0]["code"] == "coordinator_required"
    assert live_server.state.sync.history("interview", other["id"])


def test_an_agents_erasure_of_a_record_the_server_has_says_in_french_who_must_do_it(
    devices, live_server, tmp_path
):
    """The agent's create reached the server but its answer was lost: the laptop still
    counts it unsynced and erases it; the server, which others may have pulled it from,
    refuses, and the laptop says so in French."""
    agent = devices("agent-bzh", name="laptop-agent")
    m = make_mission(agent.store, tmp_path)
    agent.sync()
    rid = m["other"]["id"]
    with agent.store.transaction():  # what erase() queues for a version-0 record
        agent.store.conn.execute(
            "INSERT INTO erasures(kind, record_id, erased_by, erased_at, origin, requested, "
            "sent) VALUES ('interview', ?, 'agent-bzh', ?, 'here', 1, 0)",
            (rid, agent.store.now()),
        )
    summary = agent.sync()
    assert summary.erasures_refused == 1 and summary.erasures_sent == 0
    [message] = summary.rejected
    assert "un coordinateur doit l'effacer" in message and rid in message
    assert "coordinateur doit" in erasure.journal(agent.store)[0]["status"]
    assert live_server.state.sync.history("interview", rid)  # nothing erased there
    coordinator = devices("coordinator", name="laptop-coord")
    coordinator.sync()
    erasure.erase(coordinator.store, "interview", rid)
    assert coordinator.sync().erasures_sent == 1
    assert live_server.state.sync.history("interview", rid) == []


def test_the_laptop_never_purges_an_entry_of_another_kind(devices, live_server, tmp_path):
    """An erased place whose id is a visit's id here: the visit, its pending edit and its
    conflicts stay, and `sync --check` still counts the edit as not sent."""
    from fieldkit.sync.pending import check_all_sent

    agent = devices("agent-bzh", name="laptop-agent")
    m = make_mission(agent.store, tmp_path)
    agent.sync()
    vid = m["visit"]["id"]
    agent.store.update("visit", vid, {"notes": "Modification pas encore envoyée."})
    assert not check_all_sent(agent.store).safe
    gone = erasure.purge(agent.store, [{"kind": "place", "id": vid}])
    assert gone == []
    assert agent.store.get("visit", vid)["notes"] == "Modification pas encore envoyée."
    assert [e["record_id"] for e in agent.store.outbox()] == [vid]
    assert not check_all_sent(agent.store).safe
    # Under its own kind, the purge takes it with its pending edit.
    assert erasure.purge(agent.store, [{"kind": "visit", "id": vid}])
    assert agent.store.outbox() == []


def test_an_erasure_reaches_laptops_by_kind_and_id(devices, live_server):
    """A place and a visit share one id. Erasing the place leaves the visit, its pending
    edit and its interview on every laptop, and the edit still reaches the server; a
    laptop set up after the erasure still receives the visit. Erasing the visit later
    reaches every laptop too."""
    shared = "0e7a5f0c-5d1b-4c55-9d2f-shared000001"
    agent = devices("agent-bzh", name="laptop-agent")
    home = agent.store.create_place(name="Le Moulin", postcode="35000", commune="Rennes")
    agent.store.create(
        "place", {"name": "La Forge", "postcode": "35000", "commune": "Rennes"}, record_id=shared
    )
    agent.store.create(
        "visit", {"place_id": home["id"], "visited_on": "2026-05-02"}, record_id=shared
    )
    interview = agent.store.create_interview(shared, person_name="Anne Le Goff")
    assert agent.sync().rejected == []
    coordinator = devices("coordinator", name="laptop-coord")
    coordinator.sync()
    assert coordinator.store.get("visit", shared) is not None

    erasure.erase(coordinator.store, "place", shared)
    assert coordinator.sync().erasures_sent == 1
    assert coordinator.store.get("place", shared) is None
    assert coordinator.store.get("visit", shared) is not None
    assert live_server.state.sync.history("visit", shared)

    agent.store.update("visit", shared, {"notes": "Suite de la visite."})
    summary = agent.sync()
    assert summary.rejected == [] and summary.erased == 1
    assert agent.store.get("place", shared) is None
    assert agent.store.get("visit", shared)["notes"] == "Suite de la visite."
    assert agent.store.get("interview", interview["id"]) is not None
    assert agent.store.outbox() == []
    late = devices("agent-bzh", name="laptop-late")  # first sync after the erasure
    late.sync()
    assert late.store.get("place", shared) is None
    assert late.store.get("visit", shared)["notes"] == "Suite de la visite."
    assert late.store.get("interview", interview["id"]) is not None
    coordinator.sync()
    assert coordinator.store.get("visit", shared)["notes"] == "Suite de la visite."

    erasure.erase(coordinator.store, "visit", shared)
    assert coordinator.sync().erasures_sent == 1
    for laptop in (agent, late, coordinator):
        laptop.sync()
        assert laptop.store.get("visit", shared) is None, laptop.name
        assert laptop.store.get("interview", interview["id"]) is None, laptop.name
        journal = {(e["kind"], e["record_id"]) for e in erasure.journal(laptop.store)}
        assert {("place", shared), ("visit", shared)} <= journal, laptop.name
    assert live_server.state.sync.history("visit", shared) == []
