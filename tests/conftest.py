"""Shared fixtures: a fresh in-memory store, a fresh data directory."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from fieldkit.paths import Home
from fieldkit.store import Store
from tests.conftest_server import *  # noqa: F403 - the live_server fixture

# In CI the property tests draw the same examples on every run (derandomize): a red CI
# then says a change broke something, never that a new random draw found an old bug.
# At a developer's desk they draw anew each run, and a failure found there is kept in
# .hypothesis/ and replayed first.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


class FakeClock:
    """A clock tests can move; the store stamps records with it."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.moment = start or dt.datetime(2026, 10, 15, 9, 30, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, **kwargs: float) -> None:
        self.moment += dt.timedelta(**kwargs)


@pytest.fixture(autouse=True)
def hermetic_keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No system keyring and no passphrase from the environment, in every test.

    Where a keyring works, new data directories are encrypted by default with their key in
    it: a developer's own keyring must neither decide how test data is stored nor receive
    its keys. Tests that want a keyring set one explicitly.
    """
    import keyring
    import keyring.backends.fail

    from fieldkit import encryption

    monkeypatch.delenv(encryption.PASSPHRASE_ENV, raising=False)
    monkeypatch.delenv(encryption.NEW_HOME_ENV, raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    encryption.forget_keys()
    yield
    encryption.forget_keys()
    encryption.set_passphrase_prompt(None)
    keyring.set_keyring(previous)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fresh_db(clock: FakeClock) -> Iterator[Store]:
    """An empty in-memory store, as sqlite-utils' own tests do."""
    store = Store.memory(user="agent-bzh", clock=clock)
    yield store
    store.close()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Home:
    """A fresh data directory, also set as FIELDKIT_HOME for code that reads it."""
    h = Home(tmp_path / "fieldkit-home").ensure()
    monkeypatch.setenv("FIELDKIT_HOME", str(h.root))
    return h


@pytest.fixture
def store(home: Home, clock: FakeClock) -> Iterator[Store]:
    """A store on disk (WAL, blobs folder) in a fresh data directory."""
    s = Store.open(home, user="agent-bzh", clock=clock)
    yield s
    s.close()


@pytest.fixture
def place(fresh_db: Store) -> dict:
    return fresh_db.create_place(
        name="La Cordée Béziers", kind="coworking", postcode="34500", commune="Béziers"
    )
