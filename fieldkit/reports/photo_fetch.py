"""Before a report is built: the photos it will show whose bytes are not on this laptop.

A laptop that pulled another agent's visits holds their photo records but not the
photos' files (downloads are lazy, by hash: DESIGN §4). :func:`fetch_report_photos`
downloads those files through the sync client (sha256 checked) when the laptop is
signed in, and names every photo it could not get and why, so the report builds all
the same and the person is told exactly what is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from fieldkit.reports.model import ReportCancelled, ReportOptions
from fieldkit.store import Store
from fieldkit.sync.blobs import NotLoggedIn, SyncCancelled, SyncError, blob_file

# done, total: photo files fetched (or given up) so far, out of those missing.
FetchProgress = Callable[[int, int], None]

# Why a photo could not be fetched; the GUI says each in French (ui/reports_dialog.py).
REASONS: dict[str, str] = {
    "not_signed_in": "this laptop is not signed in to a sync server",
    "demo": "the demo mission never talks to a server",
    "offline": "the sync server could not be reached",
    "not_on_server": "the server does not have it for this account",
    "refused": "the server refused to send it",
    "erased": "the photo was erased on the server",
    "hash_mismatch": "the file received did not match its fingerprint (sha256)",
    "no_photo_store": "this store has no data folder to keep photos in",
    "not_fetched": "not downloaded (--no-fetch)",
}
# After one of these, the next photos would fail the same way: they are not tried.
STOPS_ALL = frozenset({"not_signed_in", "demo", "offline", "no_photo_store"})


@dataclass(frozen=True)
class UnavailablePhoto:
    """A photo chosen for a report whose file is not on this laptop, and why."""

    sha256: str
    place_name: str
    visited_on: str
    caption: str
    original_name: str
    reason: str  # a key of REASONS

    @property
    def name(self) -> str:
        """The photo as a person knows it: its caption, else its file's original name."""
        return self.caption or self.original_name or self.sha256[:12]

    @property
    def reason_text(self) -> str:
        """The reason in English (CLI, logs)."""
        return REASONS.get(self.reason, self.reason)


@dataclass
class PhotoFetch:
    """What the fetch before a build did: ``wanted`` photo files were missing,
    ``fetched`` came down, ``unavailable`` lists the photos (one per record) still
    missing with their reason."""

    wanted: int = 0
    fetched: int = 0
    unavailable: list[UnavailablePhoto] = field(default_factory=list)


def missing_report_photos(
    store: Store, regions: Iterable[str], options: ReportOptions
) -> list[UnavailablePhoto]:
    """The photos the reports of ``regions`` will show whose file is not here (reason
    still blank), in report order."""
    options = options.validated()
    if not options.include_photos:
        return []
    home = store.home
    out: list[UnavailablePhoto] = []
    for region in regions:
        bundle = store.region_bundle(
            region,
            date_from=options.date_from,
            date_to=options.date_to,
            include_drafts=options.include_drafts,
        )
        for place in bundle["places"]:
            for visit in place["visits"]:
                for ph in visit["photos"]:
                    sha = ph.get("blob") or ""
                    if not ph.get("in_report", True) or not sha:
                        continue
                    if home is not None and blob_file(home, sha).is_file():
                        continue
                    out.append(
                        UnavailablePhoto(
                            sha256=sha,
                            place_name=place["name"],
                            visited_on=visit["visited_on"],
                            caption=ph.get("caption") or "",
                            original_name=ph.get("original_name") or "",
                            reason="",
                        )
                    )
    return out


def fetch_report_photos(
    store: Store,
    regions: Iterable[str],
    options: ReportOptions,
    progress: FetchProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
    **client_options: Any,
) -> PhotoFetch:
    """Download the missing photo files the reports of ``regions`` need.

    Never raises for a photo it cannot get: it is listed with its reason. Raises
    ReportCancelled when ``cancelled()`` turns true (files fetched so far are kept).
    """
    missing = missing_report_photos(store, regions, options)
    hashes = list(dict.fromkeys(m.sha256 for m in missing))
    result = PhotoFetch(wanted=len(hashes))
    if not hashes:
        return result
    reasons: dict[str, str] = {}
    if store.home is None:
        reasons = dict.fromkeys(hashes, "no_photo_store")
    else:
        reasons = _download(store, hashes, progress, cancelled, client_options)
    result.fetched = len(hashes) - len(reasons)
    result.unavailable = [
        UnavailablePhoto(
            m.sha256, m.place_name, m.visited_on, m.caption, m.original_name, reasons[m.sha256]
        )
        for m in missing
        if m.sha256 in reasons
    ]
    return result


def _download(
    store: Store,
    hashes: list[str],
    progress: FetchProgress | None,
    cancelled: Callable[[], bool] | None,
    client_options: dict[str, Any],
) -> dict[str, str]:
    """sha256 → reason for each file not fetched."""
    from fieldkit.sync.client import SyncClient

    def report(done: int) -> None:
        if progress is not None:
            progress(done, len(hashes))

    try:
        client = SyncClient.from_settings(store, **client_options)
    except SyncError as exc:  # not signed in, or the demo: nothing to try
        return dict.fromkeys(hashes, reason_of(exc))
    report(0)
    reasons: dict[str, str] = {}
    with client:
        for index, sha in enumerate(hashes):
            if cancelled is not None and cancelled():
                raise ReportCancelled("The report was cancelled; photos fetched are kept.")
            try:
                client.fetch_blob(sha, cancelled=cancelled)
            except SyncCancelled:
                raise ReportCancelled(
                    "The report was cancelled; photos fetched are kept."
                ) from None
            except SyncError as exc:
                reasons[sha] = reason_of(exc)
                if reasons[sha] in STOPS_ALL:
                    reasons.update(dict.fromkeys(hashes[index + 1 :], reasons[sha]))
                    report(len(hashes))
                    break
            report(index + 1)
    return reasons


def reason_of(exc: SyncError) -> str:
    """The REASONS key for a failed download."""
    from fieldkit.sync.client import ServerError

    if isinstance(exc, NotLoggedIn):
        return "not_signed_in"
    if exc.code == "demo_never_syncs":
        return "demo"
    if exc.code == "no_home":
        return "no_photo_store"
    if exc.code in ("hash_mismatch", "offline"):
        return exc.code
    if exc.code == "blob_erased" or (isinstance(exc, ServerError) and exc.status == 410):
        return "erased"
    if isinstance(exc, ServerError) and exc.status == 404:
        return "not_on_server"  # absent, or not this account's to read: one answer
    if isinstance(exc, ServerError) and exc.status < 500:
        return "refused"
    return "offline"
