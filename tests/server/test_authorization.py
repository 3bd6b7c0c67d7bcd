"""Who may do what, on every route of the real server (issue 24, "Authorization").

``RULES`` gives each route of the app its rule: for anonymous callers, and for each role
(admin, coordinator, agent) on a record of their own région and of another région, what
the answer is. ``test_every_route_has_a_rule`` walks the app's route table: a route
without a rule fails it, so a new endpoint cannot land without one. The second test runs
every rule against the server on loopback (uvicorn, SQLite then PostgreSQL).

The same table is in docs/server.md ("Who may do what"). Outcomes:

- ``ok``: served (2xx); ``401``: no token; ``404``: answered as for an unknown thing;
- ``seen`` / ``absent``: the record is in the answer / is not (pull, reconcile);
- ``applied`` / ``not_found``: a pushed op on the record is applied / rejected exactly
  as an op on an unknown id;
- ``erased`` / ``refused`` / ``not_found``: an erasure's result (``refused``: a
  coordinator must erase it).
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from fieldkit.server.app import API
from tests.server.test_bad_input import route_keys

ROLES = {"admin": "admin", "coordinator": "coordinator", "agent": "agent-bzh"}
# The agent is assigned to Bretagne (53); a record "of another région" is in Occitanie (76).
POSTCODES = {"own": "35000", "other": "34500"}
OTHER_AGENT = "agent-occ"


@dataclass(frozen=True)
class Rule:
    access: str  # read | write
    anonymous: str
    outcomes: dict[str, dict[str, str]] = field(default_factory=dict)  # role → scope → outcome


def public(access: str = "read") -> Rule:
    every = {"own": "ok", "other": "ok"}
    return Rule(access, "ok", {role: every for role in ROLES})


def signed_in(access: str) -> Rule:
    every = {"own": "ok", "other": "ok"}
    return Rule(access, "401", {role: every for role in ROLES})


def regional(access: str, seen: str, hidden: str) -> Rule:
    """Admins and coordinators everywhere; an agent in their régions only, another
    région's record answered as an unknown one."""
    everywhere = {"own": seen, "other": seen}
    return Rule(
        access,
        "401",
        {"admin": everywhere, "coordinator": everywhere, "agent": {"own": seen, "other": hidden}},
    )


RULES: dict[tuple[str, str], Rule] = {
    ("GET", "/openapi.json"): public(),
    ("GET", "/docs"): public(),
    ("GET", "/docs/oauth2-redirect"): public(),
    ("GET", "/redoc"): public(),
    ("GET", "/metrics"): public(),  # no token: keep it off the internet at the proxy
    ("GET", f"{API}/health"): public(),
    ("GET", f"{API}/info"): public(),
    ("POST", f"{API}/auth/login"): public("write"),
    ("POST", f"{API}/auth/logout"): signed_in("write"),
    ("GET", f"{API}/auth/me"): signed_in("read"),
    ("GET", f"{API}/auth/devices"): signed_in("read"),  # the caller's own logins
    # "own": one of the caller's logins; "other": another user's, answered as unknown.
    ("DELETE", f"{API}/auth/devices/{{device_id}}"): Rule(
        "write", "401", {role: {"own": "ok", "other": "404"} for role in ROLES}
    ),
    ("POST", f"{API}/sync/push"): regional("write", "applied", "not_found"),
    ("GET", f"{API}/sync/pull"): regional("read", "seen", "absent"),
    ("POST", f"{API}/sync/reconcile"): regional("read", "seen", "absent"),
    ("GET", f"{API}/records/{{kind}}/{{record_id}}/history"): regional("read", "ok", "404"),
    ("POST", f"{API}/sync/erase"): Rule(
        "write",
        "401",
        {
            "admin": {"own": "erased", "other": "erased"},
            "coordinator": {"own": "erased", "other": "erased"},
            "agent": {"own": "refused", "other": "not_found"},
        },
    ),
    ("GET", f"{API}/sync/erasures"): signed_in("read"),  # ids only, to everyone
    ("GET", f"{API}/conflicts"): signed_in("read"),  # the caller's own
    # "own": the caller's conflict; "other": another user's.
    ("POST", f"{API}/conflicts/{{conflict_id}}/resolve"): regional("write", "ok", "404"),
    ("POST", f"{API}/blobs/missing"): signed_in("read"),  # "which can *you* download"
    ("POST", f"{API}/blobs"): signed_in("write"),  # the caller's own upload
    ("HEAD", f"{API}/blobs/{{sha256}}"): regional("read", "ok", "404"),
    ("PATCH", f"{API}/blobs/{{sha256}}"): signed_in("write"),  # the caller's own upload
    ("PUT", f"{API}/blobs/{{sha256}}"): signed_in("write"),  # proves they hold the bytes
    ("GET", f"{API}/blobs/{{sha256}}"): regional("read", "ok", "404"),
}


def test_every_route_has_a_rule(api):
    missing = route_keys(api.app) - set(RULES)
    assert not missing, f"routes without an authorization rule in RULES: {sorted(missing)}"
    assert not set(RULES) - route_keys(api.app), "rules for routes the app no longer has"


