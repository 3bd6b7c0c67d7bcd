"""The pinned PySide6 keeps Python alive through many void Qt calls and signal emits.

shiboken6 6.12 under Python 3.11 took a reference away from ``None`` on every void
call and from ``True`` on every emit, until Python aborted ("none_dealloc"). The
project pins PySide6 below 6.12 (pyproject.toml); this fails on a version with the bug.
"""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])

class Emitter(QObject):
    fired = Signal(object)

o = Emitter()
got = []
o.fired.connect(got.append)
for _ in range(20_000):  # None and True start with a few thousand references
    o.setObjectName("x")  # a void method
    o.fired.emit(True)
print("survived", len(got))
"""


def test_many_void_calls_and_emits_do_not_kill_the_interpreter():
    result = subprocess.run(
        [sys.executable, "-c", CODE],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "survived 20000" in result.stdout
