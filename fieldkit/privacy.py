"""Whose name may appear in an output, and what the others are called instead.

One rule (DESIGN §9): a person may be named only when their consent was given and their
interview is not marked "pseudonymise". Consent refused or never asked means a pseudonym.
Every output asks it through :mod:`fieldkit.gate`; once a name is hidden it is hidden
everywhere (a refusal in one interview wins over a consent in another of the same
person), and after the mission's retention date nobody is named any more.

The :class:`Pseudonymiser` gives each hidden person a label (« Usager·ère n°3 ») and
finds their name in free text by the rules of docs/privacy.md (« Les règles exactes »):
the full name anywhere; partial forms (surname, its hyphenated parts, first name,
initials, a one-word name) only capitalised, whole, outside compounds and in the
person's own visit; someone else's name around them (« Jean de La Fontaine ») is left
alone; a surname a shown person shares becomes :data:`MASK`, nobody's label; a label is
never matched again. Forms are looked up by their folded text, or by a keyed hash when a
:class:`RetainedNames` list (kept by retention, no name in clear) is in use.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
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
_ROLE_ORGANISATION_KIND = {
    "manager": "une structure gestionnaire",
    "user": "une structure",
    "elected_official": "une collectivité",
    "partner": "une structure partenaire",
    "company": "une entreprise",
    "other": "une structure",
}
# Clues of an organisation's kind, weighed: a legal form (« SAS ») outweighs a word that
# may only be part of a name (« Conseil », « Lemoine Conseil SAS » is a company).
_ORGANISATION_CLUES: tuple[tuple[str, str, int], ...] = (
    # Public bodies: phrases that only name one.
    (r"\bmairie\b", "une collectivité", 5),
    (r"\bcommune (de|d|du|des)\b", "une collectivité", 5),
    (r"\bcommunaute (de communes|d agglomeration|urbaine)\b", "une collectivité", 6),
    (r"\bconseil (departemental|regional|general|municipal)\b", "une collectivité", 6),
    (r"\b(metropole|prefecture|sous prefecture|agglo)\b", "une collectivité", 4),
    (r"\b(departement|region|ville) (de|d|du|des)\b", "une collectivité", 4),
    (r"\b(pnr|parc naturel regional|pays de)\b", "une collectivité", 3),
    (
        r"\b(ccas|sivom|sivu|syndicat mixte|epci|pole emploi|france travail|caf)\b",
        "une administration",
        5,
    ),
    # Associations.
    (r"\b(association|asso|aisbl|loi 1901)\b", "une association", 5),
    (r"\b(collectif|federation|reseau|amicale|comite)\b", "une association", 2),
    # Cooperatives.
    (r"\b(scop|scic|cae|cooperative)\b", "une coopérative", 6),
    # Companies: legal forms first.
    (
        r"\b(sas|sasu|sarl|eurl|sa|sca|snc|sci|selarl|ei|eirl|micro entreprise)\b",
        "une entreprise",
        7,
    ),
    (
        r"\b(entreprise|societe|startup|start up|cabinet|agence|conseil|consulting|studio|"
        r"groupe|holding|ets|etablissements)\b",
        "une entreprise",
        2,
    ),
    # Education and research.
    (
        r"\b(universite|ecole|lycee|college|cnrs|inrae|inserm|iut|laboratoire|labo)\b",
        "un établissement d'enseignement ou de recherche",
        4,
    ),
    # Social and solidarity structures.
    (r"\b(fondation|fonds de dotation)\b", "une fondation", 5),
    (r"\b(mutuelle|ess)\b", "une structure de l'économie sociale", 3),
)
ORGANISATION_KINDS = tuple(
    dict.fromkeys([*(k for _, k, _ in _ORGANISATION_CLUES), *_ROLE_ORGANISATION_KIND.values()])
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
# Words after which two lower-case words are a phrase, not a name (« la pierre rose »).
_DETERMINERS = {
    "la",
    "le",
    "les",
    "l",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d",
    "au",
    "aux",
    "en",
    "ce",
    "cette",
    "ces",
    "mon",
    "ma",
    "mes",
    "ton",
    "ta",
    "son",
    "sa",
    "ses",
    "notre",
    "nos",
    "votre",
    "vos",
    "leur",
    "leurs",
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
    """The kind of an interview's organisation (« une entreprise »), never its name.

    Every clue found in the name is weighed (a legal form weighs most); ties go to the
    clue listed first. No clue: the kind the person's role implies.
    """
    text = " ".join(re.findall(r"\w+", _fold(interview.get("organisation") or "")))
    scores: dict[str, int] = {}
    for pattern, kind, weight in _ORGANISATION_CLUES:
        if re.search(pattern, text):
            scores[kind] = scores.get(kind, 0) + weight
    if scores:
        best = max(scores.values())
        return next(k for k in scores if scores[k] == best)
    return _ROLE_ORGANISATION_KIND.get(interview.get("role") or "other", "une structure")


def _fold(text: str) -> str:
    """Lower case without accents, for matching and for telling names apart."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )


