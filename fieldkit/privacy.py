"""Whose name may appear in an output, and what the others are called instead.

One rule (DESIGN §9): a person may be named only when their consent was given and their
interview is not marked "pseudonymise". Consent refused or never asked means a pseudonym.
Reports, exports, CLI listings and logs all ask :func:`may_show_name`; once a name is
hidden it is hidden everywhere (a refusal in one interview wins over a consent in another
of the same person), and after the mission's retention date nobody is named any more.

The :class:`Pseudonymiser` gives each hidden person a label (« Usager·ère n°3 ») and
scrubs their name from free text, precisely:

- the full name, wherever it appears in free text (notes, quotes, summaries, captions,
  a place's description), whatever the case or accents: it can only mean that person;
- the partial forms (surname alone with or without its particle, first name alone or a
  part of a hyphenated first name, initials with the surname) only in the free text of
  that person's own visit (its notes and summary, its photos' captions, its interviews'
  notes and quotes), and only written with a capital, so « le mur blanc » survives a
  Mme Blanc; a surname right after another capitalised first name is someone else
  (« Jérôme Dupont » is not Marie Dupont), and so is a first name right before another
  surname;
- never directory fields: a place's name, address, contact, website, and the
  organisation of an interview (a hidden interview's organisation is shown only as its
  type: association, entreprise…).
"""

from __future__ import annotations

import datetime as dt
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

# Settings key of the mission's retention date (ISO date): from that day on nobody is
# named in any output, and sync rewrites the stored names (see docs/privacy.md).
RETENTION_KEY = "names_retention_until"

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

# Particles never scrubbed on their own ("de", "Le" in "Le Goff").
_PARTICLES = {"de", "du", "des", "d", "la", "le", "les", "van", "von", "der", "den", "di", "da"}
# Words that may stand before a surname without being another person's first name.
_TITLES = {
    "m",
    "mme",
    "mlle",
    "mr",
    "monsieur",
    "madame",
    "mademoiselle",
    "dr",
    "docteur",
    "me",
    "maitre",
    "pr",
    "professeur",
}
# Capitalised words that start a sentence rather than name someone (« Selon Dupont »).
_SENTENCE_WORDS = {
    "selon",
    "pour",
    "chez",
    "avec",
    "et",
    "mais",
    "puis",
    "alors",
    "ensuite",
    "hier",
    "aujourd",
    "quand",
    "si",
    "par",
    "sans",
    "sur",
    "vers",
    "comme",
    "donc",
    "car",
    "apres",
    "avant",
    "pendant",
    "ici",
    "la",
    "le",
    "les",
    "un",
    "une",
    "a",
    "de",
    "du",
    "des",
    "en",
    "ou",
    "c",
    "l",
    "d",
    "j",
    "il",
    "elle",
    "on",
    "nous",
    "vous",
    "ils",
    "elles",
    "ce",
    "cette",
    "moi",
    "merci",
}


LABEL_PATTERN = re.compile(
    r"^(" + "|".join(re.escape(v) for v in ROLE_LABELS.values()) + r") n°(\d+)$"
)


def may_show_name(
    interview: dict[str, Any], *, today: dt.date | None = None, retention_until: str | None = None
) -> bool:
    """THE rule: consent given, not marked pseudonymise, and before the retention date."""
    if interview.get("consent") != "given" or bool(interview.get("pseudonymise")):
        return False
    if not retention_until or today is None:
        return True
    return today < dt.date.fromisoformat(retention_until)


def must_pseudonymise(interview: dict[str, Any]) -> bool:
    return not may_show_name(interview)


def names_expired(store: Any) -> bool:
    """True once the mission's retention date (a store setting) has come."""
    until = store.get_setting(RETENTION_KEY)
    return bool(until) and store.today() >= dt.date.fromisoformat(str(until))


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


@functools.lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return _fold(word)


def _token_key(text: str) -> str:
    """A name as its folded words: "Marie-Claire Le Goff" → "marie claire le goff"."""
    return " ".join(_fold_word(w) for w in _WORD.findall(text))


_WORD = re.compile(r"\w+")
# What may stand between the words of one name: spaces, hyphens, an apostrophe (D'Almeida);
# after an initial, its full stop too ("J.-C. Dupont").
_JOIN = re.compile(r"[\s\-‐–'’]{1,3}")
_JOIN_AFTER_INITIAL = re.compile(r"\.?[\s\-‐–]{0,3}")

# Kinds of form: the full name; a surname alone; a first name or initials with the
# surname; a first name alone.
_FULL, _SURNAME, _NAMED, _FIRST = "full", "surname", "named", "first"


@dataclass(frozen=True)
class _Form:
    label: str | None  # None: a shown person's full name, kept as it is
    kind: str  # _FULL, _SURNAME, _NAMED or _FIRST
    own_words: frozenset[str]  # the person's own name words (folded)


