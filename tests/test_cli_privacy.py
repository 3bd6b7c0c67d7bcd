"""`fieldkit erase` and `fieldkit retention` (docs/privacy.md)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from fieldkit import erasure, retention
from fieldkit.cli import main
from fieldkit.paths import Home
from fieldkit.store import Store
from tests.photo_factory import make_jpeg


def run(home: Home, *args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, ["--home", str(home.root), *args], input=stdin)


def mission(store: Store) -> dict:
    place = store.create_place(name="Atelier", postcode="29200", commune="Brest")
    visit = store.create_visit(place["id"], visited_on="2026-04-01", notes="Notes de visite.")
    iv = store.create_interview(
        visit["id"], person_name="Soizic Le Bihan", consent="refused", notes="Soizic parle."
    )
    return {"place": place, "visit": visit, "interview": iv}


def test_erase_asks_then_destroys_and_says_what(store: Store, home: Home, tmp_path: Path):
    m = mission(store)
    from fieldkit import photos

    photos.import_photos(store, m["visit"]["id"], [make_jpeg(tmp_path / "a.jpg", seed=1)])
    store.close()
    # Saying no changes nothing.
    refused = run(home, "erase", "place", m["place"]["id"], stdin="n\n")
    assert refused.exit_code == 1
    assert "This destroys for good: place « Atelier », 1 visit(s), 1 interview(s), 1 photo(s)" in (
        refused.output
    )
    with Store.open(home) as s:
        assert s.get("interview", m["interview"]["id"]) is not None
    done = run(home, "erase", "place", m["place"]["id"], stdin="y\n")
    assert done.exit_code == 0, done.output
    assert "Erased 4 record(s) and" in done.output
    with Store.open(home) as s:
        assert s.get("place", m["place"]["id"], include_deleted=True) is None
        assert s.outbox_count() == 0
        assert s.search("Soizic") == []
        assert [j["record_id"] for j in erasure.journal(s) if j["requested"]] == [m["place"]["id"]]
        assert all("Soizic" not in str(j) for j in erasure.journal(s))
    assert not list(home.blobs_dir.rglob("*")) or all(p.is_dir() for p in home.blobs_dir.rglob("*"))
    assert b"Soizic" not in home.db_path.read_bytes()


def test_erase_bad_input_is_a_one_line_error(store: Store, home: Home):
    m = mission(store)
    store.close()
    missing = run(home, "erase", "visit", "no-such-id", "--yes")
    assert missing.exit_code == 1 and "No visit with id no-such-id" in missing.output
    wrong_kind = run(home, "erase", "photo", m["visit"]["id"], "--yes")
    assert wrong_kind.exit_code == 2
    # Synced records (version > 0) of an agent: refused, nothing touched.
    with Store.open(home) as s:
        s.conn.execute("UPDATE interviews SET version = 3")
    refused = run(home, "erase", "interview", m["interview"]["id"], "--yes")
    assert refused.exit_code == 1 and "coordinators and admins" in refused.output
    with Store.open(home) as s:
        assert s.get("interview", m["interview"]["id"]) is not None
        s.set_setting("sync_role", "coordinator")
    assert run(home, "erase", "interview", m["interview"]["id"], "--yes").exit_code == 0


def test_retention_date_pseudonymises_outputs_then_stored_names(
    store: Store, home: Home, clock, tmp_path: Path
):
    store.create_place(name="Lieu", postcode="29200")
    place = store.places()[0]
    visit = store.create_visit(place["id"], visited_on="2026-04-01", notes="Avec Paul Caradec.")
    given = store.create_interview(
        visit["id"], person_name="Paul Caradec", role="manager", consent="given", notes="Paul."
    )
    store.close()
    bad = run(home, "retention", "demain")
    assert bad.exit_code == 1 and "not a date" in bad.output
    later = run(home, "retention", "2027-01-01")
    assert later.exit_code == 0 and "from 2027-01-01" in later.output
    with Store.open(home, clock=clock) as s:
        assert retention.apply_if_due(s) == 0  # not yet (the test clock is in 2026)
        assert s.get("interview", given["id"])["person_name"] == "Paul Caradec"
    # The date has come: every output hides him, and the stored name goes.
    assert run(home, "retention", "2026-01-01").exit_code == 0
    out = run(home, "export", "--with-names", "-o", str(tmp_path / "x"))
    assert out.exit_code == 0
    with Store.open(home) as s:
        row = s.get("interview", given["id"])
        # The name field is replaced; « Paul. » alone is not sure enough to rewrite: it
        # stays in the note and outputs hide it (the retained, hashed name forms).
        assert row["person_name"] == "Gestionnaire n°1" and row["notes"] == "Paul."
        assert s.get("visit", visit["id"])["notes"] == "Avec Gestionnaire n°1."
        assert s.outbox_count() > 0  # ordinary edits: the next sync carries them everywhere
        assert retention.apply_if_due(s) == 0  # labels are not renamed again
    exported = b"".join(p.read_bytes() for p in (tmp_path / "x").iterdir())
    assert b"Paul Caradec" not in exported and b"Paul." not in exported
    assert "Gestionnaire n°1.".encode() in exported
    assert run(home, "retention", "--clear").output.strip() == "No retention date."
