"""``newsdesk spark``: many WARC files through the pipeline on Spark (``newsdesk.spark``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsdesk.errors import NewsdeskError
from newsdesk.settings import Settings


@click.command("spark")
@click.argument("listing", metavar="WARC_PATHS.txt", type=click.Path(dir_okay=False))
@click.option("--out", required=True, metavar="DIR", help="Output folder (Parquet tables).")
@click.option(
    "--db",
    default=None,
    metavar="URL",
    help="Also load the articles into this store afterwards (a path or database URL).",
)
@click.option(
    "--master",
    default=None,
    help="Spark master (default: spark-submit's, else local[2]).",
)
@click.option("--no-analyze", is_flag=True, help="Extract only: no quotes, speakers, entities.")
@click.option("--no-dedup", is_flag=True, help="Skip the near-duplicate clustering step.")
def spark_command(
    listing: str, out: str, db: str | None, master: str | None, no_analyze: bool, no_dedup: bool
) -> None:
    """Run extraction and analysis over the WARC files listed one a line in WARC_PATHS.txt
    with Spark, one task per file, writing Parquet under --out (articles partitioned by
    publication day and host, failures, near-duplicate clusters).

    A file that cannot be read fails alone and is listed; a second run skips the files
    already done. Exit code 1 when any file failed.
    """
    try:
        failed = _run(listing, out, db, master, no_analyze, no_dedup)
    except NewsdeskError as exc:
        raise click.ClickException(str(exc)) from exc
    if failed:
        sys.exit(1)


def _run(
    listing: str, out: str, db: str | None, master: str | None, no_analyze: bool, no_dedup: bool
) -> bool:
    from newsdesk.spark import load_into_store, read_paths, run_job, spark_session, write_clusters

    settings = Settings.from_env()
    paths = read_paths(listing)
    spark = spark_session(master, preload=not no_analyze)
    try:
        summary = run_job(spark, paths, out, settings, analyze=not no_analyze)
        for line in summary.lines():
            click.echo(line, err=True)
        if not no_dedup and (Path(out) / "articles").is_dir():
            copies = write_clusters(spark, str(Path(out).absolute()))
            where = Path(out) / "clusters"
            click.echo(f"newsdesk spark: clusters in {where}: {copies} copies", err=True)
    finally:
        spark.stop()
    if db:
        from newsdesk.store.postgres import masked

        counts = load_into_store(out, db, settings)
        line = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "nothing"
        click.echo(f"newsdesk spark: loaded into {masked(db)}: {line}", err=True)
    return bool(summary.failed_inputs)


commands: list[click.Command] = [spark_command]
