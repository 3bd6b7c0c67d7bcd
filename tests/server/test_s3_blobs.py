"""Blobs in S3-compatible object storage, against moto's S3 emulator in server mode on
127.0.0.1 (an emulator of the S3 API, not AWS itself): tus uploads land in the bucket and
not in the blobs/ folder; downloads (whole, ranged) come back from it; the read rule, the
erasure and backup/restore work on the bucket as on the folder."""

from __future__ import annotations

import hashlib
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from botocore.exceptions import ClientError
from click.testing import CliRunner

from fieldkit.cli import main
from fieldkit.server.backup import backup, restore
from fieldkit.server.blobs import S3Storage
from fieldkit.server.config import Settings
from fieldkit.server.db import default_url
from tests.conftest_server import _free_port, new_bucket, s3_client
from tests.server.conftest import Api, _fresh_dir, op, place_op, visit_op
from tests.server.test_blobs import blob, create, patch, url
from tests.server.test_erasure import erase


@pytest.fixture
def s3_api(tmp_path: Path, database_url: str | None, s3_endpoint: str) -> Iterator[Api]:
    """The app on SQLite, then PostgreSQL, with its blobs in a fresh bucket."""
    settings = Settings(s3_bucket=new_bucket(s3_endpoint), s3_endpoint=s3_endpoint)
    server = Api(_fresh_dir(tmp_path, database_url), database_url=database_url, settings=settings)
    yield server
    server.close()


def cli(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["server", *args], input=input)


def in_bucket(api: Api, sha: str) -> bytes | None:
    settings = api.state.settings
    try:
        got = s3_client(settings.s3_endpoint).get_object(
            Bucket=settings.s3_bucket, Key=f"blobs/{sha[:2]}/{sha}"
        )
    except ClientError:
        return None
    return bytes(got["Body"].read())


def in_folder(api: Api, sha: str) -> bool:
    return any((api.data_dir / "blobs").rglob(sha))


def photo_of(api: Api, sha: str, user: str = "agent-bzh") -> None:
    api.push_ok(
        user,
        place_op("p1"),
        visit_op("v1", "p1"),
        op("photo", "ph1", fields={"visit_id": "v1", "blob": sha}),
    )


