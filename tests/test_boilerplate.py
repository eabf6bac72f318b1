"""Page furniture the classifier lets through is dropped by general rules (``_furniture``),
and text is normalised (soft hyphens, zero-width characters, non-breaking spaces).

The short strings below are real furniture from trafilatura's evaluation pages
(../shared/data/traf-eval-dev, Apache-2.0) and from news pages named in issue 18; the pages
are small synthetic HTML written for these tests.
"""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsdesk import Page, extract
from newsdesk.extract.html._furniture import (
    drop_furniture,
    is_dateline,
    is_furniture,
    is_opening_label,
)
from newsdesk.extract.html._segment import segment

ARTICLE = (
    "The city council voted on Tuesday to expand the bus network to the northern suburbs, "
    "a plan that has been debated for more than a decade and will cost about 40 million. "
    "Supporters said the new lines would cut commuting times by half for thousands of "
    "residents who currently drive to work every day."
)
SECOND = (
    "Opponents argued that the money would be better spent on repairing existing roads, "
    "and several members asked for an independent review of the ridership forecasts before "
    "construction begins next spring, which the mayor promised to commission."
)


@pytest.mark.parametrize(
    "text",
    [
        "Related Coverage",
        "Ähnliche Beiträge",
        "Das könnte Sie auch interessieren!",
        "Lesen Sie auch die folgenden Beiträge:",
        "Explore further",
        "Advertisement",
        "- Anzeige-",
        "Reklama",
        "Teilen Sie dies mit:",
        "Foto: Sascha Klahn",
        "Bild: Jahr Media",
        "Crédits photos : Bestimage",
        "Credit: DESMOND KWANDE/ AFP",
        "AFP / MARCO BERTORELLO",
        "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO",
        "Judy Eddy/WENN.com",
        "iStock.com",
        "Roman Prymula, photo: Czech Radio",
        "1 of 24 Full Screen Autoplay",
        "Read more: Recognizing Germany colonial crimes",
        "[Read: The quiet collapse of the local newspaper]",
        "Read the full transcript of the interview here.",
        "Lesen Sie hier: Spielabbruch in der Kreisliga zwischen zwei Mannschaften",
        "Siehe auch Die dümmste aller Verschwörungstheorien: Chemtrails",
        "Werden Sie Mitglied bei for me und erhalten Sie exklusive Angebote!",
        "HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS",
        "Jede kleine Spende hilft den notleidenden Menschen dieser Welt!",
        "Bitte registrieren Sie sich und halten Sie sich an unsere Netiquette.",
        "Get the latest news straight to your phone with the VI Consortium app.",
        "Submit your letter to the editor via this form. Read more Letters to the Editor.",
        "Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht",
        "This entry was posted in News and tagged council, buses.",
        "Vergrößern Eine kleine runde Aussparung für die Kamera im Display.",
        "China has warned they will cease control of Hong Kong (Image: GETTY )",
        "The plague wiped out half of Europe in the 14th century (Photo: Reuters).",
        "DON'T MISS",
        "Advert",
        "Continue Reading Below",
        "You may also like...",
        "Você pode gostar...",
        "SEE MORE: Hong Kong protests: 800 students under siege in university",
        "(Leggi anche su: I Cavalieri dello Zodiaco: ecco gli attori)",
        "Also on rt.com Journalists threatened with arrests as the purge goes on",
        "On HoustonChronicle.com: Car sales plunge nearly 17 percent in August",
        "Like this story? Share it with a friend!",
        "GET FOX BUSINESS ON THE GO BY CLICKING HERE",
        "This slideshow requires JavaScript.",
        "Whatsapp Facebook Pint Baixar",
        "We welcome reader comments on the top stories of the day. Some comments may be "
        "republished on the website or in the newspaper.",
        "We ask that comments are civil and free of libellous or hateful material.",
        "First-time subscribers also receive a special welcome gift handmade by artisans!",
        "Facebook | Twitter | E-Mail",
        "Follow @BGRDeals on Twitter to keep up with the latest deals from around the web.",
        "Related Roundup: MacBook Pro",
        "Also: See Black Friday coverage at CNET",
        '[button link="http://example.com/submit-kit-review/" type="big"] Send us your review',
        "ATENÇÃO: Comentários com textos ininteligíveis não serão aprovados pelo moderador.",
        "Get Motor Cycle Monthly through your letterbox every month. 12 issues for £11.99.",
        "Check out more articles on BuzzFeed.com!",
        "Sign up for our daily newsletter to get the news first.",
        "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner",
        "LE PUEDE INTERESAR: La ficha de Juan Orlando Hernández",
        "Vervielfältigung nur mit Genehmigung",
        "Copyright 2019 Hawaii News Now. All rights reserved.",
        "News date : 04/21/2022 Category : Press Releases",
        "Dieser Artikel gefällt Ihnen?",
        "Lust auf mehr? Lass dir die besten Storys jede Woche in deinen Posteingang liefern. "
        "Melde dich hier für unseren Newsletter an!",
        "*Werbung. Dieser Beitrag enthält Werbung für MYMARINI.",
        "Sie sind aktuell nicht eingeloggt.",
        "(Noch keine Bewertungen) Loading...",
        "Senior Editor with a focus on all things tech. You can keep up with me on Twitter.",
        "For the latest stories download the Nationnews apps for iOS and Android.",
        "Dieses Skript als PDF herunterladen",
        "© 2022, BreakingBelizeNews.com. This article is the copyrighted property of Breaking "
        "Belize News. Written permission must be obtained before reprint in online or print "
        "media. REPRINTING CONTENT WITHOUT PERMISSION AND/OR PAYMENT IS THEFT AND PUNISHABLE BY "
        "LAW.",
    ],
)
def test_furniture_is_recognised(text: str) -> None:
    assert is_furniture(text) or is_dateline(text) or is_opening_label(text)


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,
        "Read the report, she said, before you vote on it.",
        "The photographer said the light was perfect that morning.",
        "Depending on what you spend, you fall into one of three categories: FIRE, leanFIRE.",
        "Termin: 29.02.2020, 19 Uhr",
        "Einsendeschluss: 03.11.2019 (Poststempel)",
        "— Robert Maguire (@RobertMaguire_) November 18, 2019",
        "Sign up for the Disney+ bundle using the same email as your Hulu account",
        "The agency, AFP, reported the figures first.",
        "Video: 4K/30p, Full HD 120p",  # a camera's specification, not a video credit
        "The newsletter, which has 40,000 subscribers, began as a hobby in 2015.",
        "On Monday the council met again.",  # "On <site>.com:" needs the domain and a colon
        "News.",
        "See more of the city on foot: the walking tours start at nine.",
        "Facebook and Twitter removed the accounts on Monday.",
        "The comments were removed after the mayor complained, the newspaper said.",
        "Related costs: the council expects about 40 million over ten years.",
        "Copyright law has not kept pace with the way images are shared online, the court "
        "said in a ruling that runs to 80 pages and will be read closely by publishers, "
        "photographers and the platforms that host their work, lawyers on both sides said "
        "after the hearing on Monday.",
    ],
)
def test_article_text_is_not_furniture(text: str) -> None:
    assert not is_furniture(text)
    assert not is_dateline(text)
    assert not is_opening_label(text)


