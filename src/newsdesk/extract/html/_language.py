"""Language: ISO 639-1 from the page's own declarations, else detected from its text.

Order of trust: ``<html lang>``, ``content-language`` meta, ``og:locale``, the HTTP
``Content-Language`` header; when none is usable, py3langid on a sample of paragraph text.
``Locale`` keeps the region too (``en-US`` vs ``en-GB``), which decides the date order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract._langid import guess_language

_LOCALE = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|\d{3}))?\b")
_SAMPLE_CHARS = 2000
_MIN_SAMPLE_CHARS = 40
# Regions whose English writes dates month-first; other locales are day-first.
MONTH_FIRST_REGIONS = frozenset({"US", "PH", "FM", "MH", "PW", "CA"})
_ISO_639_3_TO_1 = {"eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es",
                   "ita": "it", "por": "pt", "rus": "ru", "srp": "sr", "hrv": "hr", "bos": "bs",
                   "sqi": "sq", "alb": "sq", "nld": "nl", "pol": "pl", "tur": "tr"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Locale:
    language: str  # ISO 639-1, lower case
    region: str | None = None  # ISO 3166 alpha-2, upper case
    declared: bool = True  # False when detected from the text

    @property
    def dayfirst(self) -> bool | None:
        """Date order this locale implies: None when it does not say (English, no region)."""
        if self.language != "en":
            return True
        if self.region is None:
            return None
        return self.region not in MONTH_FIRST_REGIONS


def parse_locale(value: str | None) -> Locale | None:
    """``en-US``, ``en_GB``, ``sr-Latn-RS``-ish or ``de`` into a Locale; None if not one."""
    if not value:
        return None
    match = _LOCALE.match(value)
    if not match:
        return None
    language = match.group(1).lower()
    if len(language) == 3:
        language = _ISO_639_3_TO_1.get(language, "")
    if len(language) != 2:
        return None
    region = match.group(2)
    region = region.upper() if region and region.isalpha() else None
    if region is None:
        script_region = re.search(r"[-_](?:[A-Za-z]{4})[-_]([A-Za-z]{2})\b", value)
        region = script_region.group(1).upper() if script_region else None
    return Locale(language, region)


def declared_locale(
    tree: LexborHTMLParser, meta: Mapping[str, str], headers: Mapping[str, str]
) -> Locale | None:
    """The locale the page declares about itself, in order of trust.

    ``meta`` holds the page's meta tags by lower-case name (``_metadata.meta_tags_of``).
    """
    root = tree.root  # the <html> element, without a walk of the tree
    html = root if root is not None and root.tag == "html" else tree.css_first("html")
    if html is not None:
        locale = parse_locale(html.attributes.get("lang") or html.attributes.get("xml:lang"))
        if locale is not None:
            return locale
    for value in (
        meta.get("content-language"),
        meta.get("language"),
        meta.get("og:locale"),
        meta.get("dc.language"),
        headers.get("content-language"),
    ):
        locale = parse_locale((value or "").split(",")[0])
        if locale is not None:
            return locale
    return None


def detect_language(tree: LexborHTMLParser) -> str | None:
    """ISO 639-1 from a sample of the page's paragraph text (py3langid), or None."""
    sample = text_sample(tree)
    if len(sample) < _MIN_SAMPLE_CHARS:
        return None
    return guess_language(sample)


def text_sample(tree: LexborHTMLParser) -> str:
    parts: list[str] = []
    size = 0
    for node in tree.css("p, h1, h2, li"):
        text = node.text(deep=True, separator=" ", strip=True)
        if len(text) < 25:
            continue
        parts.append(text)
        size += len(text)
        if size >= _SAMPLE_CHARS:
            break
    if size < _MIN_SAMPLE_CHARS:
        body = tree.body
        return body.text(separator=" ", strip=True)[:_SAMPLE_CHARS] if body else ""
    return " ".join(parts)[:_SAMPLE_CHARS]