@functools.lru_cache(maxsize=65536)
def _name_forms(name: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The full key and the partial forms (key, kind) of a name.

    "Marie-Claire Le Goff": first name "Marie-Claire", surname "Le Goff".
    """
    words = name.split()
    full = _token_key(name)
    forms: list[tuple[str, str]] = []
    if len(words) < 2:
        if _significant(name):
            forms.append((full, _FIRST))
        return full, tuple(forms)
    first, surname_words = words[0], words[1:]
    surnames: list[str] = []
    for start in range(len(surname_words)):
        tail = surname_words[start:]
        if all(_fold_word(w) in _PARTICLES for w in _WORD.findall(" ".join(tail))):
            continue
        if len(tail) == 1 and not _significant(tail[0]):
            continue
        surnames.append(_token_key(" ".join(tail)))
    parts = [p for p in _WORD.findall(first)]
    firsts = [_token_key(first)] + [_fold_word(p) for p in parts if len(parts) > 1]
    initials = {_fold_word(p[0]) for p in parts[:1]}
    if len(parts) > 1:
        initials |= {
            "".join(_fold_word(p[0]) for p in parts),
            " ".join(_fold_word(p[0]) for p in parts),
        }
    for s in surnames:
        forms.append((s, _SURNAME))
        for f in firsts:
            forms.append((f"{f} {s}", _NAMED))
        for i in initials:
            forms.append((f"{i} {s}", _NAMED))
    for f in firsts:
        if _significant(f):
            forms.append((f, _FIRST))
    return full, tuple(forms)


def _significant(word: str) -> bool:
    word = word.strip(".,;:'’\"()")
    return len(word) >= 3 and _fold(word) not in _PARTICLES


@dataclass
class Pseudonymiser:
    """Decides each interview's display name and scrubs hidden names from free text.

    ``hide_all``: every interviewee gets a pseudonym (an export without ``--with-names``,
    a mission past its retention date).
    """

    hide_all: bool = False
    hidden_keys: set[str] = field(default_factory=set)
    _labels: dict[tuple[str, str], str] = field(default_factory=dict)
    _counters: dict[str, int] = field(default_factory=dict)
    _full: dict[str, _Form] = field(default_factory=dict)
    _by_visit: dict[str, dict[str, _Form]] = field(default_factory=dict)
    _starts: set[str] = field(default_factory=set)
    _prefixes: set[str] = field(default_factory=set)  # every leading run of words of a key
    _cores: dict[int, set[str]] = field(default_factory=dict)  # id(table) → its name words

    @classmethod
    def for_interviews(
        cls,
        interviews: Iterable[dict[str, Any]],
        *,
        hide_all: bool = False,
        numbers_from: dict[str, int] | None = None,
    ) -> Pseudonymiser:
        """Interviews in output order: numbers are given in the order people appear.

        ``numbers_from``: the last number already used per role (labels already stored).
        """
        ordered = list(interviews)
        self = cls(hide_all=hide_all)
        self._counters.update(numbers_from or {})
        for iv in ordered:
            name = (iv.get("person_name") or "").strip()
            if name and (hide_all or must_pseudonymise(iv)):
                self.hidden_keys.add(_name_key(name))
        for iv in ordered:
            name = (iv.get("person_name") or "").strip()
            if not name:
                if self.is_hidden(iv):
                    self.label(iv)
                continue
            full, forms = _name_forms(name)
            own = frozenset(full.split())
            if not self.is_hidden(iv):
                # A shown person's full name is kept whole, so that a hidden namesake's
                # surname inside it is not replaced ("Jean Dupont" when Marie Dupont hides).
                self._full.setdefault(full, _Form(None, _FULL, own))
                continue
            label = self.label(iv)
            self._full[full] = _Form(label, _FULL, own)
            visit_forms = self._by_visit.setdefault(str(iv.get("visit_id") or ""), {})
            for key, kind in forms:
                visit_forms.setdefault(key, _Form(label, kind, own))
        tables = [self._full, *self._by_visit.values()]
        self._starts = {k.split(" ", 1)[0] for t in tables for k in t}
        for t in tables:
            # A table's "core" words: those of its names that are not particles.
            self._cores[id(t)] = {w for k in t for w in k.split(" ") if w not in _PARTICLES}
            for k in t:
                parts = k.split(" ")
                self._prefixes.update(" ".join(parts[:m]) for m in range(1, len(parts) + 1))
        return self

    def is_hidden(self, interview: dict[str, Any]) -> bool:
        if self.hide_all or must_pseudonymise(interview):
            return True
        return _name_key(interview.get("person_name") or "") in self.hidden_keys

    def label(self, interview: dict[str, Any]) -> str:
        """« Usager·ère n°3 »: the same person (name and role) keeps one number."""
        role = interview.get("role") or "other"
        name = _name_key(interview.get("person_name") or "")
        key = (role, name or f"#{interview.get('id')}")
        if key not in self._labels:
            self._counters[role] = self._counters.get(role, 0) + 1
            self._labels[key] = f"{ROLE_LABELS.get(role, 'Autre')} n°{self._counters[role]}"
        return self._labels[key]

    def display_name(self, interview: dict[str, Any]) -> str:
        """The name an output prints for this interview: the person's, or the label."""
        if self.is_hidden(interview):
            return self.label(interview)
        return (interview.get("person_name") or "").strip()

    def scrub(
        self,
        text: str,
        *,
        visit_id: str | None = None,
        interview: dict[str, Any] | None = None,
        full_names_only: bool = False,
    ) -> str:
        """Replace hidden names in ``text`` by their pseudonyms.

        ``visit_id`` (or ``interview``, whose visit it is): the text belongs to that
        visit (its notes, summary, captions, its interviews' notes and quotes), so the
        partial forms of the people hidden there apply. ``full_names_only``: a list of
        mission staff (visitors), where only a full name can be an interviewee.
        """
        if not text or not self._starts:
            return text
        text = unicodedata.normalize("NFC", text)
        if interview is not None and visit_id is None:
            visit_id = str(interview.get("visit_id") or "")
        tables = [self._full]
        if not full_names_only and visit_id is not None and visit_id in self._by_visit:
            tables.append(self._by_visit[visit_id])
        words = list(_WORD.finditer(text))
        folded = [_fold_word(m.group(0)) for m in words]
        # Most texts name nobody: one set intersection (in C) decides it.
        present = set(folded)
        if all(present.isdisjoint(self._cores[id(t)]) for t in tables):
            return text
        out: list[str] = []
        last = 0
        i = 0
        while i < len(words):
            if folded[i] not in self._starts:  # most words start no name: skip them fast
                i += 1
                continue
            # Grow the run of words while it is still the start of some name (one set
            # lookup per word), then try the matches longest first.
            candidates: list[tuple[int, _Form]] = []
            key, n = folded[i], 1
            while True:
                form = next((t[key] for t in tables if key in t), None)
                if form is not None:
                    candidates.append((n, form))
                if i + n >= len(words) or not self._joined(text, words, i + n - 1, 2):
                    break
                key = f"{key} {folded[i + n]}"
                if key not in self._prefixes:
                    break
                n += 1
            found: tuple[int, _Form] | None = next(
                (
                    (n, form)
                    for n, form in reversed(candidates)
                    if self._accept(text, words, folded, i, n, form)
                ),
                None,
            )
            if found is None:
                i += 1
                continue
            n, form = found
            if form.label is not None:
                out.append(text[last : words[i].start()])
                out.append(form.label)
                last = words[i + n - 1].end()
            i += n
        out.append(text[last:])
        return "".join(out)

    @staticmethod
    def _joined(text: str, words: list[re.Match[str]], i: int, n: int) -> bool:
        for j in range(i, i + n - 1):
            gap = text[words[j].end() : words[j + 1].start()]
            if _JOIN.fullmatch(gap):
                continue
            if len(words[j].group(0)) <= 2 and gap and _JOIN_AFTER_INITIAL.fullmatch(gap):
                continue
            return False
        return True

    @staticmethod
    def _accept(
        text: str,
        words: list[re.Match[str]],
        folded: list[str],
        i: int,
        n: int,
        form: _Form,
    ) -> bool:
        if form.kind == _FULL:
            return True
        # Partial forms: written as a name (a capital on its first non-particle word).
        core = next((j for j in range(i, i + n) if folded[j] not in _PARTICLES), i)
        if not words[core].group(0)[:1].isupper():
            return False
        if form.kind == _SURNAME:
            # Right after another capitalised first name: someone else's full name.
            if i > 0 and _JOIN.fullmatch(text[words[i - 1].end() : words[i].start()] or "x"):
                before = folded[i - 1]
                if (
                    words[i - 1].group(0)[:1].isupper()
                    and before not in _TITLES
                    and before not in _SENTENCE_WORDS
                    and before not in form.own_words
                ):
                    return False
        if form.kind == _FIRST:
            # Right before another capitalised surname: someone else of that first name.
            end = i + n
            if end < len(words) and _JOIN.fullmatch(
                text[words[end - 1].end() : words[end].start()] or "x"
            ):
                after = folded[end]
                if (
                    words[end].group(0)[:1].isupper()
                    and after not in form.own_words
                    and after not in _SENTENCE_WORDS
                ):
                    return False
        return True


__all__ = [
    "RETENTION_KEY",
    "ROLE_LABELS",
    "Pseudonymiser",
    "may_show_name",
    "must_pseudonymise",
    "names_expired",
    "organisation_type",
]
