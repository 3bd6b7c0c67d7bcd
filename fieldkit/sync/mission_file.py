"""Opening a mission file from the coordinator (``fieldkit server mission-file``).

A mission file is JSON: ``{"format": "fieldkit-mission", "format_version": 1, "payload":
{...}, "signature": ...}``. The payload holds the server's address, the mission's name,
the fingerprint of a self-signed server's certificate, optionally the agent's user name,
and the server's Ed25519 public key; the signature (by the server's key) covers the
payload. Opening one:

1. the file is read and its signature checked against the key it carries: an edited file
   (a changed address, name or fingerprint) is refused here, before any network use;
2. the server at the address is asked ``GET /api/v1/info`` (over the pinned certificate
   when there is one) and must announce the same key: a file issued by another server,
   or an address pointing elsewhere, is refused before any password is sent;
3. then the login (password asked by the app or the CLI) and the first sync.

Everything here is headless (the CLI and the app share it); see docs/sync-protocol.md.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from fieldkit import __version__
from fieldkit.store import Store
from fieldkit.sync import client as sync_client
from fieldkit.sync import tls
from fieldkit.sync.blobs import SyncError

FORMAT = "fieldkit-mission"
FORMAT_VERSION = 1
MAX_BYTES = 64 * 1024  # a mission file is a few hundred bytes
MISSION_NAME = "mission_name"  # local setting: the mission this data directory belongs to
SUFFIX = ".fieldkit"


class MissionFileError(SyncError):
    """A mission file that cannot be used; ``code`` says why (not_a_mission_file,
    mission_file_too_new, mission_file_tampered, mission_file_foreign)."""

    code = "mission_file"


@dataclass(frozen=True)
class MissionFile:
    server_url: str
    mission_name: str
    tls_fingerprint: str | None
    user: str | None
    issued_at: str
    signing_key: bytes  # the server's Ed25519 public key, 32 bytes

    @property
    def key_id(self) -> str:
        return hashlib.sha256(self.signing_key).hexdigest()

    def describe(self) -> str:
        lines = [f"Mission: {self.mission_name}", f"Server: {self.server_url}"]
        if self.tls_fingerprint:
            lines.append(f"Certificate (SHA-256): {self.tls_fingerprint}")
        if self.user:
            lines.append(f"User: {self.user}")
        lines.append(f"Issued: {self.issued_at}")
        return "\n".join(lines)


def _not_a_mission(source: str, why: str) -> MissionFileError:
    return MissionFileError(
        f"{source} is not a FieldKit mission file ({why}).",
        code="not_a_mission_file",
        path=source,
    )


def _tampered(source: str) -> MissionFileError:
    return MissionFileError(
        f"{source} was changed after the server issued it (its signature does not match "
        "its contents). Ask the coordinator for a new mission file.",
        code="mission_file_tampered",
        path=source,
    )


def read_mission_file(path: str | Path) -> MissionFile:
    """Read and check a mission file (format and signature; no network)."""
    source = Path(path)
    try:
        if source.stat().st_size > MAX_BYTES:
            raise _not_a_mission(source.name, "far too large")
        data = source.read_bytes()
    except FileNotFoundError as exc:
        raise MissionFileError(
            f"{source} does not exist.", code="missing_file", path=str(source)
        ) from exc
    except OSError as exc:
        raise MissionFileError(
            f"{source} cannot be read: {exc.strerror or exc}.", code="unreadable", path=str(source)
        ) from exc
    return parse_mission_file(data, source.name)


def parse_mission_file(data: bytes, source: str = "This file") -> MissionFile:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _not_a_mission(source, "not JSON") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _not_a_mission(source, "no FieldKit mission header")
    version = doc.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise _not_a_mission(source, "no format version")
    if version > FORMAT_VERSION:
        raise MissionFileError(
            f"{source} was made for a newer FieldKit (mission format {version}); "
            "update FieldKit to open it.",
            code="mission_file_too_new",
            path=source,
        )
    # Loaded here, not at import: the app's start-up should not pay for it.
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    payload = doc.get("payload")
    signature_text = doc.get("signature")
    if not isinstance(payload, dict) or not isinstance(signature_text, str):
        raise _not_a_mission(source, "no signed contents")
    try:
        key_bytes = base64.b64decode(str(payload.get("signing_key", "")), validate=True)
        signature = base64.b64decode(signature_text, validate=True)
        key = Ed25519PublicKey.from_public_bytes(key_bytes)
    except (binascii.Error, ValueError) as exc:
        raise _tampered(source) from exc
    try:
        key.verify(signature, _canonical(payload))
    except InvalidSignature as exc:
        raise _tampered(source) from exc
    url = payload.get("server_url")
    name = payload.get("mission_name")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise _not_a_mission(source, "no server address")
    if not isinstance(name, str) or not name:
        raise _not_a_mission(source, "no mission name")
    fingerprint = payload.get("tls_fingerprint_sha256")
    if fingerprint is not None:
        try:
            fingerprint = tls.normalise_fingerprint(str(fingerprint))
        except ValueError as exc:
            raise _not_a_mission(source, "bad certificate fingerprint") from exc
    user = payload.get("user")
    return MissionFile(
        server_url=url.rstrip("/"),
        mission_name=name,
        tls_fingerprint=fingerprint,
        user=str(user) if user else None,
        issued_at=str(payload.get("issued_at", "")),
        signing_key=key_bytes,
    )


def _canonical(payload: dict[str, Any]) -> bytes:
    # Same bytes as fieldkit.server.mission.canonical (not imported: the client stays
    # free of the server's modules).
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def server_info(
    url: str,
    fingerprint: str | None = None,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = 10.0,
) -> dict[str, Any]:
    """``GET /api/v1/info`` (no login needed), over the pinned certificate if any."""
    url = url.rstrip("/")
    try:
        verify = tls.verify_for(url, fingerprint)
        with httpx.Client(
            transport=transport or httpx.HTTPTransport(verify=verify),
            timeout=timeout,
            headers={"User-Agent": f"fieldkit/{__version__}"},
        ) as http:
            response = http.get(f"{url}/api/v1/info")
    except httpx.HTTPError as exc:
        raise SyncError(
            f"Could not reach the sync server at {url} ({type(exc).__name__}).", code="offline"
        ) from exc
    if response.status_code != 200:
        raise SyncError(
            f"The server at {url} answered HTTP {response.status_code} to /api/v1/info; "
            "is it a FieldKit server (version 0.1.0 or later)?",
            code="not_fieldkit_server",
        )
    try:
        info = response.json()
    except ValueError as exc:
        raise SyncError(
            f"The server at {url} is not a FieldKit server.", code="not_fieldkit_server"
        ) from exc
    if not isinstance(info, dict):
        raise SyncError(
            f"The server at {url} is not a FieldKit server.", code="not_fieldkit_server"
        )
    return info


def check_server(
    mission: MissionFile, *, transport: httpx.BaseTransport | None = None
) -> dict[str, Any]:
    """The server's /info, once it proved to be the server that signed the file."""
    info = server_info(mission.server_url, mission.tls_fingerprint, transport=transport)
    if info.get("mission_key") != mission.key_id:
        raise MissionFileError(
            f"This mission file was not issued by the server at {mission.server_url} "
            "(the server's key differs). Nothing was sent to it. Ask the coordinator for "
            "a mission file from the mission's own server.",
            code="mission_file_foreign",
            url=mission.server_url,
        )
    return info


def open_mission(
    store: Store,
    mission: MissionFile,
    password: str,
    *,
    user: str | None = None,
    device_name: str | None = None,
    transport: httpx.BaseTransport | None = None,
) -> dict[str, Any]:
    """Check the server, log in to it (pinning its certificate) and remember the mission.

    Returns the login's answer (as :func:`fieldkit.sync.login`) plus the server's info.
    """
    name = user or mission.user
    if not name:
        raise MissionFileError(
            "This mission file names no user: give your user name.", code="no_user"
        )
    info = check_server(mission, transport=transport)
    answer = sync_client.login(
        store,
        mission.server_url,
        name,
        password,
        device_name=device_name,
        transport=transport,
        cert_fingerprint=mission.tls_fingerprint,
    )
    store.set_setting(MISSION_NAME, mission.mission_name)
    return {**answer, "info": info}
