"""Author rules on small hand-written values: one rule per test."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.meta_authors import clean_authors
from newsdesk.extract.metadata import read_metadata
from newsdesk.record import Article, Page
from newsdesk.settings import Settings


def test_comment_form_labels_are_not_authors() -> None:
    assert clean_authors(["Name *"], strict=True) == []
    assert clean_authors(["Your Name: *"]) == []
    assert clean_authors(["Who wrote this?"]) == []


def test_a_plain_byline_still_gives_its_names() -> None:
    assert clean_authors(["By Ana Lima and JOHN SMITH | AFP"]) == ["Ana Lima", "John Smith"]


def _read(markup: str) -> list[str]:
    page = Page(source="test.html", content=markup.encode())
    article = Article(source=page.source, content_hash=page.content_hash)
    read_metadata(LexborHTMLParser(markup), article, page, Settings())
    return article.authors


def test_role_in_the_next_element_of_a_byline_is_not_part_of_the_name() -> None:
    markup = (
        "<html><body><h1>How we keep pests out of the garden</h1>"
        "<div class='author-line'><span>Written By:</span> "
        "<span class='author-name'><a href='/author/cl'>Celeste Longacre</a></span> "
        "<span class='author-title'>Gardener</span></div></body></html>"
    )
    assert _read(markup) == ["Celeste Longacre"]


def test_date_after_a_byline_in_the_text_is_not_part_of_the_name() -> None:
    markup = (
        "<html><body><h1>The best places to eat near the park</h1>"
        "<p><span>By <b>Sofia Gonzalez</b></span> <span>December 2, 2025</span></p>"
        "</body></html>"
    )
    assert _read(markup) == ["Sofia Gonzalez"]


def _blog(author: str, body: str = "") -> str:
    return (
        "<html><head><meta property='og:site_name' content='Sam Roe'>"
        "<script type='application/ld+json'>"
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "BlogPosting", "headline": "Thoughts on Zig", "author": ' + author + "},"
        '{"@type": "Person", "@id": "https://x.org/#p1", "name": "Nirmita Panchal"}]}'
        f"</script></head><body><h1>Thoughts on Zig</h1>{body}</body></html>"
    )


def test_jsonld_author_given_by_reference_is_looked_up() -> None:
    assert _read(_blog('[{"@id": "https://x.org/#p1"}]')) == ["Nirmita Panchal"]


def test_personal_blog_owner_is_the_author_when_nobody_else_is_named() -> None:
    assert _read(_blog('{"@type": "Person", "name": "Sam Roe"}')) == ["Sam Roe"]


def test_site_named_person_gives_way_to_a_byline() -> None:
    byline = "<p class='byline'>By Brian Truitt</p>"
    assert _read(_blog('{"@type": "Person", "name": "Sam Roe"}', byline)) == ["Brian Truitt"]