class World:
    """The server, its users' tokens, and records made on demand in either région."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.http = httpx.Client(base_url=server.url, timeout=30)
        self.tokens: dict[str, str] = {}
        self.count = itertools.count()
        self.blobs: dict[str, str] = {}

    def headers(self, user: str | None) -> dict[str, str]:
        if user is None:
            return {}
        if user not in self.tokens:
            self.tokens[user] = self.server.login(user, "authz")
        return {"Authorization": f"Bearer {self.tokens[user]}"}

    def push(self, user: str, *ops: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.http.post(
            f"{API}/sync/push", json={"ops": list(ops)}, headers=self.headers(user)
        )
        assert response.status_code == 200, response.text
        return response.json()["results"]

    def new_id(self, what: str) -> str:
        return f"{what}-{next(self.count)}-{uuid.uuid4().hex[:6]}"

    def place(self, scope: str) -> str:
        """A place in the agent's région ("own") or another ("other"), by the coordinator."""
        pid = self.new_id("place")
        fields = {"name": f"Lieu {pid}", "postcode": POSTCODES[scope]}
        [result] = self.push("coordinator", _op("place", pid, fields=fields))
        assert result["status"] == "applied", result
        return pid

    def conflict(self, user: str, scope: str) -> str:
        """An open conflict of ``user`` on a place of ``scope``."""
        pid = self.place(scope)
        base = {"name": f"Lieu {pid}"}
        self.push("coordinator", _op("place", pid, "update", 1, {"name": "Theirs"}, base))
        [result] = self.push(user, _op("place", pid, "update", 1, {"name": "Mine"}, base))
        assert result["status"] == "conflict", result
        return str(result["conflict"]["id"])

    def blob(self, scope: str) -> str:
        """A photo file on a photo of ``scope``, uploaded by the coordinator."""
        if scope not in self.blobs:
            data = f"photo of {scope} {uuid.uuid4()}".encode()
            sha = hashlib.sha256(data).hexdigest()
            response = self.http.put(
                f"{API}/blobs/{sha}", content=data, headers=self.headers("coordinator")
            )
            assert response.status_code == 201, response.text
            pid, vid = self.place(scope), self.new_id("visit")
            self.push(
                "coordinator",
                _op("visit", vid, fields={"place_id": pid, "visited_on": "2026-10-01"}),
                _op("photo", self.new_id("photo"), fields={"visit_id": vid, "blob": sha}),
            )
            self.blobs[scope] = sha
        return self.blobs[scope]


def _op(
    kind: str,
    rid: str,
    action: str = "create",
    base_version: int = 0,
    fields: dict[str, Any] | None = None,
    base: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "kind": kind,
        "record_id": rid,
        "op": action,
        "base_version": base_version,
        "fields": fields or {},
        "base": base or {},
    }


def _status(response: httpx.Response) -> str:
    if response.status_code == 401:
        return "401"
    if response.status_code == 404:
        return "404"
    if response.is_success:
        return "ok"
    return str(response.status_code)


