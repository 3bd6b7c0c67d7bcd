"""Blobs in S3-compatible object storage, against moto's S3 emulator in server mode on
127.0.0.1 (an emulator of the S3 API, not AWS itself): uploads land in the bucket, not in
the blobs/ folder, and downloads (whole, ranged, resumed) come back from it."""

from __future__ import annotations

import hashlib
import random
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from fieldkit.server.config import Settings
from tests.server.conftest import Api, _fresh_dir, op, place_op, visit_op

BUCKET = "fieldkit-photos"
CREDENTIALS = {"s3_access_key": "testing", "s3_secret_key": "testing"}


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def _bucket(endpoint: str, name: str) -> Any:
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    s3.create_bucket(Bucket=name)
    return s3


@pytest.fixture
def s3_api(tmp_path: Path, database_url: str | None, s3_endpoint: str) -> Iterator[Api]:
    bucket = f"{BUCKET}-{tmp_path.name[-12:].lower().replace('_', '-')}"
    _bucket(s3_endpoint, bucket)
    settings = Settings(s3_bucket=bucket, s3_endpoint=s3_endpoint, **CREDENTIALS)
    server = Api(_fresh_dir(tmp_path, database_url), database_url=database_url)
    server.close()  # the same data and users, in an app whose blobs go to the bucket
    from fieldkit.server.app import create_app

    server.app = create_app(
        server.data_dir, clock=server.clock, database_url=database_url, settings=settings
    )
    server.state = server.app.state.server
    from fastapi.testclient import TestClient

    server.client = TestClient(server.app)
    server.bucket = bucket  # type: ignore[attr-defined]
    yield server
    server.close()


def _url(sha: str) -> str:
    return f"/api/v1/blobs/{sha}"


def test_an_upload_lands_in_the_bucket_and_downloads_whole_and_by_range(s3_api, s3_endpoint):
    data = random.Random(3).randbytes(300_000)
    sha = hashlib.sha256(data).hexdigest()
    headers = s3_api.headers("agent-bzh")
    for offset in range(0, len(data), 100_000):
        response = s3_api.client.patch(
            _url(sha),
            content=data[offset : offset + 100_000],
            headers={
                **headers,
                "Upload-Offset": str(offset),
                "Upload-Length": str(len(data)),
                "Content-Type": "application/offset+octet-stream",
            },
        )
        assert response.status_code == 204, response.text
    assert response.headers["blob-state"] == "complete"
    # In the bucket, under blobs/ab/abcd…; nothing in the local folder.
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    stored = client.get_object(Bucket=s3_api.bucket, Key=f"blobs/{sha[:2]}/{sha}")["Body"].read()
    assert stored == data
    assert not any((s3_api.data_dir / "blobs").rglob(sha))
    assert list((s3_api.data_dir / "uploads").iterdir()) == []

    # The uploader reads it back: whole, a range, the tail, and past the end.
    whole = s3_api.client.get(_url(sha), headers=headers)
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["content-length"] == str(len(data))
    part = s3_api.client.get(_url(sha), headers={**headers, "Range": "bytes=1000-1999"})
    assert part.status_code == 206 and part.content == data[1000:2000]
    assert part.headers["content-range"] == f"bytes 1000-1999/{len(data)}"
    rest = s3_api.client.get(_url(sha), headers={**headers, "Range": "bytes=299000-"})
    assert rest.status_code == 206 and rest.content == data[299000:]
    tail = s3_api.client.get(_url(sha), headers={**headers, "Range": "bytes=-10"})
    assert tail.content == data[-10:]
    beyond = s3_api.client.get(_url(sha), headers={**headers, "Range": "bytes=400000-"})
    assert beyond.status_code == 416
    # Held: not missing, HEAD says complete, a PUT of the same bytes is a no-op.
    missing = s3_api.client.post("/api/v1/blobs/missing", json={"hashes": [sha]}, headers=headers)
    assert missing.json() == {"missing": []}
    assert s3_api.client.head(_url(sha), headers=headers).headers["blob-state"] == "complete"
    again = s3_api.client.put(_url(sha), content=data, headers=headers)
    assert again.status_code == 200


def test_another_regions_agent_still_cannot_read_a_blob_in_the_bucket(s3_api):
    data = b"photo bytes " * 100
    sha = hashlib.sha256(data).hexdigest()
    headers = s3_api.headers("agent-bzh")
    assert s3_api.client.put(_url(sha), content=data, headers=headers).status_code == 201
    s3_api.push_ok(
        "agent-bzh",
        place_op("p1"),
        visit_op("v1", "p1"),
        op("photo", "ph1", fields={"visit_id": "v1", "blob": sha}),
    )
    assert s3_api.client.get(_url(sha), headers=s3_api.headers("agent-occ")).status_code == 403
    assert s3_api.client.get(_url(sha), headers=s3_api.headers("coordinator")).content == data
