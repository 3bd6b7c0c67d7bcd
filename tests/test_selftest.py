"""``FieldKit --self-test`` from source (the bundle's run is `make dist`'s job: slow)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit import resources, selftest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_self_test_passes_from_source(tmp_path: Path) -> None:
    report = tmp_path / "self-test.txt"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FIELDKIT_LOG_DIR=str(tmp_path / "logs"))
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # QSettings of the self-test, not ours
    result = subprocess.run(
        [sys.executable, "main.py", "--self-test", "--self-test-output", str(report)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("FieldKit self-test (source")
    assert lines[-1] == "Self-test passed."
    checks = {line.split(":")[0][5:] for line in lines[1:-1]}
    assert {
        "resources",
        "demo mission",
        "photos (JPEG, HEIC, WebP)",
        "PDF report",
        "PDF preview (pypdfium2)",
        "keyring",
        "encryption (SQLCipher)",
        "French (QTranslator)",
        "main window",
    } <= checks
    assert all(line.startswith("ok ") for line in lines[1:-1]), lines
    assert "HEIC 800x600" in report.read_text(encoding="utf-8")
    assert "WEBP 800x600" in report.read_text(encoding="utf-8")
    assert "libwebp libwebp" in report.read_text(encoding="utf-8")  # scaled decodes here
    assert "qtbase_fr.qm" in report.read_text(encoding="utf-8")


def test_a_failing_check_names_its_reason_and_the_others_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Resources not collected into a bundle: the fonts and catalogues are not where they
    # are looked for.
    monkeypatch.setattr(resources, "RESOURCES_DIR", tmp_path / "nowhere")
    report = selftest.SelfTestReport()
    with selftest.temporary_home() as home:
        selftest.run_core(report, home)
    by_name = {r.name: r for r in report.results}
    assert not report.ok
    assert not by_name["resources"].ok
    assert "resources missing" in by_name["resources"].detail
    assert "DejaVuSans.ttf" in by_name["resources"].detail
    assert by_name["keyring"].ok  # later checks still ran
    assert report.lines()[-1].startswith("Self-test FAILED: resources")


def test_self_test_exits_non_zero_on_failure(tmp_path: Path) -> None:
    # Run in a child so the broken resource folder cannot touch this process.
    code = (
        "import sys\n"
        "from fieldkit import resources\n"
        "from pathlib import Path\n"
        f"resources.RESOURCES_DIR = Path({str(tmp_path / 'nowhere')!r})\n"
        "from ui.launch import main\n"
        "sys.exit(main(['FieldKit', '--self-test']))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "FAIL resources: resources missing" in result.stdout
    assert "Self-test FAILED" in result.stdout
