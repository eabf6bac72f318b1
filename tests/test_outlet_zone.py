"""The outlet registry's zone for naive times, the page's own zone whenever it gives one.

A naive time of a known outlet takes the registry's IANA zone (DST-correct), whatever path
read it: JSON-LD, meta tags, a displayed time, a text dump. A zone the page gives wins: a
zone name after an ISO value ("2013-08-22 21:43:53 UTC"), or another of the page's values
for the same time with an offset. An unknown outlet's naive times stay naive; a date alone
stays a date.
"""

from __future__ import annotations

import pytest

from newsdesk import Page, Settings, extract
from newsdesk.extract._dates import parse_date, search_date

GAZETA = "https://www.gazetaexpress.com/news/nato-official-new-chapter/"  # Europe/Belgrade
CNBC = "https://www.cnbc.com/world/nato-official-new-chapter.html"  # America/New_York
UNKNOWN = "https://news.example.org/world/nato-official-new-chapter.html"
BODY = "<p>" + "The alliance is committed to a partnership, the official said. " * 12 + "</p>"


def _html(head: str, header: str = "") -> bytes:
    return (
        "<!doctype html><html lang=en><head><title>NATO official opens a new chapter</title>"
        f"{head}</head><body><article><h1>NATO official opens a new chapter</h1>{header}"
        f"{BODY * 4}</article></body></html>"
    ).encode()


def _published(content: bytes, url: str | None, source: str = "page.html") -> str | None:
    return extract(Page(source=source, content=content, url=url), Settings()).published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2013-08-22 21:43:53 UTC", "2013-08-22T21:43:53+00:00"),
        ("2026-03-11T15:46:00 EST", "2026-03-11T15:46-05:00"),
        ("2026-07-11 15:46 ET", "2026-07-11T15:46-04:00"),  # the region's clock: EDT in July
        ("2026-01-11 15:46 CET", "2026-01-11T15:46+01:00"),
    ],
)
def test_a_zone_name_after_an_iso_value_is_the_pages_zone(value: str, expected: str) -> None:
    assert parse_date(value, tz="Europe/Belgrade") == expected
    assert parse_date(value) == expected
    found = search_date(f"Posted {value} by the desk")
    assert found is not None and found.iso == expected


def test_the_pages_offset_for_the_same_time_beats_the_registry_zone() -> None:
    """JSON-LD gives a naive time, the meta tag the same time in UTC: the page's zone."""
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "NATO official opens a new chapter",'
        ' "datePublished": "2026-05-20T13:49:00"}</script>'
        '<meta property="article:published_time" content="2026-05-20T13:49:00+00:00">'
    )
    assert _published(_html(head), GAZETA) == "2026-05-20T13:49+00:00"
    assert _published(_html(head), UNKNOWN) == "2026-05-20T13:49+00:00"


def test_a_displayed_time_without_a_year_takes_the_registry_zone_dst_correct() -> None:
    """March 11, 2026 is after the US switch to daylight time (March 8): EDT, -04:00."""
    head = '<meta property="article:published_time" content="2026-03-11T21:02:00Z">'
    header = '<div class="byline">Reuters · March 11, 3:46 PM</div>'
    assert _published(_html(head, header), CNBC) == "2026-03-11T15:46-04:00"
    assert _published(_html(head, header), UNKNOWN) == "2026-03-11T15:46"


@pytest.mark.parametrize(
    ("head", "header"),
    [
        (
            '<script type="application/ld+json">{"@type": "NewsArticle",'
            ' "datePublished": "2026-01-20T15:49:00"}</script>',
            "",
        ),
        ("", '<div class="date">20/01/2026 15:49</div>'),
    ],
    ids=["jsonld", "visible-text"],
)
def test_registry_zone_for_naive_html_times(head: str, header: str) -> None:
    """Guards: these paths already applied the zone before issue 18 (winter: +01:00)."""
    assert _published(_html(head, header), GAZETA) == "2026-01-20T15:49+01:00"
    assert _published(_html(head, header), UNKNOWN) == "2026-01-20T15:49"


def test_registry_zone_for_a_text_dump() -> None:
    """Guard: a text dump of a known outlet (by its URL) reads its date in the outlet's zone."""
    lines = [
        "NATO official opens a new chapter",
        "News",
        "20/05/2026 15:49",
        *["The alliance is committed to a partnership with Serbia, the official said."] * 5,
    ]
    dump = "\n\n".join(lines).encode()
    assert _published(dump, GAZETA, "page.txt") == "2026-05-20T15:49+02:00"
    assert _published(dump, UNKNOWN, "page.txt") == "2026-05-20T15:49"
