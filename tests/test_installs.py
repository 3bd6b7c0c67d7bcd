"""What a fresh machine installs: the lock (requirements.lock) and the Debian packages
(packaging/system_packages.py) that `make run` and `make test` add."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
SCRIPT = ROOT / "packaging" / "system_packages.py"


def system_packages() -> ModuleType:
    # Loaded from its path: the folder "packaging" is not the packaging library.
    spec = importlib.util.spec_from_file_location("system_packages", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def locked_pins() -> dict[str, tuple[str, Requirement]]:
    """Each package the lock pins for this machine: name → (version, its line)."""
    env = {**default_environment(), "extra": ""}
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in "# ":
            continue
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(env):
            (spec,) = req.specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(req.name)] = (spec.version, req)
    return pins


def tool_requirements() -> list[Requirement]:
    lines = (ROOT / "requirements-tools.in").read_text(encoding="utf-8").splitlines()
    return [Requirement(r) for r in lines if r.strip() and not r.startswith("#")]


def declared_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        reqs += [Requirement(r) for r in extra]
    reqs += tool_requirements()
    return [r for r in reqs if canonicalize_name(r.name) != "fieldkit"]


def test_the_lock_pins_every_declared_dependency_within_its_bounds() -> None:
    """A dependency added to pyproject.toml without `make lock` would install unpinned."""
    pins = locked_pins()
    for req in declared_requirements():
        if req.marker is not None and not req.marker.evaluate(default_environment()):
            continue
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not in requirements.lock: run `make lock`"
        assert req.specifier.contains(pins[name][0], prereleases=True), (
            f"requirements.lock pins {req.name}=={pins[name][0]}, outside {req.specifier}"
        )


def test_the_lock_keeps_the_bounds_pyproject_states() -> None:
    pins = locked_pins()
    assert pins["pyside6-essentials"][0].split(".")[:2] < ["6", "12"]  # see pyproject.toml
    assert int(pins["sqlite-utils"][0].split(".")[0]) >= 4


def test_this_environment_has_the_locked_versions() -> None:
    """`make test` installs from the lock: what runs the suite is what the lock says (a venv
    made otherwise is told which packages differ; `make test` reinstalls them)."""
    tools = {canonicalize_name(r.name) for r in tool_requirements()}  # not the app's: the venv's
    differ = []
    for name, (version, _) in locked_pins().items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # an extra this target does not install (dist, bench)
        if name not in tools and Version(installed) != Version(version):
            differ.append(f"{name} {installed} (locked {version})")
    assert differ == [], "this venv was not installed from requirements.lock: run `make test`"


LDD_ON_A_FRESH_DEBIAN = """\
/x/PySide6/Qt/plugins/platforms/libqxcb.so:
\tlinux-vdso.so.1 (0x00007ffc5a1f4000)
\tlibQt6XcbQpa.so.6 => /x/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f3c0a800000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f3c0a7f0000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibicuuc.so.73 => /x/PySide6/Qt/lib/libicuuc.so.73 (0x00007f3c0a000000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f3c0b000000)
/x/PySide6/Qt/lib/libQt6XcbQpa.so.6:
\tlibxcb-icccm.so.4 => not found
"""


def test_what_ldd_cannot_find_is_named_by_its_debian_package() -> None:
    sp = system_packages()
    missing = sp.missing_libraries(LDD_ON_A_FRESH_DEBIAN)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert [sp.DEBIAN_PACKAGE_OF[m] for m in missing] == ["libxcb-icccm4", "libxcb-keysyms1"]
    assert sp.system_libraries(LDD_ON_A_FRESH_DEBIAN) == [
        "libxcb-cursor.so.0",
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb and ldd are Linux's")
def test_every_library_qts_xcb_plugin_links_to_has_a_debian_package() -> None:
    """The table covers the installed PySide6: a library it adds would go unnamed."""
    sp = system_packages()
    binaries = sp.qt_xcb_binaries()
    assert [p.name for p in binaries][:1] == ["libqxcb.so"] and len(binaries) == 2
    linked = sp.system_libraries(sp.ldd(binaries))
    assert "libxcb-icccm.so.4" in linked and "libxcb-keysyms.so.1" in linked
    assert [so for so in linked if so not in sp.DEBIAN_PACKAGE_OF] == []


def test_the_tests_programs_are_named_when_missing(tmp_path: Path) -> None:
    """With none of Xvfb, openbox, xdotool, xwininfo, nginx (nor ldd) on the PATH, --test
    names all five packages."""
    env = {**os.environ, "PATH": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--test"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["xvfb", "openbox", "xdotool", "x11-utils", "nginx-light"]
    run = subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == ""
