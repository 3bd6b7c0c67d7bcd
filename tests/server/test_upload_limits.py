"""Uploads that can't grow forever: abandoned ones are dropped after a delay, each user has
a quota, and a full disk (a real one: a small tmpfs mounted as the server's folder) answers
507 while the server goes on serving."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
from pathlib import Path

import httpx
import pytest

from fieldkit.server.config import Settings

TUS = {"Tus-Resumable": "1.0.0"}


def tus_create(client, headers, data: bytes):
    sha = hashlib.sha256(data).hexdigest()
    return client.post(
        "/api/v1/blobs",
        headers={
            **headers,
            **TUS,
            "Upload-Length": str(len(data)),
            "Upload-Metadata": "sha256 " + base64.b64encode(sha.encode()).decode(),
        },
    )


def tus_patch(client, headers, data: bytes, offset: int, chunk: bytes):
    sha = hashlib.sha256(data).hexdigest()
    return client.patch(
        f"/api/v1/blobs/{sha}",
        content=chunk,
        headers={
            **headers,
            **TUS,
            "Upload-Offset": str(offset),
            "Content-Type": "application/offset+octet-stream",
        },
    )


def test_an_abandoned_upload_is_dropped_with_its_part_file_after_the_delay(api):
    headers = api.headers("agent-bzh")
    data = os.urandom(3000)
    assert tus_create(api.client, headers, data).status_code == 201
    assert tus_patch(api.client, headers, data, 0, data[:1000]).status_code == 204
    [part] = list(api.state.blobs.uploads_dir.glob("*.part"))
    api.clock.advance(hours=23)
    other = os.urandom(100)
    assert tus_create(api.client, api.headers("agent-occ"), other).status_code == 201
    assert part.exists()  # not yet abandoned
    api.clock.advance(hours=2)
    assert tus_create(api.client, api.headers("agent-occ"), os.urandom(50)).status_code == 201
    assert not part.exists()
    sha = hashlib.sha256(data).hexdigest()
    gone = api.client.head(f"/api/v1/blobs/{sha}", headers={**headers, **TUS})
    assert gone.status_code == 404  # the client starts it again from zero


def test_a_user_past_their_quota_is_refused_and_others_are_not(tmp_path, database_url):
    from tests.server.conftest import Api, _fresh_dir

    api = Api(
        _fresh_dir(tmp_path, database_url),
        database_url=database_url,
        settings=Settings(user_quota_mb=0.01),  # 10,485 bytes
    )
    try:
        anne = api.headers("agent-bzh")
        first = os.urandom(6000)
        sha = hashlib.sha256(first).hexdigest()
        assert (
            api.client.put(f"/api/v1/blobs/{sha}", content=first, headers=anne).status_code == 201
        )
        second = os.urandom(6000)
        refused = tus_create(api.client, anne, second)
        assert refused.status_code == 507, refused.text
        assert refused.json()["error"]["code"] == "quota_exceeded"
        sha2 = hashlib.sha256(second).hexdigest()
        whole = api.client.put(f"/api/v1/blobs/{sha2}", content=second, headers=anne)
        assert whole.status_code == 507
        # Bytes the server already holds cost nothing; another user has their own quota.
        again = api.client.put(f"/api/v1/blobs/{sha}", content=first, headers=anne)
        assert again.status_code == 200
        occ = api.headers("agent-occ")
        assert (
            api.client.put(f"/api/v1/blobs/{sha2}", content=second, headers=occ).status_code == 201
        )
    finally:
        api.close()


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 3 MiB tmpfs: a real file system that fills up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_answers_507_and_the_server_goes_on(small_disk, database_url):
    from tests.conftest_server import LiveServer

    server = LiveServer(small_disk / "data", database_url)
    server.start()
    try:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            headers = {"Authorization": f"Bearer {server.login('agent-bzh')}"}
            big = os.urandom(4 * 1024 * 1024)  # more than the disk holds
            sha = hashlib.sha256(big).hexdigest()
            whole = http.put(f"/api/v1/blobs/{sha}", content=big, headers=headers)
            assert whole.status_code == 507, whole.text
            assert whole.json()["error"]["code"] == "disk_full"
            assert tus_create(http, headers, big).status_code == 201
            chunk = tus_patch(http, headers, big, 0, big)
            assert chunk.status_code == 507, chunk.text
            # Still serving, and a photo that fits goes in once the upload is dropped.
            assert http.get("/api/v1/health").status_code == 200
            small = os.urandom(100_000)
            small_sha = hashlib.sha256(small).hexdigest()
            stored = http.put(f"/api/v1/blobs/{small_sha}", content=small, headers=headers)
            assert stored.status_code == 201, stored.text
            assert http.get("/api/v1/auth/me", headers=headers).status_code == 200
    finally:
        server.stop()
