"""One bad record never blocks the queue; « Ce qui reste à envoyer » and « Tout est-il
envoyé ? » — against the real server on loopback."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from fieldkit.cli import main as cli_main
from fieldkit.sync import (
    check_all_sent,
    discard_rejected,
    pending_report,
    rejected_ops,
    retry_rejected,
)
from fieldkit.sync.blobs import blob_file
from tests.sync.test_blobs_sync import add_blob, photo_of


def skewed_clock(days: int):
    """A laptop whose clock is set ``days`` ahead."""
    return lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=days)


def test_a_refused_change_is_set_aside_and_the_rest_goes_through(devices, live_server):
    # A clock 400 days ahead: "today" here is more than a year ahead for the server,
    # which refuses that visit date (422); everything else is accepted.
    anne = devices("agent-bzh", name="anne", clock=skewed_clock(400))
    place = anne.store.create_place(name="Le Bocal", postcode="29200")
    bad = anne.store.create_visit(place["id"], visited_on=anne.store.today().isoformat())
    good = anne.store.create_visit(place["id"], visited_on="2026-10-01", notes="Bien reçu")
    summary = anne.sync()
    assert len(summary.rejected) == 1 and "visit" in summary.rejected[0]
    assert summary.pushed == 2  # the place and the good visit
    assert anne.store.outbox_count() == 0
    [refused] = rejected_ops(anne.store)
    assert refused["record_id"] == bad["id"]
    assert live_server.state.sync.history("visit", good["id"])
    assert not live_server.state.sync.history("visit", bad["id"])

    report = pending_report(anne.store, with_items=True)
    assert report.refused == 1 and report.changes == 0
    assert [i.category for i in report.items] == ["refused"]
    check = check_all_sent(anne.store)
    assert not check.safe and "refused by the server" in check.describe()

    # Fixed by editing: sent again at the next sync, accepted.
    anne.store.update("visit", bad["id"], {"visited_on": "2026-10-02"})
    summary = anne.sync()
    assert summary.rejected == [] and rejected_ops(anne.store) == []
    [*_, last] = live_server.state.sync.history("visit", bad["id"])
    assert last["fields"]["visited_on"] == "2026-10-02"
    assert check_all_sent(anne.store).safe


def test_a_refused_change_of_another_region_can_be_discarded(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    mine = anne.store.create_place(name="Le Bocal", postcode="29200")
    outside = anne.store.create_place(name="La Cordée", postcode="34500")  # Occitanie: 403
    summary = anne.sync()
    assert len(summary.rejected) == 1 and "outside your regions" in summary.rejected[0]
    assert live_server.state.sync.history("place", mine["id"])
    [refused] = rejected_ops(anne.store)
    # Retrying unchanged is refused again, and kept again: never dropped silently.
    retry_rejected(anne.store, refused["op_id"])
    assert anne.sync().rejected
    [refused] = rejected_ops(anne.store)
    discard_rejected(anne.store, refused["op_id"])
    assert rejected_ops(anne.store) == []
    assert anne.store.get("place", outside["id"]) is None  # never on the server: gone here
    assert check_all_sent(anne.store).safe


def test_a_discarded_update_goes_back_to_the_server_value(devices, live_server):
    coord = devices("coordinator", name="coord")
    place = coord.store.create_place(name="Le Bocal", postcode="29200")
    coord.sync()
    anne = devices("agent-bzh", name="anne")
    anne.sync()
    anne.store.update("place", place["id"], {"name": "Le Bocal (Brest)"})
    [entry] = anne.store.outbox()
    # As if the server had refused it (e.g. a validation rule newer than this client).
    from fieldkit.sync import local

    local.reject(anne.store, local.outbox_batch(anne.store, 1)[0], "refused for the test")
    [refused] = rejected_ops(anne.store)
    assert refused["op_id"] == entry["op_id"]
    discard_rejected(anne.store, refused["op_id"])
    row = anne.store.require("place", place["id"])
    assert row["name"] == "Le Bocal" and row["version"] == 1 and not row["dirty"]


def test_a_change_too_large_for_the_server_is_set_aside(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    place = anne.store.create_place(name="Le Bocal", postcode="29200")
    huge = anne.store.create_visit(place["id"], visited_on="2026-10-01", notes="x" * (17 << 20))
    fine = anne.store.create_visit(place["id"], visited_on="2026-10-02", notes="court")
    summary = anne.sync()
    assert len(summary.rejected) == 1 and "too large" in summary.rejected[0]
    assert [r["record_id"] for r in rejected_ops(anne.store)] == [huge["id"]]
    assert live_server.state.sync.history("visit", fine["id"])
    # Shortened by the person, then it goes.
    anne.store.update("visit", huge["id"], {"notes": "résumé de la note"})
    assert anne.sync().rejected == []
    assert live_server.state.sync.history("visit", huge["id"])


def test_what_remains_to_send_counts_photos_and_missing_files(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    sha = add_blob(anne.store, b"\xff\xd8" + bytes(range(256)) * 40)
    photo_of(anne.store, sha)
    lost = add_blob(anne.store, b"\xff\xd8" + bytes(range(256)) * 41)
    photo_of(anne.store, lost)
    blob_file(anne.home, lost).unlink()  # the file went missing on disk
    report = pending_report(anne.store, with_items=True)
    assert report.photos_unsent == 1 and report.photos_unsent_bytes == 2 + 256 * 40
    assert report.photos_missing == 1
    assert report.changes == anne.store.outbox_count() > 0
    categories = [i.category for i in report.items]
    assert categories[0] == "missing_photo" and "photo" in categories and "change" in categories
    check = check_all_sent(anne.store)
    assert not check.safe
    assert "missing on disk" in check.describe() and "not on the server yet" in check.describe()

    runner = CliRunner()
    result = runner.invoke(cli_main, ["--home", str(anne.home.root), "sync", "--check"])
    assert result.exit_code == 1, result.output
    assert "would be lost" in result.output


def test_check_says_safe_after_a_full_sync(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    anne.store.create_place(name="Le Bocal", postcode="29200")
    assert not check_all_sent(anne.store).safe
    anne.sync()
    check = check_all_sent(anne.store)
    assert check.safe and "lose nothing" in check.describe()
    result = CliRunner().invoke(cli_main, ["--home", str(anne.home.root), "sync", "--check"])
    assert result.exit_code == 0 and "lose nothing" in result.output
