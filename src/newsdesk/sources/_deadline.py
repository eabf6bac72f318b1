"""One deadline over every network wait of a request: connect, TLS, headers, body.

httpx's timeouts bound each socket operation, not the request: a server that sends its
headers one byte a second never trips a 30 s read timeout. ``Deadline`` holds, per thread,
the moment the current request must be over; ``DeadlineStream`` wraps each connection so that
every read, write and TLS handshake waits at most what is left of it (and fails at once when
nothing is left). The fetcher opens the window around each request (``Deadline.running``);
connections made outside a window (none in newsdesk) keep the plain httpx timeouts.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpcore

__all__ = ["Deadline", "DeadlinePassed", "DeadlineStream"]


class DeadlinePassed(httpcore.ReadTimeout):
    """Raised before a network wait when the request's deadline is already past."""


class Deadline:
    """The end of the request this thread is making, if any (``time.monotonic`` seconds)."""

    def __init__(self) -> None:
        self._local = threading.local()

    @contextmanager
    def running(self, end: float) -> Iterator[None]:
        """Cap every network wait of this thread at ``end`` until the block ends."""
        self._local.end = end
        try:
            yield
        finally:
            self._local.end = None

    def cap(self, timeout: float | None) -> float | None:
        """``timeout`` cut to what is left before the deadline; raise when none is left."""
        end: float | None = getattr(self._local, "end", None)
        if end is None:
            return timeout
        left = end - time.monotonic()
        if left <= 0:
            raise DeadlinePassed("the request's deadline has passed")
        return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every wait is capped by ``deadline``."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.cap(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.cap(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._stream.start_tls(ssl_context, server_hostname, self._deadline.cap(timeout))
        return DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)
