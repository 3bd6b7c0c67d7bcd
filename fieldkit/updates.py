"""Comparing FieldKit versions: is this app older than what the mission recommends?

The server only announces (``GET /api/v1/info``: recommended_client_version, update_url);
the app shows a banner with the link. Nothing is downloaded or installed by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldkit import __version__


def parse_version(text: str) -> tuple[int, ...] | None:
    """``"0.2.10"`` → ``(0, 2, 10)``; anything else (letters, empty parts) → None."""
    parts = str(text).strip().split(".")
    if not parts or len(parts) > 4 or not all(p.isdigit() for p in parts):
        return None
    return tuple(int(p) for p in parts)


def is_older(recommended: str, current: str = __version__) -> bool:
    """True when ``current`` is older than ``recommended`` (0.1 == 0.1.0); False when
    either is not a plain version number (never nag on something unreadable)."""
    wanted, have = parse_version(recommended), parse_version(current)
    if wanted is None or have is None:
        return False
    width = max(len(wanted), len(have))
    return have + (0,) * (width - len(have)) < wanted + (0,) * (width - len(wanted))


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
