"""``newsdesk extract``: pages to clean articles, no NLP."""

from __future__ import annotations

import sys

import click

from newsdesk.cli.output import FORMATS, progress, summary_line, write_results
from newsdesk.pipeline import RunStats, run
from newsdesk.settings import Settings


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="json",
    show_default=True,
    help="Output format: one JSON array, JSON lines, plain text or Markdown.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write here instead of standard output.",
)
@click.option("--no-progress", is_flag=True, help="Never show a progress bar.")
def extract_command(
    inputs: tuple[str, ...], fmt: str, output: str | None, no_progress: bool
) -> None:
    """Extract clean articles from INPUTS: files, directories, globs, .gz, or - for stdin.

    A failing input is reported on stderr (and as {"source", "error"} in JSON/JSONL) and the
    run goes on; the exit code is 1 when any input failed.
    """
    settings = Settings.from_env()
    stats = RunStats()
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        many = len(inputs) > 1 or any(not i.endswith((".html", ".txt", ".gz")) for i in inputs)
        with progress(run(inputs, settings), enabled=many and not no_progress) as results:
            write_results(results, fmt, out, stats)
    finally:
        if output:
            out.close()
    click.echo(summary_line(stats), err=True)
    if stats.failed:
        sys.exit(1)
