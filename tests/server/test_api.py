"""The API as a whole: OpenAPI schema, error bodies, body limits, health."""

from __future__ import annotations

import json

from tests.server.conftest import place_op

EXPECTED = {
    "/api/v1/health": {"get"},
    "/api/v1/auth/login": {"post"},
    "/api/v1/auth/logout": {"post"},
    "/api/v1/auth/me": {"get"},
    "/api/v1/sync/push": {"post"},
    "/api/v1/sync/pull": {"get"},
    "/api/v1/sync/erase": {"post"},
    "/api/v1/sync/erasures": {"get"},
    "/api/v1/conflicts": {"get"},
    "/api/v1/conflicts/{conflict_id}/resolve": {"post"},
    "/api/v1/blobs/missing": {"post"},
    "/api/v1/blobs/{sha256}": {"head", "patch", "put", "get"},
}


def test_openapi_lists_every_endpoint_with_its_models(api):
    schema = api.client.get("/openapi.json").json()
    paths = {path: set(ops) for path, ops in schema["paths"].items()}
    assert paths == EXPECTED
    ok = schema["paths"]["/api/v1/sync/push"]["post"]["responses"]
    assert ok["200"]["content"]["application/json"]["schema"]["$ref"].endswith("PushResponse")
    for status in ("401", "403", "413", "422"):
        assert ok[status]["content"]["application/json"]["schema"]["$ref"].endswith("ErrorBody")
    components = schema["components"]["schemas"]
    assert "HTTPValidationError" not in components  # 422s use our error body
    assert set(components["OpResult"]["properties"]["status"]["enum"]) == {
        "applied",
        "merged",
        "conflict",
        "duplicate",
        "rejected",
    }
    assert components["Op"]["properties"]["op"]["enum"] == ["create", "update", "delete", "restore"]
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    pull_params = {p["name"] for p in schema["paths"]["/api/v1/sync/pull"]["get"]["parameters"]}
    assert pull_params == {"since", "limit"}
    patch = schema["paths"]["/api/v1/blobs/{sha256}"]["patch"]
    assert {p["name"] for p in patch["parameters"]} == {"sha256", "Upload-Offset", "Upload-Length"}
    assert "application/offset+octet-stream" in patch["requestBody"]["content"]
    assert "Upload-Offset" in patch["responses"]["204"]["headers"]


def test_health_needs_no_token_and_tells_the_server_time(api):
    body = api.client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["server_time"].endswith("Z")


def test_unknown_route_and_method_are_json_errors(api):
    missing = api.client.get("/api/v1/nothing")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    wrong = api.client.delete("/api/v1/sync/push")
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"


def test_invalid_bodies_are_422_naming_the_problem(api):
    headers = api.headers("agent-bzh")
    not_json = api.client.post(
        "/api/v1/sync/push",
        content=b"{not json",
        headers={**headers, "Content-Type": "application/json"},
    )
    assert not_json.status_code == 422
    bad_op = {**place_op("p1"), "op": "explode"}
    response = api.client.post("/api/v1/sync/push", json={"ops": [bad_op]}, headers=headers)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert "ops.0.op" in error["message"]
    assert error["details"]["errors"][0]["loc"] == ["body", "ops", "0", "op"]
    login = api.client.post("/api/v1/auth/login", json={"username": "x"})
    assert login.status_code == 422


def test_json_bodies_over_the_limit_are_413_with_or_without_content_length(small_api):
    headers = small_api.headers("agent-bzh")
    big_ops = [place_op(f"p{i}", description="x" * 1500) for i in range(3)]
    response = small_api.client.post("/api/v1/sync/push", json={"ops": big_ops}, headers=headers)
    assert response.status_code == 413
    assert response.json()["error"] == {
        "code": "too_large",
        "message": "The push batch is over the server's limit of 4000 bytes.",
        "details": {"limit": 4000, "unit": "bytes"},
    }
    payload = json.dumps({"ops": big_ops}).encode()
    streamed = small_api.client.post(
        "/api/v1/sync/push",
        content=iter([payload[:3000], payload[3000:]]),
        headers={**headers, "Content-Type": "application/json"},
    )
    assert streamed.status_code == 413
    login = small_api.client.post(
        "/api/v1/auth/login",
        json={"username": "agent-bzh", "password": "p" * 3000, "device_name": "d"},
    )
    assert login.status_code == 413
    assert small_api.pull("agent-bzh")["records"] == []


def test_an_unexpected_failure_is_still_a_json_500(api):
    from fastapi.testclient import TestClient

    @api.app.get("/api/v1/test-boom")
    def boom() -> None:
        raise RuntimeError("kaput")

    with TestClient(api.app, raise_server_exceptions=False) as client:
        response = client.get("/api/v1/test-boom")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal"
    assert "kaput" not in response.text


def test_a_blank_device_name_is_refused(api):
    response = api.client.post(
        "/api/v1/auth/login",
        json={"username": "agent-bzh", "password": "bzh-pass-1", "device_name": "   "},
    )
    assert response.status_code == 422
    assert "device_name" in response.json()["error"]["message"]
