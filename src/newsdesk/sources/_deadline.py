"""One deadline over every network wait of a request: connect, TLS, headers, body.

httpx's timeouts bound each socket operation, not the request: a server that sends its
headers one byte a second never trips a 30 s read timeout. ``Deadline`` holds, per thread,
the moment the current request must be over; ``DeadlineStream`` wraps each connection so that
every read, write and TLS handshake waits at most what is left of it (and fails at once when
nothing is left). The fetcher opens the window around each request (``Deadline.running``);
connections made outside a window (none in newsdesk) keep the plain httpx timeouts.
``DeadlineStream`` and ``DeadlinePassed`` are built on httpcore, so they live in
``_transport.py`` (loaded on the first fetch) and are reachable here by name.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.sources._transport import DeadlinePassed, DeadlineStream

__all__ = ["Deadline", "DeadlinePassed", "DeadlineStream"]


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
            from newsdesk.sources._transport import DeadlinePassed

            raise DeadlinePassed("the request's deadline has passed")
        return left if timeout is None else min(timeout, left)


def __getattr__(name: str) -> Any:
    """``DeadlinePassed`` and ``DeadlineStream`` load from ``_transport.py`` on first use."""
    if name in ("DeadlinePassed", "DeadlineStream"):
        from newsdesk.sources import _transport

        return getattr(_transport, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
