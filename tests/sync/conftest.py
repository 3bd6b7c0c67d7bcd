"""Devices for sync tests: each a real store in its own data directory, logged in to the
real server of the ``live_server`` fixture over loopback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import keyring
import keyring.backends.fail
import pytest

from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.sync import SyncClient, SyncSummary, login

# Fast retries: tests lose requests on purpose and should not sleep for seconds.
FAST_RETRIES = (0.01, 0.02, 0.05)


@pytest.fixture(autouse=True)
def no_keyring() -> Iterator[None]:
    """No keyring backend, as on headless CI: tokens go to the 0600 fallback file.

    Set explicitly so a developer's real keyring is never written by the tests.
    """
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


class Device:
    """One person's laptop: a data directory, a store, a login."""

    def __init__(
        self,
        server: Any,
        root: Path,
        user: str,
        *,
        name: str | None = None,
        clock: Any = None,
        transport: httpx.BaseTransport | None = None,
        device_name: str | None = None,
    ) -> None:
        self.server = server
        self.user = user
        self.name = name or user
        self.home = Home(root / self.name).ensure()
        kwargs = {"clock": clock} if clock is not None else {}
        self.store = Store.open(self.home, user=user, **kwargs)
        self.transport = transport
        login(
            self.store,
            server.url,
            user,
            server.passwords[user],
            device_name=device_name or self.name,
            transport=transport,
        )

    def client(self, **kwargs: Any) -> SyncClient:
        kwargs.setdefault("transport", self.transport)
        kwargs.setdefault("retry_delays", FAST_RETRIES)
        return SyncClient.from_settings(self.store, **kwargs)

    def sync(self, **kwargs: Any) -> SyncSummary:
        sync_kwargs = {k: kwargs.pop(k) for k in ("photos", "cancelled", "progress") if k in kwargs}
        with self.client(**kwargs) as client:
            return client.sync(**sync_kwargs)

    def close(self) -> None:
        self.store.close()


@pytest.fixture
def devices(live_server: Any, tmp_path: Path) -> Iterator[Any]:
    """``devices("agent-bzh", name="laptop-1")`` makes a logged-in device."""
    made: list[Device] = []

    def make(user: str, **kwargs: Any) -> Device:
        device = Device(live_server, tmp_path, user, **kwargs)
        made.append(device)
        return device

    yield make
    for d in made:
        d.close()


def day_off_clock() -> Any:
    """A clock a day ahead of real time (a laptop set wrong)."""
    return lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
