"""Joining quote marks and cues into quotes: a cue's content that is mostly quoted text is a
direct quote, content with a quoted fragment is mixed, content without quote marks is
indirect; a quote left without a cue takes the nearest cue in its paragraph ("X," he said,
"Y": one quote, two parts), else it stays unattributed (the speaker is resolved later).
Captions, link boxes and teasers of other stories (``_display``) give no quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from newsdesk.analyze._confidence import MIN_WEIGHT
from newsdesk.analyze._context import Analysis
from newsdesk.analyze._paragraphs import Paragraphs
from newsdesk.analyze._spans._direct import DirectQuote
from newsdesk.analyze._spans._display import display_paragraphs
from newsdesk.analyze._syntax import CueHit
from newsdesk.record import QuoteKind, Span

SCARE_WORDS = 3  # quoted fragments this short need an attribution verb to count as quotes
DIRECT_SHARE = 0.6  # share of a cue's content inside quote marks that makes it direct
AFTER_GAP = 60  # characters from a closing mark to a cue: '," Hamilton added'
_BEFORE_GAP = 50  # from a cue to an opening mark: 'he said: "'
_COLON_GAP = 120  # 'who told Congress when asked last month about the inquiry: "'
_GAP_MARKS = "\"”»’'“ \n.,"  # closing marks, spaces and line breaks between a quote and its cue
_NEXT_SENTENCE_GAP = 160  # '"X," said Y, head of Z. "More."' continues the same quote
_SENTENCE_END = re.compile(r"[.!?]\s")
_SENTENCE_DONE = re.compile(r"[.!?][\"”’']?\s*$")  # a paragraph that ends its sentence
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]$")
# titles and abbreviations whose period does not end a sentence ("Ms. Moore said")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr rep sen gov gen lt col sgt capt adm prof rev sr jr st mt ft no vs
    pres supt insp det cmdr maj brig""".split()
)


@dataclass(slots=True)
class Draft:
    """A quote before its speaker is resolved: its parts, kind and the cue hit it came from."""

    parts: list[Span]
    kind: QuoteKind
    hit: CueHit | None

    @property
    def start(self) -> int:
        return self.parts[0][0]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _quoted_share(quotes: list[DirectQuote], content: list[Span]) -> float:
    total = sum(e - s for s, e in content) or 1
    inside = sum(_overlap(p, c) for q in quotes for p in q.parts for c in content)
    return inside / total


class QuoteList:
    """Direct quotes in text order, with the lookups assembly needs (bisect, not scans)."""

    def __init__(self, quotes: list[DirectQuote]) -> None:
        self.quotes = quotes
        self.ends = [q.end for q in quotes]

    def touching(self, spans: list[Span]) -> list[int]:
        found: list[int] = []
        for start, end in spans:
            i = bisect_right(self.ends, start)
            while i < len(self.quotes) and self.quotes[i].start < end:
                quote = self.quotes[i]
                if any(_overlap(p, (start, end)) for p in quote.parts) and i not in found:
                    found.append(i)
                i += 1
        return found


def _from_content(hit: CueHit, quotes: QuoteList, used: set[int]) -> Draft | None:
    direct = quotes.quotes
    touching = quotes.touching(hit.content)
    if not touching:
        return Draft(list(hit.content), "indirect", hit)
    share = _quoted_share([direct[i] for i in touching], hit.content)
    fresh = [i for i in touching if i not in used]
    used.update(touching)
    if share >= DIRECT_SHARE:
        if not fresh:
            return None  # that quote is already attributed
        parts = sorted(p for i in fresh for p in direct[i].parts)
        return Draft(parts, "direct", hit)
    return Draft(list(hit.content), "mixed", hit)


def _nearest_cue(
    text: str,
    quote: DirectQuote,
    hits: list[CueHit],
    starts: list[int],
    paras: Paragraphs,
    owners: set[int],
) -> int | None:
    """The cue right after the quote (same sentence or a short gap) or right before it."""
    around = (paras.at(quote.start), paras.at(quote.end))
    best: tuple[int, int] | None = None
    lo = bisect_right(starts, quote.start - _NEXT_SENTENCE_GAP - 40)
    hi = bisect_right(starts, quote.end + AFTER_GAP)
    for index in range(lo, hi):
        hit = hits[index]
        if not hit.speech:
            continue
        distance = _cue_distance(text, quote, hit, around, index in owners)
        if distance is not None and (best is None or distance < best[0]):
            best = (distance, index)
    return best[1] if best else None


