"""Hypothesis strategies for pages (any bytes, HTML-like markup in any encoding, text dumps,
date strings) and the one property they are held to: ``newsdesk.extract.extract`` returns
an ``Article`` or raises a named ``InputError``, never anything else. Shared by
``tests/test_properties_extract.py`` (bounded) and ``fuzz/extract_target.py`` (for minutes).
Only public names are imported (``newsdesk.extract.extract``, the records and errors): the
extract package's private modules are being reorganised."""

from __future__ import annotations

import json
from datetime import datetime

from hypothesis import strategies as st

from newsdesk.errors import ExtractionError, InputError
from newsdesk.extract import extract
from newsdesk.record import Article, Page
from newsdesk.settings import Settings

SETTINGS = Settings(max_page_bytes=1024 * 1024)
# ExtractionError reasons that name a page we cannot take, not a bug of ours
KNOWN_REFUSALS = ("markup nested too deeply",)

TAGS = (
    "html", "head", "body", "title", "meta", "article", "main", "div", "p", "span", "a", "b",
    "h1", "h2", "ul", "li", "table", "td", "script", "style", "time", "header", "footer",
    "nav", "figure", "figcaption", "blockquote", "br", "img", "noscript", "template", "svg",
)  # fmt: skip
ATTRS = ("class", "id", "property", "name", "content", "itemprop", "datetime", "href", "lang")
ENCODINGS = ("utf-8", "latin-1", "cp1252", "utf-16", "utf-16-le", "shift_jis", "koi8-r", "gb18030")
META_DATES = ("article:published_time", "og:updated_time", "date", "pubdate", "dc.date")

# any code point but lone surrogates (not encodable), control characters included
chars = st.characters(exclude_categories=("Cs",))
words = st.text(chars, max_size=60)
_NUMERIC_DATE = r"\d{1,5}[-/. ]\d{1,3}[-/. ]\d{1,5}([ T]\d{1,2}:\d{1,2}(:\d{1,2})?)?"
date_strings = st.one_of(
    st.text(chars, max_size=40),
    st.datetimes().map(datetime.isoformat),
    st.dates().map(str),
    st.from_regex(_NUMERIC_DATE, fullmatch=True),
    st.from_regex(r"(Mon|Tue)?,? ?\d{1,2} (Jan|Feb|Mar|Dec)\w* \d{2,4}", fullmatch=True),
)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    attrs = st.lists(st.tuples(st.sampled_from(ATTRS), words), max_size=3)

    def render(parts: tuple[str, list[tuple[str, str]], list[str], bool]) -> str:
        tag, attributes, inner, closed = parts
        attr_text = "".join(f' {k}="{v}"' for k, v in attributes)
        return f"<{tag}{attr_text}>{''.join(inner)}" + (f"</{tag}>" if closed else "")

    return st.tuples(
        st.sampled_from(TAGS), attrs, st.lists(children, max_size=4), st.booleans()
    ).map(render)


markup = st.recursive(words, _element, max_leaves=30)


@st.composite
def html_pages(draw: st.DrawFn) -> Page:
    """An HTML-like page: random markup, maybe a dated meta tag and a (true or false)
    charset, encoded in some encoding, maybe cut short or with bytes spliced in."""
    head = ""
    if draw(st.booleans()):
        prop, value = draw(st.sampled_from(META_DATES)), draw(date_strings)
        head += f'<meta property="{prop}" content="{value}">'
    encoding = draw(st.sampled_from(ENCODINGS))
    if draw(st.booleans()):
        head += f'<meta charset="{draw(st.sampled_from((*ENCODINGS, "bogus", "")))}">'
    text = f"<html><head>{head}</head><body>{draw(markup)}<p>{draw(words)}</p></body></html>"
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=20)) + data[cut:]
    return Page("property.html", data, kind=draw(st.sampled_from(("auto", "html"))))


@st.composite
def text_dumps(draw: st.DrawFn) -> Page:
    """A plain-text page dump: a title, bylines and dates, paragraphs, odd lines."""
    lines = draw(
        st.lists(
            st.one_of(
                words,
                words.map(lambda w: f"By {w}"),
                date_strings,
                date_strings.map(lambda d: f"Published {d}"),
                st.sampled_from(("", "Advertisement", "Share this", "\f", "\x00")),
            ),
            max_size=25,
        )
    )
    encoding = draw(st.sampled_from(("utf-8", "utf-8", "cp1252", "utf-16")))
    return Page("property.txt", "\n".join(lines).encode(encoding, "replace"), kind="text")


raw_pages = st.builds(
    Page, st.just("property.bin"), st.binary(max_size=3000), st.none(), st.just({}), st.none(),
    st.sampled_from(("auto", "html", "text")),
)  # fmt: skip
pages = st.one_of(raw_pages, html_pages(), text_dumps())


def check_extract(page: Page) -> Article | None:
    """The property: an Article whose text is UTF-8 clean, JSON-able, with an ISO 8601
    ``published`` when it has one; or an ``InputError``; or an ``ExtractionError`` with a
    known refusal. Returns the article (None when refused)."""
    try:
        article = extract(page, SETTINGS)
    except InputError:
        return None
    except ExtractionError as exc:
        assert exc.reason in KNOWN_REFUSALS, f"extract failed on {page.content[:200]!r}: {exc}"
        return None
    assert isinstance(article, Article)
    article.text.encode("utf-8")  # no lone surrogates: storable, printable
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")
    for value in (article.published, article.modified):
        if value is not None:
            datetime.fromisoformat(value)  # raises on anything that is not ISO 8601
    return article
