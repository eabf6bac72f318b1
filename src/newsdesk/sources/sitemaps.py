"""Sitemaps: ``<urlset>`` (Google News sitemaps included), ``<sitemapindex>``, ``.xml.gz``.

``parse_sitemap`` reads one sitemap document already in memory with lxml's ``iterparse``
(no entities resolved, no network, no huge trees) and stops at ``max_urls``. ``walk_sitemaps``
follows a tree of indexes through a fetch function, bounded three ways, each with a clear
``InputTooLarge`` naming the sitemap and the option to raise:

- ``max_sitemap_urls``: URLs read from one sitemap file (50,000 is the protocol's own limit);
- ``max_sitemap_depth``: levels of nested indexes followed;
- ``max_discovered``: article URLs taken from the whole tree;
- ``max_sitemap_files``: sitemap files fetched for the whole tree.

Gzip is detected by its magic bytes and inflated to at most ``MAX_SITEMAP_BYTES`` (a gzip
bomb stops there). An index that lists itself, or a loop of indexes, is read once.

A sitemap whose XML breaks off (a truncated download, an entity bomb that lxml refuses) keeps
the URLs read before the break and is reported as an ``UnreadableInput`` naming it, so the
run counts it as failed. Listed web URLs that cannot be fetched (``http://256.1.1.1/``) are
one ``FetchError`` per sitemap file, naming the first of them.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from newsdesk.errors import FetchError, InputError, InputTooLarge, NotAPage, UnreadableInput
from newsdesk.sources.urls import resolve_link

__all__ = ["MAX_SITEMAP_BYTES", "SitemapDoc", "SitemapLimits", "parse_sitemap", "walk_sitemaps"]

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the protocol's limit for one uncompressed sitemap

# Given a sitemap URL, return (final URL, body bytes); raise InputError when it fails.
SitemapGetter = Callable[[str], tuple[str, bytes]]


@dataclass(frozen=True, slots=True)
class SitemapLimits:
    max_urls: int = 50_000
    max_depth: int = 3
    max_total: int = 100_000
    max_files: int = 1_000  # sitemap files fetched for one tree


@dataclass(slots=True)
class SitemapDoc:
    kind: Literal["urlset", "index"]
    locs: list[str] = field(default_factory=list)
    capped: bool = False  # True when the document held more than max_urls locations
    broken: str | None = None  # why the XML broke off after the locations read so far


def inflate(content: bytes, source: str) -> bytes:
    """Gunzip ``content`` when it is gzip, never past ``MAX_SITEMAP_BYTES``."""
    if not content.startswith(b"\x1f\x8b"):
        return content
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(content, MAX_SITEMAP_BYTES + 1)
    except zlib.error as exc:
        raise NotAPage(source, f"corrupt gzip sitemap ({exc})") from None
    if len(data) > MAX_SITEMAP_BYTES:
        raise InputTooLarge(
            source, f"sitemap inflates past {MAX_SITEMAP_BYTES:,} bytes", "a gzip bomb?"
        )
    return data


def parse_sitemap(content: bytes, source: str, max_urls: int) -> SitemapDoc:
    """The locations listed by one sitemap document (absolute URLs as written)."""
    data = inflate(content, source)
    parser = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
    )
    doc: SitemapDoc | None = None
    try:
        for event, element in parser:
            name = _local(element.tag)
            if doc is None:
                if name not in ("urlset", "sitemapindex"):
                    raise NotAPage(source, f"not a sitemap: the root element is <{name}>")
                doc = SitemapDoc("urlset" if name == "urlset" else "index")
            elif event == "end" and name == "loc" and _is_entry_loc(element):
                if len(doc.locs) >= max_urls:
                    doc.capped = True
                    break
                doc.locs.append((element.text or "").strip())
            if event == "end" and name in ("url", "sitemap"):
                element.clear(keep_tail=False)
    except etree.XMLSyntaxError as exc:
        if doc is None:
            raise NotAPage(source, f"not a sitemap: unreadable XML ({exc})") from None
        doc.broken = str(exc)  # a sitemap cut short: keep what was read before the break
    if doc is None:
        raise NotAPage(source, "not a sitemap: empty document")
    return doc


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _is_entry_loc(element: etree._Element) -> bool:
    parent = element.getparent()
    return parent is not None and _local(parent.tag) in ("url", "sitemap")


def walk_sitemaps(
    root: str, content: bytes, get: SitemapGetter, limits: SitemapLimits
) -> Iterator[str | InputError]:
    """Article URLs of the sitemap tree at ``root`` (whose body is ``content``), capped."""
    visited = {root}
    found: list[str] = []  # article URLs so far, over the whole tree
    stack: list[tuple[str, bytes | None, int]] = [(root, content, 0)]
    while stack:
        url, body, depth = stack.pop()
        try:
            if body is None:
                url, body = get(url)
            doc = parse_sitemap(body, url, limits.max_urls)
        except InputError as exc:
            yield exc
            continue
        if doc.capped:
            yield _cap(
                url, f"more than {limits.max_urls:,} URLs in one sitemap", "max_sitemap_urls"
            )
        if doc.kind == "index":
            yield from _push_children(url, doc, depth, visited, stack, limits)
        elif not (yield from _articles(url, doc, found, limits.max_total)):
            yield _cap(root, f"more than {limits.max_total:,} URLs in the tree", "max_discovered")
            return
        if doc.broken is not None:
            reason = (
                f"sitemap cut short after {len(doc.locs):,} URLs: unreadable XML ({doc.broken})"
            )
            yield UnreadableInput(url, reason, "the URLs read before the break are kept")


def _articles(
    url: str, doc: SitemapDoc, found: list[str], max_total: int
) -> Generator[str | InputError, None, bool]:
    """Yield the checked article URLs of one urlset; return False when ``max_total`` is hit."""
    checked, refused = _resolve(url, doc.locs)
    yield from refused
    for loc in checked:
        if len(found) >= max_total:
            return False
        found.append(loc)
        yield loc
    return True


def _push_children(
    url: str,
    doc: SitemapDoc,
    depth: int,
    visited: set[str],
    stack: list[tuple[str, bytes | None, int]],
    limits: SitemapLimits,
) -> Iterator[InputError]:
    if depth >= limits.max_depth:
        reason = f"sitemap indexes nested deeper than {limits.max_depth}"
        yield _cap(url, reason, "max_sitemap_depth")
        return
    checked, refused = _resolve(url, doc.locs)
    yield from refused
    children = [child for child in checked if child not in visited]
    room = max(0, limits.max_files - len(visited))
    if len(children) > room:
        reason = f"more than {limits.max_files:,} sitemap files in the tree"
        yield _cap(url, reason, "max_sitemap_files")
        children = children[:room]
    visited.update(children)
    stack.extend((child, None, depth + 1) for child in reversed(children))


def _resolve(base: str, locs: list[str]) -> tuple[list[str], list[FetchError]]:
    """The checked web URLs among ``locs``, and one error naming those that are unusable."""
    checked: list[str] = []
    bad: list[FetchError] = []
    for loc in locs:
        url = resolve_link(base, loc)
        if isinstance(url, FetchError):
            bad.append(url)
        elif url is not None:
            checked.append(url)
    if not bad:
        return checked, []
    first = bad[0]
    reason = f"{len(bad):,} listed URLs cannot be fetched, the first {first.source}: {first.reason}"
    return checked, [FetchError(base, reason, "the sitemap lists malformed URLs")]


def _cap(source: str, reason: str, option: str) -> InputTooLarge:
    return InputTooLarge(source, f"{reason}; stopped there", f"raise FetchOptions.{option}")
