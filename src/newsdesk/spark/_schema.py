"""The Parquet layout the Spark job writes: one row per article, field for field
``Article.to_dict()``, plus where it came from and the two partition columns.

::

    OUT/articles/date=2024-01-31/host=example.org/part-<input id>.parquet
    OUT/failures/part-<input id>.parquet
    OUT/clusters/            (written by the near-duplicate step)
    OUT/_done/<input id>.json

Article columns (nested types, not JSON strings, so Spark SQL can reach inside)::

    source, content_hash, url, canonical_url, site, slug, section, title   string
    authors, tags                                                           list<string>
    published, modified, language, description, image, text                 string
    blocks    list<struct<kind, text>>
    quotes    list<struct<text, cue_type, parts: list<list<int64>>, kind,
                          cue: struct<text, span: list<int64>>,
                          speaker: struct<name, mention: list<int64>, id, confidence: double,
                                          titles: list<string>, organisations: list<string>>>>
    speakers  list<struct<id, name, kind, titles: list<string>,
                          organisations: list<string>, mentions: list<list<int64>>>>
    entities  list<struct<name, label, mentions: list<list<int64>>>>
    skipped   list<struct<stage, reason>>
    input     string   the WARC file the page was read from (as listed)
    key       string   the store's article key (normalised canonical URL, else URL, else hash)
    date      string   partition: the publication day (YYYY-MM-DD), or "unknown"
    host      string   partition: the article's web host without www., or "unknown"

Failures (one row per page or input that did not become an article)::

    input, source, stage (null when the page could not be read), error (type), message
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type information

from newsdesk.pipeline import Result
from newsdesk.record import Article
from newsdesk.store.dedup import article_key

PARTITIONS = ("date", "host")
UNKNOWN = "unknown"
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_HOST = re.compile(r"^[a-z0-9][a-z0-9.-]*$")

_S = pa.string()
_SPAN = pa.list_(pa.int64())
_SPANS = pa.list_(_SPAN)
_QUOTE_SPEAKER = pa.struct(
    [
        ("name", _S),
        ("mention", _SPAN),
        ("id", _S),
        ("confidence", pa.float64()),
        ("titles", pa.list_(_S)),
        ("organisations", pa.list_(_S)),
    ]
)
_QUOTE = pa.struct(
    [
        ("text", _S),
        ("cue_type", _S),
        ("parts", _SPANS),
        ("kind", _S),
        ("cue", pa.struct([("text", _S), ("span", _SPAN)])),
        ("speaker", _QUOTE_SPEAKER),
    ]
)
_SPEAKER = pa.struct(
    [
        ("id", _S),
        ("name", _S),
        ("kind", _S),
        ("titles", pa.list_(_S)),
        ("organisations", pa.list_(_S)),
        ("mentions", _SPANS),
    ]
)
ARTICLE_FIELDS: tuple[tuple[str, pa.DataType], ...] = (
    ("source", _S),
    ("content_hash", _S),
    ("url", _S),
    ("canonical_url", _S),
    ("site", _S),
    ("slug", _S),
    ("section", _S),
    ("title", _S),
    ("authors", pa.list_(_S)),
    ("published", _S),
    ("modified", _S),
    ("language", _S),
    ("description", _S),
    ("tags", pa.list_(_S)),
    ("image", _S),
    ("blocks", pa.list_(pa.struct([("kind", _S), ("text", _S)]))),
    ("text", _S),
    ("quotes", pa.list_(_QUOTE)),
    ("speakers", pa.list_(_SPEAKER)),
    ("entities", pa.list_(pa.struct([("name", _S), ("label", _S), ("mentions", _SPANS)]))),
    ("skipped", pa.list_(pa.struct([("stage", _S), ("reason", _S)]))),
)
RECORD_FIELDS = tuple(name for name, _type in ARTICLE_FIELDS)  # Article.to_dict()'s keys
# What a data file holds: the partition columns live in the folder names.
ARTICLE_SCHEMA = pa.schema([*ARTICLE_FIELDS, ("input", _S), ("key", _S)])
FAILURE_SCHEMA = pa.schema(
    [("input", _S), ("source", _S), ("stage", _S), ("error", _S), ("message", _S)]
)


def article_row(article: Article, input_path: str) -> dict[str, Any]:
    """One Parquet row: ``article.to_dict()``, the input it came from and its key."""
    row = article.to_dict()
    row["input"] = input_path
    row["key"] = article_key(article.canonical_url, article.url, article.content_hash)
    return row


def partition_of(article: Article) -> tuple[str, str]:
    """(date, host): the publication day and the web host, "unknown" when not known."""
    day = _DAY.match(article.published or "")
    return (day.group(1) if day else UNKNOWN, _host(article.canonical_url or article.url))


def _host(url: str | None) -> str:
    try:
        host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    except ValueError:
        return UNKNOWN
    return host if _HOST.match(host) else UNKNOWN


def failure_row(input_path: str, result: Result) -> dict[str, Any]:
    error = result.error
    return {
        "input": input_path,
        "source": result.source,
        "stage": result.stage,
        "error": type(error).__name__ if error is not None else "Unknown",
        "message": str(error) if error is not None else "",
    }
