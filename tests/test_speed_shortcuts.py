"""The extraction shortcuts give what the plain way gives: the metadata scan's body facts
(hidden elements, JSON-LD scripts, breadcrumbs), the single-loop walk's blocks, counting
"<" on bytes, the two-sign HTML test and the C3 pre-check of the mojibake repair."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract._decode import repair_double_encoding
from newsdesk.extract._detect import is_html
from newsdesk.extract.html._nesting import _count_lt
from newsdesk.extract.html._scan import scan_page
from newsdesk.extract.html._segment import hidden_elements, segment
from newsdesk.record import Page

PAGE = """<html><head><title>T</title>
<script type="Application/LD+JSON">{"articleBody": "one"}</script>
<script type="application/json+ld">{"articleBody": "two"}</script>
<script type=" application/ld+json" hidden>{"articleBody": "three"}</script>
<link rel="canonical" hidden><link rel="canonical" href="/a">
</head><body>
<nav aria-label="Breadcrumb"><a href="/">Home</a></nav>
<p hidden>gone</p><div style="DISPLAY: None">gone</div><div style="display:no ne">kept</div>
<span aria-hidden="true">gone</span><span aria-hidden="false">kept</span>
<h1 hidden>Title</h1><p style="color: red">kept</p>
</body></html>"""


def test_scan_finds_the_hidden_elements_of_the_body_walk() -> None:
    tree = LexborHTMLParser(PAGE)
    nodes = scan_page(tree)
    assert tree.body is not None
    assert hidden_elements(tree.body) <= nodes.hidden
    assert {n.mem_id for n in tree.body.traverse()} & nodes.hidden == hidden_elements(tree.body)
    assert [n.tag for n in nodes.h1s] == ["h1"]  # a hidden <h1> is still a heading


def test_scan_keeps_the_json_ld_scripts_the_body_reads() -> None:
    tree = LexborHTMLParser(PAGE)
    nodes = scan_page(tree)
    selected = [n.text(deep=True) for n in tree.css('script[type="application/ld+json"]')]
    assert nodes.declared == selected == ['{"articleBody": "one"}']
    assert nodes.jsonld == ['{"articleBody": "one"}', '{"articleBody": "two"}']
    assert nodes.canonical is not None and nodes.canonical.attributes["href"] == "/a"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<html><body><p>No crumbs</p></body></html>", False),
        ("<html><body><ol class='site-BreadCrumbs'><li>a</li></ol></body></html>", True),
        ("<html><body><nav aria-label='You are here: breadcrumb'>a</nav></body></html>", True),
        ("<html><body><div aria-label='breadcrumb'>a</div></body></html>", False),
    ],
)
def test_scan_says_whether_a_breadcrumb_container_may_exist(markup: str, expected: bool) -> None:
    tree = LexborHTMLParser(markup)
    found = tree.css_first('nav[aria-label*="breadcrumb" i], [class*="breadcrumb" i]')
    assert scan_page(tree).breadcrumbs is expected is (found is not None)


def _blocks(markup: str) -> list[tuple[str, str, list[str]]]:
    tree = LexborHTMLParser(f"<html><body>{markup}</body></html>")
    return [(c.tag, c.text, sorted(c.inline_tags)) for c in segment(tree)]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>a<br>b<br> <br>c</p>", [("p", "a b", []), ("p", "c", [])]),
        ("<p>a<br><span> </span><br>c</p>", [("p", "a", ["span"]), ("p", "c", [])]),
        ("<p>a<br>b<br>c</p>", [("p", "a b c", [])]),
        # an element without text leaves its inline tags to the next block
        ("<div><span></span><p>x</p></div>", [("p", "x", ["span"])]),
        ("<div><span> </span><p>x</p></div>", [("p", "x", [])]),
        ("<p>x<!-- note --><em>y</em> z</p>", [("p", "xy z", ["em"])]),
    ],
)
def test_walk_cuts_blocks_at_block_tags_and_double_breaks(
    markup: str, expected: list[tuple[str, str, list[str]]]
) -> None:
    assert _blocks(markup) == expected


def test_walk_counts_link_text_once_per_candidate() -> None:
    tree = LexborHTMLParser("<html><body><p>read <a>more <b>here</b></a> now</p></body></html>")
    (cand,) = segment(tree)
    assert (cand.text, cand.link_chars, cand.element.text_chars) == ("read more here now", 8, 18)


@pytest.mark.parametrize("text", ["", "plain", "<p>é’<b>x</b></p>" * 40, "a < b <<"])
def test_counting_lt_on_bytes_matches_the_text(text: str) -> None:
    assert _count_lt(text, text.encode()) == _count_lt(text, None) == text.count("<")


def test_two_html_signs_in_the_first_20000_characters() -> None:
    page = Page(source="dump", content=b"")
    assert is_html(page, "<html><body>x")
    assert not is_html(page, "<html> and nothing else")
    assert not is_html(page, "x" * 20_000 + "<html><body>")
    assert not is_html(page, "x" * 19_990 + "<p>a <html>")  # the second sign ends past the limit


def test_repair_checks_for_a_c3_byte_first() -> None:
    assert repair_double_encoding("Investorâ€™s café") == "Investor’s café"
    plain = "Investor’s “quote”"
    assert repair_double_encoding(plain, plain.encode()) is plain