@pytest.mark.parametrize(
    "text",
    ["17 April 2012 • 2:54pm", "02.02.2022 A-Frauen", "Updated: March 11, 2024 3:46 PM"],
)
def test_a_block_that_is_only_a_date_is_a_dateline(text: str) -> None:
    assert is_dateline(text)


def test_an_opening_label_takes_its_linked_headlines_along() -> None:
    html = (
        f"<body><p>{ARTICLE}</p><h3>Read more</h3>"
        '<ul><li><a href="/a">Council approves the budget for next year</a></li>'
        '<li><a href="/b">Mayor opens the new library downtown</a></li></ul>'
        f"<p>{SECOND}</p></body>"
    )
    kept = drop_furniture(segment(LexborHTMLParser(html)))
    assert [c.text for c in kept] == [ARTICLE, SECOND]


def test_a_linked_headline_in_capitals_goes_but_headings_and_plain_capitals_stay() -> None:
    promo = "A LONG, DRAWN OUT HISTORY OF TAYLOR SWIFT'S FEUDS"
    html = (
        f"<body><p>{ARTICLE}</p>"
        f'<p><strong><a href="/swift">{promo}</a></strong></p>'
        '<h2><a href="#origins">ORIGINS OF COFFEEHOUSE CULTURE</a></h2>'
        '<p><a href="/canon">1. CANON EOS R6 MARK II</a></p>'
        "<p>THE COUNCIL WILL MEET AGAIN ON MONDAY</p>"
        f"<p>{SECOND}</p></body>"
    )
    kept = [c.text for c in drop_furniture(segment(LexborHTMLParser(html)))]
    assert kept == [
        ARTICLE,
        "ORIGINS OF COFFEEHOUSE CULTURE",
        "1. CANON EOS R6 MARK II",
        "THE COUNCIL WILL MEET AGAIN ON MONDAY",
        SECOND,
    ]


def test_runs_of_numbers_go_but_table_cells_stay() -> None:
    axis = "".join(f"<div>{n}</div>" for n in ("0", "20%", "40%", "60%", "2019", "2020"))
    table = "<table><tr><td>12</td><td>15</td><td>18</td></tr></table>"
    html = f"<body><p>{ARTICLE}</p>{axis}<p>{SECOND}</p>{table}</body>"
    kept = [c.text for c in drop_furniture(segment(LexborHTMLParser(html)))]
    assert kept == [ARTICLE, SECOND, "12", "15", "18"]


