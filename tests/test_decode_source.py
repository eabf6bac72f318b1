"""decode_with_source: the page's bytes are handed on only when they are the text's UTF-8."""

from newsdesk.extract._decode import decode_with_source
from newsdesk.extract.html._extract import extract_html
from newsdesk.record import Page
from newsdesk.settings import DEFAULT_SETTINGS

_HTML = "<html><body><p>Café au lait, “quoted” and long enough to be a paragraph.</p></body></html>"


def _source(content: bytes) -> bytes | None:
    return decode_with_source(Page(source="t", content=content), DEFAULT_SETTINGS)[2]


def test_plain_utf8_bytes_are_handed_on() -> None:
    content = _HTML.encode("utf-8")
    assert _source(content) is content


def test_no_bytes_when_they_are_not_the_text() -> None:
    assert _source(b"\xef\xbb\xbf" + _HTML.encode("utf-8")) is None  # byte order mark
    assert _source("<p>Café crème</p>".encode("cp1252")) is None  # not UTF-8
    assert _source("<p>Investorâ€™s view</p>".encode()) is None  # repaired


def test_parsing_the_bytes_gives_the_same_article() -> None:
    content = _HTML.encode("utf-8")
    page = Page(source="t", content=content)
    text, _encoding, utf8 = decode_with_source(page, DEFAULT_SETTINGS)
    from_bytes = extract_html(page, text, DEFAULT_SETTINGS, utf8).to_dict()
    assert from_bytes == extract_html(page, text, DEFAULT_SETTINGS).to_dict()
