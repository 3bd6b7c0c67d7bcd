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
