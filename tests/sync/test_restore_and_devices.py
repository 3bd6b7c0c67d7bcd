"""A server restored from a backup, and two laptops with one device name: end to end over
loopback against the real server, with real stores (docs/sync-protocol.md, "Server
identity" and the delete rule)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from fieldkit.cli import main as cli
from fieldkit.store import KINDS
from fieldkit.sync.local import server_id


def db_args(server) -> list[str]:
    """The server's --database-url on PostgreSQL (backup and restore through pg_dump and
    pg_restore); nothing on SQLite (server.db in --data)."""
    return ["--database-url", server.database_url] if server.database_url else []


def fields_of(store, kind, record_id):
    row = store.get(kind, record_id, include_deleted=True)
    return {f: row[f] for f in KINDS[kind].fields} | {"deleted": row["deleted"]}


def everything(store):
    out = {}
    for kind in ("place", "visit", "interview"):
        table = KINDS[kind].table
        for (rid,) in store.conn.execute(f"SELECT id FROM {table}"):
            out[(kind, rid)] = fields_of(store, kind, rid)
    return out


def server_cli(*args):
    result = CliRunner().invoke(cli, ["server", *map(str, args)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_two_laptops_with_one_device_name_a_stale_delete_is_a_conflict(devices):
    # Same user, same free-text device name, two logins: two devices.
    first = devices("agent-bzh", name="laptop-a", device_name="laptop")
    second = devices("agent-bzh", name="laptop-b", device_name="laptop")
    place = first.store.create_place(
        name="Tiers-lieu", kind="fablab", postcode="35000", commune="Rennes"
    )
    visit = first.store.create_visit(place["id"], visited_on="2026-10-01", notes="v1")
    first.sync()
    second.sync()
    first.store.update("visit", visit["id"], {"notes": "Notes plus récentes"})
    first.sync()
    second.store.delete("visit", visit["id"])  # made on the version before the edit
    result = second.sync()
    assert result.conflicts == 1
    first.sync()
    # The newer edit survives everywhere; the delete waits in a conflict for a person.
    for device in (first, second):
        row = device.store.get("visit", visit["id"])
        assert row is not None and row["notes"] == "Notes plus récentes"
    [conflict] = second.store.open_conflicts()
    assert conflict["mine"] == {"deleted": True}


def test_backup_sync_restore_sync_loses_nothing_and_every_client_converges(
    devices, live_server, tmp_path
):
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator", name="coord")
    place = anne.store.create_place(
        name="La Cantine", kind="coworking", postcode="35000", commune="Rennes"
    )
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-01", notes="Avant")
    kept = anne.store.create_visit(place["id"], visited_on="2026-10-02", notes="Commun")
    anne.sync()
    coord.sync()
    old_id = server_id(anne.store)
    assert old_id

    backup_dir = tmp_path / "backup-1"
    out = server_cli("backup", "--data", live_server.data_dir, *db_args(live_server), backup_dir)
    assert "Backup written" in out and (backup_dir / "manifest.json").is_file()

    # After the backup: both sync more edits, all acknowledged by the server.
    anne.store.update("visit", visit["id"], {"notes": "Après la sauvegarde (Anne)"})
    late = anne.store.create_visit(place["id"], visited_on="2026-10-03", notes="Visite tardive")
    late_interview = anne.store.create_interview(late["id"], person_name="Léa", role="user")
    anne.sync()
    coord.sync()
    coord.store.update("visit", kept["id"], {"summary": "Résumé de la coordination"})
    coord.sync()
    anne.sync()
    # Edited locally, not yet sent, when the server is restored: must survive too.
    anne.store.update("visit", late["id"], {"visitors": "Anne, Paul"})

    live_server.stop()
    out = server_cli(
        "restore", "--data", live_server.data_dir, *db_args(live_server), backup_dir, "--yes"
    )
    assert "New server id" in out
    live_server.start()
    # The restored server holds only the backup.
    assert live_server.state.sync.identity()["server_id"] != old_id
    assert live_server.state.sync.history("visit", late["id"]) == []

    # The coordinator edits the shared visit on the restored server before Anne syncs.
    # Each re-sends what the restored server lacks or holds older (the coordinator had
    # pulled Anne's late records, so it re-sends them first; Anne still has her unsent
    # edit and whatever differs).
    first = coord.sync()
    assert first.reconciled >= 3  # Anne's edit, the late visit, its interview, the summary
    second = anne.sync()
    assert second.reconciled >= 1
    coord.sync()
    anne.sync()

    assert server_id(anne.store) == server_id(coord.store) != old_id
    assert everything(anne.store) == everything(coord.store)
    for device in (anne, coord):
        assert device.store.outbox_count() == 0
        store = device.store
        assert store.require("visit", visit["id"])["notes"] == "Après la sauvegarde (Anne)"
        assert store.require("visit", late["id"])["visitors"] == "Anne, Paul"
        assert store.require("interview", late_interview["id"])["person_name"] == "Léa"
        assert store.require("visit", kept["id"])["summary"] == "Résumé de la coordination"
    # The server has them again, each once, and a later edit flows as usual.
    assert [h["version"] for h in live_server.state.sync.history("visit", late["id"])] == [1, 2]
    coord.store.update("visit", late["id"], {"notes": "Relu"})
    coord.sync()
    assert anne.sync().pulled == 1
    assert anne.store.require("visit", late["id"])["notes"] == "Relu"


def test_after_a_restore_an_edit_made_on_both_sides_is_a_conflict_not_an_overwrite(
    devices, live_server, tmp_path
):
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator", name="coord")
    place = anne.store.create_place(
        name="La Cantine", kind="coworking", postcode="35000", commune="Rennes"
    )
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-01", notes="Base")
    anne.sync()
    coord.sync()
    server_cli("backup", "--data", live_server.data_dir, *db_args(live_server), tmp_path / "bk")
    anne.store.update("visit", visit["id"], {"notes": "Anne après la sauvegarde"})
    anne.sync()
    live_server.stop()
    server_cli(
        "restore", "--data", live_server.data_dir, *db_args(live_server), tmp_path / "bk", "--yes"
    )
    live_server.start()
    # Coordination, still at the backup's version, edits the same field first.
    coord.store.update("visit", visit["id"], {"notes": "Coordination après la restauration"})
    coord.sync()
    result = anne.sync()
    assert result.reconciled == 1 and result.conflicts == 1
    [conflict] = anne.store.open_conflicts()
    assert conflict["mine"] == {"notes": "Anne après la sauvegarde"}
    assert conflict["theirs"] == {"notes": "Coordination après la restauration"}


# SQLite only: the store is copied back by hand as a folder (server.db in it).
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_cursor_past_the_servers_head_reconciles_even_with_the_same_id(
    devices, live_server, tmp_path
):
    """A store copied back by hand (not with `server restore`) keeps its id; the client
    still notices, because its cursor is past the server's head."""
    import shutil

    anne = devices("agent-bzh", name="anne")
    place = anne.store.create_place(
        name="La Cantine", kind="coworking", postcode="35000", commune="Rennes"
    )
    anne.sync()
    live_server.stop()
    copy = tmp_path / "copy"
    shutil.copytree(live_server.data_dir, copy)
    live_server.start()
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-01", notes="Perdue ?")
    anne.sync()
    live_server.stop()
    shutil.rmtree(live_server.data_dir)
    shutil.copytree(copy, live_server.data_dir)
    live_server.start()
    result = anne.sync()
    assert result.reconciled == 1
    assert [h["version"] for h in live_server.state.sync.history("visit", visit["id"])] == [1]


