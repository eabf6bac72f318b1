"""Language identification of a text sample: the one place that calls py3langid."""

from __future__ import annotations

import py3langid  # type: ignore[import-untyped]  # py3langid ships no type information


def guess_language(sample: str) -> str | None:
    """py3langid's ISO 639-1 code for ``sample`` (it always names one language)."""
    language, _score = py3langid.classify(sample)
    return str(language) if language else None
