"""Server limits and settings (defaults documented in docs/sync-protocol.md)."""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    json_body: int = 1 * MiB
    push_body: int = 16 * MiB
    push_ops: int = 1000
    missing_hashes: int = 5000
    upload_chunk: int = 16 * MiB
    blob_size: int = 256 * MiB
    pull_default: int = 500
    pull_max: int = 1000
    # A pull page also stops once its records' fields reach this many bytes (at least
    # one record per page), so a page of long notes stays a few MiB.
    pull_bytes: int = 4 * MiB
    # Pushed records: one text field (or a tag list) at most this many characters, the
    # JSON of one op's fields (or base) at most this many bytes; beyond → 413.
    field_chars: int = 100_000
    record_bytes: int = 512 * 1024
    # Login throttling: this many failures per username or per IP within the window → 429.
    login_failures: int = 5
    login_window_seconds: int = 300
