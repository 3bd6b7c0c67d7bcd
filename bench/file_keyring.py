"""A keyring backend in a JSON file, for benchmarks: the encrypted start-up is measured as on
a laptop whose OS keychain holds the key, in child processes that find it through
``PYTHON_KEYRING_BACKEND=bench.file_keyring.FileKeyring`` and ``FIELDKIT_BENCH_KEYRING``."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend, properties


class FileKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        # Viable only where a benchmark points it at its file (keyring checks the priority
        # of a backend named by PYTHON_KEYRING_BACKEND, and skips one that raises).
        if "FIELDKIT_BENCH_KEYRING" not in os.environ:
            raise RuntimeError("used by the benchmarks only")
        return 1

    @staticmethod
    def _path() -> Path:
        return Path(os.environ["FIELDKIT_BENCH_KEYRING"])

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self._path().read_text())
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        data.pop(f"{service}\n{username}", None)
        self._path().write_text(json.dumps(data))
