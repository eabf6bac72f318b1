"""The web UI's pure pieces: quote highlighting, safe links, weekly charts, view records.
No server here (``test_web_ui_browser`` drives the pages in a browser)."""

from __future__ import annotations

from datetime import date

import pytest
from markupsafe import Markup
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from newsdesk.record import Article, Block
from newsdesk.store._records import ArticleQuote, ArticleRecord, Bucket
from newsdesk.web import _charts, _views
from newsdesk.web._article_view import article_view
from newsdesk.web._highlight import Mark, paragraphs, render
from newsdesk.web._links import outlet_path, query, safe_url

HOSTILE = '<script>alert(1)</script> </textarea></title><img src=x onerror=alert(2)> "q" & a'


def quote(start: int, end: int, label: str = "X") -> Mark:
    return Mark(start, end, "quote", "q q0", Markup("<b>{}</b>").format(label))


def test_render_escapes_every_piece_of_text() -> None:
    html = render(HOSTILE, [quote(0, 10, HOSTILE)])
    tree = HTMLParser(f"<div>{html}</div>")
    assert tree.css("script") == [] and tree.css("img") == []
    # the quoted text, its popover, the rest: all of it text
    assert tree.css_first("div").text() == HOSTILE[:10] + HOSTILE + HOSTILE[10:]
    assert "&lt;script&gt;" in html and "<script" not in html


def test_nested_quotes_nest_and_crossing_quotes_are_cut() -> None:
    text = "abcdefghij"
    nested = render(text, [quote(0, 8), quote(2, 5)])
    tree = HTMLParser(nested)
    outer = tree.css("mark")
    assert len(outer) == 2 and outer[0].css_first("mark") is not None
    crossing = render(text, [quote(0, 5, "A"), quote(3, 9, "B")])
    # B is cut at A's end: one piece inside A (3..5), one after it (5..9)
    tree = HTMLParser(crossing)
    assert [m.css_first("b").text() for m in tree.css("mark > mark")] == ["B"]
    assert [p.text() for p in tree.css("mark > .pop")] == ["B", "A", "B"]
    visible = HTMLParser(crossing.replace("<b>A</b>", "").replace("<b>B</b>", "")).text()
    assert visible == text


def test_nothing_nests_inside_an_entity_link() -> None:
    text = "NATO said"
    html = render(text, [Mark(0, 4, "entity", href="/entities/1"), quote(1, 3)])
    tree = HTMLParser(html)
    assert tree.css_first("a").attributes["href"] == "/entities/1"
    assert tree.css("mark") == []
    assert tree.text() == text


