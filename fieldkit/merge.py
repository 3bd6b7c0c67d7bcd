"""Three-way merge of a text field, as a sync conflict would be merged by a careful person.

Used when an editor holds unsaved typing and the stored record changed underneath it (a
sync, a conflict resolved, another program): ``merge_text(base, mine, theirs)`` keeps
both sides' edits when they touch different parts of the text, and returns ``None`` when
they overlap (then a person decides; nothing is thrown away).

The texts are cut into words and the spaces between them, so two people editing two
sentences of the same paragraph still merge, and the diff stays fast on long notes.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def _edits(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    """The changes from ``base`` to ``other``: (start, end, replacement) over base tokens."""
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [
        (i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def merge_text(base: str, mine: str, theirs: str) -> str | None:
    """Both sides' edits applied to ``base``, or None when they overlap.

    Identical edits on both sides count once; an insertion at the very place the other
    side changed something is an overlap (the order of the two would be a guess).
    """
    if mine == theirs:
        return mine
    if mine == base:
        return theirs
    if theirs == base:
        return mine
    b = _tokens(base)
    ours, others = _edits(b, _tokens(mine)), _edits(b, _tokens(theirs))
    edits = sorted(
        [(s, e, r, 0) for s, e, r in ours] + [(s, e, r, 1) for s, e, r in others],
        key=lambda x: (x[0], x[1], x[3]),
    )
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, repl, _side in edits:
        if merged:
            p_start, p_end, p_repl = merged[-1]
            if (start, end, repl) == (p_start, p_end, p_repl):
                continue  # the same edit made on both sides
            # Overlapping ranges, or two insertions at one point (their order is a guess).
            if start < p_end or start == end == p_start == p_end:
                return None
        merged.append((start, end, repl))
    out: list[str] = []
    pos = 0
    for start, end, repl in merged:
        out.extend(b[pos:start])
        out.extend(repl)
        pos = end
    out.extend(b[pos:])
    return "".join(out)


def merge_value(base: Any, mine: Any, theirs: Any, *, text: bool = False) -> tuple[bool, Any]:
    """Merge one field of any type: ``(True, value)`` when it merges, else ``(False, mine)``.

    Free text (``text=True``: notes, summaries…) merges with :func:`merge_text`; other
    values (a date, a status, a code) merge only when one side kept the base or both agree.
    """
    if mine == theirs or theirs == base:
        return True, mine
    if mine == base:
        return True, theirs
    if text and isinstance(base, str | None) and isinstance(mine, str) and isinstance(theirs, str):
        merged = merge_text(base or "", mine, theirs)
        if merged is not None:
            return True, merged
    return False, mine
