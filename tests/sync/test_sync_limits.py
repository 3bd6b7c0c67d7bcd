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
