"""Accounts, per-device tokens and login throttling.

Passwords are hashed with argon2 (argon2-cffi); tokens are random, shown once, and only
their sha256 is stored, so a copy of the database gives no usable token.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import (
    Connection,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from fieldkit import geo
from fieldkit.errors import ValidationError
from fieldkit.server import audit, db, models
from fieldkit.server.config import Limits
from fieldkit.server.errors import ApiError
from fieldkit.store.store import iso

ROLES = ("admin", "coordinator", "agent")
# Passwords (OWASP ASVS 2.1): at least 12 characters, at most as many as a login accepts,
# and not one of the common passwords shipped beside this module.
MIN_PASSWORD = 12
MAX_PASSWORD = models.MAX_PASSWORD  # the login body's own limit: one number for both
# 20,000 most common passwords (lower case, most frequent first): Royce Williams' list, as
# Django ships it (django/contrib/auth/common-passwords.txt.gz, BSD-licensed).
COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt.gz")
ALL_REGION_ROLES = ("admin", "coordinator")
Clock = Callable[[], dt.datetime]

# Touch a token's last_used_at at most this often: a write per request would make every
# read contend for SQLite's single writer.
_LAST_USED_GRANULARITY = dt.timedelta(seconds=60)
# How long a token found valid counts as "recently valid" in this process, and how many are
# kept (a full table is simply emptied).
_HINT_SECONDS = 60.0
_HINT_MAX = 10_000


# Every request looks its token up: build that statement once.
_FIND_TOKEN = (
    select(
        db.tokens.c.id,
        db.tokens.c.device_name,
        db.tokens.c.created_at,
        db.tokens.c.last_used_at,
        db.users.c.name,
        db.users.c.role,
        db.users.c.regions,
    )
    .select_from(db.tokens.join(db.users, db.users.c.id == db.tokens.c.user_id))
    .where(and_(db.tokens.c.token_hash == bindparam("b_hash"), db.tokens.c.revoked_at.is_(None)))
)


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of a request."""

    name: str
    role: str
    regions: tuple[str, ...]
    token_id: int
    device: str

    @property
    def all_regions(self) -> bool:
        return self.role in ALL_REGION_ROLES

    def may_see(self, region: str) -> bool:
        return self.all_regions or (bool(region) and region in self.regions)

    def info(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "regions": list(self.regions)}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip())


def check_password(password: str) -> None:
    """Refuse a password too short, too long or too common (a ValidationError says why)."""
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            "password",
            f"A password needs at least {MIN_PASSWORD} characters (a few words make a good one).",
            code="short_password",
        )
    if len(password) > MAX_PASSWORD:
        raise ValidationError(
            "password",
            f"A password has at most {MAX_PASSWORD} characters (the login accepts no more).",
            code="long_password",
        )
    if password.strip().lower() in common_passwords():
        raise ValidationError(
            "password",
            "This password is among the most common ones; choose another.",
            code="common_password",
        )


def _too_many(retry: int) -> ApiError:
    return ApiError(
        429,
        "too_many_attempts",
        f"Too many failed logins; try again in {retry} seconds.",
        details={"retry_after": retry},
        headers={"Retry-After": str(retry)},
    )


def parse_regions(codes: str | Iterable[str]) -> list[str]:
    """Region codes as typed ("84,93" or a list) → checked, normalised INSEE codes."""
    items = codes.split(",") if isinstance(codes, str) else list(codes)
    out: list[str] = []
    for raw in items:
        code = str(raw).strip()
        if not code:
            continue
        region = geo.region(code)
        if region is None:
            raise ValidationError(
                "regions",
                f"Unknown région code {code!r} (INSEE codes such as 53 for Bretagne, "
                "76 for Occitanie).",
                code="unknown_region",
                value=code,
            )
        if region.code not in out:
            out.append(region.code)
    return out


