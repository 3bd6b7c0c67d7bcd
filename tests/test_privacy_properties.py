"""Property: for random missions whose people are drawn from the lists of real French names
(tests/data), no output holds a hidden name, and no stored text changes, except the name
fields and exact full names under retention."""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit import retention
from fieldkit.exporter import export
from fieldkit.gate import OutputGate
from fieldkit.privacy import RETENTION_KEY
from fieldkit.store import Store
from tests.privacy_missions import name_list

FIRST_NAMES = name_list("fr_first_names.txt")
LAST_NAMES = name_list("fr_last_names.txt")
LABEL = r"(?:Usager·ère|Gestionnaire|Élu·e|Partenaire|Entreprise|Autre) n°\d+|\[nom masqué\]"
# Ordinary phrases, lower case: the names that are also words may appear in them.
FILLERS = ["le lieu ouvre le matin", "un atelier partagé", "la cantine du quartier"]
STAFF = "Chloé Mercier"  # the visits' visitors

person = st.builds(
    dict,
    first=st.sampled_from(FIRST_NAMES),
    last=st.sampled_from(LAST_NAMES),
    one_word=st.booleans(),
    consent=st.sampled_from(["given", "refused", "not_asked"]),
    role=st.sampled_from(["manager", "user", "elected_official", "partner", "company"]),
    visit=st.integers(0, 2),
)
mentions = st.lists(st.sampled_from(["full", "title", "first"]), min_size=1, max_size=3)


def _name(p: dict) -> str:
    return p["first"] if p["one_word"] else f"{p['first']} {p['last']}"


def _mention(p: dict, how: str) -> str:
    if p["one_word"] or how == "first":
        return p["first"]
    return _name(p) if how == "full" else f"Mme {p['last']}"


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _hidden_forms(p: dict) -> list[tuple[str, bool]]:
    """(form, any case): the full name anywhere; the first name and surname, capitalised."""
    if p["one_word"]:
        return [(p["first"], False)]
    parts = re.split(r"[\s\-]", f"{p['first']} {p['last']}")
    forms = [(_name(p), True), (p["first"], False), (p["last"], False)]
    return forms + [(w, False) for w in parts if len(w) > 2 and w.lower() not in ("les", "des")]


def _found(text: str, forms: list[tuple[str, bool]]) -> list[str]:
    text = re.sub(LABEL, " ", unicodedata.normalize("NFC", text))
    out = []
    for form, any_case in forms:
        pattern = r"(?<![\w\-])" + re.escape(_fold(form)) + r"(?![\w\-])"
        if re.search(pattern, _fold(text), re.IGNORECASE if any_case else 0):
            out.append(form)
    return out


def _build(people: list[dict], said: list[list[str]]) -> tuple[Store, dict]:
    store = Store.memory()
    place = store.create_place(name="Le Lieu", postcode="29200", description="Un lieu.")
    visits = [
        store.create_visit(place["id"], visited_on=f"2026-0{i + 1}-01", visitors=STAFF)
        for i in range(3)
    ]
    notes: dict[int, list[str]] = {i: [] for i in range(3)}
    for p, hows in zip(people, said, strict=True):
        text = " ; ".join(f"{_mention(p, h)} parle" for h in hows)
        notes[p["visit"]].append(text)
        iv = store.create_interview(
            visits[p["visit"]]["id"],
            person_name=_name(p),
            consent=p["consent"],
            role=p["role"],
            notes=f"{text}. {FILLERS[0]}.",
        )
        p["id"], p["visit_id"] = iv["id"], iv["visit_id"]
    for i, v in enumerate(visits):
        store.update("visit", v["id"], {"notes": ". ".join([*notes[i], *FILLERS]) + "."})
    return store, {v["id"]: i for i, v in enumerate(visits)}


def _stored(store: Store) -> dict[str, str]:
    out = {}
    for table, fields in (
        ("places", ("name", "description")),
        ("visits", ("visitors", "notes", "summary")),
        ("interviews", ("person_name", "organisation", "notes", "quotes")),
    ):
        for row in store.conn.execute(f"SELECT * FROM {table}"):
            for f in fields:
                out[f"{table}:{row['id']}:{f}"] = row[f] or ""
    return out


def _check_outputs(store: Store, people: list[dict], *, everyone_hidden: bool) -> None:
    def hidden(p: dict, with_names: bool) -> bool:
        return everyone_hidden or not with_names or p["consent"] != "given"

    def visible_fulls(with_names: bool) -> set[str]:
        return {_name(p) for p in people if not hidden(p, with_names) and not p["one_word"]}

    def check(text: str, visit_id: str | None, with_names: bool) -> None:
        # The visit's staff is printed as entered (never rewritten): a hidden person who
        # shares the staff member's surname is not named by it.
        for full in {*visible_fulls(with_names), STAFF}:
            text = text.replace(full, " ")
        for p in people:
            if not hidden(p, with_names) or _name(p) in visible_fulls(with_names):
                continue
            forms = _hidden_forms(p)
            if visit_id != p["visit_id"]:
                forms = forms[:1] if not p["one_word"] else []
            # A form a visible person of the visit shares (first name, surname) is theirs.
            shared = {
                w
                for q in people
                if not hidden(q, with_names)
                for w in re.split(r"[\s\-]", _name(q))
            }
            forms = [(f, a) for f, a in forms if a or f not in shared]
            assert _found(text, forms) == [], (text, p)

    with tempfile.TemporaryDirectory() as tmp:
        for with_names in (False, True):
            folder = Path(tmp) / str(with_names)
            export(store, "json", folder, with_names=with_names)
            for kind in ("visits", "interviews"):
                for row in json.loads((folder / f"{kind}.json").read_text(encoding="utf-8")):
                    vid = row["id"] if kind == "visits" else row["visit_id"]
                    for f in ("notes", "summary", "person_name", "quotes"):
                        check(str(row.get(f) or ""), vid, with_names)
    gate = OutputGate.for_store(store)
    for p in people:
        for word in _name(p).split():
            for hit in gate.search_hits(store, store.search(word), word):
                check(f"{hit.title} {hit.snippet}", hit.visit_id, True)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    people=st.lists(person, min_size=1, max_size=6),
    said=st.lists(mentions, min_size=6, max_size=6),
    retain=st.booleans(),
)
def test_no_output_holds_a_hidden_name_and_nothing_stored_changes(people, said, retain):
    said = said[: len(people)]
    store, _ = _build(people, said)
    try:
        before = _stored(store)
        if retain:
            store.set_setting(RETENTION_KEY, "2000-01-01")
            retention.apply_if_due(store)
        _check_outputs(store, people, everyone_hidden=retain)
        after = _stored(store)
        fulls = [re.escape(_name(p)) for p in people if not p["one_word"]]
        for key, old in before.items():
            new = after[key]
            if new == old:
                continue
            assert retain, key  # outputs alone write nothing
            table, _, field = key.split(":")
            if (table, field) == ("interviews", "person_name"):
                assert re.fullmatch(LABEL, new), new
                continue
            assert table != "places" and field != "visitors", key
            # Free text: every character kept but exact full names, now labels.
            parts = re.split("|".join(sorted(fulls, key=len, reverse=True)), old)
            assert fulls and re.fullmatch(f"(?:{LABEL})".join(re.escape(x) for x in parts), new), (
                old,
                new,
            )
    finally:
        store.close()
