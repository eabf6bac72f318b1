"""benchmarks/traf_eval.py: the snippet scoring says what trafilatura's evaluation means, and
the script runs end to end on a few pages of ../shared/data/traf-eval-dev."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import REPO

BENCHMARKS = REPO / "benchmarks"
TRAF_EVAL = REPO.parent / "shared" / "data" / "traf-eval-dev"


def _load() -> ModuleType:
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))  # the script imports its siblings
    spec = importlib.util.spec_from_file_location("bench_traf_eval", BENCHMARKS / "traf_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


traf_eval = _load()


def test_snippets_are_found_with_white_space_collapsed() -> None:
    case = traf_eval.Case("u", "f", ("must  be\nhere", "missing"), ("Share this", "Absent"))
    counts = traf_eval.score_case("It must be here.\n\nShare   this", case)
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (1, 1, 1, 1)
    assert counts.precision == 0.5 and counts.recall == 0.5 and counts.f1 == 0.5


def test_an_empty_output_finds_nothing_and_has_no_precision() -> None:
    counts = traf_eval.score_case("", traf_eval.Case("u", "f", ("a",), ("b",)))
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (0, 1, 0, 1)
    assert counts.precision == 0.0 and counts.f1 == 0.0


@pytest.mark.usefixtures("shared")
def test_the_benchmark_runs_on_three_pages(tmp_path: Path) -> None:
    assert TRAF_EVAL.exists(), f"{TRAF_EVAL} is missing"
    out = tmp_path / "traf_eval.json"
    args = ["--limit", "3", "--peers", "newsdesk", "--json", str(out)]
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "traf_eval.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "traf-eval-dev snippets: 3 pages" in result.stdout
    (ours,) = json.loads(out.read_text())["results"]
    assert ours["name"] == "newsdesk" and ours["pages"] == 3 and ours["empty"] == 0
    assert sum(ours["counts"].values()) > 0 and 0.0 <= ours["f1"] <= 1.0
