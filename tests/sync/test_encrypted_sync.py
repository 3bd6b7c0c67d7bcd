"""Sync between encrypted laptops: the server gets the plaintext over the wire, each laptop
keeps its photos sealed, and interrupted transfers resume as in clear."""

from __future__ import annotations

import hashlib
import os

import httpx
import pytest

from fieldkit import cipherfile, encryption, photos
from fieldkit.sync import SyncCancelled, blob_file, ensure_blob
from fieldkit.sync.blobs import partial_file
from fieldkit.sync.transport import CountingTransport
from tests.photo_factory import make_jpeg

MiB = 1024 * 1024


@pytest.fixture(autouse=True)
def sealed_laptops(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "phrase de passe du portable")
    encryption.forget_keys()
    yield
    encryption.forget_keys()


def add_sealed_blob(store, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    path = blob_file(store.home, sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    encryption.write_bytes(store.home, path, data)
    store.conn.execute(
        "INSERT INTO blobs(sha256, size, present, uploaded, created_at) VALUES (?, ?, 1, 0, ?)",
        (sha, len(data), store.now()),
    )
    return sha


def photo_of(store, sha: str):
    place = store.create_place(name="Le Bocal", postcode="29200")
    visit = store.create_visit(place["id"], visited_on="2026-10-02")
    return store.create("photo", {"visit_id": visit["id"], "blob": sha, "caption": "Façade"})


def server_blob(server, sha: str) -> bytes:
    token = server.login("admin")
    with httpx.Client(base_url=server.url) as http:
        r = http.get(f"/api/v1/blobs/{sha}", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    return r.content


def test_photos_travel_in_clear_and_rest_sealed(devices, live_server, tmp_path):
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator")
    assert encryption.is_encrypted(anne.home) and encryption.is_encrypted(coord.home)
    src = make_jpeg(tmp_path / "IMG_1.jpg", size=(1200, 800), orientation=6)
    place = anne.store.create_place(name="Le Bocal", postcode="29200")
    visit = anne.store.create_visit(place["id"], visited_on="2026-10-02")
    row = photos.import_photo(anne.store, visit["id"], src)
    assert anne.sync().blobs_uploaded == 1
    plain = src.read_bytes()
    assert server_blob(live_server, row["blob"]) == plain  # the server's copy is the photo
    coord.sync()
    path = ensure_blob(coord.store, row["blob"])
    assert path.read_bytes().startswith(cipherfile.MAGIC)
    with photos.open_original(coord.home, row["blob"]) as fh:
        assert fh.read() == plain
    thumb = photos.derivative_bytes(coord.home, row["blob"], "thumb")
    assert thumb.startswith(b"\xff\xd8")
    assert (
        photos.derivative_path(coord.home, row["blob"], "thumb")
        .read_bytes()
        .startswith(cipherfile.MAGIC)
    )


def test_a_cut_upload_from_a_sealed_file_resumes(devices, live_server):
    anne = devices("agent-bzh", name="anne")
    data = os.urandom(6 * MiB + 123)
    sha = add_sealed_blob(anne.store, data)
    photo_of(anne.store, sha)
    sent = {"bytes": 0}

    def progress(done, total, label):
        if label == "photos":
            sent["bytes"] = done

    with pytest.raises(SyncCancelled):
        anne.sync(chunk_size=MiB, progress=progress, cancelled=lambda: sent["bytes"] >= 3 * MiB)
    wire = CountingTransport()
    anne.sync(transport=wire, chunk_size=MiB)
    assert wire.bytes_up < 4 * MiB  # only the rest went up
    assert server_blob(live_server, sha) == data


def test_a_cut_download_into_a_sealed_file_resumes_with_range(devices):
    anne = devices("agent-bzh", name="anne")
    coord = devices("coordinator")
    data = os.urandom(2 * MiB + 5000)
    sha = add_sealed_blob(anne.store, data)
    photo_of(anne.store, sha)
    anne.sync()
    coord.sync()
    part = partial_file(coord.home, sha)
    part.parent.mkdir(parents=True, exist_ok=True)
    # What a download cut after 1 MiB + a bit leaves: the whole chunks, sealed.
    with (
        pytest.raises(ConnectionError),
        encryption.open_download(coord.home, part, restart=True) as fh,
    ):
        fh.write(data[: MiB + 1000])
        raise ConnectionError("cable pulled")
    kept = encryption.partial_size(coord.home, part)
    assert kept == MiB  # 8 chunks of 128 KiB
    assert not part.read_bytes()[:8].startswith(b"\xff\xd8")
    wire = CountingTransport()
    with coord.client(transport=wire) as client:
        final = client.fetch_blob(sha)
    with photos.open_original(coord.home, sha) as fh:
        assert fh.read() == data
    assert final.read_bytes().startswith(cipherfile.MAGIC)
    assert len(data) - kept <= wire.bytes_down < len(data) - kept + 16 * 1024
    assert not part.exists()
