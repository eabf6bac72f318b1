"""Counts per week as an inline SVG bar chart, drawn on the server: no script, no style
attribute (sizes are SVG geometry, colours come from the stylesheet's classes).

``weekly(dates)`` buckets ISO dates into weeks starting on Monday, with the empty weeks
between the first and last kept (a gap in the chart is a gap in time)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH = 640
HEIGHT = 160
MARGIN_LEFT = 32
MARGIN_BOTTOM = 22
MIN_WEEKS = 12  # a short history is drawn after empty weeks, so one week is no wall of colour
MAX_BAR = 28.0
MAX_WEEKS = 260  # five years of bars; older weeks are folded into the first one shown


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    week: date
    count: int


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    minor: bool = False  # between the first and the last: hidden where the chart is narrow
    anchor: str = "middle"  # SVG text-anchor: the first label starts, the last one ends


@dataclass(frozen=True, slots=True)
class Chart:
    """Geometry for the ``chart`` template macro, in the SVG's own units."""

    bars: list[Bar]
    ticks: list[Tick]
    top: int  # the count at the top of the scale
    width: int = WIDTH
    height: int = HEIGHT
    left: int = MARGIN_LEFT
    bottom: int = HEIGHT - MARGIN_BOTTOM

    @property
    def total(self) -> int:
        return sum(b.count for b in self.bars)


def week_of(iso: str | None) -> date | None:
    """The Monday of the week of an ISO date or date-time (``None`` when it is no date)."""
    if not iso or len(iso) < 10:
        return None
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return None
    return day - timedelta(days=day.weekday())


def weekly(dates: Iterable[str | None]) -> list[tuple[date, int]]:
    """Counts per week (Monday first), every week from the first to the last, in order."""
    counts = Counter(w for w in map(week_of, dates) if w is not None)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    if (last - first).days // 7 >= MAX_WEEKS:
        first = last - timedelta(weeks=MAX_WEEKS - 1)
        folded = sum(n for w, n in counts.items() if w < first)
        counts[first] += folded
    weeks = (last - first).days // 7 + 1
    return [(first + timedelta(weeks=i), counts.get(first + timedelta(weeks=i), 0))
            for i in range(weeks)]  # fmt: skip


def _nice_top(most: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if most <= step * 4:
            return max(step * -(-most // step), 1)
    return most


def chart(weeks: Sequence[tuple[date, int]]) -> Chart:
    """Bars for ``weeks`` (from ``weekly``), scaled to the largest week; a week with
    quotes always gets a visible bar."""
    if not weeks:
        return Chart([], [], 0)
    if len(weeks) < MIN_WEEKS:
        first = weeks[0][0]
        padding = [(first - timedelta(weeks=n), 0) for n in range(MIN_WEEKS - len(weeks), 0, -1)]
        weeks = [*padding, *weeks]
    top = _nice_top(max(n for _, n in weeks))
    plot_w = WIDTH - MARGIN_LEFT - 4
    plot_h = HEIGHT - MARGIN_BOTTOM - 8
    slot = plot_w / len(weeks)
    gap = max(min(2.0, slot * 0.2), slot - MAX_BAR)
    bars = []
    for i, (week, count) in enumerate(weeks):
        h = max(plot_h * count / top, 2.0) if count else 0.0
        x = MARGIN_LEFT + i * slot + gap / 2
        bars.append(Bar(round(x, 2), round(HEIGHT - MARGIN_BOTTOM - h, 2),
                        round(max(slot - gap, 1.0), 2), round(h, 2), week, count))  # fmt: skip
    return Chart(bars, _ticks(weeks, slot), top)


def _ticks(weeks: Sequence[tuple[date, int]], slot: float) -> list[Tick]:
    """At most six date labels under the bars, evenly spread, first and last included."""
    n = len(weeks)
    if n == 1:
        return [Tick(MARGIN_LEFT + slot / 2, weeks[0][0].isoformat())]
    wanted = min(6, n)
    picks = sorted({round(i * (n - 1) / (wanted - 1)) for i in range(wanted)})
    ticks = []
    for i in picks:
        left, label = MARGIN_LEFT + i * slot, weeks[i][0].isoformat()
        if i == picks[0]:  # under the first bar, reading rightwards
            ticks.append(Tick(round(left, 2), label, anchor="start"))
        elif i == picks[-1]:  # under the last bar, ending at its right edge
            ticks.append(Tick(round(left + slot, 2), label, anchor="end"))
        else:
            ticks.append(Tick(round(left + slot / 2, 2), label, minor=True))
    return ticks
