"""Listening sockets whose connections have Nagle's algorithm off (TCP_NODELAY).

Without it, each response after the first on a kept-alive connection waits ~40 ms for the
client's delayed ACK (fieldkit/server/serving.py says why asyncio leaves it on)."""

from __future__ import annotations

import asyncio
import socket

from fieldkit.server.serving import NoDelayConfig, bind_tcp


def nodelay_of_accepted_connections(sock: socket.socket) -> int:
    """Serve on ``sock`` with asyncio (as uvicorn does) and read TCP_NODELAY of the
    connection it accepts from one loopback client."""

    async def main() -> int:
        seen: list[int] = []

        def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            accepted = writer.get_extra_info("socket")
            seen.append(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connection, sock=sock)
        reader, writer = await asyncio.open_connection("127.0.0.1", sock.getsockname()[1])
        await reader.read()  # the server closes the connection once it has looked
        writer.close()
        server.close()
        await server.wait_closed()
        return seen[0]

    return asyncio.run(main())


def test_the_workers_shared_socket_turns_nagle_off_on_its_connections():
    config = NoDelayConfig("fieldkit.server.app:app_from_env", host="127.0.0.1", port=0)
    sock = config.bind_socket()  # what `fieldkit server run --workers N` shares
    assert sock.proto == socket.IPPROTO_TCP
    assert nodelay_of_accepted_connections(sock) == 1


def test_a_socket_bound_for_a_test_server_turns_nagle_off_on_its_connections():
    sock = bind_tcp("127.0.0.1", 0)  # what the live_server fixture binds
    assert nodelay_of_accepted_connections(sock) == 1


def test_a_worker_freezes_what_it_made_at_start(tmp_path, monkeypatch):
    """A worker's app, routes and modules live as long as it does: frozen, the cycle
    collector's full passes leave them out (gc.freeze)."""
    import gc

    from fieldkit.server.app import app_from_env

    monkeypatch.setenv("FIELDKIT_SERVER_DATA", str(tmp_path / "server"))
    for name in ("FIELDKIT_SERVER_DATABASE_URL", "FIELDKIT_SERVER_CPU_GROUP"):
        monkeypatch.delenv(name, raising=False)
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        app = app_from_env()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    app.state.server.db.dispose()
