"""``newsdesk demo``: the main job on the bundled samples, into a database.

Ingests ``samples/`` (the seed text dump and four HTML pages) and a small WARC built from
the same pages at demo time, then prints who said what (most-quoted speakers first, when
the analyze stage is installed) and a few searches. Re-running adds nothing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from newsdesk.cli.store import opened
from newsdesk.settings import Settings
from newsdesk.store import Filters, Store
from newsdesk.store.ingest import IngestStats, ingest

SEARCHES = ("NATO Serbia", "president", '"press conference"')


def samples_dir() -> Path:
    """The repository's bundled ``samples/`` folder (demo data is not installed as package data)."""
    return Path(__file__).resolve().parents[3] / "samples"


def build_warc(folder: Path, target: Path) -> Path | None:
    """A WARC of the sample HTML pages, when the WARC writer is installed."""
    try:
        from newsdesk.sources.warc_write import WarcPage, write_warc
    except ImportError:
        return None
    pages = [
        WarcPage(url=f"https://samples.newsdesk.invalid/{path.stem}", content=path.read_bytes())
        for path in sorted((folder / "pages").glob("*.html"))
    ]
    if not pages:
        return None
    write_warc(target, pages)
    return target


def show_quotes(store: Store) -> bool:
    speakers = store.speakers(Filters(limit=5))
    if not speakers:
        return False
    click.echo("\nWho said what (most-quoted speakers first):")
    for sp in speakers:
        org = f", {sp.organisation}" if sp.organisation else ""
        click.echo(f"\n  {sp.name}{org}: {sp.quotes} quote(s)")
        for quote in store.quotes(Filters(speaker=sp.name, limit=3)):
            text = " ".join(quote.text.split())
            text = text if len(text) <= 160 else text[:157] + "..."
            click.echo(f"    “{text}” ({quote.site or '?'}, {quote.published or 'no date'})")
    return True


def show_articles(store: Store) -> None:
    click.echo("\nArticles stored (run with the analyze stage installed to see quotes):")
    for record in store.iter_articles(Filters(limit=None), chunk=50):
        a = record.article
        authors = ", ".join(a.authors) or "no author"
        click.echo(f"  - {a.title or '(no title)'}")
        click.echo(f"    {a.site or '?'} · {a.published or 'no date'} · {authors}")


def show_searches(store: Store) -> None:
    for text in SEARCHES:
        rows = store.search(Filters(text=text, limit=3), ("«", "»"))
        click.echo(f"\nnewsdesk search {text!r} --db ...: {len(rows)} best match(es)")
        for row in rows:
            click.echo(f"  - {row.title or '(no title)'} [{row.site or '?'}]")
            click.echo(f"    {' '.join((row.snippet or '').split())}")


@click.command("demo")
@click.option(
    "--db",
    default=None,
    metavar="PATH",
    help="Database file (default: $NEWSDESK_DB, else newsdesk.db here).",
)
@click.option("--samples", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder of sample pages (default: the repository's samples/).")  # fmt: skip
def demo_command(db: str | None, samples: str | None) -> None:
    """Ingest the bundled samples into the database and show who said what."""
    settings = Settings.from_env()
    folder = Path(samples) if samples else samples_dir()
    db_path = db or settings.db
    stats = IngestStats()
    with tempfile.TemporaryDirectory() as tmp, opened(db_path, create=True) as store:
        inputs = [str(folder)]
        warc = build_warc(folder, Path(tmp) / "samples.warc.gz")
        if warc is not None:
            inputs.append(str(warc))
        for event in ingest(inputs, store, settings):
            stats.add(event)
            if event.error is not None:
                click.echo(f"newsdesk: error: {event.error}", err=True)
        click.echo(f"Ingested {', '.join(Path(i).name for i in inputs)} into {db_path}")
        click.echo(stats.summary().removeprefix("newsdesk: "))
        counts = store.counts()
        click.echo(
            f"The store holds {counts['pages']} pages, {counts['current_articles']} articles, "
            f"{counts['clusters']} clusters of copies, {counts['quotes']} quotes."
        )
        if not show_quotes(store):
            show_articles(store)
        show_searches(store)
    if stats.failed:
        sys.exit(1)
