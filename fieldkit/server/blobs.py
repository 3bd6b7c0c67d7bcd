"""Content-addressed blob store of the server, with resumable (tus-style) uploads.

A complete blob lives at ``blobs/ab/abcdef…`` (named by its sha256) and has a row in the
``blobs`` table. An upload in progress is ``uploads/<sha256>.part`` plus a row in
``uploads`` holding its declared length and the offset received so far; the row is
updated after the bytes are written, so after a crash the file may be longer than the
offset (it is cut back) but never shorter.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, select, update

from fieldkit.server import db
from fieldkit.server.errors import ApiError
from fieldkit.store.store import iso

SHA256 = re.compile(r"^[0-9a-f]{64}$")
Clock = Callable[[], dt.datetime]


def check_hash(sha256: str) -> str:
    if not SHA256.match(sha256):
        raise ApiError(
            400, "bad_hash", f"{sha256[:80]!r} is not a sha256 (64 lowercase hex characters)."
        )
    return sha256


def hash_mismatch(sha256: str, actual: str) -> ApiError:
    return ApiError(
        422,
        "hash_mismatch",
        f"The bytes received hash to {actual}, not {sha256}; the upload was discarded.",
        details={"expected": sha256, "actual": actual},
    )


@dataclass(frozen=True)
class UploadState:
    state: str  # absent, partial, complete
    offset: int
    length: int | None


class BlobStore:
    def __init__(self, database: db.Database, root: Path, clock: Clock) -> None:
        self.db = database
        self.clock = clock
        self.blobs_dir = root / "blobs"
        self.uploads_dir = root / "uploads"
        self.blobs_dir.mkdir(parents=True, exist_ok=True)
        self.uploads_dir.mkdir(parents=True, exist_ok=True)
        self._locks: dict[str, asyncio.Lock] = {}
        # Running hashes of uploads in progress (sha256 → (hasher, bytes hashed)), so that
        # finishing an upload needn't read the file again when it came in order.
        self._hashers: dict[str, tuple[hashlib._Hash, int]] = {}

    # -- paths -----------------------------------------------------------------------
    def path(self, sha256: str) -> Path:
        return self.blobs_dir / sha256[:2] / sha256

    def part_path(self, sha256: str) -> Path:
        return self.uploads_dir / f"{sha256}.part"

    def lock(self, sha256: str) -> asyncio.Lock:
        return self._locks.setdefault(sha256, asyncio.Lock())

    # -- queries ---------------------------------------------------------------------
    def size(self, sha256: str) -> int | None:
        """Size of a complete blob, or None."""
        with self.db.read() as conn:
            size = conn.execute(select(db.blobs.c.size).where(db.blobs.c.sha256 == sha256)).scalar()
        if size is None or not self.path(sha256).is_file():
            return None
        return int(size)

    def missing(self, hashes: list[str]) -> list[str]:
        wanted = list(dict.fromkeys(hashes))
        held: set[str] = set()
        with self.db.read() as conn:
            for start in range(0, len(wanted), 500):
                batch = wanted[start : start + 500]
                held.update(
                    conn.execute(
                        select(db.blobs.c.sha256).where(db.blobs.c.sha256.in_(batch))
                    ).scalars()
                )
        return [h for h in wanted if h not in held or not self.path(h).is_file()]

    def upload_state(self, sha256: str) -> UploadState:
        size = self.size(sha256)
        if size is not None:
            return UploadState("complete", size, size)
        with self.db.read() as conn:
            row = conn.execute(select(db.uploads).where(db.uploads.c.sha256 == sha256)).first()
        if row is None:
            return UploadState("absent", 0, None)
        part = self.part_path(sha256)
        on_disk = part.stat().st_size if part.exists() else 0
        return UploadState("partial", min(int(row.offset), on_disk), int(row.length))

    # -- resumable upload steps (called under lock(sha256)) ---------------------------
    def start(self, sha256: str, length: int, user: str) -> None:
        """(Re)start an upload from offset 0 with its declared length."""
        now = iso(self.clock())
        self._hashers.pop(sha256, None)
        self.part_path(sha256).write_bytes(b"")
        with self.db.write() as conn:
            conn.execute(delete(db.uploads).where(db.uploads.c.sha256 == sha256))
            conn.execute(
                insert(db.uploads).values(
                    sha256=sha256,
                    length=length,
                    offset=0,
                    user_name=user,
                    created_at=now,
                    updated_at=now,
                )
            )

    def running_hash(self, sha256: str, offset: int) -> hashlib._Hash | None:
        """The running hash of the upload if it covers exactly ``offset`` bytes."""
        if offset == 0:
            hasher = hashlib.sha256()
            self._hashers[sha256] = (hasher, 0)
            return hasher
        cached = self._hashers.get(sha256)
        if cached is None or cached[1] != offset:
            self._hashers.pop(sha256, None)
            return None
        return cached[0]

    def set_offset(self, sha256: str, offset: int, hasher: hashlib._Hash | None) -> None:
        if hasher is not None:
            self._hashers[sha256] = (hasher, offset)
        with self.db.write() as conn:
            conn.execute(
                update(db.uploads)
                .where(db.uploads.c.sha256 == sha256)
                .values(offset=offset, updated_at=iso(self.clock()))
            )

    def forget_hash(self, sha256: str) -> None:
        self._hashers.pop(sha256, None)

    def finish(self, sha256: str, user: str) -> None:
        """The last byte arrived: check the hash, then store the blob or discard the upload."""
        part = self.part_path(sha256)
        cached = self._hashers.pop(sha256, None)
        if cached is not None and cached[1] == part.stat().st_size:
            actual = cached[0].hexdigest()
        else:
            actual = file_sha256(part)
        if actual != sha256:
            part.unlink(missing_ok=True)
            with self.db.write() as conn:
                conn.execute(delete(db.uploads).where(db.uploads.c.sha256 == sha256))
            raise hash_mismatch(sha256, actual)
        self._store(part, sha256, user)
        with self.db.write() as conn:
            conn.execute(delete(db.uploads).where(db.uploads.c.sha256 == sha256))

    # -- whole-body upload -----------------------------------------------------------
    def temp_path(self) -> Path:
        return self.uploads_dir / f"put-{uuid.uuid4().hex}.tmp"

    def store_verified(self, temp: Path, sha256: str, user: str) -> bool:
        """Move a file whose hash was checked into place; False if already held."""
        if self.size(sha256) is not None:
            temp.unlink(missing_ok=True)
            return False
        self._store(temp, sha256, user)
        return True

    def _store(self, source: Path, sha256: str, user: str) -> None:
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        size = source.stat().st_size
        os.replace(source, target)
        with self.db.write() as conn:
            if conn.execute(select(db.blobs.c.sha256).where(db.blobs.c.sha256 == sha256)).first():
                return
            conn.execute(
                insert(db.blobs).values(
                    sha256=sha256, size=size, uploaded_by=user, created_at=iso(self.clock())
                )
            )


def file_sha256(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            hasher.update(chunk)
    return hasher.hexdigest()
