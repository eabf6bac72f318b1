"""Where a search of ``text.lower()`` for lower-case words can stand in for an ``re.I``
pattern, and where it cannot.

``re.I`` matches a lower-case ASCII letter at three characters that ``str.lower`` leaves
as they are ("İ" U+0130 and "ı" U+0131 for i, "ſ" U+017F for s). A text holding none of
them has a lower-cased form in which a word search finds exactly what ``re.I`` finds; a
text holding one must still go through the ``re.I`` pattern. The fast paths of
``_furniture`` (notice words) and ``_labels`` (date labels) share this rule.
"""

from __future__ import annotations

import re

_BEYOND_LOWER = re.compile("[\u0130\u0131\u017f]")  # İ ı ſ


def folds_beyond_lower(text: str) -> bool:
    """``text`` holds a letter ``re.I`` folds to ASCII and ``str.lower`` does not."""
    return _BEYOND_LOWER.search(text) is not None
