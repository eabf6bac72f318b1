"""The Spark job in local[2] (Debian's Java 17): the Parquet rows equal the local pipeline's
records field for field, a bad WARC fails alone, a rerun after a kill skips what was done
and repeats nothing, and the near-duplicate step clusters a copy and nothing else.

One Spark session and one job run are shared by the module (starting the JVM costs tens of
seconds on a loaded machine)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newsdesk.errors import InputError
from newsdesk.pipeline import ANALYZE, process_page
from newsdesk.settings import Settings
from newsdesk.sources import iter_pages
from newsdesk.sources.warc_write import WarcPage, write_warc

pyspark = pytest.importorskip("pyspark", reason="the Spark job needs pyspark")  # locked dep
if shutil.which("java") is None:
    pytest.fail("the Spark tests need Java 17 (make test installs openjdk-17-jre-headless)")

from newsdesk.spark import (  # noqa: E402  # after the Java check: pyspark needs it
    RECORD_FIELDS,
    JobSummary,
    load_into_store,
    read_articles,
    run_job,
    spark_session,
    write_clusters,
)
from newsdesk.spark._job import largest_first  # noqa: E402
from newsdesk.spark._layout import (  # noqa: E402
    DONE,
    TMP,
    input_id,
    manifest_path,
    marker_path,
)

PAGES = Path(__file__).resolve().parents[1] / "samples" / "pages"
ORIGINAL_SLUG = b"new-york-state-attorney-general-reportedly-investigating-wework"
SETTINGS = Settings()


@dataclass
class Job:
    out: Path
    paths: list[str]  # good_a, good_b, missing, corrupt
    summary: JobSummary
    copies: int


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session(
        "local[2]",
        {"spark.driver.memory": "1g", "spark.sql.shuffle.partitions": "2"},
        app_name="newsdesk-tests",
        preload=True,
    )
    yield session
    session.stop()


def _page(name: str, url: str) -> WarcPage:
    return WarcPage(url=url, content=(PAGES / name).read_bytes())


def _copy_of_techcrunch() -> WarcPage:
    """The TechCrunch page syndicated: another URL and slug, a later date, one word changed."""
    html = (PAGES / "1ace8c85aaee.html").read_bytes()
    html = html.replace(ORIGINAL_SLUG, b"wework-inquiry-syndicated-copy")
    html = html.replace(b"2019-11-19", b"2019-11-25").replace(b"2019-11-18", b"2019-11-24")
    html = html.replace(b"WeWork is headquartered", b"WeWork is based")
    return WarcPage(url="https://copies.example/wework", content=html)


@pytest.fixture(scope="module")
def warcs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("warcs")
    good_a, good_b = folder / "a.warc.gz", folder / "b.warc.gz"
    write_warc(
        good_a,
        [
            _page("156770d676ce.html", "https://thehill.com/a"),
            _page("1ace8c85aaee.html", "https://techcrunch.com/b"),
            _copy_of_techcrunch(),
        ],
    )
    write_warc(
        good_b,
        [
            _page("374ac9a59a85.html", "https://cnbc.com/c"),
            _page("3c6d3381ef52.html", "https://wday.ru/d"),
        ],
    )
    corrupt = folder / "corrupt.warc.gz"
    corrupt.write_bytes(b"this is not a WARC file\n" * 100)
    return [str(good_a), str(good_b), str(folder / "missing.warc.gz"), str(corrupt)]


@pytest.fixture(scope="module")
def job(spark: Any, warcs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Job:
    out = tmp_path_factory.mktemp("out")
    summary = run_job(spark, warcs, out, SETTINGS)
    return Job(out, warcs, summary, write_clusters(spark, str(out)))


def _local_records(paths: list[str]) -> dict[str, dict[str, Any]]:
    """What the local pipeline makes of the same WARC files, by source."""
    records = {}
    for item in iter_pages(paths, SETTINGS):
        assert not isinstance(item, InputError), item
        result = process_page(item, SETTINGS, (ANALYZE,))
        if result.article is not None:
            records[result.article.source] = result.article.to_dict()
    return records


def _spark_rows(spark: Any, out: Path) -> list[dict[str, Any]]:
    return [row.asDict(recursive=True) for row in read_articles(spark, str(out)).collect()]


def test_rows_equal_the_local_pipeline_field_for_field(spark: Any, job: Job) -> None:
    rows = _spark_rows(spark, job.out)
    local = _local_records(job.paths[:2])
    assert len(local) == 5
    assert sorted(r["source"] for r in rows) == sorted(local)
    for row in rows:
        expected = local[row["source"]]
        assert {f: row[f] for f in RECORD_FIELDS} == expected, row["source"]
        assert row["input"] == row["source"].partition("#")[0]
    quoted = [r for r in rows if r["quotes"]]
    assert quoted, "the analyze stage ran inside the tasks"
    assert any(r["skipped"] for r in rows), "the Russian page's analysis skip is kept"


def test_rows_are_partitioned_by_publication_day_and_host(spark: Any, job: Job) -> None:
    rows = {r["source"]: r for r in _spark_rows(spark, job.out)}
    for row in rows.values():
        assert row["date"] == row["published"][:10]
        assert (job.out / "articles" / f"date={row['date']}" / f"host={row['host']}").is_dir()
    hosts = {r["host"] for r in rows.values()}
    assert {"thehill.com", "techcrunch.com", "cnbc.com", "wday.ru"} <= hosts


def test_a_bad_warc_fails_alone_and_is_reported(job: Job) -> None:
    good_a, good_b, missing, corrupt = job.paths
    status = {r.input: r for r in job.summary.reports}
    assert status[good_a].status == status[good_b].status == "done"
    assert (status[good_a].articles, status[good_b].articles) == (3, 2)
    assert status[missing].status == status[corrupt].status == "failed"
    assert "cannot open" in (status[missing].reason or "")
    assert "corrupt or truncated WARC record" in (status[corrupt].reason or "")
    lines = job.summary.lines()
    assert lines[0].startswith("newsdesk spark: 2 inputs done, 0 skipped (done before), 2 failed")
    assert any(missing in line and "cannot open" in line for line in lines[1:])
    failures = pq.read_table(job.out / "failures").to_pylist()
    assert {f["input"] for f in failures} == {missing, corrupt}
    assert not marker_path(job.out, input_id(missing)).exists()
    assert marker_path(job.out, input_id(good_a)).exists()


def test_tasks_start_largest_file_first_and_reports_keep_the_listed_order(
    spark: Any, job: Job, tmp_path: Path
) -> None:
    """The last tasks of a job are its shortest, so no core idles long at the end."""
    assert [r.input for r in job.summary.reports] == job.paths
    good_a, good_b, _missing, corrupt = job.paths
    small = [str(tmp_path / f"small-{n}.warc.gz") for n in (1, 2)]
    for path in small:
        shutil.copyfile(corrupt, path)  # fails at once: a task of a few milliseconds
    listed = [*small, good_a, good_b]  # smallest first: a plain job would start them first
    summary = run_job(spark, listed, tmp_path / "out", SETTINGS, analyze=False)
    assert [r.input for r in summary.reports] == listed
    started = {r.input: r.started for r in summary.reports}
    assert max(started[good_a], started[good_b]) < min(started[p] for p in small), started
    sizes = {"s.warc": 10, "l.warc": 30, "m.warc": 20, "m2.warc": 20}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    listed = [str(tmp_path / n) for n in ("s.warc", "gone.warc", "m.warc", "l.warc", "m2.warc")]
    listed.insert(1, "s3://bucket/crawl.warc.gz")  # not on this filesystem: unknown size
    order = [Path(p).name for p in largest_first(listed)]
    assert order == ["l.warc", "m.warc", "m2.warc", "s.warc", "crawl.warc.gz", "gone.warc"]


def test_the_spacy_pipeline_loads_once_per_worker_process(job: Job) -> None:
    """Once per executor: the workers are forked from a daemon that loaded it already."""
    done = [r for r in job.summary.reports if r.status == "done"]
    assert all(r.nlp_loads == 1 for r in done), [(r.pid, r.nlp_loads) for r in done]
    assert all(r.preloaded for r in done), [(r.pid, r.preloaded) for r in done]


def test_near_copies_share_a_cluster_and_distinct_pages_do_not(spark: Any, job: Job) -> None:
    rows = {r["url"]: r for r in _spark_rows(spark, job.out)}
    original, copy = rows["https://techcrunch.com/b"], rows["https://copies.example/wework"]
    assert original["key"] != copy["key"] and original["text"] != copy["text"]
    clusters = {
        r["key"]: r.asDict() for r in spark.read.parquet(str(job.out / "clusters")).collect()
    }
    assert len(clusters) == 5 and job.copies == 1
    first = min((original, copy), key=lambda r: (r["published"], r["key"]))
    for member in (original, copy):
        assert clusters[member["key"]]["cluster"] == first["key"]
        assert clusters[member["key"]]["size"] == 2
    assert clusters[first["key"]]["canonical"] is True
    for url in ("https://thehill.com/a", "https://cnbc.com/c", "https://wday.ru/d"):
        alone = clusters[rows[url]["key"]]
        assert (alone["cluster"], alone["size"], alone["canonical"]) == (rows[url]["key"], 1, True)


def test_a_rerun_after_a_kill_skips_done_inputs_and_repeats_nothing(
    spark: Any, job: Job, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(job.out, out)
    good_a, good_b = job.paths[:2]
    # Killed after b's files were renamed into place but before its marker was written,
    # while a file of b's was still being written aside (hidden, listed in b's manifest),
    # with an earlier version's staging folder _tmp left too.
    b = input_id(good_b)
    marker_path(out, b).unlink()
    manifest = json.loads(manifest_path(out, b).read_text())
    first = out / manifest["files"][0]
    aside = first.with_name(f".{first.name}.{manifest['token']}.tmp")
    aside.write_bytes(b"PAR1 half a file")
    (out / TMP / "stray").mkdir(parents=True)
    summary = run_job(spark, job.paths[:2], out, SETTINGS, analyze=False)  # only counts here
    status = {r.input: r.status for r in summary.reports}
    assert status == {good_a: "skipped", good_b: "done"}
    rows = _spark_rows(spark, out)
    sources = [r["source"] for r in rows]
    assert len(sources) == len(set(sources)) == 5
    assert not (out / TMP).exists() and not aside.exists()
    assert not list(out.rglob(".*.tmp")) and len(list((out / DONE).glob("*.json"))) == 2
    assert json.loads(manifest_path(out, b).read_text())["token"] != manifest["token"]
    recorded = json.loads((out / "summary.json").read_text())
    assert [i["status"] for i in recorded["inputs"]] == ["skipped", "done"]


def test_load_into_a_store_afterwards(spark: Any, job: Job, store_url: str) -> None:
    """Into a SQLite file and into PostgreSQL (the throw-away cluster), twice each: the
    stored records are the job's rows."""
    assert load_into_store(job.out, store_url, SETTINGS) == {"new": 5}
    assert load_into_store(job.out, store_url, SETTINGS) == {"duplicate": 5}
    from newsdesk.store import Filters, open_store

    rows = {r["source"]: {f: r[f] for f in RECORD_FIELDS} for r in _spark_rows(spark, job.out)}
    with open_store(store_url, create=False) as store:
        assert store.counts()["articles"] == 5
        stored = {
            a.article.source: a.article.to_dict()
            for a in store.iter_articles(Filters(all_copies=True))
        }
    assert stored == rows


# Last: the command stops the Spark session it ran in (the module's, got again).
def test_the_command_reports_failed_inputs_clusters_and_loads(job: Job, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsdesk.cli import main

    listing = tmp_path / "warc.paths"
    listing.write_text("# two good files, one missing\n" + "\n".join(job.paths[:3]) + "\n")
    out, db = tmp_path / "out", tmp_path / "news.db"
    args = ["spark", str(listing), "--out", str(out), "--master", "local[2]", "--no-analyze"]
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    assert result.exit_code == 1, result.output  # the missing file
    lines = result.stderr.splitlines()
    assert lines[0].startswith("newsdesk spark: 2 inputs done, 0 skipped (done before), 1 failed")
    assert lines[1] == f"  failed: {job.paths[2]}: cannot open: No such file or directory"
    assert f"clusters in {out / 'clusters'}: 1 copies" in result.stderr
    assert f"loaded into {db}: 5 new" in result.stderr
    assert (out / "clusters").is_dir() and db.exists()
