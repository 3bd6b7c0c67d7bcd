"""Photos through sync: only missing blobs go up, an upload cut half-way resumes from the
server's offset, other people's photos come down lazily (HTTP Range resumes too)."""

from __future__ import annotations

import hashlib
import os

import httpx
import pytest

from fieldkit.sync import SyncCancelled, SyncError, blob_file, ensure_blob
from fieldkit.sync.blobs import partial_file
from fieldkit.sync.transport import CountingTransport

MiB = 1024 * 1024


def add_blob(store, data: bytes) -> str:
    """What a photo import leaves behind: the file under its hash, a blobs row."""
    sha = hashlib.sha256(data).hexdigest()
    path = blob_file(store.home, sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    store.conn.execute(
        "INSERT INTO blobs(sha256, size, present, uploaded, created_at) VALUES (?, ?, 1, 0, ?)",
        (sha, len(data), store.now()),
    )
    return sha


def photo_of(store, sha: str):
    place = store.create_place(name="Le Bocal", postcode="29200")
    visit = store.create_visit(place["id"], visited_on="2026-10-02")
    return store.create("photo", {"visit_id": visit["id"], "blob": sha, "caption": "Façade"})


def server_offset(server, sha: str, user: str = "agent-bzh") -> int:
    """The offset of ``user``'s upload (uploads are per user: nobody else sees it)."""
    token = server.login(user)
    with httpx.Client(base_url=server.url) as http:
        r = http.head(f"/api/v1/blobs/{sha}", headers={"Authorization": f"Bearer {token}"})
    return int(r.headers["Upload-Offset"])


def test_cut_upload_resumes_from_the_server_offset(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    data = os.urandom(8 * MiB)
    sha = add_blob(anne.store, data)
    photo_of(anne.store, sha)
    sent = {"bytes": 0}

    def progress(done, total, label):
        if label == "photos":
            sent["bytes"] = done

    with pytest.raises(SyncCancelled):
        anne.sync(
            chunk_size=MiB,
            progress=progress,
            cancelled=lambda: sent["bytes"] >= 4 * MiB,
        )
    assert server_offset(live_server, sha) == 4 * MiB  # the real server holds the first half
    assert anne.store.outbox_count() == 3  # records wait for their blob

    wire = CountingTransport()
    summary = anne.sync(transport=wire, chunk_size=MiB)
    assert summary.blobs_uploaded == 1 and summary.pushed == 3
    # Only the second half went up again (plus headers and the small JSON requests).
    assert 4 * MiB <= wire.bytes_up < 4 * MiB + 64 * 1024
    assert server_offset(live_server, sha) == 8 * MiB
    uploaded = anne.store.conn.execute("SELECT uploaded FROM blobs WHERE sha256 = ?", (sha,))
    assert uploaded.fetchone()[0] == 1


class CutMidBody(httpx.BaseTransport):
    """Sends the first ``limit`` bytes of the first PATCH body, then drops the connection."""

    def __init__(self, limit: int):
        self.inner = httpx.HTTPTransport()
        self.limit = limit
        self.done = False

    def handle_request(self, request):
        if request.method == "PATCH" and not self.done:
            self.done = True
            body = request.read()
            head = body[: self.limit]

            def stream():
                yield head
                raise httpx.WriteError("connection dropped mid-upload")

            cut = httpx.Request(
                request.method, request.url, headers=request.headers, content=stream()
            )
            return self.inner.handle_request(cut)
        return self.inner.handle_request(request)


def test_connection_dropped_inside_a_chunk_resumes_from_what_arrived(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    data = os.urandom(8 * MiB)
    sha = add_blob(anne.store, data)
    with pytest.raises(SyncError):
        anne.sync(transport=CutMidBody(4 * MiB), chunk_size=8 * MiB, retry_delays=())
    kept = server_offset(live_server, sha)
    assert 0 < kept <= 4 * MiB
    wire = CountingTransport()
    assert anne.sync(transport=wire, chunk_size=8 * MiB).blobs_uploaded == 1
    assert 8 * MiB - kept <= wire.bytes_up < 8 * MiB - kept + 64 * 1024
    assert server_offset(live_server, sha) == 8 * MiB


def test_only_missing_blobs_go_up_and_others_come_down_lazily(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    bruno = devices("agent-bzh", name="bruno")
    coord = devices("coordinator")
    data = os.urandom(300_000)
    sha = add_blob(anne.store, data)
    photo = photo_of(anne.store, sha)
    assert anne.sync().blobs_uploaded == 1
    # Bruno imported the same photo: the server has it, nothing is uploaded again.
    add_blob(bruno.store, data)
    wire = CountingTransport()
    assert bruno.sync(transport=wire).blobs_uploaded == 0
    assert wire.bytes_up < 20_000

    coord.sync()
    assert coord.store.require("photo", photo["id"])["blob"] == sha
    row = coord.store.conn.execute("SELECT present FROM blobs WHERE sha256 = ?", (sha,))
    assert row.fetchone()[0] == 0 and not blob_file(coord.home, sha).exists()
    path = ensure_blob(coord.store, sha)  # first display of the photo
    assert path.read_bytes() == data
    row = coord.store.conn.execute("SELECT present, size FROM blobs WHERE sha256 = ?", (sha,))
    assert tuple(row.fetchone()) == (1, len(data))
    assert ensure_blob(coord.store, sha) == path  # second time: no request at all


def test_interrupted_download_resumes_with_range(devices):
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator")
    data = os.urandom(2 * MiB)
    sha = add_blob(anne.store, data)
    photo_of(anne.store, sha)
    anne.sync()
    coord.sync()
    part = partial_file(coord.home, sha)
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(data[:MiB])  # what an interrupted download left
    wire = CountingTransport()
    with coord.client(transport=wire) as client:
        assert client.fetch_blob(sha).read_bytes() == data
    assert MiB <= wire.bytes_down < MiB + 16 * 1024
    assert not part.exists()


def test_sync_photos_downloads_every_missing_photo(devices):
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator")
    shas = [add_blob(anne.store, os.urandom(50_000)) for _ in range(3)]
    for sha in shas:
        photo_of(anne.store, sha)
    anne.sync()
    summary = coord.sync(photos=True)
    assert summary.blobs_downloaded == 3
    for sha in shas:
        assert blob_file(coord.home, sha).is_file()


def test_ensure_blob_without_login_says_so(store):
    from fieldkit.sync import NotLoggedIn

    with pytest.raises(NotLoggedIn) as err:
        ensure_blob(store, "ab" * 32)
    assert "fieldkit login" in str(err.value)
