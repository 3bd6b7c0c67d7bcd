"""Server erasure: POST /sync/erase, GET /sync/erasures, and the deny-list on push."""

from __future__ import annotations

from sqlalchemy import func, select

from fieldkit.server import db
from tests.server.conftest import op, place_op, visit_op


def erase(api, user: str, *items: tuple[str, str]) -> list[dict]:
    response = api.client.post(
        "/api/v1/sync/erase",
        json={"erasures": [{"kind": k, "id": i} for k, i in items]},
        headers=api.headers(user),
    )
    assert response.status_code == 200, response.text
    return response.json()["results"]


def erasures(api, user: str, since: int = 0, limit: int = 1000) -> dict:
    response = api.client.get(
        "/api/v1/sync/erasures", params={"since": since, "limit": limit}, headers=api.headers(user)
    )
    assert response.status_code == 200, response.text
    return response.json()


def count(api, table, **where) -> int:
    query = select(func.count()).select_from(table)
    for column, value in where.items():
        query = query.where(table.c[column] == value)
    with api.state.db.read() as conn:
        return int(conn.execute(query).scalar_one())


def test_erasing_a_place_removes_it_its_visits_and_their_history(api):
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1", notes="Secret"))
    api.push_ok(
        "agent-bzh",
        op("interview", "i1", fields={"visit_id": "v1", "person_name": "Anne Secret"}),
        op("visit", "v1", "update", base_version=1, fields={"notes": "Secret 2"}),
    )
    # A conflict on the interview, from another device.
    api.push_ok(
        "coordinator",
        op("interview", "i1", "update", base_version=1, fields={"notes": "a"}, base={"notes": ""}),
    )
    api.push_ok(
        "agent-bzh",
        op("interview", "i1", "update", base_version=1, fields={"notes": "b"}, base={"notes": ""}),
    )
    assert count(api, db.conflicts, record_id="i1") == 1
    [result] = erase(api, "coordinator", ("place", "p1"))
    assert result["status"] == "erased" and result["records"] == 3
    for table in (db.records, db.history, db.applied_ops):
        assert count(api, table) == 0, table.name
    assert count(api, db.conflicts) == 0
    listed = erasures(api, "agent-occ")  # ids only, to everyone
    assert [(e["kind"], e["id"]) for e in listed["erasures"]] == [
        ("place", "p1"),
        ("visit", "v1"),
        ("interview", "i1"),
    ]
    assert not listed["more"]
    # Paging, and nothing new after the cursor.
    first = erasures(api, "agent-bzh", limit=2)
    assert first["more"] and len(first["erasures"]) == 2
    rest = erasures(api, "agent-bzh", since=first["next"])
    assert [e["id"] for e in rest["erasures"]] == ["i1"]
    assert erasures(api, "agent-bzh", since=listed["next"])["erasures"] == []
    # Erasing again is harmless.
    assert erase(api, "coordinator", ("place", "p1"))[0]["status"] == "erased"
    # The pull never brings them back, and carries the erased ids in its range.
    pulled = api.pull("agent-bzh")
    assert pulled["records"] == []
    assert [e["id"] for e in pulled["erased"]] == ["p1", "v1", "i1"]
    assert api.pull("agent-bzh", since=pulled["next"])["erased"] == []


def test_a_push_to_an_erased_record_or_under_it_is_refused_with_the_reason(api):
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1"))
    erase(api, "admin", ("visit", "v1"))
    update, child, again = api.push_ok(
        "agent-bzh",
        op("visit", "v1", "update", base_version=1, fields={"notes": "x"}),
        op("interview", "i9", fields={"visit_id": "v1", "person_name": "Nom"}),
        visit_op("v1", "p1"),
    )
    for result in (update, child, again):
        assert result["status"] == "rejected"
        assert result["error"]["code"] == "erased" and result["error"]["status"] == 410
        assert "erased permanently" in result["error"]["message"]
    assert count(api, db.records, id="v1") == 0 and count(api, db.records, id="i9") == 0
    assert count(api, db.records, id="p1") == 1  # the place stays


