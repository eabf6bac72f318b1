"""A plain-text page dump to an ``Article``.

``extract_text_dump`` reads the dump's lines (``_lines``), its title line, leaked slug and
header block (``_header``), finds the body among menus, bylines and trailing junk
(``_body``) and detects the body's language. The outlet registry turns the names the
dump uses ("Express newspaper", "Gazeta Express") into one outlet with its time zone; an
outlet the registry does not know gets no zone, never a guessed one.
"""

from __future__ import annotations

from newsdesk.errors import EmptyInput
from newsdesk.extract._dates import parse_date
from newsdesk.extract._langid import guess_language
from newsdesk.extract._outlets import Registry, registry
from newsdesk.extract.textdump._body import Body, find_body, is_boilerplate, is_prose, word_count
from newsdesk.extract.textdump._header import (
    HEADER_REACH,
    Header,
    beside_date,
    find_date_line,
    find_outlet,
    find_section,
    header_lines,
    headline_before,
    read_authors,
    read_slug,
    read_title,
)
from newsdesk.extract.textdump._lines import Line, split_lines
from newsdesk.extract.textdump._patterns import MODIFIED_PREFIX
from newsdesk.record import Article, Block, Page
from newsdesk.settings import Settings

_LANGUAGE_SAMPLE = 4000  # characters of body text given to the language detector
_MIN_LANGUAGE_TEXT = 40  # shorter bodies are too short to detect; use the outlet's language


def extract_text_dump(page: Page, text: str, settings: Settings) -> Article:
    """One text dump -> an ``Article`` with metadata and body blocks, boilerplate gone."""
    lines = split_lines(text)
    if not lines:
        raise EmptyInput(page.source, "the text dump has no visible text", "is it blank?")
    outlets = registry(settings)
    header = _opening(lines, outlets, page.url)
    body = find_body(lines, _known_lines(header), header.title)
    zone = header_lines(lines, header.title_line, body.start if body.keep else 0)
    if header.outlet is None:  # the outlet's name printed in the header block, by the date
        header.outlet = find_outlet(outlets, beside_date(zone))
    known = _known_lines(header)
    keep = [i for i in body.keep if lines[i].text.casefold() not in known]
    authors = read_authors(zone, known)
    _section_and_headline(header, lines, body, zone, known | {a.casefold() for a in authors})
    article = Article(
        source=page.source,
        content_hash=page.content_hash,
        url=page.url,
        site=header.outlet.name if header.outlet else header.site_claim,
        slug=header.slug,
        section=header.section,
        title=header.title,
        authors=authors,
        blocks=[_block(lines[i]) for i in keep or _fallback_body(lines, known, header)],
    )
    _set_dates(article, zone, header)
    article.language = _language(article.text, header)
    return article


def _opening(lines: list[Line], outlets: Registry, url: str | None) -> Header:
    """The dump's title line, the site it claims, a leaked slug, and the outlet that the
    claim (or else the page's URL) names."""
    index, title, site_claim = read_title(lines)
    header = Header(index, title, site_claim, slug=read_slug(lines))
    header.outlet = find_outlet(outlets, [site_claim] if site_claim else [])
    if header.outlet is None and url:
        header.outlet = outlets.find(url=url)
    return header


def _section_and_headline(
    header: Header, lines: list[Line], body: Body, zone: list[str], known: set[str]
) -> None:
    """The section from a compact header block (``known``: the header's lines and the
    authors, never a section); the headline above the body when the dump has no title."""
    if _compact_header(header, body.start):
        header.section = find_section(zone, known)
    if header.title is None and body.keep:
        header.title = headline_before(lines, body.start, _known_lines(header))


def _known_lines(header: Header) -> set[str]:
    """Case-folded lines that are header, not body: the title, the site and its aliases."""
    known = {header.title, header.site_claim}
    if header.outlet:
        known |= {header.outlet.name, *header.outlet.aliases}
    return {name.casefold() for name in known if name}


def _compact_header(header: Header, body_start: int) -> bool:
    """A dump whose header is a few lines (not a whole page of menus, where a short label
    next to a date is as likely a menu item as the article's section)."""
    first = 0 if header.title_line is None else header.title_line + 1
    return body_start - first <= 2 * HEADER_REACH


def _fallback_body(lines: list[Line], known: set[str], header: Header) -> list[int]:
    """No run of prose (a one-line or all-short dump): every line that is not furniture,
    apart from the title line."""
    return [
        i
        for i, line in enumerate(lines)
        if i != header.title_line
        and line.text.casefold() not in known
        and not is_boilerplate(line.text, word_count(line.text))
    ]


def _set_dates(article: Article, zone: list[str], header: Header) -> None:
    """Published and modified from the header's date lines, read in the outlet's date order
    and zone (an unknown outlet: the order from the numbers, and no zone)."""
    dayfirst = header.outlet.dayfirst if header.outlet else None
    tz = header.outlet.timezone if header.outlet else None
    published = [t for t in zone if not MODIFIED_PREFIX.match(t)]
    modified = [t for t in zone if MODIFIED_PREFIX.match(t)]
    found = find_date_line(published)
    if found:
        article.published = parse_date(found, dayfirst=dayfirst, tz=tz)
    found = find_date_line(modified)
    if found:
        article.modified = parse_date(found, dayfirst=dayfirst, tz=tz)


def _block(line: Line) -> Block:
    words = word_count(line.text)
    if not is_prose(line.text, words) and words <= 15 and not line.text.endswith("."):
        return Block("heading", line.text)
    return Block("paragraph", line.text)


def _language(body: str, header: Header) -> str | None:
    """The body's language; the outlet's home language only when the body is too short."""
    if len(body) >= _MIN_LANGUAGE_TEXT:
        return guess_language(body[:_LANGUAGE_SAMPLE])
    return header.outlet.language if header.outlet else None
