"""Importing ``ui`` protects the interpreter from shiboken's None reference leak."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
{setup}
from PySide6.QtCore import QCoreApplication, QObject
app = QCoreApplication([])
o = QObject()
for _ in range(20_000):  # None starts with a few thousand references
    o.setObjectName("x")  # a void method: shiboken hands back None without a reference
print("survived")
"""


def run(setup: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CODE.format(setup=setup)], capture_output=True, text=True
    )


def test_many_void_qt_calls_do_not_kill_the_interpreter():
    result = run("import ui")
    assert result.returncode == 0, result.stderr
    assert "survived" in result.stdout
