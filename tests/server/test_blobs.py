"""Blobs: which are missing, resumable uploads with offsets, hash checks, Range, limits."""

from __future__ import annotations

import hashlib
import os
import socket
import time

import httpx

from tests.server.conftest import op, place_op, visit_op


def blob(size: int, seed: int = 0) -> tuple[bytes, str]:
    data = bytes((i * 7 + seed) % 251 for i in range(size))
    return data, hashlib.sha256(data).hexdigest()


def url(sha: str) -> str:
    return f"/api/v1/blobs/{sha}"


def patch(api, user, sha, chunk, offset, length=None):
    headers = {**api.headers(user), "Upload-Offset": str(offset)}
    if length is not None:
        headers["Upload-Length"] = str(length)
    return api.client.patch(url(sha), content=chunk, headers=headers)


def test_missing_lists_what_the_server_lacks_in_order_without_duplicates(api):
    data, held = blob(100)
    _, other = blob(100, seed=1)
    _, third = blob(100, seed=2)
    assert (
        api.client.put(url(held), content=data, headers=api.headers("agent-bzh")).status_code == 201
    )
    response = api.client.post(
        "/api/v1/blobs/missing",
        json={"hashes": [third, held, other, third]},
        headers=api.headers("agent-occ"),
    )
    assert response.json() == {"missing": [third, other]}
    bad = api.client.post(
        "/api/v1/blobs/missing", json={"hashes": ["not-a-hash"]}, headers=api.headers("admin")
    )
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"


def test_resumable_upload_with_offsets(api):
    data, sha = blob(10_000)
    head = api.client.head(url(sha), headers=api.headers("agent-bzh"))
    assert head.status_code == 200
    assert (head.headers["upload-offset"], head.headers["blob-state"]) == ("0", "absent")

    first = patch(api, "agent-bzh", sha, data[:4000], 0, len(data))
    assert first.status_code == 204 and first.headers["upload-offset"] == "4000"
    head = api.client.head(url(sha), headers=api.headers("agent-bzh"))
    assert head.headers["upload-offset"] == "4000"
    assert head.headers["upload-length"] == "10000"
    assert head.headers["blob-state"] == "partial"

    # A client that lost track of the offset is told the server's.
    stale = patch(api, "agent-bzh", sha, data[:4000], 0, len(data))
    ahead = patch(api, "agent-bzh", sha, data[6000:], 6000)
    for response in (stale, ahead):
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "offset_mismatch"
        assert response.json()["error"]["details"] == {"offset": 4000}
        assert response.headers["upload-offset"] == "4000"

    second = patch(api, "agent-bzh", sha, data[4000:7000], 4000)
    assert second.headers["upload-offset"] == "7000"
    last = patch(api, "agent-bzh", sha, data[7000:], 7000)
    assert last.status_code == 204 and last.headers["blob-state"] == "complete"
    assert (api.data_dir / "blobs" / sha[:2] / sha).read_bytes() == data
    assert not (api.data_dir / "uploads" / f"{sha}.part").exists()
    head = api.client.head(url(sha), headers=api.headers("agent-occ"))
    assert head.headers["blob-state"] == "complete" and head.headers["upload-offset"] == "10000"
    # A PATCH of a held blob changes nothing.
    again = patch(api, "agent-occ", sha, b"junk", 0, 4)
    assert again.status_code == 204 and again.headers["upload-offset"] == "10000"


def test_an_upload_survives_a_server_restart(tmp_path, api):
    data, sha = blob(5000)
    patch(api, "agent-bzh", sha, data[:2000], 0, len(data))
    api.close()
    from tests.server.conftest import Api

    restarted = Api(api.data_dir, database_url=api.database_url)
    try:
        head = restarted.client.head(url(sha), headers=restarted.headers("agent-bzh"))
        assert head.headers["upload-offset"] == "2000"
        done = patch(restarted, "agent-bzh", sha, data[2000:], 2000)
        assert done.headers["blob-state"] == "complete"
    finally:
        restarted.close()


def test_bytes_that_do_not_match_the_hash_are_refused_and_discarded(api):
    data, sha = blob(3000)
    patch(api, "agent-bzh", sha, data[:1000], 0, 3000)
    wrong = patch(api, "agent-bzh", sha, b"x" * 2000, 1000)
    assert wrong.status_code == 422
    error = wrong.json()["error"]
    assert error["code"] == "hash_mismatch" and error["details"]["expected"] == sha
    head = api.client.head(url(sha), headers=api.headers("agent-bzh"))
    assert head.headers["upload-offset"] == "0" and head.headers["blob-state"] == "absent"
    assert not any((api.data_dir / "blobs").rglob(sha))
    put = api.client.put(url(sha), content=b"y" * 3000, headers=api.headers("agent-bzh"))
    assert put.status_code == 422 and put.json()["error"]["code"] == "hash_mismatch"
    assert list((api.data_dir / "uploads").iterdir()) == []


def test_malformed_upload_requests_are_400_or_422(api):
    data, sha = blob(100)
    headers = api.headers("agent-bzh")
    cases = [
        (api.client.head(url("ABC"), headers=headers), 400, None),
        (api.client.patch(url("z" * 64), content=data, headers=headers), 400, "bad_hash"),
        (api.client.patch(url(sha), content=data, headers=headers), 400, "missing_header"),
        (patch(api, "agent-bzh", sha, data, 0), 400, "missing_header"),
        (
            api.client.patch(url(sha), content=data, headers={**headers, "Upload-Offset": "-3"}),
            400,
            "bad_header",
        ),
        (patch(api, "agent-bzh", sha, data, 0, 50), 422, "length_mismatch"),
    ]
    for response, status, code in cases:
        assert response.status_code == status
        if code:
            assert response.json()["error"]["code"] == code


