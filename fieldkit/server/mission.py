"""The server's mission settings, its signing key, and the mission files it issues.

- ``mission.json`` in the server's data directory: the mission's name, the client version
  the coordinator recommends and where to get it (``fieldkit server config``). Read on
  each ``GET /api/v1/info`` (no state in process memory: every worker sees a change).
- ``mission-signing-key.pem`` (mode 0600): an Ed25519 key made on first use. Mission files
  are signed with it; its public half travels in the file and is announced by
  ``GET /api/v1/info``, so the app can tell an edited file (bad signature) and a file from
  another server (another key) from a good one. See docs/server.md, "Mission files".
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import ssl
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldkit.errors import FieldKitError
from fieldkit.store.store import iso, utc_now
from fieldkit.updates import parse_version

CONFIG_FILE = "mission.json"
KEY_FILE = "mission-signing-key.pem"
FORMAT = "fieldkit-mission"
FORMAT_VERSION = 1
SETTINGS = ("mission_name", "recommended_client_version", "update_url")


class MissionConfigError(FieldKitError):
    code = "mission_config"


def canonical(payload: dict[str, Any]) -> bytes:
    """The bytes a signature covers: sorted keys, no spaces, UTF-8."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def key_id(public_raw: bytes) -> str:
    """A short name of a public key (what /info announces): sha256 of its 32 bytes, hex."""
    return hashlib.sha256(public_raw).hexdigest()


# -- settings -------------------------------------------------------------------------------
def load_config(data_dir: Path) -> dict[str, str]:
    path = Path(data_dir) / CONFIG_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise MissionConfigError(f"Cannot read {path}: {exc}", path=str(path)) from exc
    if not isinstance(data, dict):
        raise MissionConfigError(f"{path} is not a JSON object.", path=str(path))
    return {k: str(v) for k, v in data.items() if k in SETTINGS and v}


def check_version(text: str) -> str:
    if parse_version(text) is None:
        raise MissionConfigError(
            f"{text!r} is not a version number like 0.2.0.", code="bad_version", value=text
        )
    return text


def check_url(text: str, what: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise MissionConfigError(
            f"{what} {text!r} is not an http(s) address.", code="bad_url", value=text
        )
    return text.rstrip("/")


def save_config(data_dir: Path, changes: dict[str, str | None]) -> dict[str, str]:
    """Apply ``changes`` (None or "" removes a setting); returns the settings now."""
    config = load_config(data_dir)
    for key, value in changes.items():
        if key not in SETTINGS:
            raise MissionConfigError(f"Unknown setting {key!r}.", value=key)
        if value is None:
            continue
        if value == "":
            config.pop(key, None)
            continue
        if key == "recommended_client_version":
            value = check_version(value)
        elif key == "update_url":
            value = check_url(value, "The update link")
        config[key] = value
    path = Path(data_dir) / CONFIG_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return config


# -- signing key ----------------------------------------------------------------------------
def signing_key(data_dir: Path) -> Ed25519PrivateKey:
    """The server's mission-signing key, made (0600) on first use."""
    path = Path(data_dir) / KEY_FILE
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
        return key
    if not isinstance(key, Ed25519PrivateKey):
        raise MissionConfigError(f"{path} is not an Ed25519 key.", path=str(path))
    return key


def public_raw(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def server_key_id(data_dir: Path) -> str:
    return key_id(public_raw(signing_key(data_dir)))


# -- /info and mission files ----------------------------------------------------------------
def info(data_dir: Path) -> dict[str, Any]:
    """What ``GET /api/v1/info`` answers: the mission's settings and the signing key's id."""
    config = load_config(data_dir)
    return {
        "mission_name": config.get("mission_name"),
        "recommended_client_version": config.get("recommended_client_version"),
        "update_url": config.get("update_url"),
        "mission_key": server_key_id(data_dir),
    }


def certificate_fingerprint(path: Path) -> str:
    """SHA-256 of a certificate (PEM or DER file), as ``AB:CD:…`` (what browsers show)."""
    data = Path(path).read_bytes()
    try:
        der = ssl.PEM_cert_to_DER_cert(data.decode("ascii")) if b"-----BEGIN" in data else data
    except (ValueError, UnicodeDecodeError) as exc:
        raise MissionConfigError(f"{path} is not a certificate: {exc}", path=str(path)) from exc
    from cryptography import x509

    try:
        x509.load_der_x509_certificate(der)
    except ValueError as exc:
        raise MissionConfigError(f"{path} is not a certificate: {exc}", path=str(path)) from exc
    return ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())


def make_mission_file(
    data_dir: Path,
    url: str,
    *,
    name: str | None = None,
    user: str | None = None,
    tls_cert: Path | None = None,
) -> dict[str, Any]:
    """A signed mission file (as a JSON-ready dict) for the server at ``url``."""
    url = check_url(url, "The server address")
    if tls_cert is not None and urlsplit(url).scheme != "https":
        raise MissionConfigError("--tls-cert needs an https:// address.", code="bad_url")
    config = load_config(data_dir)
    mission_name = name or config.get("mission_name")
    if not mission_name:
        raise MissionConfigError(
            "The mission has no name: give --name, or set it with "
            "`fieldkit server config --mission-name`.",
            code="no_mission_name",
        )
    key = signing_key(data_dir)
    payload: dict[str, Any] = {
        "server_url": url,
        "mission_name": mission_name,
        "tls_fingerprint_sha256": certificate_fingerprint(tls_cert) if tls_cert else None,
        "user": user or None,
        "issued_at": iso(utc_now()),
        "signing_key": base64.b64encode(public_raw(key)).decode("ascii"),
    }
    signature = key.sign(canonical(payload))
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "payload": payload,
        "signature": base64.b64encode(signature).decode("ascii"),
    }