def test_agents_never_erase_on_the_server_a_coordinator_must(api):
    """Whatever is on the server, others may already have pulled: even the agent's own
    record at version 1 needs a coordinator (docs/privacy.md)."""
    api.push_ok("agent-bzh", place_op("p1"))
    api.push_ok("coordinator", visit_op("v1", "p1"))
    api.push_ok("agent-bzh", visit_op("v2", "p1"))
    theirs, own, unknown = erase(
        api, "agent-bzh", ("visit", "v1"), ("visit", "v2"), ("interview", "never-sent")
    )
    for refused in (theirs, own):
        assert refused["status"] == "refused" and refused["code"] == "coordinator_required"
        assert "coordinator must erase" in refused["message"]
    assert unknown["status"] == "not_found" and unknown["records"] == 0
    assert count(api, db.records, id="v1") == 1 and count(api, db.records, id="v2") == 1
    assert count(api, db.history, record_id="v2") == 1
    assert count(api, db.erasures) == 0  # an unknown id is not put on the deny-list
    [done] = erase(api, "coordinator", ("visit", "v2"))
    assert done["status"] == "erased" and done["records"] == 1


def test_an_erasure_with_another_kind_deletes_nothing_of_the_record(api, tmp_path):
    """{"kind": "place", "id": <a visit id>} found no place, skipped the agent rule and
    deleted the visit's rows, history, conflicts and op results by id alone."""
    api.push_ok("agent-occ", place_op("p9", postcode="34500"), visit_op("v9", "p9"))
    api.push_ok("agent-occ", op("visit", "v9", "update", base_version=1, fields={"notes": "n"}))
    before = {t.name: count(api, t, record_id="v9") for t in (db.history, db.applied_ops)}
    for user in ("agent-bzh", "agent-occ", "coordinator", "admin"):
        [result] = erase(api, user, ("place", "v9"))
        assert result["status"] == "not_found" and result["code"] == "not_found", user
        assert result["records"] == 0
    assert count(api, db.records, id="v9") == 1
    assert {t.name: count(api, t, record_id="v9") for t in (db.history, db.applied_ops)} == (before)
    assert count(api, db.erasures) == 0
    # Another région's record: the very same answer as an unknown id.
    [other] = erase(api, "agent-bzh", ("visit", "v9"))
    [unknown] = erase(api, "agent-bzh", ("visit", "no-such-visit"))
    assert other["status"] == unknown["status"] == "not_found"
    assert other["message"].replace("v9", "X") == unknown["message"].replace("no-such-visit", "X")
    assert count(api, db.records, id="v9") == 1
    # The coordinator erasing the visit under its own kind takes only the visit.
    [done] = erase(api, "coordinator", ("visit", "v9"))
    assert done["status"] == "erased" and done["records"] == 1
    assert count(api, db.records, id="p9") == 1 and count(api, db.history, record_id="p9") == 1


def test_erasing_a_photo_removes_its_blob_only_when_unused(api, tmp_path):
    import hashlib

    data = b"not really a jpeg but bytes all the same"
    sha = hashlib.sha256(data).hexdigest()
    response = api.client.put(
        f"/api/v1/blobs/{sha}", content=data, headers=api.headers("agent-bzh")
    )
    assert response.status_code in (200, 201, 204), response.text
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1"), visit_op("v2", "p1"))
    for pid, vid in (("ph1", "v1"), ("ph2", "v2")):
        api.push_ok("agent-bzh", op("photo", pid, fields={"visit_id": vid, "blob": sha}))
    path = api.state.blobs.path(sha)
    erase(api, "coordinator", ("visit", "v1"))
    assert path.is_file()  # ph2 still shows it
    erase(api, "coordinator", ("photo", "ph2"))
    assert not path.exists() and count(api, db.blobs) == 0
    too_many = api.client.post(
        "/api/v1/sync/erase",
        json={"erasures": [{"kind": "place", "id": str(i)} for i in range(1001)]},
        headers=api.headers("coordinator"),
    )
    assert too_many.status_code == 413


