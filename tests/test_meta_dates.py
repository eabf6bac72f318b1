"""Publication-date rules on small hand-written pages: one rule per test."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.html._labels import labelled_dates, visible_text
from newsdesk.extract.html._metadata import read_metadata
from newsdesk.record import Article, Page
from newsdesk.settings import Settings


def read(markup: str, url: str | None = None) -> Article:
    page = Page(source="test.html", content=markup.encode(), url=url)
    article = Article(source=page.source, content_hash=page.content_hash, url=url)
    read_metadata(LexborHTMLParser(markup), article, page, Settings())
    return article


def test_originally_published_note_beats_the_date_by_the_headline() -> None:
    markup = (
        "<html lang='en'><body><h1>The pros and cons of tiny homes</h1>"
        "<p>Chris Carroll 30 Sep 2022, 11:07am</p><p>Body text of the story.</p>"
        "<p>This article was originally published on 26 Sep 2019 at 4:12pm</p></body></html>"
    )
    assert read(markup).published == "2019-09-26T16:12"


def test_posted_on_label_anywhere_when_nothing_else_dates_the_page() -> None:
    markup = (
        "<html lang='en'><body><h1>What is an online course?</h1>"
        "<p>A long introduction that is not a date at all, and goes on for a while.</p>"
        "<div><span>Posted on</span> <div><span>Nov 21, 2018</span></div></div></body></html>"
    )
    assert read(markup).published == "2018-11-21"


def test_posted_label_needs_the_date_right_after_it() -> None:
    tree = LexborHTMLParser(
        "<body><p>Posted in News by Ann Lee</p><p>Prices as of March 3, 2024</p></body>"
    )
    found = labelled_dates(tree, dayfirst=None, tz=None)
    assert (found.original, found.posted) == (None, None)


def test_scripts_are_not_visible_text() -> None:
    tree = LexborHTMLParser(
        "<body><script>var published = 'Published: 1 May 2020'</script><p>Hi</p></body>"
    )
    assert visible_text(tree, 1000) == "Hi"
    assert labelled_dates(tree, dayfirst=None, tz=None).posted is None


def test_time_element_whose_text_says_updated_is_not_the_publication() -> None:
    markup = (
        "<html lang='en'><body><h1>Your car maintenance checklist</h1>"
        "<time class='published-date' datetime='2025-04-10T06:00'>Updated April 10, 2025</time>"
        "</body></html>"
    )
    article = read(markup)
    assert article.published is None
    assert article.modified == "2025-04-10"


def _machine_dated(modified: str) -> str:
    body = "A sentence of the article's body. " * 60  # the comments sit far below the headline
    return (
        "<html><head>"
        '<meta property="article:published_time" content="2025-12-11T10:51:03Z">'
        f'<meta property="article:modified_time" content="{modified}"></head>'
        f"<body><article><h1>Best course platforms</h1><p>{body}</p></article>"
        "<ol class='comments'><li><time class='date'>November 15, 2022</time></li></ol>"
        "</body></html>"
    )


def test_machine_dates_minutes_apart_are_not_a_restamp() -> None:
    restamped = read(_machine_dated("2025-12-11T10:51:03Z"))
    assert restamped.published == "2022-11-15"  # any earlier shown date beats a re-stamp
    edited = read(_machine_dated("2025-12-11T12:01:19Z"))
    assert edited.published == "2025-12-11T10:51:03+00:00"  # edited the same day: no re-stamp


def test_first_published_label_with_a_weekday() -> None:
    tree = LexborHTMLParser("<body><p>First published on Tue 12 May 2020 10.00 BST</p></body>")
    assert labelled_dates(tree, dayfirst=True, tz=None).original == "2020-05-12T10:00+01:00"


def test_headline_set_in_a_paragraph_still_dates_the_page() -> None:
    markup = (
        "<html lang='en'><head><meta property='og:title' content='Top 5 HR tools in 2026'>"
        "</head><body><div><p class='framer-text'>Top 5 HR tools in 2026</p>"
        "<p>Diana Team</p><p>Feb 16, 2026</p></div>"
        "<p>A paragraph of the body that runs on without any date in it at all.</p></body></html>"
    )
    assert read(markup).published == "2026-02-16"


def _shown_later(modified: str) -> str:
    return (
        "<html><head>"
        '<meta property="article:published_time" content="2013-03-11T11:11:07-07:00">'
        f'<meta property="article:modified_time" content="{modified}"></head>'
        "<body><h1>Nine common food myths</h1>"
        "<p class='byline'><time datetime='2023-03-20T00:00:00-07:00'>March 20, 2023</time></p>"
        "<p>Body of the story.</p></body></html>"
    )


def test_later_day_by_the_headline_wins_when_before_the_modified_day() -> None:
    assert read(_shown_later("2026-02-18T07:49:16-08:00")).published == "2023-03-20"
    kept = read(_shown_later("2023-03-20T09:00:00-07:00")).published
    assert kept == "2013-03-11T11:11:07-07:00"  # the modification day is never the publication
    after = read(_shown_later("2020-01-02T09:00:00-07:00")).published
    assert after == "2013-03-11T11:11:07-07:00"  # nor a day after the last save