def test_put_stores_a_whole_blob_once(api):
    data, sha = blob(2048)
    headers = api.headers("agent-bzh")
    assert api.client.put(url(sha), content=data, headers=headers).status_code == 201
    assert api.client.put(url(sha), content=data, headers=headers).status_code == 200
    assert api.client.get(url(sha), headers=headers).content == data


def test_range_downloads(api):
    data, sha = blob(5000)
    api.client.put(url(sha), content=data, headers=api.headers("coordinator"))
    headers = api.headers("coordinator")
    part = api.client.get(url(sha), headers={**headers, "Range": "bytes=1000-1999"})
    assert part.status_code == 206
    assert part.headers["content-range"] == "bytes 1000-1999/5000"
    assert part.content == data[1000:2000]
    tail = api.client.get(url(sha), headers={**headers, "Range": "bytes=4990-"})
    assert tail.content == data[4990:]
    whole = api.client.get(url(sha), headers=headers)
    assert whole.status_code == 200 and whole.headers["accept-ranges"] == "bytes"
    beyond = api.client.get(url(sha), headers={**headers, "Range": "bytes=9000-9999"})
    assert beyond.status_code == 416
    _, unknown = blob(10, seed=9)
    missing = api.client.get(url(unknown), headers=headers)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_who_may_download_a_blob(api):
    data, sha = blob(500)
    api.client.put(url(sha), content=data, headers=api.headers("agent-bzh"))
    assert api.client.get(url(sha), headers=api.headers("agent-bzh")).status_code == 200
    assert api.client.get(url(sha), headers=api.headers("coordinator")).status_code == 200
    refused = api.client.get(url(sha), headers=api.headers("agent-occ"))
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    api.push_ok(
        "agent-occ",
        place_op("b", postcode="34500"),
        visit_op("v", "b"),
        op("photo", "ph", fields={"visit_id": "v", "blob": sha, "caption": "Atelier"}),
    )
    assert api.client.get(url(sha), headers=api.headers("agent-occ")).content == data


def test_upload_limits_are_413(small_api):
    api = small_api
    data, sha = blob(2500)
    big_chunk = patch(api, "agent-bzh", sha, data[:1500], 0, len(data))
    assert big_chunk.status_code == 413
    assert big_chunk.json()["error"]["details"]["limit"] == 1000
    head = api.client.head(url(sha), headers=api.headers("agent-bzh"))
    assert head.headers["upload-offset"] == "0"
    huge, huge_sha = blob(3500)
    too_long = patch(api, "agent-bzh", huge_sha, huge[:500], 0, len(huge))
    assert too_long.status_code == 413 and too_long.json()["error"]["code"] == "too_large"
    put = api.client.put(url(huge_sha), content=huge, headers=api.headers("agent-bzh"))
    assert put.status_code == 413
    # A chunked body (no Content-Length) over the limit is cut off too.
    streamed = api.client.put(
        url(huge_sha), content=iter([huge[:2000], huge[2000:]]), headers=api.headers("agent-bzh")
    )
    assert streamed.status_code == 413
    assert list((api.data_dir / "uploads").iterdir()) == []
    hashes = api.client.post(
        "/api/v1/blobs/missing", json={"hashes": [sha] * 4}, headers=api.headers("admin")
    )
    assert hashes.status_code == 413


def test_an_upload_cut_off_mid_chunk_keeps_what_arrived(live_server):
    """Over a real socket: the client dies half-way through a PATCH body."""
    data = os.urandom(8000)
    sha = hashlib.sha256(data).hexdigest()
    token = live_server.login("agent-bzh")
    request = (
        f"PATCH /api/v1/blobs/{sha} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {token}\r\nUpload-Offset: 0\r\nUpload-Length: 8000\r\n"
        "Content-Type: application/offset+octet-stream\r\nContent-Length: 8000\r\n\r\n"
    ).encode()
    headers = {"Authorization": f"Bearer {token}"}

    def state() -> tuple[str, int]:
        head = httpx.head(f"{live_server.url}/api/v1/blobs/{sha}", headers=headers, timeout=5)
        return head.headers["blob-state"], int(head.headers["upload-offset"])

    with socket.create_connection(("127.0.0.1", live_server.port), timeout=5) as sock:
        sock.sendall(request + data[:3000])
        # Wait until the server has begun this upload (it then reads the body at once),
        # and give it a moment to take those bytes before the line drops.
        deadline = time.monotonic() + 10
        while state()[0] != "partial" and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)
    deadline = time.monotonic() + 5
    offset = 0
    while time.monotonic() < deadline:
        offset = state()[1]
        if offset:
            break
        time.sleep(0.05)
    assert offset == 3000
    rest = httpx.patch(
        f"{live_server.url}/api/v1/blobs/{sha}",
        content=data[offset:],
        headers={**headers, "Upload-Offset": str(offset)},
        timeout=5,
    )
    assert rest.status_code == 204 and rest.headers["blob-state"] == "complete"
    got = httpx.get(f"{live_server.url}/api/v1/blobs/{sha}", headers=headers, timeout=5)
    assert got.content == data
