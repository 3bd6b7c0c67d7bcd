"""The server's tables (SQLAlchemy Core) and how a database is opened and migrated.

Timestamps are ISO-8601 UTC strings (``2026-11-23T05:40:00.000Z``): they sort as text and
mean the same on SQLite and PostgreSQL. JSON documents are stored as text for the same
reason. The schema itself is created by the Alembic migrations in ``migrations/versions``;
these ``Table`` objects describe it for queries and must match the latest migration.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from typing import Any

try:  # Unix: a lock file queues SQLite writers of several worker processes
    import fcntl
except ImportError:  # pragma: no cover - Windows runs one worker
    fcntl = None  # type: ignore[assignment]

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("regions", Text, nullable=False),  # JSON list of INSEE region codes
    Column("created_at", String(32), nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, nullable=False, index=True),
    Column("device_name", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("last_used_at", String(32), nullable=False),
    Column("revoked_at", String(32), nullable=True),
)

# One row per user name ("user:<name>") and per client address ("ip:<address>"): login
# attempts in the current fixed window, bumped atomically before a password is checked.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("window_start", String(32), nullable=False),
    Column("attempts", Integer, nullable=False),
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

records = Table(
    "records",
    metadata,
    Column("kind", String(20), primary_key=True),
    Column("id", String(100), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("seq", BigInteger, nullable=False, index=True),
    Column("region", String(10), nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("parent_id", String(100), nullable=True, index=True),
    Column("blob", String(64), nullable=True, index=True),
    Column("fields", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("updated_by", String(100), nullable=False),
    # Photos: who set the current blob value (blob read rule, docs/server.md).
    Column("blob_by", String(100), nullable=True),
    # Pulls filter by region and walk the sequence: one index serves both.
    Index("records_region_seq", "region", "seq"),
)

history = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("record_id", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("op", String(20), nullable=False),
    Column("op_id", String(100), nullable=True),
    Column("deleted", Boolean, nullable=False),
    Column("region", String(10), nullable=False),
    Column("fields", Text, nullable=False),
    Column("changed_by", String(100), nullable=False),
    Column("device", String(100), nullable=False),
    Column("changed_at", String(32), nullable=False),
    # The login (token) that wrote it: "the same device" means the same token.
    Column("token_id", Integer, nullable=True),
    Index("history_record", "kind", "record_id", "version"),
    # Ids are never reused (a restore marks the backup's rows by id; migration 0003).
    sqlite_autoincrement=True,
)

# One row (name = "server"): the id that changes when the store is restored from a backup.
server_identity = Table(
    "server_identity",
    metadata,
    Column("name", String(20), primary_key=True),
    Column("server_id", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("reason", String(20), nullable=False),  # created | restored
    # max(history.id) at the restore: history up to it is what the backup held.
    Column("restored_mark", BigInteger, nullable=True),
)

applied_ops = Table(
    "applied_ops",
    metadata,
    Column("op_id", String(100), primary_key=True),
    Column("user_name", String(100), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("record_id", String(100), nullable=False),
    Column("result", Text, nullable=False),  # JSON: status, version, conflict
    Column("created_at", String(32), nullable=False),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("record_id", String(100), nullable=False),
    Column("op_id", String(100), nullable=False),
    Column("user_name", String(100), nullable=False),
    Column("device", String(100), nullable=False),
    Column("server_version", Integer, nullable=False),
    Column("region", String(10), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("fields", Text, nullable=False),  # JSON list of field names
    Column("mine", Text, nullable=False),
    Column("theirs", Text, nullable=False),
    Column("base", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("resolved_at", String(32), nullable=True),
    Column("resolved_by", String(100), nullable=True),
    Index("conflicts_user_seq", "user_name", "seq"),
)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("uploaded_by", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
)

# Who has proven they hold a blob's bytes (uploaded every byte, hash checked).
blob_holders = Table(
    "blob_holders",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("user_name", String(100), primary_key=True),
    Column("created_at", String(32), nullable=False),
)

# tus uploads in progress: one per (blob, user); the bytes are in uploads/<id>.part.
uploads = Table(
    "uploads",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("user_name", String(100), nullable=False),
    Column("length", BigInteger, nullable=False),
    Column("offset", BigInteger, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    UniqueConstraint("sha256", "user_name", name="uploads_sha256_user"),
)

# Who is handling a request on one user's upload of one blob (any worker process), until
# when; the key is "<user>\n<sha256>".
blob_locks = Table(
    "blob_locks",
    metadata,
    Column("lock_key", String(200), primary_key=True),
    Column("holder", String(64), nullable=False),
    Column("expires_at", String(32), nullable=False),
)

# The erasure journal and deny-list: who erased which record (kind, id), when; no content.
# Keyed by (kind, id) since migration 0006: ids are unique within a kind only.
erasures = Table(
    "erasures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("record_id", String(100), nullable=False),
    Column("seq", BigInteger, nullable=False, index=True),
    Column("erased_by", String(100), nullable=False),
    Column("erased_at", String(32), nullable=False),
    # record_id first: push reads the deny-list by id (IN lists), then matches the kind.
    UniqueConstraint("record_id", "kind", name="erasures_record_id_kind"),
)

# Hashes of photos' bytes removed by an erasure: never taken again (migration 0004).
erased_blobs = Table(
    "erased_blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("erased_at", String(32), nullable=False),
)

# What administrators read with `fieldkit server audit` (migration 0005): who did what,
# when, from where; never any record's content.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False, index=True),
    Column("event", String(30), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("address", String(64), nullable=True),
    Column("subject", String(200), nullable=True),
    Column("detail", String(200), nullable=True),
    sqlite_autoincrement=True,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def private_dir(path: Path) -> Path:
    """Make ``path`` (and missing parents) for the server's data: a folder it creates is
    its owner's alone (0700); an existing folder is left as the operator set it."""
    path = Path(path)
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(0o700)
    return path


