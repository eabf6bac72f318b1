"""The driver side of the job: read the list of WARC paths, skip those done by an earlier
run, run one task per remaining file, and gather what each task reports."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyspark.sql import SparkSession

from newsdesk.errors import ConfigError, InputError
from newsdesk.settings import Settings
from newsdesk.spark import _layout
from newsdesk.spark._task import InputReport, TaskSpec, process_input

SUMMARY = "summary.json"


@dataclass(slots=True)
class JobSummary:
    """One run: a report per input (done, failed or skipped) and the wall time."""

    reports: list[InputReport] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.reports if r.status == status)

    @property
    def articles(self) -> int:
        return sum(r.articles for r in self.reports if r.status == "done")

    @property
    def failed_inputs(self) -> list[InputReport]:
        return [r for r in self.reports if r.status == "failed"]

    def lines(self) -> list[str]:
        """``newsdesk spark: 3 inputs done, 1 skipped (done before), 1 failed; ...``, then
        one line per failed input with its reason."""
        reasons: Counter[str] = Counter()
        for report in self.reports:
            reasons.update(report.reasons)
        pages = sum(reasons.values())
        why = ", ".join(f"{n} {k}" for k, n in reasons.most_common())
        head = (
            f"newsdesk spark: {self.count('done')} inputs done, {self.count('skipped')} "
            f"skipped (done before), {self.count('failed')} failed; {self.articles} articles, "
            f"{pages} pages failed" + (f" ({why})" if why else "") + f"; {self.seconds:.1f} s"
        )
        return [head] + [f"  failed: {r.input}: {r.reason}" for r in self.failed_inputs]


def read_paths(listing: str | Path) -> list[str]:
    """The WARC paths listed one a line in ``listing`` (blank lines and ``#`` comments
    left out, repeats kept once). Raises ``InputError`` when the listing cannot be read."""
    try:
        text = Path(listing).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(listing), f"cannot read the list of WARC paths: {exc}") from exc
    paths = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(dict.fromkeys(paths))


def largest_first(paths: list[str]) -> list[str]:
    """``paths`` with the largest files first, so that the last tasks to run are short ones
    and no core idles long at the end of a job (Spark starts the tasks in partition
    order). A path the driver cannot see (another filesystem, a missing file) counts as
    empty, after the others in its listed order."""

    def size(path: str) -> int:
        try:
            return os.stat(path).st_size
        except (OSError, ValueError):  # not on this machine's filesystem, or not a path
            return 0

    return sorted(paths, key=size, reverse=True)


def run_job(
    spark: SparkSession,
    paths: list[str],
    out: str | Path,
    settings: Settings,
    *,
    analyze: bool = True,
) -> JobSummary:
    """Run one task per WARC path not done before, the largest files first; write
    ``OUT/summary.json``. The reports keep the order of ``paths``."""
    if not paths:
        raise ConfigError("no WARC paths to read", hint="list one WARC path a line")
    started = time.perf_counter()
    out = Path(out).absolute()
    out.mkdir(parents=True, exist_ok=True)
    _layout.clear_scratch(out)
    paths = list(dict.fromkeys(paths))  # two tasks on one input would race on its files
    todo = [p for p in paths if not _layout.is_done(out, p)]
    summary = JobSummary([InputReport(p, "skipped") for p in paths if p not in todo])
    if todo:
        spec = TaskSpec(str(out), settings, analyze)
        order = largest_first(todo)
        rdd = spark.sparkContext.parallelize(order, numSlices=len(order))
        done = {r.input: r for r in rdd.map(lambda path: process_input(path, spec)).collect()}
        summary.reports += [done[p] for p in todo]
        _layout.clear_scratch(out)  # what attempts that failed mid-write left
    summary.seconds = time.perf_counter() - started
    record = {"seconds": summary.seconds, "inputs": [asdict(r) for r in summary.reports]}
    (out / SUMMARY).write_text(json.dumps(record, indent=1), encoding="utf-8")
    return summary
