"""JSON Lines of pages: one object per line, ``{"url": ..., "html": ...}``.

Each line gives one ``Page`` with ``source="file.jsonl:LINE"`` (1-based), ``url`` from the
object and ``content`` the UTF-8 bytes of ``html`` (or of ``text``, then ``kind="text"``).
Optional ``headers`` (an object of strings) are kept with lower-case names. Blank lines are
skipped; a line that is not JSON, not an object, or has no ``html``/``text`` string is an
``InputError`` naming the file and line, and reading goes on. ``.jsonl.gz`` is read through
gzip, line by line, and a line longer than the page limit is refused without being held.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from typing import Any, Literal

from newsdesk.errors import InputError, InputTooLarge, NotAPage, UnreadableInput
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources.files import open_regular

__all__ = ["is_jsonl_path", "iter_jsonl_pages"]

_CHUNK = 1 << 20
_Lines = gzip.GzipFile | io.BufferedReader


def is_jsonl_path(spec: str) -> bool:
    return spec.lower().endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))


def iter_jsonl_pages(path: str, settings: Settings) -> Iterator[Page | InputError]:
    """One ``Page`` per line of ``path``, or an ``InputError`` naming the bad line."""
    limit = 2 * settings.max_page_bytes + 4096  # JSON escapes can double a page
    try:
        raw = open_regular(path)  # a FIFO or device is refused, never waited on
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        yield UnreadableInput(path, f"cannot open: {getattr(exc, 'strerror', None) or exc}")
        return
    handle: _Lines = gzip.GzipFile(fileobj=raw, mode="rb") if path.lower().endswith(".gz") else raw
    with raw, handle:
        number = 0
        try:
            while True:
                line = handle.readline(limit + 1)
                if not line:
                    return
                number += 1
                if len(line) > limit:
                    _skip_rest_of_line(handle)
                    yield InputTooLarge(f"{path}:{number}", "line is over the page limit")
                elif line.strip():
                    yield _page(line, f"{path}:{number}", settings)
        except (OSError, EOFError, zlib.error) as exc:
            yield UnreadableInput(f"{path}:{number + 1}", f"corrupt or truncated file ({exc})")


def _skip_rest_of_line(handle: _Lines) -> None:
    while True:
        chunk = handle.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _object(line: bytes, source: str) -> dict[str, Any] | InputError:
    """The JSON object on ``line``, or a ``NotAPage`` saying why there is none."""
    expected = 'expected {"url": ..., "html": ...}'
    try:
        data: Any = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return NotAPage(source, f"not a JSON object ({exc})", expected)
    except RecursionError:
        return NotAPage(source, "JSON nested too deeply", expected)
    if not isinstance(data, dict):
        return NotAPage(source, f"a JSON {type(data).__name__}, not an object", expected)
    return data


def _page(line: bytes, source: str, settings: Settings) -> Page | InputError:
    data = _object(line, source)
    if isinstance(data, InputError):
        return data
    kind: Literal["html", "text"] = "html"
    body = data.get("html")
    if not isinstance(body, str) and isinstance(data.get("text"), str):
        kind, body = "text", data["text"]
    if not isinstance(body, str):
        return NotAPage(source, 'no "html" (or "text") string on this line')
    url = data.get("url")
    if url is not None and not isinstance(url, str):
        return NotAPage(source, '"url" is not a string')
    content = body.encode("utf-8", errors="replace")
    if len(content) > settings.max_page_bytes:
        return InputTooLarge(source, "page is over the limit", "raise NEWSDESK_MAX_PAGE_BYTES")
    raw_headers = data.get("headers")
    headers = (
        {str(k).lower(): str(v) for k, v in raw_headers.items()}
        if isinstance(raw_headers, dict)
        else {}
    )
    return Page(source=source, content=content, url=url, headers=headers, kind=kind)
