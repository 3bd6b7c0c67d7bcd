"""Logs, crash reports and the diagnostic report (fieldkit.support)."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import support
from fieldkit.paths import Home


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv("FIELDKIT_LOG_DIR", str(folder))
    return folder


@pytest.fixture
def hooks_restored() -> Iterator[None]:
    before = sys.excepthook, threading.excepthook
    yield
    sys.excepthook, threading.excepthook = before


def test_default_log_dir_is_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("FIELDKIT_LOG_DIR", raising=False)
    assert support.log_dir() == Path(platformdirs.user_log_dir("FieldKit", appauthor=False))
    assert support.crash_dir().parent == support.log_dir()


@pytest.mark.qt_no_exception_capture  # pytest-qt's own hook would count it as a failure
def test_crash_handler_writes_a_report_with_the_traceback(
    log_dir: Path, hooks_restored: None, capsys: pytest.CaptureFixture[str]
) -> None:
    support.install_crash_handler()

    def explode() -> None:
        raise RuntimeError("boom in the field")

    try:
        explode()
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    reports = list((log_dir / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "FieldKit crash report" in text
    assert "FieldKit: 0.1.0" in text
    assert "in explode" in text and "RuntimeError: boom in the field" in text
    assert "RuntimeError" in capsys.readouterr().err  # the previous hook still ran


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_crash_in_a_thread_is_reported(log_dir: Path, hooks_restored: None) -> None:
    support.install_crash_handler()

    def work() -> None:
        raise ValueError("thread failure")

    t = threading.Thread(target=work, name="worker-1")
    t.start()
    t.join()
    reports = list((log_dir / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1
    assert "thread: worker-1" in reports[0].read_text(encoding="utf-8")


@pytest.fixture
def logging_to_file(log_dir: Path) -> Iterator[Path]:
    level = logging.getLogger().level
    path = support.setup_logging()
    yield path
    support.stop_logging()
    logging.getLogger().setLevel(level)


def test_rotating_log_file_and_last_errors_without_their_text(
    log_dir: Path, tmp_path: Path, logging_to_file: Path
) -> None:
    path = logging_to_file
    assert path == log_dir / "fieldkit.log"
    try:
        raise KeyError("Tiers-lieu de Madame Secret")
    except KeyError:
        logging.getLogger("fieldkit.test").exception("failed on %s", "Madame Secret")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "failed on Madame Secret" in path.read_text(encoding="utf-8")  # the log is local
    report = support.diagnostic_report(Home(tmp_path / "data"))
    assert "KeyError at test_support.py:" in report
    assert "Secret" not in report  # the message never reaches the report
    assert "fieldkit.log" in report
    handler = next(
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.handlers.RotatingFileHandler)
    )
    assert handler.maxBytes == support.LOG_MAX_BYTES and handler.backupCount == 3


def test_report_writes_the_home_folder_as_tilde(tmp_path: Path) -> None:
    home = Home(Path.home() / "some-mission")
    report = support.diagnostic_report(home, errors=[])
    assert "data: ~/some-mission" in report or "data: ~\\some-mission" in report
