"""Bad input on every route, on SQLite and PostgreSQL (issue 24, "Bad input").

Every route of the app has a sample request below (or the test fails: a new endpoint
cannot land without one). Each string the sample carries — in the path, the query, a
header or anywhere in the JSON body — is replaced in turn by text holding a NUL and by a
lone surrogate, and each whole number by 2^64 and -2^64. No answer is a 5xx; a bad
string is a 4xx with a JSON error that says what is wrong.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.routing import Route

from fieldkit.server.app import API
from tests.server.conftest import op, place_op, visit_op

SHA = hashlib.sha256(b"photo bytes").hexdigest()
META = "sha256 " + base64.b64encode(SHA.encode()).decode()
HUGE = (2**64, -(2**64))
# Raw in a URL: a NUL, and the UTF-8 bytes a lone surrogate would have (not UTF-8).
URL_BAD = ("a%00b", "a%ED%A0%80b")
JSON_BAD = ("a\x00b", "a\ud800b")


def _photo_op() -> dict[str, Any]:
    return op(
        "photo",
        "ph1",
        fields={"visit_id": "v1", "blob": SHA, "width": 640, "height": 480, "position": 1},
    )


# (method, path template) → sample: path parameters, query, headers, JSON body.
SAMPLES: dict[tuple[str, str], dict[str, Any]] = {
    ("GET", "/openapi.json"): {},
    ("GET", "/docs"): {},
    ("GET", "/docs/oauth2-redirect"): {},
    ("GET", "/redoc"): {},
    ("GET", "/metrics"): {},
    ("GET", f"{API}/health"): {},
    ("GET", f"{API}/info"): {},
    ("POST", f"{API}/auth/login"): {
        "json": {"username": "admin", "password": "wrong-pass", "device_name": "d"}
    },
    ("POST", f"{API}/auth/logout"): {"skip_call": True},  # no input; it would end the token
    ("GET", f"{API}/auth/me"): {},
    ("GET", f"{API}/auth/devices"): {},
    ("DELETE", f"{API}/auth/devices/{{device_id}}"): {"path": {"device_id": "999999"}},
    ("POST", f"{API}/sync/push"): {
        "json": {
            "ops": [
                op("place", "p1", "update", base_version=1, fields={"name": "N"}),
                visit_op("v2", "p1", notes="texte"),
                _photo_op(),
            ],
            "server_id": "abc",
            "cursor": 0,
            "lean": True,
        }
    },
    ("GET", f"{API}/sync/pull"): {"params": {"since": 0, "limit": 10, "shape": "tables"}},
    ("POST", f"{API}/sync/reconcile"): {"json": {"records": [{"kind": "place", "id": "p1"}]}},
    ("GET", f"{API}/records/{{kind}}/{{record_id}}/history"): {
        "path": {"kind": "place", "record_id": "p1"}
    },
    ("POST", f"{API}/sync/erase"): {"json": {"erasures": [{"kind": "visit", "id": "v9"}]}},
    ("GET", f"{API}/sync/erasures"): {"params": {"since": 0, "limit": 10}},
    ("GET", f"{API}/conflicts"): {"params": {"open": "true"}},
    ("POST", f"{API}/conflicts/{{conflict_id}}/resolve"): {"path": {"conflict_id": "c1"}},
    ("POST", f"{API}/blobs/missing"): {"json": {"hashes": [SHA]}},
    ("POST", f"{API}/blobs"): {
        "headers": {"Tus-Resumable": "1.0.0", "Upload-Length": "11", "Upload-Metadata": META}
    },
    ("HEAD", f"{API}/blobs/{{sha256}}"): {
        "path": {"sha256": SHA},
        "headers": {"Tus-Resumable": "1.0.0"},
    },
    ("PATCH", f"{API}/blobs/{{sha256}}"): {
        "path": {"sha256": SHA},
        "headers": {
            "Tus-Resumable": "1.0.0",
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
        },
        "content": b"photo",
    },
    ("PUT", f"{API}/blobs/{{sha256}}"): {"path": {"sha256": SHA}, "content": b"photo bytes"},
    ("GET", f"{API}/blobs/{{sha256}}"): {"path": {"sha256": SHA}},
}


def route_keys(app: Any) -> set[tuple[str, str]]:
    """(method, path) of every route the app serves (HEAD of a GET route aside)."""
    keys = set()
    for route in app.routes:
        if not isinstance(route, Route):
            continue
        methods = set(route.methods or ())
        if "GET" in methods:
            methods.discard("HEAD")  # Starlette adds it to every GET route
        keys.update((method, route.path) for method in methods)
    return keys


def test_every_route_has_a_sample(api):
    assert route_keys(api.app) == set(SAMPLES), (
        "every route needs a sample request in SAMPLES (tests/server/test_bad_input.py)"
    )


def _leaves(value: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*where, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, (*where, i))
    else:
        yield where, value


def _replaced(value: Any, where: tuple[Any, ...], new: Any) -> Any:
    if not where:
        return new
    copy = json.loads(json.dumps(value))
    target = copy
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = new
    return copy


def mutations(sample: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(what, request, is_bad_text): the sample with one input made bad."""
    for name in sample.get("path", {}):
        for bad in URL_BAD:
            yield f"path {name}={bad}", {**sample, "path": {**sample["path"], name: bad}}, True
    for name, value in sample.get("params", {}).items():
        for bad in URL_BAD:
            params = {**sample["params"], name: bad}
            yield f"query {name}={bad}", {**sample, "params": params, "raw_query": True}, True
        if isinstance(value, int):
            for huge in HUGE:
                params = {**sample["params"], name: huge}
                yield f"query {name}={huge}", {**sample, "params": params}, False
    for name in sample.get("headers", {}):
        if name == "Content-Type":
            continue
        for huge in HUGE:
            headers = {**sample["headers"], name: str(huge)}
            yield f"header {name}={huge}", {**sample, "headers": headers}, False
    if "json" in sample:
        for where, value in _leaves(sample["json"]):
            if isinstance(value, str):
                for bad in JSON_BAD:
                    body = _replaced(sample["json"], where, bad)
                    yield f"body {where}={bad!r}", {**sample, "json": body}, True
            elif isinstance(value, int) and not isinstance(value, bool):
                for huge in HUGE:
                    body = _replaced(sample["json"], where, huge)
                    yield f"body {where}={huge}", {**sample, "json": body}, False