def test_restore_refuses_a_folder_that_is_not_a_backup(live_server, tmp_path):
    (tmp_path / "junk").mkdir()
    result = CliRunner().invoke(
        cli,
        ["server", "restore", "--data", str(live_server.data_dir), str(tmp_path / "junk"), "--yes"],
    )
    assert result.exit_code == 1
    assert "not a FieldKit server backup" in result.output
    backup = ["server", "backup", "--data", str(live_server.data_dir), *db_args(live_server)]
    result = CliRunner().invoke(cli, [*backup, str(tmp_path / "junk2")])
    assert result.exit_code == 0, result.output
    again = CliRunner().invoke(cli, [*backup, str(tmp_path / "junk2")])
    assert again.exit_code == 1 and "not empty" in again.output


# SQLite only: the backup's server.db is damaged by hand.
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_damaged_backup_is_refused_and_the_server_keeps_its_data(live_server, tmp_path):
    token = live_server.login("coordinator")
    import httpx

    pushed = httpx.post(
        f"{live_server.url}/api/v1/sync/push",
        headers={"Authorization": f"Bearer {token}"},
        json={
            "ops": [
                {
                    "op_id": "op-1",
                    "kind": "place",
                    "record_id": "p1",
                    "op": "create",
                    "base_version": 0,
                    "fields": {"name": "Lieu", "postcode": "35000"},
                    "base": {},
                }
            ]
        },
    )
    assert pushed.status_code == 200
    backup_dir = tmp_path / "bk"
    server_cli("backup", "--data", live_server.data_dir, backup_dir)
    manifest = __import__("json").loads((backup_dir / "manifest.json").read_text())
    assert manifest["database"] == "sqlite" and manifest["head"] == 1
    damaged = backup_dir / "server.db"
    damaged.write_bytes(b"not a database at all" * 100)
    live_server.stop()
    result = CliRunner().invoke(
        cli,
        ["server", "restore", "--data", str(live_server.data_dir), str(backup_dir), "--yes"],
    )
    assert result.exit_code == 1 and "not a readable database" in result.output
    live_server.start()
    assert [h["version"] for h in live_server.state.sync.history("place", "p1")] == [1]


def test_a_restore_does_not_bring_back_what_was_erased_after_the_backup(live_server, tmp_path):
    import httpx

    token = live_server.login("coordinator")
    headers = {"Authorization": f"Bearer {token}"}
    ops = [
        {
            "op_id": f"op-{rid}",
            "kind": "place",
            "record_id": rid,
            "op": "create",
            "base_version": 0,
            "fields": {"name": f"Lieu {rid}", "postcode": "35000"},
            "base": {},
        }
        for rid in ("kept", "erased")
    ]
    assert (
        httpx.post(
            f"{live_server.url}/api/v1/sync/push", headers=headers, json={"ops": ops}
        ).status_code
        == 200
    )
    server_cli("backup", "--data", live_server.data_dir, *db_args(live_server), tmp_path / "bk")
    erased = httpx.post(
        f"{live_server.url}/api/v1/sync/erase",
        headers=headers,
        json={"erasures": [{"kind": "place", "id": "erased"}]},
    )
    assert erased.status_code == 200, erased.text
    live_server.stop()
    out = server_cli(
        "restore", "--data", live_server.data_dir, *db_args(live_server), tmp_path / "bk", "--yes"
    )
    assert "1 record(s) erased since the backup were erased again" in out
    live_server.start()
    assert live_server.state.sync.history("place", "erased") == []
    assert [h["version"] for h in live_server.state.sync.history("place", "kept")] == [1]
    page = httpx.get(f"{live_server.url}/api/v1/sync/pull", headers=headers).json()
    assert [r["id"] for r in page["records"]] == ["kept"]
    assert "erased" in [e["id"] for e in page["erased"]]
