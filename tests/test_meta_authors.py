"""Author rules on small hand-written values: one rule per test."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.html._authors import byline_element_names, byline_in_text, clean_authors
from newsdesk.extract.html._metadata import read_metadata
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


def test_credentials_after_the_name_are_not_names() -> None:
    assert clean_authors(["Dylan Bailey, MS, RD, FAND"]) == ["Dylan Bailey"]


def test_credits_for_other_work_are_not_authors_but_a_text_label_is_a_lead_in() -> None:
    assert clean_authors(["content: Acme, design: Jo Park, code: Li Wei"]) == []
    assert clean_authors(["Текст: Венера Ерофеева"]) == ["Венера Ерофеева"]


def test_roles_and_organisations_beside_a_name_are_dropped() -> None:
    assert clean_authors(["Liz Kenny", "Former McKinsey Consultant"]) == ["Liz Kenny"]
    assert clean_authors(["Daniel Burstein", "MECLABS Institute"]) == ["Daniel Burstein"]


def test_a_one_word_author_that_is_the_host_name_is_the_company() -> None:
    assert clean_authors(["Buzzsprout"], host="buzzsprout.com") == []
    assert clean_authors(["Paperium.net"], host="paperium.net") == []
    assert clean_authors(["Owain Brennan"], host="owainbrennan.com") == ["Owain Brennan"]


def test_byline_with_a_colon_and_credits_that_are_not_the_byline() -> None:
    assert byline_in_text("by: Ziyi Xu, Dec 17, 2025") == ["Ziyi Xu"]
    assert byline_in_text("Reviewed By: AAA Travel Editor, Sherry Mims") == []
    assert byline_in_text("Photos by Ana Lima") == []


def _page(body: str) -> str:
    return f"<html><body><h1>Ten ways to keep basil alive</h1>{body}</body></html>"


def test_commenters_and_menu_items_are_not_authors() -> None:
    comments = "<div class='comment-author vcard'>Andre Alexis says:</div>"
    menu = "<ul><li class='menu-item authorities'>Authorities Governing Board Actions</li></ul>"
    assert _read(_page(comments + menu)) == []


def test_an_authors_link_names_the_author() -> None:
    assert _read(_page("<p><a href='/authors/jane-doe'>Jane Doe</a></p>")) == ["Jane Doe"]


def test_what_follows_a_date_in_a_byline_element_is_not_a_name() -> None:
    byline = (
        "<div class='byline'><span>News Desk</span><span>Updated: Dec 17, 2025</span>"
        "<span>Share</span><span>Text Size</span></div>"
    )
    assert _read(_page(byline)) == []


def test_an_author_bio_gives_a_name_only_after_by() -> None:
    bio = "<div class='author-bio'>This post was written by Danielle Padula, head of sales</div>"
    assert _read(_page(bio)) == ["Danielle Padula"]
    titles = "<div class='author-description'>Licensed Coffee Grader, Staff Writer</div>"
    assert _read(_page(titles)) == []


def test_a_lower_case_by_inside_a_sentence_is_not_a_byline() -> None:
    assert byline_in_text("cannot be guaranteed by USF. It is the reader's job") == []
    assert byline_in_text("Story by Jane Roe") == ["Jane Roe"]
    assert byline_in_text("Home | by Jane Roe") == ["Jane Roe"]


def test_a_description_that_opens_with_the_byline_names_the_author() -> None:
    markup = (
        "<html><head><meta name='description' content='By Md Aynal Haque\n\n"
        "RAJSHAHI, Dec 20, 2025 (BSS) - Homestead gardening has grown'></head>"
        "<body><h1>Homestead gardening grows</h1><p>Text.</p></body></html>"
    )
    assert _read(markup) == ["Md Aynal Haque"]


def test_a_link_to_an_authority_page_is_not_a_byline() -> None:
    links = (
        "<p><a href='/authority/board'>Authorities Board Actions</a></p>"
        "<p><a href='/author/jane-doe'>Jane Doe</a></p>"
    )
    assert _read(_page(links)) == ["Jane Doe"]


def test_a_name_on_its_own_line_after_the_headline_with_a_role_or_date_after_it() -> None:
    assert byline_in_text("Jo Park\nCo-Founder & Editor\nUpdated on 23 Oct 2025\nContents") == [
        "Jo Park"
    ]
    assert byline_in_text("Ana Lima\nin\nseo\nDec 10\nIt was 2006 when I moved") == ["Ana Lima"]
    # a day and month in the page's language is a date cue too (month names of every language)
    assert byline_in_text("Ana Lima\n10 dezembro\nEra 2006 quando me mudei") == ["Ana Lima"]
    assert byline_in_text("Ana Lima\nMayor 10\nIt was 2006 when I moved") == []
    assert byline_in_text("Ana Lima\n5 min read\nIt was 2006 when I moved") == ["Ana Lima"]


def test_a_date_then_a_bullet_then_a_name_is_one_byline_row() -> None:
    assert byline_in_text("2025-12-17\n·\nTrond Berg\nThe library was asked") == ["Trond Berg"]
    assert byline_in_text("Dec 26, 2025\n•\nMahua Das in\nProject Management") == ["Mahua Das"]


def test_a_capitalised_line_after_a_date_is_not_taken_for_a_name() -> None:
    # a blog's post title or category often follows the date under a site-name heading
    assert byline_in_text("December 16, 2025\nVibe Coding\nI have been teaching myself") == []
    assert byline_in_text("Reading time about 6 minutes\nShow Sidebar\nRecent articles") == []


def test_a_name_line_without_a_date_or_role_next_to_it_is_not_a_byline() -> None:
    assert byline_in_text("Julia Hart\nHotel Travel Hacks\nAlthough you booked a hotel") == []
    assert byline_in_text("Julia Hart") == []  # one line: the description's first line


def test_a_reviewer_in_a_byline_element_is_not_an_author() -> None:
    text = "Written by\nJo Park\nStaff Writer\nReviewed by\nRobert Tall\nExpert Reviewer"
    assert byline_element_names(text) == ["Jo Park"]
    assert byline_element_names("Reviewed by\n\nMargaret Jones") == []
    assert byline_element_names("Fact checked by\nYara Perez") == []


def test_a_site_name_with_in_or_for_is_not_cut_into_names() -> None:
    assert clean_authors(["Human in the Loop"], site="Human in the Loop") == []
    assert clean_authors(["Tim Green for Human in the Loop"], site="Human in the Loop") == [
        "Tim Green"
    ]


def test_names_with_an_article_share_buttons_and_more_roles_are_not_people() -> None:
    assert clean_authors(["Manoj Jain", "The Commercial Appeal", "Facebook"]) == ["Manoj Jain"]
    assert clean_authors(["Webmaster", "QCY Official", "Full Bio", "Cleveland Clinic"]) == []
    assert clean_authors(["O'Malley Tunstall PLLC"]) == []


def test_a_name_element_under_the_headline_with_the_role_below_it_is_the_author() -> None:
    markup = (
        "<html><body><h1>What makes a good agency</h1>"
        "<div><p>Jack Shepherd</p><p>Co-Founder &amp; Marketing Director</p>"
        "<p>Updated on 23 Oct 2025</p></div>"
        "<p>Agencies come in many shapes, and choosing one takes time.</p></body></html>"
    )
    assert _read(markup) == ["Jack Shepherd"]


def test_the_site_name_with_its_article_is_cut_whole() -> None:
    assert clean_authors(["The Organized Mama"], site="The Organized Mama") == []
    assert clean_authors(["Jo Park, The Organized Mama"], site="The Organized Mama") == ["Jo Park"]
