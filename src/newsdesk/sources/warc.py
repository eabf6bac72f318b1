"""WARC and WARC.gz archives (Common Crawl CC-NEWS layout), read with fastwarc, streaming.

Only ``response`` records become pages: ``url`` is ``WARC-Target-URI``, ``source`` is
``"file.warc.gz#OFFSET"`` (the record's byte offset, so it can be found again), ``headers``
are the recorded HTTP response headers (lower-case names: ``content-type`` gives the charset,
``date`` and ``last-modified`` the server's dates) and ``fetched`` is the ``WARC-Date``.

Give ``file.warc.gz#OFFSET`` (a page's own ``source``) to start reading at that record,
e.g. to resume a run or look at one record again.

A truncated or corrupt record is yielded as an ``InputError`` naming the file and offset, and
reading goes on at the next record that can be found (the next gzip member that starts a WARC
record, or the next ``WARC/1.x`` header in an uncompressed file). A truncated gzip member at
the end of the file gives one error. In an uncompressed file a record cut short is followed
at once by the next record, which its ``Content-Length`` would swallow: so every record must
end where its length says, with the blank line that closes it, or it is reported as truncated
and the record found inside it is read as usual. Records are read one at a time; a record
larger than ``settings.max_page_bytes`` is an ``InputTooLarge`` and is never read into memory.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Generator, Iterator
from datetime import datetime
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsdesk.errors import EmptyInput, InputError, InputTooLarge, UnreadableInput
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources.files import open_regular

__all__ = ["is_warc_path", "iter_warc_pages"]

_GZIP_MAGIC = b"\x1f\x8b\x08"
_OFFSET = re.compile(r"^(.+\.warc(?:\.gz)?)#(\d+)$", re.IGNORECASE)
_SCAN_CHUNK = 1 << 20
_MAX_HEADER = 1 << 16  # longest WARC header block looked for
_RECORD_END = b"\r\n\r\n"
_HINT = "the record is skipped; reading goes on at the next record"


def is_warc_path(spec: str) -> bool:
    return _OFFSET.match(spec) is not None or spec.lower().endswith((".warc", ".warc.gz"))


def iter_warc_pages(spec: str, settings: Settings) -> Iterator[Page | InputError]:
    """Yield a ``Page`` per response record of ``spec``, an ``InputError`` per damaged one.

    ``spec`` is a path, or ``path#OFFSET`` (a page's ``source``) to resume at that record.
    """
    match = _OFFSET.match(spec)
    path, start = (match.group(1), int(match.group(2))) if match else (spec, 0)
    try:
        handle = open_regular(path)  # closed by the with below; a FIFO is refused
        probe = open(path, "rb")  # a second view, to check where records end
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        yield UnreadableInput(path, f"cannot open: {getattr(exc, 'strerror', None) or exc}")
        return
    with handle, probe:
        if not handle.read(1):
            yield EmptyInput(path, "empty file", "expected a WARC archive")
            return
        gzipped = _is_gzipped(handle)
        while start >= 0:
            start = yield from _read_from(handle, None if gzipped else probe, path, start, settings)


def _read_from(
    handle: BinaryIO, probe: BinaryIO | None, path: str, start: int, settings: Settings
) -> Generator[Page | InputError, None, int]:
    """Read records from ``start``; return where to resume after damage, or -1 at the end.

    ``probe`` (uncompressed files only) checks that each record ends where it says."""
    handle.seek(start)
    last = -1
    records = ArchiveIterator(handle, record_types=WarcRecordType.any_type, parse_http=False)
    try:
        for record in records:
            last = record.stream_pos
            if probe is not None and not _ends_cleanly(probe, record):
                reason = "truncated WARC record: another record starts before its end"
                yield UnreadableInput(f"{path}#{last}", reason, _HINT)
                return _next_record_start(handle, last + 1)
            if record.record_type != WarcRecordType.response:
                continue
            item = _page_or_error(record, path, settings)
            yield item
            if probe is not None and isinstance(item, UnreadableInput):
                return _next_record_start(handle, last + 1)  # the next record may be inside
    except OSError as exc:
        damaged = start if last < 0 else _record_end(handle, last)
        reason = f"corrupt or truncated WARC record ({exc})"
        yield UnreadableInput(f"{path}#{damaged}", reason, _HINT)
        return _next_record_start(handle, damaged + 1)
    return -1


def _ends_cleanly(probe: BinaryIO, record: WarcRecord) -> bool:
    """True when the uncompressed record at ``record.stream_pos`` ends with its blank line
    where its Content-Length says (or the file ends there: a cut caught when it is read)."""
    raw_length = (record.headers.get("Content-Length") or "").strip()
    probe.seek(record.stream_pos)
    head = probe.read(_MAX_HEADER)
    head_end = head.find(b"\r\n\r\n")
    if b"\r\nWARC/1." in head[:head_end]:
        return False  # cut inside its header, which runs on into the next record's
    if head_end < 0 or not raw_length.isdigit():
        return True  # no length to check against: the record's own reading reports it
    probe.seek(record.stream_pos + head_end + 4 + int(raw_length))
    return _RECORD_END.startswith(probe.read(len(_RECORD_END)))


def _page_or_error(record: WarcRecord, path: str, settings: Settings) -> Page | InputError:
    source = f"{path}#{record.stream_pos}"
    url = record.headers.get("WARC-Target-URI")
    raw_length = (record.headers.get("Content-Length") or "").strip()
    if not raw_length.isdigit():
        return UnreadableInput(source, "truncated WARC record: no Content-Length header", _HINT)
    declared = int(raw_length)
    limit = settings.max_page_bytes + 65536  # room for the HTTP header block
    if declared > limit:
        return InputTooLarge(
            source,
            f"record of {declared:,} bytes is over the page limit",
            "raise NEWSDESK_MAX_PAGE_BYTES to accept it",
        )
    block = record.reader.read(declared + 1)
    if len(block) != declared:
        reason = f"truncated WARC record: {len(block):,} of {declared:,} bytes"
        return UnreadableInput(source, reason, _HINT)
    try:
        status, headers, body = split_http_response(block)
        body = decode_payload(body, headers, settings.max_page_bytes)
    except ValueError as exc:
        return UnreadableInput(source, f"bad HTTP response in WARC record: {exc}", _HINT)
    if len(body) > settings.max_page_bytes:
        return InputTooLarge(source, "page is over the limit", "raise NEWSDESK_MAX_PAGE_BYTES")
    headers.setdefault("status", str(status))
    return Page(source=source, content=body, url=url, headers=headers, fetched=_warc_date(record))


def _warc_date(record: WarcRecord) -> datetime | None:
    raw = record.headers.get("WARC-Date")
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None


def _is_gzipped(handle: BinaryIO) -> bool:
    handle.seek(0)
    return handle.read(3) == _GZIP_MAGIC


def _next_record_start(handle: BinaryIO, offset: int) -> int:
    """Offset of the next readable record at or after ``offset``, or -1."""
    gzipped = _is_gzipped(handle)
    marker = _GZIP_MAGIC if gzipped else b"WARC/1."
    pos = offset
    while True:
        handle.seek(pos)
        chunk = handle.read(_SCAN_CHUNK + len(marker))
        if len(chunk) < len(marker):
            return -1
        at = chunk.find(marker)
        while 0 <= at < _SCAN_CHUNK:
            if _starts_record(handle, pos + at, gzipped):
                return pos + at
            at = chunk.find(marker, at + 1)
        pos += _SCAN_CHUNK


def _record_end(handle: BinaryIO, offset: int) -> int:
    """Where the (readable) record at ``offset`` ends: the start of whatever follows it."""
    handle.seek(offset)
    if _is_gzipped(handle):
        handle.seek(offset)
        return offset + _member_length(handle)
    handle.seek(offset)
    head = handle.read(65536)
    header, _, _ = head.partition(b"\r\n\r\n")
    length = 0
    for line in header.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            length = int(value)
    return offset + len(header) + 4 + length + 4


def _member_length(handle: BinaryIO) -> int:
    """Bytes in the gzip member at the handle's position (1 when it cannot be inflated)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    consumed = 0
    try:
        while not inflater.eof:
            chunk = handle.read(65536)
            if not chunk:
                break
            inflater.decompress(chunk, 65536)
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, 65536)
            consumed += len(chunk)
    except zlib.error:
        return 1  # damaged: the scan for the next record starts just after its first byte
    return consumed - len(inflater.unused_data)


