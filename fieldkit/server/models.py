"""Request and response bodies of the API (they make the OpenAPI schema)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

Role = Literal["admin", "coordinator", "agent"]
KindName = Literal["place", "visit", "interview", "photo"]
OpName = Literal["create", "update", "delete", "restore"]
OpStatus = Literal["applied", "merged", "conflict", "duplicate", "rejected"]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
# No NUL characters: PostgreSQL text cannot hold them (it would be a 500, not a 422).
NO_NUL = r"^[^\x00]*$"


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable code, e.g. invalid_token, forbidden, too_large.")
    message: str = Field(description="English explanation for logs and the CLI.")
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorBody(BaseModel):
    error: ErrorDetail


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=100, pattern=NO_NUL)
    password: str = Field(min_length=1, max_length=1000)
    device_name: str = Field(min_length=1, max_length=100, pattern=r"^[^\x00]*[^\s\x00][^\x00]*$")


class UserInfo(BaseModel):
    name: str
    role: Role
    regions: list[str] = Field(description="INSEE region codes; empty = all (admin/coordinator).")


class LoginResponse(BaseModel):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'. Shown once.")
    user: UserInfo


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    server_time: str


class Op(BaseModel):
    op_id: str = Field(min_length=1, max_length=100, pattern=NO_NUL)
    kind: KindName
    record_id: str = Field(min_length=1, max_length=100, pattern=NO_NUL)
    op: OpName
    base_version: int = Field(ge=0)
    fields: dict[str, Any] = Field(default_factory=dict)
    base: dict[str, Any] = Field(default_factory=dict)


class PushRequest(BaseModel):
    ops: list[Op] = Field(description="Outbox entries in order; at most 1000 (else 413).")


class Record(BaseModel):
    kind: KindName
    id: str
    version: int
    seq: int
    deleted: bool
    region: str
    fields: dict[str, Any]
    created_at: str
    updated_at: str
    created_by: str
    updated_by: str


class Conflict(BaseModel):
    id: str
    kind: KindName
    record_id: str
    op_id: str
    user: str
    server_version: int
    seq: int
    fields: list[str]
    mine: dict[str, Any]
    theirs: dict[str, Any]
    base: dict[str, Any]
    created_at: str
    resolved_at: str | None
    resolved_by: str | None


class OpError(BaseModel):
    code: str
    message: str
    status: int = Field(description="HTTP-like status of this op's failure: 403, 404, 409 or 422.")
    field: str | None = None


class OpResult(BaseModel):
    op_id: str
    status: OpStatus
    version: int | None
    record: Record | None
    conflict: Conflict | None = None
    error: OpError | None = None
    replayed: bool = False


class PushResponse(BaseModel):
    results: list[OpResult]


class ErasedId(BaseModel):
    kind: KindName
    id: str
    seq: int
    erased_at: str


class PullResponse(BaseModel):
    records: list[Record]
    conflicts: list[Conflict]
    next: int
    more: bool
    erased: list[ErasedId] = Field(
        default_factory=list,
        description="Ids erased in this page's range of the sequence: purge them (privacy).",
    )


class ConflictList(BaseModel):
    conflicts: list[Conflict]


class MissingRequest(BaseModel):
    hashes: list[Sha256] = Field(description="sha256 hex digests; at most 5000 (else 413).")


class MissingResponse(BaseModel):
    missing: list[str]


class EraseItem(BaseModel):
    kind: KindName
    id: str = Field(min_length=1, max_length=100)


class EraseRequest(BaseModel):
    erasures: list[EraseItem] = Field(
        description="Records to erase with everything under them; at most 1000."
    )


class EraseResult(BaseModel):
    kind: KindName
    id: str
    status: Literal["erased", "refused"]
    message: str
    records: int = Field(description="Records removed on the server (0 if it had none).")


class EraseResponse(BaseModel):
    results: list[EraseResult]


class ErasuresResponse(BaseModel):
    erasures: list[ErasedId]
    next: int
    more: bool
