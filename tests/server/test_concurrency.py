"""Several clients pushing at once to the real server over loopback."""

from __future__ import annotations

import threading

import httpx

from tests.server.conftest import op, place_op, visit_op


def test_concurrent_pushes_keep_versions_and_sequence_consistent(live_server):
    admin = {"Authorization": f"Bearer {live_server.login('coordinator')}"}
    setup = httpx.post(
        f"{live_server.url}/api/v1/sync/push",
        json={"ops": [place_op("p1"), visit_op("v1", "p1", notes="start")]},
        headers=admin,
        timeout=10,
    )
    assert setup.status_code == 200
    tokens = [live_server.login("agent-bzh", device_name=f"laptop-{i}") for i in range(4)]
    results: list[dict] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client(n: int, token: str) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        seen_version, seen_notes = 1, "start"
        with httpx.Client(base_url=live_server.url, headers=headers, timeout=30) as http:
            for i in range(8):
                value = f"client {n} edit {i}"
                edit = op(
                    "visit",
                    "v1",
                    "update",
                    base_version=seen_version,
                    fields={"notes": value},
                    base={"notes": seen_notes},
                )
                response = http.post("/api/v1/sync/push", json={"ops": [edit]})
                if response.status_code != 200:
                    with lock:
                        failures.append(response.text)
                    return
                [result] = response.json()["results"]
                with lock:
                    results.append(result)
                seen_version = result["record"]["version"]
                seen_notes = result["record"]["fields"]["notes"]

    threads = [threading.Thread(target=client, args=(n, t)) for n, t in enumerate(tokens)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert failures == []
    assert len(results) == 32
    statuses = [r["status"] for r in results]
    assert set(statuses) <= {"applied", "merged", "conflict"}
    history = live_server.state.sync.history("visit", "v1")
    versions = [h["version"] for h in history]
    assert versions == list(range(1, len(versions) + 1))
    # Each op either made one new version or, stale on the same field, a conflict.
    assert len(versions) == 1 + sum(r["status"] != "conflict" for r in results)
    # Each notes value is current, in history, or kept in a conflict: nothing is lost.
    kept = {h["fields"]["notes"] for h in history}
    in_conflicts = {r["conflict"]["mine"]["notes"] for r in results if r["conflict"]}
    assert {f"client {n} edit {i}" for n in range(4) for i in range(8)} <= kept | in_conflicts
    pulled = httpx.get(f"{live_server.url}/api/v1/sync/pull", headers=admin, timeout=10).json()[
        "records"
    ]
    seqs = [r["seq"] for r in pulled]
    assert seqs == sorted(set(seqs))
    assert {r["id"]: r["version"] for r in pulled}["v1"] == versions[-1]
