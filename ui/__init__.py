"""FieldKit's Qt GUI (PySide6). Imports the core; the core never imports this."""

import ctypes
import sys

if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
    # shiboken6 6.12 returns None from every void Qt method (setText, processEvents, …)
    # without taking a new reference: it assumes Python ≥ 3.12, where None is immortal.
    # On 3.11 each call takes one reference away until Python aborts with
    # "none_dealloc: deallocating None" after a few thousand calls. Give None a reference
    # count those calls can never use up (tests/ui/test_none_refcount.py shows the leak).
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
