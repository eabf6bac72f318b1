"""read_metadata on small hand-written pages: one rule per test."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import FIXTURES
from newsdesk.extract.html._authors import byline_in_text, clean_authors
from newsdesk.extract.html._metadata import read_metadata
from newsdesk.extract.html._nearby import inline_text
from newsdesk.extract.html._titles import choose_title, strip_site
from newsdesk.extract.html._urls import slug_of, url_date
from newsdesk.record import Article, Page
from newsdesk.settings import Settings

META = FIXTURES / "metadata"


def read(markup: str, url: str | None = None, settings: Settings | None = None) -> Article:
    page = Page(source="test.html", content=markup.encode(), url=url)
    article = Article(source=page.source, content_hash=page.content_hash, url=url)
    read_metadata(LexborHTMLParser(markup), article, page, settings or Settings())
    return article


def fixture(name: str) -> str:
    return (META / name).read_text("utf-8")


def test_jsonld_graph_gives_every_field() -> None:
    url = "https://example.co.uk/politics/2026/05/20/ministers-agree-border-deal-123456.html?ref=x"
    article = read(fixture("jsonld_graph.html"), url=url)
    assert article.title == "Ministers agree on border deal"
    assert article.site == "The Daily Example"
    assert article.section == "Politics"
    assert article.authors == ["Jane Doe", "John Smith"]  # the Organization is dropped
    assert article.published == "2026-05-20T09:15+01:00"  # the article's, not the WebPage's
    assert article.modified == "2026-05-21T10:00+01:00"
    assert article.canonical_url == (
        "https://example.co.uk/politics/2026/05/20/ministers-agree-border-deal-123456.html"
    )
    assert article.url == url
    assert article.slug == "ministers-agree-border-deal"
    assert article.image == "https://example.co.uk/img/lead.jpg"
    assert article.tags == ["borders", "diplomacy"]
    assert article.language == "en"
    assert article.description == "Ministers from both countries signed the deal on Tuesday."


def test_broken_jsonld_is_repaired() -> None:
    article = read(fixture("jsonld_broken.html"))
    assert article.title == "Floods close the coast road"
    assert article.authors == ["Ana Lima"]
    assert article.published == "2025-11-03T07:40+00:00"
    assert article.site == "Coastal Times"
    assert article.description == "The road will stay shut until the water goes down."


def test_modified_only_page_has_no_published_date() -> None:
    article = read(fixture("modified_only.html"))
    assert article.published is None
    assert article.modified == "2025-08-19T13:25:59+00:00"


def test_updated_label_in_visible_text_is_not_published() -> None:
    markup = (
        "<html><body><h1>Tap repairs made simple for everyone</h1>"
        "<p class='date'>Updated: August 19, 2025</p><p>Text of the article.</p></body></html>"
    )
    article = read(markup)
    assert article.published is None
    assert article.modified == "2025-08-19"  # the label says what the date is
    markup = markup.replace("Updated: ", "Posted ")
    assert read(markup).published == "2025-08-19"


def test_published_found_after_an_updated_label() -> None:
    markup = (
        "<html><body><h1>Tap repairs made simple for everyone</h1>"
        "<p>Updated May 3, 2024 · Published May 1, 2024</p><p>Text.</p></body></html>"
    )
    article = read(markup)
    assert article.published == "2024-05-01"
    assert article.modified == "2024-05-03"


def test_read_metadata_leaves_the_tree_alone() -> None:
    tree = LexborHTMLParser(fixture("jsonld_graph.html"))
    before = tree.html
    page = Page(source="x", content=b"")
    read_metadata(tree, Article(source="x", content_hash=""), page, Settings())
    assert tree.html == before


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ministers agree on border deal - Daily Example", "Ministers agree on border deal"),
        ("Ministers agree on border deal | Daily Example", "Ministers agree on border deal"),
        ("Ministers agree on border deal – Daily Example", "Ministers agree on border deal"),
        ("Ministers agree on border deal — The Daily Example", "Ministers agree on border deal"),
        ("Daily Example: Ministers agree on border deal", "Ministers agree on border deal"),
        ("Daily Example | Ministers agree on border deal", "Ministers agree on border deal"),
        ("World | Ministers agree | Daily Example", "World | Ministers agree"),
        ("Spider-Man - the review", "Spider-Man - the review"),  # no site: hyphen kept
    ],
)
def test_site_suffix_and_prefix_removed(title: str, expected: str) -> None:
    assert strip_site(title, ["Daily Example"]) == expected


def test_unknown_site_short_suffix_dropped() -> None:
    assert strip_site("A very long headline about the budget | Foo News", []) == (
        "A very long headline about the budget"
    )


def test_h1_matching_the_title_start_is_preferred() -> None:
    chosen = choose_title(
        page_title="Budget passes after all-night session: what it means for you - Foo",
        meta_titles=[],
        h1s=["Budget passes after all-night session"],
        site_names=["Foo"],
    )
    assert chosen == "Budget passes after all-night session"


def test_h1_that_is_the_site_name_is_ignored() -> None:
    chosen = choose_title(
        page_title="Budget passes after all-night session | Foo News",
        meta_titles=["Budget passes after all-night session"],
        h1s=["Foo News"],
        site_names=["Foo News"],
    )
    assert chosen == "Budget passes after all-night session"


def test_author_noise_is_removed() -> None:
    assert clean_authors(["By John Smith and Jane Doe | Reuters | 3 hours ago"]) == [
        "John Smith",
        "Jane Doe",
    ]
    assert clean_authors(["Jane Doe, Staff Writer", "JANE DOE", "AP", "Associated Press"]) == [
        "Jane Doe"
    ]
    assert clean_authors(["Daily Example", "Ana Lima"], site="The Daily Example") == ["Ana Lima"]
    assert clean_authors(["Von Max Mustermann und Erika Musterfrau"]) == [
        "Max Mustermann",
        "Erika Musterfrau",
    ]
    assert clean_authors(["Posted on November 19, 2019 by admin"]) == []


def test_byline_element_used_when_no_structured_author() -> None:
    markup = (
        "<html><body><h1>Headline of the story here</h1>"
        "<div class='byline'>By Ana Lima, Senior Correspondent | AFP</div></body></html>"
    )
    assert read(markup).authors == ["Ana Lima"]


def _dated(lang: str, value: str) -> str:
    return (
        f"<html lang='{lang}'><head><title>Story title here</title></head><body>"
        f"<h1>Story title here</h1><time>{value}</time><p>Body text.</p></body></html>"
    )


def test_day_first_outlet_vs_month_first_locale() -> None:
    serbian = read(_dated("sr", "05/06/2026"), url="https://www.b92.net/info/vesti/story")
    assert serbian.published == "2026-06-05"  # the registry says B92 writes day-first
    german = read(_dated("de-DE", "05/06/2026"), url="https://unknown.de/artikel/story")
    assert german.published == "2026-06-05"  # the locale says day-first
    american = read(_dated("en-US", "05/06/2026"), url="https://unknown.com/story")
    assert american.published == "2026-05-06"
    british = read(_dated("en-GB", "05/06/2026"), url="https://unknown.co.uk/story")
    assert british.published == "2026-06-05"
    either = read(_dated("en-US", "20/05/2026"), url="https://unknown.com/story")
    assert either.published == "2026-05-20"  # 20 cannot be a month


def _timed(value: str) -> str:
    return (
        "<html lang='en'><head><title>Story</title>"
        f"<meta property='article:published_time' content='{value}'></head>"
        "<body><h1>Story</h1></body></html>"
    )


def test_registry_zone_applied_only_for_known_outlets() -> None:
    known = read(_timed("2026-05-20T09:15:00"), url="https://n1info.rs/vesti/story")
    assert known.published == "2026-05-20T09:15+02:00"
    assert known.site == "N1"  # from the registry when the page does not say
    unknown = read(_timed("2026-05-20T09:15:00"), url="https://nowhere.example/story")
    assert unknown.published == "2026-05-20T09:15"
    offset = read(_timed("2026-05-20T09:15:00-04:00"), url="https://n1info.rs/vesti/story")
    assert offset.published == "2026-05-20T09:15-04:00"  # the page's own offset wins


def test_outlet_alias_gives_the_registry_name() -> None:
    markup = (
        "<html><head><meta property='og:site_name' content='Gazeta Express English'>"
        "<title>Story</title></head><body></body></html>"
    )
    assert read(markup).site == "Gazeta Express"


def test_language_from_html_lang_and_from_text() -> None:
    assert read("<html lang='sr-Latn-RS'><body><p>x</p></body></html>").language == "sr"
    assert read(
        "<html><head><meta property='og:locale' content='fr_FR'></head></html>"
    ).language == ("fr")
    german = (
        "<html><body><p>Die Bundesregierung hat am Dienstag nach langen Verhandlungen "
        "einen neuen Haushalt beschlossen, der deutliche Kürzungen bei den Ausgaben vorsieht "
        "und die Schuldenbremse wieder einhalten soll.</p></body></html>"
    )
    assert read(german).language == "de"


def test_url_date_and_slug() -> None:
    assert url_date("https://x.com/2019/11/19/story-title/") == "2019-11-19"
    assert url_date("https://x.com/news/2019-11-19-story-title") == "2019-11-19"
    assert url_date("https://x.com/2019/13/40/story") is None
    assert slug_of("https://x.com/news/world/a-big-story-123456.html") == "a-big-story"
    assert slug_of("https://x.com/news/a-big-story/987654") == "a-big-story"
    assert slug_of("https://x.com/") is None


def test_url_date_used_when_the_page_says_nothing() -> None:
    markup = "<html><body><h1>Story</h1><p>No date here.</p></body></html>"
    article = read(markup, url="https://x.com/2019/11/19/story-title/")
    assert article.published == "2019-11-19"
    assert article.slug == "story-title"


def test_canonical_from_og_url_when_no_link() -> None:
    markup = "<html><head><meta property='og:url' content='//x.com/a/b'></head></html>"
    article = read(markup, url="https://x.com/a/b?utm=1")
    assert article.canonical_url == "https://x.com/a/b"


def test_every_article_tag_element_is_kept() -> None:
    markup = (
        "<html><head><meta property='article:tag' content='Kosovo'>"
        "<meta property='article:tag' content='Serbia'>"
        "<meta property='article:tag' content='kosovo'>"
        "</head></html>"
    )
    assert read(markup).tags == ["Kosovo", "Serbia"]


def test_known_outlet_gets_the_registry_name() -> None:
    markup = "<html><head><meta property='og:site_name' content='TheHill'></head></html>"
    assert read(markup, url="https://thehill.com/homenews/story").site == "The Hill"
    assert read(markup, url="https://elsewhere.example/story").site == "TheHill"


def test_heading_with_a_tagline_gives_the_meta_title() -> None:
    chosen = choose_title(
        page_title=None,
        meta_titles=["How meditation rewires brains"],
        h1s=["How meditation rewires brains | Opinion"],
        site_names=[],
    )
    assert chosen == "How meditation rewires brains"


def test_ambiguous_date_read_day_first_when_the_page_corroborates() -> None:
    markup = _dated("en", "02/12/2025")
    assert read(markup, url="https://x.com/blog/story").published == "2025-02-12"
    assert read(markup, url="https://x.com/2025/12/02/story").published == "2025-12-02"


def test_hostile_jsonld_is_skipped_not_fatal() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    markup = (
        f"<html><head><script type='application/ld+json'>{deep}</script>"
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "headline": ['
        + '{"a": [' * 2000
        + "</script><title>Plain title of the page</title></head><body></body></html>"
    )
    assert read(markup).title == "Plain title of the page"


def test_byline_in_running_text_after_the_headline() -> None:
    markup = (
        "<html><body><h1>Council votes to close the old bridge</h1>"
        "<div><p>Written by Ana Lima and John Smith in Local News</p></div>"
        "<p>The council voted on Tuesday to close the bridge.</p></body></html>"
    )
    assert read(markup).authors == ["Ana Lima", "John Smith"]
    assert byline_in_text("Stand by Me was a film") == []


def test_section_from_html_breadcrumbs() -> None:
    markup = (
        "<html><body><nav aria-label='Breadcrumb'><a href='/'>Home</a> › "
        "<a href='/world'>World</a> › <a href='/world/europe'>Europe</a></nav>"
        "<h1>Ministers agree on border deal</h1></body></html>"
    )
    assert read(markup).section == "Europe"


def test_site_from_the_title_only_when_the_host_spells_it() -> None:
    markup = "<html><head><title>Intro to Postgres | Spice AI</title></head><body></body></html>"
    assert read(markup, url="https://spice.ai/blog/intro").site == "Spice AI"
    assert read(markup, url="https://example.com/blog/intro").site is None
    assert read(markup, url="https://spice.ai/blog/intro").title == "Intro to Postgres"


def test_heading_text_joins_inline_pieces_but_splits_blocks() -> None:
    markup = (
        "<html><head><title>Cut your planning cycle | Foo</title></head><body>"
        "<h1>Cut your planning c<span class='drop'>ycle</span><script>x()</script></h1>"
        "</body></html>"
    )
    assert read(markup).title == "Cut your planning cycle"
    tree = LexborHTMLParser("<h1>Budget passes<br>What it means for you</h1>")
    assert inline_text(tree.css_first("h1")) == "Budget passes What it means for you"


def test_outlet_name_on_another_host_is_not_that_outlet() -> None:
    markup = (
        "<html><head><meta property='og:site_name' content='Beta'>"
        "<meta property='article:published_time' content='2026-05-20T09:15:00'></head></html>"
    )
    assert read(markup).published == "2026-05-20T09:15+02:00"  # no URL: the name decides
    elsewhere = read(markup, url="https://beta.example.com/story")
    assert elsewhere.published == "2026-05-20T09:15"  # not the Serbian agency: no zone
    assert elsewhere.site == "Beta"


def test_deeply_nested_page_does_not_recurse() -> None:
    depth = 5_000  # far past Python's recursion limit; the parser itself is slow beyond
    markup = (
        "<html><head><title>Council votes | Foo</title></head><body>"
        + "<div>" * depth
        + "<h1>Council votes</h1><p class='byline'>By Ana Lima, 20 May 2026</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    article = read(markup)
    assert (article.title, article.authors, article.published) == (
        "Council votes",
        ["Ana Lima"],
        "2026-05-20",
    )


def test_template_language_overruled_for_a_known_outlet_when_the_text_agrees() -> None:
    albanian = (
        "<html lang='en-US'><body><h1>Titulli</h1><p>Qeveria e Kosovës ka miratuar sot "
        "buxhetin për vitin e ardhshëm, ndërsa opozita ka kritikuar ashpër shkurtimet në "
        "arsim dhe shëndetësi.</p></body></html>"
    )
    assert read(albanian, url="https://www.gazetaexpress.com/lajme/x").language == "sq"
    assert read(albanian, url="https://unknown.example/x").language == "en"  # as declared
    english = albanian.replace(
        "Qeveria e Kosovës ka miratuar sot buxhetin për vitin e ardhshëm, ndërsa opozita ka "
        "kritikuar ashpër shkurtimet në arsim dhe shëndetësi.",
        "The government of Kosovo approved next year's budget today, while the opposition "
        "sharply criticised cuts to education and health.",
    )
    assert read(english, url="https://www.gazetaexpress.com/en/x").language == "en"


def test_guardian_style_url_date() -> None:
    assert url_date("https://www.theguardian.com/world/2019/nov/18/story") == "2019-11-18"


def test_utc_time_takes_the_day_in_the_url() -> None:
    markup = (
        '<html><head><meta property="article:published_time" content="2025-12-19T03:05:00+00:00">'
        "</head><body><h1>A late post</h1></body></html>"
    )
    late = read(markup, url="https://blog.example.org/2025/12/18/a-late-post")
    assert late.published == "2025-12-18"  # 19:05 the evening before, in the outlet's zone
    far = read(markup, url="https://blog.example.org/2025/12/10/a-late-post")
    assert far.published == "2025-12-19T03:05+00:00"  # no zone makes it the 10th


def test_date_shown_by_headline_beats_a_restamped_machine_date() -> None:
    head = (
        '<html><head><meta property="article:published_time" content="2025-11-20T16:02:46Z">'
        '<meta property="article:modified_time" content="2025-11-20T16:02:46Z"></head>'
    )
    restamped = read(head + "<body><h1>Old news</h1><p>May 14, 2025</p></body></html>")
    assert restamped.published == "2025-05-14"
    later = read(head + "<body><h1>Old news</h1><p>December 1, 2025</p></body></html>")
    assert later.published == "2025-11-20T16:02:46+00:00"  # a later shown date is not taken


def test_url_day_with_a_spelled_out_month() -> None:
    assert url_date("https://example.org/blog/2023/october/03/wine-styles/") == "2023-10-03"
    assert url_date("https://example.org/2019/sept/19/a") == "2019-09-19"
    assert url_date("https://example.org/2019/mayday/18/a") is None


def test_absolute_urls_resolve_as_urljoin_does() -> None:
    from urllib.parse import urljoin

    from newsdesk.extract.html._urls import absolute

    base = "https://example.org/news/a.html"
    for url in (
        "https://cdn.example.org/i/x.jpg?w=800#top",  # taken as it is
        "https://example.org/a/../b/./c",
        "http://example.org/x;p?",
        "/img/y.png",
    ):
        assert absolute(url, base) == urljoin(base, url)
