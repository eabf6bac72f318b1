"""One Spark task: one WARC file through the pipeline's runner, its rows written as
Parquet and committed (``_layout``: a manifest first, then each file aside and renamed, then
the done-marker). Runs on the executors; never raises for a bad input.

The spaCy pipeline is loaded by ``newsdesk.analyze.load_pipeline``, cached per process: a
Python worker (reused across tasks, Spark's default) loads it once, on its first article.
"""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type information
import pyarrow.parquet as pq  # type: ignore[import-untyped]  # no type information

from newsdesk.errors import InputError
from newsdesk.pipeline import ANALYZE, Result, Stage, process_page
from newsdesk.settings import Settings
from newsdesk.spark import _layout
from newsdesk.spark._schema import (
    ARTICLE_SCHEMA,
    FAILURE_SCHEMA,
    article_row,
    failure_row,
    partition_of,
)


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """What every task needs: the output folder, the settings and whether to analyse."""

    out: str
    settings: Settings
    analyze: bool = True

    @property
    def stages(self) -> tuple[Stage, ...]:
        return (ANALYZE,) if self.analyze else ()


@dataclass(slots=True)
class InputReport:
    """What became of one input: ``done`` (committed, marker written), ``failed`` (the file
    could not be read at all; ``reason`` says why) or ``skipped`` (done by an earlier run)."""

    input: str
    status: str
    articles: int = 0
    failed_pages: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # page failures by error type
    reason: str | None = None
    seconds: float = 0.0
    started: float = 0.0  # when the task began (seconds since the epoch, executor's clock)
    pid: int = 0
    nlp_loads: int = 0  # spaCy pipelines this worker process has loaded so far
    preloaded: bool = False  # the worker had a pipeline before this task (forked with it)

    def marker(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "articles": self.articles,
            "failed_pages": self.failed_pages,
            "reasons": self.reasons,
        }


@dataclass(slots=True)
class _Collected:
    rows: dict[tuple[str, str], list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    failures: list[dict[str, Any]] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)
    whole_input: str | None = None  # why the file as a whole could not be read


def process_input(path: str, spec: TaskSpec) -> InputReport:
    """Read ``path`` (a WARC file), run extraction (and analysis), commit its output."""
    began = time.time()
    started = time.perf_counter()
    preloaded = spec.analyze and _nlp_loads() > 0
    out = Path(spec.out)
    ident = _layout.input_id(path)
    try:
        collected = _collect(path, spec)
        report = _report(path, collected)
        attempt = _layout.Attempt(out, ident)
        _write(attempt, collected)
        attempt.finish(report.marker() if report.status == "done" else None)
    except Exception as exc:  # a bug or a full disk: this input fails, the others go on
        report = InputReport(path, "failed", reason=f"{type(exc).__name__}: {exc}")
    report.seconds = round(time.perf_counter() - started, 3)
    report.started = began
    report.pid = os.getpid()
    report.nlp_loads = _nlp_loads() if spec.analyze else 0
    report.preloaded = preloaded
    return report


def _collect(path: str, spec: TaskSpec) -> _Collected:
    from newsdesk.sources import iter_pages  # fastwarc and the readers: on the executor

    collected = _Collected()
    for item in iter_pages([path], spec.settings):
        if isinstance(item, InputError):
            result = Result(item.source, error=item)
            if item.source == path:  # not one record: the file itself
                collected.whole_input = item.reason
        else:
            result = process_page(item, spec.settings, spec.stages)
        _add(collected, path, result)
    return collected


def _add(collected: _Collected, path: str, result: Result) -> None:
    if result.article is not None:
        collected.rows[partition_of(result.article)].append(article_row(result.article, path))
    else:
        collected.failures.append(failure_row(path, result))
        collected.reasons[type(result.error).__name__] += 1


def _report(path: str, collected: _Collected) -> InputReport:
    articles = sum(len(rows) for rows in collected.rows.values())
    failed = len(collected.failures)
    reason = collected.whole_input
    if reason is None and articles == 0:
        first = collected.failures[0]["message"] if failed else None
        reason = f"no page could be read: {first}" if first else "no WARC response record in it"
    status = "failed" if reason is not None and articles == 0 else "done"
    return InputReport(path, status, articles, failed, dict(collected.reasons), reason)


def _write(attempt: _layout.Attempt, collected: _Collected) -> None:
    tables: list[tuple[str, list[dict[str, Any]], pa.Schema]] = [
        (_layout.article_file(day, host, attempt.ident), rows, ARTICLE_SCHEMA)
        for (day, host), rows in sorted(collected.rows.items())
    ]
    if collected.failures:
        tables.append((_layout.failure_file(attempt.ident), collected.failures, FAILURE_SCHEMA))
    attempt.begin([relative for relative, _rows, _schema in tables])
    for relative, rows, schema in tables:
        table = pa.Table.from_pylist(rows, schema=schema)
        attempt.write(relative, lambda path, table=table: pq.write_table(table, path))


def _nlp_loads() -> int:
    from newsdesk.analyze import load_pipeline

    return int(load_pipeline.cache_info().misses)
