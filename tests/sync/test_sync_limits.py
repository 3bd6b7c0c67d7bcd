"""A record over the server's size limits: the client sets that change aside with the
server's message (naming the field) and syncs everything else."""

from __future__ import annotations

from fieldkit.sync import rejected_ops


def test_an_oversized_field_is_set_aside_and_the_rest_syncs(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    fine = anne.store.create_place(name="Le Bocal", postcode="29200")
    huge = anne.store.create_place(
        name="La Halle", postcode="35000", description="Très long compte rendu. " * 5000
    )
    summary = anne.sync()
    assert summary.pushed >= 1
    kept = rejected_ops(anne.store)
    assert [r["op_id"] for r in kept] and len(kept) == 1
    assert "'description'" in kept[0]["message"] and "100000" in kept[0]["message"]
    assert anne.store.outbox_count() == 0
    # The server has the fine place only; the long one is still here, with its text.
    coordinator = devices("coordinator")
    coordinator.sync()
    assert coordinator.store.get("place", fine["id"]) is not None
    assert coordinator.store.get("place", huge["id"]) is None
    assert anne.store.require("place", huge["id"])["description"].startswith("Très long")


def test_pulls_come_in_pages_of_two_thousand_or_the_servers_own_size(
    devices, live_server, tmp_path
):
    """The client asks for the protocol's largest page (fewer, larger transactions on a
    first sync); a server configured with smaller pages answers 422, and the client then
    asks for 1000 (an older server's maximum), then for that server's default size,
    losing nothing."""
    from fieldkit.server.config import Limits
    from tests.conftest_server import LiveServer
    from tests.sync.conftest import Device

    anne = devices("agent-bzh", name="anne")
    for n in range(30):
        anne.store.create_place(name=f"Tiers-lieu {n}", postcode="35000")
    anne.sync()
    coord = devices("coordinator")
    with coord.client() as client:
        assert client.pull_limit == 2000
        assert client.sync().pulled == 30

    # A server whose maximum is 1000 (as before 2026-12-01), then one configured with
    # pages of 10: the client steps down to 1000, then to the server's default.
    for name, limits, kept in (
        ("older", Limits(pull_max=1000), 1000),
        ("small", Limits(pull_default=7, pull_max=10), None),
    ):
        server = LiveServer(tmp_path / name, limits=limits)
        server.start()
        made = []
        try:
            maker = Device(server, tmp_path / f"on-{name}", "agent-bzh", name="maker")
            reader = Device(server, tmp_path / f"on-{name}", "coordinator", name="reader")
            made += [maker, reader]
            for n in range(30):
                maker.store.create_place(name=f"Tiers-lieu {n}", postcode="35000")
            assert maker.sync().pushed == 30
            # A pull from zero starts with a short page (client.FIRST_PULL_PAGE), which
            # any server takes; the next pull asks for full pages.
            assert reader.sync().pulled == 30
            for n in range(5):
                maker.store.create_place(name=f"Nouveau {n}", postcode="35000")
            assert maker.sync().pushed == 5
            with reader.client() as client:
                summary = client.sync()
                assert client.pull_limit == kept
            assert summary.pulled == 5 and len(reader.store.places()) == 35
        finally:
            for device in made:
                device.close()
            server.stop()
