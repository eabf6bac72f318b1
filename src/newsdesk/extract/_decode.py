"""Bytes to text: find the real encoding of a page, never produce mojibake.

Order of trust: a byte-order mark; then the bytes themselves when they are valid UTF-8
(a page that declares Latin-1 but is UTF-8 is the commonest lie on the web); then the HTTP
``Content-Type`` charset; then ``<meta charset>`` / ``http-equiv``; then statistical detection
(charset-normalizer). Pages that mix encodings are read as UTF-8 with the invalid bytes
decoded as Windows-1252 one run at a time, so nothing is lost and nothing is garbled.
"""

from __future__ import annotations

import codecs
import functools
import re

import numpy as np

from newsdesk.errors import EmptyInput, InputTooLarge, NotAPage
from newsdesk.record import Page
from newsdesk.settings import Settings

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip data that could not be decompressed"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]+)", re.I)
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))
_CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"


# Text that was UTF-8, read as Windows-1252 or Latin-1 and saved as UTF-8 again ("â€™",
# "â\x80\x99", "Ã©"): a lead character, then characters that stand for continuation bytes.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONTINUATION = "[\u0080-\u00bf" + _CP1252_HIGH + "]"


@functools.cache
def _double_encoded() -> re.Pattern[str]:
    """The run pattern, compiled on the first page that needs it (few do)."""
    return re.compile(
        f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}"
        f"|[\u00f0-\u00f4]{_CONTINUATION}{{3}}"
    )


# The same runs spotted in UTF-8 bytes, a fast test for the whole page: a lead U+00C2-U+00F4
# (C3 82-B4), then U+0080-U+00BF (C2 80-BF) or a Windows-1252-only character (C5, C6, CB
# or E2 80-84 sequences).
_DOUBLE_ENCODED_BYTES = re.compile(
    rb"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92"
    rb"|\xcb[\x86\x9c]|\xe2[\x80-\x84])"
)
_NOT_LATIN1 = re.compile("[\u0080-\u009f" + _CP1252_HIGH + "]")
# The first byte of every alternative after the lead in _DOUBLE_ENCODED_BYTES.
_THIRD_BYTES = np.zeros(256, dtype=bool)
_THIRD_BYTES[[0xC2, 0xC5, 0xC6, 0xCB, 0xE2]] = True


def repair_double_encoding(text: str, utf8: bytes | None = None) -> str:
    """Undo UTF-8 that was decoded as Windows-1252/Latin-1 and encoded again ("Investorâ€™s"
    becomes "Investor’s"). A run is repaired only when its bytes form exactly one UTF-8
    character and, for three- and four-byte leads, when it holds a C1 control or a
    Windows-1252-only character, which real text never puts after a letter like "à".
    ``utf8`` is ``text`` encoded as UTF-8 when the caller has it (the page's own bytes)."""
    probe = utf8 if utf8 is not None else text.encode("utf-8", "surrogatepass")
    if not _may_hold_runs(probe) or not _DOUBLE_ENCODED_BYTES.search(probe):
        return text
    return _double_encoded().sub(_repair_run, text)


def _may_hold_runs(data: bytes) -> bool:
    """False when no three bytes start a match of ``_DOUBLE_ENCODED_BYTES`` (C3, then
    82-B4, then a byte that opens one of its alternatives): a check many times faster than
    the regex's scan, which then runs only on the few pages that pass it."""
    if b"\xc3" not in data:  # most pages: one fast scan
        return False
    raw = np.frombuffer(data, dtype=np.uint8)
    lead = np.flatnonzero(raw[:-2] == 0xC3)
    second, third = raw[lead + 1], raw[lead + 2]
    return bool(np.any((second >= 0x82) & (second <= 0xB4) & _THIRD_BYTES[third]))


def _repair_run(match: re.Match[str]) -> str:
    run = match.group(0)
    if run[0] not in "ÂÃ" and not _NOT_LATIN1.search(run):
        return run
    try:
        raw = b"".join(_byte_of(ch) for ch in run)
        repaired = raw.decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return run
    return repaired if len(repaired) == 1 else run


def _byte_of(char: str) -> bytes:
    return char.encode("latin-1") if ord(char) < 0x100 else char.encode("cp1252")


