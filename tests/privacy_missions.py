"""Adversarial missions for the privacy tests, and a checker of outputs independent of
the code under test (fieldkit.privacy): it looks for every form of a hidden person's name
the way a reader would recognise it.

Mission « mots courants »: names that are common words (Rose, Martin, Blanc), particles
(de, Le), a hyphenated surname (Dupont-Aignan), an elision (d’Élise), a surname shared by a
consenting and a hidden person (Fontaine). Mission « un seul mot »: people known by one
word only (Violette, Olive, Ambre).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldkit.store import Store

DATA = Path(__file__).parent / "data"


def name_list(file: str) -> list[str]:
    """Names of tests/data/<file> (Faker's fr_FR person lists; see the file's header)."""
    lines = (DATA / file).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@dataclass
class Person:
    name: str
    consent: str = "refused"
    pseudonymise: bool = False
    role: str = "user"
    organisation: str = ""

    @property
    def hidden(self) -> bool:
        return self.consent != "given" or self.pseudonymise


@dataclass
class Mission:
    people: list[Person]
    ids: dict[str, str] = field(default_factory=dict)  # what → record id
    texts: dict[str, str] = field(default_factory=dict)  # "kind:id:field" → stored text
    # Texts no person's name may be scrubbed from: directory fields, staff names.
    kept: list[str] = field(default_factory=list)
    # Ordinary phrases that must come out of every output unchanged.
    phrases: list[str] = field(default_factory=list)


def build_common_words(store: Store) -> Mission:
    """The mission « mots courants » (see the module's docstring)."""
    rose = Person("Rose Martin", "refused", organisation="Lemoine Conseil SAS")
    dupont = Person(
        "Jean-Pierre Dupont-Aignan",
        "not_asked",
        role="elected_official",
        organisation="Mairie de Brest",
    )
    elise = Person(
        "Élise Blanc",
        "given",
        pseudonymise=True,
        role="manager",
        organisation="Association Les Ateliers du Port",
    )
    marie = Person("Marie Fontaine", "refused", role="partner", organisation="SCOP Le Goff")
    paul = Person("Paul Fontaine", "given", role="company", organisation="Fontaine & fils SARL")
    yann = Person("Yann Le Goff", "refused", role="manager", organisation="Communauté de communes")
    m = Mission([rose, dupont, elise, marie, paul, yann])
    place = store.create_place(
        name="L'Atelier du Port",
        postcode="29200",
        commune="Brest",
        address="3 rue de Saint-Martin",
        contact="Chloé Mercier — 02 98 00 00 00",
        description="Tiers-lieu fondé par Rose Martin et Yann Le Goff, près du Blanc-Mesnil.",
    )
    other = store.create_place(
        name="La Rose des Vents",
        postcode="29200",
        commune="Brest",
        description="Un lieu où l'on boit du vin rosé, face au mur blanc.",
    )
    visit = store.create_visit(
        place["id"],
        visited_on="2026-04-01",
        visitors="Chloé Mercier, Hugo Blanchard",
        summary="Rencontre avec Rose Martin et M. Dupont-Aignan.",
        notes=(
            "Rose Martin nous reçoit ; Rose repeint le mur en rose, la pierre rose du "
            "Finistère. M. Dupont, Mme Fontaine et Paul Fontaine arrivent. Le jardin "
            "d’Élise est au fond ; Élise Blanc parle du mur blanc. Jean de La Fontaine "
            "est cité. Yann et M. Le Goff viennent de Saint-Martin et du Blanc-Mesnil. "
            "Selon Elise (sans accent), ROSE MARTIN et M. DUPONT-AIGNAN sont d'accord."
        ),
    )
    second = store.create_visit(
        other["id"],
        visited_on="2026-05-02",
        visitors="Chloé Mercier",
        notes="Martin-pêcheur sur le toit ; la rose trémière fleurit.",
    )
    for person, notes, quotes in (
        (rose, "Rose parle de son vin rosé.", "« Rose Martin, c'est moi. »"),
        (dupont, "M. Dupont arrive tard ; Jean-Pierre aussi.", "« Dupont-Aignan, élu. »"),
        (elise, "Élise montre le jardin d’Élise.", ""),
        (marie, "Mme Fontaine parle ; Marie Fontaine insiste.", ""),
        (paul, "Paul Fontaine, gérant, consent.", ""),
        (yann, "Yann Le Goff et M. Le Goff : la même personne.", ""),
    ):
        iv = store.create_interview(
            visit["id"],
            person_name=person.name,
            consent=person.consent,
            pseudonymise=person.pseudonymise,
            role=person.role,
            organisation=person.organisation,
            notes=notes,
            quotes=quotes,
        )
        m.ids[person.name] = iv["id"]
    m.ids.update(place=place["id"], other=other["id"], visit=visit["id"], second=second["id"])
    m.kept = [
        "L'Atelier du Port",
        "La Rose des Vents",
        "3 rue de Saint-Martin",
        "Chloé Mercier",
        "Hugo Blanchard",
    ]
    m.phrases = [
        "mur en rose",
        "vin rosé",
        "mur blanc",
        "la pierre rose",
        "Saint-Martin",
        "Blanc-Mesnil",
        "Martin-pêcheur",
        "la rose trémière",
        "Jean de La Fontaine",
    ]
    _remember_texts(store, m)
    return m


def build_one_word(store: Store) -> Mission:
    """The mission « un seul mot »: people known by one word only."""
    violette = Person("Violette", "refused", organisation="Collectif des Violettes")
    olive = Person("Olive", "not_asked", role="partner", organisation="Olive SAS")
    ambre = Person("Ambre", "given", role="manager")
    m = Mission([violette, olive, ambre])
    place = store.create_place(
        name="Le Champ d'Olive",
        postcode="35000",
        commune="Rennes",
        description="Un jardin de violettes et d'oliviers.",
    )
    visit = store.create_visit(
        place["id"],
        visited_on="2026-03-03",
        visitors="Hugo Blanchard",
        notes=(
            "Violette nous accueille ; des violettes partout, une huile d'olive. Olive "
            "arrive ensuite. Ambre, qui a consenti, présente le lieu. Saint-Violette ?"
        ),
    )
    other = store.create_place(name="Jardin partagé", postcode="35000", commune="Rennes")
    elsewhere = store.create_visit(
        other["id"],
        visited_on="2026-06-06",
        notes="Une haie de violettes, un pot d'olives.",
    )
    for person in m.people:
        iv = store.create_interview(
            visit["id"],
            person_name=person.name,
            consent=person.consent,
            role=person.role,
            organisation=person.organisation,
            notes=f"{person.name} parle ; une branche d'olivier, des fleurs violettes.",
        )
        m.ids[person.name] = iv["id"]
    m.ids.update(place=place["id"], other=other["id"], visit=visit["id"], second=elsewhere["id"])
    m.kept = ["Le Champ d'Olive", "Hugo Blanchard"]
    m.phrases = ["des violettes partout", "une huile d'olive", "fleurs violettes"]
    _remember_texts(store, m)
    return m


def _remember_texts(store: Store, m: Mission) -> None:
    for table, fields in (
        ("places", ("name", "address", "contact", "description")),
        ("visits", ("visitors", "summary", "notes")),
        ("interviews", ("notes", "quotes")),
        ("photos", ("caption",)),
    ):
        for row in store.conn.execute(f"SELECT * FROM {table} WHERE deleted = 0"):
            for f in fields:
                m.texts[f"{table}:{row['id']}:{f}"] = row[f] or ""


# -- the checker ----------------------------------------------------------------------
_PARTICLES = {"de", "du", "des", "d", "la", "le", "les"}


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_forms(name: str) -> list[tuple[str, bool]]:
    """(form, any_case) pairs a reader recognises as this person: the full name in any
    case, and, written with a capital, each first name and surname alone (hyphenated
    ones whole and by part), the surname with its particle."""
    words = name.split()
    forms = [(name, True)]
    if len(words) == 1:
        return [(name, False)]
    first, surname = words[0], " ".join(words[1:])
    forms.append((surname, False))
    forms += [(w, False) for w in words[1:] if w.lower() not in _PARTICLES]
    for part in re.split(r"[-‐]", first) + re.split(r"[-‐ ]", surname):
        if part.lower() not in _PARTICLES and len(part) > 2:
            forms.append((part, False))
    forms.append((first, False))
    return list(dict.fromkeys(forms))


def leaks(text: str, mission: Mission, *, hide_all: bool = False) -> list[str]:
    """Every hidden person's name form found in ``text`` (accents folded).

    Not counted: the kept texts (directory fields, staff) and the full names of people
    who may be named, which may contain a hidden person's surname (Paul Fontaine), and
    the ordinary phrases (« mur en rose ») and compounds (« Saint-Martin »)."""
    # Search snippets put [ ] around the query's words: a name split by them still counts.
    text = unicodedata.normalize("NFC", text).replace("[", "").replace("]", "").replace("’", "'")
    for allowed in [*mission.kept, *mission.phrases]:
        text = text.replace(allowed, " ")
        # A snippet may end inside a phrase: « Jean de La… ».
        words = allowed.split()
        for k in range(len(words) - 1, 1, -1):
            text = text.replace(" ".join(words[:k]) + "…", " ")
    hidden = [p for p in mission.people if hide_all or p.hidden]
    for person in mission.people:
        if person not in hidden:
            text = text.replace(person.name, " ").replace(person.organisation or "\0", " ")
    folded = _fold(text)
    found = []
    for person in hidden:
        for form, any_case in name_forms(person.name):
            pattern = r"(?<![\w\-‐])" + re.escape(_fold(form)) + r"(?![\w\-‐])"
            if re.search(pattern, folded, 0 if not any_case else re.IGNORECASE):
                found.append(form)
    return found


def texts_of(value: Any) -> str:
    """Every string in a JSON-like value, joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "\n".join(texts_of(v) for v in value.values())
    if isinstance(value, list):
        return "\n".join(texts_of(v) for v in value)
    return ""