def test_paragraphs_cut_marks_at_block_edges() -> None:
    blocks = [("paragraph", "one two"), ("heading", "three")]
    # a quote from "two" in the first block to "th" in the second (offsets in "a\n\nb")
    found = paragraphs(blocks, [quote(4, 11)])
    assert [p.kind for p in found] == ["paragraph", "heading"]
    first, second = (HTMLParser(str(p.html)) for p in found)
    assert first.css_first("mark").text(deep=False) == "two"
    assert second.css_first("mark").text(deep=False) == "th"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)//http://x", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//example.org/x", False),
        ("/relative/path", False),
        ("https://exa mple.org/", False),
        ("http://[::1", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url_keeps_only_http_links(url: str | None, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept


def test_query_and_outlet_paths_quote_everything() -> None:
    assert query({"q": 'a "b" & c', "page": 2, "site": ""}) == "?q=a+%22b%22+%26+c&page=2"
    assert outlet_path("A/B <x>?") == "/outlets/A%2FB%20%3Cx%3E%3F"


def test_weekly_fills_empty_weeks_and_chart_scales_bars() -> None:
    weeks = _charts.weekly(["2026-05-20T15:49+02:00", "2026-05-21", "2026-06-03", None, "bad"])
    assert weeks == [(date(2026, 5, 18), 2), (date(2026, 5, 25), 0), (date(2026, 6, 1), 1)]
    chart = _charts.chart(weeks)
    drawn = [b for b in chart.bars if b.count]
    assert len(chart.bars) == _charts.MIN_WEEKS and chart.total == 3
    assert drawn[0].height == pytest.approx(2 * drawn[1].height)
    assert all(b.width <= _charts.MAX_BAR for b in chart.bars)
    assert chart.ticks[-1].label == "2026-06-01"
    assert [(t.anchor, t.minor) for t in chart.ticks[:: len(chart.ticks) - 1]] == [
        ("start", False),
        ("end", False),
    ]
    assert all(t.minor and t.anchor == "middle" for t in chart.ticks[1:-1])


def test_weeks_chart_reads_iso_week_buckets() -> None:
    chart = _views.weeks_chart([Bucket("2026-W21", 4), Bucket("2026-W25", 1), Bucket("x", 9)])
    counts = [(b.week.isoformat(), b.count) for b in chart.bars if b.count]
    assert counts == [("2026-05-18", 4), ("2026-06-15", 1)]
    assert _views.weeks_chart([]).bars == []


@pytest.mark.parametrize(
    ("iso", "text"),
    [
        ("2026-05-20T15:49+02:00", "20 May 2026, 15:49 UTC+02:00"),
        ("2019-11-19T06:56:43-05:00", "19 Nov 2019, 06:56 UTC−05:00"),
        ("2019-11-20T09:29:08+00:00", "20 Nov 2019, 09:29 UTC"),
        ("2019-11-18", "18 Nov 2019"),
        ("2019-11-18T10:00", "18 Nov 2019, 10:00 (zone unknown)"),
        ("not a date", "not a date"),
    ],
)
def test_dates_show_their_zone(iso: str, text: str) -> None:
    found = _views.moment(iso)
    assert found is not None and found.text == text and found.iso == iso


def test_snippet_marks_matches_and_escapes_the_rest() -> None:
    o, c = _views.SNIPPET_MARKS
    html = _views.snippet(f"<b>x</b> {o}Serbia{c} and {o}<script>{c}")
    assert html == "&lt;b&gt;x&lt;/b&gt; <mark>Serbia</mark> and <mark>&lt;script&gt;</mark>"


def _quote(speaker: str | None, speaker_id: int | None, start: int, end: int) -> ArticleQuote:
    return ArticleQuote(None, "", "direct", ((start, end),), "said", None, speaker, speaker_id,
                        None, 0.9, ("Ambassador",), ("NATO",))  # fmt: skip


def test_article_view_colours_speakers_and_refuses_script_links() -> None:
    text = "one two three four"
    article = Article(
        source="x",
        content_hash="h",
        title=HOSTILE,
        url="javascript:alert(1)",
        canonical_url="https://example.org/a",
        blocks=[Block("paragraph", text)],
    )
    quotes = (_quote("Ann", 3, 0, 3), _quote("Bo", 4, 4, 7), _quote("Ann", 3, 8, 13),
              _quote(None, None, 14, 18))  # fmt: skip
    record = ArticleRecord(1, "k", 1, None, None, True, None, "now", article, quotes, (), ())
    view = article_view(record, None)
    assert [(e.name, e.css, e.count, e.href) for e in view.legend] == [
        ("Ann", "q0", 2, "/speakers/3"),
        ("Bo", "q1", 1, "/speakers/4"),
        ("Speaker unknown", "qx", 1, None),
    ]
    classes = [m.attributes["class"] for m in HTMLParser(str(view.paragraphs[0].html)).css("mark")]
    assert classes == ["q q0", "q q1", "q q0", "q qx"]
    assert view.original_href is None and view.original_text == "javascript:alert(1)"
    assert view.canonical_href == "https://example.org/a"
    assert view.title == HOSTILE  # plain text: the template escapes it


def test_an_old_version_links_to_the_current_one() -> None:
    article = Article(source="x", content_hash="h", blocks=[Block("paragraph", "text")])
    old = ArticleRecord(1, "k", 1, 7, None, True, None, "now", article, (), (), ())
    assert article_view(old, None).newer_href == "/articles/7"
    current = ArticleRecord(7, "k", 2, None, None, True, None, "now", article, (), (), ())
    assert article_view(current, None).newer_href is None
