"""A dump's metadata: title line and site suffix, leaked slug, section, outlet and date.

A scraped dump usually opens with ``Title - Site``, may carry a leaked ``var_dump`` of the
URL slug, and prints a small header block (section / outlet / date) near the body, sometimes
twice. Everything here reads those lines; nothing is guessed from outside the dump except the
outlet registry, which maps the names the dump uses to one outlet (and its time zone).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsdesk.extract._outlets import Outlet, Registry
from newsdesk.extract.textdump._body import is_boilerplate, is_prose, word_count
from newsdesk.extract.textdump._lines import Line
from newsdesk.extract.textdump._patterns import (
    BYLINE,
    DATE_INSIDE,
    DATE_LINE,
    DEBUG_LINE,
    SLUG,
    VAR_DUMP_STRING,
)

# "Title - Site", "Title | Site", "Title – Site", "Title — Site", "Title :: Site"
_SITE_SUFFIX = re.compile(
    r"^(?P<title>.+?)\s+(?:[-|–—•·]|::)\s+(?P<site>(?:(?!\s(?:[-|–—•·]|::)\s).)+?)$"
)
_MAX_SITE_WORDS = 5
_MAX_TITLE_WORDS = 40
_SECTION = re.compile(r"^[^\W\d_][\w&'’./ -]{0,40}$")
_MAX_SECTION_WORDS = 3
_LETTERS = re.compile(r"\b[^\W\d_]{2,}\b")
_WIDE_TEXT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{4}")
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*", re.I)
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NOT_A_PERSON = re.compile(
    r"\b(?:staff|editor|editors|desk|team|admin|press|reuters|afp|ap|agency|agencies|news|"
    r"newsroom|wire|correspondent|reporter|contributor|guest)\b",
    re.I,
)
_MAX_BYLINE_WORDS = 14
_MAX_WIDE_SITE_CHARS = 24
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
_SENTENCE_TITLE_WORDS = 12  # a longer first line with two sentences in it is body text
_MAX_AUTHORS = 4
HEADER_REACH = 12  # lines before the body searched for the header block and headline


@dataclass(slots=True)
class Header:
    title_line: int | None = None  # index of the dump's title line, when it has one
    title: str | None = None
    site_claim: str | None = None  # the site name as the dump writes it
    outlet: Outlet | None = None
    slug: str | None = None
    section: str | None = None


def read_title(lines: list[Line]) -> tuple[int | None, str | None, str | None]:
    """``(line index, title, site)`` from the first line that is not a debug leftover."""
    for i, line in enumerate(lines[:5]):
        if not DEBUG_LINE.match(line.text):
            title, site = _title_and_site(line.text, lines, i)
            return (i if title else None), title, site
    return None, None, None


def _title_and_site(text: str, lines: list[Line], index: int) -> tuple[str | None, str | None]:
    """A first line that reads as a headline: with a short site suffix, printed again
    further down, or at least four words that are not a sentence of body text."""
    words = word_count(text)
    if words > _MAX_TITLE_WORDS or is_boilerplate(text, words) or not _has_words(text):
        return None, None
    match = _SITE_SUFFIX.match(text)
    if match and _short_site(match["site"]) and word_count(match["title"]) >= 2:
        return match["title"].strip(), match["site"].strip()
    if text.endswith(".") or (words > _SENTENCE_TITLE_WORDS and _SENTENCE_BREAK.search(text)):
        return None, None
    if _repeated(text, lines, index) or words >= 4:
        return text, None
    return None, None


def _short_site(site: str) -> bool:
    if _WIDE_TEXT.search(site):
        return len(site) <= _MAX_WIDE_SITE_CHARS
    return word_count(site) <= _MAX_SITE_WORDS


def _has_words(text: str, least: int = 3) -> bool:
    """At least a few words of letters: a headline, not a bare date or a number."""
    return len(_LETTERS.findall(text)) >= least or bool(_WIDE_TEXT.search(text))


def _repeated(text: str, lines: list[Line], index: int) -> bool:
    folded = text.casefold()
    return any(line.text.casefold() == folded for j, line in enumerate(lines) if j != index)


def read_slug(lines: list[Line]) -> str | None:
    """A slug leaked by ``var_dump`` (``string(89) "some-slug"``) near the top of the dump."""
    for line in lines[:20]:
        match = VAR_DUMP_STRING.match(line.text)
        if match and SLUG.match(match["value"].strip()):
            return match["value"].strip()
    return None


def headline_before(lines: list[Line], body_start: int, skip: set[str]) -> str | None:
    """The page's headline when the dump has no title line: the last title-like line
    shortly before the body (not a date, label, menu item or known header line)."""
    for i in range(body_start - 1, max(-1, body_start - HEADER_REACH), -1):
        text = lines[i].text
        words = word_count(text)
        if text.casefold() in skip or is_boilerplate(text, words) or _is_byline(text):
            continue
        if 4 <= words <= _MAX_TITLE_WORDS and not is_prose(text, words) and _has_words(text):
            return text
    return None


def _is_byline(text: str) -> bool:
    return bool(BYLINE.search(text) or DATE_INSIDE.search(text))


def find_outlet(registry: Registry, names: list[str]) -> Outlet | None:
    """The registry outlet for the first of these names (or aliases) it knows."""
    for name in names:
        outlet = registry.find(name=name)
        if outlet:
            return outlet
    return None


def header_lines(lines: list[Line], title_index: int | None, body_start: int) -> list[str]:
    """The short lines of the header zone: right after the title line and right before
    the body (a full-page dump has menus in between, which stay out)."""
    first = 0 if title_index is None else title_index + 1
    zone = list(range(first, min(first + HEADER_REACH, body_start)))
    zone += [i for i in range(max(first, body_start - HEADER_REACH), body_start) if i not in zone]
    return [lines[i].text for i in zone if word_count(lines[i].text) <= _MAX_TITLE_WORDS]


def beside_date(candidates: list[str], reach: int = 2) -> list[str]:
    """Short lines printed next to a date line: where a header block names its outlet (a
    wire credit or a menu item elsewhere on the page is not the outlet)."""
    dates = [i for i, text in enumerate(candidates) if DATE_LINE.match(text)]
    return [
        text
        for i, text in enumerate(candidates)
        if word_count(text) <= _MAX_SITE_WORDS and any(0 < abs(i - d) <= reach for d in dates)
    ]


def find_date_line(candidates: list[str]) -> str | None:
    """The date of the first line that is only a date ("Published: 20/05/2026 15:49")."""
    for text in candidates:
        match = DATE_LINE.match(text)
        if match:
            return match["date"]
    return None


def find_section(candidates: list[str], known: set[str]) -> str | None:
    """A short label in the header block, e.g. "News": next to the outlet's name, or next to
    the date and printed more than once (a header block repeated, a breadcrumb)."""
    outlets = [i for i, text in enumerate(candidates) if text.casefold() in known]
    dates = [i for i, text in enumerate(candidates) if DATE_LINE.match(text)]
    counts = Counter(text.casefold() for text in candidates)
    for i, text in enumerate(candidates):
        if not _is_label(text, known):
            continue
        by_outlet = any(abs(i - a) <= 2 for a in outlets)
        by_date = counts[text.casefold()] > 1 and any(abs(i - a) <= 2 for a in dates)
        if by_outlet or by_date:
            return text
    return None


def _is_label(text: str, known: set[str]) -> bool:
    words = word_count(text)
    return (
        words <= _MAX_SECTION_WORDS
        and bool(_SECTION.match(text))
        and text[:1].isupper()
        and text.casefold() not in known
        and not DATE_LINE.match(text)
        and not BYLINE.search(text)
        and not is_boilerplate(text, words)
    )


def read_authors(candidates: list[str], known: set[str]) -> list[str]:
    """People named in the first byline among the header lines ("By Jane Doe and John
    Roe"); wire services, desks and the outlet itself are not authors."""
    for text in candidates:
        if word_count(text) > _MAX_BYLINE_WORDS:
            continue
        match = BYLINE.search(text)
        if not match:
            continue
        names = [_clean_name(n) for n in _NAME_SPLIT.split(match["names"])]
        people = [n for n in names if n and n.casefold() not in known]
        if people:
            return list(dict.fromkeys(people))[:_MAX_AUTHORS]
    return []


def _clean_name(raw: str) -> str | None:
    """A person's name of two to four capitalised words, or None."""
    tokens: list[str] = []
    for token in raw.split():
        parts = _GLUED.split(token)  # "GarberFOXBusiness": the name ends at the glue
        tokens.append(parts[0])
        if len(parts) > 1:
            break
    half = len(tokens) // 2
    if half and len(tokens) % 2 == 0 and tokens[:half] == tokens[half:]:
        tokens = tokens[:half]  # "Sean Martin Sean Martin"
    name = " ".join(tokens)
    if not 2 <= len(tokens) <= 4 or _NOT_A_PERSON.search(name):
        return None
    if not all(t[:1].isupper() for t in tokens):
        return None
    return name.title() if name.isupper() else name
