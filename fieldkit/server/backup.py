"""Consistent backups of the server's store, and restoring them (docs/server.md, Backups).

A backup is a folder:

- ``server.db`` — a snapshot of the SQLite database taken with SQLite's online backup API
  (consistent while the server keeps writing), or ``server.pgdump`` — ``pg_dump
  --format=custom`` of a PostgreSQL database (one transaction, also consistent);
- ``blobs/ab/abcdef…`` — the photos, copied *after* the database snapshot. A blob's file is
  in place before its row commits, so every blob the snapshot names is copied; blobs that
  arrived later are copied too and are harmless;
- ``settings/`` — the server's own files of its data directory: ``mission.json`` (the
  mission's name and settings) and ``mission-signing-key.pem`` (the key that signed every
  mission file already handed out: without it a rebuilt server's key differs and the app
  refuses those files);
- ``manifest.json`` — when, from which server id, the head of the change sequence, counts.

The folder is made 0700 and its files 0600: it holds the signing key and every user's
password hash.

Restoring puts the database and the blobs back and gives the server a **new identity**
(``server_identity``), so that every client notices and reconciles: it re-sends what the
restored store lacks and pulls from zero (docs/sync-protocol.md, "Server identity").
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from fieldkit import __version__
from fieldkit.errors import FieldKitError
from fieldkit.server import db
from fieldkit.store.store import iso

if TYPE_CHECKING:
    from fieldkit.server.blobs import BlobStorage

MANIFEST = "manifest.json"
SETTINGS_DIR = "settings"
# The data directory's files a rebuilt server needs besides its database and blobs.
SETTINGS_FILES = ("mission.json", "mission-signing-key.pem")
SQLITE_FILE = "server.db"
PG_FILE = "server.pgdump"
FORMAT = 1


class BackupError(FieldKitError):
    """A backup or restore that cannot be done; nothing was changed."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    server_id: str
    head: int
    database: str  # sqlite | postgresql
    blobs: int
    blob_bytes: int

    def describe(self) -> str:
        return (
            f"Backup written to {self.path}: {self.database} database at seq {self.head} "
            f"(server id {self.server_id}), {self.blobs} photo blob(s), "
            f"{self.blob_bytes / 1e6:.1f} MB."
        )


@dataclass(frozen=True)
class RestoreSummary:
    source: Path
    old_server_id: str
    new_server_id: str
    head: int
    blobs_copied: int
    erased_again: int = 0  # records erased after the backup, erased again after the restore
    settings: tuple[str, ...] = ()  # the settings files put back (mission.json, signing key)
    kept_aside: tuple[str, ...] = ()  # files that differed, renamed <name>.before-restore

    def describe(self) -> str:
        again = (
            f" {self.erased_again} record(s) erased since the backup were erased again."
            if self.erased_again
            else ""
        )
        if self.settings:
            again += f" Put back: {', '.join(self.settings)}."
        if self.kept_aside:
            again += f" Kept aside (they differed): {', '.join(self.kept_aside)}."
        return (
            f"Restored from {self.source} (taken from server id {self.old_server_id}, seq "
            f"{self.head}); {self.blobs_copied} photo blob(s) put back.{again} New server id "
            f"{self.new_server_id}: clients will re-send what this backup lacks at their "
            "next sync."
        )


