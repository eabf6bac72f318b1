"""Formatting results for the terminal and files: json, jsonl, txt, md; progress; summary."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

import click

from newsdesk.pipeline import Result, RunStats

FORMATS = ("json", "jsonl", "txt", "md")

# Options shared by the commands that write results.
output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write here instead of standard output.",
)
no_progress_option = click.option("--no-progress", is_flag=True, help="Never show a progress bar.")


def result_dict(result: Result) -> dict[str, Any]:
    if result.article is not None:
        return {"source": result.source, **result.article.to_dict()}
    return {"source": result.source, "error": str(result.error)}


def render_txt(result: Result) -> str:
    article = result.article
    assert article is not None
    head = [article.title or "", f"source: {result.source}"]
    for label, value in (
        ("site", article.site),
        ("url", article.canonical_url or article.url),
        ("published", article.published),
        ("authors", ", ".join(article.authors)),
    ):
        if value:
            head.append(f"{label}: {value}")
    return "\n".join(head) + "\n\n" + article.text + "\n"


def render_md(result: Result) -> str:
    article = result.article
    assert article is not None
    lines = [f"# {article.title or result.source}", ""]
    meta = [v for v in (article.site, article.published, ", ".join(article.authors)) if v]
    if meta:
        lines += ["*" + " · ".join(meta) + "*", ""]
    for block in article.blocks:
        prefix = {"heading": "## ", "list_item": "- ", "quote": "> "}.get(block.kind, "")
        lines += [prefix + block.text, ""]
    return "\n".join(lines)


def write_results(
    results: Iterable[Result], fmt: str, out: IO[str], stats: RunStats, quiet_errors: bool = False
) -> None:
    """Write every result in ``fmt``; errors go to stderr (and into JSON/JSONL as records)."""
    first = True
    if fmt == "json":
        out.write("[")
    for result in results:
        stats.add(result)
        if result.error is not None and not quiet_errors:
            click.echo(f"newsdesk: error: {result.error}", err=True)
        if fmt in ("json", "jsonl"):
            data = json.dumps(
                result_dict(result), ensure_ascii=False, indent=2 if fmt == "json" else None
            )
            if fmt == "json":
                out.write(("\n" if first else ",\n") + data)
            else:
                out.write(data + "\n")
        elif result.article is not None:
            out.write(("" if first else "\n") + (render_txt if fmt == "txt" else render_md)(result))
        first = False
    if fmt == "json":
        out.write("\n]\n" if not first else "]\n")


@contextmanager
def progress(results: Iterable[Result], enabled: bool) -> Iterator[Iterable[Result]]:
    """A progress bar on stderr when it is a terminal and ``enabled``."""
    if not enabled or not sys.stderr.isatty():
        yield results
        return
    from tqdm import tqdm  # type: ignore[import-untyped]  # no stubs in the lock

    with tqdm(results, unit="page", file=sys.stderr, dynamic_ncols=True) as bar:
        yield bar