def _starts_record(handle: BinaryIO, offset: int, gzipped: bool) -> bool:
    """True when a WARC record really starts at ``offset`` (not a lookalike inside data)."""
    handle.seek(offset)
    head = handle.read(4096)
    if gzipped:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
        except zlib.error:
            return False
    return _looks_like_warc_header(head)


def _looks_like_warc_header(head: bytes) -> bool:
    """A version line and a header block naming the record's type and length."""
    if not head.startswith((b"WARC/1.0\r\n", b"WARC/1.1\r\n")):
        return False
    block = head.partition(b"\r\n\r\n")[0].lower()
    return b"\r\nwarc-type:" in block and b"\r\ncontent-length:" in block


def split_http_response(block: bytes) -> tuple[int, dict[str, str], bytes]:
    """Status, lower-cased headers and body of a recorded HTTP response."""
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    if not sep:
        raise ValueError("no end of HTTP headers")
    lines = head.decode("latin-1").splitlines()
    parts = lines[0].split(None, 2) if lines else []
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise ValueError(f"bad status line {lines[0][:80]!r}" if lines else "empty")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            key = name.strip().lower()
            value = value.strip()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return int(parts[1]), headers, body


def decode_payload(body: bytes, headers: dict[str, str], limit: int) -> bytes:
    """Undo chunked transfer and gzip/deflate content encodings, never past ``limit`` bytes."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    encoding = headers.get("content-encoding", "").lower().strip()
    if encoding in ("gzip", "x-gzip", "deflate"):
        wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
        try:
            body = zlib.decompressobj(wbits).decompress(body, limit + 1)
        except zlib.error as exc:
            raise ValueError(f"bad {encoding} body ({exc})") from None
    return body


def _dechunk(body: bytes) -> bytes:
    out: list[bytes] = []
    pos = 0
    while pos < len(body):
        line_end = body.find(b"\r\n", pos)
        if line_end < 0:
            break
        try:
            size = int(body[pos:line_end].split(b";")[0].strip() or b"0", 16)
        except ValueError:
            return body  # not really chunked: keep the bytes as recorded
        if size == 0:
            break
        out.append(body[line_end + 2 : line_end + 2 + size])
        pos = line_end + 2 + size + 2
    return b"".join(out)
