"""Write a small WARC (1.0, one gzip member per record) from local pages.

The demo and the tests use it to build CC-NEWS-shaped archives without the network::

    write_warc(path, [WarcPage(url="https://example.org/a", content=html_bytes)])

Each page becomes one ``response`` record holding an HTTP/1.1 response (status line,
headers, body), preceded by one ``warcinfo`` record, as Common Crawl writes them.
"""

from __future__ import annotations

import gzip
import hashlib
import uuid
from base64 import b32encode
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import BinaryIO

__all__ = ["WarcPage", "write_warc"]


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One page to archive: its URL, body bytes and the HTTP response headers to record."""

    url: str
    content: bytes
    headers: Mapping[str, str] = field(
        default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"}
    )
    status: int = 200
    date: datetime = field(default_factory=lambda: datetime(2024, 1, 1, tzinfo=UTC))


def write_warc(path: str | Path, pages: Iterable[WarcPage], *, compress: bool = True) -> int:
    """Write ``pages`` to ``path`` (gzip per record when ``compress``); return records written."""
    count = 0
    with open(path, "wb") as out:
        _write_record(out, _warcinfo(), compress)
        count += 1
        for page in pages:
            _write_record(out, _response(page), compress)
            count += 1
    return count


def _write_record(out: BinaryIO, record: bytes, compress: bool) -> None:
    out.write(gzip.compress(record, mtime=0) if compress else record)


def _warc_headers(kind: str, date: datetime, block: bytes, extra: dict[str, str]) -> bytes:
    digest = b32encode(hashlib.sha1(block).digest()).decode()
    headers = {
        "WARC-Type": kind,
        "WARC-Date": date.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, digest)}>",
        **extra,
        "WARC-Block-Digest": f"sha1:{digest}",
        "Content-Length": str(len(block)),
    }
    lines = ["WARC/1.0", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _warcinfo() -> bytes:
    block = b"software: newsdesk/0.1\r\nformat: WARC File Format 1.0\r\n"
    date = datetime(2024, 1, 1, tzinfo=UTC)
    extra = {"Content-Type": "application/warc-fields"}
    return _warc_headers("warcinfo", date, block, extra) + block + b"\r\n\r\n"


def _response(page: WarcPage) -> bytes:
    http_headers = {"Date": format_datetime(page.date, usegmt=True), **page.headers}
    http_headers["Content-Length"] = str(len(page.content))
    head = [f"HTTP/1.1 {page.status} {'OK' if page.status == 200 else 'Status'}"]
    head += [f"{k}: {v}" for k, v in http_headers.items()]
    block = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + page.content
    extra = {"WARC-Target-URI": page.url, "Content-Type": "application/http; msgtype=response"}
    return _warc_headers("response", page.date, block, extra) + block + b"\r\n\r\n"
