"""CLI commands of the store: ingest, search, quotes, speakers, entities, export.

Each opens the store named by ``--db`` (default: ``NEWSDESK_DB``, else ``newsdesk.db``),
calls one library function and formats the answer; a ``NewsdeskError`` becomes a one-line
message and exit status 1.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any, TypeVar

import click

from newsdesk.cli.output import no_progress_option
from newsdesk.errors import NewsdeskError
from newsdesk.pipeline import DEFAULT_STAGES, RunStats
from newsdesk.settings import Settings

if TYPE_CHECKING:  # the store loads SQLAlchemy: imported inside the commands
    from newsdesk.store import Store

F = TypeVar("F", bound=Callable[..., Any])
# ``newsdesk.store.export.EXPORT_FORMATS`` (a test keeps them equal), written out here so
# that ``--help`` does not import the store
EXPORT_FORMATS = ("jsonl", "csv", "parquet")


def db_option(func: F) -> F:
    return click.option(
        "--db", default=None, metavar="PATH|URL",
        help="Database file, or postgresql://USER:PASSWORD@HOST:PORT/DATABASE "
        "(default: $NEWSDESK_DB, else newsdesk.db here).",
    )(func)  # fmt: skip


def filter_options(func: F) -> F:
    options = [
        click.option("--speaker", default=None, help="Only articles quoting this speaker."),
        click.option("--entity", default=None, help="Only articles mentioning this entity."),
        click.option("--site", default=None, help="Outlet name or part of its web host."),
        click.option("--since", default=None, metavar="DATE", help="Published on or after."),
        click.option("--until", default=None, metavar="DATE", help="Published on or before."),
        click.option("--lang", "language", default=None, metavar="xx", help="Language code."),
        click.option("--all-copies", is_flag=True, help="Include syndicated copies."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@contextmanager
def opened(db: str | None, create: bool = False) -> Iterator[Store]:
    """The store, with every ``NewsdeskError`` turned into a clean CLI error; only commands
    that write (``create``) make a new database file."""
    from newsdesk.store import open_store

    try:
        store = open_store(db or Settings.from_env().db, create=create)
    except NewsdeskError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        yield store
    except NewsdeskError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()


def echo_records(records: Sequence[Any], columns: Sequence[str], fmt: str) -> None:
    """Typed store records (dataclasses) as a table or JSON lines."""
    echo_rows([asdict(r) for r in records], columns, fmt)


def echo_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> None:
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    if not rows:
        click.echo("(nothing found)", err=True)
        return
    # Cells wider than 60 characters wrap onto up to 4 lines; a cell cut after that ends in "…".
    import textwrap

    width, most = 60, 4
    widths = {c: min(width, max(len(c), *(len(_cell(r.get(c))) for r in rows))) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        cells = []
        for c in columns:
            lines = textwrap.wrap(_cell(row.get(c)), widths[c]) or [""]
            if len(lines) > most:
                lines = lines[:most]
                lines[-1] = lines[-1][: widths[c] - 1].rstrip() + "…"
            cells.append(lines)
        for i in range(max(len(lines) for lines in cells)):
            parts = [
                (lines[i] if i < len(lines) else "").ljust(widths[c])
                for c, lines in zip(columns, cells, strict=True)
            ]
            click.echo("  ".join(parts))


def _cell(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
                      show_default=True, help="A table for reading, or JSON lines.")  # fmt: skip


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option(
    "--analyze/--no-analyze",
    default=None,
    help="Find quotes, speakers and entities (default: when the stage is installed).",
)
@click.option(
    "--batch-size",
    default=50,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Pages per transaction.",
)
@click.option(
    "--all-attributions",
    is_flag=True,
    help="Store every attribution (beliefs, intentions, actions), not only speech and writing.",
)
@click.option("--allow-private", is_flag=True, help="Allow URLs on private network addresses.")
@click.option("--delay", type=click.FloatRange(0), default=None,
              help="Seconds between requests to one host (default 1).")  # fmt: skip
@no_progress_option
def ingest_command(
    sources: tuple[str, ...], db: str | None, analyze: bool | None, batch_size: int,
    no_progress: bool, **fetch: Any,
) -> None:  # fmt: skip
    """Store pages from SOURCES (files, folders, globs, .gz, -) in the database.

    Re-ingesting adds nothing already stored; a changed page becomes a new version;
    copies of one story are clustered. Exit status 1 when any input failed.
    """
    from newsdesk.sources import FetchOptions
    from newsdesk.store.ingest import ingest

    settings = Settings.from_env().with_(all_attributions=fetch["all_attributions"])
    options = FetchOptions(allow_private=fetch["allow_private"])  # --allow-private, --delay
    if fetch["delay"] is not None:
        options = replace(options, delay=fetch["delay"])
    stats = RunStats()
    with opened(db, create=True) as store:
        stages = () if analyze is False else DEFAULT_STAGES
        events = ingest(sources, store, settings, stages, batch_size=batch_size, options=options)
        bar = None
        if not no_progress and sys.stderr.isatty():
            from tqdm import tqdm  # type: ignore[import-untyped]  # no stubs in the lock

            bar = tqdm(unit="page", file=sys.stderr, dynamic_ncols=True)
        try:
            for event in events:
                stats.add(event)
                if bar is not None:
                    bar.update(1)
                if event.error is not None:
                    click.echo(f"newsdesk: error: {event.error}", err=True)
        finally:
            if bar is not None:
                bar.close()
    click.echo(stats.store_summary(), err=True)
    if stats.failed:
        sys.exit(1)


@click.command("search")
@click.argument("text")
@db_option
@filter_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000),
              help="At most this many articles.")  # fmt: skip
@FORMAT
def search_command(text: str, db: str | None, fmt: str, **filters: Any) -> None:
    """Articles matching TEXT, best first (BM25), with highlighted snippets.

    Words are all required; "a phrase" in double quotes stays a phrase; word* matches
    prefixes. Filters narrow by speaker, entity, outlet, dates and language.
    """
    from newsdesk.store import Filters

    marks = ("\x1b[1m", "\x1b[0m") if fmt == "table" and sys.stdout.isatty() else ("«", "»")
    with opened(db) as store:
        hits = store.search(Filters(text=text, **filters), marks)
    rows = [asdict(hit) for hit in hits]
    for row in rows:
        row["score"] = round(-row["score"], 3)
    echo_rows(rows, ("score", "published", "site", "title", "snippet"), fmt)


@click.command("quotes")
@db_option
@click.option("--speaker", default=None, help="Quotes by this speaker (part of the name).")
@click.option("--about", default=None, help="Quotes that name this entity.")
@click.option("--site", default=None, help="Outlet name or part of its web host.")
@click.option("--since", default=None, metavar="DATE", help="Published on or after.")
@click.option("--until", default=None, metavar="DATE", help="Published on or before.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000),
              help="At most this many quotes.")  # fmt: skip
@FORMAT
def quotes_command(db: str | None, fmt: str, **filters: Any) -> None:
    """Who said what: quotes with speaker, outlet and date, newest first."""
    from newsdesk.store import Filters

    with opened(db) as store:
        rows = store.quotes(Filters(**filters))
    echo_records(rows, ("published", "speaker", "organisation", "text", "site"), fmt)


@click.command("speakers")
@db_option
@click.option("--top", "limit", default=20, show_default=True, type=click.IntRange(1, 1_000_000),
              help="How many speakers.")  # fmt: skip
@click.option("--name", "speaker", default=None, help="Only speakers whose name holds this.")
@FORMAT
def speakers_command(db: str | None, fmt: str, **filters: Any) -> None:
    """The most-quoted speakers: quote counts, organisations, first and last seen."""
    from newsdesk.store import Filters

    with opened(db) as store:
        rows = store.speakers(Filters(**filters))
    columns = ("quotes", "articles", "name", "organisation", "first_seen", "last_seen")
    echo_records(rows, columns, fmt)


@click.command("entities")
@db_option
@click.option("--label", default=None, help="Only this label: PERSON, ORG, GPE, ...")
@click.option("--top", "limit", default=20, show_default=True, type=click.IntRange(1, 1_000_000),
              help="How many entities.")  # fmt: skip
@FORMAT
def entities_command(db: str | None, fmt: str, **filters: Any) -> None:
    """The most-mentioned people, organisations and places, by number of articles."""
    from newsdesk.store import Filters

    with opened(db) as store:
        rows = store.entities(Filters(**filters))
    echo_records(rows, ("articles", "mentions", "label", "name"), fmt)


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl",
              show_default=True, help="JSON lines, CSV or Parquet.")  # fmt: skip
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="File to write (- for standard output).")  # fmt: skip
@click.option("--text", default=None, help="Only articles matching this full-text search.")
@filter_options
def export_command(db: str | None, fmt: str, output: str, **filters: Any) -> None:
    """Export current articles (with quotes, speakers, entities) to a file, streamed.

    The file is written under a temporary name and renamed when complete, so a failed
    export leaves the file there before as it was."""
    from newsdesk.store import Filters
    from newsdesk.store.export import export, export_stream

    with opened(db) as store:
        records = store.iter_articles(Filters(limit=None, **filters))
        if output == "-":
            binary = sys.stdout.buffer
            text = io.TextIOWrapper(binary, encoding="utf-8", newline="", write_through=True)
            try:
                count = export_stream(records, fmt, text, binary)
            finally:
                text.detach()  # leave standard output open
        else:
            count = export(records, fmt, output)
    where = "standard output" if output == "-" else output
    click.echo(f"newsdesk: {count} articles written to {where}", err=True)


commands: list[click.Command] = [
    ingest_command,
    search_command,
    quotes_command,
    speakers_command,
    entities_command,
    export_command,
]
