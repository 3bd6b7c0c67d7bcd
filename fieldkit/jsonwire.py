"""JSON for the sync wire and the server's stored texts: orjson where it can, the standard
library where orjson cannot (an integer past 64 bits, a lone surrogate).

orjson encodes and decodes several times faster than ``json``; JSON work was a third of
a first sync's CPU (bench sync). Its text is compact (no spaces) and, with
``sort_keys``, ordered as ``json.dumps(..., sort_keys=True)``: the same values either way.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_SORTED = orjson.OPT_SORT_KEYS


class Raw:
    """JSON text to put as is where a value goes in :func:`dumps_bytes`' output (a stored
    record's fields: no decoding and encoding them again)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _fragment(value: Any) -> Any:
    if isinstance(value, Raw):
        return orjson.Fragment(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON")


def dumps_bytes(value: Any, *, sort_keys: bool = False) -> bytes:
    """``value`` as UTF-8 JSON bytes (:class:`Raw` texts spliced in)."""
    try:
        return orjson.dumps(value, default=_fragment, option=_SORTED if sort_keys else 0)
    except TypeError:
        # Past orjson: an int beyond 64 bits, a str holding a lone surrogate, a non-str key.
        # ASCII escapes: a lone surrogate travels escaped and the peer decides.
        return json.dumps(_thaw(value), sort_keys=sort_keys).encode("ascii")


def _thaw(value: Any) -> Any:
    """``value`` with its :class:`Raw` texts decoded, for the standard library."""
    if isinstance(value, Raw):
        return json.loads(value.text)
    if isinstance(value, dict):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_thaw(v) for v in value]
    return value


def dumps(value: Any, *, sort_keys: bool = False) -> str:
    """``value`` as JSON text (non-ASCII characters kept as they are)."""
    try:
        return orjson.dumps(value, option=_SORTED if sort_keys else 0).decode("utf-8")
    except TypeError:
        return json.dumps(value, ensure_ascii=False, sort_keys=sort_keys)


def loads(text: str | bytes) -> Any:
    """Parse JSON text; what orjson refuses (NaN, huge numbers…) goes to ``json``, which
    raises its usual ``ValueError`` for what is not JSON at all."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
