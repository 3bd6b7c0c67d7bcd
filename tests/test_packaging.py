"""The packaging definitions stay consistent with the code (they are built by `make dist`
here and by CI on Windows and macOS; this checks what can be checked without building)."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from fieldkit import resources

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import check_dist  # noqa: E402


def test_pyinstaller_is_a_dist_extra_not_a_runtime_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = " ".join(project["dependencies"]).lower()
    assert "pyinstaller" not in runtime
    dist = " ".join(project["optional-dependencies"]["dist"]).lower()
    assert "pyinstaller>=" in dist and "pyinstaller-hooks-contrib>=" in dist


def test_spec_collects_what_pyinstaller_cannot_see() -> None:
    spec = (ROOT / "packaging" / "fieldkit.spec").read_text(encoding="utf-8")
    for needed in (
        '"data", "fonts", "icons"',  # resources read by path
        '"*.qm"',  # our compiled catalogues
        'collect_data_files("reportlab")',
        'collect_submodules("keyring.backends")',
        '"keyring.backends.Windows"',
        '"keyring.backends.macOS"',
        'copy_metadata("keyring")',  # backends are found through entry points
        '"fieldkit.server.migrations", include_py_files=True',
        '"pypdfium2_raw"',
    ):
        assert needed in spec, needed


def test_frozen_resources_come_from_meipass(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources._resources_dir() == tmp_path / "resources"
    monkeypatch.setattr(sys, "frozen", False)
    assert resources._resources_dir() == ROOT / "resources"


def test_windows_installer_is_per_user_without_admin_rights() -> None:
    iss = (ROOT / "packaging" / "windows" / "fieldkit.iss").read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", iss, flags=re.MULTILINE)
    assert "DefaultDirName={localappdata}" in iss
    assert "HKLM" not in iss and "HKCR" not in iss  # only the user's own registry
    assert '"{app}\\FieldKit.exe"" ""%1"""' in iss  # a double-clicked mission file


def test_ci_builds_and_self_tests_on_windows_and_macos() -> None:
    workflow = (ROOT / ".github" / "workflows" / "dist.yml").read_text(encoding="utf-8")
    assert "windows-latest" in workflow and "macos-latest" in workflow
    assert "python packaging/check_dist.py dist" in workflow
    assert "packaging/fieldkit.spec" in workflow
    assert "dmg_settings.py" in workflow and "fieldkit.iss" in workflow


def test_bundle_layout_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    root, app, cli = check_dist.bundle_paths(Path("dist"))
    assert (app.name, cli.name, root) == ("FieldKit.exe", "fieldkit-cli.exe", Path("dist/FieldKit"))
    monkeypatch.setattr(sys, "platform", "darwin")
    root, app, _ = check_dist.bundle_paths(Path("dist"))
    assert root == Path("dist/FieldKit.app")
    assert app == Path("dist/FieldKit.app/Contents/MacOS/FieldKit")