def test_a_tus_upload_lands_in_the_bucket_and_downloads_whole_and_by_range(s3_api):
    data = random.Random(3).randbytes(300_000)
    sha = hashlib.sha256(data).hexdigest()
    assert create(s3_api, "agent-bzh", sha, len(data)).status_code == 201
    for offset in range(0, len(data), 100_000):
        done = patch(s3_api, "agent-bzh", sha, data[offset : offset + 100_000], offset)
        assert done.status_code == 204, done.text
    assert done.headers["upload-offset"] == str(len(data))
    assert in_bucket(s3_api, sha) == data
    assert not in_folder(s3_api, sha)
    assert list((s3_api.data_dir / "uploads").iterdir()) == []

    headers = s3_api.headers("agent-bzh")
    whole = s3_api.client.get(url(sha), headers=headers)
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["content-length"] == str(len(data))
    part = s3_api.client.get(url(sha), headers={**headers, "Range": "bytes=1000-1999"})
    assert part.status_code == 206 and part.content == data[1000:2000]
    assert part.headers["content-range"] == f"bytes 1000-1999/{len(data)}"
    rest = s3_api.client.get(url(sha), headers={**headers, "Range": "bytes=299000-"})
    assert rest.status_code == 206 and rest.content == data[299000:]
    tail = s3_api.client.get(url(sha), headers={**headers, "Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.content == data[-10:]
    beyond = s3_api.client.get(url(sha), headers={**headers, "Range": "bytes=400000-"})
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{len(data)}"
    # Held: not missing, HEAD says complete, a PUT of the same bytes changes nothing.
    missing = s3_api.client.post("/api/v1/blobs/missing", json={"hashes": [sha]}, headers=headers)
    assert missing.json() == {"missing": []}
    head = s3_api.client.head(url(sha), headers={**headers, "Tus-Resumable": "1.0.0"})
    assert head.headers["blob-state"] == "complete"
    again = s3_api.client.put(url(sha), content=data, headers=headers)
    assert again.status_code == 200
    assert not in_folder(s3_api, sha)


def test_the_read_rule_holds_for_blobs_in_the_bucket(s3_api):
    data, sha = blob(5000, seed=4)
    headers = s3_api.headers("agent-bzh")
    assert s3_api.client.put(url(sha), content=data, headers=headers).status_code == 201
    assert in_bucket(s3_api, sha) == data
    photo_of(s3_api, sha)
    # Another région's agent: the same 404 as for a blob that does not exist.
    other = s3_api.client.get(url(sha), headers=s3_api.headers("agent-occ"))
    assert other.status_code == 404 and other.json()["error"]["code"] == "not_found"
    assert s3_api.client.get(url(sha), headers=s3_api.headers("coordinator")).content == data


def test_erasing_the_photo_removes_its_object_from_the_bucket(s3_api):
    data, sha = blob(4000, seed=5)
    headers = s3_api.headers("agent-bzh")
    assert s3_api.client.put(url(sha), content=data, headers=headers).status_code == 201
    photo_of(s3_api, sha)
    [result] = erase(s3_api, "coordinator", ("place", "p1"))
    assert result["status"] == "erased", result
    assert in_bucket(s3_api, sha) is None
    assert s3_api.client.get(url(sha), headers=s3_api.headers("coordinator")).status_code == 404


def test_backup_copies_the_bucket_and_restore_puts_it_back(s3_api, tmp_path, s3_endpoint):
    data, sha = blob(6000, seed=6)
    headers = s3_api.headers("agent-bzh")
    assert s3_api.client.put(url(sha), content=data, headers=headers).status_code == 201
    photo_of(s3_api, sha)
    settings = s3_api.state.settings
    storage = S3Storage(settings.s3_bucket, endpoint_url=s3_endpoint)
    database_url = s3_api.database_url or default_url(s3_api.data_dir)
    summary = backup(s3_api.data_dir, database_url, tmp_path / "backup", storage)
    assert summary.blobs == 1
    assert (tmp_path / "backup" / "blobs" / sha[:2] / sha).read_bytes() == data
    s3_api.close()
    # The bucket is lost; the restore brings the object back into it (not into a folder).
    s3_client(s3_endpoint).delete_object(Bucket=settings.s3_bucket, Key=f"blobs/{sha[:2]}/{sha}")
    assert in_bucket(s3_api, sha) is None
    restored = restore(s3_api.data_dir, database_url, tmp_path / "backup", storage)
    assert restored.blobs_copied == 1
    assert in_bucket(s3_api, sha) == data
    assert not in_folder(s3_api, sha)
    again = Api(s3_api.data_dir, database_url=s3_api.database_url, settings=settings)
    try:
        got = again.client.get(url(sha), headers=again.headers("coordinator"))
        assert got.status_code == 200 and got.content == data
    finally:
        again.close()


def test_the_command_line_serves_backs_up_and_restores_a_bucket(tmp_path, s3_endpoint):
    """`fieldkit server run --workers 2 --s3-bucket …` (the workers get the bucket through
    the environment), then `server backup` and `server restore` with the same options."""
    data_dir, bucket = tmp_path / "srv", new_bucket(s3_endpoint)
    s3 = ["--s3-bucket", bucket, "--s3-endpoint", s3_endpoint]
    added = cli("add-user", "--data", str(data_dir), "anne", "--role", "agent",
                "--regions", "53", input="anne-pass-123\n")  # fmt: skip
    assert added.exit_code == 0, added.output
    port = _free_port()
    args = [sys.executable, "-m", "fieldkit.cli", "server", "run", "--data", str(data_dir)]
    args += ["--port", str(port), "--workers", "2", *s3]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    data, sha = blob(7000, seed=7)
    try:
        base = f"http://127.0.0.1:{port}/api/v1"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/health", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                assert process.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.2)
        login = httpx.post(
            f"{base}/auth/login",
            json={"username": "anne", "password": "anne-pass-123", "device_name": "laptop"},
            timeout=10,
        )
        headers = {"Authorization": f"Bearer {login.json()['token']}"}
        stored = httpx.put(f"{base}/blobs/{sha}", content=data, headers=headers, timeout=10)
        assert stored.status_code == 201, stored.text
    finally:
        process.terminate()
        process.wait(timeout=20)
    key = f"blobs/{sha[:2]}/{sha}"
    assert s3_client(s3_endpoint).get_object(Bucket=bucket, Key=key)["Body"].read() == data
    assert not any((data_dir / "blobs").rglob(sha))

    out = tmp_path / "backup"
    saved = cli("backup", "--data", str(data_dir), str(out), *s3)
    assert saved.exit_code == 0, saved.output
    assert "1 photo blob(s)" in saved.output
    assert (out / "blobs" / sha[:2] / sha).read_bytes() == data
    s3_client(s3_endpoint).delete_object(Bucket=bucket, Key=key)
    put_back = cli("restore", "--data", str(data_dir), str(out), "--yes", *s3)
    assert put_back.exit_code == 0, put_back.output
    assert "1 photo blob(s) put back" in put_back.output
    assert s3_client(s3_endpoint).get_object(Bucket=bucket, Key=key)["Body"].read() == data
