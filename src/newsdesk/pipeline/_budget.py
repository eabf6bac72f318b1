"""How much of one article the analyze stage reads: its analysis budget.

spaCy's time and memory grow with the number of tokens, and the rules after it with the
number of quote marks and tokens in a sentence; a 20 MB page is accepted by extraction.
The budget is ``Settings.max_analyze_chars`` characters, and a fifth as many tokens
(words, and marks or symbols on their own): ordinary prose (about 5.5 characters a token)
meets the character limit first, a page of quote marks or emoji (a token a character)
the token limit. The part analysed is always a prefix of the text, so
every offset found in it points into the whole text.
"""

from __future__ import annotations

import re

CHARS_PER_TOKEN = 5  # the token budget is max_analyze_chars // this
_TOKEN = re.compile(r"\w+|[^\w\s]")
_BREAKS = ("\n\n", ". ", "\n", " ")  # preferred cut points, best first


def analysis_cut(text: str, limit: int) -> int:
    """Where the analysed part of ``text`` ends: ``len(text)`` when the whole text is within
    the budget, else at the last paragraph break, sentence end or space in the last quarter
    before the budget runs out (else right there)."""
    end = min(len(text), limit)
    budget = max(1, limit // CHARS_PER_TOKEN)
    for count, match in enumerate(_TOKEN.finditer(text, 0, end), 1):
        if count > budget:
            end = match.start()
            break
    if end == len(text):
        return end
    lo = end - end // 4
    for mark in _BREAKS:
        cut = text.rfind(mark, lo, end)
        if cut > 0:
            return cut + (1 if mark == ". " else 0)
    return max(end, 1)


def truncation_reason(limit: int) -> str:
    """The ``Article.skipped`` reason of an article cut short. The run summary counts skips
    by reason, so it names the budget, the same for every article cut."""
    return (
        f"text over the analysis budget ({limit:,} characters or "
        f"{limit // CHARS_PER_TOKEN:,} words and marks): only its start analysed"
    )