fold = _fold  # for other modules: a text folded as names are compared


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
# The joint of a compound word, no space around it (« Saint-Martin », « Blanc-Mesnil »).
_HYPHEN = re.compile(r"[\-‐‑]")

# Kinds of form: the full name; a surname alone; a first name or initials with the
# surname; a first name alone (or a one-word name).
_FULL, _SURNAME, _NAMED, _FIRST = "full", "surname", "named", "first"

#: What an ambiguous form becomes: a surname shared by a hidden person and a shown one,
#: or a form two hidden people of one visit share, takes nobody's label.
MASK = "[nom masqué]"
# A label or a mask already in a text: never scrubbed again (pseudonymisation is
# idempotent: « Usager·ère n°1 » never becomes « Usager·ère n°1·ère n°2 »).
ALREADY_HIDDEN = re.compile(
    "(?:" + "|".join(re.escape(v) for v in ROLE_LABELS.values()) + r") n°\d+|" + re.escape(MASK)
)
_ROLE_OF_LABEL = {v: k for k, v in ROLE_LABELS.items()}


def is_label(name: str | None) -> bool:
    """True when a stored name is already a pseudonym label (after retention)."""
    return bool(LABEL_PATTERN.match((name or "").strip()))


@dataclass(frozen=True)
class _Form:
    label: str | None  # None: a shown person's full name, kept as it is
    kind: str  # _FULL, _SURNAME, _NAMED or _FIRST
    own_words: frozenset[str]  # the person's own name words (keyed)


@dataclass
class _Table:
    forms: dict[str, _Form] = field(default_factory=dict)  # keyed form → form
    cores: set[str] = field(default_factory=set)  # keyed name words that are not particles


