"""Builders for store tests: real pages and articles, no mocks."""

from __future__ import annotations

import random

from newsdesk.record import Article, Block, Cue, Entity, Page, Quote, QuoteSpeaker, Speaker

WORDS = (
    "minister said talks would resume next week after the summit in brussels where "
    "leaders discussed energy prices security trade migration climate budget reform "
    "elections police court ruling hospital strike union farmers border army ceasefire"
).split()


def body_text(seed: int, n_words: int = 300) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n_words))


def make_pair(
    body: str,
    url: str | None = None,
    title: str = "A story",
    published: str | None = None,
    site: str | None = "Daily Example",
    salt: str = "",
) -> tuple[Page, Article]:
    """A page (its bytes differ with ``salt``) and the article extracted from it."""
    page = Page(source=f"{url or 'local'}{salt}", content=f"<p>{body}</p>{salt}".encode(), url=url)
    article = Article(
        source=page.source,
        content_hash=page.content_hash,
        url=url,
        site=site,
        title=title,
        published=published,
        language="en",
        blocks=[Block("paragraph", body)],
    )
    return page, article


def with_quote(article: Article, speaker: str, org: str | None, said: str) -> Article:
    """Add a sentence ``<speaker> said: "<said>"`` with its quote, speaker and entities."""
    prefix = article.text + "\n\n" if article.blocks else ""
    sentence = f'{speaker} said: "{said}"'
    article.blocks.append(Block("paragraph", sentence))
    start = len(prefix)
    q_start = start + sentence.index('"') + 1
    q_end = q_start + len(said)
    sid = f"s{len(article.speakers)}"
    article.speakers.append(
        Speaker(
            sid,
            speaker,
            organisations=[org] if org else [],
            mentions=[(start, start + len(speaker))],
        )
    )
    cue_at = start + len(speaker) + 1
    article.quotes.append(
        Quote([(q_start, q_end)], "direct", Cue("said", (cue_at, cue_at + 4)),
              QuoteSpeaker(speaker, (start, start + len(speaker)), sid, 0.9))
    )  # fmt: skip
    article.entities.append(Entity(speaker, "PERSON", [(start, start + len(speaker))]))
    for word in said.split()[1:]:  # capitalised words past the first are places
        if word[:1].isupper() and word.strip(".,").isalpha():
            name = word.strip(".,")
            at = q_start + said.index(name)
            article.entities.append(Entity(name, "GPE", [(at, at + len(name))]))
    return article


def test_with_quote_offsets_point_at_the_words() -> None:
    _, article = make_pair("Opening words.", "https://a.example/1")
    with_quote(article, "Kevin Hamilton", "NATO", "We reached out to Serbia.")
    text = article.text
    (quote,) = article.quotes
    assert text[slice(*quote.parts[0])] == "We reached out to Serbia."
    assert text[slice(*article.speakers[0].mentions[0])] == "Kevin Hamilton"
    serbia = next(e for e in article.entities if e.label == "GPE")
    assert text[slice(*serbia.mentions[0])] == "Serbia"