def run(world: World, key: tuple[str, str], user: str | None, scope: str) -> str:
    """Exercise route ``key`` as ``user`` (None: anonymous) on a thing of ``scope``."""
    method, path = key
    http, headers = world.http, world.headers(user)
    if path in ("/openapi.json", "/docs", "/redoc", "/metrics", f"{API}/health", f"{API}/info"):
        return _status(http.get(path, headers=headers))
    if path == "/docs/oauth2-redirect":
        return _status(http.get(path, headers=headers))
    if path == f"{API}/auth/login":
        name = user or OTHER_AGENT
        body = {"username": name, "password": world.server.passwords[name], "device_name": "d"}
        return _status(http.post(path, json=body))
    if path == f"{API}/auth/logout":
        throwaway = {"Authorization": f"Bearer {world.server.login(user)}"} if user else {}
        return _status(http.post(path, headers=throwaway))
    if path == f"{API}/auth/devices/{{device_id}}":
        if user is None:
            owner = "agent-bzh"
        elif scope == "own":
            owner = user
        else:
            owner = OTHER_AGENT if user != OTHER_AGENT else "agent-bzh"
        throwaway = {"Authorization": f"Bearer {world.server.login(owner, 'spare')}"}
        listed = http.get(f"{API}/auth/devices", headers=throwaway)
        assert listed.status_code == 200, listed.text
        [device] = [d for d in listed.json()["devices"] if d["current"]]
        return _status(http.delete(f"{API}/auth/devices/{device['id']}", headers=headers))
    if path in (
        f"{API}/auth/me",
        f"{API}/auth/devices",
        f"{API}/sync/erasures",
        f"{API}/conflicts",
    ):
        return _status(http.get(path, headers=headers))
    if path == f"{API}/sync/push":
        pid = world.place(scope)
        ops = [_op("place", pid, "update", 1, {"description": "edited"})]
        response = http.post(path, json={"ops": ops}, headers=headers)
        if response.status_code != 200:
            return _status(response)
        [result] = response.json()["results"]
        if result["status"] == "rejected":
            assert result["error"]["message"].startswith(f"No place with id {pid} on the server")
            return "not_found"
        return str(result["status"])
    if path == f"{API}/sync/pull":
        pid = world.place(scope)
        response = http.get(path, params={"since": 0, "limit": 2000}, headers=headers)
        if response.status_code != 200:
            return _status(response)
        return "seen" if pid in {r["id"] for r in response.json()["records"]} else "absent"
    if path == f"{API}/sync/reconcile":
        pid = world.place(scope)
        body = {"records": [{"kind": "place", "id": pid}]}
        response = http.post(path, json=body, headers=headers)
        if response.status_code != 200:
            return _status(response)
        [answer] = response.json()["records"]
        return "seen" if answer["version"] is not None else "absent"
    if path.endswith("/history"):
        pid = world.place(scope)
        return _status(http.get(f"{API}/records/place/{pid}/history", headers=headers))
    if path == f"{API}/sync/erase":
        pid = world.place(scope)
        body = {"erasures": [{"kind": "place", "id": pid}]}
        response = http.post(path, json=body, headers=headers)
        if response.status_code != 200:
            return _status(response)
        [result] = response.json()["results"]
        return str(result["status"])
    if path.endswith("/resolve"):
        if user is None:
            owner = "agent-bzh"
        elif scope == "own":
            owner = user
        else:
            owner = OTHER_AGENT if user != OTHER_AGENT else "agent-bzh"
        conflict = world.conflict(owner, "own" if owner == "agent-bzh" else "other")
        return _status(http.post(f"{API}/conflicts/{conflict}/resolve", headers=headers))
    if path == f"{API}/blobs/missing":
        body = {"hashes": [world.blob(scope)]}
        return _status(http.post(path, json=body, headers=headers))
    data = f"upload {uuid.uuid4()}".encode()
    sha = hashlib.sha256(data).hexdigest()
    tus = {"Tus-Resumable": "1.0.0"}
    if method == "POST":  # tus creation
        meta = "sha256 " + base64.b64encode(sha.encode()).decode()
        tus_headers = {**headers, **tus, "Upload-Length": str(len(data)), "Upload-Metadata": meta}
        return _status(http.post(path, headers=tus_headers))
    if method == "PATCH":
        if user is not None:
            meta = "sha256 " + base64.b64encode(sha.encode()).decode()
            created = http.post(
                f"{API}/blobs",
                headers={
                    **headers,
                    **tus,
                    "Upload-Length": str(len(data)),
                    "Upload-Metadata": meta,
                },
            )
            assert created.status_code == 201, created.text
        patch_headers = {
            **headers,
            **tus,
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
        }
        return _status(http.patch(f"{API}/blobs/{sha}", content=data, headers=patch_headers))
    if method == "PUT":
        return _status(http.put(f"{API}/blobs/{sha}", content=data, headers=headers))
    existing = world.blob(scope)
    if method == "HEAD":
        return _status(http.head(f"{API}/blobs/{existing}", headers={**headers, **tus}))
    assert method == "GET", key
    return _status(http.get(f"{API}/blobs/{existing}", headers=headers))


def test_every_rule_holds_on_the_real_server(live_server):
    world = World(live_server)
    failures = []
    try:
        for key, rule in sorted(RULES.items()):
            got = run(world, key, None, "own")
            if got != rule.anonymous:
                failures.append(f"{key} anonymous: {got}, expected {rule.anonymous}")
            for role, user in ROLES.items():
                for scope in ("own", "other"):
                    expected = rule.outcomes[role][scope]
                    got = run(world, key, user, scope)
                    if got != expected:
                        failures.append(f"{key} {role} {scope}: {got}, expected {expected}")
    finally:
        world.http.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("key", sorted(RULES), ids=lambda k: f"{k[0]} {k[1]}")
def test_every_rule_says_read_or_write_and_covers_every_role(key):
    rule = RULES[key]
    assert rule.access in ("read", "write")
    assert set(rule.outcomes) == set(ROLES)
    for outcomes in rule.outcomes.values():
        assert set(outcomes) == {"own", "other"}


def test_a_new_endpoint_without_a_rule_is_caught(api):
    @api.app.get(f"{API}/new-thing")
    def new_thing() -> dict[str, str]:
        return {}

    assert route_keys(api.app) - set(RULES) == {("GET", f"{API}/new-thing")}


def markdown_table() -> str:
    """RULES as the table docs/server.md shows ("Who may do what")."""
    lines = [
        "| Route | Access | Anonymous | Admin (own / other région) "
        "| Coordinator (own / other) | Agent (own / other) |",
        "|---|---|---|---|---|---|",
    ]
    for (method, path), rule in sorted(RULES.items(), key=lambda item: (item[0][1], item[0][0])):
        cells = [f"`{method} {path}`", rule.access, rule.anonymous]
        for role in ROLES:
            own, other = rule.outcomes[role]["own"], rule.outcomes[role]["other"]
            cells.append(own if own == other else f"{own} / {other}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def test_docs_show_the_same_table():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "server.md").read_text("utf-8")
    assert markdown_table() in doc, (
        "docs/server.md: paste tests/server/test_authorization.py's "
        "markdown_table() into 'Who may do what'"
    )
