"""Hypothesis stateful test: three clients edit, delete and sync in random interleavings
against the real server, with failures injected (a request lost before it reaches the
server, a response lost after the server applied it, the server restarted), one client's
clock a day off. Invariants (DESIGN §5):

- after two quiet sync rounds of every client, all stores hold the same records with the
  same field values (convergence);
- no acknowledged edit is lost: its value is current, in a conflict record, or in the
  server's history;
- retries are idempotent: no operation is applied twice on the server.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import httpx
import keyring
import keyring.backends.fail
from hypothesis import HealthCheck, Phase, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from fieldkit.errors import FieldKitError
from fieldkit.store import KINDS
from fieldkit.sync import SyncError, resolve_conflict
from tests.sync.conftest import Device, day_off_clock

EDITABLE = {"place": ("name", "description"), "visit": ("notes", "summary")}
# Small picks among records sorted by id: devices often pick the same record (conflicts).
PICK = st.integers(0, 3)
FAULTS = ("none", "lose_request", "lose_response", "restart")


class FaultyTransport(httpx.BaseTransport):
    """The real HTTP transport, with one planned failure at the n-th request."""

    def __init__(self, server: Any) -> None:
        self.inner = httpx.HTTPTransport()
        self.server = server
        self.fault = "none"
        self.at = -1
        self.count = 0

    def plan(self, fault: str, at: int) -> None:
        self.fault, self.at, self.count = fault, at, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        n = self.count
        self.count += 1
        fault = self.fault if n == self.at else "none"
        if fault == "lose_request":
            raise httpx.ConnectError("injected: request lost before reaching the server")
        if fault == "restart":
            self.server.stop()
            self.server.start()
        response = self.inner.handle_request(request)
        if fault == "lose_response":
            response.read()
            response.close()
            raise httpx.ReadError("injected: response lost after the server answered")
        return response


def snapshot(device: Device) -> dict[tuple[str, str], dict[str, Any]]:
    out = {}
    for kind in ("place", "visit", "interview"):
        k = KINDS[kind]
        for row in device.store.conn.execute(f"SELECT * FROM {k.table}"):
            out[(kind, row["id"])] = {"deleted": bool(row["deleted"])} | {
                f: row[f] for f in k.fields
            }
    return out


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="fieldkit-sync-prop-"))
        self.server = start_server(self.tmp / "server")
        self.transports: list[FaultyTransport] = []
        self.devices: list[Device] = []
        users = [("agent-bzh", "anne", None), ("coordinator", "coord", None)]
        users.append(("admin", "skewed", day_off_clock()))  # a laptop a day ahead
        for user, name, clock in users:
            transport = FaultyTransport(self.server)
            self.transports.append(transport)
            self.devices.append(
                Device(self.server, self.tmp, user, name=name, clock=clock, transport=transport)
            )
        self.tokens = itertools.count()
        # Every edit a person made: (device index, op_id, kind, record id, field, value).
        self.edits: list[tuple[int, str, str, str, str, Any]] = []

    def teardown(self) -> None:
        try:
            self.check_after_quiet_rounds()
        finally:
            for d in self.devices:
                d.close()
            self.server.stop()

    # -- helpers ---------------------------------------------------------------------------
    def value(self) -> str:
        return f"v{next(self.tokens)}"

    def live(self, device: Device, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
        out = []
        for kind in kinds:
            table = KINDS[kind].table
            out += [
                (kind, r[0])
                for r in device.store.conn.execute(
                    f"SELECT id FROM {table} WHERE deleted = 0 ORDER BY id"
                )
            ]
        return out

    @staticmethod
    def latest_entry(device: Device, kind: str, rid: str) -> tuple[str, str] | None:
        row = device.store.conn.execute(
            "SELECT op_id, fields FROM outbox WHERE kind = ? AND record_id = ? "
            "ORDER BY seq DESC LIMIT 1",
            (kind, rid),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def record_edit(self, d: int, kind: str, rid: str, field: str, value: Any) -> None:
        """Remember an edit under the outbox entry that carries it.

        Unsent edits of a record fold into one entry (Store._coalesce_outbox): a later
        value of the same field in the same entry replaces the earlier one, which was
        never sent, so only the last one must survive.
        """
        entry = self.latest_entry(self.devices[d], kind, rid)
        assert entry is not None
        op_id = entry[0]
        self.edits = [
            e for e in self.edits if (e[0], e[1], e[2], e[3], e[4]) != (d, op_id, kind, rid, field)
        ]
        self.edits.append((d, op_id, kind, rid, field, value))

    # -- rules -----------------------------------------------------------------------------
    @initialize()
    def first_place(self) -> None:
        self.devices[0].store.create_place(name="Tiers-lieu initial", postcode="35000")

    @rule(d=st.integers(0, 2))
    def create_place(self, d: int) -> None:
        device = self.devices[d]
        value = self.value()
        place = device.store.create_place(name=value, postcode="35000")
        self.record_edit(d, "place", place["id"], "name", value)

    @rule(d=st.integers(0, 2), pick=PICK)
    def create_visit(self, d: int, pick: int) -> None:
        device = self.devices[d]
        places = self.live(device, ("place",))
        if not places:
            return
        _, place_id = places[pick % len(places)]
        value = self.value()
        visit = device.store.create_visit(place_id, visited_on="2026-10-01", notes=value)
        self.record_edit(d, "visit", visit["id"], "notes", value)

    @rule(d=st.integers(0, 2), pick=PICK, which=st.integers(0, 1))
    def edit(self, d: int, pick: int, which: int) -> None:
        device = self.devices[d]
        records = self.live(device, ("place", "visit"))
        if not records:
            return
        kind, record_id = records[pick % len(records)]
        fields = EDITABLE[kind]
        field = fields[which % len(fields)]
        value = self.value()
        device.store.update(kind, record_id, {field: value})
        self.record_edit(d, kind, record_id, field, value)

    @rule(d1=st.integers(0, 2), d2=st.integers(0, 2), pick=PICK, which=st.integers(0, 1))
    def edit_on_two_devices(self, d1: int, d2: int, pick: int, which: int) -> None:
        """Two people change the same field of the same record before syncing."""
        if d1 == d2:
            return
        shared = sorted(
            set(self.live(self.devices[d1], ("place", "visit")))
            & set(self.live(self.devices[d2], ("place", "visit")))
        )
        if not shared:
            return
        kind, record_id = shared[pick % len(shared)]
        field = EDITABLE[kind][which % len(EDITABLE[kind])]
        for d in (d1, d2):
            device = self.devices[d]
            value = self.value()
            device.store.update(kind, record_id, {field: value})
            self.record_edit(d, kind, record_id, field, value)

    @rule(d=st.integers(0, 2), pick=PICK)
    def delete(self, d: int, pick: int) -> None:
        device = self.devices[d]
        records = self.live(device, ("place", "visit"))
        if not records:
            return
        kind, record_id = records[pick % len(records)]
        device.store.delete(kind, record_id)
        self.record_edit(d, kind, record_id, "deleted", True)

    @rule(
        d=st.integers(0, 2),
        fault=st.sampled_from(FAULTS),
        at=st.integers(0, 2),
        retries=st.booleans(),
    )
    def sync(self, d: int, fault: str, at: int, retries: bool) -> None:
        self.transports[d].plan(fault, at)
        retries = retries or fault == "none"
        try:
            summary = self.devices[d].sync(
                retry_delays=(0.01, 0.02) if retries else (), push_batch=3
            )
        except SyncError:
            assert not retries  # only an unretried fault may fail a sync
            event(f"sync failed by {fault}")
        else:
            event(f"sync completed despite {fault}" if fault != "none" else "sync")
            if summary.conflicts:
                event("sync brought a conflict")
        finally:
            self.transports[d].plan("none", -1)

    @rule()
    def sync_all(self) -> None:
        for device in self.devices:
            if device.sync(retry_delays=(0.01, 0.02)).conflicts:
                event("sync brought a conflict")

    @rule(d=st.integers(0, 2), pick=PICK, mine=st.booleans())
    def resolve(self, d: int, pick: int, mine: bool) -> None:
        device = self.devices[d]
        conflicts = device.store.open_conflicts()
        if not conflicts:
            return
        c = conflicts[pick % len(conflicts)]
        chosen = c["mine"] if mine else c["theirs"]
        before = self.latest_entry(device, c["kind"], c["record_id"])
        try:
            resolve_conflict(device.store, c["id"], chosen)
        except FieldKitError:
            event("resolution refused")
            return
        event(
            "conflict resolved"
        )  # e.g. the record was deleted meanwhile: the person must choose again
        after = self.latest_entry(device, c["kind"], c["record_id"])
        if after is not None and after != before:  # the resolution is an edit that syncs
            for field, value in json.loads(after[1]).items():
                if field in chosen:
                    self.record_edit(d, c["kind"], c["record_id"], field, value)

    @invariant()
    def unsent_rows_stay_dirty(self) -> None:
        for device in self.devices:
            for entry in device.store.outbox():
                table = KINDS[entry["kind"]].table
                row = device.store.conn.execute(
                    f"SELECT dirty FROM {table} WHERE id = ?", (entry["record_id"],)
                ).fetchone()
                assert row is not None and row[0] == 1

    # -- the end: quiet rounds, then the invariants ---------------------------------------
    def check_after_quiet_rounds(self) -> None:
        self.server.start()
        for _ in range(2):
            for device in self.devices:
                device.sync(retry_delays=(0.05, 0.1, 0.2))
        conflicts = sum(
            d.store.conn.execute("SELECT count(*) FROM conflicts").fetchone()[0]
            for d in self.devices
        )
        event(f"conflicts recorded: {min(conflicts, 3)}{'+' if conflicts >= 3 else ''}")
        snapshots = [snapshot(d) for d in self.devices]
        assert snapshots[0] == snapshots[1] == snapshots[2]
        for device in self.devices:
            assert device.store.outbox_count() == 0
        state = snapshots[0]
        server_db = sqlite3.connect(self.server.data_dir / "server.db")
        try:
            history: dict[tuple[str, str], list[dict[str, Any]]] = {}
            for kind, rid, deleted, fields in server_db.execute(
                "SELECT kind, record_id, deleted, fields FROM history"
            ):
                history.setdefault((kind, rid), []).append(
                    {**json.loads(fields), "deleted": bool(deleted)}
                )
            # Idempotent retries: each operation produced at most one accepted version,
            # and versions of a record are never repeated.
            dup_ops = server_db.execute(
                "SELECT op_id FROM history WHERE op_id IS NOT NULL "
                "GROUP BY op_id HAVING count(*) > 1"
            ).fetchall()
            assert dup_ops == []
            dup_versions = server_db.execute(
                "SELECT kind, record_id, version FROM history "
                "GROUP BY kind, record_id, version HAVING count(*) > 1"
            ).fetchall()
            assert dup_versions == []
            server_conflicts = [
                (kind, rid, json.loads(mine), json.loads(theirs))
                for kind, rid, mine, theirs in server_db.execute(
                    "SELECT kind, record_id, mine, theirs FROM conflicts"
                )
            ]
        finally:
            server_db.close()
        rejected = set()
        for device in self.devices:
            from fieldkit.sync.local import rejected_ops

            rejected |= {r["op_id"] for r in rejected_ops(device.store)}
        for _d, op_id, kind, rid, field, value in self.edits:
            if op_id in rejected:
                continue
            current = state.get((kind, rid), {}).get(field, object())
            in_conflict = any(
                ck == kind
                and cr == rid
                and (mine.get(field) == value or theirs.get(field) == value)
                for ck, cr, mine, theirs in server_conflicts
            )
            in_history = any(v.get(field) == value for v in history.get((kind, rid), []))
            assert current == value or in_conflict or in_history, (kind, rid, field, value)


def start_server(data_dir: Path) -> Any:
    from tests.conftest_server import LiveServer

    server = LiveServer(data_dir)
    server.start()
    return server


SyncMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=20,
    deadline=None,
    # The explain phase traces every line on Python < 3.12: minutes on this machine.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


class TestSyncProperties(SyncMachine.TestCase):  # type: ignore[misc,valid-type]
    def setUp(self) -> None:
        self._previous_keyring = keyring.get_keyring()
        keyring.set_keyring(keyring.backends.fail.Keyring())

    def tearDown(self) -> None:
        keyring.set_keyring(self._previous_keyring)
