"""Fuzz the source readers for as long as asked: any bytes in, pages or named errors out.

    PYTHONPATH=src python fuzz/fuzz_sources.py warc --minutes 10

Targets: warc, warc.gz, jsonl, jsonl.gz, feed, sitemap, url, robots (``all`` runs each in
turn for the given minutes). Each target runs the ``check_*`` function of
``tests/test_sources_properties.py`` under Hypothesis, in batches of ``--batch`` examples with
fresh random seeds, until the time is up: random bytes and mutations of valid documents. An
input that raises anything but the reader's named errors, or takes longer than ``--slow``
seconds, is a crash: Hypothesis shrinks it, its report goes to ``fuzz/crashes/`` and the run
goes on. The last line printed is the figure for the README: target, minutes, inputs, crashes.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the checks and strategies live with the tests

import test_sources_properties as props  # noqa: E402  (needs the path above)

Check = Callable[[bytes], object]
TARGETS: dict[str, tuple[st.SearchStrategy[bytes], Check]] = {
    "warc": (props.inputs("warc"), lambda data: props.check_warc(data, gzipped=False)),
    "warc.gz": (props.inputs("warc.gz"), lambda data: props.check_warc(data, gzipped=True)),
    "jsonl": (props.inputs("jsonl"), lambda data: props.check_jsonl(data, gzipped=False)),
    "jsonl.gz": (props.inputs("jsonl.gz"), lambda data: props.check_jsonl(data, gzipped=True)),
    "feed": (props.inputs("feed"), props.check_feed),
    "sitemap": (st.one_of(props.inputs("sitemap"), props.inputs("index")), props.check_sitemap),
    "robots": (st.binary(max_size=4096), props.check_robots),
    "url": (
        st.builds(lambda text: text.encode("utf-8", "surrogatepass"), props.urlish),
        lambda data: props.check_url_text(
            data.decode("utf-8", "surrogatepass"), "https://news.example/feed"
        ),
    ),
}


def fuzz(name: str, minutes: float, batch: int, slow: float) -> tuple[int, int]:
    """Run target ``name`` for ``minutes``; return (inputs tried, crashes)."""
    strategy, check = TARGETS[name]
    counter = [0]

    @settings(
        max_examples=batch,
        deadline=slow * 1000,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def one(data: bytes) -> None:
        counter[0] += 1
        check(data)

    crashes = 0
    end = time.monotonic() + minutes * 60
    while time.monotonic() < end:
        try:
            one()
        except Exception:  # a finding: keep its report and go on fuzzing
            crashes += 1
            _save(name, crashes, traceback.format_exc())
    return counter[0], crashes


def _save(name: str, number: int, report: str) -> None:
    folder = HERE / "crashes"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}-{int(time.time())}-{number}.txt"
    path.write_text(report, encoding="utf-8")
    print(f"crash in {name}: {path}", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=[*TARGETS, "all"])
    parser.add_argument("--minutes", type=float, default=1.0, help="per target (default 1)")
    parser.add_argument("--batch", type=int, default=500, help="examples per Hypothesis run")
    parser.add_argument("--slow", type=float, default=5.0, help="seconds before an input is a hang")
    args = parser.parse_args()
    names = list(TARGETS) if args.target == "all" else [args.target]
    total_crashes = 0
    for name in names:
        started = time.monotonic()
        count, crashes = fuzz(name, args.minutes, args.batch, args.slow)
        elapsed = (time.monotonic() - started) / 60
        total_crashes += crashes
        print(f"{name}: {elapsed:.1f} min, {count:,} inputs, {crashes} crashes", flush=True)
    return 1 if total_crashes else 0


if __name__ == "__main__":
    sys.exit(main())
