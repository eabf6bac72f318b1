"""A displayed publication time over a syndication repost time (issue 18).

Syndication hubs (Yahoo News, MSN, AOL) repost wire stories under their own machine date,
the repost's time, while the byline shows the original publication time. The header's date
wins when it is an earlier moment at most ``REPOST_DAYS`` before the machine one; an
"Updated" date, a date in a list of other stories, a lede that mentions a day, a later date
and a day shown on the machine time's day never do. The pages below are small synthetic
copies of those layouts.
"""

from __future__ import annotations

import pytest

from newsdesk import Page, Settings, extract
from newsdesk.extract.html._page_dates import prefer_displayed

YAHOO = "https://www.yahoo.com/news/nato-official-says-opening-chapter-154600123.html"
REPOST = "2026-03-11T21:02:00.000Z"  # the hub's time: 5 h 16 min after the original
PARAGRAPH = (
    "<p>NATO's deputy assistant secretary general said the alliance was committed to a "
    "partnership and described the first joint exercise as the start of a new chapter, "
    "adding that it did not demand anything from Belgrade in return for the talks.</p>"
)


def _page(header: str, *, after: str = "", published: str = REPOST, extra: str = "") -> str:
    return f"""<!doctype html><html lang="en"><head>
<title>NATO official says they are opening a new chapter</title>
<meta property="og:title" content="NATO official says they are opening a new chapter">
<meta property="article:published_time" content="{published}">
<script type="application/ld+json">{{"@context": "https://schema.org",
 "@type": "NewsArticle", "headline": "NATO official says they are opening a new chapter",
 "datePublished": "{published}"{extra}}}</script>
</head><body>
<div class="topbar"><span class="today">Thursday, March 12, 2026</span></div>
<article><header><h1>NATO official says they are opening a new chapter</h1>
{header}</header>
<div class="body">{PARAGRAPH * 6}</div></article>
{after}
</body></html>"""


def _published(markup: str, url: str = YAHOO) -> str | None:
    article = extract(Page(source="page.html", content=markup.encode(), url=url), Settings())
    return article.published


def test_the_displayed_original_time_beats_the_repost_time() -> None:
    header = (
        '<div class="caas-attr"><span class="caas-author">Reuters</span> · '
        f'<time datetime="{REPOST}">Wed, March 11, 2026 at 3:46 PM EDT</time></div>'
    )
    assert _published(_page(header)) == "2026-03-11T15:46-04:00"


def test_a_shown_local_time_takes_the_offset_its_time_element_implies() -> None:
    """The text is the local clock, the ``datetime`` attribute the same moment in UTC."""
    header = (
        '<div class="byline-attr"><span>Reuters</span> · <time datetime="2026-03-11T19:46:00'
        '.000Z">March 11, 2026 at 3:46 PM</time> · 2 min read</div>'
    )
    assert _published(_page(header)) == "2026-03-11T15:46-04:00"


def test_a_displayed_time_without_a_year_is_read_in_the_machine_dates_year() -> None:
    header = '<div class="byline">Reuters · March 11, 3:46 PM</div>'
    assert _published(_page(header)) == "2026-03-11T15:46"  # unknown outlet: no zone


def test_a_displayed_day_before_the_repost_day_wins() -> None:
    """A day alone, the day before a machine time that falls on it in no zone (16:02 UTC on
    March 11 is March 11 from UTC-12 to UTC+7:58, March 12 beyond)."""
    header = '<p class="dateline">Reuters, 10 March 2026</p>'
    assert _published(_page(header, published="2026-03-11T16:02:00+00:00")) == "2026-03-10"


def test_an_updated_date_never_overrides() -> None:
    header = '<div class="byline">Reuters · Updated March 11, 2026 at 3:46 PM EDT</div>'
    assert _published(_page(header)) == "2026-03-11T21:02+00:00"


def test_a_related_story_date_never_overrides() -> None:
    related = (
        '<aside class="related-stories"><h2>More from Reuters</h2><ul>'
        '<li><a href="/a">Serbia holds drills</a> <span class="byline">'
        "By Ana Smith, March 10, 2026 at 9:00 AM</span></li></ul></aside>"
    )
    assert _published(_page("", after=related)) == "2026-03-11T21:02+00:00"


def test_a_day_in_the_lede_is_not_a_dateline() -> None:
    lede = (
        "<p>On March 10, 2026 at 9:00 AM the deputy assistant secretary general arrived in "
        "Belgrade for talks with the defence minister, the first such visit in many years, "
        "and said the alliance wanted a relationship that goes as far as Serbia wants.</p>"
    )
    assert _published(_page(lede)) == "2026-03-11T21:02+00:00"


def test_a_photo_caption_date_is_not_a_dateline() -> None:
    """Reuters' "FILE PHOTO: ..., November 18, 2019" caption right under the headline."""
    caption = (
        '<figure><img src="/p.jpg"><figcaption>FILE PHOTO: Traders on the floor in New York,'
        " U.S., March 10, 2026. REUTERS/Brendan McDermid</figcaption></figure>"
    )
    assert _published(_page(caption)) == "2026-03-11T21:02+00:00"


def test_the_shown_minute_of_the_machine_time_keeps_the_machine_time() -> None:
    """ "3:46 PM" shown for 15:46:27 in the metadata: the same time, not an earlier one."""
    header = '<div class="byline">Reuters · March 11, 2026 at 3:46 PM</div>'
    assert _published(_page(header, published="2026-03-11T15:46:27+00:00")) == (
        "2026-03-11T15:46:27+00:00"
    )


def test_a_later_displayed_date_never_overrides() -> None:
    """Today's date in a header bar, or an unlabelled update, is after the machine date."""
    header = '<div class="byline">Reuters · March 12, 2026 at 8:10 AM EDT</div>'
    assert _published(_page(header)) == "2026-03-11T21:02+00:00"


def test_a_displayed_day_on_the_machine_day_keeps_the_machine_time() -> None:
    header = '<div class="byline">Reuters · March 11, 2026</div>'
    assert _published(_page(header)) == "2026-03-11T21:02+00:00"


@pytest.mark.parametrize(
    ("machine", "shown", "expected"),
    [
        # The same moment in another zone: the machine value, which knows the offset.
        ("2026-03-11T19:46+00:00", "2026-03-11T15:46", "2026-03-11T19:46+00:00"),
        # A naive shown time 5 h 16 min earlier on the wall clock: another moment.
        ("2026-03-11T21:02+00:00", "2026-03-11T15:46", "2026-03-11T15:46"),
        # Both aware: the moments decide.
        ("2026-03-11T21:02+00:00", "2026-03-11T15:46-04:00", "2026-03-11T15:46-04:00"),
        ("2026-03-11T19:46+00:00", "2026-03-11T15:46-04:00", "2026-03-11T19:46+00:00"),
        # A shown day that may be the machine time's local day (00:04 UTC is July 4 in the US).
        ("2025-07-05T00:04+00:00", "2025-07-04", "2025-07-05T00:04+00:00"),
        # Beyond the window.
        ("2026-03-11T21:02+00:00", "2026-03-07T15:46-05:00", "2026-03-11T21:02+00:00"),
    ],
)
def test_prefer_displayed(machine: str, shown: str, expected: str) -> None:
    assert prefer_displayed(machine, shown) == expected
