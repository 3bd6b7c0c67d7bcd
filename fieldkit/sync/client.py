"""The sync client: blobs, then push, then pull, over HTTP with httpx.

Follows ``docs/sync-protocol.md``. Every step is safe to cut off and run again:

- blobs: the server is asked which hashes it lacks, and an interrupted upload resumes
  from the offset the server reports (tus semantics);
- push: outbox entries carry ``op_id``\\ s, so a batch resent after a lost answer is
  answered from the server's stored results; an entry leaves the outbox only once the
  server's answer for it is written locally;
- pull: a page and the cursor are written in one local transaction.

Network errors and 5xx answers are retried with exponential backoff, a bounded number of
times, each wait drawn at random between half and one and a half times its step (jitter:
a team's laptops coming back online together do not hammer the server in step); a 429 or
503 with ``Retry-After`` is retried no sooner than the server asked. Then
:class:`SyncError` says what happened, and nothing local was lost.
"""

from __future__ import annotations

import base64
import email.utils
import errno
import gc
import json
import os
import random
import socket
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from fieldkit import __version__, encryption, jsonwire, missions, retention
from fieldkit.errors import ValidationError
from fieldkit.store import Change, Store
from fieldkit.sync import credentials, journal, local, tls
from fieldkit.sync.blobs import (
    NotLoggedIn,
    SyncCancelled,
    SyncError,
    blob_file,
    file_sha256,
    partial_file,
)
from fieldkit.sync.transport import CountingTransport

API = "/api/v1"
# Blob uploads speak tus 1.0.0 (core + creation + checksum); docs/sync-protocol.md.
TUS = {"Tus-Resumable": "1.0.0"}
# A body encoded here (jsonwire: several times faster than httpx's json=).
JSON_BODY = {"Content-Type": "application/json"}
Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

# Settings keys in the local store (``Store.get_setting``).
SERVER_URL = "server_url"
USER = "user"  # also the name the store stamps on records (created_by / updated_by)
LAST_SYNC = "last_sync"
ROLE = "sync_role"
REGIONS = "sync_regions"
DEVICE = "sync_device"
ERASURE_CURSOR = "erasure_cursor"  # sync_state: the last erasure seq read from the server
SERVER_CERT = "server_cert_sha256"  # pinned certificate of a self-signed server (mission file)


@dataclass
class SyncSummary:
    """What one sync did; the CLI prints it, the GUI redraws from ``changes``."""

    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    blobs_uploaded: int = 0
    blobs_downloaded: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    rejected: list[str] = field(default_factory=list)  # messages for ops the server refused
    # Pulled records not written here (the server sent values this laptop refuses): why.
    refused_here: list[str] = field(default_factory=list)
    erasures_sent: int = 0  # erasure requests made here that the server applied
    # Erasure requests the server refused (an agent's: a coordinator must erase those).
    erasures_refused: int = 0
    erased: int = 0  # records erased elsewhere and purged here
    changes: list[Change] = field(default_factory=list)
    # The server was restored from a backup: records sent again (0 when it was not).
    reconciled: int = 0

    def describe(self) -> str:
        parts = [
            f"sent {self.pushed} change(s)",
            f"received {self.pulled} record(s)",
            f"{self.conflicts} new conflict(s)",
            f"photos: {self.blobs_uploaded} uploaded, {self.blobs_downloaded} downloaded",
            f"{_human(self.bytes_up)} up, {_human(self.bytes_down)} down",
        ]
        if self.erasures_sent or self.erased:
            parts.append(
                f"erasures: {self.erasures_sent} sent, {self.erased} record(s) purged here"
            )
        text = "; ".join(parts) + "."
        if self.reconciled:
            text = (
                "The server was restored from a backup: "
                f"{self.reconciled} record(s) it lacked were sent again.\n" + text
            )
        if self.rejected:
            text += "\nRefused by the server:\n" + "\n".join(f"  - {m}" for m in self.rejected)
        if self.refused_here:
            text += "\nReceived but not written here:\n" + "\n".join(
                f"  - {m}" for m in self.refused_here
            )
        return text