@functools.lru_cache(maxsize=65536)
def _name_forms(name: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The full key ("" for a one-word name) and the partial forms (key, kind) of a name.

    "Marie-Claire Le Goff": first name "Marie-Claire", surname "Le Goff".
    """
    words = name.split()
    full = _token_key(name)
    forms: list[tuple[str, str]] = []
    if len(words) < 2:
        # A one-word name is only ever a name alone, in the person's own visit.
        if _significant(name, minimum=2):
            forms.append((full, _FIRST))
        return "", tuple(forms)
    first, surname_words = words[0], words[1:]
    surnames: list[str] = []
    for start in range(len(surname_words)):
        tail = surname_words[start:]
        if all(_fold_word(w) in _PARTICLES for w in _WORD.findall(" ".join(tail))):
            continue
        if len(tail) == 1 and not _significant(tail[0]):
            continue
        surnames.append(_token_key(" ".join(tail)))
    # A hyphenated surname's parts are hidden with it (« Dupont » for « Dupont-Aignan »).
    for word in surname_words:
        parts = _WORD.findall(word)
        if len(parts) > 1:
            surnames += [_fold_word(p) for p in parts if _significant(p)]
    surnames = list(dict.fromkeys(surnames))
    parts = [p for p in _WORD.findall(first)]
    firsts = [_token_key(first)] + [_fold_word(p) for p in parts if len(parts) > 1]
    # « M. Dupont » is Monsieur Dupont, not Marie: a lone initial M is a title.
    initials = {_fold_word(p[0]) for p in parts[:1]} - _TITLES
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


def _significant(word: str, *, minimum: int = 3) -> bool:
    word = word.strip(".,;:'’\"()")
    return len(word) >= minimum and _fold(word) not in _PARTICLES


@dataclass(frozen=True)
class RetainedNames:
    """The name forms of people whose stored names retention replaced, kept hashed.

    Past the retention date the stored names are labels, yet free text may still hold a
    partial form (« Rose » in the visit's notes) that retention did not dare rewrite. The
    output gate keeps hiding them with this list: keyed BLAKE2 hashes of the folded forms
    (salted per data directory), their labels and their visit's id; no name in clear.
    """

    salt: bytes
    tables: dict[str, Any]

    def to_json(self) -> str:
        return json.dumps(
            {"salt": self.salt.hex(), **self.tables}, sort_keys=True, ensure_ascii=False
        )

    @classmethod
    def from_json(cls, text: str) -> RetainedNames:
        data = json.loads(text)
        salt = bytes.fromhex(data.pop("salt"))
        return cls(salt, data)

    @classmethod
    def new(cls) -> RetainedNames:
        return cls(os.urandom(16), {})


@dataclass
class Pseudonymiser:
    """Decides each interview's display name and scrubs hidden names from free text.

    ``hide_all``: every interviewee gets a pseudonym (an export without ``--with-names``,
    a mission past its retention date). ``salt``: forms are looked up by their keyed hash
    (when a :class:`RetainedNames` list is in use); None: by their folded text.
    """

    hide_all: bool = False
    salt: bytes | None = None
    hidden_keys: set[str] = field(default_factory=set)
    _labels: dict[tuple[str, str], str] = field(default_factory=dict)
    _counters: dict[str, int] = field(default_factory=dict)
    _full: _Table = field(default_factory=_Table)
    _by_visit: dict[str, _Table] = field(default_factory=dict)
    _starts: set[str] = field(default_factory=set)
    _prefixes: set[str] = field(default_factory=set)  # every leading run of words of a key
    _shown_surnames: set[str] = field(default_factory=set)
    _hashes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_interviews(
        cls,
        interviews: Iterable[dict[str, Any]],
        *,
        hide_all: bool = False,
        numbers_from: dict[str, int] | None = None,
        retained: RetainedNames | None = None,
    ) -> Pseudonymiser:
        """Interviews in output order: numbers are given in the order people appear.

        ``numbers_from``: the last number already used per role (labels stored elsewhere);
        labels already stored as names count too. ``retained``: the hashed name forms of
        people already pseudonymised by retention.
        """
        ordered = list(interviews)
        self = cls(hide_all=hide_all, salt=retained.salt if retained else None)
        self._counters.update(numbers_from or {})
        for iv in ordered:
            m = LABEL_PATTERN.match((iv.get("person_name") or "").strip())
            if m:
                role = _ROLE_OF_LABEL.get(m.group(1), "other")
                self._counters[role] = max(self._counters.get(role, 0), int(m.group(2)))
        if retained is not None:
            self._load(retained.tables)
        for iv in ordered:
            name = (iv.get("person_name") or "").strip()
            if name and not is_label(name) and (hide_all or must_pseudonymise(iv)):
                self.hidden_keys.add(_name_key(name))
        for iv in ordered:
            name = (iv.get("person_name") or "").strip()
            if not name or is_label(name):
                if self.is_hidden(iv):
                    self.label(iv)
                continue
            label = self.label(iv) if self.is_hidden(iv) else None
            self._add(name, label, str(iv.get("visit_id") or ""))
        self._settle_ambiguous()
        return self

    # -- building -------------------------------------------------------------------
    def _key(self, clear: str) -> str:
        if self.salt is None:
            return clear
        hashed = self._hashes.get(clear)
        if hashed is None:
            hashed = hashlib.blake2b(clear.encode(), key=self.salt, digest_size=12).hexdigest()
            self._hashes[clear] = hashed
        return hashed

    def _register(self, table: _Table, clear: str) -> str:
        parts = clear.split(" ")
        self._starts.add(self._key(parts[0]))
        self._prefixes.update(self._key(" ".join(parts[:m])) for m in range(1, len(parts) + 1))
        table.cores.update(self._key(w) for w in parts if w not in _PARTICLES)
        return self._key(clear)

    def _add(self, name: str, label: str | None, visit_id: str) -> None:
        full, forms = _name_forms(name)
        own = frozenset(self._key(w) for w in _token_key(name).split())
        if label is None:
            # A shown person's full name is kept whole, so that a hidden namesake's
            # surname inside it is not replaced ("Jean Dupont" when Marie Dupont hides).
            if full:
                self._full.forms.setdefault(
                    self._register(self._full, full), _Form(None, _FULL, own)
                )
            self._shown_surnames.update(self._key(k) for k, kind in forms if kind == _SURNAME)
            return
        if full:
            self._full.forms[self._register(self._full, full)] = _Form(label, _FULL, own)
        table = self._by_visit.setdefault(visit_id, _Table())
        for clear, kind in forms:
            key = self._register(table, clear)
            old = table.forms.get(key)
            if old is None:
                table.forms[key] = _Form(label, kind, own)
            elif old.label != label:
                # Two hidden people of one visit share this form: it names neither.
                table.forms[key] = _Form(MASK, old.kind, old.own_words | own)

    def remember(self, name: str, label: str, visit_id: str) -> None:
        """Add a hidden person known by name and label (a name another computer's
        retention replaced): their forms are found from now on."""
        self._add(name.strip(), label, visit_id)
        self._settle_ambiguous()

    def _settle_ambiguous(self) -> None:
        """A surname a shown person shares never takes a hidden person's label."""
        for table in self._by_visit.values():
            for key, form in list(table.forms.items()):
                if form.kind == _SURNAME and key in self._shown_surnames:
                    table.forms[key] = _Form(MASK, form.kind, form.own_words)

    def _load(self, tables: dict[str, Any]) -> None:
        owns = [frozenset(own) for own in tables.get("owns", ())]

        def read(data: dict[str, Any], table: _Table) -> None:
            for key, (label, kind, own) in data.get("forms", {}).items():
                table.forms.setdefault(key, _Form(label, kind, owns[own]))
            table.cores.update(data.get("cores", ()))

        read(tables.get("full", {}), self._full)
        for vid, data in tables.get("visits", {}).items():
            read(data, self._by_visit.setdefault(vid, _Table()))
        self._starts.update(tables.get("starts", ()))
        self._prefixes.update(tables.get("prefixes", ()))

    def retained(self) -> RetainedNames:
        """This pseudonymiser's hidden forms as a retained list (a salted one only)."""
        if self.salt is None:
            raise ValueError("only a salted pseudonymiser keeps its forms hashed")

        # Each person's own words once ("owns"), the forms pointing at them by index:
        # the list of a mission of 15,000 people stays a few megabytes.
        owns: dict[frozenset[str], int] = {}

        def dump(table: _Table) -> dict[str, Any]:
            forms = {
                k: [f.label, f.kind, owns.setdefault(f.own_words, len(owns))]
                for k, f in table.forms.items()
                if f.label is not None
            }
            return {"forms": forms, "cores": sorted(table.cores)}

        tables: dict[str, Any] = {
            "full": dump(self._full),
            "visits": {vid: dump(t) for vid, t in self._by_visit.items()},
            "starts": sorted(self._starts),
            "prefixes": sorted(self._prefixes),
        }
        tables["owns"] = [sorted(own) for own in owns]  # in index order (insertion)
        return RetainedNames(self.salt, tables)

    # -- deciding ---------------------------------------------------------------------
    def is_hidden(self, interview: dict[str, Any]) -> bool:
        name = interview.get("person_name") or ""
        if self.hide_all or must_pseudonymise(interview) or is_label(name):
            return True
        return _name_key(name) in self.hidden_keys

    def label(self, interview: dict[str, Any]) -> str:
        """« Usager·ère n°3 »: the same person (name and role) keeps one number; a label
        already stored (retention) is kept as it is."""
        stored = (interview.get("person_name") or "").strip()
        if is_label(stored):
            return stored
        role = interview.get("role") or "other"
        name = _name_key(stored)
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
        everywhere: bool = False,
    ) -> str:
        """Replace hidden names in ``text`` by their pseudonyms.

        ``visit_id`` (or ``interview``, whose visit it is): the text belongs to that
        visit (its notes, summary, captions, its interviews' notes and quotes), so the
        partial forms of the people hidden there apply. ``full_names_only``: a list of
        mission staff (visitors), where only a full name can be an interviewee.
        ``everywhere``: the partial forms of every visit apply (a log line, which is
        nobody's prose and may name anyone).
        """
        if not text or not self._starts:
            return text
        text = unicodedata.normalize("NFC", text)
        if interview is not None and visit_id is None:
            visit_id = str(interview.get("visit_id") or "")
        tables = [self._full]
        if everywhere:
            tables += self._by_visit.values()
        elif not full_names_only and visit_id is not None and visit_id in self._by_visit:
            tables.append(self._by_visit[visit_id])
        words = list(_WORD.finditer(text))
        folded = [_fold_word(m.group(0)) for m in words]
        keyed = folded if self.salt is None else [self._key(f) for f in folded]
        # Most texts name nobody: one set intersection (in C) decides it.
        present = set(keyed)
        if all(present.isdisjoint(t.cores) for t in tables):
            return text
        protected = _protected_words(text, words)
        out: list[str] = []
        last = 0
        i = 0
        while i < len(words):
            if keyed[i] not in self._starts or i in protected:  # most words start no name
                i += 1
                continue
            # Grow the run of words while it is still the start of some name (one set
            # lookup per word), then try the matches longest first.
            candidates: list[tuple[int, _Form]] = []
            clear, key, n = folded[i], keyed[i], 1
            while True:
                form = next((t.forms[key] for t in tables if key in t.forms), None)
                if form is not None:
                    candidates.append((n, form))
                if (
                    i + n >= len(words)
                    or (i + n) in protected
                    or not self._joined(text, words, i + n - 1, 2)
                ):
                    break
                clear = f"{clear} {folded[i + n]}"
                key = self._key(clear)
                if key not in self._prefixes:
                    break
                n += 1
            found: tuple[int, _Form] | None = next(
                (
                    (n, form)
                    for n, form in reversed(candidates)
                    if self._accept(text, words, folded, keyed, i, n, form)
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
        keyed: list[str],
        i: int,
        n: int,
        form: _Form,
    ) -> bool:
        end = i + n

        def gap(j: int) -> str:  # what stands between word j - 1 and word j
            return text[words[j - 1].end() : words[j].start()]

        def capital(j: int) -> bool:
            return words[j].group(0)[:1].isupper()

        if form.label is None:
            return True  # a shown person's full name, kept whole
        # Inside a compound (« Saint-Martin », « Le Blanc-Mesnil »): a place or someone else.
        if i > 0 and _HYPHEN.fullmatch(gap(i)):
            return False
        if end < len(words) and _HYPHEN.fullmatch(gap(end)):
            return False
        cores = [j for j in range(i, end) if folded[j] not in _PARTICLES] or [i]
        if form.kind == _FULL:
            # In lower case, a two-word name after a determiner is a phrase: « la pierre
            # rose » is not Pierre Rose, « lea roux » still is Léa Roux.
            if all(capital(j) for j in cores) or n >= 3 or i == 0:
                return True
            return folded[i - 1] not in _DETERMINERS
        # Partial forms: written as a name (a capital on its first non-particle word).
        if not capital(cores[0]):
            return False
        if form.kind == _SURNAME:
            # Right after another capitalised first name, particles between or not:
            # someone else's full name (« Jérôme Dupont », « Jean de La Fontaine »).
            j = i - 1
            while j > 0 and folded[j] in _PARTICLES and _JOIN.fullmatch(gap(j + 1) or "x"):
                j -= 1
            if j >= 0 and _JOIN.fullmatch(gap(j + 1) or "x"):
                before = folded[j]
                if (
                    capital(j)
                    and before not in _TITLES
                    and before not in _SENTENCE_WORDS
                    and before not in _PARTICLES
                    and keyed[j] not in form.own_words
                ):
                    return False
        if form.kind == _FIRST and end < len(words) and _JOIN.fullmatch(gap(end) or "x"):
            # Right before another capitalised surname: someone else of that first name.
            after = folded[end]
            if capital(end) and keyed[end] not in form.own_words and after not in _SENTENCE_WORDS:
                return False
            # « Jean de La Fontaine »: a lower-case particle, then a name: someone else.
            j = end
            while j < len(words) and folded[j] in _PARTICLES and not capital(j):
                if not _JOIN.fullmatch(gap(j) or "x"):
                    break
                j += 1
            if j > end and j < len(words) and capital(j) and _JOIN.fullmatch(gap(j) or "x"):
                return False
        return True


def _protected_words(text: str, words: list[re.Match[str]]) -> set[int]:
    """Indexes of the words inside a label or a mask already in the text."""
    spans = [m.span() for m in ALREADY_HIDDEN.finditer(text)]
    if not spans:
        return set()
    return {i for i, w in enumerate(words) if any(a <= w.start() < b for a, b in spans)}


__all__ = [
    "ALREADY_HIDDEN",
    "MASK",
    "ORGANISATION_KINDS",
    "RETENTION_KEY",
    "RetainedNames",
    "fold",
    "is_label",
    "ROLE_LABELS",
    "Pseudonymiser",
    "may_show_name",
    "must_pseudonymise",
    "names_expired",
    "organisation_type",
]
