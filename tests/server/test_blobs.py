"""Blobs: tus 1.0.0 uploads (core, creation, checksum), hash checks, Range, limits, and
who may read (or even learn of) a blob."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import time

import httpx

from tests.server.conftest import op, place_op, visit_op

TUS = {"Tus-Resumable": "1.0.0"}


def blob(size: int, seed: int = 0) -> tuple[bytes, str]:
    data = bytes((i * 7 + seed) % 251 for i in range(size))
    return data, hashlib.sha256(data).hexdigest()


def url(sha: str) -> str:
    return f"/api/v1/blobs/{sha}"


def create(api, user, sha, length):
    """tus creation: POST /blobs with Upload-Length and the sha256 in Upload-Metadata."""
    meta = "filename cGhvdG8uanBn,sha256 " + base64.b64encode(sha.encode()).decode()
    return api.client.post(
        "/api/v1/blobs",
        headers={
            **api.headers(user),
            **TUS,
            "Upload-Length": str(length),
            "Upload-Metadata": meta,
        },
    )


def patch(api, user, sha, chunk, offset, length=None, **extra):
    headers = {
        **api.headers(user),
        **TUS,
        "Upload-Offset": str(offset),
        "Content-Type": "application/offset+octet-stream",
        **extra,
    }
    if length is not None:
        headers["Upload-Length"] = str(length)
    return api.client.patch(url(sha), content=chunk, headers=headers)


def upload(api, user, data, sha):
    assert create(api, user, sha, len(data)).status_code == 201
    done = patch(api, user, sha, data, 0)
    assert done.status_code == 204, done.text
    return done


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
        headers=api.headers("agent-bzh"),
    )
    assert response.json() == {"missing": [third, other]}
    bad = api.client.post(
        "/api/v1/blobs/missing", json={"hashes": ["not-a-hash"]}, headers=api.headers("admin")
    )
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"
    newline = api.client.post(
        "/api/v1/blobs/missing", json={"hashes": [held + "\n"]}, headers=api.headers("admin")
    )
    assert newline.status_code == 422


def test_options_tells_the_tus_capabilities_without_a_token(api):
    for path in ("/api/v1/blobs", url("a" * 64)):
        response = api.client.options(path)
        assert response.status_code == 204
        assert response.headers["tus-version"] == "1.0.0"
        assert response.headers["tus-resumable"] == "1.0.0"
        assert set(response.headers["tus-extension"].split(",")) == {"creation", "checksum"}
        assert "sha256" in response.headers["tus-checksum-algorithm"].split(",")
        assert int(response.headers["tus-max-size"]) == 256 * 1024 * 1024
    allow = api.client.options(url("a" * 64)).headers["allow"]
    assert set(allow.split(", ")) == {"GET", "HEAD", "OPTIONS", "PATCH", "PUT"}
    # Every API path answers OPTIONS; an unknown one is 404.
    assert api.client.options("/api/v1/sync/pull").headers["allow"] == "GET, OPTIONS"
    assert api.client.options("/api/v1/nothing").status_code == 404


def test_resumable_upload_with_offsets(api):
    data, sha = blob(10_000)
    head = api.client.head(url(sha), headers={**api.headers("agent-bzh"), **TUS})
    assert head.status_code == 404  # tus: no such upload yet
    assert head.headers["tus-resumable"] == "1.0.0"

    created = create(api, "agent-bzh", sha, len(data))
    assert created.status_code == 201
    assert created.headers["location"] == url(sha)
    assert created.headers["tus-resumable"] == "1.0.0"
    first = patch(api, "agent-bzh", sha, data[:4000], 0)
    assert first.status_code == 204 and first.headers["upload-offset"] == "4000"
    assert first.headers["tus-resumable"] == "1.0.0"
    head = api.client.head(url(sha), headers={**api.headers("agent-bzh"), **TUS})
    assert head.headers["upload-offset"] == "4000"
    assert head.headers["upload-length"] == "10000"
    assert head.headers["blob-state"] == "partial"
    assert head.headers["cache-control"] == "no-store"

    # A client that lost track of the offset is told the server's.
    stale = patch(api, "agent-bzh", sha, data[:4000], 0)
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
    assert list((api.data_dir / "uploads").iterdir()) == []
    head = api.client.head(url(sha), headers=api.headers("agent-bzh"))
    assert head.headers["blob-state"] == "complete" and head.headers["upload-offset"] == "10000"
    # A PATCH of a blob the caller already holds changes nothing.
    again = patch(api, "agent-bzh", sha, b"junk", 0)
    assert again.status_code == 204 and again.headers["upload-offset"] == "10000"


def test_chunk_checksums_are_checked_460(api):
    data, sha = blob(3000)
    create(api, "agent-bzh", sha, len(data))
    digest = base64.b64encode(hashlib.sha256(data[:1000]).digest()).decode()
    good = patch(api, "agent-bzh", sha, data[:1000], 0, **{"Upload-Checksum": f"sha256 {digest}"})
    assert good.status_code == 204 and good.headers["upload-offset"] == "1000"
    wrong = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
    bad = patch(
        api, "agent-bzh", sha, data[1000:2000], 1000, **{"Upload-Checksum": f"sha256 {wrong}"}
    )
    assert bad.status_code == 460 and bad.json()["error"]["code"] == "checksum_mismatch"
    head = api.client.head(url(sha), headers=api.headers("agent-bzh"))
    assert head.headers["upload-offset"] == "1000"  # the bad chunk was dropped
    sha1 = base64.b64encode(hashlib.sha1(data[1000:]).digest()).decode()
    rest = patch(api, "agent-bzh", sha, data[1000:], 1000, **{"Upload-Checksum": f"sha1 {sha1}"})
    assert rest.status_code == 204 and rest.headers["blob-state"] == "complete"
    md5 = patch(api, "agent-bzh", sha, b"", 0, **{"Upload-Checksum": "md5 AAAA"})
    assert md5.status_code == 400


def test_tus_version_and_content_type_are_enforced(api):
    data, sha = blob(100)
    headers = {**api.headers("agent-bzh"), "Upload-Offset": "0"}
    create(api, "agent-bzh", sha, len(data))
    no_version = api.client.patch(
        url(sha),
        content=data,
        headers={**headers, "Content-Type": "application/offset+octet-stream"},
    )
    assert no_version.status_code == 400
    assert no_version.json()["error"]["code"] == "missing_header"
    old = api.client.patch(
        url(sha),
        content=data,
        headers={
            **headers,
            "Tus-Resumable": "0.2.2",
            "Content-Type": "application/offset+octet-stream",
        },
    )
    assert old.status_code == 412 and old.headers["tus-version"] == "1.0.0"
    plain = api.client.patch(
        url(sha), content=data, headers={**headers, **TUS, "Content-Type": "text/plain"}
    )
    assert plain.status_code == 415


def test_an_upload_survives_a_server_restart(tmp_path, api):
    data, sha = blob(5000)
    create(api, "agent-bzh", sha, len(data))
    patch(api, "agent-bzh", sha, data[:2000], 0)
    api.close()
    from tests.server.conftest import Api

    restarted = Api(api.data_dir)
    try:
        head = restarted.client.head(url(sha), headers=restarted.headers("agent-bzh"))
        assert head.headers["upload-offset"] == "2000"
        done = patch(restarted, "agent-bzh", sha, data[2000:], 2000)
        assert done.headers["blob-state"] == "complete"
    finally:
        restarted.close()


def test_bytes_that_do_not_match_the_hash_are_refused_and_discarded(api):
    data, sha = blob(3000)
    create(api, "agent-bzh", sha, 3000)
    patch(api, "agent-bzh", sha, data[:1000], 0)
    wrong = patch(api, "agent-bzh", sha, b"x" * 2000, 1000)
    assert wrong.status_code == 422
    error = wrong.json()["error"]
    assert error["code"] == "hash_mismatch" and error["details"]["expected"] == sha
    head = api.client.head(url(sha), headers=api.headers("agent-bzh"))
    assert head.status_code == 404  # the upload is gone; create it again
    assert not any((api.data_dir / "blobs").rglob(sha))
    put = api.client.put(url(sha), content=b"y" * 3000, headers=api.headers("agent-bzh"))
    assert put.status_code == 422 and put.json()["error"]["code"] == "hash_mismatch"
    assert list((api.data_dir / "uploads").iterdir()) == []


def test_malformed_upload_requests_are_400_or_422(api):
    data, sha = blob(100)
    headers = {**api.headers("agent-bzh"), **TUS}
    octets = {"Content-Type": "application/offset+octet-stream"}
    create(api, "agent-bzh", sha, len(data))
    cases = [
        (api.client.head(url("ABC"), headers=headers), 400, None),
        (api.client.patch(url("z" * 64), content=data, headers=headers), 400, "bad_hash"),
        (api.client.get(url(sha) + "%0A", headers=headers), 400, "bad_hash"),
        (
            api.client.patch(url(sha) + "%0A", content=data, headers={**headers, **octets}),
            400,
            "bad_hash",
        ),
        (
            api.client.patch(url(sha), content=data, headers={**headers, **octets}),
            400,
            "missing_header",
        ),
        (
            api.client.patch(
                url(sha), content=data, headers={**headers, **octets, "Upload-Offset": "-3"}
            ),
            400,
            "bad_header",
        ),
        (
            api.client.patch(
                url(sha), content=data, headers={**headers, **octets, "Upload-Offset": "+0"}
            ),
            400,
            "bad_header",
        ),
        (patch(api, "agent-bzh", sha, data, 0, 50), 422, "length_mismatch"),
        (create(api, "agent-bzh", "g" * 64, 10), 400, "bad_hash"),
        (
            api.client.post("/api/v1/blobs", headers={**headers, "Upload-Length": "10"}),
            400,
            "missing_header",
        ),
    ]
    for response, status, code in cases:
        assert response.status_code == status, (response.request.url, response.text)
        if code:
            assert response.json()["error"]["code"] == code
    assert [p.name for p in (api.data_dir / "uploads").iterdir()] != []
    assert all(
        p.name.endswith(".part") and "\n" not in p.name
        for p in (api.data_dir / "uploads").iterdir()
    )


def test_another_user_cannot_reset_or_write_into_an_upload_in_progress(api):
    data, sha = blob(6000)
    create(api, "agent-bzh", sha, len(data))
    assert patch(api, "agent-bzh", sha, data[:3000], 0).headers["upload-offset"] == "3000"
    # agent-occ knows the hash: they can neither see, write into, nor restart that upload.
    head = api.client.head(url(sha), headers=api.headers("agent-occ"))
    assert head.status_code == 404
    intrude = patch(api, "agent-occ", sha, b"evil" * 750, 3000)
    assert intrude.status_code == 404
    restart = create(api, "agent-occ", sha, len(data))
    assert restart.status_code == 201  # their own upload, separate from agent-bzh's
    assert patch(api, "agent-occ", sha, b"z" * 100, 0).status_code == 204
    # agent-bzh's upload is untouched and completes.
    head = api.client.head(url(sha), headers=api.headers("agent-bzh"))
    assert head.headers["upload-offset"] == "3000"
    done = patch(api, "agent-bzh", sha, data[3000:], 3000)
    assert done.headers["blob-state"] == "complete"
    assert api.client.get(url(sha), headers=api.headers("agent-bzh")).content == data


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
    """Readable: by a holder (uploaded every byte), or through a photo in one's régions
    whose blob was set by a holder. Anything else looks exactly like an absent blob."""
    data, sha = blob(500)
    upload(api, "agent-bzh", data, sha)
    api.push_ok(
        "agent-bzh",
        place_op("a"),
        visit_op("va", "a"),
        op("photo", "pa", fields={"visit_id": "va", "blob": sha, "caption": "Atelier"}),
    )
    _, absent = blob(500, seed=3)
    assert api.client.get(url(sha), headers=api.headers("agent-bzh")).content == data
    assert api.client.get(url(sha), headers=api.headers("coordinator")).content == data

    # agent-occ (Occitanie) knows the hash and names it in a photo of their own région.
    api.push_ok(
        "agent-occ",
        place_op("b", postcode="34500"),
        visit_op("vb", "b"),
        op("photo", "pb", fields={"visit_id": "vb", "blob": sha, "caption": "Volé"}),
    )
    occ = api.headers("agent-occ")
    for target in (sha, absent):  # the same answers for "not yours" and "not there"
        got = api.client.get(url(target), headers=occ)
        assert got.status_code == 404 and got.json()["error"]["code"] == "not_found"
        assert sha not in got.json()["error"]["message"].replace(target, "")
        head = api.client.head(url(target), headers={**occ, **TUS})
        assert head.status_code == 404
        assert set(head.headers) - {"date", "server"} == {
            "content-length",
            "content-type",
            "tus-resumable",
        }
        assert patch(api, "agent-occ", target, b"x", 0).status_code == 404
    missing = api.client.post("/api/v1/blobs/missing", json={"hashes": [sha, absent]}, headers=occ)
    assert missing.json() == {"missing": [sha, absent]}
    # agent-occ proves they hold the bytes by uploading them all: then it is theirs too.
    upload(api, "agent-occ", data, sha)
    assert api.client.get(url(sha), headers=occ).content == data
    assert api.client.post("/api/v1/blobs/missing", json={"hashes": [sha]}, headers=occ).json() == {
        "missing": []
    }


def test_a_foreign_hash_in_a_photo_is_readable_by_nobody_else(api):
    """The photo of région 76 names a blob its author never uploaded: an agent of 76
    (not the author) gets nothing from it either."""
    data, sha = blob(400, seed=5)
    api.client.put(url(sha), content=data, headers=api.headers("coordinator"))
    api.push_ok(
        "agent-occ",
        place_op("b", postcode="34500"),
        visit_op("vb", "b"),
        op("photo", "pb", fields={"visit_id": "vb", "blob": sha}),
    )
    assert api.client.get(url(sha), headers=api.headers("agent-occ")).status_code == 404
    # The coordinator's own photo in Bretagne names it: agents of 53 may read it, and
    # still not agent-occ.
    api.push_ok(
        "coordinator",
        place_op("a"),
        visit_op("va", "a"),
        op("photo", "pa", fields={"visit_id": "va", "blob": sha}),
    )
    assert api.client.get(url(sha), headers=api.headers("agent-bzh")).content == data
    assert api.client.get(url(sha), headers=api.headers("agent-occ")).status_code == 404


def test_upload_limits_are_413(small_api):
    api = small_api
    data, sha = blob(2500)
    create(api, "agent-bzh", sha, len(data))
    big_chunk = patch(api, "agent-bzh", sha, data[:1500], 0)
    assert big_chunk.status_code == 413
    assert big_chunk.json()["error"]["details"]["limit"] == 1000
    head = api.client.head(url(sha), headers=api.headers("agent-bzh"))
    assert head.headers["upload-offset"] == "0"
    huge, huge_sha = blob(3500)
    too_long = create(api, "agent-bzh", huge_sha, len(huge))
    assert too_long.status_code == 413 and too_long.json()["error"]["code"] == "too_large"
    put = api.client.put(url(huge_sha), content=huge, headers=api.headers("agent-bzh"))
    assert put.status_code == 413
    # A chunked body (no Content-Length) over the limit is cut off too.
    streamed = api.client.put(
        url(huge_sha), content=iter([huge[:2000], huge[2000:]]), headers=api.headers("agent-bzh")
    )
    assert streamed.status_code == 413
    assert [p.suffix for p in (api.data_dir / "uploads").iterdir()] == [".part"]
    hashes = api.client.post(
        "/api/v1/blobs/missing", json={"hashes": [sha] * 4}, headers=api.headers("admin")
    )
    assert hashes.status_code == 413


def test_an_upload_cut_off_mid_chunk_keeps_what_arrived(live_server):
    """Over a real socket: the client dies half-way through a PATCH body."""
    data = os.urandom(8000)
    sha = hashlib.sha256(data).hexdigest()
    token = live_server.login("agent-bzh")
    headers = {"Authorization": f"Bearer {token}", **TUS}
    meta = "sha256 " + base64.b64encode(sha.encode()).decode()
    created = httpx.post(
        f"{live_server.url}/api/v1/blobs",
        headers={**headers, "Upload-Length": "8000", "Upload-Metadata": meta},
    )
    assert created.status_code == 201
    request = (
        f"PATCH /api/v1/blobs/{sha} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {token}\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
        "Content-Type: application/offset+octet-stream\r\nContent-Length: 8000\r\n\r\n"
    ).encode()

    def offset() -> int:
        head = httpx.head(f"{live_server.url}/api/v1/blobs/{sha}", headers=headers, timeout=5)
        return int(head.headers["upload-offset"])

    with socket.create_connection(("127.0.0.1", live_server.port), timeout=5) as sock:
        sock.sendall(request + data[:3000])
        # Give the server a moment to take those bytes before the line drops.
        time.sleep(0.3)
    deadline = time.monotonic() + 5
    got = 0
    while time.monotonic() < deadline:
        got = offset()
        if got:
            break
        time.sleep(0.05)
    assert got == 3000
    rest = httpx.patch(
        f"{live_server.url}/api/v1/blobs/{sha}",
        content=data[got:],
        headers={
            **headers,
            "Upload-Offset": str(got),
            "Content-Type": "application/offset+octet-stream",
        },
        timeout=5,
    )
    assert rest.status_code == 204 and rest.headers["blob-state"] == "complete"
    fetched = httpx.get(f"{live_server.url}/api/v1/blobs/{sha}", headers=headers, timeout=5)
    assert fetched.content == data


def test_erasing_a_photo_takes_its_blob_holders_and_uploads_with_it(api):
    data, sha = blob(2000, seed=11)
    upload(api, "agent-bzh", data, sha)
    create(api, "agent-occ", sha, len(data))  # someone else's upload in progress
    patch(api, "agent-occ", sha, data[:500], 0)
    api.push_ok(
        "agent-bzh",
        place_op("a"),
        visit_op("va", "a"),
        op("photo", "pa", fields={"visit_id": "va", "blob": sha}),
    )
    erased = api.client.post(
        "/api/v1/sync/erase",
        json={"erasures": [{"kind": "photo", "id": "pa"}]},
        headers=api.headers("coordinator"),
    )
    assert erased.json()["results"][0]["status"] == "erased"
    assert api.client.get(url(sha), headers=api.headers("agent-bzh")).status_code == 404
    with api.state.db.read() as conn:
        holders = conn.exec_driver_sql("SELECT count(*) FROM blob_holders").scalar()
        uploads = conn.exec_driver_sql("SELECT count(*) FROM uploads").scalar()
    assert (holders, uploads) == (0, 0)
    assert list((api.data_dir / "uploads").iterdir()) == []
