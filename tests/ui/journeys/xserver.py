"""A real X screen with a window manager, for journeys that need one (title bars, frames).

:func:`x_screen` starts ``Xvfb`` on a display it picks itself (``-displayfd``: it writes
the number once it listens) and ``openbox`` on it, waits until openbox has taken the
screen (it sets ``_NET_SUPPORTING_WM_CHECK`` on the root window), and stops both after.
Missing programs fail the test with the Debian packages to install (``make test`` does).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

PACKAGES = {"Xvfb": "xvfb", "openbox": "openbox", "xprop": "x11-utils", "xwininfo": "x11-utils"}
START_TIMEOUT = 30.0


@dataclass(frozen=True)
class XScreen:
    display: str
    width: int
    height: int

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        return {**env, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb", **extra}


def require_programs() -> None:
    missing = sorted({pkg for prog, pkg in PACKAGES.items() if shutil.which(prog) is None})
    if missing:
        pytest.fail(
            "These journeys run under a real X server and window manager: install "
            f"the Debian packages {' '.join(missing)} (apt-get install -y {' '.join(missing)};"
            " `make test` installs them).",
            pytrace=False,
        )


def _read_display(fd: int, server: subprocess.Popen[bytes]) -> str:
    """The display number Xvfb writes on ``fd`` once it accepts connections."""
    data = b""
    deadline = time.monotonic() + START_TIMEOUT
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or server.poll() is not None:
            raise RuntimeError("Xvfb did not start")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 64)
            if not chunk:
                raise RuntimeError("Xvfb did not start")
            data += chunk
    return ":" + data.decode().strip()


def _wm_running(display: str) -> bool:
    done = subprocess.run(
        ["xprop", "-root", "-display", display, "_NET_SUPPORTING_WM_CHECK"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0 and "window id" in done.stdout


@contextmanager
def x_screen(width: int, height: int) -> Iterator[XScreen]:
    require_programs()
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    wm: subprocess.Popen[bytes] | None = None
    try:
        display = _read_display(read_end, server)
        wm = subprocess.Popen(
            ["openbox", "--sm-disable"],
            env={**os.environ, "DISPLAY": display},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # openbox says it manages the screen through a root window property: ask for it,
        # a bounded number of times (there is no event to wait for from outside X).
        deadline = time.monotonic() + START_TIMEOUT
        while not _wm_running(display):
            if wm.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("openbox did not take the screen")
            time.sleep(0.05)
        yield XScreen(display, width, height)
    finally:
        os.close(read_end)
        for process in (wm, server):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def frame_of(display: str, window_id: int) -> tuple[int, int, int, int]:
    """Where the window manager put a window, its frame included: the client's place
    (``xwininfo``) grown by the frame extents the window manager set on it
    (``_NET_FRAME_EXTENTS``: left, right, top, bottom)."""
    info = subprocess.run(
        ["xwininfo", "-id", str(window_id), "-display", display],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    values: dict[str, int] = {}
    for line in info.splitlines():
        key, _, value = line.strip().partition(":")
        if key in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height"):
            values[key] = int(value)
    extents = subprocess.run(
        ["xprop", "-id", str(window_id), "-display", display, "_NET_FRAME_EXTENTS"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    left, right, top, bottom = (int(v) for v in extents.split("=")[1].split(","))
    return (
        values["Absolute upper-left X"] - left,
        values["Absolute upper-left Y"] - top,
        values["Width"] + left + right,
        values["Height"] + top + bottom,
    )
