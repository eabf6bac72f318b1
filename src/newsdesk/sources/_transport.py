"""Everything built on httpcore and httpx: the connection classes of the guarded fetch.

Imported on the first fetch only (``http.py`` imports it), so reading files never loads the
HTTP client. ``guarded_transport`` gives the fetcher an httpx transport whose network backend
resolves a host, checks every address with ``urls.resolve_public``, then connects to a checked
one (``Refused`` when one is not public), every wait capped by the request's ``Deadline``
(``DeadlineStream``; ``DeadlinePassed`` when none is left).
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from newsdesk.sources._deadline import Deadline
from newsdesk.sources.urls import IPAddress, UnsafeAddress, resolve_public

__all__ = ["DeadlinePassed", "DeadlineStream", "Refused", "guarded_transport"]


class DeadlinePassed(httpcore.ReadTimeout):
    """Raised before a network wait when the request's deadline is already past."""


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


def _resolve_within(
    timeout: float | None, host: str, port: int, allow_private: bool
) -> list[IPAddress]:
    """``resolve_public`` in a helper thread, given up after ``timeout`` seconds: the system
    resolver has no timeout of its own that we control (the thread ends when it answers)."""
    if timeout is None:
        return resolve_public(host, port, allow_private)
    answer: list[list[IPAddress] | UnsafeAddress] = []

    def resolve() -> None:
        try:
            answer.append(resolve_public(host, port, allow_private))
        except UnsafeAddress as exc:
            answer.append(exc)

    worker = threading.Thread(target=resolve, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(timeout)
    if not answer:
        raise httpcore.ConnectTimeout(f"resolving {host!r} took over {timeout:.1f} s")
    if isinstance(answer[0], UnsafeAddress):
        raise answer[0]
    return answer[0]


class Refused(httpcore.ConnectError):
    """Raised inside httpx when ``resolve_public`` refuses a host (seen as its cause)."""


class _GuardedBackend(httpcore.SyncBackend):
    """Resolve, check every address, then connect to the checked one, within the deadline."""

    def __init__(self, allow_private: bool, deadline: Deadline) -> None:
        self._allow_private = allow_private
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = _resolve_within(
                self._deadline.cap(timeout), host, port, self._allow_private
            )
        except UnsafeAddress as exc:
            raise Refused(str(exc)) from None
        failure: Exception | None = None
        for address in addresses:  # every one was checked; use the first that answers
            try:
                stream = super().connect_tcp(
                    str(address), port, self._deadline.cap(timeout), local_address, socket_options
                )
                return DeadlineStream(stream, self._deadline)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"no address for {host!r}")


def guarded_transport(allow_private: bool, deadline: Deadline | None = None) -> httpx.HTTPTransport:
    """The fetcher's transport: addresses checked at connect time, waits capped by ``deadline``."""
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx has no public hook for the network backend; swap the pool it built for ours.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=100,
        max_keepalive_connections=20,
        keepalive_expiry=5.0,
        network_backend=_GuardedBackend(allow_private, deadline or Deadline()),
    )
    return transport