def _cue_distance(
    text: str, quote: DirectQuote, hit: CueHit, around: tuple[Span, Span], owner: bool
) -> int | None:
    """How far ``hit``'s cue is from ``quote`` when it can attribute it (None when it
    cannot). ``around``: the paragraphs of the quote's start and end; ``owner``: the hit
    already owns a direct quote."""
    first_para, last_para = around
    cue_start, cue_end = hit.cue
    if last_para[0] <= cue_start <= last_para[1] and cue_start >= quote.end:
        return _distance_after(text, quote, hit, owner)
    if (
        cue_start >= quote.end
        and not hit.content
        and not hit.cue_text.endswith(":")  # 'PENCE:' opens the next turn
        and not text[quote.end : cue_start].strip(_GAP_MARKS)
    ):
        return cue_start - quote.end  # '“…” ¶ - Bernie Sanders': only marks between
    if cue_end <= quote.start and _introduces(text, cue_end, quote.start):
        return quote.start - cue_end  # 'Cruz continued: ¶ “You look at …”'
    if first_para[0] <= cue_end <= first_para[1] and cue_end <= quote.start:
        return _distance_before(text, quote, cue_end, owner)
    return None


def _distance_after(text: str, quote: DirectQuote, hit: CueHit, owner: bool) -> int | None:
    """A cue after the quote in its last paragraph: close, in the same sentence."""
    gap = text[quote.end : hit.cue[0]]
    if _full_stop(text, quote) and hit.content and not owner:
        return None  # '"… campaign." Kasich said he would …': a new sentence, its own quote
    if len(gap) <= AFTER_GAP and "\n" not in gap and not _ends_sentence(gap[1:]):
        return len(gap)
    return None


def _distance_before(text: str, quote: DirectQuote, cue_end: int, owner: bool) -> int | None:
    """A cue before the quote in its first paragraph: right before it, or introducing it
    with a colon or comma, or the cue of the quote before ('"X," he said. "Y."')."""
    gap = text[cue_end : quote.start].strip().rstrip("\"“„«‘'").rstrip()
    if gap == "" or (len(gap) <= _BEFORE_GAP and gap.endswith((":", ","))):
        return len(gap) + 1
    if gap.endswith(":") and len(gap) <= _COLON_GAP and not _ends_sentence(gap):
        return len(gap) + 1
    if len(gap) <= _NEXT_SENTENCE_GAP and gap.endswith(".") and owner:
        return len(gap) + _NEXT_SENTENCE_GAP  # '"X," he said. "Y."': one quote
    return None


def _full_stop(text: str, quote: DirectQuote) -> bool:
    """Does the quoted text end in a period ('… campaign."'), not a comma or an ellipsis?"""
    return text[quote.end - 1 : quote.end] == "." and text[quote.end - 3 : quote.end] != "..."


def _introduces(text: str, cue_end: int, quote_start: int) -> bool:
    """A cue at the end of the paragraph before the quote, ending in a colon."""
    gap = text[cue_end:quote_start]
    lead = gap.rstrip("\"“„«‘' \n")
    return "\n" in gap and "\n" not in lead and lead.endswith(":") and len(lead) <= _BEFORE_GAP


def _within(text: str, spans: list[Span], para: Span, quotes: QuoteList) -> list[Span]:
    """``spans`` cut to the cue's paragraph ``para`` when they start in an earlier paragraph
    or reach a quote in a later one: a parse that ran over a paragraph break must not pull a
    neighbour's words into this cue's content. A paragraph ending in a colon introduces the
    next ones."""
    end = len(text) if text[para[0] : para[1]].endswith(":") else para[1]
    before = [(s, min(e, para[0])) for s, e in spans if s < para[0]]
    after = [(max(s, end), e) for s, e in spans if e > end]
    ended = _SENTENCE_DONE.search(text, para[0], para[1]) is not None
    if not any(e > s for s, e in before) and not (ended or quotes.touching(after)):
        return spans
    clipped = [(max(s, para[0]), min(e, end)) for s, e in spans]
    return [(s, e) for s, e in clipped if e > s]


def _ends_sentence(gap: str) -> bool:
    """Does ``gap`` hold a sentence end? Not after a title, an initial or 'U.S.'."""
    for match in _SENTENCE_END.finditer(gap):
        word = _WORD_BEFORE.search(gap, 0, match.start() + 1)
        if match.group()[0] != "." or word is None:
            return True
        token = word.group(1).lower()
        if not (token in _ABBREVIATIONS or len(token) == 1 or "." in token):
            return True
    return False


