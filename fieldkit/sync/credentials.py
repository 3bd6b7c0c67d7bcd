"""Where the device token lives between runs.

The token goes to the system keyring (``keyring``) when a backend works; on a machine
without one (headless CI, minimal Linux) it falls back to a file only its owner can
read (mode 0600) in the data directory's config folder. The keyring's "fail" backend
raises on every call, which is how the fallback is chosen.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import keyring
import keyring.errors

from fieldkit.paths import Home

SERVICE = "FieldKit"
TOKEN_FILE = "sync-token.json"


def _account(home: Home, server_url: str, user: str) -> str:
    # Several missions (data directories) may share a laptop and a server account.
    return f"{user}@{server_url.rstrip('/')} [{home.root}]"


def token_file(home: Home) -> Path:
    return home.config_dir / TOKEN_FILE


def save_token(home: Home, server_url: str, user: str, token: str) -> str:
    """Keep the token; returns where it went: ``"keyring"`` or the fallback file's path."""
    try:
        keyring.set_password(SERVICE, _account(home, server_url, user), token)
    except Exception:  # noqa: BLE001 - any backend failure means "no usable keyring"
        _write_file(home, {"server_url": server_url, "user": user, "token": token})
        return str(token_file(home))
    # A token saved earlier to the file must not outlive the one in the keyring.
    token_file(home).unlink(missing_ok=True)
    return "keyring"


def load_token(home: Home, server_url: str, user: str) -> str | None:
    try:
        token = keyring.get_password(SERVICE, _account(home, server_url, user))
    except Exception:  # noqa: BLE001
        token = None
    if token:
        return token
    data = _read_file(home)
    if data and data.get("server_url") == server_url and data.get("user") == user:
        return str(data.get("token") or "") or None
    return None


def forget_token(home: Home, server_url: str, user: str) -> None:
    with contextlib.suppress(Exception):
        keyring.delete_password(SERVICE, _account(home, server_url, user))
    token_file(home).unlink(missing_ok=True)


def _write_file(home: Home, data: dict[str, str]) -> None:
    path = token_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    # Created 0600 from the start: the token is never readable by others, not even briefly.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def _read_file(home: Home) -> dict[str, str] | None:
    path = token_file(home)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
