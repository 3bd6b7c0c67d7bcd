"""httpx transports the sync client can be given: one that counts bytes on the wire.

Counting happens at the transport, so it sees what really leaves and arrives: the
request line and headers, the body as sent, the status line, response headers and the
body as received (compressed, if the server compressed it).
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx


def _head_size(lines: list[bytes], headers: httpx.Headers) -> int:
    # "Name: value\r\n" per header plus the first line and the blank line closing the block.
    size = sum(len(line) + 2 for line in lines) + 2
    for name, value in headers.raw:
        size += len(name) + 2 + len(value) + 2
    return size


class _CountedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, counter: CountingTransport) -> None:
        self._inner = inner
        self._counter = counter

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._counter.bytes_down += len(chunk)
            yield chunk

    def close(self) -> None:
        self._inner.close()


class _CountedRequestStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, counter: CountingTransport) -> None:
        self._inner = inner
        self._counter = counter

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._counter.bytes_up += len(chunk)
            yield chunk


class CountingTransport(httpx.BaseTransport):
    """Wraps a transport and adds up the bytes each way (headers and bodies)."""

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.bytes_up = 0
        self.bytes_down = 0
        self.requests = 0

    def reset(self) -> None:
        self.bytes_up = self.bytes_down = self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        target = request.url.raw_path
        self.bytes_up += _head_size(
            [request.method.encode() + b" " + target + b" HTTP/1.1"], request.headers
        )
        if isinstance(request.stream, httpx.SyncByteStream):
            request.stream = _CountedRequestStream(request.stream, self)
        response = self.inner.handle_request(request)
        self.bytes_down += _head_size(
            [
                b"HTTP/1.1 "
                + str(response.status_code).encode()
                + b" "
                + response.reason_phrase.encode()
            ],
            response.headers,
        )
        if isinstance(response.stream, httpx.SyncByteStream):
            response.stream = _CountedStream(response.stream, self)
        return response

    def close(self) -> None:
        self.inner.close()
