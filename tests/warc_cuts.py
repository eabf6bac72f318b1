"""WARC archives cut short on purpose: shared by the hostile-input tests and the script that
rebuilds ``tests/fixtures/hostile/sources`` (tests/ is on pytest's path; the script is run
with ``PYTHONPATH=src:tests``)."""

from __future__ import annotations

import io

from fastwarc.warc import ArchiveIterator, WarcRecordType

from newsdesk.sources.warc_write import WarcPage


def warc_pages() -> list[WarcPage]:
    """Four small article pages: WARC records of about 2.5 KB each."""
    body = b"<p>The minister said the plan would go ahead.</p>" * 40
    return [
        WarcPage(url=f"https://news.example/{n}", content=b"<h1>Story %d</h1>%s" % (n, body))
        for n in range(4)
    ]


def cut_record(data: bytes, index: int, keep: int) -> bytes:
    """``data`` with record ``index`` (0 = warcinfo) cut to its first ``keep`` bytes."""
    records = ArchiveIterator(io.BytesIO(data), record_types=WarcRecordType.any_type)
    offsets = [record.stream_pos for record in records] + [len(data)]
    return data[: offsets[index] + keep] + data[offsets[index + 1] :]
