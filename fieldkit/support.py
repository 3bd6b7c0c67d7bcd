"""Where logs and crash reports live, and the diagnostic report for support.

- Logs: a rotating file ``fieldkit.log`` (1 MB × 4) in the platform's log folder
  (platformdirs: ``~/.local/state/FieldKit/log`` on Linux, ``~/Library/Logs/FieldKit`` on
  macOS, ``%LOCALAPPDATA%\\FieldKit\\Logs`` on Windows).
- Crash reports: ``crash-reports/crash-<UTC time>.txt`` in that folder, written by the
  excepthooks (main thread, other threads, and Qt slots, which PySide6 routes to
  ``sys.excepthook``), with the versions and the traceback.
- The diagnostic report (Aide → Copier le rapport de diagnostic) holds versions, paths,
  counts and the last errors, and no personal data: errors appear as their type and code
  location only, never their message (a message may quote a place or a person), and the
  user's home folder is written ``~``.

``FIELDKIT_LOG_DIR`` overrides the log folder (tests, several installs side by side).
"""

from __future__ import annotations

import collections
import datetime as dt
import logging
import logging.handlers
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import platformdirs

from fieldkit import __version__
from fieldkit.gate import GatedLogFilter, gate_technical
from fieldkit.paths import APP_NAME, Home

log = logging.getLogger("fieldkit")
LOG_FILE = "fieldkit.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
RECENT_ERRORS = 20


def log_dir() -> Path:
    env = os.environ.get("FIELDKIT_LOG_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def crash_dir() -> Path:
    return log_dir() / "crash-reports"


@dataclass(frozen=True)
class ErrorSummary:
    """One logged error, without its message: when, what kind, and where in the code."""

    when: str
    level: str
    logger: str
    kind: str
    where: str

    def line(self) -> str:
        return f"{self.when} {self.level} {self.logger}: {self.kind} at {self.where}"


def _where(tb: TracebackType | None, fallback: str) -> str:
    frames = traceback.extract_tb(tb) if tb is not None else []
    if not frames:
        return fallback
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno} in {last.name}"


class RecentErrors(logging.Handler):
    """Keeps the last warnings and errors, summarised (no message text)."""

    def __init__(self, size: int = RECENT_ERRORS) -> None:
        super().__init__(level=logging.WARNING)
        self.records: collections.deque[ErrorSummary] = collections.deque(maxlen=size)

    def emit(self, record: logging.LogRecord) -> None:
        exc = record.exc_info[1] if record.exc_info else None
        tb = record.exc_info[2] if record.exc_info else None
        self.records.append(
            ErrorSummary(
                when=dt.datetime.fromtimestamp(record.created, dt.UTC).strftime(
                    "%Y-%m-%dT%H:%M:%SZ"
                ),
                level=record.levelname,
                logger=record.name,
                kind=type(exc).__name__ if exc is not None else "log message",
                where=_where(tb, f"{Path(record.pathname).name}:{record.lineno}"),
            )
        )


recent_errors = RecentErrors()
_setup_lock = threading.Lock()
_file_handler: logging.Handler | None = None


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to the rotating file (once per process); returns the file's path."""
    global _file_handler
    with _setup_lock:
        path = log_dir() / LOG_FILE
        root = logging.getLogger()
        if _file_handler is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
            )
            handler.setFormatter(
                logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
            )
            # A log line is an output: a hidden person's name never reaches the file.
            handler.addFilter(GatedLogFilter())
            root.addHandler(handler)
            _file_handler = handler
        if recent_errors not in root.handlers:
            root.addHandler(recent_errors)
        root.setLevel(min(root.level or level, level))
        log.info("FieldKit %s started (%s)", __version__, "bundle" if frozen() else "source")
        return path


def stop_logging() -> None:
    """Close the log file and stop collecting errors (at exit; tests)."""
    global _file_handler
    with _setup_lock:
        root = logging.getLogger()
        if _file_handler is not None:
            root.removeHandler(_file_handler)
            _file_handler.close()
            _file_handler = None
        root.removeHandler(recent_errors)
        recent_errors.records.clear()


def frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def versions(extra: dict[str, str] | None = None) -> dict[str, str]:
    """FieldKit, Python, the OS and the libraries that matter for support."""
    from importlib import metadata

    out = {
        "FieldKit": __version__,
        "Python": platform.python_version(),
        "OS": platform.platform(),
        "bundle": "PyInstaller" if frozen() else "source",
    }
    for dist in ("PySide6-Essentials", "reportlab", "pillow", "pillow-heif", "pypdfium2"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "?"
    try:
        import keyring

        backend = keyring.get_keyring()
        out["keyring"] = f"{type(backend).__module__}.{type(backend).__name__}"
    except Exception as exc:  # noqa: BLE001 - a broken keyring is itself worth reporting
        out["keyring"] = f"unusable ({type(exc).__name__})"
    out.update(extra or {})
    return out


def write_crash_report(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    *,
    thread: str = "main",
) -> Path:
    """Write one crash report (versions + traceback); returns its path."""
    folder = crash_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    path = folder / f"crash-{now.strftime('%Y%m%d-%H%M%S-%f')}.txt"
    lines = [f"FieldKit crash report, {now.isoformat(timespec='seconds')}", f"thread: {thread}"]
    lines += [f"{k}: {v}" for k, v in versions().items()]
    lines.append("")
    lines += traceback.format_exception(exc_type, exc, tb)
    path.write_text("\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8")
    return path


Hook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


def install_crash_handler() -> None:
    """Uncaught exceptions (any thread) are logged and written to a crash report, then
    handed to the previous hook (the traceback still reaches the terminal)."""
    previous: Hook = sys.excepthook
    previous_thread = threading.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(exc_type, KeyboardInterrupt):
            try:
                path = write_crash_report(exc_type, exc, tb)
                log.critical("uncaught exception; crash report %s", path.name, exc_info=exc)
            except OSError:
                pass  # a full disk must not hide the original error
        previous(exc_type, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            try:
                name = args.thread.name if args.thread is not None else "?"
                path = write_crash_report(
                    args.exc_type, args.exc_value, args.exc_traceback, thread=name
                )
                log.critical(
                    "uncaught exception in thread; crash report %s",
                    path.name,
                    exc_info=args.exc_value,
                )
            except OSError:
                pass
        previous_thread(args)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def _tilde(path: Path | str) -> str:
    """A path with the user's home folder written ``~`` (it often holds the person's name)."""
    text = str(path)
    home = str(Path.home())
    return "~" + text[len(home) :] if home and text.startswith(home) else text


def latest_crash_reports(limit: int = 3) -> list[Path]:
    folder = crash_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob("crash-*.txt"), reverse=True)[:limit]


def diagnostic_report(
    home: Home,
    *,
    extra_versions: dict[str, str] | None = None,
    counts: dict[str, int] | None = None,
    settings: dict[str, str] | None = None,
    errors: Iterable[ErrorSummary] | None = None,
) -> str:
    """A plain-text report for support: versions, paths, counts, last errors.

    Callers pass numbers and technical settings only; nothing here reads record contents.
    """
    lines = ["FieldKit — rapport de diagnostic", ""]
    lines += [f"{k}: {v}" for k, v in versions(extra_versions).items()]
    lines += [
        "",
        f"data: {_tilde(home.root)}",
        f"database: {_tilde(home.db_path)}",
        f"logs: {_tilde(log_dir() / LOG_FILE)}",
        f"crash reports: {_tilde(crash_dir())}",
        f"executable: {_tilde(sys.executable)}",
    ]
    if counts:
        lines += ["", "counts: " + ", ".join(f"{k} {v}" for k, v in counts.items())]
    if settings:
        lines += [""] + [f"{k}: {v}" for k, v in settings.items()]
    summaries = list(recent_errors.records if errors is None else errors)
    lines += ["", f"last errors ({len(summaries)}):"]
    lines += [f"  {e.line()}" for e in summaries] or ["  none"]
    crashes = latest_crash_reports()
    lines += ["", f"crash reports ({len(crashes)} latest):"]
    lines += [f"  {p.name}" for p in crashes] or ["  none"]
    # Through the output gate like any other output (a setting may quote a name).
    return gate_technical("\n".join(lines) + "\n")
