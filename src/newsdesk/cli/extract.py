"""``newsdesk extract``: pages to clean articles, no NLP."""

from __future__ import annotations

import sys

import click

from newsdesk.cli.output import (
    FORMATS,
    no_progress_option,
    open_output,
    output_option,
    progress,
    write_results,
)
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
@output_option
@no_progress_option
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow fetching URLs on private, loopback and link-local addresses.",
)
@click.option(
    "--delay",
    type=float,
    default=1.0,
    show_default=True,
    help="Seconds between requests to one host when fetching URLs.",
)
def extract_command(
    inputs: tuple[str, ...],
    fmt: str,
    output: str | None,
    no_progress: bool,
    allow_private: bool,
    delay: float,
) -> None:
    """Extract clean articles from INPUTS: files, directories, globs, .gz, - for stdin,
    URLs, feed:URL, sitemap:URL, WARC and JSONL files.

    A failing input is reported on stderr (and as {"source", "error"} in JSON/JSONL) and the
    run goes on; the exit code is 1 when any input failed.
    """
    from newsdesk.sources import FetchOptions

    settings = Settings.from_env()
    stats = RunStats()
    many = len(inputs) > 1 or any(not i.endswith((".html", ".txt", ".gz")) for i in inputs)
    options = FetchOptions(allow_private=allow_private, delay=delay)
    results_iter = run(inputs, settings, options=options)
    with open_output(output) as out, progress(results_iter, many and not no_progress) as shown:
        write_results(shown, fmt, out, stats)
    click.echo(stats.summary(), err=True)
    if stats.failed:
        sys.exit(1)


commands: list[click.Command] = [extract_command]
