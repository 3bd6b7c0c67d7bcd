"""Icons of the app: small SVG files in ``resources/icons`` (one stroke colour, 24 px grid)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from fieldkit.resources import resource_path


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; raises if the file is missing (a typo)."""
    path = resource_path("icons", f"{name}.svg")
    if not path.is_file():
        raise FileNotFoundError(f"No icon {path}")
    return QIcon(str(path))
