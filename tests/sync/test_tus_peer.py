"""A real tus peer: the official tus Python client (tuspy) uploads a photo to the server
on loopback, and FieldKit's own client then finds it there (nothing to upload again)."""

from __future__ import annotations

import hashlib

import httpx
from tusclient.client import TusClient
from tusclient.uploader import Uploader

from fieldkit.photos import import_photo
from fieldkit.sync import blob_file, ensure_blob
from tests.photo_factory import make_jpeg


class Sha256Uploader(Uploader):
    """tuspy checks each chunk with sha1 unless told otherwise; FieldKit's hash is sha256."""

    CHECKSUM_ALGORITHM_PAIR = ("sha256", hashlib.sha256)


def _photo(device, tmp_path):
    place = device.store.create_place(name="La Fabrique", postcode="35000")
    visit = device.store.create_visit(place["id"], visited_on="2026-10-02")
    source = make_jpeg(tmp_path / "atelier.jpg", size=(1600, 1200), seed=4)
    photo = import_photo(device.store, visit["id"], source, caption="Atelier")
    return photo, blob_file(device.home, photo["blob"])


def _tus_upload(live_server, path, sha, uploader_class=Uploader, **options):
    token = live_server.login("agent-bzh", device_name="tuspy")
    client = TusClient(
        f"{live_server.url}/api/v1/blobs", headers={"Authorization": f"Bearer {token}"}
    )
    uploader = uploader_class(
        file_path=str(path),
        client=client,
        chunk_size=8 * 1024,
        metadata={"sha256": sha, "filename": "atelier.jpg"},
        **options,
    )
    uploader.upload()
    return uploader


def test_a_photo_uploaded_with_tuspy_is_present_for_fieldkit(devices, live_server, tmp_path):
    anne = devices("agent-bzh", name="anne")
    photo, path = _photo(anne, tmp_path)
    sha = photo["blob"]
    assert path.stat().st_size > 3 * 8 * 1024  # several tus chunks

    uploader = _tus_upload(live_server, path, sha, Sha256Uploader, upload_checksum=True)
    assert uploader.offset == path.stat().st_size
    assert uploader.url == f"{live_server.url}/api/v1/blobs/{sha}"

    # FieldKit's client asks blobs/missing: not missing, so nothing goes up again.
    with anne.client() as client:
        answer = client.http.post("/blobs/missing", json={"hashes": [sha]})
    assert answer.json() == {"missing": []}
    summary = anne.sync()
    assert summary.blobs_uploaded == 0 and summary.pushed == 3
    uploaded = anne.store.conn.execute("SELECT uploaded FROM blobs WHERE sha256 = ?", (sha,))
    assert uploaded.fetchone()[0] == 1

    # Another agent of the région reads it through the photo record.
    bruno = devices("agent-bzh", name="bruno")
    bruno.sync()
    assert ensure_blob(bruno.store, sha).read_bytes() == path.read_bytes()


def test_tuspy_with_its_default_sha1_checksums_and_a_resumed_upload(live_server, tmp_path):
    data = make_jpeg(tmp_path / "b.jpg", size=(2400, 1800), seed=7, quality=97).read_bytes()
    path = tmp_path / "b.jpg"
    sha = hashlib.sha256(data).hexdigest()
    token = live_server.login("agent-bzh", device_name="tuspy")
    client = TusClient(
        f"{live_server.url}/api/v1/blobs", headers={"Authorization": f"Bearer {token}"}
    )
    half = len(data) // 2 // 4096 * 4096
    assert half >= 8192
    first = client.uploader(
        file_path=str(path), chunk_size=4096, metadata={"sha256": sha}, upload_checksum=True
    )
    first.upload(stop_at=half)  # stop half-way, as a cut connection would
    # A new uploader given the upload URL asks the offset (HEAD) and resumes there.
    resumed = client.uploader(file_path=str(path), url=first.url, chunk_size=4096)
    assert resumed.offset == half
    resumed.upload()
    got = httpx.get(first.url, headers={"Authorization": f"Bearer {token}"})
    assert got.status_code == 200 and got.content == data
