"""``newsdesk demo``: the main job on the bundled samples, into a database.

Ingests the samples shipped inside the package (``newsdesk/samples``: the seed text dump
and four HTML pages) and a small WARC built from the same pages at demo time, then prints
who said what (most-quoted speakers first) and a few searches. Re-running adds nothing.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsdesk.pipeline import RunStats
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from newsdesk.store import Store

SEARCHES = ("NATO Serbia", "president", '"press conference"')


def samples_dir() -> Path:
    """The samples installed with the package (``newsdesk/samples``, package data)."""
    return Path(__file__).resolve().parents[1] / "samples"


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
    from newsdesk.store import Filters

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


def no_quotes_reason(stats: RunStats) -> str:
    """Why the store holds no quotes, from what this run's analyze stage did."""
    analyzed = stats.stages.get("analyze")
    if analyzed is None or analyzed.ok + analyzed.skipped + analyzed.failed == 0:
        return "no page was analysed in this run"
    if analyzed.skipped and not analyzed.ok:
        return "the analyze stage was skipped: " + ", ".join(analyzed.skips)
    return "the analyze stage found no quotes"


def show_articles(store: Store, reason: str) -> None:
    from newsdesk.store import Filters

    click.echo(f"\nArticles stored ({reason}):")
    for record in store.iter_articles(Filters(limit=None), chunk=50):
        a = record.article
        authors = ", ".join(a.authors) or "no author"
        click.echo(f"  - {a.title or '(no title)'}")
        click.echo(f"    {a.site or '?'} · {a.published or 'no date'} · {authors}")


def show_searches(store: Store) -> None:
    from newsdesk.store import Filters

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
              help="Folder of sample pages (default: those installed with newsdesk).")  # fmt: skip
def demo_command(db: str | None, samples: str | None) -> None:
    """Ingest the bundled samples into the database and show who said what."""
    from newsdesk.cli.store import opened
    from newsdesk.store.ingest import ingest

    settings = Settings.from_env()
    folder = Path(samples) if samples else samples_dir()
    if samples is None and not (folder / "pages").is_dir():
        raise click.ClickException(
            f"the bundled samples are missing: {folder} has no pages/ folder (a broken "
            "install: reinstall newsdesk, or give a folder of pages with --samples)"
        )
    db_path = db or settings.db
    stats = RunStats()
    with tempfile.TemporaryDirectory() as tmp, opened(db_path, create=True) as store:
        inputs = [str(folder)]
        warc = build_warc(folder, Path(tmp) / "samples.warc.gz")
        if warc is not None:
            inputs.append(str(warc))
        for result in ingest(inputs, store, settings):
            stats.add(result)
            if result.error is not None:
                click.echo(f"newsdesk: error: {result.error}", err=True)
        click.echo(f"Ingested {', '.join(Path(i).name for i in inputs)} into {store.label}")
        click.echo(stats.store_summary().removeprefix("newsdesk: "))
        counts = store.counts()
        click.echo(
            f"The store holds {counts['pages']} pages, {counts['current_articles']} articles, "
            f"{counts['clusters']} clusters of copies, {counts['quotes']} quotes."
        )
        if not show_quotes(store):
            show_articles(store, no_quotes_reason(stats))
        show_searches(store)
    if stats.failed:
        sys.exit(1)


commands: list[click.Command] = [demo_command]
