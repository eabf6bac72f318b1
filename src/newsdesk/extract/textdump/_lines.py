"""Plain-text dumps as lines: normalised whitespace, one unit per paragraph or block line.

Scrapers write a page as text in a few ways: one block per line with blank lines between
(the seed), one block per line and no blank lines, or hard-wrapped paragraphs (e-mail style,
~70 columns) separated by blank lines. ``split_lines`` turns all of them into a list of
``Line``: one per block, whitespace collapsed, with the paragraph group it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.extract.textdump._patterns import DEBUG_LINE

_NEWLINES = re.compile(r"\r\n?|[\f\v\x1c\x1d\x1e\x85\u2028\u2029]")
_PAGE_BREAK = re.compile(r"[\f\v]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")
_TERMINAL = tuple('.!?。！？।؟…:;"”’»)')

# A hard-wrapped paragraph: lines of similar width, most of them this long or longer.
_WRAP_MIN = 40
_WRAP_MAX = 100
_WRAP_SPREAD = 30
_MIN_WRAP_RUN = 3


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    group: int  # index of the blank-line-separated group the line came from


def normalise(text: str) -> str:
    """One kind of line break, page breaks as blank lines, no invisible characters."""
    text = _PAGE_BREAK.sub("\n\n", text)
    text = _NEWLINES.sub("\n", text)
    return _INVISIBLE.sub("", text)


def split_lines(text: str) -> list[Line]:
    """The dump as block lines, hard-wrapped paragraphs joined back into one line."""
    lines: list[Line] = []
    group: list[str] = []
    index = 0
    for raw in normalise(text).split("\n"):
        clean = _SPACES.sub(" ", raw).strip()
        if clean:
            group.append(clean)
            continue
        if group:
            lines.extend(Line(t, index) for t in _unwrap(group))
            group = []
            index += 1
    if group:
        lines.extend(Line(t, index) for t in _unwrap(group))
    return lines


def _unwrap(group: list[str]) -> list[str]:
    """Join hard-wrapped paragraphs (a whole group, or runs of wrap-width lines inside a
    group without blank lines); leave one-block-per-line text alone."""
    if len(group) < 2:
        return group
    if _looks_wrapped(group):
        return [_join(group)]
    out: list[str] = []
    i = 0
    while i < len(group):
        j = i
        while j < len(group) and _WRAP_MIN <= len(group[j]) <= _WRAP_MAX:
            j += 1
        if j - i < _MIN_WRAP_RUN:  # no run, or too short to tell: lines stay as they are
            out.extend(group[i : max(i + 1, j)])
            i = max(i + 1, j)
            continue
        end = j + 1 if j < len(group) and not group[j - 1].endswith(_TERMINAL) else j
        run = group[i:end]
        out.extend([_join(run)] if _looks_wrapped(run) else run)
        i = end
    return out


def _join(lines: list[str]) -> str:
    joined = lines[0]
    for line in lines[1:]:
        if joined.endswith("-") and not joined.endswith(" -") and line[:1].islower():
            joined = joined[:-1] + line
        else:
            joined = joined + " " + line
    return joined


def _common_width(group: list[str]) -> bool:
    """All lines but the last are about as long as a wrapped line is."""
    widths = [len(line) for line in group[:-1]]
    if max(widths) > _WRAP_MAX or min(widths) < _WRAP_MIN:
        return False
    return max(widths) - min(widths) <= _WRAP_SPREAD


def _looks_wrapped(group: list[str]) -> bool:
    if any(DEBUG_LINE.match(line) for line in group):
        return False
    if len(group) == 2:  # too few lines to see a common width: join only a clear continuation
        first, second = group
        return _WRAP_MIN <= len(first) <= _WRAP_MAX and second[:1].islower() and " " in first
    if not _common_width(group):
        return False
    # Wrapped lines mostly break mid-sentence, so many lines go on in lower case; a list of
    # headlines or one block per line mostly ends a sentence or starts with a capital.
    breaks = len(group) - 1
    open_ends = sum(1 for line in group[:-1] if not line.endswith(_TERMINAL))
    lower_starts = sum(1 for line in group[1:] if line[:1].islower())
    return open_ends * 2 >= breaks and lower_starts * 5 >= breaks * 2
