"""The client side of sync (DESIGN §5, docs/sync-protocol.md): no Qt here."""

from fieldkit.sync.blobs import NotLoggedIn, SyncCancelled, SyncError, blob_file, ensure_blob
from fieldkit.sync.client import SyncClient, SyncSummary, login, logout
from fieldkit.sync.local import (
    discard_rejected,
    get_conflict,
    rejected_ops,
    resolve_conflict,
    retry_rejected,
)
from fieldkit.sync.pending import (
    PendingReport,
    SentCheck,
    check_all_sent,
    check_with_server,
    pending_report,
)

__all__ = [
    "NotLoggedIn",
    "PendingReport",
    "SentCheck",
    "SyncCancelled",
    "SyncClient",
    "SyncError",
    "SyncSummary",
    "blob_file",
    "check_all_sent",
    "check_with_server",
    "discard_rejected",
    "ensure_blob",
    "get_conflict",
    "login",
    "logout",
    "pending_report",
    "rejected_ops",
    "resolve_conflict",
    "retry_rejected",
]
