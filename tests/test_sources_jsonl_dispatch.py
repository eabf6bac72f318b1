"""JSON Lines of {url, html} and the input dispatch of iter_pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsdesk.errors import InputError, InputTooLarge, NotAPage, UnreadableInput
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources import iter_pages
from newsdesk.sources.warc_write import WarcPage, write_warc

HTML = "<html><head><title>T</title></head><body><p>Ünïcode text.</p></body></html>"


def lines(*rows: object) -> str:
    return "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)


def test_one_page_per_line_and_one_error_per_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(
        lines(
            {"url": "https://ex.org/1", "html": HTML, "headers": {"Content-Type": "text/html"}},
            "",
            "{not json",
            [1, 2],
            {"url": "https://ex.org/4"},
            {"url": 5, "html": HTML},
            {"url": "https://ex.org/7", "text": "Plain text dump."},
        ),
        encoding="utf-8",
    )
    items = list(iter_pages([str(path)], Settings()))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Page", "NotAPage", "NotAPage", "NotAPage", "NotAPage", "Page"]
    first, last = items[0], items[-1]
    assert isinstance(first, Page) and isinstance(last, Page)
    assert first.source == f"{path}:1" and first.url == "https://ex.org/1"
    assert first.content == HTML.encode() and first.headers == {"content-type": "text/html"}
    assert last.source == f"{path}:7" and last.kind == "text"
    assert [i.source for i in items[1:5]] == [f"{path}:{n}" for n in (3, 4, 5, 6)]
    assert "not a JSON object" in str(items[1]) and '"html"' in str(items[3])


def test_gzipped_jsonl_and_a_truncated_one(tmp_path: Path) -> None:
    data = lines(*({"url": f"https://ex.org/{n}", "html": HTML * 50} for n in range(20)))
    good = tmp_path / "pages.jsonl.gz"
    good.write_bytes(gzip.compress(data.encode()))
    assert len([i for i in iter_pages([str(good)], Settings()) if isinstance(i, Page)]) == 20
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(good.read_bytes()[:-200])
    items = list(iter_pages([str(cut)], Settings()))
    assert isinstance(items[-1], InputError)
    assert all(isinstance(i, Page) for i in items[:-1])
    assert str(cut) in str(items[-1])


def test_an_overlong_line_is_refused_and_the_next_still_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(lines({"url": "u1", "html": "x" * 100_000}, {"url": "u2", "html": HTML}))
    items = list(iter_pages([str(path)], Settings(max_page_bytes=1_000)))
    assert isinstance(items[0], InputTooLarge) and items[0].source == f"{path}:1"
    assert isinstance(items[1], Page) and items[1].url == "u2"


def test_inputs_are_dispatched_by_kind_in_order(tmp_path: Path) -> None:
    html = tmp_path / "a.html"
    html.write_text(HTML)
    jsonl = tmp_path / "b.jsonl"
    jsonl.write_text(lines({"url": "https://ex.org/b", "html": HTML}))
    warc = tmp_path / "c.warc.gz"
    write_warc(warc, [WarcPage("https://ex.org/c", HTML.encode())])
    xml = tmp_path / "d.xml"
    xml.write_text("<?xml version='1.0'?><note><p>Not a feed.</p></note>")
    missing = tmp_path / "missing.warc"
    inputs = [str(html), str(jsonl), str(warc), str(xml), str(missing)]
    items = list(iter_pages(inputs, Settings()))
    assert [type(i).__name__ for i in items] == ["Page", "Page", "Page", "Page", "UnreadableInput"]
    assert [i.source for i in items] == [
        str(html), f"{jsonl}:1", f"{warc}#{items[2].source.rpartition('#')[2]}", str(xml),
        str(missing),
    ]  # fmt: skip
    assert items[2].url == "https://ex.org/c"  # type: ignore[union-attr]


@pytest.mark.parametrize("spec", ["feed:", "sitemap:nope.xml", "feed:/no/such/feed.xml"])
def test_prefixed_local_inputs_that_do_not_exist_are_errors(spec: str) -> None:
    items = list(iter_pages([spec], Settings()))
    assert len(items) == 1 and isinstance(items[0], UnreadableInput | NotAPage)


def test_a_local_feed_that_is_html_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<!DOCTYPE html><html><body>Not a feed</body></html>")
    items = list(iter_pages(["feed:" + str(path)], Settings()))
    assert len(items) == 1 and isinstance(items[0], NotAPage)
    assert items[0].source == str(path)


def test_a_glob_of_archives_reads_each_archive(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_warc(tmp_path / f"{name}.warc.gz", [WarcPage(f"https://ex.org/{name}", b"<p>x</p>")])
    (tmp_path / "c.html").write_text(HTML)
    items = list(iter_pages([str(tmp_path / "*.warc.gz"), str(tmp_path / "*.html")], Settings()))
    assert [i.url for i in items if isinstance(i, Page)] == [
        "https://ex.org/a",
        "https://ex.org/b",
        None,
    ]
    missing = list(iter_pages([str(tmp_path / "*.nothing")], Settings()))
    assert len(missing) == 1 and isinstance(missing[0], UnreadableInput)
