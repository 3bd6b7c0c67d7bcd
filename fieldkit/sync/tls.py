"""Pinning a self-signed server certificate (from a mission file) for httpx.

A server with a self-signed certificate cannot be checked against the system's
authorities; the mission file carries the certificate's SHA-256 fingerprint instead. The
client fetches the certificate the server presents, compares its fingerprint with the
pinned one, and then trusts that certificate alone (an SSL context whose only trust
anchor it is, host name not checked since the fingerprint is stronger). A server that
later presents another certificate fails the TLS handshake: nothing (no password, no
token) is sent to it.
"""

from __future__ import annotations

import hashlib
import ipaddress
import ssl
import threading
from urllib.parse import urlsplit

from fieldkit.sync.blobs import SyncError

_contexts: dict[tuple[str, int, str], ssl.SSLContext] = {}
_lock = threading.Lock()


class CertificateMismatch(SyncError):
    code = "certificate_mismatch"


def normalise_fingerprint(text: str) -> str:
    """``"ab:CD…"`` or ``"abcd…"`` → ``"AB:CD:…"``; ValueError if not 32 hex bytes."""
    digits = text.replace(":", "").replace(" ", "").upper()
    if len(digits) != 64 or any(c not in "0123456789ABCDEF" for c in digits):
        raise ValueError(f"{text!r} is not a SHA-256 fingerprint")
    return ":".join(digits[i : i + 2] for i in range(0, 64, 2))


def fingerprint_of(der: bytes) -> str:
    return ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())


def pinned_context(url: str, fingerprint: str, *, timeout: float = 10.0) -> ssl.SSLContext:
    """An SSL context trusting only the certificate with ``fingerprint`` at ``url``."""
    pin = normalise_fingerprint(fingerprint)
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 443
    with _lock:
        cached = _contexts.get((host, port, pin))
    if cached is not None:
        return cached
    try:
        pem = ssl.get_server_certificate((host, port), timeout=timeout)
    except (OSError, ssl.SSLError) as exc:
        raise SyncError(
            f"Could not reach the sync server at {url} ({type(exc).__name__}: {exc}).",
            code="offline",
        ) from exc
    presented = fingerprint_of(ssl.PEM_cert_to_DER_cert(pem))
    if presented != pin:
        raise CertificateMismatch(
            f"The server at {url} presents a certificate ({presented[:23]}…) other than the "
            f"one in the mission file ({pin[:23]}…). Nothing was sent to it. Ask the "
            "coordinator whether the server's certificate changed.",
            presented=presented,
            expected=pin,
        )
    context = ssl.create_default_context(cadata=pem)
    context.check_hostname = False  # the pinned certificate itself is the proof
    # The pinned certificate is the trust anchor even when it is not a root; and a
    # self-signed certificate made without every X.509 extension is still accepted.
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    context.verify_flags &= ~getattr(ssl, "VERIFY_X509_STRICT", 0)
    with _lock:
        _contexts[(host, port, pin)] = context
    return context


def verify_for(url: str, fingerprint: str | None) -> bool | ssl.SSLContext:
    """What to give httpx as ``verify``: the system's authorities, or the pinned context."""
    if not fingerprint or not url.startswith("https://"):
        return True
    return pinned_context(url, fingerprint)


def plain_http_beyond_loopback(url: str) -> bool:
    """Whether ``url`` is plain HTTP to a host that may be another machine: a password or
    token sent there crosses the network unencrypted. Only ``localhost`` and literal
    loopback addresses (127.0.0.0/8, ::1) count as this machine."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "http":
        return False
    host = (parts.hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True  # a name, or a form this check does not read: it may be anywhere
    mapped = getattr(address, "ipv4_mapped", None)
    return not (address.is_loopback or (mapped is not None and mapped.is_loopback))
