"""Exports of the store's articles: JSON lines, CSV or Parquet, streamed by chunks (the
Parquet file is written one row group per chunk), with no cap on the number of rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from newsdesk.errors import StoreError

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
CHUNK = 1000

# Flat columns for CSV and Parquet; lists are joined ("; ") in CSV, kept as lists in
# Parquet; quotes, speakers and entities travel as JSON text in both.
SCALARS = (
    "id", "key", "version", "cluster_id", "canonical", "stored", "source", "content_hash",
    "url", "canonical_url", "site", "slug", "section", "title", "published", "modified",
    "language", "description", "image",
)  # fmt: skip
LISTS = ("authors", "tags")
NESTED = ("quotes", "speakers", "entities")
COLUMNS = (*SCALARS, *LISTS, "text", *NESTED)


def flat_row(record: dict[str, Any], join_lists: bool) -> dict[str, Any]:
    row = {name: record.get(name) for name in SCALARS}
    for name in LISTS:
        values = list(record.get(name) or [])
        row[name] = "; ".join(values) if join_lists else values
    row["text"] = record.get("text", "")
    for name in NESTED:
        row[name] = json.dumps(record.get(name) or [], ensure_ascii=False)
    return row


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(flat_row(record, join_lists=True))
        count += 1
    return count


def _chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def parquet_schema() -> Any:
    import pyarrow as pa

    types = {"id": pa.int64(), "version": pa.int64(), "cluster_id": pa.int64(),
             "canonical": pa.bool_()}  # fmt: skip
    fields = [pa.field(name, types.get(name, pa.string())) for name in SCALARS]
    fields += [pa.field(name, pa.list_(pa.string())) for name in LISTS]
    fields += [pa.field(name, pa.string()) for name in ("text", *NESTED)]
    return pa.schema(fields)


def write_parquet(records: Iterable[dict[str, Any]], path: str | Path, chunk: int = CHUNK) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        for rows in _chunks(records, chunk):
            flat = [flat_row(r, join_lists=False) for r in rows]
            table = pa.Table.from_pylist(flat, schema=schema)
            writer.write_table(table)
            count += len(rows)
    return count


def export(records: Iterable[dict[str, Any]], fmt: str, output: str | Path) -> int:
    """Write ``records`` (from ``Store.iter_articles``) to ``output``; return how many."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(
            f"{output}: unknown export format {fmt!r} (use {', '.join(EXPORT_FORMATS)})"
        )
    try:
        if fmt == "parquet":
            return write_parquet(records, output)
        with open(output, "w", encoding="utf-8", newline="") as out:
            return write_jsonl(records, out) if fmt == "jsonl" else write_csv(records, out)
    except OSError as exc:
        raise StoreError(f"{output}: cannot write the export: {exc.strerror or exc}") from exc