def private_file(path: Path) -> None:
    """Create ``path`` empty, readable by its owner only (0600), unless it exists. SQLite
    gives its -wal and -shm files the database file's mode."""
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def sqlite_file(url: str) -> Path | None:
    database = make_url(url).database
    if not url.startswith("sqlite") or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database)


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{Path(data_dir).resolve() / 'server.db'}"


# PostgreSQL connections per worker process: the pool, and how many of them pushes may hold
# at once. Pushes queue on one row lock (the change sequence); without the gate, pushes
# waiting there held every pooled connection and pulls and token checks starved behind them.
PG_POOL_SIZE = 20
PG_PUSH_SLOTS = 4
# SQLite connections kept open per engine and process: as many as the threads that may use
# them at once (anyio's default limiter: 40). SQLAlchemy's default pool keeps 5 and closes
# every connection returned beyond that, so under load most requests opened a connection,
# set its pragmas, parsed the schema and closed it again.
SQLITE_POOL_SIZE = 40
# A pooled PostgreSQL connection that sat unused this long is pinged before it is handed
# out (a restarted database, a proxy that dropped it); one in steady use is not: SQLAlchemy's
# pool_pre_ping pinged on every checkout, a round trip that cost about 1.2 ms of server CPU
# per request (bench load). Connections are replaced after PG_RECYCLE_SECONDS anyway.
PG_IDLE_PING_SECONDS = 10.0
PG_RECYCLE_SECONDS = 3600


def _ping_when_idle(engine: Engine) -> None:
    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_conn: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned_at")
        if returned is None or time.monotonic() - returned < PG_IDLE_PING_SECONDS:
            return
        try:
            cursor = dbapi_conn.cursor()
            try:
                cursor.execute("SELECT 1")
            finally:
                cursor.close()
        except Exception as exc:
            # The pool drops this connection and checks out another (up to 3 tries).
            raise DisconnectionError("a pooled connection no longer answers") from exc


def _lock_path(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).with_name(Path(database).name + ".writers")


class WriterQueue:
    """One SQLite writer at a time: a re-entrant lock for the threads of this process and,
    on Unix, an exclusive ``flock`` on a lock file beside the database for the worker
    processes (``--workers N``). A process waiting in ``flock`` sleeps in the kernel and is
    woken when the lock is released; waiting in SQLite's busy handler instead means sleeping
    and polling, which gave two workers a push p95 of about 2 s under load (bench load).
    """

    def __init__(self, path: Path | None) -> None:
        self._lock = threading.RLock()
        self._depth = 0
        self._path = path if fcntl is not None else None
        self._fd: int | None = None
        self._pid = 0

    def _file(self) -> int | None:
        if self._path is None:
            return None
        if self._fd is None or self._pid != os.getpid():  # opened anew in a forked child
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd

    def __enter__(self) -> WriterQueue:
        self._lock.acquire()
        try:
            if self._depth == 0:
                fd = self._file()
                if fd is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            self._lock.release()
            raise
        self._depth += 1
        return self

    def __exit__(self, *_exc: object) -> None:
        self._depth -= 1
        try:
            if self._depth == 0 and self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._lock.release()

    def close(self) -> None:
        if self._fd is not None and self._pid == os.getpid():
            os.close(self._fd)
        self._fd = None


