"""The seed page (a Gazeta Express text dump) must come out exactly right.

The expected values are the reading given in ../shared/seed/README.md. The test runs on the
shared copy and on the copy bundled in samples/, through the public ``extract`` entry point.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, SEED
from newsdesk import Page, Settings, extract
from newsdesk.record import Article

COPIES = [SEED, REPO / "samples" / SEED.name]
TITLE = "NATO official says he feels they are opening a new chapter in relations with Serbia"
SLUG = "nato-official-says-he-feels-they-are-opening-a-new-chapter-in-relations-with-serbia"
PUBLISHED = {"2026-05-20T15:49:00+02:00", "2026-05-20T15:49+02:00"}


def _expected_paragraphs(raw: str) -> list[str]:
    """The eleven body paragraphs, cut from the file between the two markers."""
    paragraphs = [p.strip() for p in raw.replace("\r\n", "\n").split("\n\n") if p.strip()]
    first = next(i for i, p in enumerate(paragraphs) if p.startswith("NATO Deputy Assistant"))
    last = next(i for i, p in enumerate(paragraphs) if p.startswith("Meanwhile, regarding Kosovo"))
    return paragraphs[first : last + 1]


def _extract(path: Path) -> Article:
    return extract(Page(source=str(path), content=path.read_bytes()), Settings())


@pytest.fixture(scope="module", params=COPIES, ids=["shared", "samples"])
def seed(request: pytest.FixtureRequest, shared: Path) -> tuple[Article, list[str]]:
    path: Path = request.param
    return _extract(path), _expected_paragraphs(path.read_text("utf-8"))


def test_both_copies_are_the_same_page() -> None:
    assert COPIES[0].read_bytes() == COPIES[1].read_bytes()


def test_metadata(seed: tuple[Article, list[str]]) -> None:
    article, _ = seed
    assert article.title == TITLE
    assert article.site == "Gazeta Express"
    assert article.slug == SLUG
    assert article.section == "News"
    assert article.published in PUBLISHED
    assert article.modified is None
    assert article.language == "en"  # the text is English; the registry's "sq" must not win
    assert article.authors == []


def test_exactly_the_eleven_body_paragraphs(seed: tuple[Article, list[str]]) -> None:
    article, expected = seed
    assert len(expected) == 11
    assert [block.text for block in article.blocks] == expected
    assert all(block.kind == "paragraph" for block in article.blocks)
    assert article.text == "\n\n".join(expected)


def test_no_boilerplate_left(seed: tuple[Article, list[str]]) -> None:
    article, _ = seed
    text = article.text
    for leftover in ("string(89)", "advertisement", "Express newspaper", "20/05/2026", " - Gazeta"):
        assert leftover not in text
    assert TITLE not in text


def test_round_trips_through_json(seed: tuple[Article, list[str]]) -> None:
    article, _ = seed
    assert Article.from_dict(article.to_dict()) == article
