"""The client side of sync (DESIGN §5, docs/sync-protocol.md): no Qt here."""

from fieldkit.sync.blobs import NotLoggedIn, SyncCancelled, SyncError, blob_file, ensure_blob
from fieldkit.sync.client import SyncClient, SyncSummary, login, logout
from fieldkit.sync.local import get_conflict, rejected_ops, resolve_conflict

__all__ = [
    "NotLoggedIn",
    "SyncCancelled",
    "SyncClient",
    "SyncError",
    "SyncSummary",
    "blob_file",
    "ensure_blob",
    "get_conflict",
    "login",
    "logout",
    "rejected_ops",
    "resolve_conflict",
]
