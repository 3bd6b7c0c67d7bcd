"""A photo goes up from one laptop and down to another through a server whose blobs are in
an S3-compatible bucket (moto's S3 emulator in server mode on 127.0.0.1)."""

from __future__ import annotations

import os

from fieldkit.server.config import Settings
from fieldkit.sync import ensure_blob
from tests.conftest_server import make_live_server, new_bucket, s3_client
from tests.sync.conftest import Device
from tests.sync.test_blobs_sync import add_blob, photo_of


def test_a_photo_syncs_between_two_laptops_through_the_bucket(tmp_path, database_url, s3_endpoint):
    bucket = new_bucket(s3_endpoint)
    settings = Settings(s3_bucket=bucket, s3_endpoint=s3_endpoint)
    server = make_live_server(tmp_path, database_url, settings)
    try:
        anne = Device(server, tmp_path, "agent-bzh", name="anne")
        claire = Device(server, tmp_path, "coordinator", name="claire")
        data = os.urandom(3 * 1024 * 1024 + 5)
        sha = add_blob(anne.store, data)
        photo_of(anne.store, sha)
        summary = anne.sync(chunk_size=1024 * 1024)  # a tus upload in four chunks
        assert summary.blobs_uploaded == 1 and summary.pushed == 3
        stored = s3_client(s3_endpoint).head_object(Bucket=bucket, Key=f"blobs/{sha[:2]}/{sha}")
        assert stored["ContentLength"] == len(data)
        assert not any((server.data_dir / "blobs").rglob(sha))
        claire.sync()
        assert ensure_blob(claire.store, sha).read_bytes() == data
        anne.close()
        claire.close()
    finally:
        server.stop()
