"""User text as the store reads it: search words as safe FTS5 phrases, name and site
filters, and ISO dates, each checked against the limits below so that no query can make
a search run for minutes or use gigabytes (issue 17: 8,000 repeated words took 35 s, a
30,000-word phrase 2 GB).

Search words that repeat are searched once (every word is required, so ``oil oil`` finds
what ``oil`` finds); past the limits a query is refused with a ``StoreError`` that says
the limit, never cut silently.
"""

from __future__ import annotations

import re
from datetime import date

from newsdesk.errors import StoreError

MAX_TEXT_CHARS = 1_000_000  # characters of search text read at all
MAX_SEARCH_TERMS = 32  # different words or phrases in one search
MAX_PHRASE_WORDS = 64  # words in one phrase (or in one word joined by symbols: a-b-c)
MAX_QUERY_WORDS = 128  # words in all the terms of one search
MAX_FILTER_CHARS = 200  # characters of a name, site, language or label filter
MAX_NAME_WORDS = 10  # words of a speaker or entity filter (each is looked up)

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_DATE_HINT = "use 2026, 2026-05 or 2026-05-20"


def word_count(term: str) -> int:
    """How many words the full-text index reads in ``term``: runs of letters and digits
    (what its unicode61 tokenizer keeps; everything else separates words)."""
    count, inside = 0, False
    for char in term:
        if char.isalnum():
            count += not inside
            inside = True
        else:
            inside = False
    return count


def check_text(text: str, what: str = "search text") -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise StoreError(
            f"{what} is {len(text):,} characters long, over the limit of "
            f"{MAX_TEXT_CHARS:,} (search for fewer words)"
        )


def _phrases(text: str) -> list[str]:
    """The terms of ``text`` as FTS5 strings, each once, in the order first given."""
    found: dict[str, None] = {}
    # NUL ends FTS5's reading of a query ("unterminated string"); it separates words
    for match in _TERM.finditer(text.replace("\x00", " ")):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            term = '"' + phrase + '"'
        else:
            prefix = word.endswith("*") and word_count(word) > 0
            bare = word.rstrip("*") if prefix else word
            term = '"' + bare.replace('"', "") + '"' + ("*" if prefix else "")
        if word_count(term):
            found.setdefault(term)
    return list(found)


def fts_terms(text: str) -> list[str]:
    """User words as safe FTS5 phrases: every term quoted (so ``AND``, ``-``, ``:``, ``*``
    and stray quotes are plain text); ``"a phrase"`` stays a phrase and a trailing ``*``
    on a word keeps prefix search. A term repeated is kept once; a term of symbols only
    (``*``, ``-``) holds no word the index could find and is left out.

    Raises ``StoreError`` when no word is left, or past ``MAX_SEARCH_TERMS`` different
    terms, ``MAX_PHRASE_WORDS`` words in one phrase or ``MAX_QUERY_WORDS`` in all."""
    check_text(text)
    terms = _phrases(text)
    if not terms:
        raise StoreError(
            f"search text {_shown(text)} has no words to look for (give one or more words; "
            "symbols such as * or - alone are not searched)"
        )
    if len(terms) > MAX_SEARCH_TERMS:
        raise StoreError(
            f"search text {_shown(text)} has {len(terms)} different words or phrases, over "
            f"the limit of {MAX_SEARCH_TERMS} (search for fewer words)"
        )
    for term in terms:
        if word_count(term) > MAX_PHRASE_WORDS:
            raise StoreError(
                f"search phrase {_shown(term)} has {word_count(term):,} words, over the limit "
                f"of {MAX_PHRASE_WORDS} (search for a shorter phrase)"
            )
    words = sum(word_count(term) for term in terms)
    if words > MAX_QUERY_WORDS:
        raise StoreError(
            f"search text {_shown(text)} has {words} words in its phrases, over the limit of "
            f"{MAX_QUERY_WORDS} (search for fewer or shorter phrases)"
        )
    return terms


def _shown(text: str, most: int = 60) -> str:
    """``text`` quoted for a message, cut to ``most`` characters."""
    return repr(text) if len(text) <= most else repr(text[:most]) + f"… ({len(text):,} chars)"


def check_filter(name: str, value: str | None) -> None:
    """A name, site, language or label filter within ``MAX_FILTER_CHARS`` (and, for a
    speaker or entity, ``MAX_NAME_WORDS`` words)."""
    if value is None:
        return
    if len(value) > MAX_FILTER_CHARS:
        raise StoreError(
            f"{name} filter {_shown(value)} is over the limit of {MAX_FILTER_CHARS} characters"
            " (give part of the name)"
        )
    if name in ("speaker", "entity") and word_count(value) > MAX_NAME_WORDS:
        raise StoreError(
            f"{name} filter {_shown(value)} has {word_count(value)} words, over the limit of "
            f"{MAX_NAME_WORDS} (give part of the name)"
        )


def iso_date(value: str, name: str) -> str:
    """``value`` (``2026``, ``2026-05`` or ``2026-05-20``, spaces around it ignored) once
    checked to be a real year, month or day; otherwise ``StoreError`` naming it."""
    given = value.strip()
    match = _DATE.fullmatch(given)
    if not match:
        raise StoreError(f"{name} {_shown(value)} is not a date ({_DATE_HINT})")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError as exc:
        raise StoreError(f"{name} {_shown(value)} is not a date: {exc} ({_DATE_HINT})") from exc
    return given
