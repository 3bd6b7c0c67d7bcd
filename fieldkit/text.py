"""Small text helpers for the command line's English output."""

from __future__ import annotations


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``count(1, "page")`` → "1 page", ``count(3, "page")`` → "3 pages" (no "page(s)")."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
