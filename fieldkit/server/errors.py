"""The one error type of the server API, rendered as ``{"error": {code, message, details}}``."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException


class ApiError(HTTPException):
    """An error a client can act on: an HTTP status, a stable code and an English message.

    A subclass of Starlette's HTTPException so that FastAPI lets it through unchanged even
    when raised while the request body is being read (the body size limit does that).
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code
        self.message = message
        self.details = details or {}

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


def too_large(what: str, limit: int, unit: str = "bytes", **details: Any) -> ApiError:
    return ApiError(
        413,
        "too_large",
        f"{what} is over the server's limit of {limit} {unit}.",
        details={"limit": limit, "unit": unit, **details},
    )


def forbidden(message: str, **details: Any) -> ApiError:
    return ApiError(403, "forbidden", message, details=details)


def not_found(message: str) -> ApiError:
    return ApiError(404, "not_found", message)
