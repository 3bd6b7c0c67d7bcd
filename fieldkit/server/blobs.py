"""Content-addressed blob store of the server, with resumable (tus-style) uploads.

A complete blob has a row in the ``blobs`` table and its bytes in a ``BlobStorage``: a
folder (``blobs/ab/abcdef…``, named by its sha256) or an S3-compatible bucket (same key).
An upload in progress is ``uploads/<sha256>.part`` on the server's disk plus a row in
``uploads`` holding its declared length and the offset received so far; the row is
updated after the bytes are written, so after a crash the file may be longer than the
offset (it is cut back) but never shorter.

Nothing here lives only in one process's memory: the chunks of one upload are serialized
by a row in ``blob_locks`` (any worker process), and the running hash a worker keeps is a
cache keyed by the upload's id and offset, checked against the database before use.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from fieldkit.server import db
from fieldkit.server.errors import ApiError
from fieldkit.store.store import iso

SHA256 = re.compile(r"[0-9a-f]{64}")
Clock = Callable[[], dt.datetime]
# An upload lock left by a crashed worker expires after this; a live holder renews it.
LOCK_LEASE = dt.timedelta(minutes=5)
# How long a chunk waits for another request's chunk of the same upload before 409.
LOCK_WAIT_SECONDS = 30.0


def check_hash(sha256: str) -> str:
    # fullmatch: "$" would let a trailing newline through.
    if not SHA256.fullmatch(sha256):
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
    upload_id: str | None = None


class BlobStorage(Protocol):
    """Where complete, verified blobs live (named by their sha256)."""

    def has(self, sha256: str) -> bool:
        """Whether the bytes are there (a cheap check, or True when the database is trusted)."""
        ...

    def put(self, source: Path, sha256: str) -> None:
        """Take a verified local file in (the file is moved or deleted)."""
        ...

    def local_path(self, sha256: str) -> Path | None:
        """A file to serve directly, if the storage is a folder."""
        ...

    def delete(self, sha256: str) -> None:
        """Remove a blob's bytes (erasure); nothing if absent."""
        ...

    def read(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        """Bytes ``start``…``end`` (inclusive) of a stored blob."""
        ...

    def describe(self) -> str: ...


def blob_key(sha256: str) -> str:
    return f"{sha256[:2]}/{sha256}"


class FolderStorage:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, source: Path, sha256: str) -> None:
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)

    def local_path(self, sha256: str) -> Path | None:
        return self.path(sha256)

    def delete(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)

    def read(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        with self.path(sha256).open("rb") as f:
            f.seek(start)
            left = end - start + 1
            while left > 0:
                chunk = f.read(min(left, 1024 * 1024))
                if not chunk:
                    return
                left -= len(chunk)
                yield chunk

    def describe(self) -> str:
        return f"folder {self.root}"


class S3Storage:
    """Blobs in an S3-compatible bucket (AWS S3, MinIO, Garage, Scaleway…) through boto3.

    The ``blobs`` table is the index: a row is written only after the object was stored, so
    ``has`` trusts it rather than asking the bucket on every request.
    """

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        prefix: str = "blobs/",
    ) -> None:
        import boto3  # the s3 extra; only needed when blobs go to a bucket

        self.bucket = bucket
        self.prefix = prefix
        self.endpoint_url = endpoint_url
        self.client: Any = boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region or "us-east-1",
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
        )

    def key(self, sha256: str) -> str:
        return self.prefix + blob_key(sha256)

    def has(self, sha256: str) -> bool:
        return True

    def put(self, source: Path, sha256: str) -> None:
        self.client.upload_file(str(source), self.bucket, self.key(sha256))
        source.unlink(missing_ok=True)

    def local_path(self, sha256: str) -> Path | None:
        return None

    def delete(self, sha256: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.key(sha256))

    def read(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        response = self.client.get_object(
            Bucket=self.bucket, Key=self.key(sha256), Range=f"bytes={start}-{end}"
        )
        body = response["Body"]
        try:
            yield from body.iter_chunks(1024 * 1024)
        finally:
            body.close()

    def describe(self) -> str:
        return f"S3 bucket {self.bucket} at {self.endpoint_url or 'AWS'}"


class BlobStore:
    def __init__(
        self,
        database: db.Database,
        root: Path,
        clock: Clock,
        storage: BlobStorage | None = None,
    ) -> None:
        self.db = database
        self.clock = clock
        self.storage: BlobStorage = storage or FolderStorage(root / "blobs")
        self.uploads_dir = root / "uploads"
        self.uploads_dir.mkdir(parents=True, exist_ok=True)
        # A cache of running hashes of uploads in progress, (sha256, upload id) → (hasher,
        # bytes hashed), so that finishing needn't read the file again when the chunks came
        # to this worker in order. Used only when the database says the upload is that id at
        # that offset; any other worker simply hashes the file at the end.
        self._hashers: dict[tuple[str, str], tuple[hashlib._Hash, int]] = {}

    # -- paths -----------------------------------------------------------------------
    def part_path(self, sha256: str) -> Path:
        return self.uploads_dir / f"{sha256}.part"

    def path(self, sha256: str) -> Path:
        """The file of a blob in folder storage (for tools and tests)."""
        local = self.storage.local_path(sha256)
        if local is None:
            raise ValueError(f"Blobs are in {self.storage.describe()}, not in a folder.")
        return local

    def discard(self, sha256: str) -> None:
        """Remove a blob's bytes and any upload of it in progress (erasure)."""
        self.storage.delete(sha256)
        self.part_path(sha256).unlink(missing_ok=True)
        self.forget_hash(sha256)

    # -- the upload lock (a row; any worker process) ------------------------------------
    def try_lock(self, sha256: str, holder: str) -> bool:
        now = self.clock()
        locks = db.blob_locks
        try:
            with self.db.write() as conn:
                conn.execute(
                    delete(locks).where(
                        and_(locks.c.sha256 == sha256, locks.c.expires_at < iso(now))
                    )
                )
                conn.execute(
                    insert(locks).values(
                        sha256=sha256, holder=holder, expires_at=iso(now + LOCK_LEASE)
                    )
                )
            return True
        except IntegrityError:
            return False

    def unlock(self, sha256: str, holder: str) -> None:
        locks = db.blob_locks
        with self.db.write() as conn:
            conn.execute(
                delete(locks).where(and_(locks.c.sha256 == sha256, locks.c.holder == holder))
            )

    @asynccontextmanager
    async def lock(self, sha256: str) -> AsyncIterator[None]:
        """Hold this upload for one request; others wait (then 409 with the offset)."""
        holder = uuid.uuid4().hex
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        delay = 0.01
        while not await run_in_threadpool(self.try_lock, sha256, holder):
            if time.monotonic() > deadline:
                st = await run_in_threadpool(self.upload_state, sha256)
                raise ApiError(
                    409,
                    "upload_busy",
                    "Another request is writing this upload; ask with HEAD and resume.",
                    details={"offset": st.offset},
                    headers={"Upload-Offset": str(st.offset)},
                )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.2)
        try:
            yield
        finally:
            await run_in_threadpool(self.unlock, sha256, holder)

    # -- queries ---------------------------------------------------------------------
    def size(self, sha256: str) -> int | None:
        """Size of a complete blob, or None."""
        with self.db.read() as conn:
            size = conn.execute(select(db.blobs.c.size).where(db.blobs.c.sha256 == sha256)).scalar()
        if size is None or not self.storage.has(sha256):
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
        return [h for h in wanted if h not in held or not self.storage.has(h)]

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
        return UploadState("partial", min(int(row.offset), on_disk), int(row.length), row.upload_id)

    # -- resumable upload steps (called under lock(sha256)) ---------------------------
    def start(self, sha256: str, length: int, user: str) -> str:
        """(Re)start an upload from offset 0 with its declared length; returns its id."""
        now = iso(self.clock())
        upload_id = uuid.uuid4().hex
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
                    upload_id=upload_id,
                )
            )
        return upload_id

    def running_hash(self, sha256: str, upload_id: str | None, offset: int) -> hashlib._Hash | None:
        """This worker's running hash of the upload if it covers exactly ``offset`` bytes."""
        if upload_id is None:
            return None
        if offset == 0:
            hasher = hashlib.sha256()
            self._hashers[(sha256, upload_id)] = (hasher, 0)
            return hasher
        cached = self._hashers.get((sha256, upload_id))
        if cached is None or cached[1] != offset:
            self._hashers.pop((sha256, upload_id), None)
            return None
        return cached[0]

    def set_offset(
        self, sha256: str, upload_id: str | None, offset: int, hasher: hashlib._Hash | None
    ) -> None:
        if hasher is not None and upload_id is not None:
            self._hashers[(sha256, upload_id)] = (hasher, offset)
        with self.db.write() as conn:
            conn.execute(
                update(db.uploads)
                .where(db.uploads.c.sha256 == sha256)
                .values(offset=offset, updated_at=iso(self.clock()))
            )

    def forget_hash(self, sha256: str, upload_id: str | None = None) -> None:
        """Drop this worker's running hash of one upload (or of every upload of the blob)."""
        if upload_id is not None:
            self._hashers.pop((sha256, upload_id), None)
            return
        for key in [k for k in self._hashers if k[0] == sha256]:
            del self._hashers[key]

    def finish(self, sha256: str, upload_id: str | None, user: str) -> None:
        """The last byte arrived: check the hash, then store the blob or discard the upload."""
        part = self.part_path(sha256)
        cached = self._hashers.pop((sha256, upload_id or ""), None)
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
        size = source.stat().st_size
        self.storage.put(source, sha256)
        try:
            with self.db.write() as conn:
                if conn.execute(
                    select(db.blobs.c.sha256).where(db.blobs.c.sha256 == sha256)
                ).first():
                    return
                conn.execute(
                    insert(db.blobs).values(
                        sha256=sha256, size=size, uploaded_by=user, created_at=iso(self.clock())
                    )
                )
        except IntegrityError:
            pass  # another request stored the same bytes at the same moment: that row stands


def file_sha256(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            hasher.update(chunk)
    return hasher.hexdigest()
