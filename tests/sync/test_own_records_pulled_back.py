"""Our own push, pulled back along with someone else's change, is not « received »."""

from __future__ import annotations


def test_a_first_sync_counts_only_what_others_wrote_as_received(devices):
    colleague = devices("agent-bzh", name="colleague")
    colleague.store.create_place(name="Le Tiers-Lieu du Port", postcode="29200")
    colleague.sync()
    laptop = devices("agent-bzh", name="laptop")
    laptop.store.create_place(name="La Cantine", postcode="35000")

    summary = laptop.sync()

    # The colleague's place came in; ours went out (and came back with it, unchanged).
    assert summary.pushed == 1
    assert summary.pulled == 1
    received = {c.id for c in summary.changes if c.kind == "place"}
    assert {p["name"] for p in laptop.store.places()} == {"La Cantine", "Le Tiers-Lieu du Port"}
    assert len(received) == 2  # each place named once: ours acknowledged, theirs received
