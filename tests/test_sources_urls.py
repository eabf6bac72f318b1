"""URL safety: hostile URLs refused with clear reasons, addresses checked, forms normalised."""

from __future__ import annotations

import pytest

from newsdesk.errors import FetchError
from newsdesk.sources.urls import (
    MAX_URL_LENGTH,
    UnsafeAddress,
    check_url,
    host_key,
    normalize_url,
    resolve_public,
)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme 'file' is not fetched"),
        ("javascript:alert(1)", "scheme 'javascript' is not fetched"),
        ("ftp://example.org/x", "scheme 'ftp' is not fetched"),
        ("//example.org/x", "scheme 'none' is not fetched"),
        ("http://user@example.org/", "user info"),
        ("http://trusted.example@evil.example/", "user info"),
        ("http://user:pw@example.org/", "user info"),
        ("http://" + "a" * MAX_URL_LENGTH + ".org/", "longer than"),
        ("http://exa mple.org/", "spaces or control characters"),
        ("http://example.org/\r\nX-Injected: 1", "spaces or control characters"),
        ("http:///path", "no host"),
        ("http://exa..mple.org/", "not a valid host name"),
        ("http://exa<mple.org/", "not a valid host name"),
        ("http://example.org:99999/", "malformed URL"),
        ("http://xn--zz.example/", "not a valid international name"),
    ],
)
def test_hostile_urls_are_refused_with_a_reason(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        check_url(url)


def test_refusal_names_the_url_and_shortens_a_very_long_one() -> None:
    with pytest.raises(FetchError) as caught:
        check_url("http://" + "a" * 5000 + ".org/")
    assert caught.value.source.endswith("...")
    assert len(caught.value.source) < 100


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.ORG:80/a?b=1#frag", "http://example.org/a?b=1"),
        ("https://example.org:443", "https://example.org/"),
        ("https://example.org:8443/x", "https://example.org:8443/x"),
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),
        ("http://[::1]:8080/", "http://[::1]:8080/"),
    ],
)
def test_urls_are_normalised(url: str, expected: str) -> None:
    assert check_url(url) == expected
    assert normalize_url(url) == expected


def test_host_key_is_scheme_host_and_port() -> None:
    assert host_key("https://Example.org/a") == "https://example.org:443"
    assert host_key("http://example.org:8080/a") == "http://example.org:8080"


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1",
             "0.0.0.0", "2130706433", "::ffff:127.0.0.1", "100.64.0.1", "224.0.0.1"],
)  # fmt: skip
def test_private_loopback_and_link_local_addresses_are_refused(host: str) -> None:
    with pytest.raises(UnsafeAddress, match="refused"):
        resolve_public(host, 80, allow_private=False)


def test_the_flag_allows_private_addresses_and_public_ones_pass() -> None:
    assert [str(a) for a in resolve_public("127.0.0.1", 80, allow_private=True)] == ["127.0.0.1"]
    assert [str(a) for a in resolve_public("8.8.8.8", 80, allow_private=False)] == ["8.8.8.8"]


def test_an_unresolvable_host_is_refused() -> None:
    with pytest.raises(UnsafeAddress, match="cannot resolve"):
        resolve_public("no-such-host.invalid", 80, allow_private=False)
