"""Check a bundle built by ``make dist``: the app's self-test and the CLI, then its size.

``python packaging/check_dist.py DIST_DIR``: runs ``FieldKit --self-test`` (offscreen where
there is no display), then ``fieldkit-cli`` on a scratch data directory (init, demo,
report --all, server init, server mission-file, mission show); prints the bundle's size. Exits non-zero with
the reason on any failure. The CI workflow (.github/workflows/dist.yml) runs it too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path


def bundle_paths(dist: Path) -> tuple[Path, Path, Path]:
    """(folder to measure, the app's program, the CLI's program) for this platform."""
    exe = ".exe" if sys.platform == "win32" else ""
    if sys.platform == "darwin":
        root = dist / "FieldKit.app"
        programs = root / "Contents" / "MacOS"
    else:
        root = programs = dist / "FieldKit"
    return root, programs / f"FieldKit{exe}", programs / f"fieldkit-cli{exe}"


def folder_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("$", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]
    if result.stdout:
        print(result.stdout.rstrip())
    if result.returncode != 0:
        print(result.stderr.rstrip(), file=sys.stderr)
        raise SystemExit(f"FAILED ({result.returncode}): {' '.join(str(c) for c in cmd)}")
    return result


def main(argv: list[str]) -> int:
    dist = Path(argv[1] if len(argv) > 1 else "dist")
    root, app, cli = bundle_paths(dist)
    for program in (app, cli):
        if not program.is_file():
            raise SystemExit(f"FAILED: {program} is missing (did `make dist` build?)")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="fieldkit-dist-check-") as scratch:
        work = Path(scratch)
        env["FIELDKIT_LOG_DIR"] = str(work / "logs")
        # The windowed Windows program has no console: the report also goes to a file.
        report = work / "self-test.txt"
        result = subprocess.run(
            [str(app), "--self-test", "--self-test-output", str(report)],
            capture_output=True,
            text=True,
            timeout=600,
            env=env,
        )
        print(report.read_text(encoding="utf-8") if report.exists() else result.stdout)
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            raise SystemExit(f"FAILED: the bundle's self-test exited {result.returncode}")
        home = str(work / "home")
        run([str(cli), "--version"], env=env)
        run([str(cli), "--home", home, "init"], env=env)
        run(
            [str(cli), "--home", home, "demo", "--places", "4", "--visits", "6"]
            + ["--interviews", "8", "--photos", "2"],
            env=env,
        )
        reports = work / "reports"
        run([str(cli), "--home", home, "report", "--all", "--out-dir", str(reports)], env=env)
        pdfs = sorted(reports.glob("*.pdf"))
        if not pdfs or not all(p.read_bytes().startswith(b"%PDF-") for p in pdfs):
            raise SystemExit("FAILED: the CLI wrote no PDF report")
        server = str(work / "server")
        run([str(cli), "server", "init", "--data", server], env=env)
        mission = work / "mission.fieldkit"
        run(
            [str(cli), "server", "mission-file", "--data", server, "--out", str(mission)]
            + ["--url", "https://fieldkit.example.org:8765", "--name", "Mission test"],
            env=env,
        )
        run([str(cli), "mission", "show", str(mission)], env=env)
    size = folder_size(root)
    print(f"Bundle {root}: {size / 1e6:.0f} MB. Self-test and CLI checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
