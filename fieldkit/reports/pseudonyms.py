"""Who may be named in a report, and what the others are called instead.

An interview whose consent was refused or never asked, or that is marked "pseudonymise",
shows its role and a type of organisation with a number (« Usager·ère n°3 »). The
person's name must appear nowhere in the PDF, so it is also scrubbed from every free
text the report prints (notes, quotes, summaries, captions), and once a name is hidden
it is hidden everywhere: the same person named with consent in another interview is
pseudonymised there too (a refusal wins).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

ROLE_LABELS = {
    "manager": "Gestionnaire",
    "user": "Usager·ère",
    "elected_official": "Élu·e",
    "partner": "Partenaire",
    "company": "Entreprise",
    "other": "Autre",
}
# Order of roles in tables and charts.
ROLE_ORDER = ("manager", "user", "elected_official", "partner", "company", "other")

# When an organisation's name gives no clue, the kind of organisation a role implies.
_ROLE_ORGANISATION_TYPE = {
    "manager": "structure gestionnaire du lieu",
    "user": "usager·ère du lieu",
    "elected_official": "collectivité",
    "partner": "structure partenaire",
    "company": "entreprise",
    "other": "autre",
}
_ORGANISATION_TYPES = (
    (
        r"\b(mairie|commune|ville|communaut[ée]|m[ée]tropole|d[ée]partement|r[ée]gion|"
        r"conseil|agglo|pr[ée]fecture|[ée]tat|pays)\b",
        "collectivité ou administration",
    ),
    (r"\b(association|asso|collectif|f[ée]d[ée]ration|r[ée]seau)\b", "association"),
    (r"\b(scop|scic|coop[ée]rative)\b", "coopérative"),
    (
        r"\b(sas|sarl|sa|eurl|sasu|entreprise|soci[ée]t[ée]|startup|start-up|cabinet|agence)\b",
        "entreprise",
    ),
    (r"\b(universit[ée]|[ée]cole|lyc[ée]e|coll[èe]ge|cnrs|inrae)\b", "enseignement et recherche"),
)

# Particles too common to scrub on their own ("de", "Le" in "Le Goff").
_PARTICLES = {"de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "di", "da", "el"}


def must_pseudonymise(interview: dict[str, Any]) -> bool:
    return bool(interview.get("pseudonymise")) or interview.get("consent") != "given"


def organisation_type(interview: dict[str, Any]) -> str:
    text = _fold(interview.get("organisation") or "")
    for pattern, label in _ORGANISATION_TYPES:
        if re.search(pattern, text):
            return label
    return _ROLE_ORGANISATION_TYPE.get(interview.get("role") or "other", "autre")


def _fold(text: str) -> str:
    """Lower case without accents, for matching and for telling names apart."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


def _name_key(name: str) -> str:
    return " ".join(_fold(name).split())


