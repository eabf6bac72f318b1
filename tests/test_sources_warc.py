"""WARC archives: written by warc_write, read back; damaged archives reported and survived."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator, WarcRecordType

from conftest import FIXTURES
from newsdesk.errors import EmptyInput, InputError, UnreadableInput
from newsdesk.record import Page
from newsdesk.settings import Settings
from newsdesk.sources import iter_pages
from newsdesk.sources.warc_write import WarcPage, write_warc

SOURCES = FIXTURES / "sources"
BODY = "<html><head><title>{t}</title></head><body><p>{t}: the minister said so.</p></body></html>"


def sample_pages() -> list[WarcPage]:
    return [
        WarcPage(url="https://a.example/one", content=BODY.format(t="One").encode()),
        WarcPage(
            url="https://b.example/two",
            content=BODY.format(t="Deux élan").encode("latin-1"),
            headers={
                "Content-Type": "text/html; charset=ISO-8859-1",
                "Last-Modified": "Tue, 02 Jan 2024 10:00:00 GMT",
            },
            date=datetime(2024, 1, 3, 8, 30, tzinfo=UTC),
        ),
        WarcPage(url="https://c.example/three", content=BODY.format(t="Three").encode()),
    ]


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_a_written_warc_reads_back_page_for_page(tmp_path: Path, compress: bool) -> None:
    path = tmp_path / ("cc.warc.gz" if compress else "cc.warc")
    assert write_warc(path, sample_pages(), compress=compress) == 4  # warcinfo + 3
    items = list(iter_pages([str(path)], Settings()))
    assert all(isinstance(item, Page) for item in items)
    pages = [item for item in items if isinstance(item, Page)]
    assert [p.url for p in pages] == [w.url for w in sample_pages()]
    assert [p.content for p in pages] == [w.content for w in sample_pages()]
    two = pages[1]
    assert two.headers["content-type"] == "text/html; charset=ISO-8859-1"
    assert two.headers["last-modified"] == "Tue, 02 Jan 2024 10:00:00 GMT"
    assert two.headers["date"] == "Wed, 03 Jan 2024 08:30:00 GMT"
    assert two.fetched == datetime(2024, 1, 3, 8, 30, tzinfo=UTC)


def test_sources_name_the_record_offset_and_the_offset_is_real(tmp_path: Path) -> None:
    path = tmp_path / "cc.warc.gz"
    write_warc(path, sample_pages())
    for page in iter_pages([str(path)], Settings()):
        assert isinstance(page, Page)
        name, _, offset = page.source.rpartition("#")
        assert name == str(path)
        with open(path, "rb") as handle:
            handle.seek(int(offset))
            record = next(iter(ArchiveIterator(handle, record_types=WarcRecordType.response)))
            assert record.headers.get("WARC-Target-URI") == page.url


def test_encoded_bodies_are_decoded(tmp_path: Path) -> None:
    html = BODY.format(t="Zipped").encode()
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(html), html)
    pages = [
        WarcPage("https://z.example/gz", gzip.compress(html), {"Content-Encoding": "gzip"}),
        WarcPage("https://z.example/chunk", chunked, {"Transfer-Encoding": "chunked"}),
    ]
    path = tmp_path / "enc.warc.gz"
    write_warc(path, pages)
    got = [p.content for p in iter_pages([str(path)], Settings()) if isinstance(p, Page)]
    assert got == [html, html]


def test_a_record_over_the_limit_is_refused_and_the_rest_read(tmp_path: Path) -> None:
    pages = sample_pages()
    pages.insert(1, WarcPage("https://big.example/", b"<p>" + b"x" * 50_000 + b"</p>"))
    path = tmp_path / "big.warc.gz"
    write_warc(path, pages)
    items = list(iter_pages([str(path)], Settings(max_page_bytes=10_000)))
    assert [type(i).__name__ for i in items] == ["Page", "InputTooLarge", "Page", "Page"]


def test_a_truncated_last_gzip_member_gives_one_error() -> None:
    path = SOURCES / "truncated-end.warc.gz"
    items = list(iter_pages([str(path)], Settings()))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len([i for i in items if isinstance(i, Page)]) == 3
    assert len(errors) == 1
    assert isinstance(errors[0], UnreadableInput)
    assert errors[0].source == f"{path}#1476"
    assert "truncated" in errors[0].reason


def test_a_corrupt_record_in_the_middle_is_skipped_and_the_rest_read() -> None:
    path = SOURCES / "corrupt-middle.warc.gz"
    items = list(iter_pages([str(path)], Settings()))
    assert [type(i).__name__ for i in items] == ["Page", "Page", "UnreadableInput", "Page"]
    error = items[2]
    assert isinstance(error, InputError)
    assert error.source == f"{path}#1069"
    assert "corrupt" in str(error) and "next record" in str(error)
    last = items[3]
    assert isinstance(last, Page) and last.url == "https://news.example/story-3"


def test_a_truncated_uncompressed_warc_reports_the_cut_record() -> None:
    path = SOURCES / "truncated.warc"
    items = list(iter_pages([str(path)], Settings()))
    assert [type(i).__name__ for i in items] == ["Page", "Page", "UnreadableInput"]
    assert "592 of 1,906 bytes" in str(items[2])


def test_fixtures_match_their_generator(tmp_path: Path) -> None:
    from fixtures.sources import make_fixtures

    write_warc(tmp_path / "good.warc.gz", make_fixtures.pages())
    assert (tmp_path / "good.warc.gz").read_bytes() == (SOURCES / "good.warc.gz").read_bytes()


@pytest.mark.parametrize(
    ("content", "error"),
    [(b"", EmptyInput), (b"this is not a WARC file\n" * 20, UnreadableInput),
     (gzip.compress(b"not a WARC either\n" * 20), UnreadableInput)],
    ids=["empty", "text", "gzip-text"],
)  # fmt: skip
def test_a_file_that_is_not_a_warc_is_one_error(
    tmp_path: Path, content: bytes, error: type
) -> None:
    path = tmp_path / "x.warc.gz"
    path.write_bytes(content)
    items = list(iter_pages([str(path)], Settings()))
    assert len(items) == 1 and isinstance(items[0], error)
    assert str(path) in str(items[0])


def test_random_damage_never_crashes(tmp_path: Path) -> None:
    good = (SOURCES / "good.warc.gz").read_bytes()
    for cut in range(0, len(good), 97):
        for damaged in (good[:cut], good[:cut] + bytes(50) + good[cut + 50 :]):
            path = tmp_path / "d.warc.gz"
            path.write_bytes(damaged)
            items = list(iter_pages([str(path)], Settings()))
            assert all(isinstance(i, Page | InputError) for i in items)
            assert len([i for i in items if isinstance(i, Page)]) <= 4


def test_missing_warc_is_an_error_naming_it(tmp_path: Path) -> None:
    items = list(iter_pages([str(tmp_path / "nope.warc.gz")], Settings()))
    assert len(items) == 1 and isinstance(items[0], UnreadableInput)
    assert "nope.warc.gz" in str(items[0])


def test_reading_is_streamed_record_by_record(tmp_path: Path) -> None:
    path = tmp_path / "cc.warc.gz"
    write_warc(path, sample_pages())
    stream = iter_pages([str(path)], Settings())
    first = next(stream)
    assert isinstance(first, Page) and first.url == "https://a.example/one"
    stream.close()  # closing early releases the file


def test_a_page_source_resumes_reading_at_its_record() -> None:
    path = SOURCES / "good.warc.gz"
    items = list(iter_pages([f"{path}#1069"], Settings()))
    assert [i.url for i in items if isinstance(i, Page)] == [
        "https://news.example/story-2", "https://news.example/story-3",
    ]  # fmt: skip
    assert [i.source for i in items] == [f"{path}#1069", f"{path}#1476"]


def test_an_offset_inside_a_record_is_reported_then_reading_goes_on() -> None:
    path = SOURCES / "good.warc.gz"
    items = list(iter_pages([f"{path}#1000"], Settings()))
    assert [type(i).__name__ for i in items] == ["UnreadableInput", "Page", "Page"]
    assert items[0].source == f"{path}#1000"
