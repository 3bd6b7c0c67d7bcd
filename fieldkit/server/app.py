"""The FastAPI application of the central server (contract: docs/sync-protocol.md)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import errno
import gc
import hashlib
import ipaddress
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Annotated, Any, Literal

import anyio
import orjson
from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import StrictStr
from sqlalchemy import Connection
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldkit import __version__
from fieldkit.errors import ValidationError
from fieldkit.server import audit, metrics, models, placement
from fieldkit.server.auth import Accounts, Principal
from fieldkit.server.blobs import (
    BlobStore,
    check_hash,
    hash_mismatch,
    no_such_blob,
    storage_for,
)
from fieldkit.server.config import Limits, MiB, Settings
from fieldkit.server.db import Database, default_url, private_dir
from fieldkit.server.erasure import ErasureService
from fieldkit.server.errors import ApiError, too_large
from fieldkit.server.sync import SyncService, nul_op_ids
from fieldkit.store.store import iso, utc_now

API = "/api/v1"
log = logging.getLogger("fieldkit.server")
Clock = Callable[[], dt.datetime]

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,checksum"
# sha1 because tus requires every server to support it; sha256 is FieldKit's own.
CHECKSUM_ALGORITHMS = {"sha256": hashlib.sha256, "sha1": hashlib.sha1}
# Paths that need no token; OPTIONS needs none anywhere (it tells capabilities only).
# The mission info is read before signing in (the app checks a mission file against it).
PUBLIC_PATHS = {f"{API}/health", f"{API}/auth/login", f"{API}/info"}
# The two requests every sync makes: with a token this process found valid in the last
# minute, the gate leaves the database check to the endpoint's own thread (``Caller``).
DEFERRED_PATHS = {f"{API}/sync/push", f"{API}/sync/pull"}
_DIGITS = re.compile(r"[0-9]{1,19}")

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "unsupported_version",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_attempts",
}

_DESCRIPTIONS = {
    400: "Malformed header or path (codes bad_hash, missing_header, bad_header).",
    401: "No token, or an unknown or revoked one.",
    403: "A push op would put a record outside the caller's régions.",
    404: "No such thing, or none the caller may see (the same answer).",
    405: "Method not allowed on this path.",
    409: "Upload-Offset differs from the server's offset.",
    412: "Tus-Resumable missing or not 1.0.0.",
    413: "Body, field or record over the server's limit.",
    415: "PATCH needs Content-Type application/offset+octet-stream.",
    422: "The request does not match the schema or the bytes don't match the hash.",
    429: "Too many failed logins.",
    460: "Upload-Checksum does not match the chunk (tus checksum extension).",
    410: "These bytes belong to an erased photo: never taken again (blob_erased).",
    507: "The server's disk is full (disk_full), or the caller's photo quota (quota_exceeded).",
}


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses: the error statuses every authenticated endpoint can give, plus
    the ones named."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in (401, 405, 413, 422, *statuses):
        out[status] = {"model": models.ErrorBody, "description": _DESCRIPTIONS[status]}
    return out


def _header(description: str) -> dict[str, Any]:
    return {"description": description, "schema": {"type": "integer", "minimum": 0}}


TUS_RESUMABLE = {"description": "tus protocol version.", "schema": {"type": "string"}}
UPLOAD_HEADERS = {
    "Tus-Resumable": TUS_RESUMABLE,
    "Upload-Offset": _header("Bytes the server holds."),
    "Upload-Length": _header("Total size."),
    "Blob-State": {
        "description": "partial or complete.",
        "schema": {"type": "string", "enum": ["partial", "complete"]},
    },
}
RAW_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/offset+octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
PUT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
# Parsed by hand (to answer with tus's statuses and our codes) but declared for the schema.
TusResumableHeader = Annotated[
    models.SafeStr | None,
    Header(alias="Tus-Resumable", description="Must be 1.0.0.", max_length=20),
]
UploadOffsetHeader = Annotated[
    models.SafeStr | None,
    Header(alias="Upload-Offset", description="Offset of this chunk (required).", max_length=20),
]
UploadLengthHeader = Annotated[
    models.SafeStr | None,
    Header(alias="Upload-Length", description="Total size of the blob.", max_length=20),
]
UploadMetadataHeader = Annotated[
    models.SafeStr | None,
    Header(
        alias="Upload-Metadata",
        description="tus metadata; must hold `sha256 <base64 of the hex digest>`.",
        max_length=4000,
    ),
]
UploadChecksumHeader = Annotated[
    models.SafeStr | None,
    Header(
        alias="Upload-Checksum",
        description="`sha256 <base64 digest of this chunk>` (or sha1).",
        max_length=200,
    ),
]
Sha256Path = Annotated[
    StrictStr,
    Path(
        description="The blob's sha256, 64 lowercase hex characters.",
        pattern=r"^[0-9a-f]{64}$",
        min_length=64,
        max_length=64,
    ),
    models.TEXT_CHECK,
]

# A record's or conflict's id in a path: the same checked text as every input.
IdPath = Annotated[
    StrictStr,
    Path(min_length=1, max_length=100, json_schema_extra={"pattern": models.NO_NUL}),
    models.TEXT_CHECK,
]


class ServerState:
    """Everything a request handler needs, built once per app."""

    def __init__(
        self,
        data_dir: FsPath,
        database_url: str | None,
        clock: Clock,
        limits: Limits,
        settings: Settings | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.limits = limits
        self.settings = settings or Settings()
        self.trusted_proxies = parse_networks(self.settings.trusted_proxies)
        self.db = Database(database_url or default_url(data_dir))
        self.db.migrate()
        self.accounts = Accounts(
            self.db,
            clock,
            limits,
            token_idle=dt.timedelta(days=self.settings.token_idle_days),
            token_max=dt.timedelta(days=self.settings.token_max_days),
        )
        self.sync = SyncService(self.db, clock)
        self.blobs = BlobStore(
            self.db,
            data_dir,
            clock,
            storage_for(self.settings, data_dir),
            quota_bytes=int(self.settings.user_quota_mb * MiB),
            abandon_after=dt.timedelta(hours=self.settings.upload_abandon_hours),
        )
        self.erasure = ErasureService(self.db, self.blobs, clock)

    def client_ip(self, request: Request) -> str:
        """The caller's address: the peer's, or, when the peer is a trusted proxy, the
        nearest address in X-Forwarded-For that is not a trusted proxy itself."""
        peer = request.client.host if request.client else "unknown"
        if not self.trusted_proxies or not _in_networks(peer, self.trusted_proxies):
            return peer
        forwarded = ",".join(request.headers.getlist("x-forwarded-for"))
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        for hop in reversed(hops):
            if not _in_networks(hop, self.trusted_proxies):
                return hop[:64]
        return hops[0][:64] if hops else peer


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(specs: tuple[str, ...]) -> list[Network]:
    networks: list[Network] = []
    for spec in specs:
        try:
            networks.append(ipaddress.ip_network(spec, strict=False))
        except ValueError as exc:
            raise ValidationError(
                "trusted_proxies",
                f"{spec!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/24).",
                code="bad_proxy",
            ) from exc
    return networks


def _in_networks(address: str, networks: list[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _json_error(status: int, code: str, message: str, **headers: str) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message, "details": {}}},
        status_code=status,
        headers=headers or None,
    )


class Gate:
    """Before any route runs: OPTIONS answers, the token check, the tus header.

    The token is checked here, before the body is read or parsed, so that an anonymous
    request gets 401 whatever it sends (never 413 or 422, which would tell it about the
    endpoint). The principal goes into ``scope["state"]`` for :func:`current_user`.
    """

    def __init__(self, app: ASGIApp, state: ServerState, routes: list[BaseRoute]) -> None:
        self.app = app
        self.state = state
        self.routes = metrics.RouteIndex(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(f"{API}/"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        is_blobs = path == f"{API}/blobs" or path.startswith(f"{API}/blobs/")
        if is_blobs:
            send = _with_tus_header(send)
        if scope["method"] == "OPTIONS":
            await self._options(scope, receive, send, is_blobs)
            return
        template, methods = self.routes.of(scope)
        if template is not None and scope["method"] not in methods:
            # The path's own route decides (so PUT /blobs/missing is 405, not a bad hash).
            allow = ", ".join(sorted(methods | {"OPTIONS"}))
            refusal = _json_error(
                405,
                "method_not_allowed",
                f"{scope['method']} is not allowed here (allowed: {allow}).",
                Allow=allow,
            )
            await refusal(scope, receive, send)
            return
        if path not in PUBLIC_PATHS:
            error = await self._authenticate(scope, deferrable=path in DEFERRED_PATHS)
            if error is not None:
                await error(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _options(self, scope: Scope, receive: Receive, send: Send, is_blobs: bool) -> None:
        template, methods = self.routes.of(scope)
        if template is None:
            await _json_error(404, "not_found", "No such endpoint.")(scope, receive, send)
            return
        allow = ", ".join(sorted(methods | {"OPTIONS"}))
        headers = {"Allow": allow}
        if is_blobs:
            headers.update(
                {
                    "Tus-Resumable": TUS_VERSION,
                    "Tus-Version": TUS_VERSION,
                    "Tus-Extension": TUS_EXTENSIONS,
                    "Tus-Max-Size": str(self.state.limits.blob_size),
                    "Tus-Checksum-Algorithm": ",".join(CHECKSUM_ALGORITHMS),
                }
            )
        await Response(status_code=204, headers=headers)(scope, receive, send)

    async def _authenticate(self, scope: Scope, *, deferrable: bool = False) -> Response | None:
        token = None
        for key, value in scope.get("headers", []):
            if key == b"authorization":
                scheme, _, credentials = value.decode("latin-1").partition(" ")
                if scheme.lower() == "bearer" and credentials.strip():
                    token = credentials.strip()
        if token is None:
            return _json_error(
                401,
                "missing_token",
                "This endpoint needs 'Authorization: Bearer <token>' (log in first).",
                **{"WWW-Authenticate": "Bearer"},
            )
        state = scope.setdefault("state", {})
        if deferrable and self.state.accounts.recently_valid(token):
            # Checked against the database by the endpoint, in its own thread and first
            # transaction: a thread hop fewer. An unknown token never gets this far.
            state["token"] = token
            return None
        try:
            principal = await anyio.to_thread.run_sync(self.state.accounts.authenticate, token)
        except ApiError as exc:
            return JSONResponse(exc.body(), status_code=exc.status_code, headers=exc.headers)
        state["principal"] = principal
        return None


def _with_tus_header(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            if not any(k.lower() == b"tus-resumable" for k, _ in headers):
                headers.append((b"tus-resumable", TUS_VERSION.encode()))
            message = {**message, "headers": headers}
        await send(message)

    return wrapped


class BodyLimit:
    """Refuse over-large JSON bodies with 413 before or while they are read.

    Blob uploads stream their bodies and enforce their own limits in the handlers.
    """

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith(f"{API}/blobs/") and scope["method"] in ("PATCH", "PUT"):
            await self.app(scope, receive, send)
            return
        if path == f"{API}/sync/push":
            limit, what = self.limits.push_body, "The push batch"
        else:
            limit, what = self.limits.json_body, "The request body"
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            error = too_large(what, limit)
            await JSONResponse(error.body(), status_code=413)(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise too_large(what, limit)
            return message

        await self.app(scope, limited_receive, send)


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


_bearer = HTTPBearer(auto_error=False, description="A token from POST /api/v1/auth/login.")


async def current_user(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller, authenticated by Gate before the body was read (async: no thread hop
    just to read it back); ``_credentials`` declares the scheme in the schema."""
    principal = request.scope.get("state", {}).get("principal")
    if not isinstance(principal, Principal):
        raise ApiError(
            401,
            "missing_token",
            "This endpoint needs 'Authorization: Bearer <token>' (log in first).",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return principal


User = Annotated[Principal, Depends(current_user)]


@dataclass(frozen=True)
class Caller:
    """The caller of a push or pull: authenticated by the gate, or holding a token this
    process found valid moments ago, which ``verified`` checks against the database."""

    principal: Principal | None
    token: str | None

    def verified(self, accounts: Accounts, conn: Connection | None = None) -> Principal:
        if self.principal is not None:
            return self.principal
        assert self.token is not None
        return accounts.authenticate(self.token, conn)


async def current_caller(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    state = request.scope.get("state", {})
    principal, token = state.get("principal"), state.get("token")
    if isinstance(principal, Principal):
        return Caller(principal, None)
    if isinstance(token, str):
        return Caller(None, token)
    raise ApiError(
        401,
        "missing_token",
        "This endpoint needs 'Authorization: Bearer <token>' (log in first).",
        headers={"WWW-Authenticate": "Bearer"},
    )


SyncCaller = Annotated[Caller, Depends(current_caller)]


def create_app(
    data_dir: FsPath,
    *,
    clock: Clock | None = None,
    database_url: str | None = None,
    limits: Limits | None = None,
    settings: Settings | None = None,
) -> FastAPI:
    """Build the server on a data directory (created and migrated if needed)."""
    data_dir = FsPath(data_dir)
    private_dir(data_dir)
    state = ServerState(data_dir, database_url, clock or utc_now, limits or Limits(), settings)
    lim = state.limits

    app = FastAPI(
        title="FieldKit server",
        version=__version__,
        description="Sync, accounts and photo blobs for FieldKit. See docs/sync-protocol.md.",
    )
    app.state.server = state
    # Outermost first: metrics see every answer; the gate runs before any body is read.
    app.add_middleware(BodyLimit, limits=lim)
    app.add_middleware(Gate, state=state, routes=app.router.routes)
    app.add_middleware(metrics.RequestMetrics, routes=app.router.routes)

    # -- errors ----------------------------------------------------------------------
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc, ApiError):
            body = exc.body()
        elif exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # Not UTF-8 / not JSON: the same 422 as any body that fails validation.
            return JSONResponse(
                {
                    "error": {
                        "code": "invalid_request",
                        "message": "The body is not valid JSON.",
                        "details": {"errors": [{"loc": ["body"], "msg": "not JSON"}]},
                    }
                },
                status_code=422,
            )
        else:
            code = _STATUS_CODES.get(exc.status_code, "error")
            message = exc.detail if isinstance(exc.detail, str) else code
            if exc.status_code == 404 and message == "Not Found":
                message = "No such endpoint."
            body = {"error": {"code": code, "message": message, "details": {}}}
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": _plain_loc(err.get("loc", ())), "msg": str(err.get("msg", ""))}
            for err in exc.errors()
        ]
        if any(e["loc"][:2] == ["path", "sha256"] for e in errors):
            # The contract's own code for a malformed hash in a path.
            return JSONResponse(check_error(errors), status_code=400)
        first = errors[0] if errors else {"loc": [], "msg": "invalid"}
        where = ".".join(first["loc"][1:] if len(first["loc"]) > 1 else first["loc"])
        message = f"Invalid request: {where}: {first['msg']}" if where else first["msg"]
        return JSONResponse(
            {
                "error": {
                    "code": "invalid_request",
                    "message": message,
                    "details": {"errors": errors},
                }
            },
            status_code=422,
        )

    @app.exception_handler(Exception)
    async def unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
        if disk_full(exc):
            # A full disk met outside an upload's own writes (moving a blob into place,
            # the database): 507, and the server goes on serving.
            log.error("disk full: %s", type(exc).__name__)
            error = disk_full_error()
            return JSONResponse(
                {"error": {"code": error.code, "message": error.message, "details": {}}},
                status_code=507,
            )
        # Still JSON, and no internals in the body; the traceback goes to the server log
        # (SQL parameters are hidden by the engines: hide_parameters).
        log.error("unexpected error", exc_info=exc)
        return JSONResponse(
            {
                "error": {
                    "code": "internal",
                    "message": "The server failed to handle this request; it has been logged.",
                    "details": {},
                }
            },
            status_code=500,
        )

    # -- endpoints -------------------------------------------------------------------
    @app.get(f"{API}/health", response_model=models.Health, tags=["server"])
    async def health() -> dict[str, Any]:
        """Liveness check; no token needed (async: no database, so no thread hop)."""
        return {"status": "ok", "version": __version__, "server_time": iso(state.clock())}

    @app.get("/metrics", tags=["server"], response_class=Response)
    def prometheus_metrics() -> Response:
        """Prometheus text format; no token (keep it off the internet at the proxy)."""
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type)

    @app.get(f"{API}/info", response_model=models.ServerInfo, tags=["server"])
    def server_info() -> dict[str, Any]:
        """The mission this server serves, the client version it recommends and where to
        get it, and the id of the key that signs its mission files; no token needed."""
        from fieldkit.server import mission

        return {"version": __version__, **mission.info(state.data_dir)}

    @app.post(
        f"{API}/auth/login",
        response_model=models.LoginResponse,
        responses={
            status: {"model": models.ErrorBody, "description": _DESCRIPTIONS[status]}
            for status in (401, 405, 413, 422, 429)
        },
        tags=["auth"],
    )
    def login(body: models.LoginRequest, request: Request) -> dict[str, Any]:
        """Exchange a user name and password for a per-device token.

        Throttled: 5 attempts per user name (20 per client address) in 5 minutes → 429;
        past the address's limit only a wrong password gets 429 (a right one of another
        account logs in); a successful login gives its attempt back.
        """
        ip = state.client_ip(request)
        try:
            answer = state.accounts.login(
                body.username, body.password, body.device_name.strip(), ip
            )
        except ApiError as exc:
            metrics.LOGINS.labels(exc.code).inc()
            raise
        metrics.LOGINS.labels("ok").inc()
        return answer

    @app.post(f"{API}/auth/logout", status_code=204, responses=_errors(), tags=["auth"])
    def logout(user: User) -> Response:
        """Revoke the token of this request."""
        state.accounts.revoke(user.token_id)
        return Response(status_code=204)

    @app.get(f"{API}/auth/me", response_model=models.UserInfo, responses=_errors(), tags=["auth"])
    def me(user: User) -> dict[str, Any]:
        return user.info()

    @app.get(
        f"{API}/auth/devices",
        response_model=models.DeviceList,
        responses=_errors(),
        tags=["auth"],
    )
    def devices(user: User) -> dict[str, Any]:
        """The caller's own logins (one per device) still valid: when made, last used,
        when they expire; `current` is the one of this request."""
        return {"devices": state.accounts.devices(user)}

    @app.delete(
        f"{API}/auth/devices/{{device_id}}",
        status_code=204,
        responses=_errors(404),
        tags=["auth"],
    )
    def revoke_device(
        device_id: Annotated[int, Path(ge=1, le=models.MAX_SEQ)], user: User, request: Request
    ) -> Response:
        """Revoke one of the caller's own logins (a lost laptop); another user's, or an
        unknown id, is 404 alike."""
        state.accounts.revoke_own(user, device_id, state.client_ip(request))
        return Response(status_code=204)

    # -- sync ------------------------------------------------------------------------
    @app.post(
        f"{API}/sync/push",
        response_model=models.PushResponse,
        responses=_errors(403, 409),
        tags=["sync"],
    )
    def push(body: models.PushRequest, caller: SyncCaller) -> Response:
        """Apply outbox operations in order, all or nothing per op; one result per op.

        403 (nothing applied) if any op would put a record outside the user's régions (a
        record already elsewhere counts as absent: that op alone is rejected, 404);
        413 (nothing applied) if any op has a field or record over the size limits.
        """
        ops: list[dict[str, Any]] = body["ops"]
        # The token, the server's identity and the régions of the records the ops touch
        # are read in one transaction, closed before the push queues for the write lock.
        with state.db.read() as conn:
            user = caller.verified(state.accounts, conn)
            if len(ops) > lim.push_ops:
                raise too_large("The push batch", lim.push_ops, "operations")
            ident = state.sync.check_timeline(body.get("server_id"), body.get("cursor"), conn)
            for op in ops:
                op.setdefault("fields", {})
                op.setdefault("base", {})
            check_sizes(ops, lim)
            with_nul = nul_op_ids(ops)  # once: both checks below need it
            state.sync.refuse_forbidden(user, ops, conn, with_nul)
        results = state.sync.push_results(user, ops, regions_checked=True, with_nul=with_nul)
        for result in results:
            metrics.PUSHED_OPS.labels(result["status"]).inc()
            if result["status"] == "conflict" and not result.get("replayed"):
                metrics.CONFLICTS.inc()
        # Built as JSON bytes directly: the results are built to the model's shape, and
        # validating or re-encoding 500 of them cost more than applying them.
        return Response(
            state.sync.push_json(results, ident["server_id"], lean=bool(body.get("lean"))),
            media_type="application/json",
        )

    @app.get(
        f"{API}/sync/pull", response_model=models.PullResponse, responses=_errors(), tags=["sync"]
    )
    def pull(
        caller: SyncCaller,
        since: Annotated[
            int,
            Query(ge=0, le=models.MAX_SEQ, description="Cursor: the `next` of the last pull."),
        ] = 0,
        limit: Annotated[
            int | None,
            Query(ge=1, le=Limits.pull_max, description="Page size (default 500)."),
        ] = None,
        shape: Annotated[
            Literal["records", "tables"],
            Query(
                description="`records` (default): one object per record. `tables`: the "
                "same records as tables of rows, one per run of one kind (`tables`)."
            ),
        ] = "records",
    ) -> Response:
        """Records changed after `since` in the user's régions, in sequence order; a page
        stops at `limit` records or about `pull_bytes` of record fields."""
        size = min(lim.pull_default, lim.pull_max) if limit is None else limit
        if size > lim.pull_max:  # a server configured below the default maximum
            raise ApiError(
                422,
                "invalid_request",
                f"limit must be at most {lim.pull_max}.",
                details={"errors": [{"loc": ["query", "limit"], "msg": "too big"}]},
            )
        # Built as JSON text directly (the response model documents the shape); the token
        # check and the page share one read transaction.
        with state.db.read() as conn:
            user = caller.verified(state.accounts, conn)
            page = state.sync.pull_json(
                user, since, size, max_bytes=lim.pull_bytes, conn=conn, shape=shape
            )
        return Response(page, media_type="application/json")

    @app.post(
        f"{API}/sync/reconcile",
        response_model=models.ReconcileResponse,
        responses=_errors(),
        tags=["sync"],
    )
    def reconcile(body: models.ReconcileRequest, user: User) -> dict[str, Any]:
        """After a restore: the server's version of each record, and what the backup held."""
        if len(body.records) > lim.missing_hashes:
            raise too_large("The list of records", lim.missing_hashes, "records")
        ident = state.sync.identity()
        keys = [(r.kind, r.id) for r in body.records]
        return {
            "server_id": ident["server_id"],
            "head": ident["head"],
            "records": state.sync.reconcile_versions(user, keys),
        }

    @app.get(
        f"{API}/records/{{kind}}/{{record_id}}/history",
        response_model=models.Journal,
        responses=_errors(404),
        tags=["sync"],
    )
    def record_history(kind: models.KindName, record_id: IdPath, user: User) -> dict[str, Any]:
        """The journal of one record: every accepted version (who, which fields, when) and
        its conflicts with how they were resolved. Same région rules as pull."""
        return state.sync.journal(user, kind, record_id)

    @app.post(
        f"{API}/sync/erase",
        response_model=models.EraseResponse,
        responses=_errors(413),
        tags=["sync"],
    )
    def erase(body: models.EraseRequest, user: User, request: Request) -> dict[str, Any]:
        """Erase records permanently with everything under them (docs/privacy.md).

        Coordinators and admins only: any record on the server may already have been
        pulled, so an agent is refused (`coordinator_required`). An unknown (kind, id), or a
        record outside the caller's régions, is `not_found` and nothing is deleted. Removes
        current rows, history, conflicts and unused photo files, and adds the ids to the
        deny-list every client reads from `GET /sync/erasures`.
        """
        if len(body.erasures) > state.limits.push_ops:
            raise too_large("The erasure request", state.limits.push_ops, "records")
        results = state.erasure.erase(user, [e.model_dump() for e in body.erasures])
        erased = [r for r in results if r["status"] == "erased" and r["records"]]
        if erased:
            address = state.client_ip(request)
            with state.db.write() as conn:
                for r in erased:
                    audit.record(
                        conn,
                        iso(state.clock()),
                        "erasure",
                        user.name,
                        address=address,
                        subject=f"{r['kind']} {r['id']}",
                        detail=f"{r['records']} record(s)",
                    )
        return {"results": results}

    @app.get(
        f"{API}/sync/erasures",
        response_model=models.ErasuresResponse,
        responses=_errors(),
        tags=["sync"],
    )
    def erasures(
        user: User,
        since: Annotated[
            int,
            Query(ge=0, le=models.MAX_SEQ, description="Cursor: the `next` of the last call."),
        ] = 0,
        limit: Annotated[int, Query(ge=1, le=5000, description="Page size.")] = 1000,
    ) -> dict[str, Any]:
        """Ids erased after `since` (the deny-list): each client purges them at its sync."""
        return state.erasure.since(since, limit)

    @app.get(
        f"{API}/conflicts", response_model=models.ConflictList, responses=_errors(), tags=["sync"]
    )
    def list_conflicts(user: User, open: bool = True) -> dict[str, Any]:  # noqa: A002
        """The caller's conflicts (open ones unless open=false)."""
        return {"conflicts": state.sync.conflicts(user, open_only=open)}

    @app.post(
        f"{API}/conflicts/{{conflict_id}}/resolve",
        response_model=models.Conflict,
        responses=_errors(404),
        tags=["sync"],
    )
    def resolve_conflict(
        conflict_id: IdPath,
        user: User,
    ) -> dict[str, Any]:
        """Mark a conflict resolved (after pushing the chosen values as a normal edit)."""
        return state.sync.resolve_conflict(user, conflict_id)

    # -- blobs -----------------------------------------------------------------------
    @app.post(
        f"{API}/blobs/missing",
        response_model=models.MissingResponse,
        responses=_errors(),
        tags=["blobs"],
    )
    def missing(body: models.MissingRequest, user: User) -> dict[str, Any]:
        """Which of these blobs the caller cannot download (the server lacks them, or
        they are not the caller's to read): those are the ones to upload."""
        if len(body.hashes) > lim.missing_hashes:
            raise too_large("The list of hashes", lim.missing_hashes, "hashes")
        return {"missing": state.blobs.missing(user, body.hashes)}

    @app.post(
        f"{API}/blobs",
        status_code=201,
        responses={
            **_errors(400, 409, 410, 412, 507),
            201: {
                "description": "Upload created; PATCH its Location.",
                "headers": {
                    "Location": {"description": "The upload URL.", "schema": {"type": "string"}},
                    **UPLOAD_HEADERS,
                },
            },
        },
        tags=["blobs"],
        response_class=Response,
    )
    async def create_upload(
        request: Request,
        user: User,
        _tus: TusResumableHeader = None,
        _length: UploadLengthHeader = None,
        _metadata: UploadMetadataHeader = None,
    ) -> Response:
        """tus creation: start (or restart) the caller's upload of one blob.

        Upload-Metadata must carry `sha256` (the blob's hex digest, base64-encoded as tus
        metadata values are); the upload URL is `/api/v1/blobs/{sha256}`.
        """
        check_tus_version(request)
        if request.headers.get("Upload-Defer-Length") is not None:
            raise ApiError(
                400, "bad_header", "Upload-Defer-Length is not supported; send Upload-Length."
            )
        length = int_header(request, "Upload-Length", required=True)
        assert length is not None
        if length > lim.blob_size:
            raise too_large("The blob", lim.blob_size)
        sha256 = metadata_sha256(request.headers.get("Upload-Metadata"))

        def create() -> Response:
            size = state.blobs.size(sha256)
            headers = {"Location": f"{API}/blobs/{sha256}", "Upload-Offset": "0"}
            if size is not None and state.blobs.may_read(user, sha256):
                if size != length:
                    raise ApiError(
                        422,
                        "length_mismatch",
                        f"Upload-Length {length} is not the size {size} of blob {sha256}.",
                    )
                # Nothing to send: PATCH answers with the full offset (see upload_chunk).
                headers.update({"Upload-Offset": str(size), "Upload-Length": str(size)})
                return Response(status_code=201, headers=headers)
            state.blobs.create(sha256, length, user.name)
            headers["Upload-Length"] = str(length)
            return Response(status_code=201, headers=headers)

        # Under the upload's lock (a row: any worker): two creations of one user's upload
        # at once would both replace its row (a unique-key clash on PostgreSQL).
        async with state.blobs.lock(f"{user.name}\n{sha256}"):
            return await run_in_threadpool(create)

    @app.head(
        f"{API}/blobs/{{sha256}}",
        status_code=200,
        responses={
            **_errors(400, 404, 412),
            200: {"description": "Upload state.", "headers": UPLOAD_HEADERS},
        },
        tags=["blobs"],
        response_class=Response,
    )
    async def upload_offset(
        sha256: Sha256Path, user: User, _tus: TusResumableHeader = None
    ) -> Response:
        """tus HEAD: Upload-Offset and Upload-Length of the caller's upload, or of the
        complete blob if the caller may read it; 404 otherwise."""
        check_tus_version(request=None, value=_tus, required=False)
        st = await run_in_threadpool(state.blobs.upload_state, user, sha256)
        if st is None:
            raise no_such_blob(sha256)
        headers = {
            "Upload-Offset": str(st.offset),
            "Upload-Length": str(st.length),
            "Blob-State": st.state,
            "Cache-Control": "no-store",
        }
        if st.state == "complete":
            headers["Content-Length"] = str(st.length)
            headers["Accept-Ranges"] = "bytes"
        return Response(status_code=200, headers=headers)

    @app.patch(
        f"{API}/blobs/{{sha256}}",
        status_code=204,
        responses={
            **_errors(400, 404, 409, 410, 412, 415, 460, 507),
            204: {"description": "Chunk stored.", "headers": UPLOAD_HEADERS},
        },
        tags=["blobs"],
        response_class=Response,
        openapi_extra=RAW_BODY,
    )
    async def upload_chunk(
        sha256: Sha256Path,
        request: Request,
        user: User,
        _tus: TusResumableHeader = None,
        _offset: UploadOffsetHeader = None,
        _checksum: UploadChecksumHeader = None,
    ) -> Response:
        """tus PATCH: append a chunk at Upload-Offset; the sha256 is checked at the end."""
        check_tus_version(request)
        content_type = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type != "application/offset+octet-stream":
            raise ApiError(
                415,
                "unsupported_media_type",
                "A PATCH body must have Content-Type: application/offset+octet-stream.",
            )
        offset = int_header(request, "Upload-Offset", required=True)
        assert offset is not None
        checksum = parse_checksum(request.headers.get("Upload-Checksum"))
        declared = int_header(request, "Content-Length", required=False)
        if declared is not None and declared > lim.upload_chunk:
            raise too_large("The chunk", lim.upload_chunk)
        blobs = state.blobs
        async with blobs.lock(f"{user.name}\n{sha256}"):
            st = await run_in_threadpool(blobs.upload_state, user, sha256)
            if st is None:
                raise no_such_blob(sha256)
            if st.state == "complete":
                return _offset_response(st.offset, st.offset, complete=True)
            assert st.upload_id is not None
            if offset != st.offset:
                raise ApiError(
                    409,
                    "offset_mismatch",
                    f"Upload-Offset {offset} does not match the server's offset {st.offset}; "
                    "ask with HEAD and send from there.",
                    details={"offset": st.offset},
                    headers={"Upload-Offset": str(st.offset)},
                )
            length = int_header(request, "Upload-Length", required=False)
            if length is not None and length != st.length:
                raise ApiError(
                    422,
                    "length_mismatch",
                    f"Upload-Length {length} differs from the {st.length} declared when the "
                    "upload was created.",
                )
            new_offset = await _receive_chunk(
                request, blobs, st.upload_id, offset, st.length, lim, checksum
            )
            if new_offset == st.length:
                try:
                    await run_in_threadpool(blobs.finish, st.upload_id, sha256, user.name)
                except ApiError:
                    metrics.UPLOADS.labels("hash_mismatch").inc()
                    raise
                metrics.UPLOADS.labels("stored").inc()
                return _offset_response(new_offset, st.length, complete=True)
            return _offset_response(new_offset, st.length, complete=False)

    @app.put(
        f"{API}/blobs/{{sha256}}",
        status_code=201,
        responses={
            **_errors(400, 410, 507),
            200: {"description": "The server already held this blob."},
        },
        tags=["blobs"],
        response_class=Response,
        openapi_extra=PUT_BODY,
    )
    async def put_blob(sha256: Sha256Path, request: Request, user: User) -> Response:
        """Upload a whole blob in one body (not resumable)."""
        limit = lim.blob_size
        declared = int_header(request, "Content-Length", required=False)
        if declared is not None and declared > limit:
            raise too_large("The blob", limit)
        if declared is not None:
            await run_in_threadpool(state.blobs.check_quota, user.name, sha256, declared)
        blobs = state.blobs
        temp = blobs.temp_path()
        hasher = hashlib.sha256()
        size = 0
        full = False
        try:
            with temp.open("wb") as f:
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > limit:
                        raise too_large("The blob", limit)
                    if full:
                        continue  # read to the end, so that the client hears the 507
                    try:
                        f.write(chunk)
                    except OSError as exc:
                        if not disk_full(exc):
                            raise
                        full = True
                        log.error("disk full while receiving a blob")
                        f.truncate(0)
                    hasher.update(chunk)
            if full:
                raise disk_full_error()
            metrics.UPLOAD_BYTES.inc(size)
            if hasher.hexdigest() != sha256:
                metrics.UPLOADS.labels("hash_mismatch").inc()
                raise hash_mismatch(sha256, hasher.hexdigest())
            # The caller sent every byte: they hold it, even when the server already did.
            created = await run_in_threadpool(blobs.store_verified, temp, sha256, user.name)
        finally:
            temp.unlink(missing_ok=True)
        metrics.UPLOADS.labels("stored" if created else "already_held").inc()
        return Response(status_code=201 if created else 200)

    @app.get(
        f"{API}/blobs/{{sha256}}",
        responses={
            **_errors(400, 404),
            200: {"content": {"application/octet-stream": {}}, "description": "The bytes."},
            206: {"content": {"application/octet-stream": {}}, "description": "A byte range."},
            416: {"description": "Range not satisfiable."},
        },
        tags=["blobs"],
        response_class=FileResponse,
    )
    def get_blob(sha256: Sha256Path, user: User, request: Request) -> Response:
        """Download a blob; supports Range (206). 404 for a blob the caller may not read,
        exactly as for one the server lacks."""
        if not state.blobs.may_read(user, sha256):
            raise no_such_blob(sha256)
        local = state.blobs.storage.local_path(sha256)
        if local is not None:
            return FileResponse(local, media_type="application/octet-stream")
        size = state.blobs.size(sha256)
        if size is None:
            raise no_such_blob(sha256)
        return _stream_blob(state.blobs, sha256, size, request.headers.get("range"))

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            _tus_parameters(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _tus_parameters(schema: dict[str, Any]) -> None:
    """The tus headers are parsed by hand (to answer tus's 412 and our 400 codes rather
    than 422); the schema still states what they must be and when they are required."""
    number = {"type": "string", "pattern": r"^[0-9]{1,18}$"}
    required = {
        ("post", "Tus-Resumable"),
        ("post", "Upload-Length"),
        ("post", "Upload-Metadata"),
        ("patch", "Tus-Resumable"),
        ("patch", "Upload-Offset"),
    }
    shapes = {
        "Tus-Resumable": {"type": "string", "enum": [TUS_VERSION]},
        "Upload-Offset": number,
        "Upload-Length": number,
        "Upload-Checksum": {
            "type": "string",
            "pattern": r"^(sha256|sha1) [A-Za-z0-9+/]+={0,2}$",
        },
        "Upload-Metadata": {"type": "string", "pattern": r"sha256 [A-Za-z0-9+/]+={0,2}"},
    }
    for path, operations in schema.get("paths", {}).items():
        if not path.startswith(f"{API}/blobs"):
            continue
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                name = parameter["name"]
                if name in shapes:
                    parameter["schema"] = shapes[name]
                    parameter["required"] = (method, name) in required


def _plain_loc(loc: Any) -> list[str]:
    """An error's location without the op kind pydantic adds for the tagged union
    (``body.ops.0.place.fields.name`` → ``body.ops.0.fields.name``)."""
    parts = [str(part) for part in loc]
    if len(parts) > 3 and parts[1] == "ops" and parts[3] in models.FIELD_MODELS:
        del parts[3]
    return parts


def check_error(errors: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "error": {
            "code": "bad_hash",
            "message": "The blob hash in the path is not a sha256 (64 lowercase hex characters).",
            "details": {"errors": errors},
        }
    }


def check_tus_version(
    request: Request | None, *, value: str | None = None, required: bool = True
) -> None:
    if request is not None:
        value = request.headers.get("Tus-Resumable")
    if value is None:
        if required:
            raise ApiError(
                400, "missing_header", f"tus requests need 'Tus-Resumable: {TUS_VERSION}'."
            )
        return
    if value != TUS_VERSION:
        raise ApiError(
            412,
            "unsupported_version",
            f"This server speaks tus {TUS_VERSION}: send 'Tus-Resumable: {TUS_VERSION}'.",
            headers={"Tus-Version": TUS_VERSION},
        )


def metadata_sha256(raw: str | None) -> str:
    """The ``sha256`` entry of tus Upload-Metadata (``key base64value,…``)."""
    for pair in (raw or "").split(","):
        key, _, value = pair.strip().partition(" ")
        if key != "sha256":
            continue
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("ascii")
        except (binascii.Error, UnicodeDecodeError):
            decoded = ""
        return check_hash(decoded)
    raise ApiError(
        400,
        "missing_header",
        "Upload-Metadata must hold 'sha256 <base64 of the blob's hex sha256>'.",
    )


def parse_checksum(raw: str | None) -> tuple[str, bytes] | None:
    if raw is None:
        return None
    name, _, value = raw.strip().partition(" ")
    if name not in CHECKSUM_ALGORITHMS:
        raise ApiError(
            400,
            "bad_header",
            f"Upload-Checksum algorithm {name[:20]!r} is not supported "
            f"(use {' or '.join(CHECKSUM_ALGORITHMS)}).",
        )
    try:
        digest = base64.b64decode(value.strip(), validate=True)
    except binascii.Error:
        digest = b""
    if len(digest) != CHECKSUM_ALGORITHMS[name]().digest_size:
        raise ApiError(400, "bad_header", "Upload-Checksum is not '<algorithm> <base64 digest>'.")
    return name, digest


def check_sizes(ops: list[dict[str, Any]], limits: Limits) -> None:
    """413 for the whole batch if any op carries a field or a record over the limits."""
    for op in ops:
        for part in ("fields", "base"):
            values = op[part]
            try:
                encoded = len(orjson.dumps(values))
            except TypeError:  # a lone surrogate, a huge number: the careful way below
                encoded = limits.record_bytes + 1
            # Every character takes at least one byte of JSON, and spaces after ',' and
            # ':' at most double it: a part this small is under both limits (no walk
            # through every value of every op: bench sync, up).
            if encoded <= limits.field_chars and 2 * encoded <= limits.record_bytes:
                continue
            for name, value in values.items():
                size = _chars(value)
                if size > limits.field_chars:
                    raise too_large(
                        f"Field {name!r} of operation {op['op_id']} ({size} characters)",
                        limits.field_chars,
                        "characters",
                        op_ids=[op["op_id"]],
                        field=name,
                    )
            if _json_bytes_bound(values) <= limits.record_bytes:
                continue  # surely under the limit: no need to encode it to know
            record = len(json.dumps(values, ensure_ascii=False).encode("utf-8"))
            if record > limits.record_bytes:
                raise too_large(
                    f"The {part} of operation {op['op_id']} ({record} bytes of JSON)",
                    limits.record_bytes,
                    "bytes",
                    op_ids=[op["op_id"]],
                    field=part,
                )


def _json_bytes_bound(values: dict[str, Any]) -> int:
    """An upper bound of ``values``' JSON size in UTF-8 bytes, without encoding it: a
    character takes at most 6 bytes (``\\u001f``), a float or literal at most 32, and
    punctuation 8 per key and per list item. Encoding every op's fields twice was a
    tenth of a first push's server time (bench sync, up)."""
    total = 2
    for name, value in values.items():
        total += 6 * len(name) + 8 + _value_bound(value)
    return total


def _value_bound(value: Any) -> int:
    if isinstance(value, str):
        return 6 * len(value) + 2
    if isinstance(value, list):
        return 2 + sum(_value_bound(v) + 8 for v in value)
    if isinstance(value, dict):
        return _json_bytes_bound(value)
    if isinstance(value, int) and abs(value) > 2**63:
        return len(str(value)) + 1
    return 32  # other numbers (a float's repr is at most 24 characters), booleans, null


def _chars(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        return sum(_chars(v) for v in value)
    return 0


_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def _stream_blob(blobs: BlobStore, sha256: str, size: int, range_header: str | None) -> Response:
    """A blob from object storage, whole or one byte range (as FileResponse serves files)."""
    headers = {"Accept-Ranges": "bytes"}
    match = _RANGE.fullmatch(range_header.strip()) if range_header else None
    if match is None or not any(match.groups()):
        headers["Content-Length"] = str(size)
        if size == 0:
            return Response(b"", media_type="application/octet-stream", headers=headers)
        return StreamingResponse(
            iterate_in_threadpool(blobs.storage.read(sha256, 0, size - 1)),
            media_type="application/octet-stream",
            headers=headers,
        )
    first, last = match.groups()
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    else:  # the last N bytes
        start, end = max(0, size - int(last)), size - 1
    if start >= size or end < start:
        return Response(status_code=416, headers={"Content-Range": f"bytes */{size}", **headers})
    headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    headers["Content-Length"] = str(end - start + 1)
    return StreamingResponse(
        iterate_in_threadpool(blobs.storage.read(sha256, start, end)),
        status_code=206,
        media_type="application/octet-stream",
        headers=headers,
    )


def disk_full_error() -> ApiError:
    return ApiError(
        507,
        "disk_full",
        "The server's disk is full; nothing of this request was kept. Try again later "
        "(the administrator has been told).",
    )


def disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) is a full disk or quota: the system's ENOSPC or
    EDQUOT, SQLite's SQLITE_FULL, PostgreSQL's disk_full (SQLSTATE 53100)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if getattr(current, "sqlite_errorname", None) == "SQLITE_FULL":
            return True
        if getattr(current, "sqlstate", None) == "53100":
            return True
        current = current.__cause__ or current.__context__
        orig = getattr(current, "orig", None)
        if isinstance(orig, BaseException) and id(orig) not in seen:
            current = orig
    return False


def app_from_env() -> FastAPI:
    """The app of one worker process of ``fieldkit server run --workers N`` (uvicorn imports
    it by name in each process; the command passes its options through the environment)."""
    env = os.environ
    app = create_app(
        FsPath(env["FIELDKIT_SERVER_DATA"]),
        database_url=env.get("FIELDKIT_SERVER_DATABASE_URL") or None,
        settings=Settings.from_env(env),
    )
    # One CPU per worker (``server run --pin-cpus``, the default on Linux): placement.py.
    cpus = placement.from_environment(env)
    if cpus is not None:
        try:
            cpus.keep()
        except OSError as exc:
            # Only speed is at stake: serve unpinned rather than not at all.
            log.warning("worker %d not kept on one CPU: %s", os.getpid(), exc)
        else:
            log.info("worker %d on CPU %d", os.getpid(), cpus.cpu)
    # What the worker has made so far (modules, the app and its routes) lives as long as the
    # process: frozen, it is left out of the cycle collector's full passes, which went over
    # all of it again and again under a first push of 21,800 records (bench sync).
    gc.collect()
    gc.freeze()
    return app


def int_header(request: Request, name: str, *, required: bool) -> int | None:
    raw = request.headers.get(name)
    if raw is None:
        if required:
            raise ApiError(400, "missing_header", f"The {name} header is required.")
        return None
    # Digits only: int() would take "+5", " 5" and "5_0".
    if not _DIGITS.fullmatch(raw) or int(raw) > models.MAX_SEQ:
        raise ApiError(400, "bad_header", f"{name} must be a whole number ≥ 0, not {raw[:40]!r}.")
    return int(raw)


def _offset_response(offset: int, length: int, *, complete: bool) -> Response:
    return Response(
        status_code=204,
        headers={
            "Upload-Offset": str(offset),
            "Upload-Length": str(length),
            "Blob-State": "complete" if complete else "partial",
        },
    )


async def _receive_chunk(
    request: Request,
    blobs: BlobStore,
    upload_id: str,
    offset: int,
    total: int,
    limits: Limits,
    checksum: tuple[str, bytes] | None,
) -> int:
    """Write the request body at ``offset``; returns the new offset.

    A body over the chunk limit or past the declared length is refused and its bytes
    dropped; so is a chunk whose Upload-Checksum doesn't match (460). A body cut off by
    the client keeps the bytes that arrived (the next HEAD reports them), which is what
    makes an interrupted upload resumable mid-chunk — unless it carried a checksum,
    which a partial chunk cannot be checked against, so then it is dropped.
    """
    part = blobs.part_path(upload_id)
    hasher = blobs.running_hash(upload_id, offset)
    chunk_hash = CHECKSUM_ALGORITHMS[checksum[0]]() if checksum else None
    written = 0
    cut_off = False
    full = False

    def drop(error: ApiError | None) -> None:
        f.truncate(offset)
        blobs.forget_hash(upload_id)
        if error is not None:
            raise error

    with part.open("r+b" if part.exists() else "w+b") as f:
        f.truncate(offset)
        f.seek(offset)
        try:
            async for chunk in request.stream():
                if written + len(chunk) > limits.upload_chunk:
                    drop(too_large("The chunk", limits.upload_chunk))
                if offset + written + len(chunk) > total:
                    drop(
                        ApiError(
                            422,
                            "length_mismatch",
                            f"The chunk goes past the declared Upload-Length {total}.",
                        )
                    )
                if full:
                    continue  # read to the end, so that the client hears the 507
                try:
                    f.write(chunk)
                    f.flush()
                except OSError as exc:
                    if not disk_full(exc):
                        raise
                    full = True
                    log.error("disk full while receiving an upload chunk")
                    continue
                if hasher is not None:
                    hasher.update(chunk)
                if chunk_hash is not None:
                    chunk_hash.update(chunk)
                written += len(chunk)
        except ClientDisconnect:
            cut_off = True  # keep what arrived; the offset below records it
        if full:
            # The chunk is dropped whole (the running hash with it): the upload stays at
            # its offset, to be resumed once there is room.
            drop(disk_full_error())
        if checksum is not None and chunk_hash is not None:
            if cut_off:
                drop(None)
                written = 0
            elif chunk_hash.digest() != checksum[1]:
                drop(
                    ApiError(
                        460,
                        "checksum_mismatch",
                        f"The chunk does not match its Upload-Checksum ({checksum[0]}); "
                        "it was dropped, send it again.",
                    )
                )
        f.flush()
    metrics.UPLOAD_BYTES.inc(written)
    new_offset = offset + written
    await run_in_threadpool(blobs.set_offset, upload_id, new_offset, hasher)
    return new_offset
