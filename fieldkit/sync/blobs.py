"""Photo originals on the local disk, as sync sees them.

The content-addressed layout (``blobs/ab/abcdef…``, named by sha256) is the one photo
import uses (DESIGN §4). A blob known from sync but not downloaded yet has a ``blobs``
row with ``present = 0``; :func:`ensure_blob` fetches it from the server on first use.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from fieldkit import encryption
from fieldkit.errors import FieldKitError
from fieldkit.paths import Home

CHUNK = 1024 * 1024


class SyncError(FieldKitError):
    """Sync could not complete (server unreachable, refused, or an unexpected answer)."""

    code = "sync"


class SyncCancelled(SyncError):
    code = "sync_cancelled"


class NotLoggedIn(SyncError):
    code = "not_logged_in"


# Matched whole (fullmatch): "$" would let a trailing newline through.
SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def check_hash(sha256: str) -> str:
    """A blob's name as a path may use it: exactly 64 lowercase hex characters (a pulled
    hash is the server's word, and ``../`` in it would leave the blobs folder)."""
    if not isinstance(sha256, str) or not SHA256_HEX.fullmatch(sha256):
        raise SyncError(
            f"The server named a photo file {str(sha256)[:80]!r}, which is not a sha256 "
            "(64 lowercase hex characters); nothing was written for it.",
            code="bad_blob_hash",
        )
    return sha256


def blob_file(home: Home, sha256: str) -> Path:
    check_hash(sha256)
    return home.blobs_dir / sha256[:2] / sha256


def partial_file(home: Home, sha256: str) -> Path:
    """Where a download in progress grows; a resumed download continues it (HTTP Range)."""
    check_hash(sha256)
    return home.blobs_dir / sha256[:2] / f"{sha256}.part"


def file_sha256(home: Home, path: Path) -> str:
    """The sha256 of a photo file's plaintext (decrypted if the directory is encrypted)."""
    digest = hashlib.sha256()
    with encryption.open_read(home, path) as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def ensure_blob(store: Any, sha256: str, **client_options: Any) -> Path:
    """The original of a photo, downloaded from the server first if it is not here yet.

    For the GUI and reports: call it when a photo is first displayed and its file is
    missing (``blobs.present = 0``). Raises :class:`NotLoggedIn` without a server login
    and :class:`SyncError` if the server cannot be reached.
    """
    if store.home is None:
        raise SyncError("This store has no data directory to keep photos in.", code="no_home")
    path = blob_file(store.home, sha256)
    if path.is_file():
        return path
    from fieldkit.sync.client import SyncClient

    with SyncClient.from_settings(store, **client_options) as client:
        return client.fetch_blob(sha256)
