"""Exports stream every article (no cap) to JSONL, CSV and Parquet with the same content."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.record import Article
from newsdesk.store import Filters, open_store
from newsdesk.store.export import export
from test_store_helpers import body_text, make_pair, with_quote

N = 23


@pytest.fixture()
def db(store_url: str) -> str:
    """The store on each backend (``store_url``: a SQLite file, a PostgreSQL database)."""
    path = store_url
    with open_store(path) as store:
        pairs = []
        for i in range(N):
            url, day = f"https://x.example/{i}", f"2024-01-{i + 1:02d}"
            page, article = make_pair(body_text(500 + i), url, title=f"Story {i}", published=day)
            if i % 5 == 0:
                with_quote(article, "Kevin Hamilton", "NATO", f"Point number {i}.")
            pairs.append((page, article))
        store.save(pairs)
    return path


def test_iter_articles_pages_through_small_chunks(db: str) -> None:
    with open_store(db) as store:
        records = list(store.iter_articles(Filters(limit=None), chunk=4))
    assert [r.article.title for r in records] == [f"Story {i}" for i in range(N)]
    restored = Article.from_dict(records[0].to_dict())
    assert restored.quotes and restored.speakers[0].name == "Kevin Hamilton"
    assert records[0].to_dict()["text"] == restored.text


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_formats_hold_every_article(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{N} articles written" in result.output
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
    elif fmt == "csv":
        with out.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    else:
        rows = pq.read_table(out).to_pylist()
    assert len(rows) == N
    assert {r["title"] for r in rows} == {f"Story {i}" for i in range(N)}
    first = next(r for r in rows if r["title"] == "Story 0")
    quotes = first["quotes"] if fmt == "jsonl" else json.loads(first["quotes"])
    assert len(quotes) == 1 and "Point number 0." in first["text"]


def test_export_filters_and_parquet_row_groups(db: str, tmp_path: Path) -> None:
    with open_store(db) as store:
        out = tmp_path / "f.parquet"
        count = export(store.iter_articles(Filters(limit=None, speaker="hamilton")), "parquet", out)
    assert count == 5
    small = tmp_path / "g.parquet"
    with open_store(db) as store:
        from newsdesk.store.export import write_parquet

        write_parquet(store.iter_articles(Filters(limit=None)), small, chunk=5)
    assert pq.ParquetFile(small).num_row_groups == 5  # written batch by batch


def test_export_to_unwritable_place_is_a_clear_error(db: str, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.jsonl"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "-o", str(target)])
    assert result.exit_code == 1 and "cannot write the export" in result.output
