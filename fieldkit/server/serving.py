"""Listening sockets that answer keep-alive requests without a 40 ms stall.

asyncio turns Nagle's algorithm off (``TCP_NODELAY``) on each accepted connection only when
the listening socket says ``proto == IPPROTO_TCP`` (``asyncio.base_events._set_nodelay``).
A socket made with ``socket.socket(AF_INET)`` says ``proto == 0``: that is what uvicorn's
``Config.bind_socket`` makes for ``--workers N``, and what a test server binding its own
port makes. Then every response after the first on a kept-alive connection (headers and
body are two writes) waits for the client's delayed ACK: ~40 ms per request on Linux, for
pulls, pushes and uploads alike.
"""

from __future__ import annotations

import inspect
import socket
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess


def as_tcp(sock: socket.socket) -> socket.socket:
    """The same listening socket, labelled IPPROTO_TCP so that asyncio sets TCP_NODELAY on
    its connections (also once passed to worker processes: the label travels with it)."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto != 0:
        return sock
    return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())


def bind_tcp(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` (not yet listening), IPPROTO_TCP from the start."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


class NoDelayConfig(uvicorn.Config):
    """uvicorn's configuration, whose shared socket (``--workers N``) is IPPROTO_TCP."""

    def bind_socket(self) -> socket.socket:
        return as_tcp(super().bind_socket())


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
