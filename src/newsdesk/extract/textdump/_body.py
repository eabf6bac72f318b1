"""Find the article body among a dump's lines.

Each line gets a score: lines that read like prose (many words, sentence punctuation)
count for their word count; short lines without punctuation (menus, bylines, labels) and
known boilerplate (furniture, debug leftovers, dates, captions, repeats of the title or of
the header) count against, the more so the longer the streak they stand in. The body is the
run of lines with the highest total (the maximum-sum subarray), so a menu of forty short
links or a footer cannot join it, while a subheading or an "advertisement" line between two
paragraphs does not split it. A comment section ("34 Comments", "jane says:") or a dated
teaser met once the body is under way ends it: what follows weighs much less. Boilerplate
lines inside the run are then dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from newsdesk.extract.textdump._lines import Line
from newsdesk.extract.textdump._patterns import (
    CAPTION,
    COOKIE_OR_COPYRIGHT,
    DATE_LINE,
    DEBUG_LINE,
    END_OF_ARTICLE,
    FURNITURE,
    LINK_LIST_HEADING,
    TEASER,
)

_WORD = re.compile(r"\w+")
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SENTENCE_END = tuple(".!?。！？।؟…")
_CLOSERS = tuple("\"”’»)]'")

PROSE_WORDS = 10  # a line this long that ends a sentence reads as prose
LONG_WORDS = 25  # a line this long is prose even without final punctuation
SHORT_PENALTY = 3.0
MEDIUM_WORDS = 4
MEDIUM_SCORE = 1.0
LIST_ITEM_WORDS = 3  # a list announced by a colon goes on while its items are this long
STREAK_STEP = 4
STREAK_MAX = 4.0
JUNK_PENALTY = 8.0
LATER_SEGMENT_WEIGHT = 0.15  # text after an end-of-article line (comments) weighs less
SIGNIFICANT_WORDS = 40  # prose words that make a segment hold an article
DUPLICATED_ARTICLE = 0.8  # share of prose lines printed twice that means "the article twice"


@dataclass(frozen=True, slots=True)
class Body:
    start: int  # first line of the body run (index into the lines)
    end: int  # one past its last line
    keep: list[int]  # the lines kept as body paragraphs, in order


def word_count(text: str) -> int:
    """Words, counting two CJK characters as one word (those scripts use no spaces)."""
    wide = len(_WIDE.findall(text))
    return len(_WORD.findall(text)) - (1 if wide else 0) + wide // 2


def is_prose(text: str, words: int | None = None) -> bool:
    """Reads like body text: long, or a sentence (ending one, or going on in lower case
    from the line before, as a wrapped line does)."""
    words = word_count(text) if words is None else words
    if words >= LONG_WORDS:
        return True
    return words >= PROSE_WORDS and (ends_sentence(text) or text[:1].islower())


def ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation, possibly inside a closing quote or bracket."""
    text = text.rstrip()
    while text.endswith(_CLOSERS):
        text = text[:-1]
    return text.endswith(_SENTENCE_END)


def is_boilerplate(text: str, words: int) -> bool:
    """A line whose shape alone says it is not body text."""
    if DEBUG_LINE.match(text) or DATE_LINE.match(text):
        return True
    if words <= 12 and any(
        p.match(text) for p in (FURNITURE, TEASER, END_OF_ARTICLE, LINK_LIST_HEADING)
    ):
        return True
    if words <= 60 and CAPTION.search(text):
        return True
    return words <= 40 and bool(COOKIE_OR_COPYRIGHT.search(text))


def find_body(lines: list[Line], drop: set[str], title: str | None = None) -> Body:
    """The best run of body lines. ``drop``: case-folded lines known to be header repeats;
    ``title``: the page's title, whose repeat (the headline) marks where the article starts.

    End-of-article lines met inside a run of body text cut the dump into segments; the body
    is the best run of one segment, and segments after the first weigh less, so a long
    comment thread or a list of teasers does not beat the article before it.
    """
    repeats = _repeated_lines(lines)
    scores: list[float] = []
    junk: list[bool] = []
    ends: list[int] = []
    for i, line in enumerate(lines):
        words = word_count(line.text)
        folded = line.text.casefold()
        bad = is_boilerplate(line.text, words) or folded in drop or folded in repeats
        junk.append(bad)
        if words <= 30 and _ends_article(line.text):
            ends.append(i)
        scores.append(-JUNK_PENALTY if bad else _line_score(line.text, words))
    _grow_streaks(scores)
    anchor = _headline_index(lines, title.casefold()) if title else None
    start, end = _best_segment_run(scores, ends, anchor)
    end = _announced_list(lines, junk, end) if end else end
    return Body(start, end, _first_copies(lines, [i for i in range(start, end) if not junk[i]]))


