"""One data folder per mission, the demo's own folder, and the list of recent ones.

The data folder the app starts from (``--home``, ``FIELDKIT_HOME`` or the platform's
folder) is the *base*. It holds the first mission opened on this laptop (or the records
typed before any mission file came: they are the agent's, and go to that mission), and:

- ``demo/``: the demo mission. Its store is marked :data:`DEMO_SETTING`, and a marked
  store never signs in nor syncs (fieldkit.sync refuses): exploring the demo can never
  send made-up records to a team's server.
- ``missions/<name>-<hash>/``: each further mission. Two missions never share a store,
  so their places never mix in one list or report.
- ``config/missions.json``: the folders opened, most recent first, and the last one (the
  app opens it at the next start).

No Qt here: the app (ui/launch.py, ui/data_folders.py) and tests use it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldkit.paths import Home
from fieldkit.store import Store

#: Store setting of the demo's folder: such a store never signs in nor syncs.
DEMO_SETTING = "demo_folder"
#: Store setting naming the mission a folder belongs to (set when its file is opened).
MISSION_NAME = "mission_name"
_SERVER_URL = "server_url"  # fieldkit.sync.client.SERVER_URL (not imported: no cycle)

DEMO_DIR = "demo"
MISSIONS_DIR = "missions"
REGISTRY = "missions.json"
#: How many folders « Missions récentes » lists.
RECENT_LIMIT = 8


def is_demo(store: Store) -> bool:
    return bool(store.get_setting(DEMO_SETTING))


def demo_home(base: Home) -> Home:
    """The demo's folder (created and marked when first asked for)."""
    home = Home(base.root / DEMO_DIR).ensure()
    with Store.open(home) as store:
        if not is_demo(store):
            store.set_setting(DEMO_SETTING, True)
    return home


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40] or "mission"


def mission_home(base: Home, mission_name: str, server_url: str) -> Home:
    """The folder of one mission (the same name and server: the same folder)."""
    digest = hashlib.sha256(f"{server_url.rstrip('/')}\n{mission_name}".encode()).hexdigest()
    return Home(base.root / MISSIONS_DIR / f"{_slug(mission_name)}-{digest[:8]}")


@dataclass(frozen=True)
class Folder:
    """One data folder the app opened: where it is, its mission and server, demo or not."""

    path: Path
    name: str | None = None
    server_url: str | None = None
    demo: bool = False

    def takes(self, mission_name: str, server_url: str) -> bool:
        """Can this folder be signed in to this mission?

        Not the demo's; yes to a folder tied to no server yet (what was typed there before
        the mission file came is the agent's work for it), or already to this mission's
        server (signing in again); no to a folder of another mission.
        """
        if self.demo:
            return False
        if not self.server_url:
            return True
        same_server = self.server_url.rstrip("/") == server_url.rstrip("/")
        return same_server and self.name in (None, mission_name)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "name": self.name,
            "server_url": self.server_url,
            "demo": self.demo,
        }


def describe(home: Home, store: Store) -> Folder:
    return Folder(
        home.root, store.get_setting(MISSION_NAME), store.get_setting(_SERVER_URL), is_demo(store)
    )


def folder_for(base: Home, mission_name: str, server_url: str) -> Home:
    """Where to open a mission: the folder already holding it, else the base folder if it
    takes it (a first mission), else a new folder of its own."""
    known = recent(base)
    for folder in known:
        if folder.server_url and folder.takes(mission_name, server_url):
            return Home(folder.path)
    for folder in known:
        if folder.path == base.root and folder.takes(mission_name, server_url):
            return base
    return mission_home(base, mission_name, server_url)


def _registry_path(base: Home) -> Path:
    return base.config_dir / REGISTRY


def _read(base: Home) -> dict[str, Any]:
    try:
        data = json.loads(_registry_path(base).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: the base folder, as on a first run
    return data if isinstance(data, dict) else {}


def recent(base: Home) -> list[Folder]:
    """The folders opened, most recent first (those that still exist)."""
    folders = []
    for entry in _read(base).get("recent", []):
        try:
            folder = Folder(
                Path(entry["path"]),
                entry.get("name"),
                entry.get("server_url"),
                bool(entry.get("demo")),
            )
        except (KeyError, TypeError):
            continue
        if (folder.path / "fieldkit.db").exists() or folder.path == base.root:
            folders.append(folder)
    return folders


def last_home(base: Home) -> Home:
    """The folder to open at start: the last one opened, else the base."""
    last = _read(base).get("last")
    if isinstance(last, str) and Path(last, "fieldkit.db").exists():
        return Home(Path(last))
    return base


def remember(base: Home, folder: Folder) -> None:
    """Put ``folder`` first in the recent list and make it the one opened next time."""
    base.ensure()
    others = [f for f in recent(base) if f.path != folder.path]
    data = {
        "last": str(folder.path),
        "recent": [f.to_json() for f in [folder, *others][:RECENT_LIMIT]],
    }
    path = _registry_path(base)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)
