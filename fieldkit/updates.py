"""Comparing FieldKit versions: is this app older than what the mission recommends?

The server only announces (``GET /api/v1/info``: recommended_client_version, update_url);
the app shows a banner with the link. Nothing is downloaded or installed by itself.

Versions are read as Python packages number them (PEP 440, ``packaging.version``), as
pyproject.toml and the wheels do: ``0.2.0rc1`` is older than ``0.2.0``, newer than
``0.2.0b2``, and ``0.1`` equals ``0.1.0``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from packaging.version import InvalidVersion, Version

from fieldkit import __version__


def parse_version(text: str) -> Version | None:
    """``"0.2.10"``, ``"0.2.0rc1"`` → a comparable Version; anything else → None."""
    try:
        return Version(str(text).strip())
    except InvalidVersion:
        return None


def is_older(recommended: str, current: str = __version__) -> bool:
    """True when ``current`` is older than ``recommended``; False when either is not a
    version number (never nag on something unreadable)."""
    wanted, have = parse_version(recommended), parse_version(current)
    if wanted is None or have is None:
        return False
    return have < wanted


@dataclass(frozen=True)
class UpdateNotice:
    current: str
    recommended: str
    url: str | None


def notice_from_info(info: dict[str, Any], current: str = __version__) -> UpdateNotice | None:
    """The banner to show for a server's /info answer, or None (up to date, or not set)."""
    wanted = info.get("recommended_client_version")
    if not isinstance(wanted, str) or not is_older(wanted, current):
        return None
    url = info.get("update_url")
    return UpdateNotice(current, wanted, url if isinstance(url, str) and url else None)
