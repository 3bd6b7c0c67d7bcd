"""Photos of other people come down when first shown (DESIGN §5.3: lazy, by hash)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldkit.store import Store
from fieldkit.sync import ensure_blob
from ui.tasks import Task, TaskManager


def fetch_missing_photo(
    tasks: TaskManager,
    sha256: str,
    on_ready: Callable[[Path], None],
    on_failure: Callable[[BaseException], None] | None = None,
    **client_options: Any,
) -> Task:
    """Download a photo's original from the sync server, then call ``on_ready(path)``.

    For a photo whose original is not here yet (``blobs.present = 0``, the photo module's
    ``blob_missing`` error): runs :func:`fieldkit.sync.ensure_blob` on the database lane
    (it records the blob as present), resuming a partial download. ``on_failure`` gets
    ``NotLoggedIn`` or ``SyncError`` (offline) to show instead of the photo.
    """

    def job(store: Store) -> Path:
        return ensure_blob(store, sha256, **client_options)

    return tasks.run(job, on_ready, on_failure, name="fetch photo")
