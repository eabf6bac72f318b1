"""The hostile source corpus (``tests/fixtures/hostile/sources``) read in one run: every file
gives exactly its expected pages and named errors, and the run reaches the last file.

No file touches the network: their links are refused by the URL check or point at
127.0.0.1, which is not fetched without ``FetchOptions.allow_private``.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from newsdesk.errors import InputError
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources import iter_pages

HOSTILE = FIXTURES / "hostile" / "sources"
REFUSED = ["AddressRefused"]

# file -> (input spec prefix, the kinds read from it, in order)
EXPECTED: dict[str, tuple[str, list[str]]] = {
    "bad-links.rss": ("", ["UnusableURL"] * 3),  # 256.1.1.1, 0177.0.0.1, 1.2.3.04; mailto skipped
    "breaks-feedparser.rss": ("", ["NotAPage"]),  # feedparser's own KeyError, found by fuzzing
    "control-chars.html": ("", ["Page"]),
    "cut-mid-member.warc.gz": ("", ["Page", "UnreadableInput", "Page", "Page"]),
    "cut-mid-record.warc": ("", ["Page", "UnreadableInput", "Page", "Page"]),
    "cut.jsonl.gz": ("", ["Page", "NotAPage", "NotAPage", "UnreadableInput"]),
    "empty.warc": ("", ["EmptyInput"]),
    "nested.jsonl": ("", ["Page", "NotAPage", "NotAPage", "Page"]),
    "not-gzip.warc.gz": ("", ["UnreadableInput"]),
    "sitemap-cut.xml": ("sitemap:", ["UnreadableInput"] + REFUSED * 5),  # the 5 URLs read, tried
    "sitemap-laughs.xml": ("sitemap:", ["UnreadableInput"] + REFUSED * 3),
    "truncated.html.gz": ("", ["UnreadableInput"]),
}


def kinds(items: list[Page | InputError]) -> list[str]:
    return [type(item).__name__ for item in items]


def test_the_corpus_lists_every_fixture() -> None:
    on_disk = {p.name for p in HOSTILE.iterdir() if p.suffix not in (".py", ".md")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_input_gives_its_expected_outcome(name: str) -> None:
    prefix, expected = EXPECTED[name]
    items = list(iter_pages([prefix + str(HOSTILE / name)], Settings()))
    assert kinds(items) == expected
    for item in items:
        if isinstance(item, InputError):
            assert item.source and item.reason  # named, with a reason


def test_the_whole_corpus_in_one_run_reaches_the_last_input() -> None:
    names = sorted(EXPECTED)
    items = list(iter_pages([EXPECTED[n][0] + str(HOSTILE / n) for n in names], Settings()))
    assert kinds(items) == [kind for name in names for kind in EXPECTED[name][1]]
