"""The output gate: every text FieldKit lets out passes here (docs/privacy.md).

Reports, exports, CLI listings and search, logs and the diagnostic report do not apply
the consent rule each in its own way: they ask an :class:`OutputGate`, made once per
output from the store. It knows who is hidden (:mod:`fieldkit.privacy`), the labels, the
kind of a hidden person's organisation, and, past the retention date, the hashed name
forms that retention kept (:data:`RETAINED_KEY`), so a partial name it did not dare
rewrite in a stored note is still hidden on the way out.

Record-bound texts go through :meth:`OutputGate.record` or :meth:`OutputGate.text` with
their visit (where a hidden person's partial forms apply); any other outgoing text
(a CLI line, a log line, the diagnostic report) through :meth:`OutputGate.line`, which
hides full names. The CLI routes everything its commands print through ``line`` as well
(:func:`fieldkit.cli_support.gated_output`), so a command added later cannot forget it.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from fieldkit.privacy import (
    ALREADY_HIDDEN,
    Pseudonymiser,
    RetainedNames,
    fold,
    names_expired,
    organisation_type,
)

#: Settings key of the hashed name forms retention keeps (fieldkit.retention).
RETAINED_KEY = "retained_name_forms"

_HYPHEN = re.compile(r"[\-‐‑]")

# Words of a search snippet either side of its first match (as FTS5's snippet()).
SNIPPET_WORDS = 10


def retained_names(store: Any) -> RetainedNames | None:
    text = store.get_setting(RETAINED_KEY)
    return RetainedNames.from_json(str(text)) if text else None


def save_retained(store: Any, retained: RetainedNames) -> None:
    store.set_setting(RETAINED_KEY, retained.to_json())


def forget_labels(store: Any, labels: Iterable[str]) -> int:
    """Drop the retained name forms of these labels when no live interview bears them any
    more (their interviews were erased); returns how many forms went."""
    retained = retained_names(store)
    wanted = set(labels)
    if retained is None or not wanted:
        return 0
    still = {
        r[0]
        for r in store.conn.execute("SELECT DISTINCT person_name FROM interviews WHERE deleted = 0")
    }
    gone = wanted - still
    removed = 0
    tables = [retained.tables.get("full", {}), *retained.tables.get("visits", {}).values()]
    for table in tables:
        forms = table.get("forms", {})
        for key in [k for k, (label, _, _) in forms.items() if label in gone]:
            del forms[key]
            removed += 1
    if removed:
        save_retained(store, retained)
    return removed


def live_interviews(store: Any) -> list[dict[str, Any]]:
    """Every live interview, oldest first: the order labels are numbered in."""
    return [
        dict(r)
        for r in store.conn.execute(
            "SELECT id, visit_id, person_name, role, consent, pseudonymise, organisation "
            "FROM interviews WHERE deleted = 0 ORDER BY created_at, id"
        )
    ]


@dataclass
class OutputGate:
    """What an output may print, for one store at one moment."""

    names: Pseudonymiser
    with_names: bool = True

    @classmethod
    def for_store(
        cls,
        store: Any,
        *,
        with_names: bool = True,
        interviews: Iterable[dict[str, Any]] | None = None,
    ) -> OutputGate:
        """``with_names``: consenting people may be named (never the others, never past
        the retention date). ``interviews``: those of the output, in its order (labels
        are numbered in it); default every live interview."""
        people = live_interviews(store) if interviews is None else list(interviews)
        hide_all = not with_names or names_expired(store)
        names = Pseudonymiser.for_interviews(
            people, hide_all=hide_all, retained=retained_names(store)
        )
        gate = cls(names, with_names)
        set_current(gate)
        return gate

    # -- texts ------------------------------------------------------------------------
    def text(
        self,
        text: str | None,
        *,
        visit_id: str | None = None,
        interview: dict[str, Any] | None = None,
        staff: bool = False,
    ) -> str:
        """A record's free text: ``visit_id``/``interview`` say whose visit it belongs to
        (a hidden person's partial forms apply there); ``staff``: the visitors list."""
        return self.names.scrub(
            text or "", visit_id=visit_id, interview=interview, full_names_only=staff
        )

    def line(self, text: str) -> str:
        """Any outgoing text not tied to a visit: full names of hidden people go."""
        return self.names.scrub(text)

    def technical(self, text: str) -> str:
        """A log line or the diagnostic report: every hidden person's forms go, partial
        ones too, whatever visit they belong to (nobody reads these as prose)."""
        return self.names.scrub(text, everywhere=True)

    def person(self, interview: dict[str, Any]) -> str:
        return self.names.display_name(interview)

    def organisation(self, interview: dict[str, Any]) -> str:
        """A hidden person's organisation is printed as its kind (« une entreprise »)."""
        if self.names.is_hidden(interview):
            return organisation_type(interview) if interview.get("organisation") else ""
        return interview.get("organisation") or ""

    def record(self, kind: str, record: dict[str, Any]) -> dict[str, Any]:
        """A record as an output may show it (exports, listings)."""
        out = dict(record)
        if kind == "interview":
            if self.names.is_hidden(record):
                out["person_name"] = self.names.label(record)
                out["organisation"] = organisation_type(record)
            for f in ("notes", "quotes"):
                out[f] = self.text(record.get(f), interview=record)
        elif kind == "visit":
            for f in ("notes", "summary"):
                out[f] = self.text(record.get(f), visit_id=record["id"])
            out["visitors"] = self.text(record.get("visitors"), staff=True)
        elif kind == "photo":
            out["caption"] = self.text(record.get("caption"), visit_id=record["visit_id"])
        elif kind == "place":
            out["description"] = self.text(record.get("description"))
        return out

    # -- search -------------------------------------------------------------------------
    def search_hits(self, store: Any, hits: Sequence[Any], query: str) -> list[Any]:
        """Search hits as an output may print them.

        The title and the text are gated whole first, then the snippet is cut and the
        query's words put in [ ]: highlighting before would split a name (« [Rose]
        Martin ») so that nothing recognises it any more.
        """
        from fieldkit.store.search import SEARCHED_TABLES

        words = [fold(w) for w in query.split() if w.strip()]
        out = []
        for hit in hits:
            row = store.conn.execute(
                f"SELECT * FROM {SEARCHED_TABLES[hit.kind]} WHERE id = ?", (hit.id,)
            ).fetchone()
            if row is None:
                continue
            record = dict(row)
            if hit.kind == "interview":
                title = self.organisation(record)
                body = " ".join(
                    [
                        self.person(record),
                        self.text(record.get("notes"), interview=record),
                        self.text(record.get("quotes"), interview=record),
                    ]
                )
            elif hit.kind == "visit":
                title = self.text(record.get("summary"), visit_id=hit.id)
                body = " ".join(
                    [
                        self.text(record.get("notes"), visit_id=hit.id),
                        self.text(record.get("visitors"), staff=True),
                    ]
                )
            else:
                title = record["name"] or ""
                body = " ".join(
                    [
                        record.get("commune") or "",
                        record.get("address") or "",
                        self.text(record.get("description")),
                    ]
                )
            snippet = highlight(body, words) or highlight(title, words) or _cut(body, 0)
            out.append(replace(hit, title=title, snippet=snippet))
        return out


def highlight(text: str, words: Sequence[str]) -> str:
    """The part of ``text`` around its first word starting with one of ``words`` (folded),
    those words in [ ]; empty when none is there."""
    tokens = list(re.finditer(r"\w+", text))
    hits = [i for i, t in enumerate(tokens) if any(fold(t.group(0)).startswith(w) for w in words)]
    if not hits:
        return ""
    first = max(0, hits[0] - SNIPPET_WORDS // 2)
    # Never start inside a label (« …1 arrive » for « Usager·ère n°1 arrive »).
    for label in ALREADY_HIDDEN.finditer(text):
        if label.start() < tokens[first].start() < label.end():
            first = next(i for i, t in enumerate(tokens) if t.start() >= label.start())
    last = min(len(tokens), first + SNIPPET_WORDS)
    # Never cut a compound (« Blanc-Mesnil ») or a name in two.
    while first > 0 and _HYPHEN.fullmatch(text[tokens[first - 1].end() : tokens[first].start()]):
        first -= 1
    while last < len(tokens) and _HYPHEN.fullmatch(
        text[tokens[last - 1].end() : tokens[last].start()]
    ):
        last += 1
    marked = set(hits)
    parts: list[str] = []
    pos = tokens[first].start()
    for i in range(first, last):
        t = tokens[i]
        parts.append(text[pos : t.start()])
        parts.append(f"[{t.group(0)}]" if i in marked else t.group(0))
        pos = t.end()
    lead = "…" if first > 0 else ""
    tail = "…" if last < len(tokens) else ""
    return (lead + "".join(parts) + tail).strip()


def _cut(text: str, start: int) -> str:
    words = text.split()
    return " ".join(words[start : start + SNIPPET_WORDS]) + (
        "…" if len(words) > SNIPPET_WORDS else ""
    )


# -- the gate of texts that no output built (logs, the diagnostic report) -------------
_current: OutputGate | None = None
_current_lock = threading.Lock()


def set_current(gate: OutputGate | None) -> None:
    """The gate the logs and the diagnostic report use: the last one made."""
    global _current
    with _current_lock:
        _current = gate


def current() -> OutputGate | None:
    return _current


def gate_technical(text: str) -> str:
    """A log line or a report for support through the current gate (unchanged when no
    store was read yet)."""
    gate = _current
    return gate.technical(text) if gate is not None else text


class GatedLogFilter(logging.Filter):
    """Log lines pass the current gate: a message quoting a hidden person's full name
    is written with their label."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _current is None:
            return True
        message = record.getMessage()
        gated = gate_technical(unicodedata.normalize("NFC", message))
        if gated != unicodedata.normalize("NFC", message):
            record.msg, record.args = gated, ()
        return True