def _kind(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError(f"Cannot back up an in-memory or unnamed SQLite database ({url}).")
    return Path(database)


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A SQLAlchemy URL (postgresql+psycopg://…) as pg_dump/pg_restore take it, without
    its password, and the environment that carries the password (PGPASSWORD): a command
    line is visible to every user of the machine (ps), the environment is not."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    # URL.set() ignores password=None; _replace clears it.
    bare = parsed._replace(password=None).set(drivername="postgresql")
    return bare.render_as_string(hide_password=False), env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    # Debian keeps the versioned binaries off PATH.
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    raise BackupError(f"{name} is needed to back up or restore PostgreSQL; install the client.")


def _run(args: list[str], env: dict[str, str] | None = None) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()[:500]}")


def _identity(database: db.Database) -> tuple[str, int]:
    with database.read() as conn:
        server_id = conn.execute(
            select(db.server_identity.c.server_id).where(db.server_identity.c.name == "server")
        ).scalar_one()
        head = conn.execute(
            select(db.counters.c.value).where(db.counters.c.name == "seq")
        ).scalar_one()
    return str(server_id), int(head)


def _blob_files(blobs_dir: Path) -> list[Path]:
    if not blobs_dir.is_dir():
        return []
    return sorted(p for p in blobs_dir.glob("??/*") if p.is_file() and len(p.name) == 64)


def _folder_or(storage: BlobStorage | None, data_dir: Path) -> BlobStorage:
    from fieldkit.server.blobs import FolderStorage

    return storage or FolderStorage(Path(data_dir) / "blobs")


def backup(
    data_dir: Path, database_url: str, out: Path, storage: BlobStorage | None = None
) -> BackupSummary:
    """Snapshot the database, then copy the blobs (from ``storage``: the data directory's
    ``blobs/`` folder unless a bucket is given), into a new folder ``out``."""
    out = Path(out)
    store = _folder_or(storage, data_dir)
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"{out} exists and is not empty; give a new folder for the backup.")
    kind = _kind(database_url)
    database = db.Database(database_url)
    try:
        database.migrate()  # an older store is brought up to date first, like at start
        work = out.parent / f".{out.name}.partial-{uuid.uuid4().hex[:8]}"
        out.parent.mkdir(parents=True, exist_ok=True)
        work.mkdir(mode=0o700)
        try:
            if kind == "sqlite":
                source = _sqlite_path(database_url)
                with (
                    closing(sqlite3.connect(source, timeout=30)) as src,
                    closing(sqlite3.connect(work / SQLITE_FILE)) as dst,
                ):
                    src.backup(dst)  # online backup: consistent while writers go on
                snapshot = db.Database(f"sqlite:///{work / SQLITE_FILE}")
                try:
                    server_id, head = _identity(snapshot)
                finally:
                    snapshot.dispose()
            else:
                server_id, head = _identity(database)
                dsn, env = _libpq(database_url)
                _run(
                    [
                        _pg_tool("pg_dump"),
                        "--format=custom",
                        "--no-owner",
                        "--file",
                        str(work / PG_FILE),
                        dsn,
                    ],
                    env,
                )
            # After the snapshot: every blob it names was already stored (its row is
            # written after the bytes).
            count = size = 0
            for sha in store.hashes():
                target = work / "blobs" / sha[:2] / sha
                target.parent.mkdir(parents=True, exist_ok=True)
                store.download(sha, target)
                count += 1
                size += target.stat().st_size
            settings = _copy_settings(Path(data_dir), work / SETTINGS_DIR)
            manifest = {
                "format": FORMAT,
                "created_at": iso(dt.datetime.now(dt.UTC)),
                "fieldkit_version": __version__,
                "database": kind,
                "server_id": server_id,
                "head": head,
                "blobs": count,
                "blob_bytes": size,
                "settings": settings,
            }
            (work / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
            _private(work)
            if out.exists():
                out.rmdir()
            os.replace(work, out)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    finally:
        database.dispose()
    return BackupSummary(out, server_id, head, kind, count, size)


def read_manifest(source: Path) -> dict[str, Any]:
    path = Path(source) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise BackupError(f"{source} is not a FieldKit server backup (no {MANIFEST}).") from None
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path} cannot be read: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a backup this version understands.")
    return manifest


def restore(
    data_dir: Path, database_url: str, source: Path, storage: BlobStorage | None = None
) -> RestoreSummary:
    """Put a backup back into ``data_dir`` / ``database_url`` (and its blobs into
    ``storage``: the ``blobs/`` folder unless a bucket is given); the server gets a new id.

    Run it with the server stopped. Uploads in progress are dropped (clients resume them
    from zero); blobs received after the backup stay on disk, unused until re-sent.
    """
    source = Path(source)
    manifest = read_manifest(source)
    kind = _kind(database_url)
    erased_now = _erased_ids(database_url)
    erased_hashes = _erased_hashes(database_url)
    if manifest["database"] != kind:
        raise BackupError(
            f"This backup holds a {manifest['database']} database; the server uses {kind}."
        )
    dump = source / (SQLITE_FILE if kind == "sqlite" else PG_FILE)
    if not dump.is_file():
        raise BackupError(f"The backup lacks {dump.name}; nothing was restored.")
    if kind == "sqlite":
        try:
            with closing(sqlite3.connect(f"file:{dump}?mode=ro", uri=True)) as check:
                ok = check.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{dump} is not a readable database ({exc}).") from exc
        if ok != "ok":
            raise BackupError(f"{dump} is damaged ({ok}); nothing was restored.")
        target = _sqlite_path(database_url)
        db.private_dir(target.parent)
        db.private_file(target)
        with (
            closing(sqlite3.connect(f"file:{dump}?mode=ro", uri=True)) as src,
            closing(sqlite3.connect(target, timeout=30)) as dst,
        ):
            src.backup(dst)  # replaces the whole database, WAL included, under its lock
    else:
        dsn, env = _libpq(database_url)
        _run(
            [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                dsn,
                str(dump),
            ],
            env,
        )
    copied = 0
    store = _folder_or(storage, data_dir)
    uploads_dir = Path(data_dir) / "uploads"
    uploads_dir.mkdir(parents=True, exist_ok=True)
    for path in _blob_files(source / "blobs"):
        local = store.local_path(path.name)
        if local is not None and local.is_file() and local.stat().st_size == path.stat().st_size:
            continue
        if local is None and store.exists(path.name):
            continue  # content-addressed: an object under that name holds those bytes
        # A copy that the storage takes in (a folder moves it into place at once).
        temp = uploads_dir / f"restore-{uuid.uuid4().hex}.tmp"
        shutil.copy2(path, temp)
        try:
            store.put(temp, path.name)
        finally:
            temp.unlink(missing_ok=True)
        copied += 1
    settings_kept_aside = _restore_settings(source / SETTINGS_DIR, Path(data_dir))
    uploads_dir = Path(data_dir) / "uploads"
    if uploads_dir.is_dir():
        for part in uploads_dir.iterdir():
            if part.is_file():
                part.unlink()
    database = db.Database(database_url)
    try:
        database.migrate()
        new_id = str(uuid.uuid4())
        with database.write() as conn:
            mark = conn.execute(select(func.max(db.history.c.id))).scalar()
            conn.execute(
                update(db.server_identity)
                .where(db.server_identity.c.name == "server")
                .values(
                    server_id=new_id,
                    created_at=iso(dt.datetime.now(dt.UTC)),
                    reason="restored",
                    restored_mark=int(mark or 0),
                )
            )
            conn.execute(delete(db.uploads))
            conn.execute(delete(db.blob_locks))  # held by requests of the old server
            from fieldkit.server import audit

            audit.record(
                conn,
                iso(dt.datetime.now(dt.UTC)),
                "restore",
                audit.operator(),
                subject=str(source),
                detail=f"backup of {manifest.get('created_at')}, server id {new_id}",
            )
        reapplied = _erase_again(database, Path(data_dir), erased_now, store)
        with database.write() as conn:
            from fieldkit.server.blobs import deny_blobs

            deny_blobs(conn, erased_hashes, iso(dt.datetime.now(dt.UTC)))
        _, head = _identity(database)
    finally:
        database.dispose()
    return RestoreSummary(
        source,
        str(manifest["server_id"]),
        new_id,
        head,
        copied,
        reapplied,
        settings=tuple(sorted(p.name for p in (source / SETTINGS_DIR).glob("*") if p.is_file())),
        kept_aside=tuple(settings_kept_aside),
    )


