"""Errors the core raises for bad input.

Each carries a stable ``code`` and its parameters, so the GUI can show a translated
message, and an English ``message`` for the CLI and logs.
"""

from __future__ import annotations

from typing import Any


class FieldKitError(Exception):
    """Base class: a problem a person can understand and fix."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.params = params

    def __str__(self) -> str:
        return self.message


class ValidationError(FieldKitError):
    """A record field is missing or wrong; nothing was changed."""

    code = "invalid"

    def __init__(self, field: str, message: str, *, code: str | None = None, **params: Any):
        super().__init__(message, code=code, field=field, **params)
        self.field = field


class NotFoundError(FieldKitError):
    code = "not_found"


class SchemaError(FieldKitError):
    """The database cannot be opened with this version of FieldKit."""

    code = "schema"


class PhotoError(FieldKitError):
    """A file could not be imported as a photo."""

    code = "photo"


class StaleWriteError(FieldKitError):
    """A save was based on values that are no longer the stored ones; nothing was written.

    Someone else (a sync, a conflict resolution, an undo, another program) changed the
    record after the editor read it. ``params["current"]`` holds the stored values of the
    stale fields and ``params["fields"]`` their names, so the editor can merge and retry.
    """

    code = "stale_base"


class Problem(str):
    """An English sentence (for the CLI and logs) that also carries a stable ``code`` and
    its ``params``, so the GUI can say it in the user's language. Used where a list of
    reasons is kept rather than raised (the bad rows of a CSV import)."""

    code: str
    params: dict[str, Any]

    def __new__(cls, message: str, code: str, **params: Any) -> Problem:
        problem = super().__new__(cls, message)
        problem.code = code
        problem.params = params
        return problem

    @classmethod
    def of(cls, exc: FieldKitError) -> Problem:
        return cls(exc.message, exc.code, **exc.params)

    @property
    def message(self) -> str:
        return str(self)
