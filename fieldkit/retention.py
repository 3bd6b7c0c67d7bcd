"""Retention of interviewees' names (docs/privacy.md): it destroys nothing.

The mission's retention date is a setting of the data directory
(``fieldkit retention YYYY-MM-DD``; :data:`fieldkit.privacy.RETENTION_KEY`). From that day:

- every output (reports, exports, listings) pseudonymises everybody, consent or not
  (:func:`fieldkit.privacy.names_expired`, through :mod:`fieldkit.gate`);
- :func:`apply_if_due` (run by ``fieldkit sync`` and ``fieldkit retention``) rewrites the
  stored names, and only what it is sure of:

  - the **name fields**: each interview's ``person_name`` becomes its label, and its
    ``organisation`` its kind when the organisation carries the person's name
    (« Lemoine Conseil » for Paul Lemoine);
  - in free text (interview notes and quotes, visit notes and summary, photo captions,
    place descriptions), the **exact full names** as they are stored, whole words, when
    only one person has that name; nothing else. A surname alone, a first name, a lower-
    case or misspelt form stay as written: the output gate hides them at output time
    with the **retained list**, each person's name forms kept as salted hashes
    (:data:`fieldkit.gate.RETAINED_KEY`), so no name stays in clear and no phrase is
    damaged (« la rose trémière », « Saint-Martin »);
  - never the visit's staff (``visitors``) nor a place's directory fields (name,
    address, contact, website).

  These are ordinary edits, so the next sync carries them to the server and from there
  to every other computer's copy. Applying twice changes nothing the second time.

:func:`plan` computes the same changes without writing: ``fieldkit retention DATE
--dry-run`` shows them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fieldkit.gate import OutputGate, retained_names, save_retained
from fieldkit.privacy import (
    RETENTION_KEY,
    Pseudonymiser,
    RetainedNames,
    fold,
    is_label,
    names_expired,
    organisation_type,
)
from fieldkit.store import Store

# Free-text fields where exact full names are replaced; nothing else is rewritten.
FREE_TEXT = {
    "interview": ("notes", "quotes"),
    "visit": ("notes", "summary"),
    "photo": ("caption",),
    "place": ("description",),
}
_TABLES = {"interview": "interviews", "visit": "visits", "photo": "photos", "place": "places"}
SAMPLE_CHARS = 80


@dataclass(frozen=True)
class Change:
    kind: str
    id: str
    field: str
    before: str
    after: str
    visit_id: str | None = None  # the visit the text belongs to (None: a place's)

    def sample(self, gate: OutputGate) -> str:
        """The changed text around its first change, as it will read after and as an
        output prints it (what retention leaves, the gate hides)."""
        if self.field in ("person_name", "organisation"):
            return self.after
        start = next(
            (i for i, (a, b) in enumerate(zip(self.before, self.after, strict=False)) if a != b),
            0,
        )
        lead = gate.text(self.after[:start], visit_id=self.visit_id)
        whole = gate.text(self.after, visit_id=self.visit_id)
        first = max(0, len(lead) - SAMPLE_CHARS // 2)
        text = whole[first : first + SAMPLE_CHARS].replace("\n", " ")
        more = first + SAMPLE_CHARS < len(whole)
        return ("…" if first else "") + text + ("…" if more else "")


@dataclass
class RetentionPlan:
    """What retention will change, field by field; nothing is written until applied."""

    changes: list[Change] = field(default_factory=list)
    retained: RetainedNames | None = None
    people: int = 0  # interviews whose name becomes a label

    def counts(self) -> dict[tuple[str, str], int]:
        return dict(Counter((c.kind, c.field) for c in self.changes))


def get_date(store: Store) -> str | None:
    value = store.get_setting(RETENTION_KEY)
    return str(value) if value else None


def set_date(store: Store, until: str | None) -> None:
    if until is None:
        with store.transaction():
            store.conn.execute("DELETE FROM settings WHERE key = ?", (RETENTION_KEY,))
        return
    store.set_setting(RETENTION_KEY, until)


def plan(store: Store) -> RetentionPlan:
    """The changes retention makes (whatever the date): see the module's docstring."""
    rows = _live(store, "interview")
    named = [r for r in rows if (r["person_name"] or "").strip() and not is_label(r["person_name"])]
    result = RetentionPlan(people=len(named))
    if not named:
        return result
    names = Pseudonymiser.for_interviews(
        rows, hide_all=True, retained=retained_names(store) or RetainedNames.new()
    )
    result.retained = names.retained()
    for r in named:
        label = names.label(r)
        result.changes.append(Change("interview", r["id"], "person_name", r["person_name"], label))
        if _carries_name(r["organisation"] or "", r["person_name"]):
            result.changes.append(
                Change(
                    "interview", r["id"], "organisation", r["organisation"], organisation_type(r)
                )
            )
    exact = _exact_full_names(named, names)
    if exact is None:
        return result
    for kind, fields in FREE_TEXT.items():
        for record in _live(store, kind):
            for f in fields:
                before = record[f] or ""
                after = exact[0].sub(lambda m: exact[1][_spaced(m.group(0))], before)
                if after != before:
                    visit_id = record["id"] if kind == "visit" else record.get("visit_id")
                    result.changes.append(Change(kind, record["id"], f, before, after, visit_id))
    return result


def apply(store: Store, retention: RetentionPlan) -> int:
    """Write a plan (one transaction); returns the interviews renamed."""
    if retention.retained is None:
        return 0
    by_record: dict[tuple[str, str], dict[str, Any]] = {}
    for c in retention.changes:
        by_record.setdefault((c.kind, c.id), {})[c.field] = c.after
    with store.transaction():
        # The hashed forms first: from now on outputs hide what the edits leave.
        save_retained(store, retention.retained)
        for (kind, rid), changes in by_record.items():
            store.update(kind, rid, changes)
    return retention.people


def apply_if_due(store: Store) -> int:
    """Past the date, replace stored names by pseudonyms; returns the interviews renamed."""
    if not names_expired(store):
        return 0
    return apply(store, plan(store))


def remember_renamed(store: Store, renamed: list[tuple[dict[str, Any], Any]]) -> int:
    """Pulled edits that replaced a stored name by a label (another computer applied
    retention): the old name's forms join this computer's retained list, hashed, under
    that label. Returns how many people were remembered."""
    people = [
        (row, str(label))
        for row, label in renamed
        if is_label(str(label or ""))
        and (row.get("person_name") or "").strip()
        and not is_label(row["person_name"])
    ]
    if not people:
        return 0
    names = Pseudonymiser.for_interviews(
        [], hide_all=True, retained=retained_names(store) or RetainedNames.new()
    )
    for row, label in people:
        names.remember(row["person_name"], label, str(row.get("visit_id") or ""))
    save_retained(store, names.retained())
    return len(people)


def _live(store: Store, kind: str) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.conn.execute(
            f"SELECT * FROM {_TABLES[kind]} WHERE deleted = 0 ORDER BY created_at, id"
        )
    ]


def _carries_name(organisation: str, name: str) -> bool:
    """True when an organisation's name holds one of the person's name words."""
    words = {w for w in re.findall(r"\w+", fold(name)) if len(w) >= 3}
    return bool(words & set(re.findall(r"\w+", fold(organisation))))


def _spaced(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _exact_full_names(
    named: list[dict[str, Any]], names: Pseudonymiser
) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One pattern of every full name as stored (case and accents exact, whole words, not
    inside a compound) that only one label has; None when there is none."""
    labels: dict[str, set[str]] = {}
    for r in named:
        full = _spaced(r["person_name"])
        if len(full.split()) >= 2:
            labels.setdefault(full, set()).add(names.label(r))
    unique = {full: next(iter(ls)) for full, ls in labels.items() if len(ls) == 1}
    if not unique:
        return None
    alternatives = "|".join(
        r"\s+".join(re.escape(w) for w in full.split())
        for full in sorted(unique, key=len, reverse=True)
    )
    pattern = re.compile(rf"(?<![\w\-‐‑])(?:{alternatives})(?![\w\-‐‑])")
    return pattern, unique
