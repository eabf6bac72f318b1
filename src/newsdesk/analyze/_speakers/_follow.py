"""Quotes that go on: a quotation with no cue of its own that continues the quote before
it, so the two are one record with two parts (the annotation convention of news quote sets:
one act of saying, one record).

* in the cue's own paragraph, right after the cue's sentence, when the cue sits between
  the two pieces: ``Sometimes employees don't follow the rules, he said. "But does that
  mean ...?"`` and ``"We don't want those people" working in prisons, she said. "This ..."``;
* as the next paragraph, opening with a quote mark, when the quote before ends in quoted
  words: ``"...," said Philip Luther, director at Amnesty. ¶ "The frequency ..."``.

Transcript turns ("PENCE: ...") keep one record a paragraph. A quotation after reported
speech in the paragraph before (``Erekat said it was ... ¶
"They wanted us ..."``) is its own record: the speaker is carried, the quote is new.
"""

from __future__ import annotations

from newsdesk.analyze._context import Analysis
from newsdesk.analyze._spans._assembly import Draft
from newsdesk.record import Quote

_CUE_TO_QUOTE = 160  # from the cue to the next quote: the rest of the cue's sentence
_OPENING = "\"“‘'„«"
_AFTER_QUOTED = "\"”’'»“. ,;:!?"  # what may follow the last quoted word up to paragraph end


def follows_on(analysis: Analysis, before: Quote, draft: Draft) -> bool:
    """Is ``draft`` (a quotation without a cue) the continuation of the quote ``before``?"""
    if draft.hit is not None or draft.kind != "direct" or before.cue is None:
        return False
    paras = analysis.paragraphs
    last = paras.index(before.parts[-1][0])
    here = paras.index(draft.start)
    if here == last:
        return _after_cue(analysis.text, before, draft)
    if here != last + 1 or last != paras.index(before.cue.span[0]) or _turn(analysis, before):
        return False
    return _opens_paragraph(analysis.text, paras.spans[here][0], draft.start) and _ends_quoted(
        analysis, before
    )


def _turn(analysis: Analysis, before: Quote) -> bool:
    """A transcript turn ('PENCE: ...'): each of the speaker's paragraphs stands alone."""
    cue = before.cue
    para_start = analysis.paragraphs.at(cue.span[0])[0] if cue else -1
    return cue is not None and cue.text.endswith(":") and cue.span[0] - para_start <= 2


def _after_cue(text: str, before: Quote, draft: Draft) -> bool:
    """'X, he said. "Y"': the cue stands between the quote before and this one, and only
    the rest of its sentence separates it from this quotation."""
    cue_start, cue_end = before.cue.span if before.cue else (0, 0)
    if not before.parts[-1][1] <= cue_start or cue_end > draft.start:
        return False
    gap = text[cue_end : draft.start]
    return len(gap) <= _CUE_TO_QUOTE and gap.count(".") + gap.count("?") <= 1


def _opens_paragraph(text: str, para_start: int, start: int) -> bool:
    lead = text[para_start:start]
    return len(lead) <= 2 and all(ch in _OPENING for ch in lead)


def _ends_quoted(analysis: Analysis, before: Quote) -> bool:
    """Does the quote before end in quoted words: a direct quote, or reported speech whose
    quoted words run to the end of its paragraph ('said the release "gives us hope ...', the
    quotation left open there as it goes on in the next paragraph)."""
    if before.kind == "direct":
        return True
    start, end = before.parts[-1]
    para_end = analysis.paragraphs.at(end)[1]
    if not all(ch in _AFTER_QUOTED for ch in analysis.text[end:para_end]):
        return False
    if before.kind == "mixed":
        return True
    last = analysis.text[start:end]  # a quotation left open: 'said the release "gives ...'
    return last.count("“") > last.count("”") or last.count('"') % 2 == 1
