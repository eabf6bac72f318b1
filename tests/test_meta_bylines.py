"""Bylines from issue 18: The New York Times' ``<meta name="byl">``, a name never cut at the
end of the text window read after the headline, and no author taken from a box of related
stories (synthetic pages shaped like the ones reported)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk import Page, extract
from newsdesk.extract.html._nearby import text_after

BODY = (
    "<p>The economy added jobs at a steady pace last month, the Labor Department said on "
    "Friday, as employers kept hiring despite higher borrowing costs and slower growth.</p>"
    "<p>Economists had expected a smaller gain, and the report eased fears that the labor "
    "market was cooling faster than the central bank wanted.</p>"
)


def _page(head: str, body: str) -> bytes:
    return (
        f"<html><head><title>Jobs report beats forecasts</title>{head}</head><body>"
        f"{body}</body></html>"
    ).encode()


def test_the_byl_meta_tag_names_the_author() -> None:
    html = _page('<meta name="byl" content="By Nelson D. Schwartz">', f"<article>{BODY}</article>")
    assert extract(Page(source="nyt.html", content=html)).authors == ["Nelson D. Schwartz"]


def test_text_after_a_heading_finishes_the_word_its_limit_falls_in() -> None:
    tree = LexborHTMLParser("<body><h1>Title</h1><p>By Nelson D. Schwartz</p></body>")
    heading = tree.css_first("h1")
    assert heading is not None
    assert text_after(heading, 15) == "By Nelson D. Schwartz"  # not "By Nelson D. Sc"
    assert text_after(heading, 100) == "By Nelson D. Schwartz"


def test_a_related_storys_byline_is_not_the_authors() -> None:
    related = (
        '<div class="related-stories"><h3>More from our reporters</h3>'
        '<a href="/other">Markets fall</a><span class="byline">By John Smith</span></div>'
    )
    own = '<p class="byline">By Jane Doe</p>'
    html = _page("", f"{related}<article><h1>Jobs report beats forecasts</h1>{own}{BODY}</article>")
    assert extract(Page(source="tel.html", content=html)).authors == ["Jane Doe"]
