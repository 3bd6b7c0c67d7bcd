"""What every ``fieldkit`` command module shares: the context object and error handling.

A module of its own so that command modules (records, photos, sync, reports, server)
can import it without importing ``fieldkit.cli``, which imports them to register them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from fieldkit.errors import FieldKitError
from fieldkit.paths import Home
from fieldkit.store import Store


class Context:
    """The group's ``obj``: the data directory, and its store opened on first use."""

    def __init__(self, home: Home) -> None:
        self.home = home
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.home)
        return self._store


pass_ctx = click.make_pass_decorator(Context)


def friendly_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a FieldKitError into a one-line message and exit code 1."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except FieldKitError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper
