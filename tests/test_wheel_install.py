"""A non-editable install works: the wheel, built from this checkout and installed into a
fresh venv from requirements.lock (as docs/deploy.md installs a server), sets up a server,
adds an agent and fills a demo mission, all in temp folders, away from the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

# Not part of what a wheel is built from: the checkout's venv, builds, caches.
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


def run(*args: str | Path, cwd: Path, env: dict[str, str], stdin: str | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_built_wheel_installs_and_runs_a_server_and_a_demo(tmp_path: Path) -> None:
    # Built from a copy, so the checkout gets no build/ folder from the test.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    # pip keeps the user's configuration and cache (as `make test` filled it); FieldKit's
    # commands get a HOME of their own, so platformdirs' folders are none of the user's.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "FIELDKIT_"))}
    app_env = {**env, "HOME": str(tmp_path / "home")}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        app_env.pop(name, None)
    work = tmp_path / "work"
    work.mkdir()
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", tmp_path / "wheel",
        source, cwd=work, env=env)  # fmt: skip
    (wheel,) = (tmp_path / "wheel").glob("fieldkit-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    assert "fieldkit/_resources/data/geo.sqlite" in names
    assert "fieldkit/_resources/fonts/DejaVuSans.ttf" in names
    assert "fieldkit/_resources/translations/fieldkit_fr.qm" in names

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=work, env=env)
    python = venv / "bin" / "python"
    lock = ROOT / "requirements.lock"
    run(python, "-m", "pip", "install", "--quiet", "--no-compile", "-c", lock, wheel,
        cwd=work, env=env)  # fmt: skip
    located = run(python, "-c", "import fieldkit.resources as r; print(r.RESOURCES_DIR)",
                  cwd=work, env=app_env)  # fmt: skip
    assert Path(located.strip()) == next(
        venv.glob("lib/python3*/site-packages/fieldkit/_resources")
    )

    fieldkit = venv / "bin" / "fieldkit"
    server = tmp_path / "server-data"
    run(fieldkit, "server", "init", "--data", server, cwd=work, env=app_env)
    out = run(fieldkit, "server", "add-user", "--data", server, "amelie", "--role", "agent",
              "--regions", "53", cwd=work, env=app_env, stdin="un mot de passe long\n" * 2)  # fmt: skip
    assert "amelie" in out
    home = tmp_path / "fieldkit-home"
    out = run(fieldkit, "--home", home, "demo", "--photos", "2", cwd=work, env=app_env)
    assert "60 places, 150 visits, 400 interviews, 2 photos" in out
    assert (home / "fieldkit.db").is_file()

    # A file missing from an installation is said to be FieldKit's, not the data folder's.
    (Path(located.strip()) / "data" / "regions.csv").unlink()
    failed = subprocess.run(
        [str(fieldkit), "server", "add-user", "--data", str(server), "bruno", "--role", "agent",
         "--regions", "53"],
        cwd=work, env=app_env, input="un mot de passe long\n" * 2, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    assert failed.returncode == 1
    assert "data/regions.csv is missing from this installation" in failed.stderr
