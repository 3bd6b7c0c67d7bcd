"""Where FieldKit keeps its data.

``FIELDKIT_HOME`` (or the CLI's ``--home``) overrides the platform's user data folder,
which is what tests and several missions on one laptop use.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "FieldKit"


def default_home() -> Path:
    env = os.environ.get("FIELDKIT_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Home:
    """One data directory: the database, the photo store and caches."""

    root: Path

    @classmethod
    def resolve(cls, root: str | os.PathLike[str] | None = None) -> Home:
        return cls(Path(root).expanduser() if root else default_home())

    @property
    def db_path(self) -> Path:
        return self.root / "fieldkit.db"

    @property
    def blobs_dir(self) -> Path:
        """Content-addressed originals: ``blobs/ab/abcdef…``."""
        return self.root / "blobs"

    @property
    def derivatives_dir(self) -> Path:
        """Thumbnails and report-size copies; a cache that can be rebuilt."""
        return self.root / "derivatives"

    @property
    def config_dir(self) -> Path:
        return self.root / "config"

    def ensure(self) -> Home:
        for d in (self.root, self.blobs_dir, self.derivatives_dir, self.config_dir):
            d.mkdir(parents=True, exist_ok=True)
        # Interview notes and photos of people: readable by their owner only.
        for d in (self.root, self.blobs_dir, self.derivatives_dir, self.config_dir):
            with contextlib.suppress(OSError):
                os.chmod(d, 0o700)
        return self
