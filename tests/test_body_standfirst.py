"""A lead paragraph in the page's header ("standfirst") is kept with the body
(``_standfirst``) when the page marks it as the lead, and only then.

The pages are small HTML written for these tests, shaped like trafilatura's evaluation
pages (../shared/data/traf-eval-dev) whose intro sits beside the title, outside the body's
container (dw.com's ``<p class="intro">``, gala.fr's ``articleContent-lead``).
"""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk import Page, extract
from newsdesk.extract.html._segment import segment
from newsdesk.extract.html._standfirst import standfirst_rows, title_row

LEAD = (
    "The German capital has launched a five-year project to mark its part in European "
    "colonialism, and streets that still honour the period's officers will be renamed."
)
BODY = [
    "The city council voted on Tuesday to fund the project with three million euros, a plan "
    "that has been debated for more than a decade by historians and residents alike.",
    "Supporters said the exhibitions and the new street names would help the city face a part "
    "of its history that many residents know little about, and schools will take part.",
    "Opponents argued that the money would be better spent elsewhere, and several members "
    "asked for an independent review before the work begins next spring.",
    "The first exhibition opens in the former colonial ministry in May, with documents lent by "
    "archives in Namibia, Tanzania and Cameroon, and guided tours in four languages.",
]


def page(lead_attrs: str) -> str:
    body = "".join(f"<p>{text}</p>" for text in BODY)
    return (
        "<html><head><title>Berlin faces its colonial past</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
        "<div class='head'><h1>Berlin faces its colonial past</h1>"
        "<div class='byline'>By Anna Weber</div><div class='date'>12.05.2021</div>"
        f"<p {lead_attrs}>{LEAD}</p></div>"
        f"<div class='article-body'>{body}</div>"
        "<footer><p>Copyright 2021 Example Media. All rights reserved.</p></footer>"
        "</body></html>"
    )


@pytest.mark.parametrize("attrs", ["class='intro'", "class='article-lead'", "id='vorspann'"])
def test_a_likely_block_marked_as_lead_between_title_and_body_is_kept(attrs: str) -> None:
    cands = segment(LexborHTMLParser(page(attrs)))
    texts = [c.text for c in cands]
    lead, first = texts.index(LEAD), texts.index(BODY[0])
    scores = [0.9 if row in (lead, *range(first, first + 4)) else 0.05 for row in range(len(cands))]
    kept = list(range(first, first + 4))
    title_at = title_row(cands, first, "Berlin faces its colonial past")
    assert title_at is not None and cands[title_at].tag == "h1"
    assert standfirst_rows(cands, scores, kept, 0.25, title_at) == [lead]


@pytest.mark.parametrize(
    "attrs",
    [
        "class='deck'",  # ScrapingHub's bodies leave decks and sublines out
        "class='lead' itemprop='description'",  # schema.org: the summary, not the body
        "class='intro image-caption'",
        "",
    ],
)
def test_a_block_not_marked_as_the_lead_is_not_added(attrs: str) -> None:
    cands = segment(LexborHTMLParser(page(attrs)))
    texts = [c.text for c in cands]
    lead, first = texts.index(LEAD), texts.index(BODY[0])
    scores = [0.9 if row in (lead, *range(first, first + 4)) else 0.05 for row in range(len(cands))]
    title_at = title_row(cands, first, "Berlin faces its colonial past")
    assert standfirst_rows(cands, scores, list(range(first, first + 4)), 0.25, title_at) == []


def test_an_unlikely_lead_or_long_text_in_between_stops_the_rule() -> None:
    cands = segment(LexborHTMLParser(page("class='intro'")))
    texts = [c.text for c in cands]
    assert LEAD in texts
    first = texts.index(BODY[0])
    kept = list(range(first, first + 4))
    title_at = title_row(cands, first, None)
    low = [0.9 if row in kept else 0.05 for row in range(len(cands))]
    assert standfirst_rows(cands, low, kept, 0.25, title_at) == []  # the classifier says no
    assert standfirst_rows(cands, [0.9] * len(cands), kept, 0.25, None) == []  # no title


def test_extract_keeps_the_marked_lead_before_the_body() -> None:
    article = extract(Page(source="lead.html", content=page("class='intro'").encode()))
    texts = [block.text for block in article.blocks]
    assert LEAD in texts
    assert texts.index(LEAD) < texts.index(BODY[0])
    unmarked = extract(Page(source="deck.html", content=page("class='deck'").encode()))
    assert LEAD not in [block.text for block in unmarked.blocks]