def send(api, method: str, path: str, request: dict[str, Any]) -> Any:
    url = path.format(**request.get("path", {}))
    params = request.get("params")
    if request.get("raw_query"):
        # Percent-escapes as they are (httpx would escape the % itself).
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
        params = None
    headers = {**api.headers("admin"), **request.get("headers", {})}
    kwargs: dict[str, Any] = {"params": params, "headers": headers}
    if "json" in request:
        # ensure_ascii: a lone surrogate travels as its \ud800 escape, as a client sends it.
        kwargs["content"] = json.dumps(request["json"]).encode()
        headers["Content-Type"] = "application/json"
    elif "content" in request:
        kwargs["content"] = request["content"]
    return api.client.request(method, url, **kwargs)


@pytest.fixture
def seeded(api):
    """Records for the samples to reach: a place and a visit of the admin's."""
    api.push_ok("admin", place_op("p1"), visit_op("v1", "p1"))
    return api


@pytest.mark.parametrize("key", sorted(SAMPLES), ids=lambda k: f"{k[0]} {k[1]}")
def test_nul_surrogates_and_huge_numbers_never_make_a_5xx(seeded, key):
    api = seeded
    method, path = key
    sample = SAMPLES[key]
    if sample.get("skip_call"):
        return
    baseline = send(api, method, path, sample)
    assert baseline.status_code < 500, baseline.text
    failures = []
    for what, request, bad_text in mutations(sample):
        response = send(api, method, path, request)
        if response.status_code >= 500:
            failures.append(f"{what}: {response.status_code} {response.text[:200]}")
            continue
        if bad_text and not 400 <= response.status_code < 500:
            failures.append(f"{what}: {response.status_code}, not refused")
            continue
        if bad_text and method != "HEAD":
            error = response.json()["error"]
            assert error["code"] and error["message"], what
    assert not failures, "\n".join(failures)


def test_a_nul_in_a_reconcile_id_or_a_history_path_is_a_clear_422(api):
    """Both were 500 on PostgreSQL: the NUL reached the database."""
    response = api.client.post(
        f"{API}/sync/reconcile",
        json={"records": [{"kind": "place", "id": "a\x00b"}]},
        headers=api.headers("agent-bzh"),
    )
    assert response.status_code == 422
    assert "NUL" in response.json()["error"]["message"]
    response = api.client.get(
        f"{API}/records/place/a%00b/history", headers=api.headers("agent-bzh")
    )
    assert response.status_code == 422
    assert "NUL" in response.json()["error"]["message"]
    response = api.client.post(
        f"{API}/sync/reconcile",
        content=b'{"records": [{"kind": "place", "id": "a\\ud800"}]}',
        headers={**api.headers("agent-bzh"), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert "surrogate" in response.json()["error"]["message"]


@pytest.mark.parametrize("field", ["width", "height", "position"])
def test_photo_numbers_are_bounded_per_op(api, field):
    """2^64 was stored, and laptops then held another value (SQLite keeps 64 bits)."""
    api.push_ok("agent-bzh", place_op("p1"), visit_op("v1", "p1"))
    fields = {"visit_id": "v1", "blob": SHA, field: 2**64}
    good = op("photo", "ok", fields={"visit_id": "v1", "blob": SHA, field: 5})
    bad, fine = api.push_ok("agent-bzh", op("photo", "huge", fields=fields), good)
    assert bad["status"] == "rejected"
    assert bad["error"]["code"] == "out_of_range" and bad["error"]["field"] == field
    assert fine["status"] == "applied"
    for value in (-1, 2**63):
        fields[field] = value
        [again] = api.push_ok("agent-bzh", op("photo", "huge", fields=fields))
        assert again["error"]["code"] == "out_of_range"
    assert api.state.sync.history("photo", "huge") == []


def test_the_laptop_refuses_the_same_photo_numbers(store, tmp_path):
    """The store's own check (shared with the server): an edit here cannot queue them."""
    from fieldkit import photos
    from fieldkit.errors import ValidationError
    from tests.photo_factory import make_jpeg

    place = store.create_place(name="Le Moulin", postcode="35000", commune="Rennes")
    visit = store.create_visit(place["id"], visited_on="2026-05-02")
    report = photos.import_photos(store, visit["id"], [make_jpeg(tmp_path / "a.jpg", (30, 20))])
    photo = report.imported[0]
    for field, value in (("position", 2**64), ("width", -1), ("height", 100_001)):
        with pytest.raises(ValidationError) as refused:
            store.update("photo", photo["id"], {field: value})
        assert refused.value.code == "out_of_range" and refused.value.field == field
    assert store.update("photo", photo["id"], {"position": 3})["position"] == 3
