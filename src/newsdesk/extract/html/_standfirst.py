"""The standfirst: a likely lead paragraph between the title and the kept body.

Many pages put the article's lead ("standfirst", "Vorspann", "chapô") in the header, next
to the title, byline and date, and the body in another container. The main region then
holds the body only and the lead is lost although the classifier finds it likely.

The rule: between the page's title heading and the first kept block, with nothing but
short, unlikely blocks (byline, date, photo credit) beside it, a block the classifier finds
likely, long enough to be prose, and marked up as a lead (its element or one of the two
above it is called "intro", "lead", "teaser", "standfirst", "excerpt", "sommario",
"chapo", "vorspann"...) is kept too. Nothing after the body is added: that is where
teasers for other articles are.

The markup condition is there because corpora disagree on leads: trafilatura's evaluation
pages count them as main text, ScrapingHub's article bodies leave out the decks, sublines
and abstracts that sit above the body; a block the page itself calls the intro is the
article's first paragraph in both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdesk.extract.html._segment import Candidate, Element

_MAX_GAP = 8  # candidates between the title and the body's first block
_MIN_LEAD_CHARS = 60  # a lead is prose, not a label
_MAX_OTHER_CHARS = 120  # what stands between: bylines, dates, credits
_LEVELS = 3  # the block's element and the two above it
_LEAD_HINT = re.compile(
    r"intro|lead|teaser|standfirst|sommario|chapo|chapeau|vorspann|einleitung"
    r"|entradilla|bajada|occhiello|catenaccio|zajawka|(?<![a-z])lid\b"
)
_NOT_LEAD_HINT = re.compile(
    r"description|caption|credit|byline|author|meta|date|image|photo|foto|media"
)


def _marked_as_lead(cand: Candidate) -> bool:
    element: Element | None = cand.element
    for _ in range(_LEVELS):
        if element is None:
            return False
        if _NOT_LEAD_HINT.search(element.hints):
            return False
        if _LEAD_HINT.search(element.hints):
            return True
        element = element.parent
    return False


def standfirst_rows(
    candidates: Sequence[Candidate],
    scores: Sequence[float],
    kept: Sequence[int],
    threshold: float,
    title_row: int | None,
) -> list[int]:
    """Rows (before ``kept``'s first) to keep as the article's lead, in document order."""
    if not kept or title_row is None:
        return []
    first = kept[0]
    if not 0 <= first - title_row - 1 <= _MAX_GAP:
        return []
    leads: list[int] = []
    for row in range(title_row + 1, first):
        size = len(candidates[row].text)
        if (
            scores[row] >= threshold
            and size >= _MIN_LEAD_CHARS
            and _marked_as_lead(candidates[row])
        ):
            leads.append(row)
        elif size > _MAX_OTHER_CHARS:
            return []  # something long and unlikely: not a header
    return leads


def title_row(candidates: Sequence[Candidate], before: int, title: str | None) -> int | None:
    """The last ``h1``, or block repeating the page's title, shortly before row ``before``."""
    key = " ".join(title.split()).casefold() if title else None
    for row in range(before - 1, max(before - _MAX_GAP - 2, -1), -1):
        cand = candidates[row]
        if cand.tag == "h1" or (key and " ".join(cand.text.split()).casefold() == key):
            return row
    return None
