"""What every benchmark module shares: a result row and a scratch folder."""

from __future__ import annotations

import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Row:
    """One line of the table: a measured figure, its unit, and the target if the issue names one."""

    area: str  # photos, search, gui, sync, reports
    metric: str
    value: float
    unit: str
    target: str = ""  # e.g. "≥ 0.75", "≤ 20 ms"
    ok: bool | None = None  # met the target? None when there is no target
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def scratch(name: str) -> Path:
    """A fresh temporary folder for one benchmark's data."""
    return Path(tempfile.mkdtemp(prefix=f"fieldkit-bench-{name}-"))
