"""What every ``fieldkit`` command module shares: the context object and error handling.

A module of its own so that command modules (records, photos, sync, reports, server)
can import it without importing ``fieldkit.cli``, which imports them to register them.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any, TextIO

import click

from fieldkit.errors import FieldKitError
from fieldkit.gate import OutputGate
from fieldkit.paths import Home
from fieldkit.store import Store


class Context:
    """The group's ``obj``: the data directory, and its store opened on first use."""

    def __init__(self, home: Home) -> None:
        self.home = home
        self._store: Store | None = None
        self._gate: OutputGate | None = None

    @property
    def gate(self) -> OutputGate:
        """The output gate of this command (consenting people may be named)."""
        if self._gate is None:
            self._gate = OutputGate.for_store(self.store)
        return self._gate

    def opened_gate(self) -> OutputGate | None:
        """The gate once the command has opened the store (None before: nothing read)."""
        return self.gate if self._store is not None else None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.home)
        return self._store


pass_ctx = click.make_pass_decorator(Context)


class _GatedStream(io.TextIOBase):
    """A text stream whose every write passes the output gate first."""

    def __init__(self, inner: TextIO, gate_of: Callable[[], OutputGate | None]) -> None:
        super().__init__()
        self._inner = inner
        self._gate_of = gate_of

    def write(self, text: str) -> int:
        gate = self._gate_of() if text.strip() else None
        self._inner.write(gate.line(text) if gate is not None else text)
        return len(text)

    def flush(self) -> None:
        self._inner.flush()

    def isatty(self) -> bool:
        return self._inner.isatty()

    def fileno(self) -> int:
        return self._inner.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._inner, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self._inner, "errors", None)


@contextlib.contextmanager
def gated_output(ctx: Context) -> Iterator[None]:
    """Everything a command prints (stdout and stderr) passes the output gate: a hidden
    person's full name never reaches the terminal, whatever the command."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = _GatedStream(out, ctx.opened_gate)
    sys.stderr = _GatedStream(err, ctx.opened_gate)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def friendly_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a FieldKitError into a one-line message and exit code 1."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except FieldKitError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper
