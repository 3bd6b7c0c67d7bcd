"""One data folder per mission, the demo's own folder that never syncs (fieldkit.missions)."""

from __future__ import annotations

import pytest

from fieldkit import missions
from fieldkit.paths import Home
from fieldkit.store import Store
from fieldkit.sync import SyncClient, login
from fieldkit.sync.blobs import SyncError

URL = "https://127.0.0.1:8443"


def test_the_demo_folder_never_signs_in_nor_syncs(tmp_path):
    base = Home(tmp_path / "laptop").ensure()
    demo = missions.demo_home(base)
    assert demo.root == base.root / missions.DEMO_DIR
    with Store.open(demo) as store:
        assert missions.is_demo(store)
        with pytest.raises(SyncError) as refused:
            login(store, URL, "agent-bzh", "secret")
        assert refused.value.code == "demo_never_syncs"
        with pytest.raises(SyncError) as refused:
            SyncClient(store, URL, "a-token")
        assert refused.value.code == "demo_never_syncs"
    with Store.open(base) as store:
        assert not missions.is_demo(store)


def test_each_mission_gets_its_own_folder(tmp_path):
    base = Home(tmp_path / "laptop").ensure()
    with Store.open(base) as store:
        missions.remember(base, missions.describe(base, store))
    # The first mission goes to the base folder (nothing there is tied to a server).
    assert missions.folder_for(base, "Bretagne", URL) == base
    missions.remember(base, missions.Folder(base.root, "Bretagne", URL))
    assert missions.folder_for(base, "Bretagne", URL + "/") == base
    # Another mission: a folder of its own, the same one each time.
    other = missions.folder_for(base, "Occitanie", "https://autre.example.org")
    assert other.root.parent == base.root / missions.MISSIONS_DIR
    assert other == missions.folder_for(base, "Occitanie", "https://autre.example.org")
    # The demo takes no mission.
    assert not missions.Folder(base.root / "demo", demo=True).takes("Bretagne", URL)


def test_the_last_folder_opened_opens_next_time(tmp_path):
    base = Home(tmp_path / "laptop").ensure()
    assert missions.last_home(base) == base
    other = missions.mission_home(base, "Occitanie", URL).ensure()
    Store.open(other).close()
    missions.remember(base, missions.Folder(base.root, "Bretagne", URL))
    missions.remember(base, missions.Folder(other.root, "Occitanie", URL))
    assert missions.last_home(base) == other
    assert [f.name for f in missions.recent(base)] == ["Occitanie", "Bretagne"]
    # A recent list that cannot be read is a first run, not a crash.
    (base.config_dir / missions.REGISTRY).write_text("{not json")
    assert missions.last_home(base) == base
    assert missions.recent(base) == []
