"""Exports of the store's articles and quotes: JSON lines, CSV or Parquet, streamed by
chunks (the Parquet file is written one row group per chunk), with no cap on the number
of rows. The line generators (``jsonl_lines``, ``csv_lines``) serve files and HTTP alike.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict
from itertools import islice
from pathlib import Path
from typing import IO, Any

from newsdesk.errors import StoreError
from newsdesk.store._records import QuoteRow, StoredArticle

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
QUOTE_COLUMNS = tuple(QuoteRow.__dataclass_fields__)


def flat_row(record: dict[str, Any], join_lists: bool) -> dict[str, Any]:
    row = {name: record.get(name) for name in SCALARS}
    for name in LISTS:
        values = list(record.get(name) or [])
        row[name] = "; ".join(values) if join_lists else values
    row["text"] = record.get("text", "")
    for name in NESTED:
        row[name] = json.dumps(record.get(name) or [], ensure_ascii=False)
    return row


def quote_dict(quote: QuoteRow) -> dict[str, Any]:
    """A quote as JSON: its fields, spans as lists."""
    out = asdict(quote)
    out["titles"] = list(quote.titles)
    out["parts"] = [list(p) for p in quote.parts]
    return out


def flat_quote(quote: QuoteRow) -> dict[str, Any]:
    """A quote as a CSV row: titles joined by "; ", spans as JSON text."""
    out = quote_dict(quote)
    out["titles"] = "; ".join(quote.titles)
    out["parts"] = json.dumps(out["parts"])
    return out


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def csv_lines(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    """The header, then one CSV line per row (RFC 4180 quoting, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)

    def take() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writeheader()
    yield take()
    for row in rows:
        writer.writerow(row)
        yield take()


def article_rows(records: Iterable[StoredArticle], flat: bool) -> Iterator[dict[str, Any]]:
    for record in records:
        yield flat_row(record.to_dict(), join_lists=True) if flat else record.to_dict()


def _write(lines: Iterable[str], out: IO[str]) -> int:
    count = 0
    for line in lines:
        out.write(line)
        count += 1
    return count


def write_jsonl(records: Iterable[StoredArticle], out: IO[str]) -> int:
    return _write(jsonl_lines(article_rows(records, flat=False)), out)


def write_csv(records: Iterable[StoredArticle], out: IO[str]) -> int:
    return _write(csv_lines(article_rows(records, flat=True), COLUMNS), out) - 1


def _chunks(records: Iterable[StoredArticle], size: int) -> Iterator[list[StoredArticle]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def parquet_schema() -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type hints

    types = {"id": pa.int64(), "version": pa.int64(), "cluster_id": pa.int64(),
             "canonical": pa.bool_()}  # fmt: skip
    fields = [pa.field(name, types.get(name, pa.string())) for name in SCALARS]
    fields += [pa.field(name, pa.list_(pa.string())) for name in LISTS]
    fields += [pa.field(name, pa.string()) for name in ("text", *NESTED)]
    return pa.schema(fields)


def write_parquet(
    records: Iterable[StoredArticle], path: str | Path | IO[bytes], chunk: int = CHUNK
) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq  # type: ignore[import-untyped]  # no type hints

    schema = parquet_schema()
    count = 0
    where = str(path) if isinstance(path, str | Path) else path
    with pq.ParquetWriter(where, schema, compression="zstd") as writer:
        for rows in _chunks(records, chunk):
            flat = [flat_row(r.to_dict(), join_lists=False) for r in rows]
            table = pa.Table.from_pylist(flat, schema=schema)
            writer.write_table(table)
            count += len(rows)
    return count


def _check_format(fmt: str, output: str | Path) -> None:
    if fmt not in EXPORT_FORMATS:
        raise StoreError(
            f"{output}: unknown export format {fmt!r} (use {', '.join(EXPORT_FORMATS)})"
        )


def _write_to(records: Iterable[StoredArticle], fmt: str, target: Path) -> int:
    """Write straight into ``target`` (created, or a device such as a pipe)."""
    if fmt == "parquet":
        return write_parquet(records, target)
    writers: dict[str, Callable[[Iterable[StoredArticle], IO[str]], int]] = {
        "jsonl": write_jsonl,
        "csv": write_csv,
    }
    with target.open("w", encoding="utf-8", newline="") as out:
        return writers[fmt](records, out)


def _temporary(target: Path) -> Path:
    """A new file beside ``target`` (same folder: the rename is atomic), made with the
    mode a plain ``open`` would give (the umask applies)."""
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.part")
        try:
            tmp.open("x").close()
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(f"no free temporary name beside {target}")


def export(records: Iterable[StoredArticle], fmt: str, output: str | Path) -> int:
    """Write ``records`` (from ``Store.iter_articles``) to ``output``; return how many.

    A file is written under a temporary name in its folder and renamed over ``output``
    once complete: a failed export leaves the file there before untouched (a device or
    pipe such as ``/dev/stdout`` is written directly)."""
    _check_format(fmt, output)
    target = Path(output)
    try:
        if target.exists() and not target.is_file():
            return _write_to(records, fmt, target)
        tmp = _temporary(target)
        try:
            count = _write_to(records, fmt, tmp)
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise StoreError(f"{output}: cannot write the export: {exc.strerror or exc}") from exc
    return count


def export_stream(
    records: Iterable[StoredArticle], fmt: str, text: IO[str], binary: IO[bytes]
) -> int:
    """Write ``records`` to an open stream (standard output): JSON lines and CSV to
    ``text``, Parquet to ``binary``; return how many."""
    _check_format(fmt, "-")
    try:
        if fmt == "parquet":
            return write_parquet(records, binary)
        return write_jsonl(records, text) if fmt == "jsonl" else write_csv(records, text)
    except OSError as exc:
        raise StoreError(
            f"standard output: cannot write the export: {exc.strerror or exc}"
        ) from exc