class Database:
    """Two engines on one database: writes start with ``BEGIN IMMEDIATE`` on SQLite.

    SQLite upgrades a read transaction to a write one lazily and fails with "database is
    locked" if another writer got there first; taking the write lock up front makes writers
    queue (busy timeout) instead. On PostgreSQL both engines behave the same; the sequence
    counter's row lock serializes writers there.

    Writers also queue before they take a connection: on SQLite one at a time, across the
    threads of a process and across worker processes (``WriterQueue``: the next writer is
    woken as soon as the lock is free, where SQLite's busy handler sleeps and polls, up to
    100 ms a turn); on PostgreSQL at most ``PG_PUSH_SLOTS`` pushes, so the rest of the pool
    stays free for reads, logins and token checks.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        path = sqlite_file(url)
        if path is not None and not path.exists():
            # Password hashes, tokens' hashes, everyone's notes: 0600 from the start.
            private_dir(path.parent)
            private_file(path)
        self.writer = self._engine(immediate=True)
        self.reader = self._engine(immediate=False) if self.is_sqlite else self.writer
        self._sqlite_writers = WriterQueue(_lock_path(url)) if self.is_sqlite else None
        self._push_slots = threading.BoundedSemaphore(1 if self.is_sqlite else PG_PUSH_SLOTS)

    def _engine(self, *, immediate: bool) -> Engine:
        if not self.is_sqlite:
            # hide_parameters: a failing statement's error (logged on a 500) must not carry
            # the values bound to it (passwords' hashes, tokens' hashes, users' notes).
            engine = create_engine(
                self.url,
                pool_size=PG_POOL_SIZE,
                max_overflow=0,
                pool_timeout=30,
                pool_recycle=PG_RECYCLE_SECONDS,
                hide_parameters=True,
            )
            _ping_when_idle(engine)
            return engine
        engine = create_engine(
            self.url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=SQLITE_POOL_SIZE,
            max_overflow=SQLITE_POOL_SIZE,
            hide_parameters=True,
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy's begin event emit BEGIN itself (pysqlite's own is too late).
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA busy_timeout = 30000")
            # Deleted content is overwritten, not left in free pages (erasure, issue 10).
            cur.execute("PRAGMA secure_delete = ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction that does not take the change-sequence lock."""
        with self._sqlite_writers or nullcontext(), self.writer.begin() as conn:
            yield conn

    @contextmanager
    def push(self) -> Iterator[Connection]:
        """A write transaction that takes the change-sequence lock (a push, a resolution)."""
        with self._push_slots, self.write() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.reader.begin() as conn:
            yield conn

    def migrate(self) -> None:
        """Bring the schema to the latest Alembic revision (idempotent)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.set_main_option("sqlalchemy.url", self.url)
        with self.writer.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.reader.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def connection_shortfall(self, workers: int) -> str | None:
        """On PostgreSQL, a warning when the server's ``max_connections`` (less the slots
        kept for superusers) cannot hold ``workers`` pools of ``PG_POOL_SIZE``: the
        requests past it would fail with "too many clients" under load."""
        if self.is_sqlite:
            return None
        with self.reader.connect() as conn:
            limit = int(conn.exec_driver_sql("SHOW max_connections").scalar_one())
            reserved = int(conn.exec_driver_sql("SHOW superuser_reserved_connections").scalar_one())
        needed = workers * PG_POOL_SIZE
        available = limit - reserved
        if needed <= available:
            return None
        return (
            f"Warning: {workers} worker(s) keep up to {needed} PostgreSQL connections "
            f"({PG_POOL_SIZE} each), but the database allows {available} "
            f"(max_connections {limit} less {reserved} kept for superusers): under load, "
            "requests past that would fail. Raise max_connections or run fewer workers."
        )

    def dispose(self) -> None:
        if self._sqlite_writers is not None:
            self._sqlite_writers.close()
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()
