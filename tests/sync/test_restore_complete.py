"""A restore loses nothing, on both databases (issue 24): history ids stay monotonic across
restores, conflicts made between a backup and a restore come back, and a backup holds
everything needed to rebuild the server. Real laptops against the real server on
loopback, backups and restores through the `fieldkit server` commands."""

from __future__ import annotations

import httpx

from tests.sync.test_restore_and_devices import db_args, server_cli


def erase(server, user: str, kind: str, record_id: str) -> None:
    token = server.login(user)
    response = httpx.post(
        f"{server.url}/api/v1/sync/erase",
        json={"erasures": [{"kind": kind, "id": record_id}]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["status"] == "erased"


def test_an_edit_made_after_the_backup_is_resent_even_when_a_later_erasure_freed_history_ids(
    devices, live_server, tmp_path
):
    """The backup's newest history rows belong to a record erased after it: the restore
    erases it again. A version written after the restore must not take their ids (and
    pass for one the backup held), or a laptop's own post-backup edit is never re-sent."""
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator", name="coord")
    place = anne.store.create_place(name="La Cantine", postcode="35000", commune="Rennes")
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-01", notes="Base")
    anne.sync()
    coord.sync()
    doomed = coord.store.create_visit(place["id"], visited_on="2026-10-02", notes="Effacée")
    coord.store.update("visit", doomed["id"], {"notes": "Effacée, v2"})
    coord.sync()  # the newest history rows of the backup are this visit's

    server_cli("backup", "--data", live_server.data_dir, *db_args(live_server), tmp_path / "bk")
    erase(live_server, "coordinator", "visit", doomed["id"])
    anne.store.update("visit", visit["id"], {"notes": "Anne après la sauvegarde"})
    anne.sync()  # acknowledged at version 2 by the server that will be lost

    live_server.stop()
    server_cli(
        "restore", "--data", live_server.data_dir, *db_args(live_server), tmp_path / "bk", "--yes"
    )
    live_server.start()
    # The coordinator, still at the backup's version 1, edits another field: version 2 on
    # the restored server, written after the restore.
    coord.store.update("visit", visit["id"], {"summary": "Résumé"})
    coord.sync()

    result = anne.sync()
    assert result.reconciled == 1
    coord.sync()
    for device in (anne, coord):
        row = device.store.require("visit", visit["id"])
        assert row["notes"] == "Anne après la sauvegarde"
        assert row["summary"] == "Résumé"
    assert coord.store.get("visit", doomed["id"], include_deleted=True) is None


def conflicts_on_server(server, user: str) -> list[dict]:
    token = server.login(user)
    response = httpx.get(
        f"{server.url}/api/v1/conflicts",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return list(response.json()["conflicts"])


def made_conflict_after_backup(devices, live_server, tmp_path):
    """Anne and the coordinator share a visit; after a backup both edit its notes, and
    Anne's edit, second, is a conflict on the server. Then the server is restored."""
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator", name="coord")
    place = anne.store.create_place(name="La Cantine", postcode="35000", commune="Rennes")
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-01", notes="Base")
    anne.sync()
    coord.sync()
    server_cli("backup", "--data", live_server.data_dir, *db_args(live_server), tmp_path / "bk")
    coord.store.update("visit", visit["id"], {"notes": "Coordination"})
    coord.sync()
    anne.store.update("visit", visit["id"], {"notes": "Anne"})
    assert anne.sync().conflicts == 1
    live_server.stop()
    server_cli(
        "restore", "--data", live_server.data_dir, *db_args(live_server), tmp_path / "bk", "--yes"
    )
    live_server.start()
    return anne, coord, visit


def test_a_conflict_made_between_a_backup_and_a_restore_is_made_again_on_the_server(
    devices, live_server, tmp_path
):
    anne, coord, visit = made_conflict_after_backup(devices, live_server, tmp_path)
    assert conflicts_on_server(live_server, "agent-bzh") == []
    coord.sync()
    anne.sync()
    coord.sync()
    anne.sync()
    [conflict] = conflicts_on_server(live_server, "agent-bzh")
    assert conflict["record_id"] == visit["id"]
    assert conflict["mine"] == {"notes": "Anne"}
    assert conflict["theirs"] == {"notes": "Coordination"}
    # Anne has it open once (the server's), and nothing waits to be sent.
    [local_conflict] = anne.store.open_conflicts()
    assert local_conflict["id"] == conflict["id"]
    assert anne.store.outbox_count() == 0
    for device in (anne, coord):
        assert device.store.require("visit", visit["id"])["notes"] == "Coordination"


def test_a_second_laptop_of_the_same_user_does_not_make_the_conflict_twice(
    devices, live_server, tmp_path
):
    anne, coord, visit = made_conflict_after_backup(devices, live_server, tmp_path)
    # Anne's second laptop pulled the conflict before the restore? It could not: the
    # restore came first. Log the same account in on a second laptop after the conflict.
    anne.sync()
    second = devices("agent-bzh", name="anne-2")
    second.sync()
    anne.sync()
    [conflict] = conflicts_on_server(live_server, "agent-bzh")
    assert conflict["mine"] == {"notes": "Anne"}


def test_sync_check_counts_open_conflicts_the_server_no_longer_has(devices, live_server, tmp_path):
    from click.testing import CliRunner

    from fieldkit.cli import main as cli_main

    anne, _coord, _visit = made_conflict_after_backup(devices, live_server, tmp_path)
    from fieldkit.sync.pending import check_all_sent

    on_server = {c["id"] for c in conflicts_on_server(live_server, "agent-bzh")}
    check = check_all_sent(anne.store, on_server)
    assert not check.safe and check.report.conflicts_lost == 1
    result = CliRunner().invoke(cli_main, ["--home", str(anne.home.root), "sync", "--check"])
    assert result.exit_code == 1, result.output
    anne.sync()
    result = CliRunner().invoke(cli_main, ["--home", str(anne.home.root), "sync", "--check"])
    assert result.exit_code == 0, result.output
