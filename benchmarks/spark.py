"""Spark job speed: the local pipeline against ``newsdesk spark`` in ``local[1]`` and
``local[2]`` over the same WARC files (not a timed test).

::

    .venv/bin/python benchmarks/spark.py --pages 2000 --analyze-pages 1000 [--json out.json]

Pages are ScrapingHub's 181 pages and WCXB's development pages (HTML), cycled to the
count asked and written round-robin into ``--files`` WARC files (``newsdesk.sources``'
writer), once per mode. Three runs per mode, each over the same files:

``local``     this process: ``iter_pages`` + ``process_page``, file after file, no output;
``local+pq``  this process: the Spark task's code (``process_input``) file after file, the
              same Parquet output as the job, committed the same way, without Spark;
``ingest``    ``newsdesk ingest`` into a new SQLite file (the local pipeline as a user runs
              it, with its writer and compression threads);
``local x2``  two plain processes (no Spark, no output) taking the next file when free: what
              two cores give this code without Spark, the ceiling of the scaling ratio;
``local[1]``  ``run_job`` in a Spark session with one core (one task at a time);
``local[2]``  the same with two cores.

Without analysis the whole count is used; with analysis (spaCy, about ten times slower)
``--analyze-pages`` pages (both at their defaults: about 27 minutes on 2 cores). Before each
timed run a warm-up over two small files (two pages each) loads the imports, models and
spaCy pipeline (in this process, or in every Spark Python worker: Spark reuses its
workers), so the figures are steady state; the JVM start and the warm-up are reported
apart, and how busy the cores were with tasks. Printed: pages/s per run and the ratios
``local[2]/local[1]`` (goal >= 1.8 on 2 cores) and ``local[1]`` against each local
run (Spark's overhead; goal >= 0.85): against ``local`` it includes writing the output, which
``local`` does not do; against ``local+pq`` it is Spark's alone.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsdesk.pipeline import ANALYZE, process_page
from newsdesk.settings import Settings
from newsdesk.sources import iter_pages
from newsdesk.sources.warc_write import WarcPage, write_warc

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SETTINGS = Settings()


def _html_pages() -> Iterator[bytes]:
    files = sorted((DATA / "scrapinghub" / "html").glob("*.html.gz"))
    files += sorted((DATA / "wcxb-dev" / "html").glob("*.html.gz"))
    if not files:
        raise SystemExit(f"no pages under {DATA}: the benchmark reads ../shared/data")
    for path in itertools.cycle(files):
        yield gzip.decompress(path.read_bytes())


def build_warcs(folder: Path, pages: int, files: int) -> list[str]:
    """``pages`` HTML pages written round-robin into ``files`` WARC files."""
    folder.mkdir(parents=True, exist_ok=True)
    buckets: list[list[WarcPage]] = [[] for _ in range(files)]
    for i, html in enumerate(itertools.islice(_html_pages(), pages)):
        buckets[i % files].append(WarcPage(url=f"https://bench.example/{i}", content=html))
    paths = []
    for n, bucket in enumerate(buckets):
        path = folder / f"bench-{n:02d}.warc.gz"
        write_warc(path, bucket)
        paths.append(str(path))
    return paths


def _process(paths: list[str], analyze: bool) -> int:
    """The pages of ``paths`` through ``process_page``, no output; how many were read."""
    stages = (ANALYZE,) if analyze else ()
    pages = 0
    for item in iter_pages(paths, SETTINGS):
        pages += 1
        if not isinstance(item, Exception):
            process_page(item, SETTINGS, stages)
    return pages


def _warm_local(paths: list[str], analyze: bool) -> None:
    """Imports, models and (with analysis) the spaCy pipeline loaded, as a warm worker has."""
    _process(paths, analyze)


def run_local(paths: list[str], analyze: bool, warm: list[str]) -> dict[str, Any]:
    _warm_local(warm, analyze)
    started = time.perf_counter()
    pages = _process(paths, analyze)
    seconds = time.perf_counter() - started
    return {"mode": "local", "pages": pages, "seconds": seconds}


def run_local_parquet(
    paths: list[str], analyze: bool, scratch: Path, warm: list[str]
) -> dict[str, Any]:
    """The Spark task's own code (``process_input``: the same Parquet output, committed the
    same way) called in this process, file after file, without Spark."""
    from newsdesk.spark._task import TaskSpec, process_input

    _warm_local(warm, analyze)
    out = scratch / f"out-local-{int(analyze)}"
    shutil.rmtree(out, ignore_errors=True)
    spec = TaskSpec(str(out), SETTINGS, analyze)
    started = time.perf_counter()
    reports = [process_input(path, spec) for path in paths]
    seconds = time.perf_counter() - started
    pages = sum(r.articles + r.failed_pages for r in reports)
    return {"mode": "local+pq", "pages": pages, "seconds": seconds}


def _pool_warm(warm: list[str], analyze: bool, ready: Any) -> None:
    _warm_local(warm, analyze)
    ready.wait()


def _pool_file(path: str, analyze: bool) -> int:
    return _process([path], analyze)


def run_local_pair(paths: list[str], analyze: bool, warm: list[str]) -> dict[str, Any]:
    """Two plain local processes (no Spark, no output) sharing the files the way Spark's
    scheduler does (the next file to the first free process): what two cores of this
    machine give this code at best, the ceiling for ``local[2]/local[1]``."""
    import functools
    import multiprocessing

    context = multiprocessing.get_context("fork")
    ready = context.Barrier(3)
    with context.Pool(2, _pool_warm, (warm, analyze, ready)) as pool:
        ready.wait()  # both processes warm
        started = time.perf_counter()
        work = functools.partial(_pool_file, analyze=analyze)
        pages = sum(pool.imap_unordered(work, paths, chunksize=1))
        seconds = time.perf_counter() - started
    return {"mode": "local x2", "pages": pages, "seconds": seconds}


def run_ingest(paths: list[str], analyze: bool, scratch: Path, warm: list[str]) -> dict[str, Any]:
    """``newsdesk ingest`` as a user runs it on one machine: the same pages into a new
    SQLite store (its writer and compression threads included)."""
    from newsdesk.store import open_store
    from newsdesk.store.ingest import ingest

    _warm_local(warm, analyze)
    db = scratch / f"ingest-{int(analyze)}.db"
    db.unlink(missing_ok=True)
    stages = (ANALYZE,) if analyze else ()
    with open_store(str(db)) as store:
        started = time.perf_counter()
        pages = sum(1 for _result in ingest(paths, store, SETTINGS, stages))
        seconds = time.perf_counter() - started
    return {"mode": "ingest", "pages": pages, "seconds": seconds}


def run_spark(
    paths: list[str], analyze: bool, cores: int, scratch: Path, warm: list[str]
) -> dict[str, Any]:
    """One timed ``run_job`` after a warm-up job over ``warm`` (one small file per core)."""
    from newsdesk.spark import run_job, spark_session

    started = time.perf_counter()
    conf = {"spark.driver.memory": "1g"}
    spark = spark_session(f"local[{cores}]", conf, "newsdesk-bench", preload=analyze)
    boot = time.perf_counter() - started
    try:
        started = time.perf_counter()
        shutil.rmtree(scratch / "warm-out", ignore_errors=True)
        warmed = run_job(spark, warm[:cores], scratch / "warm-out", SETTINGS, analyze=analyze)
        warm_seconds = time.perf_counter() - started
        out = scratch / f"out-{cores}-{int(analyze)}"
        shutil.rmtree(out, ignore_errors=True)
        summary = run_job(spark, paths, out, SETTINGS, analyze=analyze)
    finally:
        spark.stop()
    pages = sum(r.articles + r.failed_pages for r in summary.reports)
    return {
        "mode": f"local[{cores}]",
        "pages": pages,
        "seconds": summary.seconds,
        "jvm_start_seconds": boot,
        "warm_up_seconds": warm_seconds,
        "warm_workers": sorted({r.pid for r in warmed.reports}),
        "task_workers": sorted({r.pid for r in summary.reports}),
        "task_seconds": [r.seconds for r in summary.reports],
        "busy": sum(r.seconds for r in summary.reports) / (cores * summary.seconds),
        "nlp_loads": [r.nlp_loads for r in summary.reports],
    }


def measure(
    paths: list[str], analyze: bool, scratch: Path, warm: list[str]
) -> list[dict[str, Any]]:
    rows = [run_local(paths, analyze, warm), run_local_parquet(paths, analyze, scratch, warm)]
    rows.append(run_ingest(paths, analyze, scratch, warm))
    rows.append(run_local_pair(paths, analyze, warm))
    rows += [run_spark(paths, analyze, cores, scratch, warm) for cores in (1, 2)]
    for row in rows:
        row["pages_per_second"] = row["pages"] / row["seconds"]
        row["analyze"] = analyze
    return rows


def report(rows: list[dict[str, Any]], title: str) -> str:
    speed = {r["mode"]: r["pages_per_second"] for r in rows}
    lines = [title, f"{'run':<10} {'pages':>6} {'seconds':>8} {'pages/s':>8}  notes"]
    for r in rows:
        note = ""
        if "jvm_start_seconds" in r:
            note = f"JVM {r['jvm_start_seconds']:.1f} s, warm-up {r['warm_up_seconds']:.1f} s"
            note += f", cores busy in tasks {r['busy']:.0%}"
        lines.append(
            f"{r['mode']:<10} {r['pages']:>6} {r['seconds']:>8.1f} "
            f"{r['pages_per_second']:>8.2f}  {note}"
        )
    scaling = speed["local[2]"] / speed["local[1]"]
    lines.append(f"local[2]/local[1] = {scaling:.2f} (goal >= 1.8)")
    ceiling = speed["local x2"] / speed["local"]
    lines.append(f"local x2/local    = {ceiling:.2f} (two plain processes: this machine's own)")
    for base in ("local", "local+pq", "ingest"):
        overhead = speed["local[1]"] / speed[base]
        lines.append(f"local[1]/{base:<8} = {overhead:.2f} (goal >= 0.85)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages without analysis")
    parser.add_argument("--analyze-pages", type=int, default=1000, help="pages with analysis")
    parser.add_argument("--files", type=int, default=8, help="WARC files (Spark tasks)")
    parser.add_argument("--json", default=None, help="also write the figures here")
    args = parser.parse_args()
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-spark-bench-") as tmp:
        scratch = Path(tmp)
        for analyze, count in ((False, args.pages), (True, args.analyze_pages)):
            if count <= 0:
                continue
            paths = build_warcs(scratch / f"warcs-{int(analyze)}", count, args.files)
            warm = build_warcs(scratch / f"warm-{int(analyze)}", 4, 2)  # 2 pages a core
            rows = measure(paths, analyze, scratch, warm)
            title = f"\n{'with' if analyze else 'without'} analysis, {count} pages, "
            print(report(rows, title + f"{args.files} WARC files"), flush=True)
            results += rows
    if args.json:
        settings = {"pages": args.pages, "analyze_pages": args.analyze_pages, "files": args.files}
        payload = {"settings": settings, "load": os.getloadavg(), "results": results}
        Path(args.json).write_text(json.dumps(payload, indent=1), encoding="utf-8")
    print(f"\nload average at the end: {os.getloadavg()}", file=sys.stderr)


if __name__ == "__main__":
    main()