class Accounts:
    def __init__(
        self,
        database: db.Database,
        clock: Clock,
        limits: Limits,
        hasher: PasswordHasher | None = None,
        *,
        token_idle: dt.timedelta = dt.timedelta(days=14),
        token_max: dt.timedelta = dt.timedelta(days=30),
    ) -> None:
        self.db = database
        self.clock = clock
        self.limits = limits
        self.token_idle = token_idle
        self.token_max = token_max
        self.hasher = hasher or PasswordHasher()
        self._dummy: str | None = None
        # Token hashes this process found valid lately → when (monotonic). Only a hint:
        # it lets the gate leave a push's or pull's token check to the endpoint's own
        # thread (one thread hop fewer), where the database still decides (``Caller``).
        self._recent: dict[str, float] = {}

    # -- users -----------------------------------------------------------------------
    def add_user(
        self,
        name: str,
        password: str,
        role: str,
        regions: Iterable[str] = (),
        *,
        by: str | None = None,
    ) -> dict[str, Any]:
        """Add an account; ``by`` (default: this machine's user) goes to the audit log."""
        name = name.strip()
        if not name or len(name) > 100 or any(ch.isspace() for ch in name):
            raise ValidationError(
                "name", "A user name is 1–100 characters without spaces.", code="bad_user_name"
            )
        if role not in ROLES:
            raise ValidationError(
                "role", f"Unknown role {role!r} (one of {', '.join(ROLES)}).", code="bad_role"
            )
        check_password(password)
        region_list = parse_regions(regions)
        if role == "agent" and not region_list:
            raise ValidationError(
                "regions",
                "An agent needs at least one région (--regions 53,76).",
                code="no_regions",
            )
        with self.db.write() as conn:
            # Names that differ only by case are one person to a reader: refused too.
            same = conn.execute(
                select(db.users.c.name).where(func.lower(db.users.c.name) == name.lower())
            ).scalar()
            if same is not None:
                raise ValidationError(
                    "name",
                    f"A user named {same!r} already exists"
                    + ("." if same == name else " (names differing only by case are refused)."),
                    code="duplicate_user",
                )
            conn.execute(
                insert(db.users).values(
                    name=name,
                    password_hash=self.hasher.hash(password),
                    role=role,
                    regions=json.dumps(region_list),
                    created_at=iso(self.clock()),
                )
            )
            audit.record(
                conn,
                iso(self.clock()),
                "user_added",
                by or audit.operator(),
                subject=name,
                detail=f"{role} {','.join(region_list) or 'all régions'}",
            )
        return {"name": name, "role": role, "regions": region_list}

    def users(self) -> list[dict[str, Any]]:
        with self.db.read() as conn:
            rows = conn.execute(select(db.users).order_by(db.users.c.name)).mappings().all()
        return [
            {"name": r["name"], "role": r["role"], "regions": json.loads(r["regions"])}
            for r in rows
        ]

    # -- login -----------------------------------------------------------------------
    def login(self, username: str, password: str, device_name: str, ip: str) -> dict[str, Any]:
        now = self.clock()
        # Count the attempt before checking the password, in one statement per key: parallel
        # attempts (in any worker) each get their own number, so at most the limit are checked.
        try:
            address_retry = self._take_attempt(username, ip, now)
        except ApiError:
            self._audit_failure("login_throttled", username, ip, now)
            raise
        with self.db.read() as conn:
            user = (
                conn.execute(select(db.users).where(db.users.c.name == username)).mappings().first()
            )
        # An unknown name costs the same argon2 work as a wrong password: no timing oracle.
        stored_hash = user["password_hash"] if user is not None else self._dummy_hash()
        if not self._verify(stored_hash, password) or user is None:
            if address_retry is not None:
                self._audit_failure("login_throttled", username, ip, now)
                raise _too_many(address_retry)
            self._audit_failure("login_failed", username, ip, now)
            raise ApiError(401, "invalid_credentials", "Wrong user name or password.")
        token = "fk_" + secrets.token_urlsafe(32)
        t = db.login_throttle
        with self.db.write() as conn:
            # A success clears the name's count and gives its attempt back to the address.
            conn.execute(delete(t).where(t.c.key == f"user:{username}"))
            conn.execute(
                update(t)
                .where(and_(t.c.key == f"ip:{ip}", t.c.attempts > 0))
                .values(attempts=t.c.attempts - 1)
            )
            conn.execute(
                insert(db.tokens).values(
                    token_hash=hash_token(token),
                    user_id=user["id"],
                    device_name=device_name,
                    created_at=iso(now),
                    last_used_at=iso(now),
                    revoked_at=None,
                )
            )
            audit.record(conn, iso(now), "login", username, address=ip, detail=device_name)
        return {
            "token": token,
            "user": {
                "name": user["name"],
                "role": user["role"],
                "regions": json.loads(user["regions"]),
            },
        }

    def _audit_failure(self, event: str, username: str, ip: str, now: dt.datetime) -> None:
        # The name as typed (no user may exist by it); never the password.
        with self.db.write() as conn:
            audit.record(conn, iso(now), event, username, address=ip)

    def _dummy_hash(self) -> str:
        """A hash made with the server's own parameters, for unknown user names."""
        if self._dummy is None:
            self._dummy = self.hasher.hash(secrets.token_hex(16))
        return self._dummy

    def _verify(self, stored_hash: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def _take_attempt(self, username: str, ip: str, now: dt.datetime) -> int | None:
        """Count a login attempt for the name and the address. Past the name's limit: 429
        at once, no password checked. Past the address's limit: the seconds until it may
        try again, for the caller to answer 429 to a *wrong* password only: many people
        share one address (an office NAT, a proxy not listed in --trusted-proxies), and
        guesses at one account must never lock the others out. Guessing at many accounts
        is still held by each name's own limit.

        Fixed windows: a key's window starts at its first attempt after the last one
        expired. One upsert … RETURNING per key (SQLite ≥ 3.35 and PostgreSQL alike).
        """
        window = dt.timedelta(seconds=self.limits.login_window_seconds)
        since, now_iso = iso(now - window), iso(now)
        t = db.login_throttle
        expired = t.c.window_start < since
        over: dict[str, str] = {}  # "user" / "ip" → the window start of a key past its limit
        with self.db.write() as conn:
            dialect_insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
            keys = (
                ("user", f"user:{username}", self.limits.login_failures),
                ("ip", f"ip:{ip}", self.limits.login_failures_per_ip),
            )
            for which, key, limit in keys:
                statement = (
                    dialect_insert(t)
                    .values(key=key, window_start=now_iso, attempts=1)
                    .on_conflict_do_update(
                        index_elements=[t.c.key],
                        set_={
                            "attempts": case((expired, 1), else_=t.c.attempts + 1),
                            "window_start": case((expired, now_iso), else_=t.c.window_start),
                        },
                    )
                    .returning(t.c.attempts, t.c.window_start)
                )
                attempts, window_start = conn.execute(statement).one()
                if attempts > limit:
                    over[which] = window_start

        def retry_after(window_start: str) -> int:
            started = dt.datetime.fromisoformat(window_start.replace("Z", "+00:00"))
            return max(1, int((started + window - now).total_seconds()) + 1)

        if "user" in over:
            raise _too_many(retry_after(over["user"]))
        return retry_after(over["ip"]) if "ip" in over else None

    # -- tokens ----------------------------------------------------------------------
    def authenticate(self, token: str, conn: Connection | None = None) -> Principal:
        """The token's user, from the database (in ``conn``'s transaction when given)."""
        now = self.clock()
        token_hash = hash_token(token)
        if conn is None:
            with self.db.read() as c:
                row = c.execute(_FIND_TOKEN, {"b_hash": token_hash}).mappings().first()
        else:
            row = conn.execute(_FIND_TOKEN, {"b_hash": token_hash}).mappings().first()
        if row is None:
            self._recent.pop(token_hash, None)
            raise ApiError(
                401,
                "invalid_token",
                "The token is unknown or has been revoked; log in again.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if row["created_at"] < iso(now - self.token_max) or row["last_used_at"] < iso(
            now - self.token_idle
        ):
            self._recent.pop(token_hash, None)
            raise ApiError(
                401,
                "token_expired",
                "This login has expired (unused too long, or too old); log in again. "
                "Nothing on the device is lost.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        # Each use renews the idle time (never the age).
        if row["last_used_at"] < iso(now - _LAST_USED_GRANULARITY):
            with self.db.write() as c:
                c.execute(
                    update(db.tokens)
                    .where(db.tokens.c.id == row["id"])
                    .values(last_used_at=iso(now))
                )
        self._remember(token_hash)
        return Principal(
            name=row["name"],
            role=row["role"],
            regions=tuple(json.loads(row["regions"])),
            token_id=row["id"],
            device=row["device_name"],
        )

    def recently_valid(self, token: str) -> bool:
        """Whether this process found ``token`` valid in the last minute (a hint only)."""
        seen = self._recent.get(hash_token(token))
        return seen is not None and time.monotonic() - seen < _HINT_SECONDS

    def _remember(self, token_hash: str) -> None:
        if len(self._recent) >= _HINT_MAX:
            self._recent.clear()
        self._recent[token_hash] = time.monotonic()

    def revoke(self, token_id: int) -> None:
        self._recent.clear()
        with self.db.write() as conn:
            conn.execute(
                update(db.tokens)
                .where(and_(db.tokens.c.id == token_id, db.tokens.c.revoked_at.is_(None)))
                .values(revoked_at=iso(self.clock()))
            )

    def expires_at(self, created_at: str, last_used_at: str) -> str:
        created = dt.datetime.fromisoformat(created_at.replace("Z", "+00:00"))
        used = dt.datetime.fromisoformat(last_used_at.replace("Z", "+00:00"))
        return iso(min(created + self.token_max, used + self.token_idle))

    def devices(self, p: Principal) -> list[dict[str, Any]]:
        """``p``'s own live logins, the most recently used first."""
        t, u = db.tokens, db.users
        now = iso(self.clock())
        with self.db.read() as conn:
            rows = (
                conn.execute(
                    select(t.c.id, t.c.device_name, t.c.created_at, t.c.last_used_at)
                    .select_from(t.join(u, u.c.id == t.c.user_id))
                    .where(and_(u.c.name == p.name, t.c.revoked_at.is_(None)))
                    .order_by(t.c.last_used_at.desc(), t.c.id.desc())
                )
                .mappings()
                .all()
            )
        out = []
        for r in rows:
            expires = self.expires_at(r["created_at"], r["last_used_at"])
            if expires <= now:
                continue
            out.append(
                {
                    "id": r["id"],
                    "device_name": r["device_name"],
                    "created_at": r["created_at"],
                    "last_used_at": r["last_used_at"],
                    "expires_at": expires,
                    "current": r["id"] == p.token_id,
                }
            )
        return out

    def revoke_own(self, p: Principal, token_id: int, address: str | None = None) -> None:
        """Revoke one of ``p``'s own logins; 404 for another user's or an unknown id."""
        t, u = db.tokens, db.users
        self._recent.clear()
        with self.db.write() as conn:
            owner = conn.execute(
                select(t.c.user_id).where(and_(t.c.id == token_id, t.c.revoked_at.is_(None)))
            ).scalar()
            mine = conn.execute(select(u.c.id).where(u.c.name == p.name)).scalar()
            if owner is None or owner != mine:
                raise ApiError(404, "not_found", f"You have no login (device) {token_id}.")
            conn.execute(
                update(t)
                .where(and_(t.c.id == token_id, t.c.revoked_at.is_(None)))
                .values(revoked_at=iso(self.clock()))
            )
            audit.record(
                conn,
                iso(self.clock()),
                "device_revoked",
                p.name,
                address=address,
                subject=f"login {token_id}",
            )

    def revoke_user_tokens(self, username: str) -> int:
        """Revoke every live token of a user (all devices); returns how many."""
        self._recent.clear()
        with self.db.write() as conn:
            user_id = conn.execute(
                select(db.users.c.id).where(db.users.c.name == username)
            ).scalar()
            if user_id is None:
                raise ValidationError("name", f"No user named {username!r}.", code="unknown_user")
            result = conn.execute(
                update(db.tokens)
                .where(or_(db.tokens.c.user_id == user_id))
                .where(db.tokens.c.revoked_at.is_(None))
                .values(revoked_at=iso(self.clock()))
            )
            audit.record(
                conn,
                iso(self.clock()),
                "tokens_revoked",
                audit.operator(),
                subject=username,
                detail=f"{int(result.rowcount)} login(s)",
            )
            return int(result.rowcount)
