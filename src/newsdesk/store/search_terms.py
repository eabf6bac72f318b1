"""Filter terms for the full-text index: each article's outlet, web host, language,
publication date, quoted speakers, mentioned entities and copy status, written as words
into the hidden ``tags`` column of ``articles_fts``. A filtered search then is a single
FTS5 query (the user's words AND the filter's terms) that SQLite intersects inside the
index, newest first, instead of joining every match to ``articles`` after the fact.

Terms start with ``0`` and a letter (``0s12`` outlet or host 12 in ``sites``,
``0pkevin`` a word of a quoted speaker's name, ``0enato`` a word of a mentioned entity's
name, ``0len`` English, ``0y2026``/``0m202605``/``0d20260520`` dates, ``0copy`` a
syndicated copy that is not its cluster's canonical one); the user's words are confined
to the text columns, so they never match a term. Name words are listed in ``name_words``
so a filter's part of a name finds the words that hold it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

COPY = "0copy"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold_name(value: str) -> str:
    """How outlet names and hosts are kept in ``sites`` (and matched): case-folded, with
    runs of white space as one space."""
    return " ".join(value.casefold().split())


def host(url: str | None) -> str | None:
    """The web host of ``url`` without ``www.``, or None."""
    if not url:
        return None
    try:
        name = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not name:
        return None
    return name.removeprefix("www.")


def site_names(site: str | None, url: str | None) -> list[str]:
    """The ``sites`` names an article is found by: its outlet name and its host."""
    names = [fold_name(site)] if site and site.strip() else []
    found = host(url)
    if found and found not in names:
        names.append(found)
    return names


def name_words(name: str) -> list[str]:
    """The words of a (case-folded) name as the index splits them: runs of letters and
    digits. ``"Conan O'Brien"`` -> ``["conan", "o", "brien"]``."""
    words, current = [], []
    for char in name.casefold():
        if char.isalnum():
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def language_term(language: str) -> str:
    return "0l" + _NOT_ALNUM.sub("", language.strip().lower())


def date_terms(published: str | None) -> list[str]:
    """``2026-05-20T10:00+02:00`` -> ``0y2026 0m202605 0d20260520``; a date given only to
    the year or month also gets ``0y2026x`` or ``0m202605x`` (needed by ``--until``)."""
    match = _DATE.match(published or "")
    if not match:
        return []
    year, month, day = match.groups()
    terms = [f"0y{year}"]
    if month is None:
        return [*terms, f"0y{year}x"]
    terms.append(f"0m{year}{month}")
    if day is None:
        return [*terms, f"0m{year}{month}x"]
    return [*terms, f"0d{year}{month}{day}"]


def article_tags(
    site_ids: Iterable[int],
    published: str | None,
    language: str | None,
    speakers: Iterable[str] = (),
    entities: Iterable[str] = (),
    copy: bool = False,
) -> str:
    """The ``tags`` text of one article (``0copy`` always last: clusters toggle it);
    ``speakers``: names of the speakers it quotes, ``entities``: of those it mentions."""
    terms = [f"0s{i}" for i in sorted(set(site_ids))]
    terms += date_terms(published)
    if language and language_term(language) != "0l":
        terms.append(language_term(language))
    terms += sorted({f"0p{w}" for name in speakers for w in name_words(name)})
    terms += sorted({f"0e{w}" for name in entities for w in name_words(name)})
    if copy:
        terms.append(COPY)
    return " ".join(terms)


def date_range_terms(
    since: str | None, until: str | None, first_year: int, last_year: int
) -> list[str]:
    """The fewest terms covering every date string kept by ``published >= since`` and
    ``substr(published, 1, len(until)) <= until``, over the years stored: whole years,
    whole months, then single days, months and years known only that far."""

    def keeps(value: str) -> bool:
        return (since is None or value >= since) and (until is None or value[: len(until)] <= until)

    low = max(first_year, int(since[:4])) if since else first_year
    high = min(last_year, int(until[:4])) if until else last_year
    terms: list[str] = []
    for year in range(low, high + 1):
        terms += _year_terms(f"{year:04d}", keeps)
    return terms


def _year_terms(year: str, keeps: Callable[[str], bool]) -> list[str]:
    months = [_month_terms(year, f"{m:02d}", keeps) for m in range(1, 13)]
    if keeps(year) and all(t == [f"0m{year}{m:02d}"] for m, t in enumerate(months, 1)):
        return [f"0y{year}"]
    terms = [f"0y{year}x"] if keeps(year) else []
    for month in months:
        terms += month
    return terms


def _month_terms(year: str, month: str, keeps: Callable[[str], bool]) -> list[str]:
    days = [f"{d:02d}" for d in range(1, 32) if keeps(f"{year}-{month}-{d:02d}")]
    if keeps(f"{year}-{month}") and len(days) == 31:
        return [f"0m{year}{month}"]
    terms = [f"0m{year}{month}x"] if keeps(f"{year}-{month}") else []
    return terms + [f"0d{year}{month}{d}" for d in days]
