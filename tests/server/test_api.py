"""The API as a whole: OpenAPI schema, error bodies, body limits, health."""

from __future__ import annotations

import json

from tests.server.conftest import place_op

EXPECTED = {
    "/api/v1/health": {"get"},
    "/api/v1/info": {"get"},
    "/api/v1/auth/login": {"post"},
    "/api/v1/auth/logout": {"post"},
    "/api/v1/auth/me": {"get"},
    "/api/v1/auth/devices": {"get"},
    "/api/v1/auth/devices/{device_id}": {"delete"},
    "/api/v1/sync/push": {"post"},
    "/api/v1/sync/pull": {"get"},
    "/api/v1/sync/reconcile": {"post"},
    "/api/v1/records/{kind}/{record_id}/history": {"get"},
    "/api/v1/sync/erase": {"post"},
    "/api/v1/sync/erasures": {"get"},
    "/api/v1/conflicts": {"get"},
    "/api/v1/conflicts/{conflict_id}/resolve": {"post"},
    "/api/v1/blobs/missing": {"post"},
    "/api/v1/blobs": {"post"},
    "/api/v1/blobs/{sha256}": {"head", "patch", "put", "get"},
    "/metrics": {"get"},
}


def test_openapi_lists_every_endpoint_with_its_models(api):
    schema = api.client.get("/openapi.json").json()
    paths = {path: set(ops) for path, ops in schema["paths"].items()}
    assert paths == EXPECTED
    info = schema["paths"]["/api/v1/info"]["get"]
    assert "security" not in info  # no token needed
    assert info["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "ServerInfo"
    )
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
    for kind in ("Place", "Visit", "Interview", "Photo"):
        op_schema = components[f"{kind}Op"]["properties"]
        assert op_schema["op"]["enum"] == ["create", "update", "delete", "restore"]
    # Strict per-kind field types: a boolean is a boolean, a name is text.
    assert components["InterviewFields"]["properties"]["pseudonymise"]["type"] == "boolean"
    assert components["PlaceFields"]["properties"]["tags"]["type"] == "array"
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    pull_params = {p["name"] for p in schema["paths"]["/api/v1/sync/pull"]["get"]["parameters"]}
    assert pull_params == {"since", "limit", "shape"}
    assert "PullTable" in components
    patch = schema["paths"]["/api/v1/blobs/{sha256}"]["patch"]
    assert {p["name"] for p in patch["parameters"]} == {
        "sha256",
        "Tus-Resumable",
        "Upload-Offset",
        "Upload-Checksum",
    }
    assert "application/offset+octet-stream" in patch["requestBody"]["content"]
    assert "Upload-Offset" in patch["responses"]["204"]["headers"]


def test_health_needs_no_token_and_tells_the_server_time(api):
    body = api.client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["server_time"].endswith("Z")


def test_unknown_route_and_method_are_json_errors(api):
    anonymous = api.client.get("/api/v1/nothing")
    assert anonymous.status_code == 401  # no hint of which routes exist without a token
    missing = api.client.get("/api/v1/nothing", headers=api.headers("agent-bzh"))
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    wrong = api.client.delete("/api/v1/sync/push", headers=api.headers("agent-bzh"))
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"
    assert wrong.headers["allow"] == "OPTIONS, POST"


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
        response = client.get("/api/v1/test-boom", headers=api.headers("agent-bzh"))
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
