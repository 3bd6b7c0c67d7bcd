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
    # Login throttling: this many failures per username or per IP within the window → 429.
    login_failures: int = 5
    login_window_seconds: int = 300
