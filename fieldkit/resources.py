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

from fieldkit.errors import FieldKitError


class MissingResourceError(FieldKitError):
    """A file FieldKit ships is not in this installation (a packaging fault, not the user's
    data): said so, rather than as a data directory that cannot be used."""

    code = "missing_resource"


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


def existing_resource(*parts: str) -> Path:
    """:func:`resource_path`, for a file that must be there: MissingResourceError if not."""
    path = resource_path(*parts)
    if not path.exists():
        raise MissingResourceError(
            f"FieldKit's own file {'/'.join(parts)} is missing from this installation "
            f"(looked in {RESOURCES_DIR}): reinstall FieldKit.",
            path=str(path),
        )
    return path