def _human(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


#: Records per pull page the client asks for: the protocol's maximum, so that a first sync
#: writes fewer, larger local transactions (docs/sync-protocol.md, Pull). A server that
#: answers 422 is asked for OLDER_PULL_LIMIT (the maximum before 2026-12-01), then for its
#: default.
PULL_LIMIT = 2000
OLDER_PULL_LIMIT = 1000
#: Records in the first page of a pull from zero (a first sync): see _fetch_page.
FIRST_PULL_PAGE = 250


class ServerChanged(Exception):
    """The server is another incarnation of the store this device synced with (restored
    from a backup): reconcile before pushing or pulling more."""

    def __init__(self, server_id: str) -> None:
        super().__init__(server_id)
        self.server_id = server_id


class ServerError(SyncError):
    """The server answered with an error body (docs/sync-protocol.md, Errors)."""

    def __init__(self, status: int, code: str, message: str, details: dict[str, Any]):
        super().__init__(message, code=code, status=status, details=details)
        self.status = status
        self.details = details


PULL_CACHE_KIB = 128 * 1024


def default_device_name() -> str:
    return socket.gethostname()[:100] or "fieldkit"


class SyncClient:
    """One device's sync session with a server.

    ``transport`` lets tests and benchmarks put an httpx transport under the client (to
    count bytes or lose requests); bytes are always counted for the summary.
    """

    def __init__(
        self,
        store: Store,
        base_url: str,
        token: str,
        *,
        transport: httpx.BaseTransport | None = None,
        push_batch: int = 500,
        pull_limit: int | None = PULL_LIMIT,
        pull_tables: bool = True,
        chunk_size: int = 4 * 1024 * 1024,
        retry_delays: Sequence[float] = (0.25, 0.5, 1.0, 2.0, 4.0),
        timeout: float = 60.0,
        verify: bool | ssl.SSLContext = True,
        max_retry_after: float = 30.0,
        rng: random.Random | None = None,
    ) -> None:
        refuse_demo(store)
        self.store = store
        self.base_url = base_url.rstrip("/")
        self.token = token
        # ``verify``: a pinned certificate's context (fieldkit.sync.tls) for a self-signed
        # server; it belongs to the transport, which httpx would otherwise make itself.
        self.wire = CountingTransport(transport or httpx.HTTPTransport(verify=verify))
        self.push_batch = push_batch
        self.pull_limit = pull_limit
        # Runs of pull pages come as tables of rows (fewer objects to decode and build).
        self.pull_tables = pull_tables
        self.chunk_size = chunk_size
        self.retry_delays = tuple(retry_delays)
        self._max_ops = push_batch  # lowered when the server finds a batch too large (413)
        # A server asking for a longer pause than this is not waited for within a sync:
        # the sync stops and says when to try again (SyncError code "server_busy").
        self.max_retry_after = max_retry_after
        self.rng = rng or random.Random()
        self.waits: list[float] = []  # every pause taken before a retry (tests, logs)
        self._pushed_seqs: list[int] = []
        self._bulk = False  # this pull pauses the search index's merges (several pages)
        self.http = httpx.Client(
            base_url=self.base_url + API,
            transport=self.wire,
            timeout=timeout,
            headers={"User-Agent": f"fieldkit/{__version__}"}
            | ({"Authorization": f"Bearer {token}"} if token else {}),
        )
        # httpx's defaults that HTTP/1.1 does not need (keep-alive is the default, any
        # media type is fine): every byte counts on a field laptop's mobile connection.
        for header in ("Accept", "Connection"):
            self.http.headers.pop(header, None)

    @classmethod
    def from_settings(cls, store: Store, **kwargs: Any) -> SyncClient:
        """A client for the server and user this store logged in to."""
        url = store.get_setting(SERVER_URL)
        user = store.get_setting(USER)
        if not url or not user or store.home is None:
            raise NotLoggedIn(
                "Not logged in to a sync server: run `fieldkit login URL --user NAME` first."
            )
        token = credentials.load_token(store.home, url, user)
        if not token:
            raise NotLoggedIn(
                f"No saved login for {user} at {url}: run `fieldkit login {url} --user {user}`."
            )
        kwargs.setdefault("verify", tls.verify_for(url, store.get_setting(SERVER_CERT)))
        return cls(store, url, token, **kwargs)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- HTTP with retries ---------------------------------------------------------------
    def _request(
        self,
        method: str,
        path: str,
        *,
        ok: Sequence[int] = (200,),
        cancelled: Cancelled | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """One request, retried on network errors and 5xx; raises on other errors."""
        last_error = ""
        asked = 0.0  # the pause the server asked for (Retry-After), if any
        for attempt in range(len(self.retry_delays) + 1):
            if attempt:
                self._pause(attempt, asked)
            asked = 0.0
            if cancelled is not None and cancelled():
                raise SyncCancelled("Sync cancelled; what was done so far is kept.")
            try:
                response = self.http.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                last_error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                if refused_at_once(exc):
                    break  # nobody listens there: waiting will not change it, say so now
                continue
            if response.status_code in ok:
                return response
            if response.status_code in (429, 503):
                retry_after = retry_after_seconds(response)
                if retry_after is not None and retry_after > self.max_retry_after:
                    raise self._error(response, retry_after=retry_after)
                if response.status_code == 429 and retry_after is None:
                    raise self._error(response)
                asked = retry_after or 0.0
                last_error = f"HTTP {response.status_code}"
                continue
            # 507: the server's disk is full, or this user's quota: waiting won't help.
            if response.status_code >= 500 and response.status_code != 507:
                last_error = f"HTTP {response.status_code}"
                continue
            raise self._error(response)
        raise SyncError(
            f"Could not reach the sync server at {self.base_url} ({last_error}). "
            "Nothing was lost: your changes stay on this computer; sync again later.",
            code="offline",
            url=self.base_url,
        )

    def backoff(self, attempt: int) -> float:
        """The pause before retry number ``attempt`` (1-based): its step, with jitter."""
        step = self.retry_delays[min(attempt, len(self.retry_delays)) - 1]
        return step * self.rng.uniform(0.5, 1.5)

    def _pause(self, attempt: int, asked: float = 0.0) -> None:
        wait = max(self.backoff(attempt), asked)
        self.waits.append(wait)
        time.sleep(wait)

    def _error(self, response: httpx.Response, *, retry_after: float | None = None) -> SyncError:
        try:
            body = response.json()["error"]
            code, message, details = body["code"], body["message"], body.get("details") or {}
        except (ValueError, KeyError, TypeError):
            code, message, details = "http_error", response.text[:200], {}
        if retry_after is not None:
            details = {**details, "retry_after": retry_after}
        if response.status_code == 401:
            return NotLoggedIn(
                f"The server refused this login ({message}). Run `fieldkit login` again.",
                code=code,
            )
        return ServerError(response.status_code, code, f"Server: {message}", details)

    # -- the whole sync ------------------------------------------------------------------
    def sync(
        self,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        photos: bool = False,
    ) -> SyncSummary:
        """Blobs, push, pull (and all missing photos with ``photos=True``)."""
        summary = SyncSummary()
        up0, down0 = self.wire.bytes_up, self.wire.bytes_down
        report = progress or (lambda done, total, label: None)
        try:
            for attempt in range(3):
                try:
                    self._sync_once(summary, report, cancelled)
                    break
                except ServerChanged as changed:
                    if attempt == 2:
                        raise SyncError(
                            "The server keeps changing identity (restored again and again?); "
                            "nothing was lost here, sync again later.",
                            code="server_changed",
                        ) from None
                    self.reconcile(changed.server_id, summary, cancelled)
            self.refresh_journals(summary)
            if photos:
                self.download_missing_blobs(summary, report, cancelled)
            self.store.set_setting(LAST_SYNC, self.store.now())
        finally:
            summary.bytes_up = self.wire.bytes_up - up0
            summary.bytes_down = self.wire.bytes_down - down0
        return summary

    def _sync_once(
        self, summary: SyncSummary, report: Progress, cancelled: Cancelled | None
    ) -> None:
        # Past the mission's retention date, stored names become pseudonyms (edits
        # that this sync sends on).
        retention.apply_if_due(self.store)
        # Erasures first: nothing erased is uploaded or pushed again (docs/privacy.md).
        self.exchange_erasures(summary, cancelled)
        self.upload_blobs(summary, report, cancelled)
        # Refused changes the person has fixed since (by editing the record) go again.
        local.requeue_fixed_rejections(self.store)
        self._pushed_seqs = []
        since = local.cursor(self.store)
        self.push(summary, report, cancelled)
        self.send_resolutions(cancelled)
        if self.store.outbox_count() == 0:
            # What we just pushed is written here already: don't pull it back.
            local.skip_own_changes(self.store, since, self._pushed_seqs)
        self.pull(summary, report, cancelled)

    def refresh_journals(self, summary: SyncSummary, limit: int = 50) -> int:
        """Fetch again the journals (« Historique ») kept here of records this sync changed,
        so that they open offline up to date. Only records whose journal someone opened
        before; a failure leaves the old one (it is a convenience, not data)."""
        changed = {(c.kind, c.id) for c in summary.changes}
        if not changed:
            return 0
        kept = {
            (r[0], r[1])
            for r in self.store.conn.execute("SELECT kind, record_id FROM record_journal")
        }
        wanted = sorted(changed & kept)[:limit]
        done = 0
        for kind, record_id in wanted:
            try:
                answer = self._request("GET", f"/records/{kind}/{record_id}/history")
            except SyncError:
                continue
            journal.save(self.store, answer.json())
            done += 1
        return done

    # -- server restored from a backup -------------------------------------------------------
    def reconcile(
        self, new_server_id: str, summary: SyncSummary, cancelled: Cancelled | None = None
    ) -> local.ReconcileResult:
        """The server was restored: ask which of our records it lacks or holds older,
        queue those again (merged against what the backup held), pull from zero."""
        keys = local.synced_records(self.store)
        answers: list[dict[str, Any]] = []
        for i in range(0, len(keys), 5000):
            response = self._request(
                "POST",
                "/sync/reconcile",
                json={"records": [{"kind": k, "id": rid} for k, rid, _ in keys[i : i + 5000]]},
                cancelled=cancelled,
            )
            body = response.json()
            new_server_id = body["server_id"]
            answers.extend(body["records"])
        on_server = self.server_conflict_ids(cancelled)
        result = local.reconcile(self.store, answers, new_server_id, on_server)
        summary.reconciled += result.resent + result.conflicts_resent
        return result

    def server_conflict_ids(self, cancelled: Cancelled | None = None) -> set[str]:
        """The ids of every conflict the server holds for this user (open or resolved)."""
        answer = self._request("GET", "/conflicts", params={"open": "false"}, cancelled=cancelled)
        return {str(c["id"]) for c in answer.json()["conflicts"]}

    # -- erasures ------------------------------------------------------------------------
    def exchange_erasures(self, summary: SyncSummary, cancelled: Cancelled | None = None) -> None:
        """Send the erasures asked for here; before photos go up, purge those made elsewhere.

        Pull carries the erased ids too, and the server refuses ops on them, so an
        outbox entry cannot bring a record back; a photo file could, if it went up first:
        so when there are files to send, the erased ids are read before them.
        """
        from fieldkit import erasure

        pending = erasure.pending_requests(self.store)
        for start in range(0, len(pending), 500):
            chunk = pending[start : start + 500]
            response = self._request(
                "POST", "/sync/erase", json={"erasures": chunk}, cancelled=cancelled
            )
            for result in response.json()["results"]:
                message = erasure.answer_message(result)
                erasure.request_answered(
                    self.store, result["kind"], result["id"], result["status"], message
                )
                # not_found: the server never had it (erased here before it was sent).
                if result["status"] in ("erased", "not_found"):
                    summary.erasures_sent += 1
                else:
                    summary.erasures_refused += 1
                    summary.rejected.append(message)
        if not self._blobs_to_send():
            return
        while True:
            since = max(
                int(local.state_value(self.store, ERASURE_CURSOR) or 0), local.cursor(self.store)
            )
            page = self._request(
                "GET", "/sync/erasures", params={"since": since}, cancelled=cancelled
            ).json()
            self._purge(page["erasures"], int(page["next"]), summary)
            if not page.get("more"):
                return

    def _purge(self, erased: list[dict[str, Any]], upto: int, summary: SyncSummary) -> None:
        from fieldkit import erasure

        if erased:
            gone = erasure.purge(self.store, erased)
            summary.erased += len(gone)
            summary.changes.extend(Change(kind, rid, "erase") for kind, rid in gone)
        with self.store.transaction():
            done = int(local.state_value(self.store, ERASURE_CURSOR) or 0)
            local.set_state_value(self.store, ERASURE_CURSOR, str(max(done, upto)))

    # -- blobs up ------------------------------------------------------------------------
    def _blobs_to_send(self) -> list[str]:
        home = self.store.home
        if home is None:
            return []
        hashes = [
            r[0]
            for r in self.store.conn.execute(
                "SELECT sha256 FROM blobs WHERE present = 1 AND uploaded = 0 ORDER BY created_at"
            )
        ]
        # Photo records waiting in the outbox name their blob too (in case no blobs row).
        for (text,) in self.store.conn.execute("SELECT fields FROM outbox WHERE kind = 'photo'"):
            blob = json.loads(text).get("blob")
            if blob:
                hashes.append(blob)
        seen: set[str] = set()
        out = []
        for h in hashes:
            if h not in seen and blob_file(home, h).is_file():
                seen.add(h)
                out.append(h)
        return out

    def upload_blobs(
        self,
        summary: SyncSummary,
        report: Progress,
        cancelled: Cancelled | None = None,
    ) -> None:
        home = self.store.home
        candidates = self._blobs_to_send()
        if not candidates or home is None:
            return
        missing: list[str] = []
        for i in range(0, len(candidates), 5000):
            answer = self._request(
                "POST",
                "/blobs/missing",
                json={"hashes": candidates[i : i + 5000]},
                cancelled=cancelled,
            )
            missing.extend(answer.json()["missing"])
        missing_set = set(missing)
        held = [h for h in candidates if h not in missing_set]
        self._mark_uploaded(held)
        total = sum(encryption.plaintext_size(home, blob_file(home, h)) for h in missing)
        sent = 0
        for sha in missing:
            size = encryption.plaintext_size(home, blob_file(home, sha))

            def on_bytes(n: int, base: int = sent) -> None:
                report(base + n, total, "photos")

            self.upload_blob(sha, on_bytes=on_bytes, cancelled=cancelled)
            sent += size
            summary.blobs_uploaded += 1
            self._mark_uploaded([sha])

    def _mark_uploaded(self, hashes: Sequence[str]) -> None:
        if not hashes:
            return
        with self.store.transaction():
            for h in hashes:
                self.store.conn.execute("UPDATE blobs SET uploaded = 1 WHERE sha256 = ?", (h,))

    def blob_offset(self, sha256: str, cancelled: Cancelled | None = None) -> int | None:
        """The server's offset of this user's upload (the full size if the server holds
        the blob for us), or None when there is no upload to resume (tus HEAD → 404)."""
        response = self._request(
            "HEAD", f"/blobs/{sha256}", ok=(200, 404), headers=TUS, cancelled=cancelled
        )
        if response.status_code == 404:
            return None
        return int(response.headers.get("Upload-Offset", "0"))

    def create_upload(self, sha256: str, size: int, cancelled: Cancelled | None = None) -> int:
        """tus creation (POST /blobs); returns the offset to send from."""
        response = self._request(
            "POST",
            "/blobs",
            ok=(201,),
            headers={
                **TUS,
                "Upload-Length": str(size),
                "Upload-Metadata": "sha256 " + base64.b64encode(sha256.encode()).decode(),
            },
            cancelled=cancelled,
        )
        return int(response.headers.get("Upload-Offset", "0"))

    def upload_blob(
        self,
        sha256: str,
        *,
        on_bytes: Callable[[int], None] | None = None,
        cancelled: Cancelled | None = None,
    ) -> int:
        """Send one blob over tus, from the offset the server already has; returns bytes
        sent.

        HEAD asks the offset of an upload begun earlier (a cut connection resumes there);
        without one, POST creates it. A chunk is retried from the server's offset after a
        network error, so a cut connection costs at most the bytes that did not arrive.
        No per-chunk Upload-Checksum: the server would have to drop a chunk cut off
        half-way (it can't be checked), and the whole blob's sha256, checked by the
        server at the end, already catches any damage.
        """
        home = self.store.home
        assert home is not None
        path = blob_file(home, sha256)
        # The server receives the plaintext (over TLS); the sealed file is read decrypted.
        size = encryption.plaintext_size(home, path)
        offset = self.blob_offset(sha256, cancelled)
        if offset is None:
            offset = self.create_upload(sha256, size, cancelled)
        sent = 0
        failures = 0
        with encryption.open_read(home, path) as fh:
            while offset < size:
                if cancelled is not None and cancelled():
                    raise SyncCancelled("Sync cancelled; the upload resumes where it stopped.")
                fh.seek(offset)
                chunk = fh.read(self.chunk_size)
                try:
                    response = self.http.patch(
                        f"/blobs/{sha256}",
                        content=chunk,
                        headers={
                            **TUS,
                            "Upload-Offset": str(offset),
                            "Content-Type": "application/offset+octet-stream",
                        },
                    )
                except httpx.TransportError:
                    response = None
                # 460: the chunk arrived damaged and was dropped; send it again.
                if response is None or response.status_code >= 500 or response.status_code == 460:
                    failures += 1
                    if failures > len(self.retry_delays):
                        raise SyncError(
                            f"The upload of photo {sha256[:12]}… keeps failing at "
                            f"{self.base_url}; sync again later to resume it.",
                            code="offline",
                        )
                    self._pause(failures)
                    resumed = self.blob_offset(sha256, cancelled)
                    offset = resumed if resumed is not None else self.create_upload(sha256, size)
                    continue
                if response.status_code == 409:
                    offset = int(response.headers.get("Upload-Offset", "0"))
                    continue
                if response.status_code == 404 and failures < len(self.retry_delays):
                    # The upload is gone (expired, or the server was restored): start over.
                    failures += 1
                    offset = self.create_upload(sha256, size, cancelled)
                    continue
                if response.status_code != 204:
                    raise self._error(response)
                failures = 0
                sent += len(chunk)
                offset = int(response.headers.get("Upload-Offset", offset + len(chunk)))
                if on_bytes is not None:
                    on_bytes(offset)
        return sent

    # -- push ----------------------------------------------------------------------------
    def push(
        self,
        summary: SyncSummary,
        report: Progress,
        cancelled: Cancelled | None = None,
    ) -> None:
        total = self.store.outbox_count()
        done = 0
        # One batch on the wire at a time, as before, but the next one is read from the
        # outbox while the server works on this one, and sent as soon as this one's whole
        # answer is here, before that answer is written locally: the server's work on a
        # batch and the client's on the one before overlap (bench sync, up). Batches
        # still reach the server one after the other, in outbox order.
        with (
            _no_cycle_collection(),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldkit-push") as wire,
        ):
            in_flight: tuple[list[local.OutboxEntry], Future[httpx.Response]] | None = None
            while True:
                if cancelled is not None and cancelled():
                    raise SyncCancelled("Sync cancelled; what was sent so far is kept.")
                if in_flight is None:
                    first = self._next_batch()
                    if not first:
                        return
                    in_flight = (first, wire.submit(self._send, self._push_body(first), cancelled))
                batch, future = in_flight
                in_flight = None
                # Read while the server works: entries past this batch, claimed (their
                # content no longer changes). A record with an op in this batch still has
                # it in the outbox, so its next op carries its base (base_is_servers).
                following = self._next_batch(after=batch[-1].seq)
                following_body = self._push_body(following) if following else b""
                try:
                    response = future.result()
                except ServerError as err:
                    # ``following`` is not sent: the next turn reads the outbox again.
                    self._push_refused(err, batch, summary)
                    continue
                answer = jsonwire.loads(response.content)
                if answer.get("server_id") and local.server_id(self.store) is None:
                    local.remember_server_id(self.store, answer["server_id"])
                results = answer["results"]
                by_op = {r["op_id"]: r for r in results}
                complete = all(e.op_id in by_op for e in batch)
                if complete and following:
                    in_flight = (following, wire.submit(self._send, following_body, cancelled))
                done += self._write_answers(batch, by_op, summary)
                if not complete:
                    raise SyncError(
                        "The server did not answer for every change sent; sync again.",
                        code="bad_answer",
                    )
                report(done, max(total, done), "push")

    def _push_body(self, batch: list[local.OutboxEntry]) -> bytes:
        ops = []
        earlier: set[tuple[str, str]] = set()
        for e in batch:
            base = {} if local.base_is_servers(self.store, e, earlier) else e.base
            earlier.add((e.kind, e.record_id))
            ops.append(
                {
                    "op_id": e.op_id,
                    "kind": e.kind,
                    "record_id": e.record_id,
                    "op": e.op,
                    "base_version": e.base_version,
                    "fields": e.fields,
                    "base": base,
                }
            )
        body: dict[str, Any] = {"ops": ops, "cursor": local.cursor(self.store)}
        if any(e.op == "create" for e in batch):
            # Creates stored exactly as sent come back without their fields (we have
            # them): a first push's answers are a quarter of the size.
            body["lean"] = True
        known = local.server_id(self.store)
        if known:
            body["server_id"] = known
        return jsonwire.dumps_bytes(body)

    def _send(self, body: bytes, cancelled: Cancelled | None) -> httpx.Response:
        return self._request(
            "POST", "/sync/push", content=body, headers=JSON_BODY, cancelled=cancelled
        )

    def _push_refused(
        self, err: ServerError, batch: list[local.OutboxEntry], summary: SyncSummary
    ) -> None:
        """A push answered with an error: what is refused is set aside with its reason
        and the caller reads the outbox again; any other error is raised."""
        if err.status == 409 and err.code == "server_changed":
            raise ServerChanged(str(err.details.get("server_id") or "")) from None
        if err.status == 403 and err.details.get("op_ids"):
            self._drop_forbidden(batch, set(err.details["op_ids"]), summary)
            return
        if err.status == 413 and err.details.get("op_ids"):
            # A field or record over the server's size limits, named by the
            # server: those changes are set aside with the reason, the rest goes.
            refused = set(err.details["op_ids"])
            for entry in batch:
                if entry.op_id in refused:
                    text = f"{entry.op} of {entry.kind} {entry.record_id}: too large ({err})"
                    local.reject(self.store, entry, text, code="too_large")
                    summary.rejected.append(text)
            return
        if err.status == 413:
            if len(batch) > 1:
                self._max_ops = max(1, len(batch) // 2)  # send it in halves
                return
            # One change alone is over the server's limit: set it aside with the
            # reason, and the rest of the queue goes on.
            [entry] = batch
            text = f"{entry.op} of {entry.kind} {entry.record_id}: too large ({err})"
            local.reject(self.store, entry, text, code="too_large")
            summary.rejected.append(text)
            return
        raise err

    def _write_answers(
        self,
        batch: list[local.OutboxEntry],
        by_op: dict[str, dict[str, Any]],
        summary: SyncSummary,
    ) -> int:
        """Write a batch's answers; returns how many entries were answered."""
        done = 0
        # The batch's answers are written together (one local commit, not one per op);
        # each entry still leaves the outbox only with its own answer.
        with self.store.transaction():
            answered = []
            for entry in batch:
                if entry.op_id not in by_op:
                    break  # unanswered entries stay in the outbox for the next sync
                answered.append(entry)
            # The common answers (applied with the server's state) in bulk; conflicts,
            # refusals and records with more edits waiting one by one.
            simple = []
            for entry in answered:
                result = by_op[entry.op_id]
                if (
                    result["status"] in ("applied", "merged", "duplicate")
                    and result.get("record")
                    and not result.get("conflict")
                ):
                    simple.append(
                        (entry, int(result.get("version") or 0), _answered(entry, result))
                    )
            changes, slow = local.acknowledge_batch(self.store, simple)
            summary.changes.extend(changes)
            handled = {e.op_id for e, _, _ in simple} - {e.op_id for e in slow}
            summary.pushed += len(handled)
            for entry in answered:
                result = by_op[entry.op_id]
                if entry.op_id in handled:
                    seq = (result.get("record") or {}).get("seq")
                    if seq is not None:
                        self._pushed_seqs.append(int(seq))
                else:
                    self._acknowledge(entry, result, summary)
                done += 1
        return done

    def _next_batch(self, after: int = 0) -> list[local.OutboxEntry]:
        batch = local.outbox_batch(self.store, min(self.push_batch, self._max_ops), after=after)
        # Keep each request well under the server's 16 MiB body limit.
        if not batch:
            return batch
        # Sizes in bytes as stored (the JSON sent is the same, give or take spacing).
        sizes = dict(
            self.store.conn.execute(
                "SELECT seq, length(CAST(fields AS BLOB)) + length(CAST(base AS BLOB)) "
                "FROM outbox WHERE seq BETWEEN ? AND ?",
                (batch[0].seq, batch[-1].seq),
            ).fetchall()
        )
        size, cut = 0, len(batch)
        for i, e in enumerate(batch):
            size += int(sizes.get(e.seq) or 0) + 200
            if size > 8 * 1024 * 1024 and i > 0:
                cut = i
                break
        return batch[:cut]

    def _acknowledge(
        self, entry: local.OutboxEntry, result: dict[str, Any], summary: SyncSummary
    ) -> None:
        status = result["status"]
        if status == "rejected":
            error = result.get("error") or {}
            message = (
                f"{entry.op} of {entry.kind} {entry.record_id}: "
                f"{error.get('message', 'refused by the server')}"
            )
            refused_field = error.get("field")
            params: dict[str, Any] = {}
            if isinstance(refused_field, str) and refused_field:
                params = {"field": refused_field, "value": entry.fields.get(refused_field)}
            local.reject(
                self.store, entry, message, code=str(error.get("code") or ""), params=params
            )
            summary.rejected.append(message)
            return
        conflict = _conflict(result["conflict"]) if result.get("conflict") else None
        record = _answered(entry, result) if result.get("record") else None
        for part in (result.get("record"), result.get("conflict")):
            if part and part.get("seq") is not None:
                self._pushed_seqs.append(int(part["seq"]))
        changes = local.acknowledge(
            self.store,
            entry,
            version=int(result.get("version") or 0),
            record=record,
            conflict=conflict,
        )
        summary.changes.extend(changes)
        summary.pushed += 1
        if conflict is not None and any(c.op == "conflict" for c in changes):
            summary.conflicts += 1

    def _drop_forbidden(
        self,
        batch: list[local.OutboxEntry],
        op_ids: set[str],
        summary: SyncSummary,
    ) -> None:
        # The server applied nothing of the batch, but only these are refused: they are
        # set aside and the rest is sent again (so the server's "nothing in this batch
        # was applied" is not what the person is told).
        for entry in batch:
            if entry.op_id in op_ids:
                text = (
                    f"{entry.op} of {entry.kind} {entry.record_id}: outside your regions; "
                    "set aside, the other changes are sent without it"
                )
                local.reject(self.store, entry, text, code="forbidden")
                summary.rejected.append(text)

    def send_resolutions(self, cancelled: Cancelled | None = None) -> None:
        for conflict_id, _ in local.unsent_resolutions(self.store):
            try:
                answer = self._request(
                    "POST", f"/conflicts/{conflict_id}/resolve", cancelled=cancelled
                )
                seq = answer.json().get("seq")
                if seq is not None:
                    self._pushed_seqs.append(int(seq))
            except ServerError as err:
                if err.status not in (403, 404):
                    raise
                # The server cannot take it (unknown, or not ours): nothing to retry.
            local.resolution_sent(self.store, conflict_id)

    # -- pull ----------------------------------------------------------------------------
    def pull(
        self,
        summary: SyncSummary,
        report: Progress,
        cancelled: Cancelled | None = None,
    ) -> None:
        # While pages are applied the connection keeps up to 128 MiB of pages instead of
        # its usual 32: a first sync revisits the same index pages page after page, and on
        # an encrypted database each page read back is decrypted and checked again
        # (bench encryption: first sync down, encrypted ÷ clear 0.88 → 0.93).
        usual = self.store.conn.execute("PRAGMA cache_size").fetchone()[0]
        self.store.conn.execute(f"PRAGMA cache_size = {-PULL_CACHE_KIB}")
        self.store.resume_search_merges_if_paused()  # a bulk pull cut off earlier
        self._bulk = False
        try:
            with _no_cycle_collection():
                self._pull_pages(summary, report, cancelled)
        finally:
            self.store.conn.execute(f"PRAGMA cache_size = {int(usual)}")
            if self._bulk:
                self.store.resume_search_merges()

    def _fetch_page(
        self, since: int, cancelled: Cancelled | None, *, run: bool = False
    ) -> dict[str, Any]:
        """One pull page, decoded and made ready. ``run``: a page of a run of pages (a first
        sync, or one following ``more``), asked for as tables (``shape=tables``,
        docs/sync-protocol.md); the one page of an everyday sync stays in the record
        shape, whose request is shorter."""
        params: dict[str, Any] = {"since": since}
        if self.pull_limit is not None:
            # A pull from zero starts with a short page: its rows are being written while
            # the full pages that follow are made and fetched, instead of the writer
            # waiting for a first page of 2000 (bench sync, down).
            first = since == 0 and not run
            params["limit"] = min(self.pull_limit, FIRST_PULL_PAGE) if first else self.pull_limit
        if self.pull_tables and (run or since == 0):
            params["shape"] = "tables"
        response = self._request("GET", "/sync/pull", params=params, cancelled=cancelled)
        page: dict[str, Any] = jsonwire.loads(response.content)
        # Made ready here, on the fetching thread, while the page before is written: each
        # record flat, with the row a new record becomes (local.prepare_pulled). A server
        # that predates shape=tables answers records, read the same way.
        try:
            if page.get("tables"):
                page["records"] = local.pulled_from_tables(page["tables"], self.store.now())
            else:
                page["records"] = local.prepare_pulled(
                    [(r["kind"], _flat(r, local.Pulled)) for r in page["records"]],
                    self.store.now(),
                )
        except (KeyError, TypeError, ValueError, IndexError, ValidationError) as exc:
            # Nothing of the page is written: the cursor stays, the next sync asks again.
            raise SyncError(
                f"The server's pull page (since {since}) cannot be read ({exc}); nothing "
                "of it was applied.",
                code="bad_page",
            ) from exc
        return page

    def _pull_pages(
        self, summary: SyncSummary, report: Progress, cancelled: Cancelled | None
    ) -> None:
        # The next page is asked for (and decoded) on a thread of its own while this one
        # writes the page before: the server's work and the local database's overlap
        # (bench sync, down). Only one request is in flight at a time, and a page is
        # still applied, with its cursor, in one local transaction, in order.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldkit-pull") as ahead:
            prefetched: tuple[int, Future[dict[str, Any]]] | None = None
            while True:
                if cancelled is not None and cancelled():
                    raise SyncCancelled("Sync cancelled; what was received so far is kept.")
                since = local.cursor(self.store)
                if prefetched is not None and prefetched[0] == since:
                    future = prefetched[1]
                else:
                    future = ahead.submit(self._fetch_page, since, cancelled)
                prefetched = None
                try:
                    page = future.result()
                except ServerError as exc:
                    if exc.status != 422 or self.pull_limit is None:
                        raise
                    # A server with a smaller maximum page: one from before the maximum
                    # went from 1000 to 2000 (ask for 1000), or one configured smaller
                    # still (ask for its default page size from now on).
                    self.pull_limit = (
                        OLDER_PULL_LIMIT if self.pull_limit > OLDER_PULL_LIMIT else None
                    )
                    continue
                current = page.get("server_id")
                if current:
                    known = local.server_id(self.store)
                    if (known is not None and known != current) or since > int(
                        page.get("head", since)
                    ):
                        raise ServerChanged(current)
                    if known is None:
                        local.remember_server_id(self.store, current)
                if page.get("more"):
                    if not self._bulk:
                        # Pages follow: the search index merges once, at the end.
                        self._bulk = True
                        self.store.pause_search_merges()
                    following = int(page["next"])
                    prefetched = (
                        following,
                        ahead.submit(self._fetch_page, following, cancelled, run=True),
                    )
                conflicts = [_conflict(c) for c in page.get("conflicts") or []]
                erased = page.get("erased") or []
                if erased:
                    # Erased ids first: what they name goes, bytes included (docs/privacy.md).
                    self._purge(erased, int(page["next"]), summary)
                with self.store.transaction():
                    if not erased:
                        # Nothing to erase: the erasure cursor moves with the page's (one
                        # commit per page, not two).
                        self._purge([], int(page["next"]), summary)
                    result = local.apply_page(
                        self.store, page["records"], int(page["next"]), conflicts
                    )
                summary.pulled += result.applied
                summary.conflicts += result.conflicts
                summary.refused_here.extend(result.refused)
                summary.changes.extend(result.changes)
                report(summary.pulled, summary.pulled, "pull")
                if not page.get("more"):
                    return

    # -- blobs down ----------------------------------------------------------------------
    def missing_blobs(self) -> list[str]:
        return [
            r[0]
            for r in self.store.conn.execute(
                "SELECT sha256 FROM blobs WHERE present = 0 ORDER BY created_at"
            )
        ]

    def download_missing_blobs(
        self,
        summary: SyncSummary,
        report: Progress,
        cancelled: Cancelled | None = None,
    ) -> None:
        wanted = self.missing_blobs()
        for i, sha in enumerate(wanted):
            if cancelled is not None and cancelled():
                raise SyncCancelled("Sync cancelled; photos downloaded so far are kept.")
            self.fetch_blob(sha, cancelled=cancelled)
            summary.blobs_downloaded += 1
            report(i + 1, len(wanted), "photo_files")  # files, where "photos" counts bytes

    def fetch_blob(self, sha256: str, *, cancelled: Cancelled | None = None) -> Path:
        """Download one original (resuming a partial download with HTTP Range).

        The bytes are checked against the sha256 before the file takes its final name.
        """
        home = self.store.home
        if home is None:
            raise SyncError("This store has no data directory to keep photos in.")
        final = blob_file(home, sha256)
        if final.is_file():
            return final
        part = partial_file(home, sha256)
        part.parent.mkdir(parents=True, exist_ok=True)
        downloaded = False
        for attempt in range(len(self.retry_delays) + 1):
            if encryption.download_complete(home, part):
                downloaded = True  # finished before a crash took away its rename
                break
            if attempt:
                self._pause(attempt)
            try:
                self._download_into(sha256, part, cancelled)
            except httpx.TransportError as exc:
                if refused_at_once(exc):
                    break  # nobody listens there: say so now
                continue
            except _RetryableStatus:
                continue
            downloaded = True
            break
        if not downloaded:
            raise SyncError(
                f"Could not download photo {sha256[:12]}… from {self.base_url}; "
                "the part received is kept and the next try resumes it.",
                code="offline",
            )
        if file_sha256(home, part) != sha256:
            part.unlink(missing_ok=True)
            raise SyncError(
                f"The photo {sha256[:12]}… downloaded does not match its hash; "
                "it was discarded, try again.",
                code="hash_mismatch",
            )
        os.replace(part, final)
        size = encryption.plaintext_size(home, final)
        with self.store.transaction():
            self.store.conn.execute(
                "INSERT INTO blobs(sha256, size, present, uploaded, created_at) "
                "VALUES (?, ?, 1, 1, ?) ON CONFLICT(sha256) DO UPDATE SET present = 1, "
                "size = excluded.size",
                (sha256, size, self.store.now()),
            )
        return final

    def _download_into(self, sha256: str, part: Path, cancelled: Cancelled | None) -> None:
        home = self.store.home
        assert home is not None
        have = encryption.partial_size(home, part)
        headers = {"Range": f"bytes={have}-"} if have else {}
        with self.http.stream("GET", f"/blobs/{sha256}", headers=headers) as response:
            if response.status_code == 416:
                # What we hold is already everything (or garbage): let the hash decide.
                encryption.finish_download(home, part)
                return
            if response.status_code >= 500:
                raise _RetryableStatus()
            if response.status_code not in (200, 206):
                response.read()
                raise self._error(response)
            restart = response.status_code != 206
            with encryption.open_download(home, part, restart=restart) as fh:
                for chunk in response.iter_bytes(1024 * 1024):
                    if cancelled is not None and cancelled():
                        raise SyncCancelled("Download cancelled; it resumes where it stopped.")
                    fh.write(chunk)

    # -- plain requests used by login/logout/health ---------------------------------------
    def logout(self) -> None:
        self._request("POST", "/auth/logout", ok=(204, 200))

    def me(self) -> dict[str, Any]:
        return dict(self._request("GET", "/auth/me").json())

    def devices(self) -> list[dict[str, Any]]:
        """This user's logins (devices) still valid on the server."""
        return list(self._request("GET", "/auth/devices").json()["devices"])

    def revoke_device(self, device_id: int) -> None:
        self._request("DELETE", f"/auth/devices/{device_id}", ok=(204,))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while push batches go up or pull pages come down.
    Batches and decoded pages are many lists, dicts and rows that live until written;
    the collector's passes over the growing heap (a full one took 80 ms) were 0.14–0.21 s
    of a 1.5 s first sync down of 21,800 records and 0.25 s of the push's client CPU
    (bench sync). What a page or a batch holds has no cycles: it goes with its last
    reference anyway. The collector runs again as usual after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _RetryableStatus(Exception):
    pass


#: errno values that say at once that no server answers there (refused, no route).
_AT_ONCE_ERRNOS = frozenset(
    {errno.ECONNREFUSED, errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL}
)


def refused_at_once(exc: BaseException) -> bool:
    """The connection was refused (or the name or route does not exist) at once: a retry
    seconds later finds the same, so the person is told now. Timeouts and connections cut
    midway are retried."""
    if not isinstance(exc, httpx.ConnectError):
        return False
    cause: BaseException | None = exc
    seen = 0
    while cause is not None and seen < 10:
        if isinstance(cause, ConnectionRefusedError | socket.gaierror):
            return True
        if isinstance(cause, OSError) and cause.errno in _AT_ONCE_ERRNOS:
            return True
        cause = cause.__cause__ or cause.__context__
        seen += 1
    return False


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The ``Retry-After`` header in seconds (a number of seconds or an HTTP date)."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


# -- wire shapes -> local shapes ------------------------------------------------------------
def _flat(record: dict[str, Any], into: type[dict[str, Any]] = dict) -> dict[str, Any]:
    """A record on the wire (fields nested) as the local layer takes it (fields flat), as
    a ``dict`` or a subclass (``into``)."""
    flat = into(record.get("fields") or {})
    for key in ("id", "version", "deleted", "created_at", "updated_at", "created_by", "updated_by"):
        if key in record:
            flat[key] = record[key]
    return flat


def _answered(entry: local.OutboxEntry, result: dict[str, Any]) -> dict[str, Any]:
    """The record of a push answer, flat; a lean answer's record without ``fields`` holds
    exactly the fields this entry sent (docs/sync-protocol.md)."""
    record = result["record"]
    if "fields" not in record:
        record = {**record, "fields": entry.fields}
    return _flat(record)


def _conflict(c: dict[str, Any]) -> local.ConflictInfo:
    return local.ConflictInfo(
        id=c["id"],
        kind=c["kind"],
        record_id=c["record_id"],
        server_version=int(c.get("server_version") or 0),
        mine=c.get("mine") or {},
        theirs=c.get("theirs") or {},
        base=c.get("base") or {},
        op_id=c.get("op_id"),
        created_at=c.get("created_at"),
        resolved_at=c.get("resolved_at"),
    )


def refuse_demo(store: Store) -> None:
    """The demo's folder never talks to a server: its made-up records must never reach a
    team's (fieldkit.missions)."""
    if missions.is_demo(store):
        raise SyncError(
            "This is the demo mission's folder: it never signs in nor syncs. "
            "Open your mission file to work with your team's server.",
            code="demo_never_syncs",
        )


# -- login / logout -------------------------------------------------------------------------
def login(
    store: Store,
    url: str,
    user: str,
    password: str,
    *,
    device_name: str | None = None,
    transport: httpx.BaseTransport | None = None,
    cert_fingerprint: str | None = None,
) -> dict[str, Any]:
    """Log in; keep the token (keyring, else a 0600 file) and the server in settings.

    ``cert_fingerprint`` pins a self-signed server's certificate (from a mission file);
    without it, a pin already kept for this same address stays, any other is dropped.
    Returns the server's ``user`` object and where the token went (``token_store``).
    """
    if store.home is None:
        raise SyncError("Logging in needs a data directory to keep the login in.")
    refuse_demo(store)
    url = url.rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise SyncError(
            f"{url!r} is not a server address; it should look like https://host:port.",
            code="bad_url",
        )
    device = device_name or store.get_setting(DEVICE) or default_device_name()
    if cert_fingerprint is None and store.get_setting(SERVER_URL) == url:
        cert_fingerprint = store.get_setting(SERVER_CERT)
    verify = tls.verify_for(url, cert_fingerprint)
    probe = SyncClient(store, url, "", transport=transport, retry_delays=(0.2, 0.5), verify=verify)
    try:
        response = probe._request(
            "POST",
            "/auth/login",
            json={"username": user, "password": password, "device_name": device},
        )
    except NotLoggedIn as err:
        raise SyncError(
            f"Login refused: wrong user name or password for {url}.", code="invalid_credentials"
        ) from err
    except ServerError as err:
        if err.code == "too_many_attempts":
            wait = err.details.get("retry_after")
            minutes = max(1, round(float(wait) / 60)) if wait is not None else None
            raise SyncError(
                "Too many failed logins; "
                + (f"wait {minutes} minute(s)" if minutes else "wait a few minutes")
                + " and try again.",
                code="too_many_attempts",
                retry_after=wait,
            ) from err
        raise
    finally:
        probe.close()
    answer = response.json()
    previous = (store.get_setting(SERVER_URL), store.get_setting(USER))
    where = credentials.save_token(store.home, url, user, answer["token"])
    if previous != (url, user):
        # Another server or account sees other records: start the pull from the start.
        local.reset_sync_state(store)
    with store.transaction():
        store.set_setting(SERVER_URL, url)
        store.set_setting(SERVER_CERT, cert_fingerprint or None)
        store.set_setting(USER, user)
        store.set_setting(DEVICE, device)
        store.set_setting(ROLE, answer["user"].get("role", ""))
        store.set_setting(REGIONS, answer["user"].get("regions", []))
    store.user = user
    return {**answer["user"], "token_store": where}


def logout(store: Store, *, transport: httpx.BaseTransport | None = None) -> bool:
    """Revoke the token on the server and forget it here.

    Returns False when the server could not be told (the login is forgotten locally
    anyway; an admin can revoke the device on the server).
    """
    url, user = store.get_setting(SERVER_URL), store.get_setting(USER)
    if not url or not user or store.home is None:
        raise NotLoggedIn("Not logged in to a sync server.")
    token = credentials.load_token(store.home, url, user)
    revoked = False
    if token:
        try:
            verify: bool | ssl.SSLContext | None = tls.verify_for(
                url, store.get_setting(SERVER_CERT)
            )
        except SyncError:
            verify = None  # unreachable, or no longer the pinned certificate: not told
        if verify is not None:
            with SyncClient(
                store, url, token, transport=transport, retry_delays=(0.2,), verify=verify
            ) as client:
                try:
                    client.logout()
                    revoked = True
                except NotLoggedIn:
                    revoked = True  # already revoked
                except SyncError:
                    revoked = False
    credentials.forget_token(store.home, url, user)
    return revoked
