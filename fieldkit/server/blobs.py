"""Content-addressed blob store of the server, with tus 1.0.0 uploads and the read rule.

A complete blob lives at ``blobs/ab/abcdef…`` (named by its sha256) and has a row in the
``blobs`` table. An upload in progress belongs to one user: a row in ``uploads`` (its
blob, declared length, the offset received so far) and the file ``uploads/<id>.part``.
The row is updated after the bytes are written, so after a crash the file may be longer
than the offset (it is cut back) but never shorter.

Who may read a blob (docs/server.md, "Who may read a photo"): a user who has proven they
hold its bytes (``blob_holders``: they uploaded every byte and the hash matched), or a
user who may read a photo record naming it whose ``blob`` was set by such a holder
(``records.blob_by``). Knowing a hash is never enough, and every answer about a blob the
caller may not read is the same as for a blob the server does not have.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import re
import shutil
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from fieldkit.errors import FieldKitError
from fieldkit.server import db
from fieldkit.server.auth import Principal
from fieldkit.server.config import Settings
from fieldkit.server.errors import ApiError
from fieldkit.store.store import iso

# fullmatch only: "^…$" would let a trailing newline through.
SHA256 = re.compile(r"[0-9a-f]{64}")
Clock = Callable[[], dt.datetime]
# An upload lock left by a crashed worker expires after this; a live request holds it for
# one chunk at most (a chunk is at most Limits.upload_chunk).
LOCK_LEASE = dt.timedelta(minutes=5)
# How long a request waits for another request on the same upload before 409 upload_busy.
LOCK_WAIT_SECONDS = 30.0


def is_sha256(value: str) -> bool:
    return SHA256.fullmatch(value) is not None


def check_hash(sha256: str) -> str:
    if not is_sha256(sha256):
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


def blob_erased(sha256: str) -> ApiError:
    return ApiError(
        410,
        "blob_erased",
        f"The photo {sha256} was erased (privacy): the server does not take its bytes again.",
    )


def is_erased(conn: Connection, sha256: str) -> bool:
    e = db.erased_blobs
    return conn.execute(select(e.c.sha256).where(e.c.sha256 == sha256)).first() is not None


def deny_blobs(conn: Connection, hashes: Iterable[str], now: str) -> None:
    """Put erased hashes on the deny-list (once each)."""
    e = db.erased_blobs
    for sha in hashes:
        if not is_erased(conn, sha):
            conn.execute(insert(e).values(sha256=sha, erased_at=now))


def no_such_blob(sha256: str) -> ApiError:
    # One answer for "absent" and "not yours": no oracle on what others uploaded.
    return ApiError(404, "not_found", f"No blob {sha256} that you may read or are uploading.")


class BlobStorage(Protocol):
    """Where complete, verified blobs live, named by their sha256: a folder or a bucket.

    Uploads in progress stay in the data directory's ``uploads/`` folder either way; only
    verified bytes go to the storage.
    """

    def local_path(self, sha256: str) -> Path | None:
        """The blob's file when the storage is a folder (served directly), else None."""
        ...

    def exists(self, sha256: str) -> bool:
        """Whether the bytes are there (asks the folder or the bucket)."""
        ...

    def put(self, source: Path, sha256: str) -> None:
        """Keep a verified local file under its hash (the file is moved or left to the
        caller to delete)."""
        ...

    def delete(self, sha256: str) -> None:
        """Remove a blob's bytes (erasure); nothing if absent."""
        ...

    def read(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        """Bytes ``start``…``end`` (inclusive) of a stored blob."""
        ...

    def download(self, sha256: str, target: Path) -> None:
        """Copy a blob into a local file (backups)."""
        ...

    def hashes(self) -> list[str]:
        """Every blob stored, sorted (backups)."""
        ...

    def describe(self) -> str: ...


class FolderStorage:
    """Blobs as files ``blobs/ab/abcdef…`` in the data directory (the default)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def local_path(self, sha256: str) -> Path | None:
        return self.path(sha256)

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, source: Path, sha256: str) -> None:
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)

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

    def download(self, sha256: str, target: Path) -> None:
        shutil.copy2(self.path(sha256), target)

    def hashes(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.glob("??/*") if p.is_file() and is_sha256(p.name))

    def describe(self) -> str:
        return f"folder {self.root}"


class S3Storage:
    """Blobs in an S3-compatible bucket (AWS S3, MinIO, Garage, Scaleway…) through boto3,
    as objects ``<prefix>ab/abcdef…``. Credentials come from boto3's usual sources (the
    AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables, ~/.aws, an instance role), never
    from the command line.

    The ``blobs`` table stays the index: a row is written only after the object is stored,
    so reads trust it instead of asking the bucket on every request.
    """

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        prefix: str = "blobs/",
    ) -> None:
        try:
            import boto3  # the s3 extra: only needed when blobs go to a bucket
        except ImportError as exc:
            raise FieldKitError("Blobs in S3 need boto3: pip install 'fieldkit[s3]'.") from exc

        self.bucket = bucket
        self.prefix = prefix
        self.endpoint_url = endpoint_url
        self.client: Any = boto3.client(
            "s3", endpoint_url=endpoint_url, region_name=region or "us-east-1"
        )

    def key(self, sha256: str) -> str:
        return f"{self.prefix}{sha256[:2]}/{sha256}"

    def local_path(self, sha256: str) -> Path | None:
        return None

    def exists(self, sha256: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key(sha256))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def put(self, source: Path, sha256: str) -> None:
        self.client.upload_file(str(source), self.bucket, self.key(sha256))

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

    def download(self, sha256: str, target: Path) -> None:
        self.client.download_file(self.bucket, self.key(sha256), str(target))

    def hashes(self) -> list[str]:
        found: list[str] = []
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                name = str(item["Key"]).rsplit("/", 1)[-1]
                if is_sha256(name):
                    found.append(name)
        return sorted(found)

    def describe(self) -> str:
        return f"S3 bucket {self.bucket} at {self.endpoint_url or 'AWS'}"


def storage_for(settings: Settings, data_dir: Path) -> BlobStorage:
    """The blob storage a server's settings name: its bucket, or ``data_dir/blobs``."""
    if settings.s3_bucket:
        return S3Storage(
            settings.s3_bucket,
            endpoint_url=settings.s3_endpoint,
            region=settings.s3_region,
            prefix=settings.s3_prefix,
        )
    return FolderStorage(Path(data_dir) / "blobs")


