"""Dates that the page's own words label as the publication date.

"This article was originally published on 26 Sep 2019", "Posted on Nov 21, 2018",
"Published: 3 May 2021": a label, then a date right after it, anywhere in the visible text.
An "originally"/"first" published date names the first publication outright; a plain
"published"/"posted" one is a fallback for pages whose dates have no machine-readable form.
Read-only on the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, create_tag

from newsdesk.extract._dates import search_date
from newsdesk.extract.html._casefold import folds_beyond_lower

_LABEL = re.compile(
    r"\b(?P<original>(?:originally|first)\s+)?(?:published|posted)(?:\s+(?:on|at))?\s*:?\s*",
    re.I,
)
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
# The same by lexbor tag id (lexbor's own tags have the same id in every document): the
# walk reads an int per node instead of making each tag's name a string.
_INVISIBLE_IDS = frozenset(create_tag(tag).tag_id for tag in _INVISIBLE)
_TEXT_ID = 2  # lexbor's LXB_TAG__TEXT: the tag id of text nodes ("-text")
# The labels' words: a page whose lower-cased text holds neither has no label (see
# ``_may_hold_label``).
_LABEL_WORDS = ("published", "posted")
_MAX_TEXT_CHARS = 60_000  # the article's top and body; far enough for a footer note
_DATE_WINDOW = 80  # the date must follow its label within this many characters
# Between the label and the date: nothing, a dash or colon, or a weekday ("on Tue 12 May").
_GAP = re.compile(r"[\s:–—-]{0,2}(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+)?", re.I)


@dataclass(frozen=True, slots=True)
class LabelledDates:
    original: str | None = None  # "originally published on ..." / "first published ..."
    posted: str | None = None  # the first "published on ..." / "posted on ..."


def labelled_dates(
    tree: LexborHTMLParser, *, dayfirst: bool | None, tz: str | None
) -> LabelledDates:
    """The first "originally published" date and the first "published/posted" date."""
    text = visible_text(tree, _MAX_TEXT_CHARS)
    posted: str | None = None
    if not _may_hold_label(text):
        return LabelledDates()
    for match in _LABEL.finditer(text):
        window = text[match.end() : match.end() + _DATE_WINDOW]
        found = search_date(window, dayfirst=dayfirst, tz=tz)
        if found is None or not _GAP.fullmatch(window[: found.start]):
            continue
        if match.group("original"):
            return LabelledDates(original=found.iso, posted=posted)
        posted = posted or found.iso
    return LabelledDates(posted=posted)


def _may_hold_label(text: str) -> bool:
    """False when ``_LABEL`` cannot match: no label word in the lower-cased text (a plain
    substring test, much faster than the ``re.I`` pattern over 60,000 characters), and none
    of the letters ``re.I`` matches that ``str.lower`` leaves alone."""
    lowered = text.lower()
    return any(word in lowered for word in _LABEL_WORDS) or folds_beyond_lower(text)


def visible_text(tree: LexborHTMLParser, limit: int) -> str:
    """Up to ``limit`` characters of the body's text, scripts and styles left out, spaces
    folded."""
    body = tree.body
    if body is None:
        return ""
    parts: list[str] = []
    size = 0
    for node in body.traverse(include_text=True, skip_empty=True):  # blank text adds nothing
        if node.tag_id != _TEXT_ID:
            continue
        parent = node.parent
        if parent is not None and parent.tag_id in _INVISIBLE_IDS:
            continue
        text = " ".join((node.text_content or "").split())
        if text:
            parts.append(text)
            size += len(text) + 1
            if size >= limit:
                break
    return " ".join(parts)[:limit]