def _line_score(text: str, words: int) -> float:
    """A line that is not junk: prose counts its words; a short sentence is neither body
    nor menu; anything else (a label, a menu item) counts against the run."""
    if is_prose(text, words):
        return float(words)
    if words >= MEDIUM_WORDS and ends_sentence(text):
        return MEDIUM_SCORE
    return -SHORT_PENALTY


def _first_copies(lines: list[Line], keep: list[int]) -> list[int]:
    """Each body line once: a paragraph printed again (the article twice) is dropped."""
    seen: set[str] = set()
    out: list[int] = []
    for i in keep:
        if lines[i].text not in seen:
            seen.add(lines[i].text)
            out.append(i)
    return out


def _headline_index(lines: list[Line], title: str) -> int | None:
    """The last repeat of the title that has prose shortly after it: the page's headline."""
    found = None
    for i, line in enumerate(lines[1:], start=1):
        if line.text.casefold() == title and any(
            is_prose(later.text) for later in lines[i + 1 : i + 16]
        ):
            found = i
    return found


def _grow_streaks(scores: list[float]) -> None:
    """Each line of a long streak of non-body lines costs more than the one before: a
    menu or a staff list of twenty names separates, three short lines in a body do not."""
    streak = 0
    for i, score in enumerate(scores):
        if score > 0:
            streak = 0
            continue
        scores[i] = score * min(1 + streak / STREAK_STEP, STREAK_MAX)
        streak += 1


def _announced_list(lines: list[Line], junk: list[bool], end: int) -> int:
    """A body that ends by announcing a list ("Tour dates:") goes on through the list."""
    if end < len(lines) and not junk[end] and lines[end].text.endswith(":"):
        end += 1
    if not lines[end - 1].text.endswith(":"):
        return end
    while end < len(lines) and not junk[end] and word_count(lines[end].text) >= LIST_ITEM_WORDS:
        end += 1
    return end


def _ends_article(text: str) -> bool:
    """Comments, an author box or a dated teaser: no body text after it."""
    return bool(END_OF_ARTICLE.match(text) or DATE_LINE.match(text))


def _cut_points(scores: list[float], ends: list[int], anchor: int | None) -> list[int]:
    """End-of-article lines met while inside a run of body text (a running total of scores
    above ``SIGNIFICANT_WORDS``), after the headline when it is known."""
    cuts: list[int] = []
    running = 0.0
    marks = set(ends)
    for i in range(anchor or 0, len(scores)):
        if i in marks and running >= SIGNIFICANT_WORDS:
            cuts.append(i)
            running = 0.0
        else:
            running = max(0.0, running + scores[i])
    return cuts


def _best_segment_run(scores: list[float], ends: list[int], anchor: int | None) -> tuple[int, int]:
    cuts = _cut_points(scores, ends, anchor)
    bounds = [0, *cuts, len(scores)]
    best: tuple[float, int, int] = (0.0, 0, 0)
    for k, (first, last) in enumerate(pairwise(bounds)):
        first = first + 1 if k else first
        start, end = _best_run(scores[first:last])
        gain = sum(scores[first + start : first + end]) * (LATER_SEGMENT_WEIGHT if k else 1.0)
        if gain > best[0]:
            best = (gain, first + start, first + end)
    return best[1], best[2]


def _repeated_lines(lines: list[Line]) -> set[str]:
    """Lines printed more than once: a header block twice, a menu in header and footer, a
    gallery caption, a teaser. An article does not repeat its own paragraphs, unless the
    whole article is in the dump twice: when nearly all the prose repeats, prose stays."""
    counts = Counter(line.text.casefold() for line in lines)
    repeated = {text for text, n in counts.items() if n > 1}
    prose = {line.text.casefold() for line in lines if is_prose(line.text)}
    if prose and len(prose & repeated) >= DUPLICATED_ARTICLE * len(prose):
        return repeated - prose
    return repeated


def _best_run(scores: list[float]) -> tuple[int, int]:
    """Kadane's maximum-sum subarray; an empty run when nothing scores above zero."""
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += score
        if total > best:
            best, best_start, best_end = total, start, i + 1
    return best_start, best_end
