"""scan_page: one walk of the tree for the metadata elements; JSON-LD in a meta tag."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from newsdesk.extract.html._metadata import read_metadata
from newsdesk.extract.html._scan import scan_page
from newsdesk.record import Article, Page
from newsdesk.settings import Settings

PAGE = """<html><head><title>T</title>
<meta name="description" content="d">
<meta itemprop="datePublished" content="2024-03-01">
<link rel="Canonical" href="/a"><link rel="canonical" href="/b">
<script type="application/ld+json">{"@type": "Article"}</script>
<script>var x = 1;</script>
</head><body><h1>Head</h1><time itemprop="dateModified" datetime="2024-03-02">x</time>
<span itemprop="datePublished">1 March 2024</span></body></html>"""


def test_scan_page_sorts_each_element_once_in_document_order() -> None:
    nodes = scan_page(LexborHTMLParser(PAGE))
    assert [a.get("name") or a.get("itemprop") for a in nodes.metas] == [
        "description",
        "datePublished",
    ]
    assert nodes.canonical is not None and nodes.canonical.attributes["href"] == "/a"
    assert nodes.jsonld == ['{"@type": "Article"}']
    assert [n.tag for n in nodes.h1s] == ["h1"]
    assert [n.tag for n in nodes.times] == ["time"]
    assert [n.tag for n in nodes.published_props] == ["meta", "span"]  # no duplicate meta
    assert [n.tag for n in nodes.modified_props] == ["time"]


def test_jsonld_in_a_meta_tag_gives_the_dates() -> None:
    markup = (
        '<html><head><meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article'
        '&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}">'
        "</head><body><h1>A title</h1><p>Text.</p></body></html>"
    )
    page = Page(source="x.html", content=markup.encode(), url="https://example.com/a")
    article = Article(source="x.html", content_hash="", url=page.url)
    read_metadata(LexborHTMLParser(markup), article, page, Settings())
    assert article.published == "2025-11-17T09:00-05:00"
