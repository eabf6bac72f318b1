"""Direct quotes from quote marks alone: every common mark style, quotes that run over
several paragraphs (each opens with a mark, only the last closes), and recovery from
unbalanced marks paragraph by paragraph. Pure string work, no NLP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.analyze._paragraphs import paragraphs, trim
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
_LETTER = re.compile(r"\w")
_CLOSERS = '"”»'  # a quote closed earlier in the paragraph: '"X," he said. "Y ...'


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
            closed.append(trim(text, i + width, close))
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
            running, still_open = _continue_run(text, para, running, (closed, still_open), quotes)
        quotes.extend(DirectQuote([span]) for span in closed)
        if still_open is None or not _LETTER.search(text, *still_open):
            continue
        nxt = paras[index + 1] if index + 1 < len(paras) else None
        running = _open_run(text, para, still_open, nxt, quotes)
    if running is not None:
        running.closed = False
        quotes.append(running)
    for quote in quotes:
        quote.parts = [(s, e) for s, e in quote.parts if _LETTER.search(text, s, e)]
    return sorted((q for q in quotes if q.parts), key=lambda q: q.start)


def _continue_run(
    text: str,
    para: Span,
    run: DirectQuote,
    scanned: tuple[list[Span], Span | None],
    quotes: list[DirectQuote],
) -> tuple[DirectQuote | None, Span | None]:
    """Carry a quote running over paragraphs into ``para`` (``scanned``: its closed quotes,
    taken from, and the quote open at its end). The run closes at the paragraph's first mark,
    runs on when the paragraph opens with a mark that never closes, else ends unclosed.
    Returns the run still going (or None) and what is left open in the paragraph."""
    closed, still_open = scanned
    if closed and closed[0][0] - para[0] in (1, 2):
        run.parts.append(closed.pop(0))
        quotes.append(run)
        return None, still_open
    if (
        still_open is not None
        and still_open[0] - para[0] in (1, 2)
        and not closed
        and _LETTER.search(text, *still_open)
    ):
        run.parts.append(trim(text, *still_open))
        return run, None
    run.closed = False  # the run ended without a closing mark: keep what we have
    quotes.append(run)
    return None, still_open


def _open_run(
    text: str, para: Span, still_open: Span, nxt: Span | None, quotes: list[DirectQuote]
) -> DirectQuote | None:
    """A quote still open at the end of ``para``: a run when the next paragraph reopens and
    the quote opened the paragraph or follows a colon or comma; else, when it opened the
    paragraph or opened a sentence after a quote and its cue ('"X," he said. "Y ...'), an
    unclosed quote of its own."""
    opened_at_start = still_open[0] - para[0] in (1, 2)
    lead = text[para[0] : still_open[0]].rstrip(" \"“„«»”'‘")
    if nxt is not None and _reopens(text, nxt) and (opened_at_start or lead.endswith((":", ","))):
        return DirectQuote([trim(text, *still_open)])
    opens_sentence = lead.endswith((".", "?", "!")) and any(ch in _CLOSERS for ch in lead)
    if (opened_at_start or opens_sentence) and still_open[1] > still_open[0]:
        quotes.append(DirectQuote([trim(text, *still_open)], closed=False))
    return None
