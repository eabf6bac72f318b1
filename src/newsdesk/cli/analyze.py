"""``newsdesk analyze``: pages (or clean text with --plain) to quotes, speakers, entities."""

from __future__ import annotations

import sys

import click

from newsdesk.cli.output import (
    no_progress_option,
    open_output,
    output_option,
    progress,
    write_results,
)
from newsdesk.pipeline import ANALYZE, EXTRACT, PLAIN_TEXT, RunStats, run
from newsdesk.settings import Settings


@click.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--plain",
    is_flag=True,
    help="Inputs are already clean article text: no extraction, offsets into the file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("json", "jsonl")),
    default="json",
    show_default=True,
    help="Output format: one JSON array or JSON lines.",
)
@click.option(
    "--all-attributions",
    is_flag=True,
    help="Keep every attribution (beliefs, intentions, perceptions, actions), not only speech"
    " and writing: PolNeAR-style output.",
)
@output_option
@no_progress_option
def analyze_command(
    inputs: tuple[str, ...],
    plain: bool,
    fmt: str,
    all_attributions: bool,
    output: str | None,
    no_progress: bool,
) -> None:
    """Find quotes (direct, indirect, mixed), their speakers, and named entities in INPUTS:
    files, directories, globs, .gz, or - for stdin.

    Every span is a [start, end) character range into the article's "text" (with --plain,
    into the input file's text). A failing input is reported and the run goes on; the exit
    code is 1 when any input failed.
    """
    settings = Settings.from_env().with_(all_attributions=all_attributions)
    stats = RunStats()
    results = run(inputs, settings, [ANALYZE], first=PLAIN_TEXT if plain else EXTRACT)
    with (
        open_output(output) as out,
        progress(results, len(inputs) > 1 and not no_progress) as shown,
    ):
        write_results(shown, fmt, out, stats)
    click.echo(stats.summary(verb="analyzed"), err=True)
    if stats.failed:
        sys.exit(1)


commands: list[click.Command] = [analyze_command]
