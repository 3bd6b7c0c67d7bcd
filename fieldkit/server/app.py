"""The FastAPI application of the central server (contract: docs/sync-protocol.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path as FsPath
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldkit import __version__
from fieldkit.errors import ValidationError
from fieldkit.server import models
from fieldkit.server.auth import Accounts, Principal
from fieldkit.server.blobs import (
    BlobStorage,
    BlobStore,
    FolderStorage,
    S3Storage,
    check_hash,
    hash_mismatch,
)
from fieldkit.server.config import Limits, Settings
from fieldkit.server.db import Database, default_url
from fieldkit.server.erasure import ErasureService
from fieldkit.server.errors import ApiError, forbidden, not_found, too_large
from fieldkit.server.sync import SyncService
from fieldkit.store.store import iso, utc_now

API = "/api/v1"
log = logging.getLogger("fieldkit.server")
Clock = Callable[[], dt.datetime]

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_attempts",
}

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": models.ErrorBody, "description": description}
    for status, description in (
        (401, "No token, or an unknown or revoked one."),
        (413, "Body over the server's limit."),
        (422, "The body does not match the schema."),
    )
}


def _header(description: str) -> dict[str, Any]:
    return {"description": description, "schema": {"type": "integer", "minimum": 0}}


UPLOAD_HEADERS = {
    "Upload-Offset": _header("Bytes the server holds."),
    "Upload-Length": _header("Total size, when known."),
    "Blob-State": {
        "description": "absent, partial or complete.",
        "schema": {"type": "string", "enum": ["absent", "partial", "complete"]},
    },
}
RAW_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/offset+octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
# Parsed by hand (to answer 400 with our codes) but declared so the schema shows them.
UploadOffsetHeader = Annotated[
    str | None, Header(alias="Upload-Offset", description="Offset of this chunk (required).")
]
UploadLengthHeader = Annotated[
    str | None,
    Header(alias="Upload-Length", description="Total size; required with offset 0."),
]


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    out = dict(ERRORS)
    for status in statuses:
        out[status] = {"model": models.ErrorBody}
    return out


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
        self.accounts = Accounts(self.db, clock, limits)
        self.sync = SyncService(self.db, clock)
        self.blobs = BlobStore(self.db, data_dir, clock, blob_storage(data_dir, self.settings))
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


def blob_storage(data_dir: FsPath, settings: Settings) -> BlobStorage:
    if settings.s3_bucket:
        return S3Storage(
            settings.s3_bucket,
            endpoint_url=settings.s3_endpoint,
            region=settings.s3_region,
            access_key=settings.s3_access_key,
            secret_key=settings.s3_secret_key,
            prefix=settings.s3_prefix,
        )
    return FolderStorage(data_dir / "blobs")


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


def current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or not credentials.credentials:
        raise ApiError(
            401,
            "missing_token",
            "This endpoint needs 'Authorization: Bearer <token>' (log in first).",
            headers={"WWW-Authenticate": "Bearer"},
        )
    state: ServerState = request.app.state.server
    return state.accounts.authenticate(credentials.credentials)


User = Annotated[Principal, Depends(current_user)]


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
    data_dir.mkdir(parents=True, exist_ok=True)
    state = ServerState(data_dir, database_url, clock or utc_now, limits or Limits(), settings)

    app = FastAPI(
        title="FieldKit server",
        version=__version__,
        description="Sync, accounts and photo blobs for FieldKit. See docs/sync-protocol.md.",
    )
    app.state.server = state
    app.add_middleware(BodyLimit, limits=state.limits)

    # -- errors ----------------------------------------------------------------------
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc, ApiError):
            body = exc.body()
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
            {"loc": [str(part) for part in err.get("loc", ())], "msg": str(err.get("msg", ""))}
            for err in exc.errors()
        ]
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
        # Still JSON, and no internals in the body; the traceback goes to the server log.
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
    def health() -> dict[str, Any]:
        """Liveness check; no token needed."""
        return {"status": "ok", "version": __version__, "server_time": iso(state.clock())}

    @app.post(
        f"{API}/auth/login",
        response_model=models.LoginResponse,
        responses=_errors(429),
        tags=["auth"],
    )
    def login(body: models.LoginRequest, request: Request) -> dict[str, Any]:
        """Exchange a user name and password for a per-device token.

        Throttled: 5 attempts per user name (20 per client address) in 5 minutes → 429;
        a successful login gives its attempt back.
        """
        ip = state.client_ip(request)
        return state.accounts.login(body.username, body.password, body.device_name.strip(), ip)

    @app.post(f"{API}/auth/logout", status_code=204, responses=_errors(), tags=["auth"])
    def logout(user: User) -> Response:
        """Revoke the token of this request."""
        state.accounts.revoke(user.token_id)
        return Response(status_code=204)

    @app.get(f"{API}/auth/me", response_model=models.UserInfo, responses=_errors(), tags=["auth"])
    def me(user: User) -> dict[str, Any]:
        return user.info()

    # -- sync ------------------------------------------------------------------------
    @app.post(
        f"{API}/sync/push",
        response_model=models.PushResponse,
        responses=_errors(403),
        tags=["sync"],
    )
    def push(body: models.PushRequest, user: User) -> dict[str, Any]:
        """Apply outbox operations, each in its own transaction; one result per op.

        403 (nothing applied) if any op touches a record outside the user's régions.
        """
        if len(body.ops) > state.limits.push_ops:
            raise too_large("The push batch", state.limits.push_ops, "operations")
        ops = [op.model_dump() for op in body.ops]
        return {"results": state.sync.push(user, ops)}

    @app.get(
        f"{API}/sync/pull", response_model=models.PullResponse, responses=_errors(), tags=["sync"]
    )
    def pull(
        user: User,
        since: Annotated[int, Query(ge=0, description="Cursor: the `next` of the last pull.")] = 0,
        limit: Annotated[int | None, Query(ge=1, description="Page size (max 1000).")] = None,
    ) -> dict[str, Any]:
        """Records changed after `since` in the user's régions, in sequence order."""
        size = min(state.limits.pull_default, state.limits.pull_max) if limit is None else limit
        if size > state.limits.pull_max:
            raise ApiError(
                422,
                "invalid_request",
                f"limit must be at most {state.limits.pull_max}.",
                details={"errors": [{"loc": ["query", "limit"], "msg": "too big"}]},
            )
        return state.sync.pull(user, since, size)

    @app.post(
        f"{API}/sync/erase",
        response_model=models.EraseResponse,
        responses=_errors(413),
        tags=["sync"],
    )
    def erase(body: models.EraseRequest, user: User) -> dict[str, Any]:
        """Erase records permanently with everything under them (docs/privacy.md).

        Coordinators and admins; an agent only for records nobody else has seen. Removes
        current rows, history, conflicts and unused photo files, and adds the ids to the
        deny-list every client reads from `GET /sync/erasures`.
        """
        if len(body.erasures) > state.limits.push_ops:
            raise too_large("The erasure request", state.limits.push_ops, "records")
        return {"results": state.erasure.erase(user, [e.model_dump() for e in body.erasures])}

    @app.get(
        f"{API}/sync/erasures",
        response_model=models.ErasuresResponse,
        responses=_errors(),
        tags=["sync"],
    )
    def erasures(
        user: User,
        since: Annotated[int, Query(ge=0, description="Cursor: the `next` of the last call.")] = 0,
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
        responses=_errors(403, 404),
        tags=["sync"],
    )
    def resolve_conflict(
        conflict_id: Annotated[str, Path(max_length=100, pattern=models.NO_NUL)], user: User
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
        """Which of these blobs the server does not hold complete."""
        if len(body.hashes) > state.limits.missing_hashes:
            raise too_large("The list of hashes", state.limits.missing_hashes, "hashes")
        return {"missing": state.blobs.missing(body.hashes)}

    @app.head(
        f"{API}/blobs/{{sha256}}",
        status_code=200,
        responses={
            **_errors(400),
            200: {"description": "Upload state.", "headers": UPLOAD_HEADERS},
        },
        tags=["blobs"],
        response_class=Response,
    )
    async def upload_offset(sha256: str, user: User) -> Response:
        """Upload-Offset (bytes held), Upload-Length (if known), Blob-State."""
        check_hash(sha256)
        st = await run_in_threadpool(state.blobs.upload_state, sha256)
        headers = {"Upload-Offset": str(st.offset), "Blob-State": st.state}
        if st.length is not None:
            headers["Upload-Length"] = str(st.length)
        if st.state == "complete":
            headers["Content-Length"] = str(st.length)
            headers["Accept-Ranges"] = "bytes"
        return Response(status_code=200, headers=headers)

    @app.patch(
        f"{API}/blobs/{{sha256}}",
        status_code=204,
        responses={
            **_errors(400, 409),
            204: {"description": "Chunk stored.", "headers": UPLOAD_HEADERS},
        },
        tags=["blobs"],
        response_class=Response,
        openapi_extra=RAW_BODY,
    )
    async def upload_chunk(
        sha256: str,
        request: Request,
        user: User,
        _offset: UploadOffsetHeader = None,
        _length: UploadLengthHeader = None,
    ) -> Response:
        """Append a chunk at Upload-Offset (tus semantics); the sha256 is checked at the end."""
        check_hash(sha256)
        offset = _int_header(request, "Upload-Offset", required=True)
        assert offset is not None
        length = _int_header(request, "Upload-Length", required=False)
        if length is not None and length > state.limits.blob_size:
            raise too_large("The blob", state.limits.blob_size)
        declared = _int_header(request, "Content-Length", required=False)
        if declared is not None and declared > state.limits.upload_chunk:
            raise too_large("The chunk", state.limits.upload_chunk)
        blobs = state.blobs
        async with blobs.lock(sha256):
            st = await run_in_threadpool(blobs.upload_state, sha256)
            if st.state == "complete":
                return _offset_response(st.offset, st.offset, complete=True)
            if offset != st.offset:
                raise ApiError(
                    409,
                    "offset_mismatch",
                    f"Upload-Offset {offset} does not match the server's offset {st.offset}; "
                    "ask with HEAD and send from there.",
                    details={"offset": st.offset},
                    headers={"Upload-Offset": str(st.offset)},
                )
            if offset == 0:
                if length is None:
                    raise ApiError(
                        400,
                        "missing_header",
                        "The first chunk (Upload-Offset 0) needs an Upload-Length header.",
                    )
                upload_id: str | None = await run_in_threadpool(
                    blobs.start, sha256, length, user.name
                )
                total = length
            else:
                assert st.length is not None
                if length is not None and length != st.length:
                    raise ApiError(
                        422,
                        "length_mismatch",
                        f"Upload-Length {length} differs from the {st.length} declared when the "
                        "upload started.",
                    )
                total = st.length
                upload_id = st.upload_id
            new_offset = await _receive_chunk(
                request, blobs, sha256, upload_id, offset, total, state.limits
            )
            if new_offset == total:
                await run_in_threadpool(blobs.finish, sha256, upload_id, user.name)
                return _offset_response(new_offset, total, complete=True)
            return _offset_response(new_offset, total, complete=False)

    @app.put(
        f"{API}/blobs/{{sha256}}",
        status_code=201,
        responses={**_errors(400), 200: {"description": "The server already held this blob."}},
        tags=["blobs"],
        response_class=Response,
        openapi_extra=RAW_BODY,
    )
    async def put_blob(sha256: str, request: Request, user: User) -> Response:
        """Upload a whole blob in one body (not resumable)."""
        check_hash(sha256)
        limit = state.limits.blob_size
        declared = _int_header(request, "Content-Length", required=False)
        if declared is not None and declared > limit:
            raise too_large("The blob", limit)
        blobs = state.blobs
        if await run_in_threadpool(blobs.size, sha256) is not None:
            return Response(status_code=200)
        temp = blobs.temp_path()
        hasher = hashlib.sha256()
        size = 0
        try:
            with temp.open("wb") as f:
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > limit:
                        raise too_large("The blob", limit)
                    f.write(chunk)
                    hasher.update(chunk)
            if hasher.hexdigest() != sha256:
                raise hash_mismatch(sha256, hasher.hexdigest())
            created = await run_in_threadpool(blobs.store_verified, temp, sha256, user.name)
        finally:
            temp.unlink(missing_ok=True)
        return Response(status_code=201 if created else 200)

    @app.get(
        f"{API}/blobs/{{sha256}}",
        responses={
            **_errors(400, 403, 404),
            200: {"content": {"application/octet-stream": {}}, "description": "The bytes."},
            206: {"content": {"application/octet-stream": {}}, "description": "A byte range."},
        },
        tags=["blobs"],
        response_class=FileResponse,
    )
    def get_blob(sha256: str, user: User, request: Request) -> Response:
        """Download a blob; supports Range (206)."""
        check_hash(sha256)
        size = state.blobs.size(sha256)
        if size is None:
            raise not_found(f"The server does not hold blob {sha256}.")
        if not state.sync.may_read_blob(user, sha256):
            raise forbidden("No photo in your régions uses this blob.")
        local = state.blobs.storage.local_path(sha256)
        if local is not None:
            return FileResponse(local, media_type="application/octet-stream")
        return _stream_blob(state.blobs, sha256, size, request.headers.get("range"))

    return app


_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def _stream_blob(blobs: BlobStore, sha256: str, size: int, range_header: str | None) -> Response:
    """A blob from object storage, whole or one byte range (what FileResponse does for files)."""
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


def app_from_env() -> FastAPI:
    """The app of one worker process of ``fieldkit server run --workers N`` (uvicorn imports
    it by name in each process; the command passes its options through the environment)."""
    env = os.environ
    return create_app(
        FsPath(env["FIELDKIT_SERVER_DATA"]),
        database_url=env.get("FIELDKIT_SERVER_DATABASE_URL") or None,
        settings=Settings.from_env(env),
    )


def _int_header(request: Request, name: str, *, required: bool) -> int | None:
    raw = request.headers.get(name)
    if raw is None:
        if required:
            raise ApiError(400, "missing_header", f"The {name} header is required.")
        return None
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise ApiError(400, "bad_header", f"{name} must be a whole number ≥ 0, not {raw!r}.")
    return value


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
    sha256: str,
    upload_id: str | None,
    offset: int,
    total: int,
    limits: Limits,
) -> int:
    """Write the request body at ``offset``; returns the new offset.

    A body over the chunk limit or past the declared length is refused and its bytes
    dropped; a body cut off by the client keeps the bytes that arrived (the next HEAD
    reports them), which is what makes an interrupted upload resumable mid-chunk.
    """
    part = blobs.part_path(sha256)
    hasher = blobs.running_hash(sha256, upload_id, offset)
    written = 0
    with part.open("r+b" if part.exists() else "w+b") as f:
        f.truncate(offset)
        f.seek(offset)
        try:
            async for chunk in request.stream():
                if (
                    written + len(chunk) > limits.upload_chunk
                    or offset + written + len(chunk) > total
                ):
                    f.truncate(offset)
                    blobs.forget_hash(sha256, upload_id)
                    if written + len(chunk) > limits.upload_chunk:
                        raise too_large("The chunk", limits.upload_chunk)
                    raise ApiError(
                        422,
                        "length_mismatch",
                        f"The chunk goes past the declared Upload-Length {total}.",
                    )
                f.write(chunk)
                if hasher is not None:
                    hasher.update(chunk)
                written += len(chunk)
        except ClientDisconnect:
            pass  # keep what arrived; the offset below records it
        f.flush()
    new_offset = offset + written
    await run_in_threadpool(blobs.set_offset, sha256, upload_id, new_offset, hasher)
    return new_offset
