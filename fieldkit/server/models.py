"""Request and response bodies of the API (they make the OpenAPI schema)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
)
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from fieldkit.store import schema

Role = Literal["admin", "coordinator", "agent"]
KindName = Literal["place", "visit", "interview", "photo"]
OpName = Literal["create", "update", "delete", "restore"]
OpStatus = Literal["applied", "merged", "conflict", "duplicate", "rejected"]
# Rust regex (pydantic's): "$" is the end of the text, no trailing newline passes.
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", min_length=64, max_length=64)]
# Versions are 32-bit columns, sequence numbers 64-bit: larger numbers are 422, not 500.
MAX_VERSION = 2**31 - 1
MAX_SEQ = 2**63 - 1
# The longest password a login takes, and `fieldkit server add-user` (auth.check_password).
MAX_PASSWORD = 1000


def _storable(value: Any) -> Any:
    """Text a database can store: no NUL (PostgreSQL refuses it), valid Unicode. Runs
    before the type's own validation (whose message for a lone surrogate says less);
    what is not text is left to the type."""
    if not isinstance(value, str):
        return value
    if "\x00" in value:
        raise ValueError("the NUL character (\\u0000) is not allowed in text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("not valid Unicode (a lone surrogate such as \\ud800)") from None
    return value


#: The one checked type of every string a request carries — body fields, path and query
#: parameters, headers: NUL and lone surrogates are 422 with a clear message, never a
#: database error (tests/server/test_bad_input.py walks every route to hold it).
TEXT_CHECK = BeforeValidator(_storable)
SafeStr = Annotated[StrictStr, TEXT_CHECK]


def _number_not_text(value: Any) -> Any:
    # JSON Schema's "integer" takes 3 and 3.0, never true or "3" (pydantic's lax int would).
    if isinstance(value, bool | str):
        raise ValueError("must be a whole number")
    return value


WholeNumber = Annotated[int, BeforeValidator(_number_not_text)]
# Identifiers and names: any text without NUL (the pattern says so in the schema too).
NO_NUL = r"^[^\x00]+$"
# The pattern is the schema's word for it; the check itself, with its clear message, is
# TEXT_CHECK.
Identifier = Annotated[
    StrictStr,
    Field(min_length=1, max_length=100, json_schema_extra={"pattern": NO_NUL}),
    TEXT_CHECK,
]


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable code, e.g. invalid_token, forbidden, too_large.")
    message: str = Field(description="English explanation for logs and the CLI.")
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorBody(BaseModel):
    error: ErrorDetail


class LoginRequest(BaseModel):
    username: Identifier
    password: Annotated[
        StrictStr,
        Field(min_length=1, max_length=MAX_PASSWORD, json_schema_extra={"pattern": NO_NUL}),
        TEXT_CHECK,
    ]
    device_name: Annotated[
        StrictStr,
        Field(min_length=1, max_length=100, pattern=r"^[^\x00]*[^\x00\s][^\x00]*$"),
        TEXT_CHECK,
    ]


class UserInfo(BaseModel):
    name: str
    role: Role
    regions: list[str] = Field(description="INSEE region codes; empty = all (admin/coordinator).")


class LoginResponse(BaseModel):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'. Shown once.")
    user: UserInfo


class DeviceInfo(BaseModel):
    id: int = Field(description="The login's id (DELETE /auth/devices/{id} revokes it).")
    device_name: str
    created_at: str
    last_used_at: str = Field(description="Within a minute.")
    expires_at: str = Field(description="When it expires unless used again before.")
    current: bool = Field(description="The login of this request.")


class DeviceList(BaseModel):
    devices: list[DeviceInfo]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    server_time: str


class ServerInfo(BaseModel):
    version: str = Field(description="The server's FieldKit version.")
    mission_name: str | None = Field(description="The mission this server serves.")
    recommended_client_version: str | None = Field(
        description="The app version the coordinator recommends (e.g. 0.2.0)."
    )
    update_url: str | None = Field(description="Where to get that version.")
    mission_key: str = Field(
        description="SHA-256 (hex) of the Ed25519 public key that signs this server's "
        "mission files."
    )


def _field_type(kind: schema.Kind, name: str) -> Any:
    """The JSON type a field takes on the wire (strict: no coercion, no Python repr)."""
    if name in kind.json_fields:
        return list[SafeStr]
    if name in kind.bool_fields:
        return StrictBool
    if name in schema.FLOAT_FIELDS:
        return StrictInt | StrictFloat | None
    if name in schema.INT_FIELDS:
        return StrictInt | None
    return SafeStr | None  # text, dates, ids; null counts as empty


# The push body is validated into plain dicts (TypedDicts), not model instances: building
# and dumping 500 ops' models per page cost three times the validation itself (bench sync,
# up). The names are those the OpenAPI schema shows.
_TypedDict: Any = TypedDict  # built from the schema at import; mypy can't follow that


def _fields_type(kind: schema.Kind) -> Any:
    # extra="allow": an unknown field name is the op's own rejection (unknown_field),
    # not a refusal of the whole batch; delete/restore send {"deleted": …}.
    spec = {name: NotRequired[_field_type(kind, name)] for name in kind.fields}
    fields = _TypedDict(f"{kind.name.capitalize()}Fields", spec, total=False)
    fields.__pydantic_config__ = ConfigDict(extra="allow")
    return fields


FIELD_MODELS: dict[str, Any] = {name: _fields_type(kind) for name, kind in schema.KINDS.items()}


def _op_type(kind: schema.Kind) -> Any:
    fields = FIELD_MODELS[kind.name]
    spec = {
        "op_id": Identifier,
        "record_id": Identifier,
        "op": OpName,
        "base_version": Annotated[
            int, Field(ge=0, le=MAX_VERSION), BeforeValidator(_number_not_text)
        ],
        "kind": Literal[kind.name],
        "fields": NotRequired[fields],
        "base": NotRequired[fields],
    }
    return _TypedDict(f"{kind.name.capitalize()}Op", spec)


# One op type per kind, told apart by "kind": each kind's fields have their own types.
OP_MODELS = tuple(_op_type(kind) for kind in schema.KINDS.values())
Op: Any = Annotated[Union[OP_MODELS], Field(discriminator="kind")]  # noqa: UP007


# The push body; ops come out as dicts with only the fields the client sent.
class PushRequest(TypedDict):
    ops: Annotated[list[Op], Field(description="Outbox entries in order; at most 1000 (else 413).")]
    server_id: NotRequired[
        Annotated[
            SafeStr | None,
            Field(
                max_length=64,
                description="The server id the client last synced with; another → 409 "
                "server_changed.",
            ),
        ]
    ]
    cursor: NotRequired[
        Annotated[
            int | None,
            Field(
                ge=0,
                description="The client's pull cursor; past the server's head → 409 "
                "server_changed.",
            ),
        ]
    ]
    lean: NotRequired[
        Annotated[
            bool,
            Field(
                description="true: an applied create stored exactly as sent comes back "
                "without its record's `fields` (the client has them)."
            ),
        ]
    ]


class Record(BaseModel):
    kind: KindName
    id: str
    version: int
    seq: int
    deleted: bool
    region: str
    fields: dict[str, Any] = Field(
        default_factory=dict,
        description="Every field of the kind. Absent only from a lean push answer's "
        "applied create stored exactly as sent.",
    )
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
    server_id: str = Field(description="Changes when the server's store is restored.")


class ErasedId(BaseModel):
    kind: KindName
    id: str
    seq: int
    erased_at: str


class PullTable(BaseModel):
    kind: KindName
    columns: list[str] = Field(
        description="id, version, seq, deleted, region, created_at, updated_at, created_by, "
        "updated_by, then every field of the kind."
    )
    rows: list[list[Any]] = Field(description="One per record, values in `columns` order.")


class PullResponse(BaseModel):
    records: list[Record] = Field(description="Empty when `shape=tables` was asked for.")
    tables: list[PullTable] = Field(
        default_factory=list,
        description="With `shape=tables`: the page's records, each run of consecutive "
        "records of one kind one table, in seq order.",
    )
    conflicts: list[Conflict]
    next: int
    more: bool
    erased: list[ErasedId] = Field(
        default_factory=list,
        description="Ids erased in this page's range of the sequence: purge them (privacy).",
    )
    server_id: str = Field(description="Changes when the server's store is restored.")
    head: int = Field(description="The server's latest seq; a cursor past it means a restore.")


class RecordKey(BaseModel):
    kind: KindName
    id: Identifier


class ReconcileRequest(BaseModel):
    records: list[RecordKey] = Field(description="At most 5000 (else 413).")


class ReconcileVersion(BaseModel):
    kind: KindName
    id: str
    version: int | None = Field(description="Current version; null: absent (or not yours).")
    restored_version: int | None = Field(description="The version the restored backup held.")
    restored_deleted: bool | None


class ReconcileResponse(BaseModel):
    server_id: str
    head: int
    records: list[ReconcileVersion]


class JournalEntry(BaseModel):
    version: int
    op: str
    changed_by: str
    device: str
    changed_at: str
    deleted: bool
    changes: dict[str, dict[str, Any]] = Field(description="field → {from, to}.")


class JournalConflict(Conflict):
    outcome: dict[str, Literal["mine", "theirs", "edited"]] | None = Field(
        description="Per field, whose value the record held once resolved; null while open."
    )


class Journal(BaseModel):
    kind: KindName
    id: str
    version: int
    entries: list[JournalEntry]
    conflicts: list[JournalConflict]


class ConflictList(BaseModel):
    conflicts: list[Conflict]


class MissingRequest(BaseModel):
    hashes: list[Sha256] = Field(description="sha256 hex digests; at most 5000 (else 413).")


class MissingResponse(BaseModel):
    missing: list[Sha256]


class EraseItem(BaseModel):
    kind: KindName
    id: Identifier


class EraseRequest(BaseModel):
    erasures: list[EraseItem] = Field(
        description="Records to erase with everything under them; at most 1000."
    )


class EraseResult(BaseModel):
    kind: KindName
    id: str
    status: Literal["erased", "refused", "not_found"]
    code: Literal["erased", "coordinator_required", "not_found"] = Field(
        description="erased; coordinator_required (an agent asked to erase a record on the "
        "server: only a coordinator or an admin may); not_found (no such record of this "
        "kind the caller may see: nothing was deleted)."
    )
    message: str
    records: int = Field(description="Records removed on the server (0 if it had none).")


class EraseResponse(BaseModel):
    results: list[EraseResult]


class ErasuresResponse(BaseModel):
    erasures: list[ErasedId]
    next: int
    more: bool
