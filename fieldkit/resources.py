"""Locate files shipped in ``resources/`` (reference data, fonts, icons, translations).

From a source checkout (and an editable install) they sit beside the ``fieldkit``
package. An installed wheel carries them inside it, as ``fieldkit/_resources`` (setup.py
copies them there). In a PyInstaller bundle they are collected
(``packaging/fieldkit.spec``) into the bundle's data folder, ``sys._MEIPASS``
(``_internal/`` of a one-folder bundle, ``Contents/Resources`` on macOS).
"""

from __future__ import annotations

import sys
from pathlib import Path


def _resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "_resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


RESOURCES_DIR = _resources_dir()


def resource_path(*parts: str) -> Path:
    return RESOURCES_DIR.joinpath(*parts)
