"""Direct quotes from quote marks alone: every common mark style, quotes that run over
several paragraphs (each opens with a mark, only the last closes), and recovery from
unbalanced marks paragraph by paragraph. Pure string work, no NLP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.record import Span

# opening mark -> the closing marks it accepts
_DOUBLE_PAIRS: dict[str, str] = {
    '"': '"”',  # a straight opener closed by a curly mark happens in edited copy
    "“": '”“"',  # English “…”, and “…“ as some German texts write it
    "„": '“”"',  # German „…“, Polish/Romanian „…”
    "«": "»",
    "»": "«",  # Danish/German »…«
    "”": "”",  # Swedish/Finnish ”…”
    "〝": "〞〟",
    "「": "」",
    "『": "』",
}
_SINGLE_PAIRS: dict[str, str] = {"'": "'", "‘": "’‘", "‚": "‘’", "‹": "›", "›": "‹"}
_PARAGRAPH = re.compile(r"\n\s*")  # any line break ends a paragraph
_LETTER = re.compile(r"\w")


@dataclass(slots=True)
class DirectQuote:
    """Quoted text: ``parts`` exclude the marks; one part per paragraph it runs through."""

    parts: list[Span] = field(default_factory=list)
    closed: bool = True

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def paragraphs(text: str) -> list[Span]:
    """Paragraph ranges of ``text`` (separated by blank lines), whitespace trimmed."""
    spans: list[Span] = []
    pos = 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end)


def _is_single_open(text: str, i: int, start: int) -> bool:
    """A single mark opens a quote only at a word start: 'Yes', not don't or 90s'."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _LETTER.match(before) and bool(_LETTER.match(after) or after in '"“‘')


def _is_single_close(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1]
    return not _LETTER.match(after) and not before.isspace()


def _opening(text: str, i: int, start: int) -> tuple[str, int] | None:
    """(closing marks, mark length) for a quote opened at ``i``, or None if nothing opens."""
    ch = text[i]
    if text.startswith(("''", "``"), i) and _LETTER.match(text[i + 2 : i + 3] or " "):
        return "''", 2  # typewriter doubles: ``Yes'' and ''Yes''
    if ch in _DOUBLE_PAIRS:
        after = text[i + 1] if i + 1 < len(text) else " "
        if after.isspace() and ch in '"”»':
            return None  # a mark followed by a space closes, it does not open
        return _DOUBLE_PAIRS[ch], 1
    if ch in _SINGLE_PAIRS and _is_single_open(text, i, start):
        return _SINGLE_PAIRS[ch], 1
    return None


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[Span], Span | None]:
    """Closed quotes in one paragraph, and the quote still open at its end (if any)."""
    closed: list[Span] = []
    i = start
    while i < end:
        opening = _opening(text, i, start)
        if opening is None:
            i += 1
            continue
        closers, width = opening
        single = text[i] in _SINGLE_PAIRS and width == 1
        close = _find_close(text, i + width, end, closers, single)
        if close < 0:
            return closed, (i + width, end)
        if close > i + width:
            closed.append(_trim(text, i + width, close))
        i = close + (2 if closers == "''" else 1)
    return closed, None


def _find_close(text: str, pos: int, end: int, closers: str, single: bool) -> int:
    if closers == "''":
        found = text.find("''", pos, end)
        return found
    for j in range(pos, end):
        if text[j] in closers and (not single or _is_single_close(text, j)):
            return j
    return -1


def _reopens(text: str, para: Span) -> bool:
    """Does the paragraph open with a quote mark (a multi-paragraph quote continues)?"""
    start, end = para
    return start < end and _opening(text, start, start) is not None


def find_direct_quotes(text: str) -> list[DirectQuote]:
    """Every direct quote in ``text``; unbalanced marks are dropped paragraph by paragraph."""
    quotes: list[DirectQuote] = []
    running: DirectQuote | None = None  # a quote running over paragraphs
    paras = paragraphs(text)
    for index, para in enumerate(paras):
        closed, still_open = _scan_paragraph(text, *para)
        if running is not None:
            if closed and closed[0][0] - para[0] in (1, 2):
                running.parts.append(closed.pop(0))
                quotes.append(running)
                running = None
            elif (
                still_open is not None
                and still_open[0] - para[0] in (1, 2)
                and not closed
                and _LETTER.search(text, *still_open)
            ):
                running.parts.append(_trim(text, *still_open))
                still_open = None
            else:  # the run ended without a closing mark: keep what we have
                running.closed = False
                quotes.append(running)
                running = None
        quotes.extend(DirectQuote([span]) for span in closed)
        if still_open is None or not _LETTER.search(text, *still_open):
            continue
        nxt = paras[index + 1] if index + 1 < len(paras) else None
        opened_at_start = still_open[0] - para[0] in (1, 2)
        lead = text[para[0] : still_open[0]].rstrip(" \"“„«»”'‘")
        if (
            nxt is not None
            and _reopens(text, nxt)
            and (opened_at_start or lead.endswith((":", ",")))
        ):
            running = DirectQuote([_trim(text, *still_open)])
        elif opened_at_start and still_open[1] > still_open[0]:
            quotes.append(DirectQuote([_trim(text, *still_open)], closed=False))
    if running is not None:
        running.closed = False
        quotes.append(running)
    for quote in quotes:
        quote.parts = [(s, e) for s, e in quote.parts if _LETTER.search(text, s, e)]
    return sorted((q for q in quotes if q.parts), key=lambda q: q.start)
