"""Sync from the desktop app: runs ``fieldkit.sync`` in a worker, reports to the status bar.

The sync writes the local database, so it runs on the TaskManager's database lane (the one
writer); the GUI thread only receives signals. The server health probe needs no database
and runs on the compute lane.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from PySide6.QtCore import QObject, QTimer, Signal

from fieldkit.store import Store
from fieldkit.sync import (
    NotLoggedIn,
    SyncClient,
    SyncError,
    SyncSummary,
    credentials,
    login,
    logout,
    tls,
)
from fieldkit.sync import client as sync_client
from ui.tasks import Progress, Task, TaskManager

HEALTH_CHECK_MS = 60_000


def format_last_sync(iso_utc: str | None) -> str:
    """The stored UTC timestamp as local "dd/mm/yyyy hh:mm", or "" when never synced."""
    if not iso_utc:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def _status(store: Store) -> dict[str, Any]:
    url = store.get_setting(sync_client.SERVER_URL) or ""
    user = store.get_setting(sync_client.USER) or ""
    token = credentials.load_token(store.home, url, user) if url and user and store.home else None
    return {
        "server_url": url,
        "server_cert": store.get_setting(sync_client.SERVER_CERT),
        "user": user,
        "logged_in": bool(token),
        "last_sync": store.get_setting(sync_client.LAST_SYNC),
        "pending": store.outbox_count(),
        "conflicts": store.conflict_count(),
    }


class SyncController(QObject):
    """Runs sync, login and logout off the GUI thread; exposes the state as signals."""

    online_changed = Signal(bool)
    last_sync_changed = Signal(str)  # formatted local time, "" if never
    pending_changed = Signal(int)
    conflicts_changed = Signal(int)
    logged_in_changed = Signal(bool)
    busy_changed = Signal(bool)
    started = Signal()
    progressed = Signal(int, int, str)  # done, total, phase (photos, push, pull)
    finished = Signal(object)  # SyncSummary
    failed = Signal(str)  # a message for the person

    def __init__(
        self,
        tasks: TaskManager,
        parent: QObject | None = None,
        *,
        client_options: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.client_options = client_options or {}  # e.g. retry_delays, for tests
        self.server_url = ""
        self.server_cert: str | None = None  # pinned certificate (mission file), if any
        self.user = ""
        self._logged_in = False
        self.online = False
        self.last_sync = ""
        self.pending = 0
        self.conflicts = 0
        self._task: Task | None = None
        self._health_timer = QTimer(self)
        self._health_timer.setInterval(HEALTH_CHECK_MS)
        self._health_timer.timeout.connect(self.check_online)

    # -- state -------------------------------------------------------------------------
    @property
    def logged_in(self) -> bool:
        return self._logged_in

    @property
    def busy(self) -> bool:
        return self._task is not None

    def start_monitoring(self) -> None:
        """Read the state now and probe the server every minute."""
        self.refresh()
        self._health_timer.start()

    def refresh(self) -> None:
        self.tasks.run(_status, self._status_loaded, self._quiet_failure, name="sync status")

    def _status_loaded(self, status: dict[str, Any]) -> None:
        self.server_url, self.user = status["server_url"], status["user"]
        self.server_cert = status["server_cert"]
        if status["logged_in"] != self._logged_in:
            self._logged_in = status["logged_in"]
            self.logged_in_changed.emit(self._logged_in)
        self._set("last_sync", format_last_sync(status["last_sync"]), self.last_sync_changed)
        self._set("pending", status["pending"], self.pending_changed)
        self._set("conflicts", status["conflicts"], self.conflicts_changed)

    def _set(self, name: str, value: Any, signal: Any) -> None:
        if getattr(self, name) != value:
            setattr(self, name, value)
        signal.emit(value)

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
        self.online_changed.emit(online)

    def _quiet_failure(self, exc: BaseException) -> None:
        self.failed.emit(str(exc))

    def check_online(self) -> None:
        """Probe ``GET /health`` (no login needed) on the compute lane."""
        url, pin = self.server_url, self.server_cert
        if not url:
            self._set_online(False)
            return

        def probe(_progress: Progress) -> bool:
            try:
                verify = tls.verify_for(url, pin)
                return (
                    httpx.get(f"{url}/api/v1/health", timeout=5, verify=verify).status_code == 200
                )
            except (httpx.HTTPError, SyncError):
                return False

        self.tasks.run_compute(probe, self._set_online, lambda _e: self._set_online(False))

    # -- actions -----------------------------------------------------------------------
    def sync_now(self, photos: bool = False) -> Task | None:
        """Start a sync unless one is running; returns its task."""
        if self._task is not None:
            return None

        def job(store: Store, progress: Progress) -> SyncSummary:
            with SyncClient.from_settings(store, **self.client_options) as client:
                return client.sync(
                    progress=progress.report, cancelled=progress.is_cancelled, photos=photos
                )

        self._task = self.tasks.run_long(
            job, self._succeeded, self._failed, self.progressed.emit, name="sync"
        )
        self.busy_changed.emit(True)
        self.started.emit()
        return self._task

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _done(self) -> None:
        self._task = None
        self.busy_changed.emit(False)
        self.refresh()

    def _succeeded(self, summary: SyncSummary) -> None:
        self._set_online(True)
        self._done()
        self.finished.emit(summary)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, NotLoggedIn):
            message = self.tr("Not signed in to the sync server: sign in first (%1).").replace(
                "%1", str(exc)
            )
        elif isinstance(exc, SyncError) and exc.code == "offline":
            self._set_online(False)
            message = self.tr(
                "The sync server cannot be reached. Nothing is lost: your changes stay on "
                "this computer until the next sync."
            )
        elif isinstance(exc, SyncError) and exc.code == "sync_cancelled":
            message = self.tr("Sync cancelled; what was already exchanged is kept.")
        else:
            message = self.tr("Sync failed: %1").replace("%1", str(exc))
        self._done()
        self.failed.emit(message)

    def login(
        self,
        url: str,
        user: str,
        password: str,
        on_success: Any = None,
        on_failure: Any = None,
    ) -> Task:
        def job(store: Store) -> dict[str, Any]:
            return login(store, url, user, password)

        def succeeded(answer: dict[str, Any]) -> None:
            self._set_online(True)
            self.refresh()
            if on_success is not None:
                on_success(answer)

        return self.tasks.run(job, succeeded, on_failure or self._quiet_failure, name="login")

    def logout(self, on_done: Any = None) -> Task:
        def succeeded(revoked: bool) -> None:
            self.refresh()
            if on_done is not None:
                on_done(revoked)

        return self.tasks.run(logout, succeeded, self._quiet_failure, name="logout")
