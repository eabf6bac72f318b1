"""Display paragraphs that page extraction can leave in the text: photo captions ending in a
credit ("Protesters wore masks (Image: GETTY )", "... Photo: AP"), link boxes whose teasers
carry bracketed tags ("... Macron jibe [INSIGHT]| ... 'threatened ...' [REACTION]"), and
teaser lists of other stories: a headline, a dateline and a lede cut off with an ellipsis
("... stateless WASHINGTON: Expressing concern over ... may soon..."). No quote is taken
from them (news quote sets never annotate captions, headings or link teasers). Pure string
work."""

from __future__ import annotations

import re

from newsdesk.analyze._paragraphs import Paragraphs

_CREDIT = re.compile(
    r"(?:\((?:Image|Images|Photo|Photos|Picture|Pictures|Credit|Video)s?:[^()]{1,60}\)"
    r"|\b(?:Photo|Image|Picture)(?: credit)?: [^.!?]{1,60})\s*$",
    re.IGNORECASE,
)
_LINK_TAG = re.compile(r"\[[A-Z][A-Z ]{2,20}\]")  # "[VIDEO]", "[INSIGHT]", "[PICS]"
_DATELINE = re.compile(r"(?:^|\s)[A-Z][A-Z.]+(?: [A-Z][A-Z.]+)*: ")  # "NEW DELHI: "
_CUT_OFF = re.compile(r"\w(?:\.{3,}|…)$")  # "... may soon..."


def is_display(paragraph: str) -> bool:
    """Is ``paragraph`` a caption, a link box or a teaser of another story?"""
    if _CREDIT.search(paragraph) or len(_LINK_TAG.findall(paragraph)) >= 2:
        return True  # one bracketed word is an editor's insertion: 'said [CNN] lied'
    return bool(_CUT_OFF.search(paragraph) and _DATELINE.search(paragraph))


def display_paragraphs(text: str, paragraphs: Paragraphs) -> set[int]:
    """The indexes of the display paragraphs of ``text``."""
    return {i for i, (s, e) in enumerate(paragraphs.spans) if is_display(text[s:e])}