@dataclass
class Pseudonymiser:
    """Decides each interview's display name and scrubs hidden names from free text."""

    hidden_keys: set[str] = field(default_factory=set)
    _labels: dict[tuple[str, str], str] = field(default_factory=dict)
    _counters: dict[str, int] = field(default_factory=dict)
    # folded words of a name → pseudonym (see _compile)
    _full: dict[str, str] = field(default_factory=dict)
    _tails: dict[str, str] = field(default_factory=dict)
    _own: dict[str, dict[str, str]] = field(default_factory=dict)
    _longest: int = 1
    _starts: set[str] = field(default_factory=set)

    @classmethod
    def for_interviews(cls, interviews: Iterable[dict[str, Any]]) -> Pseudonymiser:
        """Interviews in report order: numbers are given in the order people appear."""
        ordered = list(interviews)
        self = cls()
        for iv in ordered:
            name = (iv.get("person_name") or "").strip()
            if name and must_pseudonymise(iv):
                self.hidden_keys.add(_name_key(name))
        scrub: list[tuple[str, str]] = []
        for iv in ordered:
            if self.is_hidden(iv):
                label = self.label(iv)
                name = (iv.get("person_name") or "").strip()
                if name:
                    scrub.append((name, label))
        self._compile(scrub)
        return self

    def is_hidden(self, interview: dict[str, Any]) -> bool:
        name = (interview.get("person_name") or "").strip()
        return must_pseudonymise(interview) or _name_key(name) in self.hidden_keys

    def label(self, interview: dict[str, Any]) -> str:
        """« Usager·ère n°3 »: the same person (name and role) keeps one number."""
        role = interview.get("role") or "other"
        name = _name_key(interview.get("person_name") or "")
        key = (role, name or f"#{interview.get('id')}")
        if key not in self._labels:
            self._counters[role] = self._counters.get(role, 0) + 1
            self._labels[key] = f"{ROLE_LABELS.get(role, 'Autre')} n°{self._counters[role]}"
        return self._labels[key]

    def _compile(self, scrub: list[tuple[str, str]]) -> None:
        """Three sets of patterns, longest first within each.

        - full names, replaced everywhere (visitors' list included);
        - surnames, with their particle ("Le Goff", "Goff"), replaced in all free text;
        - first names alone ("Marie-Claire", "Marie"), replaced only in the person's own
          interview, where they can only mean them: elsewhere a common first name would
          wipe out colleagues and everyone else called Marie.
        """
        seen: set[str] = set()
        for name, label in scrub:
            key = _name_key(name)
            if key in seen:
                continue
            seen.add(key)
            self._full.setdefault(_token_key(name), label)
            words = name.split()
            for start in range(1, len(words)):
                tail = words[start:]
                if len(tail) == 1 and not _significant(tail[0]):
                    continue
                if _fold(tail[0]) in _PARTICLES or len(tail) == 1:
                    self._tails.setdefault(_token_key(" ".join(tail)), label)
            own: dict[str, str] = {}
            if len(words) > 1:
                first = words[0]
                for part in [first, *first.split("-")]:
                    if _significant(part):
                        own[_token_key(part)] = label
            self._own[key] = own
        self._starts = {
            k.split(" ", 1)[0] for d in (self._full, self._tails, *self._own.values()) for k in d
        }
        self._longest = max(
            (k.count(" ") + 1 for d in (self._full, self._tails, *self._own.values()) for k in d),
            default=1,
        )

    def scrub(
        self, text: str, *, interview: dict[str, Any] | None = None, full_names_only: bool = False
    ) -> str:
        """Replace hidden names in ``text`` by their pseudonyms.

        ``interview``: the text is that interview's notes or quotes, so the person's first
        name alone is theirs too. ``full_names_only``: for lists of mission staff (visitors),
        where a shared surname is someone else's.

        One pass over the words of the text, looking up runs of words (longest first) in
        dictionaries of folded names: fast whatever the number of hidden people.
        """
        if not text or not self._full:
            return text
        # Compare on NFC so "é" typed as e + combining accent still matches.
        text = unicodedata.normalize("NFC", text)
        tables = [self._full]
        if not full_names_only:
            tables.append(self._tails)
            if interview is not None and self.is_hidden(interview):
                tables.append(self._own.get(_name_key(interview.get("person_name") or ""), {}))
        words = list(_WORD.finditer(text))
        folded = [_fold_word(m.group(0)) for m in words]
        starts = self._starts
        out: list[str] = []
        last = 0
        i = 0
        while i < len(words):
            label = None
            if folded[i] not in starts:  # most words start no name: skip them fast
                i += 1
                continue
            for n in range(min(self._longest, len(words) - i), 0, -1):
                if n > 1 and not all(
                    _JOIN.fullmatch(text[words[j].end() : words[j + 1].start()])
                    for j in range(i, i + n - 1)
                ):
                    continue
                key = " ".join(folded[i : i + n])
                label = next((t[key] for t in tables if key in t), None)
                if label is not None:
                    break
            if label is None:
                i += 1
                continue
            out.append(text[last : words[i].start()])
            out.append(label)
            last = words[i + n - 1].end()
            i += n
        out.append(text[last:])
        return "".join(out)


_WORD = re.compile(r"\w+")
# What may stand between the words of one name: spaces, hyphens, an apostrophe (D'Almeida).
_JOIN = re.compile(r"[\s\-‐–'’]{1,3}")


def _token_key(text: str) -> str:
    """A name as its folded words: "Marie-Claire Le Goff" → "marie claire le goff"."""
    return " ".join(_fold_word(w) for w in _WORD.findall(text))


@functools.lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return _fold(word)


def _significant(word: str) -> bool:
    word = word.strip(".,;:'’\"()")
    return len(word) >= 3 and _fold(word) not in _PARTICLES