@dataclass(frozen=True)
class UploadState:
    state: str  # partial, complete
    offset: int
    length: int
    upload_id: str | None = None


class BlobStore:
    def __init__(
        self,
        database: db.Database,
        root: Path,
        clock: Clock,
        storage: BlobStorage | None = None,
        *,
        quota_bytes: int | None = None,
        abandon_after: dt.timedelta = dt.timedelta(hours=24),
    ) -> None:
        self.db = database
        self.clock = clock
        self.quota_bytes = quota_bytes
        self.abandon_after = abandon_after
        self._swept_at: dt.datetime | None = None
        self.storage: BlobStorage = storage or FolderStorage(root / "blobs")
        self.uploads_dir = root / "uploads"
        self.uploads_dir.mkdir(parents=True, exist_ok=True)
        # Part files of the layout before per-user uploads (uploads/<sha256>.part): their
        # rows went with migration 0002, so they can never be resumed.
        for stale in self.uploads_dir.glob("*.part"):
            if is_sha256(stale.stem):
                stale.unlink(missing_ok=True)
        # Running hashes of uploads in progress (upload id → (hasher, bytes hashed)), so
        # that finishing an upload needn't read the file again when it came in order. Only
        # a cache: used when the database's offset for that upload id is the one it covers
        # (another worker may have taken chunks since); otherwise finish() reads the file.
        self._hashers: dict[str, tuple[Any, int]] = {}

    # -- paths -----------------------------------------------------------------------
    def path(self, sha256: str) -> Path:
        """A blob's file in folder storage (tools and tests)."""
        local = self.storage.local_path(sha256)
        if local is None:
            raise ValueError(f"Blobs are in {self.storage.describe()}, not in a folder.")
        return local

    def _present(self, sha256: str) -> bool:
        """Whether a blob with a ``blobs`` row has its bytes: a file check in a folder; in
        a bucket the row is trusted (it is written only after the object)."""
        local = self.storage.local_path(sha256)
        return local is None or local.is_file()

    def discard(self, sha256: str) -> None:
        """Remove a blob's bytes (erasure), from the folder or the bucket."""
        self.storage.delete(sha256)

    def part_path(self, upload_id: str) -> Path:
        return self.uploads_dir / f"{upload_id}.part"

    # -- the upload lock: a row, so that it holds across worker processes ---------------
    def try_lock(self, key: str, holder: str) -> bool:
        now = self.clock()
        locks = db.blob_locks
        try:
            with self.db.write() as conn:
                conn.execute(
                    delete(locks).where(
                        and_(locks.c.lock_key == key, locks.c.expires_at < iso(now))
                    )
                )
                conn.execute(
                    insert(locks).values(
                        lock_key=key, holder=holder, expires_at=iso(now + LOCK_LEASE)
                    )
                )
            return True
        except IntegrityError:
            return False

    def unlock(self, key: str, holder: str) -> None:
        locks = db.blob_locks
        with self.db.write() as conn:
            conn.execute(
                delete(locks).where(and_(locks.c.lock_key == key, locks.c.holder == holder))
            )

    @asynccontextmanager
    async def lock(self, key: str) -> AsyncIterator[None]:
        """Hold one upload (key "<user>\n<sha256>") for one request, in any worker process;
        other requests on it wait, then get 409 ``upload_busy`` (ask with HEAD, resume)."""
        holder = uuid.uuid4().hex
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        delay = 0.01
        while not await run_in_threadpool(self.try_lock, key, holder):
            if time.monotonic() > deadline:
                raise ApiError(
                    409,
                    "upload_busy",
                    "Another request is writing this upload; ask with HEAD and resume.",
                )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.2)
        try:
            yield
        finally:
            await run_in_threadpool(self.unlock, key, holder)

    # -- queries ---------------------------------------------------------------------
    def size(self, sha256: str) -> int | None:
        """Size of a complete blob, or None."""
        with self.db.read() as conn:
            size = conn.execute(
                select(db.blobs.c.sha256, db.blobs.c.size).where(db.blobs.c.sha256 == sha256)
            ).first()
        if size is None or not self._present(sha256):
            return None
        return int(size.size)

    def readable(self, p: Principal, hashes: Iterable[str]) -> set[str]:
        """Those of ``hashes`` the server holds complete and ``p`` may read."""
        wanted = list(dict.fromkeys(hashes))
        out: set[str] = set()
        b, h, r = db.blobs, db.blob_holders, db.records
        with self.db.read() as conn:
            for start in range(0, len(wanted), 500):
                batch = wanted[start : start + 500]
                complete = set(
                    conn.execute(select(b.c.sha256).where(b.c.sha256.in_(batch))).scalars()
                )
                if not complete:
                    continue
                held = set(
                    conn.execute(
                        select(h.c.sha256).where(
                            and_(h.c.user_name == p.name, h.c.sha256.in_(complete))
                        )
                    ).scalars()
                )
                vouched_query = (
                    select(r.c.blob)
                    .select_from(
                        r.join(h, and_(h.c.sha256 == r.c.blob, h.c.user_name == r.c.blob_by))
                    )
                    .where(and_(r.c.kind == "photo", r.c.blob.in_(complete - held)))
                )
                if not p.all_regions:
                    vouched_query = vouched_query.where(r.c.region.in_(p.regions))
                vouched = set(conn.execute(vouched_query.distinct()).scalars())
                out.update(sha for sha in held | vouched if self._present(sha))
        return out

    def may_read(self, p: Principal, sha256: str) -> bool:
        return sha256 in self.readable(p, [sha256])

    def missing(self, p: Principal, hashes: list[str]) -> list[str]:
        """The hashes ``p`` cannot download (absent, or not theirs to read), in order."""
        wanted = list(dict.fromkeys(hashes))
        have = self.readable(p, wanted)
        e = db.erased_blobs
        with self.db.read() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                # Never asked for again: an upload of them is refused (blob_erased).
                have.update(conn.execute(select(e.c.sha256).where(e.c.sha256.in_(chunk))).scalars())
        return [sha for sha in wanted if sha not in have]

    def upload_state(self, p: Principal, sha256: str) -> UploadState | None:
        """What HEAD answers: the complete blob if ``p`` may read it, else ``p``'s own
        upload in progress, else None (404)."""
        size = self.size(sha256)
        if size is not None and self.may_read(p, sha256):
            return UploadState("complete", size, size)
        row = self._upload_row(sha256, p.name)
        if row is None:
            return None
        part = self.part_path(row.id)
        on_disk = part.stat().st_size if part.exists() else 0
        return UploadState("partial", min(int(row.offset), on_disk), int(row.length), row.id)

    def _upload_row(self, sha256: str, user: str) -> Any:
        u = db.uploads
        with self.db.read() as conn:
            return conn.execute(
                select(u).where(and_(u.c.sha256 == sha256, u.c.user_name == user))
            ).first()

    # -- quota and abandoned uploads ----------------------------------------------------
    def _used_bytes(self, conn: Connection, user: str, sha256: str) -> int:
        """What ``user`` takes on the server: blobs they uploaded first, and their uploads
        in progress (but the one of ``sha256``, which a new upload of it replaces)."""
        b, u = db.blobs, db.uploads
        stored = conn.execute(
            select(func.coalesce(func.sum(b.c.size), 0)).where(b.c.uploaded_by == user)
        ).scalar_one()
        pending = conn.execute(
            select(func.coalesce(func.sum(u.c.length), 0)).where(
                and_(u.c.user_name == user, u.c.sha256 != sha256)
            )
        ).scalar_one()
        return int(stored) + int(pending)

    def check_quota(
        self, user: str, sha256: str, length: int, conn: Connection | None = None
    ) -> None:
        """507 quota_exceeded if ``length`` more bytes would take ``user`` past the quota
        (bytes the server already holds cost nothing)."""
        if self.quota_bytes is None:
            return
        if conn is None:
            with self.db.read() as c:
                return self.check_quota(user, sha256, length, c)
        if conn.execute(select(db.blobs.c.sha256).where(db.blobs.c.sha256 == sha256)).first():
            return
        used = self._used_bytes(conn, user, sha256)
        if used + length > self.quota_bytes:
            raise ApiError(
                507,
                "quota_exceeded",
                f"This photo ({length} bytes) would take your photos on the server past your "
                f"quota ({self.quota_bytes} bytes; {used} used). Ask the administrator.",
                details={"quota": self.quota_bytes, "used": used},
            )

    def sweep_abandoned(self) -> int:
        """Drop uploads untouched for ``abandon_after``, with their part files, and
        leftover temporary files as old; at most once a minute. Returns uploads dropped."""
        now = self.clock()
        if self._swept_at is not None and now - self._swept_at < dt.timedelta(minutes=1):
            return 0
        self._swept_at = now
        cutoff = now - self.abandon_after
        u = db.uploads
        with self.db.write() as conn:
            stale = list(conn.execute(select(u.c.id).where(u.c.updated_at < iso(cutoff))).scalars())
            if stale:
                conn.execute(delete(u).where(u.c.id.in_(stale)))
            live = set(conn.execute(select(u.c.id)).scalars())
        for upload_id in stale:
            self._hashers.pop(upload_id, None)
            self.part_path(upload_id).unlink(missing_ok=True)
        # Files no upload row names (a crash between the two steps, a PUT cut off hard).
        for path in self.uploads_dir.iterdir():
            if not path.is_file() or path.stem in live:
                continue
            modified = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
            if modified < cutoff:
                path.unlink(missing_ok=True)
        return len(stale)

    # -- tus upload steps (called under lock(upload key)) ------------------------------
    def create(self, sha256: str, length: int, user: str) -> str:
        """(Re)start ``user``'s upload of ``sha256`` at offset 0; returns its id."""
        self.sweep_abandoned()
        now = iso(self.clock())
        u = db.uploads
        upload_id = uuid.uuid4().hex
        with self.db.write() as conn:
            if is_erased(conn, sha256):
                raise blob_erased(sha256)
            self.check_quota(user, sha256, length, conn)
            old = conn.execute(
                select(u.c.id).where(and_(u.c.sha256 == sha256, u.c.user_name == user))
            ).scalar()
            if old is not None:
                conn.execute(delete(u).where(u.c.id == old))
            conn.execute(
                insert(u).values(
                    id=upload_id,
                    sha256=sha256,
                    user_name=user,
                    length=length,
                    offset=0,
                    created_at=now,
                    updated_at=now,
                )
            )
        if old is not None:
            self._hashers.pop(old, None)
            self.part_path(old).unlink(missing_ok=True)
        self.part_path(upload_id).write_bytes(b"")
        return upload_id

    def running_hash(self, upload_id: str, offset: int) -> Any:
        """The running hash of the upload if it covers exactly ``offset`` bytes."""
        if offset == 0:
            hasher = hashlib.sha256()
            self._hashers[upload_id] = (hasher, 0)
            return hasher
        cached = self._hashers.get(upload_id)
        if cached is None or cached[1] != offset:
            self._hashers.pop(upload_id, None)
            return None
        return cached[0]

    def set_offset(self, upload_id: str, offset: int, hasher: Any) -> None:
        if hasher is not None:
            self._hashers[upload_id] = (hasher, offset)
        with self.db.write() as conn:
            conn.execute(
                update(db.uploads)
                .where(db.uploads.c.id == upload_id)
                .values(offset=offset, updated_at=iso(self.clock()))
            )

    def forget_hash(self, upload_id: str) -> None:
        self._hashers.pop(upload_id, None)

    def finish(self, upload_id: str, sha256: str, user: str) -> None:
        """The last byte arrived: check the hash, then store the blob (or, when the server
        already has it, just record ``user`` as a holder) or discard the upload."""
        part = self.part_path(upload_id)
        cached = self._hashers.pop(upload_id, None)
        if cached is not None and cached[1] == part.stat().st_size:
            actual = cached[0].hexdigest()
        else:
            actual = file_sha256(part)
        try:
            if actual != sha256:
                raise hash_mismatch(sha256, actual)
            self._store(part, sha256, user)
        finally:
            part.unlink(missing_ok=True)
            with self.db.write() as conn:
                conn.execute(delete(db.uploads).where(db.uploads.c.id == upload_id))

    # -- whole-body upload -----------------------------------------------------------
    def temp_path(self) -> Path:
        return self.uploads_dir / f"put-{uuid.uuid4().hex}.tmp"

    def store_verified(self, temp: Path, sha256: str, user: str) -> bool:
        """Move a file whose hash was checked into place; False if already held."""
        return self._store(temp, sha256, user)

    def _store(self, source: Path, sha256: str, user: str) -> bool:
        """Keep verified bytes (unless the server has them) and record ``user`` as a
        holder; True if the blob is new to the server."""
        size = source.stat().st_size
        created = False
        with self.db.read() as conn:
            if is_erased(conn, sha256):
                raise blob_erased(sha256)
            self.check_quota(user, sha256, size, conn)
        if not self.storage.exists(sha256):
            self.storage.put(source, sha256)
        now = iso(self.clock())
        # Two requests (workers) may store the same bytes at the same moment: the loser of
        # the primary key (PostgreSQL) tries again and finds the row, then adds its holder.
        for attempt in (1, 2):
            created = False
            try:
                with self.db.write() as conn:
                    if not conn.execute(
                        select(db.blobs.c.sha256).where(db.blobs.c.sha256 == sha256)
                    ).first():
                        conn.execute(
                            insert(db.blobs).values(
                                sha256=sha256,
                                size=size,
                                uploaded_by=user,
                                created_at=now,
                            )
                        )
                        created = True
                    add_holder(conn, sha256, user, now)
                break
            except IntegrityError:
                if attempt == 2:
                    raise
        return created


def add_holder(conn: Connection, sha256: str, user: str, now: str) -> None:
    h = db.blob_holders
    if not conn.execute(
        select(h.c.sha256).where(and_(h.c.sha256 == sha256, h.c.user_name == user))
    ).first():
        conn.execute(insert(h).values(sha256=sha256, user_name=user, created_at=now))


def file_sha256(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            hasher.update(chunk)
    return hasher.hexdigest()