def assemble(
    analysis: Analysis,
    direct: list[DirectQuote],
    hits: list[CueHit],
    fragment: Callable[[list[Span]], CueHit | None],
) -> list[Draft]:
    """Quotes in text order; each carries the cue hit it came from (or None).
    ``fragment`` gives the cue of a quote that has none nearby."""
    text = analysis.text
    quotes = QuoteList(direct)
    used: set[int] = set()  # direct quotes taken by some cue's content
    by_hit = _content_drafts(analysis, hits, quotes, used)
    drafts = list(by_hit.values())
    owners = {i for i, d in by_hit.items() if d.kind == "direct"}
    starts = [h.cue[0] for h in hits]
    for qi, quote in enumerate(direct):
        if qi in used:
            continue
        nearest = _nearest_cue(text, quote, hits, starts, analysis.paragraphs, owners)
        if nearest is not None:
            _attach(quote, nearest, hits, (by_hit, owners), drafts)
            continue
        cue = fragment(quote.parts)
        if not _scare_quote(text, quote, cue):
            drafts.append(Draft(list(quote.parts), "direct", cue))
    display = display_paragraphs(text, analysis.paragraphs)
    drafts = [d for d in drafts if analysis.paragraphs.index(d.start) not in display]
    drafts.sort(key=lambda d: d.start)
    return _drop_nested(drafts)


def _content_drafts(
    analysis: Analysis, hits: list[CueHit], quotes: QuoteList, used: set[int]
) -> dict[int, Draft]:
    """The drafts of the cue hits with content (cut to the cue's paragraph), by hit index,
    in hit order; the direct quotes they take are added to ``used``."""
    by_hit: dict[int, Draft] = {}
    for index, hit in enumerate(hits):
        para = analysis.paragraphs.at(hit.cue[0])
        hit.content = _within(analysis.text, hit.content, para, quotes)
        if hit.content:
            draft = _from_content(hit, quotes, used)
            if draft is not None:
                by_hit[index] = draft
    return by_hit


def _attach(
    quote: DirectQuote,
    index: int,
    hits: list[CueHit],
    owned: tuple[dict[int, Draft], set[int]],
    drafts: list[Draft],
) -> None:
    """Attribute ``quote`` to the cue hit ``hits[index]``: a second part of that hit's direct
    quote ('"X," he said, "Y"'), a quote of its own beside the hit's reported content, or
    the hit's first quote. ``owned``: the drafts by hit index and the hits owning a direct
    quote, both updated."""
    by_hit, owners = owned
    owner = by_hit.get(index)
    if owner is not None and owner.kind == "direct":
        owner.parts = sorted(owner.parts + quote.parts)  # a split quote
        owners.add(index)
    elif owner is not None:
        drafts.append(Draft(list(quote.parts), "direct", hits[index]))
    else:
        by_hit[index] = Draft(list(quote.parts), "direct", hits[index])
        drafts.append(by_hit[index])
        owners.add(index)


def _scare_quote(text: str, quote: DirectQuote, hit: CueHit | None) -> bool:
    """A word or two in quote marks with no attribution verb: 'the "fiscal cliff"'."""
    words = sum(len(text[s:e].split()) for s, e in quote.parts)
    return words <= SCARE_WORDS and (hit is None or hit.weight < MIN_WEIGHT)


def _drop_nested(drafts: list[Draft]) -> list[Draft]:
    """A cue inside another quote's content is kept only as a named speech act
    ('that Smith said ...'); 'the alliance wants ...' inside a quote is part of that quote."""
    parts = sorted((s, e, id(d)) for d in drafts for s, e in d.parts)
    starts = [p[0] for p in parts]
    reach = max((e - s for s, e, _ in parts), default=0)
    kept: list[Draft] = []
    for draft in drafts:
        hit = draft.hit
        if hit is not None and not _named_speech(hit):
            cue = hit.cue[0]
            lo = bisect_right(starts, cue - reach - 1)
            hi = bisect_right(starts, cue)
            if any(parts[k][2] != id(draft) and parts[k][1] > cue for k in range(lo, hi)):
                continue
        kept.append(draft)
    return kept


def _named_speech(hit: CueHit) -> bool:
    return hit.speech and hit.speaker is not None and hit.speaker.pos_ == "PROPN"
