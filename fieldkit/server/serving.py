"""Listening sockets that answer keep-alive requests without a 40 ms stall.

asyncio turns Nagle's algorithm off (``TCP_NODELAY``) on each accepted connection only when
the listening socket says ``proto == IPPROTO_TCP`` (``asyncio.base_events._set_nodelay``).
A socket made with ``socket.socket(AF_INET)`` says ``proto == 0``: that is what uvicorn's
``Config.bind_socket`` makes for ``--workers N``, and what a test server binding its own
port makes. Then every response after the first on a kept-alive connection (headers and
body are two writes) waits for the client's delayed ACK: ~40 ms per request on Linux, for
pulls, pushes and uploads alike.

With several workers on Linux, each worker also listens on a socket of its own
(``SO_REUSEPORT``, see ``WorkerAddress``) so that connections are spread across them.
"""

from __future__ import annotations

import inspect
import logging
import socket
import sys
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors import Multiprocess

logger = logging.getLogger("uvicorn.error")


def as_tcp(sock: socket.socket) -> socket.socket:
    """The same listening socket, labelled IPPROTO_TCP so that asyncio sets TCP_NODELAY on
    its connections (also once passed to worker processes: the label travels with it)."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto != 0:
        return sock
    return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())


def bind_tcp(
    host: str,
    port: int,
    *,
    reuse_port: bool = False,
    kind: type[socket.socket] = socket.socket,
) -> socket.socket:
    """A TCP socket (of class ``kind``) bound to ``host:port``, not yet listening,
    IPPROTO_TCP from the start; with ``reuse_port``, one of a group sharing the port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = kind(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def spreads_connections() -> bool:
    """Whether the kernel spreads connections across sockets sharing a port (Linux's
    ``SO_REUSEPORT``; on macOS and the BSDs the option exists but does not balance)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _bind_worker_socket(host: str, port: int) -> socket.socket:
    sock = bind_tcp(host, port, reuse_port=True)
    sock.set_inheritable(True)
    return sock


class WorkerAddress(socket.socket):
    """The address the workers listen on, bound by the supervisor; each worker that
    receives it binds a socket of its own to it.

    With one listening socket shared by every worker, the worker whose event loop wakes
    first accepts every connection then waiting (asyncio and uvloop accept in a loop), and
    kept-alive connections stay where they landed: in the load benchmark 37 of 50 clients
    connecting together sat on one of two workers, which ran out of its core (one GIL)
    while the other idled. With a socket per worker (``SO_REUSEPORT``) the kernel spreads
    new connections across them by a hash of the peer's address and port.

    This socket is bound but never listens, so it takes no connection: it reserves the port
    (only sockets of the same user with ``SO_REUSEPORT`` may join it) and, pickled to a worker
    process, becomes a fresh socket bound there. A worker that dies takes its socket with it.
    """

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        host, port = self.getsockname()[:2]
        return (_bind_worker_socket, (host, port))


#: Seconds a worker has to answer its supervisor's health check (``--workers N``). A worker
#: is a spawned interpreter that must import the server before it can answer: uvicorn's 5 s
#: killed it, and the next, and so on, on a busy two-core machine, so it never served.
WORKER_HEALTHCHECK_S = 60


class NoDelayConfig(uvicorn.Config):
    """uvicorn's configuration, whose shared socket (``--workers N``) is IPPROTO_TCP, and
    on Linux one socket per worker (``WorkerAddress``); workers get
    ``WORKER_HEALTHCHECK_S`` to answer a health check."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if "timeout_worker_healthcheck" in inspect.signature(uvicorn.Config).parameters:
            kwargs.setdefault("timeout_worker_healthcheck", WORKER_HEALTHCHECK_S)
        super().__init__(*args, **kwargs)

    def bind_socket(self) -> socket.socket:
        if self.workers <= 1 or self.uds or self.fd is not None or not spreads_connections():
            return as_tcp(super().bind_socket())
        try:
            sock = bind_tcp(self.host, self.port, reuse_port=True, kind=WorkerAddress)
        except OSError as exc:
            logger.error(exc)
            sys.exit(STARTUP_FAILURE)
        scheme = "https" if self.is_ssl else "http"
        host = f"[{self.host}]" if sock.family == socket.AF_INET6 else self.host
        logger.info(
            "Uvicorn running on %s://%s:%d, one socket per worker (Press CTRL+C to quit)",
            scheme,
            host,
            sock.getsockname()[1],
        )
        return sock


def serve(config: NoDelayConfig) -> None:
    """``uvicorn.run`` for an already built configuration: one process, or a supervisor
    with ``config.workers`` processes sharing one listening socket."""
    server = uvicorn.Server(config=config)
    try:
        if config.workers > 1:
            sock = config.bind_socket()
            kwargs: dict[str, Any] = {"sockets": [sock]}
            # Older uvicorn versions want the function each worker runs; newer ones build it.
            if "target" in inspect.signature(Multiprocess).parameters:
                kwargs["target"] = server.run
            Multiprocess(config, **kwargs).run()
        else:
            server.run()
    except KeyboardInterrupt:
        pass
    if config.workers == 1 and not server.started:
        raise SystemExit(3)  # uvicorn's STARTUP_FAILURE (e.g. the port is taken)