def test_a_push_page_reads_the_deny_list_once_not_once_per_op(api):
    """The deny-list is read in bulk for the page (a SELECT per op was most of a first
    push's cost), and still refuses what it must within that page."""
    from sqlalchemy import event

    api.push_ok("agent-bzh", place_op("p0"), visit_op("gone", "p0"))
    erase(api, "admin", ("visit", "gone"))
    statements: list[str] = []

    def count_erasure_reads(conn, cursor, statement, *args) -> None:
        if "FROM erasures" in statement:
            statements.append(statement)

    engine = api.state.db.writer  # pushes write through the writer engine
    event.listen(engine, "before_cursor_execute", count_erasure_reads)
    try:
        ops = [place_op(f"p{n}") for n in range(1, 41)]
        ops += [visit_op(f"v{n}", f"p{n}") for n in range(1, 41)]
        ops.append(op("interview", "i-under-gone", fields={"visit_id": "gone", "person_name": "X"}))
        results = api.push_ok("agent-bzh", *ops)
    finally:
        event.remove(engine, "before_cursor_execute", count_erasure_reads)
    assert [r["status"] for r in results[:-1]] == ["applied"] * 80
    assert results[-1]["error"]["code"] == "erased"
    assert len(statements) == 1, statements


def test_an_erased_photos_bytes_cannot_be_uploaded_again(api):
    """The erased hash stays on the deny-list: neither a whole upload nor a tus upload
    takes its bytes again, by anyone, and /blobs/missing no longer asks for them."""
    import base64
    import hashlib

    data = b"the bytes of a photo someone asked to erase"
    sha = hashlib.sha256(data).hexdigest()
    put = api.client.put(f"/api/v1/blobs/{sha}", content=data, headers=api.headers("agent-bzh"))
    assert put.status_code in (200, 201, 204), put.text
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1"))
    api.push_ok("agent-bzh", op("photo", "ph1", fields={"visit_id": "v1", "blob": sha}))
    assert erase(api, "coordinator", ("photo", "ph1"))[0]["status"] == "erased"

    for user in ("agent-bzh", "agent-occ", "coordinator"):
        again = api.client.put(f"/api/v1/blobs/{sha}", content=data, headers=api.headers(user))
        assert again.status_code == 410, again.text
        assert again.json()["error"]["code"] == "blob_erased"
        tus = api.client.post(
            "/api/v1/blobs",
            headers={
                **api.headers(user),
                "Tus-Resumable": "1.0.0",
                "Upload-Length": str(len(data)),
                "Upload-Metadata": "sha256 " + base64.b64encode(sha.encode()).decode(),
            },
        )
        assert tus.status_code == 410, tus.text
        assert tus.json()["error"]["code"] == "blob_erased"
        missing = api.client.post(
            "/api/v1/blobs/missing", json={"hashes": [sha]}, headers=api.headers(user)
        )
        assert missing.json()["missing"] == []
    assert count(api, db.blobs) == 0
    assert not api.state.blobs.path(sha).exists()


def test_a_restore_from_a_backup_older_than_the_erasure_keeps_the_hash_denied(api, tmp_path):
    import hashlib

    from fieldkit.server.backup import backup, restore
    from fieldkit.server.db import default_url
    from tests.server.conftest import Api

    url = api.database_url or default_url(api.data_dir)
    backup(api.data_dir, url, tmp_path / "bk")  # before the photo exists
    data = b"bytes erased after the backup"
    sha = hashlib.sha256(data).hexdigest()
    api.client.put(f"/api/v1/blobs/{sha}", content=data, headers=api.headers("agent-bzh"))
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1"))
    api.push_ok("agent-bzh", op("photo", "ph1", fields={"visit_id": "v1", "blob": sha}))
    erase(api, "coordinator", ("photo", "ph1"))
    api.close()
    restore(api.data_dir, url, tmp_path / "bk")
    again = Api(api.data_dir, database_url=api.database_url)
    try:
        from tests.conftest_server import TEST_HASHER

        again.state.accounts.hasher = TEST_HASHER
        put = again.client.put(
            f"/api/v1/blobs/{sha}", content=data, headers=again.headers("agent-occ")
        )
        assert put.status_code == 410, put.text
    finally:
        again.close()