def test_a_list_of_teasers_goes_but_items_with_their_own_links_stay() -> None:
    """Other stories' linked headlines with their openings cut short go as a run of three or
    more; a review list whose items end in a link of their own ("Full review…") stays, and
    so do two teasers alone."""
    teasers = "".join(
        f'<li><a href="/{n}">Council story number {n} makes the news</a> '
        f"<span>NEW DELHI: The council said on Wednesday that story {n} would ...</span></li>"
        for n in range(3)
    )
    html = f"<body><ul>{teasers}</ul><p>{ARTICLE}</p><p>{SECOND}</p></body>"
    assert [c.text for c in drop_furniture(segment(LexborHTMLParser(html)))] == [ARTICLE, SECOND]
    reviews = "".join(
        f"<p><strong>Desk {n}</strong> 81/100 Rating, <a href='/buy{n}'>See at shop</a>. "
        f"A sturdy converter with a steel base. <a href='#d{n}'>Full Desk {n} Review…</a></p>"
        for n in range(3)
    )
    html = f"<body><p>{ARTICLE}</p>{reviews}</body>"
    assert len(drop_furniture(segment(LexborHTMLParser(html)))) == 4
    html = f"<body><ul>{''.join(teasers.split('</li>')[:2])}</ul><p>{ARTICLE}</p></body>"
    assert len(drop_furniture(segment(LexborHTMLParser(html)))) == 3


def test_a_lone_dateline_goes_but_a_list_of_dates_stays() -> None:
    one = f"<body><p>17 April 2012 • 2:54pm</p><p>{ARTICLE}</p></body>"
    assert [c.text for c in drop_furniture(segment(LexborHTMLParser(one)))] == [ARTICLE]
    events = "".join(
        f"<p>March {day}, 2026</p><p>Workshop number {day} in the town hall.</p>"
        for day in (16, 17, 18)
    )
    listing = f"<body><p>{ARTICLE}</p>{events}</body>"
    kept = [c.text for c in drop_furniture(segment(LexborHTMLParser(listing)))]
    assert "March 17, 2026" in kept


def test_trailing_headings_go() -> None:
    html = f"<body><h2>How it works</h2><p>{ARTICLE}</p><h3>Namibians want monuments gone</h3>"
    kept = [c.text for c in drop_furniture(segment(LexborHTMLParser(html)))]
    assert kept == ["How it works", ARTICLE]


def test_the_rules_never_empty_a_page() -> None:
    html = "<body><p>Advertisement</p><p>Related Coverage</p></body>"
    kept = [c.text for c in drop_furniture(segment(LexborHTMLParser(html)))]
    assert kept == ["Advertisement", "Related Coverage"]


def _page(body: str) -> bytes:
    return (
        "<html><head><title>Council expands bus network</title></head><body>"
        f"<article><h1>Council expands bus network</h1>{body}</article>"
        "<footer><a href='/'>Home</a> <a href='/about'>About</a></footer></body></html>"
    ).encode()


def test_a_news_page_loses_its_caption_credit_and_promo() -> None:
    body = (
        f"<p>{ARTICLE}</p>"
        "<figure><img src='x.jpg'><figcaption>Credit: DESMOND KWANDE/ AFP</figcaption></figure>"
        "<p><strong>Read more:</strong> <a href='/x'>Mayor opens the new library</a></p>"
        f"<p>{SECOND}</p>"
    )
    text = extract(Page(source="bus.html", content=_page(body))).text
    assert ARTICLE in text and SECOND in text
    assert "AFP" not in text
    assert "Read more" not in text


def test_invisible_characters_leave_the_text_and_the_title() -> None:
    body = (
        "<p>Prime Minister Benjamin Netan\u00adyahu said on Tues\u200bday that the\u00a0cabinet "
        f"would meet again next week.</p><p>{ARTICLE}</p>"
    )
    html = _page(body).replace(b"Council expands", "Coun\u00adcil expands".encode())
    article = extract(Page(source="bus.html", content=html))
    assert "Netanyahu said on Tuesday that the cabinet would" in article.text
    assert "\u00ad" not in article.text and "\u200b" not in article.text
    assert "\u00a0" not in article.text
    assert article.title == "Council expands bus network"


def test_joiners_that_scripts_need_stay() -> None:
    persian = "می\u200cخواهم"  # a zero-width non-joiner inside a Persian word
    body = f"<p>{persian} {ARTICLE}</p>"
    assert persian in extract(Page(source="fa.html", content=_page(body))).text


def test_an_authors_bio_at_the_end_goes() -> None:
    bio = "Jane Doe is a transport reporter who has covered city hall since 2015."
    html = f"<body><p>{ARTICLE}</p><p>{SECOND}</p><p>{bio}</p></body>"
    kept = [c.text for c in drop_furniture(segment(LexborHTMLParser(html)), ["Jane Doe"])]
    assert kept == [ARTICLE, SECOND]
    # without the page's author named, the same sentence is text
    assert bio in [c.text for c in drop_furniture(segment(LexborHTMLParser(html)))]