def _mixed_handler(error: UnicodeError) -> tuple[str, int]:
    """Decode a run of invalid UTF-8 bytes as Windows-1252 (Latin-1 where undefined)."""
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    text = "".join(
        bytes([b]).decode("latin-1" if b in _CP1252_UNDEFINED else "cp1252") for b in chunk
    )
    return text, error.end


codecs.register_error("newsdesk-mixed", _mixed_handler)


def _normalise(name: str) -> str | None:
    try:
        codec = codecs.lookup(name.strip().lower())
    except LookupError:
        return None
    # WHATWG: Latin-1 and ASCII labels mean Windows-1252 on the web.
    if codec.name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec.name


def declared_encoding(content: bytes, headers: dict[str, str]) -> str | None:
    """The charset that the HTTP header or the markup claims, if any and if known."""
    header = headers.get("content-type", "")
    match = _HEADER_CHARSET.search(header)
    if match and (name := _normalise(match.group(1))):
        return name
    meta = _META_CHARSET.search(content[:8192])
    if meta and (name := _normalise(meta.group(1).decode("ascii", "ignore"))):
        return name
    return None


def looks_binary(content: bytes) -> str | None:
    """Say what the bytes are when they are clearly not a text or HTML page."""
    for magic, what in _MAGIC:
        if content.startswith(magic):
            return what
    head = content[:4096]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    controls = len(head) - len(head.translate(None, _CONTROL))  # one pass, not one per byte
    if head.count(0) > 0 or controls > max(8, len(head) // 50):
        return "binary data (control bytes where text was expected)"
    return None


def decode(page: Page, settings: Settings) -> tuple[str, str]:
    """Return ``(text, encoding)`` for a page, or raise an ``InputError`` naming it.

    Double-encoded runs ("â€™") are repaired in whatever encoding the page came in."""
    text, encoding, _utf8 = decode_with_source(page, settings)
    return text, encoding


def decode_with_source(page: Page, settings: Settings) -> tuple[str, str, bytes | None]:
    """``decode``, plus the page's bytes when they are exactly the text in UTF-8 (no byte
    order mark, nothing repaired), so that a parser can read them without encoding again."""
    text, encoding = _decode_bytes(page, settings)
    utf8 = page.content if encoding == "utf-8" else None  # the bytes are the text's UTF-8
    repaired = repair_double_encoding(text, utf8)
    if utf8 is None or repaired is not text or utf8.startswith(codecs.BOM_UTF8):
        return repaired, encoding, None
    return repaired, encoding, utf8


def _decode_bytes(page: Page, settings: Settings) -> tuple[str, str]:
    content = page.content
    if len(content) > settings.max_page_bytes:
        raise InputTooLarge(
            page.source,
            f"page is {len(content):,} bytes, over the limit of {settings.max_page_bytes:,}",
            "raise Settings.max_page_bytes / NEWSDESK_MAX_PAGE_BYTES to accept it",
        )
    if not content.strip():
        raise EmptyInput(page.source, "the input is empty")
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(name, "replace"), name
    what = looks_binary(content)
    if what:
        raise NotAPage(page.source, f"not a news page: looks like {what}")
    return _decode_text(content, page.headers)


def _decode_text(content: bytes, headers: dict[str, str]) -> tuple[str, str]:
    """Text bytes with no byte-order mark: valid UTF-8, else the declared charset, else
    UTF-8 with Windows-1252 runs when the bytes mix both, else the detected charset."""
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(content, headers)
    if declared and declared not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
        try:
            return content.decode(declared), declared
        except UnicodeDecodeError:
            pass
    if _mostly_utf8(content):
        return content.decode("utf-8", "newsdesk-mixed"), "utf-8+cp1252"
    from charset_normalizer import from_bytes  # statistical detection: few pages need it

    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        return content.decode(best.encoding, "replace"), best.encoding
    return content.decode("utf-8", "newsdesk-mixed"), "utf-8+cp1252"


def _mostly_utf8(content: bytes) -> bool:
    """True when the page holds real UTF-8 sequences beside invalid bytes (mixed encodings).

    Legacy single-byte text almost never forms valid multi-byte UTF-8 by accident, so a
    handful of valid sequences outweighs many invalid bytes.
    """
    text = content.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return good > 0 and good * 10 >= bad