def _private(folder: Path) -> None:
    """A backup holds password hashes and the signing key: its owner alone reads it."""
    folder.chmod(0o700)
    for path in folder.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def _copy_settings(data_dir: Path, into: Path) -> list[str]:
    into.mkdir(mode=0o700)
    copied = []
    for name in SETTINGS_FILES:
        source = data_dir / name
        if source.is_file():
            shutil.copyfile(source, into / name)
            copied.append(name)
    return copied


def _restore_settings(settings: Path, data_dir: Path) -> list[str]:
    """Put the backup's settings files back; a different file already there is kept aside
    as ``<name>.before-restore`` (a key made by a fresh server before the restore signed
    nothing worth keeping, but nothing is thrown away in silence). Returns those kept."""
    kept: list[str] = []
    if not settings.is_dir():
        return kept  # a backup from before settings were saved
    for name in SETTINGS_FILES:
        source = settings / name
        if not source.is_file():
            continue
        target = data_dir / name
        data = source.read_bytes()
        if target.is_file():
            if target.read_bytes() == data:
                continue
            aside = target.with_name(name + ".before-restore")
            os.replace(target, aside)
            kept.append(aside.name)
        temp = target.with_name(f".{name}.{uuid.uuid4().hex[:8]}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(temp, target)
    return kept


def _erased_ids(database_url: str) -> list[tuple[str, str]]:
    """The ids the store being replaced has erased (its deny-list), read before the restore:
    a backup taken before an erasure must not bring the erased records back."""
    if _kind(database_url) == "sqlite" and not _sqlite_path(database_url).is_file():
        return []
    database = db.Database(database_url)
    try:
        with database.read() as conn:
            rows = conn.execute(select(db.erasures.c.kind, db.erasures.c.record_id)).all()
    except DBAPIError:
        return []  # no database or no erasures table yet: nothing was erased
    finally:
        database.dispose()
    return [(str(r[0]), str(r[1])) for r in rows]


def _erased_hashes(database_url: str) -> list[str]:
    """The photo hashes the store being replaced keeps off limits (read before the
    restore, like its erased ids): the restored store keeps refusing their bytes."""
    if _kind(database_url) == "sqlite" and not _sqlite_path(database_url).is_file():
        return []
    database = db.Database(database_url)
    try:
        with database.read() as conn:
            return [str(r[0]) for r in conn.execute(select(db.erased_blobs.c.sha256))]
    except DBAPIError:
        return []  # no database or no such table yet: nothing was erased
    finally:
        database.dispose()


def _erase_again(
    database: db.Database, data_dir: Path, ids: list[tuple[str, str]], storage: BlobStorage
) -> int:
    """Erase again, in the restored store, what had been erased since the backup."""
    from fieldkit.server.auth import Principal
    from fieldkit.server.blobs import BlobStore
    from fieldkit.server.erasure import ErasureService

    with database.read() as conn:
        e = db.erasures
        known = {(str(r[0]), str(r[1])) for r in conn.execute(select(e.c.kind, e.c.record_id))}
    missing = [(k, rid) for k, rid in ids if (k, rid) not in known]
    if not missing:
        return 0

    def clock() -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    service = ErasureService(database, BlobStore(database, data_dir, clock, storage), clock)
    restorer = Principal("server-restore", "admin", (), 0, "restore")
    service.erase(restorer, [{"kind": k, "id": rid} for k, rid in missing])
    return len(missing)
