"""Sync from the desktop app: runs ``fieldkit.sync`` in a worker, reports to the status bar.

The sync runs on the TaskManager's apart lane with its own connection to the database, and
applies each pulled page in one short transaction: the database lane stays free, so the
window lists and opens visits and autosaves while a sync runs (the open editors learn of
the pages it applied through ``ui.record_watch``). The GUI thread only receives signals.
The server health probe needs no database and runs on the compute lane.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from PySide6.QtCore import QObject, QSettings, QTimer, Signal

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
from ui.i18n import error_message
from ui.tasks import Progress, Task, TaskManager

HEALTH_CHECK_MS = 60_000
#: Automatic sync: this long after edits settle, and every AUTO_PERIOD_MS anyway.
AUTO_SETTLE_MS = 5_000
AUTO_PERIOD_MS = 5 * 60_000
#: QSettings key remembering whether automatic sync is on (it is, unless turned off).
AUTO_SETTING = "sync/automatic"


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
        self._status_known = False
        self._health_timer = QTimer(self)
        self._health_timer.setInterval(HEALTH_CHECK_MS)
        self._health_timer.timeout.connect(self.check_online)
        # Automatic sync: a few seconds after edits settle, and every few minutes; quiet
        # when the server cannot be reached (the next probe or period tries again).
        self.auto = bool(QSettings().value(AUTO_SETTING, True, type=bool))
        self.running_auto = False  # the sync running (or just finished) was automatic
        self._settle_timer = QTimer(self, singleShot=True, interval=AUTO_SETTLE_MS)
        self._settle_timer.timeout.connect(lambda: self._auto_sync(only_if_pending=True))
        self._period_timer = QTimer(self, interval=AUTO_PERIOD_MS)
        self._period_timer.timeout.connect(lambda: self._auto_sync(only_if_pending=False))

    # -- state -------------------------------------------------------------------------
    @property
    def logged_in(self) -> bool:
        return self._logged_in

    @property
    def busy(self) -> bool:
        return self._task is not None

    @property
    def auto_sync_armed(self) -> bool:
        """Whether a timer is set to start an automatic sync (edits settling, the period)."""
        return self._settle_timer.isActive() or self._period_timer.isActive()

    def start_monitoring(self) -> None:
        """Read the state now and probe the server every minute."""
        self.refresh()
        self._health_timer.start()
        if self.auto:
            self._period_timer.start()

    # -- automatic sync ------------------------------------------------------------------
    def set_auto(self, on: bool) -> None:
        """Turn automatic sync on or off (remembered in QSettings)."""
        self.auto = bool(on)
        QSettings().setValue(AUTO_SETTING, self.auto)
        if self.auto:
            self._period_timer.start()
            self.note_local_change()
        else:
            self._period_timer.stop()
            self._settle_timer.stop()

    def set_auto_delays(self, settle_ms: int, period_ms: int) -> None:
        self._settle_timer.setInterval(settle_ms)
        self._period_timer.setInterval(period_ms)
        if self._period_timer.isActive():
            self._period_timer.start()

    def note_local_change(self) -> None:
        """Something was written here: sync once the edits settle (if automatic)."""
        if self.auto and self._logged_in:
            self._settle_timer.start()

    def _auto_sync(self, only_if_pending: bool) -> None:
        if not (self.auto and self._logged_in) or self._task is not None:
            return
        if not only_if_pending:
            self.sync_now(auto=True)
            return

        def anything_to_send(store: Store) -> bool:
            from fieldkit.sync import pending_report

            report = pending_report(store)
            return bool(report.changes or report.photos_unsent or report.resolutions)

        self.tasks.run(
            anything_to_send,
            lambda yes: yes and self._task is None and self.sync_now(auto=True),
            lambda _exc: None,
            name="anything to send",
        )

    def refresh(self) -> None:
        self.tasks.run(_status, self._status_loaded, self._quiet_failure, name="sync status")

    def _status_loaded(self, status: dict[str, Any]) -> None:
        first = not self._status_known
        self._status_known = True
        self.server_url, self.user = status["server_url"], status["user"]
        self.server_cert = status["server_cert"]
        if first and self.server_url:
            # At start-up, ask the server quietly rather than say « Hors ligne » until the
            # first sync (or the first minute's probe).
            self.check_online()
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
        came_back = online and not self.online
        if online != self.online:
            self.online = online
        self.online_changed.emit(online)
        if came_back and self._task is None:
            self.note_local_change()  # back online: send what waited

    def _quiet_failure(self, exc: BaseException) -> None:
        self.failed.emit(error_message(exc))

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
    def sync_now(self, photos: bool = False, auto: bool = False) -> Task | None:
        """Start a sync unless one is running; returns its task. ``auto``: started by
        automatic sync (then an unreachable server is not reported: it is expected)."""
        if self._task is not None:
            return None
        self.running_auto = auto
        self._settle_timer.stop()

        def job(store: Store, progress: Progress) -> SyncSummary:
            with SyncClient.from_settings(store, **self.client_options) as client:
                return client.sync(
                    progress=progress.report, cancelled=progress.is_cancelled, photos=photos
                )

        self._task = self.tasks.run_apart(
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
                "%1", error_message(exc)
            )
        elif isinstance(exc, SyncError) and exc.code == "offline":
            self._set_online(False)
            if self.running_auto:
                self._done()  # offline is normal in the field: the status bar says so
                return
            message = self.tr(
                "The sync server cannot be reached. Nothing is lost: your changes stay on "
                "this computer until the next sync."
            )
        elif isinstance(exc, SyncError) and exc.code == "sync_cancelled":
            message = self.tr("Sync cancelled; what was already exchanged is kept.")
        else:
            message = self.tr("Sync failed: %1").replace("%1", error_message(exc))
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
            # Signed in from now on: whoever is told next (the dialog starting the first
            # sync) must not wait for the status re-read, or it would ask to sign in again.
            self.server_url, self.user = url.rstrip("/"), user
            if not self._logged_in:
                self._logged_in = True
                self.logged_in_changed.emit(True)
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
