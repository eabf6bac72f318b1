"""URL safety and normalisation, checked before anything is fetched.

``check_url`` accepts only absolute ``http``/``https`` URLs with a host, no user info
(``http://user@host``, the classic ``http://trusted.example@evil.example`` trick), no
control characters or spaces, at most ``MAX_URL_LENGTH`` characters, a valid port, and a host
that is a valid IDNA name (Unicode hosts become punycode) or an IP literal; four dotted
numbers must be a real IPv4 address (``256.1.1.1``, ``0177.0.0.1`` and ``1.2.3.04`` are
refused, as httpx refuses them). Whatever it returns, httpx accepts: it returns the
normalised URL (see ``normalize_url``) or raises ``FetchError`` naming the URL and a hint.
``join_url`` resolves a link against its page the same way, so a malformed link found in a
feed, sitemap or redirect is an ``UnusableURL`` too, never a ``ValueError``.

``resolve_public`` resolves a host and refuses it when any address is private, loopback,
link-local, multicast, reserved or otherwise not globally routable, unless ``allow_private``.
``guarded_transport`` calls it at connect time (an httpx transport whose network backend
resolves, checks, then connects to the checked address), so every hop of a redirect chain is
checked and there is no DNS rebinding between check and use. Resolving is bounded by the
connect timeout and the request's deadline (``_deadline.py``) like every other wait. It and
``Refused`` are built on httpcore, so they live in ``_transport.py``, imported on the first
fetch (httpx, httpcore and idna load only when a URL is checked or fetched); both are still
reachable here by name.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

from newsdesk.errors import FetchError

if TYPE_CHECKING:
    from newsdesk.sources._transport import Refused, guarded_transport

__all__ = [
    "MAX_URL_LENGTH",
    "AddressRefused",
    "Refused",
    "UnsafeAddress",
    "UnusableURL",
    "check_url",
    "guarded_transport",
    "host_key",
    "is_http_url",
    "join_url",
    "normalize_url",
    "resolve_link",
    "resolve_public",
]

MAX_URL_LENGTH = 2048
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PRIVATE_HINT = "set FetchOptions.allow_private to fetch from your own network"
_DOTTED_NUMBERS = re.compile(r"^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$")  # httpx's IPv4 shape

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeAddress(ValueError):
    """A host resolved to an address newsdesk will not connect to."""


class UnusableURL(FetchError):
    """A URL that is not fetched at all: malformed, not http(s), credentials, a bad host."""


class AddressRefused(FetchError):
    """A fetch refused because its host is private, loopback, link-local or unresolvable."""


def is_http_url(spec: str) -> bool:
    return spec[:8].lower().startswith(("http://", "https://"))


def check_url(url: str) -> str:
    """Return the normalised form of ``url`` or raise ``FetchError`` saying what is wrong."""
    if len(url) > MAX_URL_LENGTH:
        raise UnusableURL(url[:80] + "...", f"URL is longer than {MAX_URL_LENGTH} characters")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise UnusableURL(url, "URL contains spaces or control characters", "percent-encode them")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnusableURL(url, f"malformed URL ({exc})") from None
    if parts.scheme.lower() not in _DEFAULT_PORTS:
        scheme = parts.scheme or "none"
        raise UnusableURL(url, f"scheme {scheme!r} is not fetched", "only http:// and https://")
    if "@" in parts.netloc:
        raise UnusableURL(
            url, "URL carries user info before '@'", "credentials in URLs are refused"
        )
    if not parts.hostname:
        raise UnusableURL(url, "URL has no host")
    host = _ascii_host(url, parts.hostname)
    checked = _assemble(parts, host, port)
    import httpx  # the HTTP client loads only when a URL is checked

    try:
        httpx.URL(checked)  # the client's own parser: what it refuses is refused here
    except httpx.InvalidURL as exc:
        raise UnusableURL(url, f"not a valid URL for the HTTP client ({exc})") from None
    return checked


def join_url(base: str, link: str) -> str:
    """``link`` resolved against ``base`` and checked (``check_url``); ``FetchError`` if bad."""
    try:
        absolute = urljoin(base, link)
    except ValueError as exc:
        raise UnusableURL(link[:200], f"malformed link ({exc})") from None
    return check_url(absolute)


def resolve_link(base: str, link: str) -> str | FetchError | None:
    """A link found in a feed or sitemap, resolved against ``base``: the checked URL; a
    ``FetchError`` when it is a web link that cannot be fetched (reported, never dropped);
    ``None`` when it is no web link at all (``mailto:``, ``javascript:``, relative, no base)."""
    try:
        absolute = urljoin(base, link)
    except ValueError as exc:
        return UnusableURL(link[:200], f"malformed link ({exc})")
    if not is_http_url(absolute):
        return None
    try:
        return check_url(absolute)
    except FetchError as exc:
        return exc


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, punycode host, no default port, no fragment."""
    parts = urlsplit(url)
    host = _ascii_host(url, parts.hostname or "")
    return _assemble(parts, host, parts.port)


def host_key(url: str) -> str:
    """``scheme://host:port``: the unit of politeness (delay, concurrency, robots.txt)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or _DEFAULT_PORTS.get(scheme, 0)
    return f"{scheme}://{(parts.hostname or '').lower()}:{port}"


def _assemble(parts: SplitResult, host: str, port: int | None) -> str:
    scheme = parts.scheme.lower()
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def _ascii_host(url: str, hostname: str) -> str:
    host = hostname.lower().rstrip(".")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    if _DOTTED_NUMBERS.match(host):
        raise UnusableURL(
            url,
            f"host {hostname!r} is not a valid IPv4 address",
            "four numbers from 0 to 255, written without leading zeros",
        )
    if host.isascii() and not host.startswith("xn--") and "xn--" not in host:
        labels = host.split(".")
        if all(label and len(label) <= 63 and _ldh(label) for label in labels):
            return host
        raise UnusableURL(url, f"host {hostname!r} is not a valid host name")
    import idna  # only for international host names

    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        reason = f"host {hostname!r} is not a valid international name ({exc})"
        raise UnusableURL(url, reason) from None


def _ldh(label: str) -> bool:
    return all(ch.isalnum() or ch in "-_" for ch in label) and not label.startswith("-")


def resolve_public(host: str, port: int, allow_private: bool) -> list[IPAddress]:
    """Addresses of ``host``; ``UnsafeAddress`` if any is not public (unless allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeAddress(f"cannot resolve {host!r} ({exc})") from None
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not allow_private:
        for address in addresses:
            if not _is_public(address):
                raise UnsafeAddress(
                    f"{host!r} resolves to {address}, a private, loopback or reserved "
                    f"address; refused ({_PRIVATE_HINT})"
                )
    return addresses


def _is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return _is_public(mapped)
    return address.is_global and not address.is_multicast


def __getattr__(name: str) -> Any:
    """``Refused`` and ``guarded_transport`` live in ``_transport.py`` (httpx and httpcore
    load with it, on first use); they stay reachable from here."""
    if name in ("Refused", "guarded_transport"):
        from newsdesk.sources import _transport

        return getattr(_transport, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