def test_the_deny_list_is_keyed_by_kind_and_id(api):
    """A place and a visit share one id. Erasing the place leaves the visit (and the
    interview under it) on the server, pushable; erasing the visit later still reaches
    the erasure list and the pull, next to the place's entry."""
    api.push_ok(
        "agent-bzh",
        place_op("p1"),
        place_op("shared"),
        visit_op("shared", "p1"),
        op("interview", "i1", fields={"visit_id": "shared", "person_name": "Anne"}),
    )
    [result] = erase(api, "coordinator", ("place", "shared"))
    assert result["status"] == "erased" and result["records"] == 1
    assert count(api, db.records, kind="visit", id="shared") == 1
    assert count(api, db.records, kind="interview", id="i1") == 1
    assert count(api, db.history, kind="visit", record_id="shared") == 1
    assert [(e["kind"], e["id"]) for e in erasures(api, "agent-bzh")["erasures"]] == [
        ("place", "shared")
    ]
    # Pushes of the visit, and of a child of it, are taken; the place stays refused.
    update, child, place_again = api.push_ok(
        "agent-bzh",
        op("visit", "shared", "update", base_version=1, fields={"notes": "Suite"}),
        op("interview", "i2", fields={"visit_id": "shared", "person_name": "Bruno"}),
        place_op("shared"),
    )
    assert update["status"] == "applied" and update["version"] == 2
    assert child["status"] == "applied"
    assert place_again["status"] == "rejected" and place_again["error"]["code"] == "erased"
    # A second erasure "of the place" is done already; the visit's own is not.
    assert erase(api, "coordinator", ("place", "shared"))[0]["records"] == 0
    [visit] = erase(api, "coordinator", ("visit", "shared"))
    assert visit["status"] == "erased" and visit["records"] == 3
    assert count(api, db.records, kind="visit", id="shared") == 0
    listed = [(e["kind"], e["id"]) for e in erasures(api, "agent-occ")["erasures"]]
    assert sorted(listed) == [
        ("interview", "i1"),
        ("interview", "i2"),
        ("place", "shared"),
        ("visit", "shared"),
    ]
    pulled = [(e["kind"], e["id"]) for e in api.pull("agent-bzh")["erased"]]
    assert sorted(pulled) == sorted(listed)
    [refused] = api.push_ok(
        "agent-bzh", op("visit", "shared", "update", base_version=2, fields={"notes": "x"})
    )
    assert refused["status"] == "rejected" and refused["error"]["code"] == "erased"


def test_a_restore_erases_again_each_kind_of_an_id_erased_since_the_backup(api, tmp_path):
    """The backup holds the place's erasure; the visit sharing its id is erased after it.
    The restore erases the visit again (keyed by id alone, the place's row hid it)."""
    from fieldkit.server.backup import backup, restore
    from fieldkit.server.db import default_url
    from tests.server.conftest import Api

    api.push_ok("agent-bzh", place_op("p1"), place_op("shared"), visit_op("shared", "p1"))
    erase(api, "coordinator", ("place", "shared"))
    url = api.database_url or default_url(api.data_dir)
    backup(api.data_dir, url, tmp_path / "bk")
    erase(api, "coordinator", ("visit", "shared"))
    api.close()
    restore(api.data_dir, url, tmp_path / "bk")
    again = Api(api.data_dir, database_url=api.database_url)
    try:
        assert count(again, db.records, kind="visit", id="shared") == 0
        assert count(again, db.history, record_id="shared") == 0
        listed = {(e["kind"], e["id"]) for e in erasures(again, "agent-bzh")["erasures"]}
        assert listed == {("place", "shared"), ("visit", "shared")}
    finally:
        again.close()
