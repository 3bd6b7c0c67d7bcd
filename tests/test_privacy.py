"""The one consent rule and the precise pseudonymiser (fieldkit.privacy)."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldkit.privacy import Pseudonymiser, may_show_name


def iv(name: str, consent: str = "refused", *, visit: str = "v1", role: str = "user", **kw):
    return {
        "id": name or "anon",
        "visit_id": visit,
        "person_name": name,
        "role": role,
        "consent": consent,
        **kw,
    }


@pytest.mark.parametrize(
    ("consent", "flag", "shown"),
    [
        ("given", False, True),
        ("given", True, False),
        ("refused", False, False),
        ("not_asked", False, False),
        ("", False, False),
    ],
)
def test_the_rule(consent, flag, shown):
    assert may_show_name({"consent": consent, "pseudonymise": flag}) is shown


def test_retention_date_hides_everyone_from_that_day():
    given = {"consent": "given", "pseudonymise": False}
    until = "2027-01-01"
    assert may_show_name(given, today=dt.date(2026, 12, 31), retention_until=until)
    assert not may_show_name(given, today=dt.date(2027, 1, 1), retention_until=until)


def test_a_public_contact_is_not_rewritten_by_a_namesake():
    """The issue's case: a place's contact shares a refusing person's surname."""
    names = Pseudonymiser.for_interviews([iv("Marie Dupont", role="user")])
    contact = "Jérôme Dupont — 05 51 85 39 70"
    # Even inside her own visit, « Jérôme Dupont » is someone else.
    assert names.scrub(contact, visit_id="v1") == contact
    assert names.scrub("Jérôme Dupont et Marie Dupont.", visit_id="v1") == (
        "Jérôme Dupont et Usager·ère n°1."
    )
    # Outside her visit only her full name goes.
    assert names.scrub("Vu Mme Dupont à Pau.", visit_id="other") == "Vu Mme Dupont à Pau."


def test_an_organisation_is_not_rewritten():
    names = Pseudonymiser.for_interviews([iv("Paul Martin", role="manager")])
    # Organisations are directory fields: outputs never pass them to scrub; and text
    # about another visit keeps a surname.
    assert names.scrub("SARL Martin & fils", visit_id="elsewhere") == "SARL Martin & fils"


def test_first_name_alone_is_replaced_in_the_visit_notes():
    """The issue's constructed case: the first name alone survived in visit notes."""
    names = Pseudonymiser.for_interviews([iv("Élise Fournier")])
    notes = "Élise nous a reçus. Plus tard, Élise a montré l'atelier d'Élise et d’Élise."
    out = names.scrub(notes, visit_id="v1")
    assert "Élise" not in out
    assert out == (
        "Usager·ère n°1 nous a reçus. Plus tard, Usager·ère n°1 a montré l'atelier "
        "d'Usager·ère n°1 et d’Usager·ère n°1."
    )


def test_initials_with_surname():
    names = Pseudonymiser.for_interviews([iv("Jean-Claude Moreau", role="partner")])
    for text in ("J. Moreau", "J.-C. Moreau", "JC Moreau", "J Moreau", "Jean Moreau", "Moreau"):
        assert names.scrub(f"Selon {text}, oui.", visit_id="v1") == "Selon Partenaire n°1, oui."
    assert names.scrub("Claude a dit", visit_id="v1") == "Partenaire n°1 a dit"


def test_names_that_are_common_words():
    names = Pseudonymiser.for_interviews([iv("Pierre Rose"), iv("Marie Blanc", visit="v1")])
    text = "Rose a repeint le mur en rose, pierre par pierre ; Mme Blanc préfère le blanc."
    assert names.scrub(text, visit_id="v1") == (
        "Usager·ère n°1 a repeint le mur en rose, pierre par pierre ; "
        "Mme Usager·ère n°2 préfère le blanc."
    )


def test_hyphenated_names():
    names = Pseudonymiser.for_interviews([iv("Anne-Sophie Martin-Lefèvre")])
    for text in (
        "Anne-Sophie Martin-Lefèvre",
        "anne-sophie martin-lefevre",
        "Martin-Lefèvre",
        "Anne-Sophie",
        "A.-S. Martin-Lefèvre",
    ):
        assert names.scrub(f"({text})", visit_id="v1") == "(Usager·ère n°1)", text


def test_particles_are_kept_and_names_with_them_replaced():
    names = Pseudonymiser.for_interviews(
        [iv("Hélène de La Tour", role="elected_official"), iv("Yann Le Goff", role="manager")]
    )
    assert names.scrub("Mme de La Tour, la tour de la mairie.", visit_id="v1") == (
        "Mme Élu·e n°1, la tour de la mairie."
    )
    assert names.scrub("M. Le Goff et Yann.", visit_id="v1") == (
        "M. Gestionnaire n°1 et Gestionnaire n°1."
    )
    # « de », « le » alone are never names.
    assert names.scrub("le lieu de vie", visit_id="v1") == "le lieu de vie"


def test_a_shown_namesake_keeps_their_full_name():
    names = Pseudonymiser.for_interviews(
        [iv("Élise Durand"), iv("Élise Martin", "given", role="manager")]
    )
    assert names.scrub("Élise Martin a vu Élise hier.", visit_id="v1") == (
        "Élise Martin a vu Usager·ère n°1 hier."
    )


def test_hide_all_pseudonymises_consenting_people_too():
    names = Pseudonymiser.for_interviews([iv("Luc Petit", "given")], hide_all=True)
    assert names.display_name(iv("Luc Petit", "given")) == "Usager·ère n°1"
    assert names.scrub("Luc Petit", visit_id="x") == "Usager·ère n°1"
    shown = Pseudonymiser.for_interviews([iv("Luc Petit", "given")])
    assert shown.display_name(iv("Luc Petit", "given")) == "Luc Petit"
