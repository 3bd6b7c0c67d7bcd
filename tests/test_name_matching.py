"""Names matched the way people are named (fieldkit.privacy.Pseudonymiser), on hand-made
cases and on every real French given name and surname of tests/data (Faker's fr_FR lists),
used as names and as the common words many of them also are."""

from __future__ import annotations

import random

import pytest

from fieldkit.privacy import MASK, Pseudonymiser
from tests.privacy_missions import name_list

FIRST_NAMES = name_list("fr_first_names.txt")
LAST_NAMES = name_list("fr_last_names.txt")


def iv(name: str, consent: str = "refused", *, visit: str = "v1", role: str = "user"):
    return {"id": name, "visit_id": visit, "person_name": name, "role": role, "consent": consent}


# -- one-word names -----------------------------------------------------------------
def test_a_one_word_name_only_capitalised_whole_and_in_its_own_visit():
    names = Pseudonymiser.for_interviews([iv("Rose")])
    label = "Usager·ère n°1"
    assert names.scrub("Rose arrive ; d’après Rose.", visit_id="v1") == (
        f"{label} arrive ; d’après {label}."
    )
    for kept in (
        "le vin rosé, la rose trémière",  # lower case
        "ROSE",  # not as written: capitals only
        "la place Sainte-Rose",  # inside a compound
        "Rose-Marie et Rosemonde",  # another name
    ):
        assert names.scrub(kept, visit_id="v1") in (kept, kept.replace("ROSE", label)), kept
    assert names.scrub("Rose arrive.", visit_id="v2") == "Rose arrive."  # another visit
    assert names.scrub("Rose arrive.") == "Rose arrive."  # a text of no visit


def test_names_inside_compounds_are_places_or_other_people():
    names = Pseudonymiser.for_interviews([iv("Rose Martin"), iv("Marie Blanc")])
    text = "À Saint-Martin puis au Blanc-Mesnil, un martin-pêcheur ; Martin et Mme Blanc."
    assert names.scrub(text, visit_id="v1") == (
        "À Saint-Martin puis au Blanc-Mesnil, un martin-pêcheur ; "
        "Usager·ère n°1 et Mme Usager·ère n°2."
    )


# -- particles ------------------------------------------------------------------------
def test_a_first_name_then_a_lower_case_particle_is_someone_else():
    names = Pseudonymiser.for_interviews([iv("Jean Leroy")])
    assert names.scrub("Jean de La Fontaine écrivait.", visit_id="v1") == (
        "Jean de La Fontaine écrivait."
    )
    assert names.scrub("Jean de bonne humeur.", visit_id="v1") == "Usager·ère n°1 de bonne humeur."
    full = Pseudonymiser.for_interviews([iv("Jean de La Fontaine")])
    assert full.scrub("Jean de La Fontaine écrivait.", visit_id="v1") == (
        "Usager·ère n°1 écrivait."
    )


# -- shared surnames ----------------------------------------------------------------
def test_a_surname_a_consenting_person_shares_never_takes_the_hidden_label():
    names = Pseudonymiser.for_interviews(
        [iv("Marie Fontaine"), iv("Paul Fontaine", "given", role="company")]
    )
    out = names.scrub(
        "Mme Fontaine et Paul Fontaine ; Marie Fontaine insiste ; Marie aussi.", visit_id="v1"
    )
    assert out == f"Mme {MASK} et Paul Fontaine ; Usager·ère n°1 insiste ; Usager·ère n°1 aussi."
    # Two hidden people of one visit: their common surname names neither.
    both = Pseudonymiser.for_interviews([iv("Marie Fontaine"), iv("Luc Fontaine", role="partner")])
    assert both.scrub("M. Fontaine", visit_id="v1") == f"M. {MASK}"
    assert both.scrub("Luc Fontaine", visit_id="v1") == "Partenaire n°1"


# -- hyphens ------------------------------------------------------------------------
def test_a_hyphenated_surname_s_parts_go_with_it():
    names = Pseudonymiser.for_interviews([iv("Jean-Pierre Dupont-Aignan", role="elected_official")])
    for text in ("M. Dupont", "M. Aignan", "M. Dupont-Aignan", "Jean-Pierre", "J.-P. Dupont"):
        assert names.scrub(text, visit_id="v1") in ("M. Élu·e n°1", "Élu·e n°1"), text
    assert names.scrub("la rue Dupont-Aignan-Ville", visit_id="v1") == "la rue Dupont-Aignan-Ville"


# -- labels ---------------------------------------------------------------------------
def test_a_label_is_never_scrubbed_again():
    names = Pseudonymiser.for_interviews([iv("Ère Usager"), iv("Rose Martin")])
    once = names.scrub("Rose Martin et Ère Usager ; Rose.", visit_id="v1")
    assert once == "Usager·ère n°2 et Usager·ère n°1 ; Usager·ère n°2."
    assert names.scrub(once, visit_id="v1") == once
    # After retention the stored name is the label: it makes no name forms of its own.
    stored = Pseudonymiser.for_interviews([iv("Usager·ère n°1"), iv("Rose Martin")])
    assert stored.label(iv("Usager·ère n°1")) == "Usager·ère n°1"
    assert stored.label(iv("Rose Martin")) == "Usager·ère n°2"
    text = "Usager·ère n°1 parle à Rose."
    assert stored.scrub(text, visit_id="v1") == "Usager·ère n°1 parle à Usager·ère n°2."


# -- every real name of the lists ---------------------------------------------------------
def _people(seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    firsts, lasts = FIRST_NAMES[:], LAST_NAMES[:]
    rng.shuffle(firsts)
    rng.shuffle(lasts)
    return [(f, s) for f, s in zip(firsts * 2, lasts, strict=False) if f != s]


@pytest.mark.parametrize("seed", [1, 2])
def test_every_listed_name_as_a_name_and_as_a_common_word(seed: int):
    """Each surname of the list, with a given name of the list: hidden as a name (full,
    surname after a title, given name alone, in its own visit), left alone as the word
    it often also is (lower case: « blanc », « rose », « olive »), inside a compound,
    and in another visit's text."""
    for first, last in _people(seed):
        names = Pseudonymiser.for_interviews([iv(f"{first} {last}")])
        label = "Usager·ère n°1"
        own = names.scrub(
            f"{first} {last} parle. Selon Mme {last}, {first} a raison.", visit_id="v1"
        )
        assert own == f"{label} parle. Selon Mme {label}, {label} a raison.", (first, last)
        word = f"un {last.lower()} et un {first.lower()} ; à Saint-{last.split()[-1]}."
        assert names.scrub(word, visit_id="v1") == word, (first, last)
        other = f"Selon Mme {last}, {first} a raison."
        assert names.scrub(other, visit_id="v2") == other, (first, last)
        assert names.scrub(f"({first} {last})", visit_id="v2") == f"({label})", (first, last)
