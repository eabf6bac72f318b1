"""``newsdesk demo``: the main job on the bundled samples."""

from __future__ import annotations

from pathlib import Path

import click

from newsdesk.cli.output import summary_line
from newsdesk.pipeline import RunStats, run
from newsdesk.settings import Settings


def samples_dir() -> Path:
    """The repository's bundled ``samples/`` folder (demo data is not installed as package data)."""
    return Path(__file__).resolve().parents[3] / "samples"


@click.command("demo")
@click.option("--db", default=None, help="Database file (used once the store is in).")
@click.option("--samples", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder of sample pages (default: the repository's samples/).")
def demo_command(db: str | None, samples: str | None) -> None:
    """Extract the bundled sample pages and print what was found."""
    settings = Settings.from_env()
    folder = samples or str(samples_dir())
    stats = RunStats()
    for result in run([folder], settings):
        stats.add(result)
        if result.article is None:
            click.echo(f"newsdesk: error: {result.error}", err=True)
            continue
        a = result.article
        click.echo(f"\n== {a.title}")
        click.echo(f"   {a.site or '?'} · {a.published or 'no date'} · {', '.join(a.authors) or 'no author'}")
        click.echo(f"   {len(a.blocks)} blocks, {len(a.text.split())} words · {result.source}")
    click.echo(summary_line(stats), err=True)
