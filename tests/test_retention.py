"""Retention destroys nothing (fieldkit.retention): name fields and exact full names are
replaced, nothing else is rewritten, and outputs still hide every partial form."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from fieldkit import retention
from fieldkit.cli import main
from fieldkit.gate import RETAINED_KEY
from fieldkit.paths import Home
from fieldkit.privacy import RETENTION_KEY
from fieldkit.store import Store
from tests.privacy_missions import build_common_words, build_one_word, leaks
from tests.test_output_gate import RECIPES, Env


def run(home: Home, *args: str):
    return CliRunner().invoke(main, ["--home", str(home.root), *args])


def stored(home: Home) -> dict[str, str]:
    out = {}
    with Store.open(home) as s:
        for table, fields in (
            ("places", ("name", "address", "contact", "website", "description")),
            ("visits", ("visitors", "summary", "notes")),
            ("interviews", ("person_name", "organisation", "notes", "quotes")),
            ("photos", ("caption",)),
        ):
            for row in s.conn.execute(f"SELECT * FROM {table}"):
                for f in fields:
                    out[f"{table}:{row['id']}:{f}"] = row[f] or ""
    return out


def _same_after_labels(before: str, after: str, names: str, label: str) -> bool:
    # Split both texts on the replaced spans: every other character is unchanged.
    parts = re.split(names, before)
    regex = label.join(re.escape(p) for p in parts)
    return re.fullmatch(regex, after) is not None


def test_dry_run_lists_then_retention_replaces_only_what_it_is_sure_of(
    store: Store, home: Home, tmp_path: Path
):
    mission = build_common_words(store)
    store.close()
    before = stored(home)

    preview = run(home, "retention", "2026-01-01", "--dry-run")
    assert preview.exit_code == 0, preview.output
    assert "Dry run, nothing written" in preview.output
    assert re.search(r"\s6\s+interview person_name", preview.output)
    assert "place description" in preview.output and "Tiers-lieu fondé par" in preview.output
    assert leaks(preview.output, mission) == []
    assert stored(home) == before  # nothing written, not even the date
    with Store.open(home) as s:
        assert s.get_setting(RETENTION_KEY) is None

    done = run(home, "retention", "2026-01-01")
    assert done.exit_code == 0 and "6 stored name(s) replaced" in done.output
    after = stored(home)
    changed = {k for k in before if before[k] != after[k]}
    for key in changed:
        table, _, f = key.split(":")
        if (table, f) == ("interviews", "person_name"):
            assert re.fullmatch(r".+ n°\d", after[key])
        elif (table, f) == ("interviews", "organisation"):
            assert after[key].startswith("une ")  # « Fontaine & fils SARL » for Paul Fontaine
        else:
            # Free text: only exact full names became labels, every other character kept.
            assert _same_after_labels(
                before[key],
                after[key],
                "|".join(re.escape(p.name) for p in mission.people if " " in p.name),
                r"(?:Usager·ère|Gestionnaire|Élu·e|Partenaire|Entreprise|Autre) n°\d+",
            ), key
            assert table != "places" or f == "description"
            assert f != "visitors"
    # The place description no longer names its founders.
    place = after[f"places:{mission.ids['place']}:description"]
    assert place.startswith("Tiers-lieu fondé par Usager·ère n°")
    # Every ordinary phrase of the notes is still there, word for word.
    everything = "\n".join(after.values())
    for phrase in mission.phrases:
        assert phrase in everything, phrase
    # Organisations that do not carry the person's name stay (« Lemoine Conseil SAS »).
    assert "Lemoine Conseil SAS" in everything
    # No clear name remains in the retained list: salted hashes only.
    with Store.open(home) as s:
        kept = str(s.get_setting(RETAINED_KEY))
        for person in mission.people:
            for word in re.findall(r"\w+", person.name):
                assert word.lower() not in kept.lower() or len(word) < 3, word
        # Applying again changes nothing (labels are never scrubbed again).
        assert retention.plan(s).changes == []
        assert retention.apply_if_due(s) == 0
    assert stored(home) == after
    assert not re.search(r"n°\d+·", "\n".join(stored(home).values()))


def test_outputs_after_retention_hide_every_partial_form(store: Store, home: Home, tmp_path: Path):
    """« Rose » alone stays in the visit's notes, yet no output prints it."""
    for build, name in ((build_common_words, "a"), (build_one_word, "b")):
        h = Home.resolve(str(tmp_path / name))
        with Store.open(h) as s:
            mission = build(s)
        assert run(h, "retention", "2026-01-01").exit_code == 0
        env = Env(h, tmp_path / f"work-{name}", mission)
        env.tmp.mkdir()
        for command in ("search", "export", "report", "visits list", "places list", "erase"):
            RECIPES[command](env)
        found = {
            w: leak for w, text, _ in env.outputs if (leak := leaks(text, mission, hide_all=True))
        }
        assert found == {}
        notes = stored(h)[f"visits:{mission.ids['visit']}:notes"]
        assert re.search(r"\b(Rose|Violette)\b", notes)  # kept in storage, hidden on output


def test_erasing_a_renamed_interview_drops_its_retained_forms(store: Store):
    from fieldkit import erasure

    mission = build_common_words(store)
    store.set_setting(RETENTION_KEY, "2026-01-01")
    retention.apply_if_due(store)
    rose = store.get("interview", mission.ids["Rose Martin"])["person_name"]
    others = {
        store.get("interview", mission.ids[p.name])["person_name"]
        for p in mission.people
        if p.name != "Rose Martin"
    }
    assert rose in str(store.get_setting(RETAINED_KEY))
    erasure.erase(store, "interview", mission.ids["Rose Martin"])
    kept = str(store.get_setting(RETAINED_KEY))
    assert rose not in kept
    assert all(label in kept for label in others)
