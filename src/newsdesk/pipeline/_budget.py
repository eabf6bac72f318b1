"""How much of one article the analyze stage reads: its analysis budget.

spaCy's time and memory grow with the number of tokens, and the rules after it with the
number of quote marks and tokens in a sentence; a 20 MB page is accepted by extraction.
The budget is ``Settings.max_analyze_chars`` characters, and a fifth as many tokens
(words, and marks or symbols on their own): ordinary prose (about 5.5 characters a token)
meets the character limit first, a page of quote marks or emoji (a token a character)
the token limit; and at most ``MAX_QUOTE_MARKS`` quote marks. The part analysed is
always a prefix of the text, so every offset found in it points into the whole text.
"""

from __future__ import annotations

import re

CHARS_PER_TOKEN = 5  # the token budget is max_analyze_chars // this
# Each quote's rules look at its whole sentence: quote marks packed into long sentences
# ('"a" "a" "a" ...') cost quotes x sentence length. A long news article holds a few
# hundred marks; analysis stops at this many (apostrophes, ’ and ', are not counted).
MAX_QUOTE_MARKS = 2_000
_TOKEN = re.compile(r"\w+|[^\w\s]")
_QUOTE_MARK = re.compile('["“”‘«»„‹›]')
_BREAKS = ("\n\n", ". ", "\n", " ")  # preferred cut points, best first


def analysis_cut(text: str, limit: int) -> int:
    """Where the analysed part of ``text`` ends: ``len(text)`` when the whole text is within
    the budget, else at the last paragraph break, sentence end or space in the last quarter
    before the budget runs out (else right there)."""
    end = _nth_match_start(_TOKEN, text, min(len(text), limit), limit // CHARS_PER_TOKEN)
    end = _nth_match_start(_QUOTE_MARK, text, end, MAX_QUOTE_MARKS)
    if end == len(text):
        return end
    lo = end - end // 4
    for mark in _BREAKS:
        cut = text.rfind(mark, lo, end)
        if cut > 0:
            return cut + (1 if mark == ". " else 0)
    return max(end, 1)


def _nth_match_start(pattern: re.Pattern[str], text: str, end: int, most: int) -> int:
    """Where the match after the first ``most`` of ``pattern`` in ``text[:end]`` starts,
    or ``end`` when there are no more than ``most``."""
    for count, match in enumerate(pattern.finditer(text, 0, end), 1):
        if count > most:
            return match.start()
    return end


def truncation_reason(limit: int) -> str:
    """The ``Article.skipped`` reason of an article cut short. The run summary counts skips
    by reason, so it names the budget, the same for every article cut."""
    return (
        f"text over the analysis budget ({limit:,} characters, {limit // CHARS_PER_TOKEN:,} "
        f"words and marks, or {MAX_QUOTE_MARKS:,} quote marks): only its start analysed"
    )
