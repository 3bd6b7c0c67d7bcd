"""Server limits and settings (defaults documented in docs/sync-protocol.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

MiB = 1024 * 1024

# What the audit log records (fieldkit.server.audit; `fieldkit server audit --event`).
AUDIT_EVENTS = (
    "login",
    "login_failed",
    "login_throttled",
    "user_added",
    "tokens_revoked",
    "device_revoked",
    "erasure",
    "restore",
)


@dataclass(frozen=True)
class Limits:
    json_body: int = 1 * MiB
    push_body: int = 16 * MiB
    push_ops: int = 1000
    missing_hashes: int = 5000
    upload_chunk: int = 16 * MiB
    blob_size: int = 256 * MiB
    pull_default: int = 500
    pull_max: int = 2000  # 1000 until 2026-12-01: clients step down on 422
    # A pull page also stops once its records' fields reach this many bytes (at least
    # one record per page), so a page of long notes stays a few MiB.
    pull_bytes: int = 4 * MiB
    # Pushed records: one text field (or a tag list) at most this many characters, the
    # JSON of one op's fields (or base) at most this many bytes; beyond → 413.
    field_chars: int = 100_000
    record_bytes: int = 512 * 1024
    # Login throttling: this many attempts per user name, or per client address, within the
    # window → 429. Attempts count from the moment they start (so parallel ones can't slip
    # past) and a success gives its attempt back; an address gets more room since people
    # behind one office NAT or proxy may log in at the same moment.
    login_failures: int = 5
    login_failures_per_ip: int = 20
    login_window_seconds: int = 300


@dataclass(frozen=True)
class Settings:
    """How this server is deployed (CLI options, or FIELDKIT_SERVER_* variables for workers).

    ``trusted_proxies``: addresses or networks of reverse proxies whose X-Forwarded-For is
    believed; from anyone else the header is ignored (default: nobody).
    """

    trusted_proxies: tuple[str, ...] = ()
    # Blobs in an S3-compatible bucket instead of the data directory's blobs/ folder
    # (credentials: boto3's own sources, e.g. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
    s3_bucket: str | None = None
    s3_endpoint: str | None = None
    s3_region: str | None = None
    s3_prefix: str = "blobs/"
    # Token lifetimes (OWASP ASVS 3.3): a token unused for ``token_idle_days`` or older
    # than ``token_max_days`` is refused (401 token_expired); each use renews the idle
    # time, never the age. A field agent offline longer logs in again (nothing is lost).
    token_idle_days: float = 14.0
    token_max_days: float = 30.0
    # Photos one user may keep on the server (the blobs they uploaded first, plus their
    # uploads in progress); past it an upload is refused with 507 quota_exceeded.
    user_quota_mb: float = 20_480.0
    # An upload untouched this long is dropped with its part file (the client starts it
    # again from zero if it ever comes back).
    upload_abandon_hours: float = 24.0

    @staticmethod
    def split(text: str | None) -> tuple[str, ...]:
        return tuple(part.strip() for part in (text or "").split(",") if part.strip())

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        return cls(
            trusted_proxies=cls.split(env.get("FIELDKIT_SERVER_TRUSTED_PROXIES")),
            s3_bucket=env.get("FIELDKIT_SERVER_S3_BUCKET") or None,
            s3_endpoint=env.get("FIELDKIT_SERVER_S3_ENDPOINT") or None,
            s3_region=env.get("FIELDKIT_SERVER_S3_REGION") or None,
            s3_prefix=env.get("FIELDKIT_SERVER_S3_PREFIX") or "blobs/",
            token_idle_days=float(env.get("FIELDKIT_SERVER_TOKEN_IDLE_DAYS") or 14.0),
            token_max_days=float(env.get("FIELDKIT_SERVER_TOKEN_MAX_DAYS") or 30.0),
            user_quota_mb=float(env.get("FIELDKIT_SERVER_USER_QUOTA_MB") or 20_480.0),
            upload_abandon_hours=float(env.get("FIELDKIT_SERVER_UPLOAD_ABANDON_HOURS") or 24.0),
        )

    def to_env(self) -> dict[str, str]:
        """The variables ``from_env`` reads (handed to worker processes)."""
        return {
            "FIELDKIT_SERVER_TRUSTED_PROXIES": ",".join(self.trusted_proxies),
            "FIELDKIT_SERVER_S3_BUCKET": self.s3_bucket or "",
            "FIELDKIT_SERVER_S3_ENDPOINT": self.s3_endpoint or "",
            "FIELDKIT_SERVER_S3_REGION": self.s3_region or "",
            "FIELDKIT_SERVER_S3_PREFIX": self.s3_prefix,
            "FIELDKIT_SERVER_TOKEN_IDLE_DAYS": repr(self.token_idle_days),
            "FIELDKIT_SERVER_TOKEN_MAX_DAYS": repr(self.token_max_days),
            "FIELDKIT_SERVER_USER_QUOTA_MB": repr(self.user_quota_mb),
            "FIELDKIT_SERVER_UPLOAD_ABANDON_HOURS": repr(self.upload_abandon_hours),
        }
