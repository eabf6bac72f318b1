"""Quality gate: quote and speaker F1 on the first PolNeAR dev articles must not drop below
what was measured when this gate was set (minus a noise margin). Full numbers:
``benchmarks/quotes.py``."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from conftest import POLNEAR, REPO
from newsdesk.settings import Settings

ARTICLES = 20
MARGIN = 0.03
# measured on dev[:20] when the gate was set (30% overlap)
MIN_QUOTE_F1 = 0.872 - MARGIN  # longer reported content (was 0.868; 0.832 with per-lemma weights)
MIN_SPEAKER_F1 = 0.786 - MARGIN  # speaker-choice rules (was 0.749)


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_quotes", REPO / "benchmarks" / "quotes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_quotes"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_polnear_dev_gate() -> None:
    if not POLNEAR.exists():
        pytest.fail(f"{POLNEAR} is missing")
    bench = _bench()
    settings = Settings(all_attributions=True)  # PolNeAR annotates beliefs and plans too
    docs = bench.load_split("dev", ARTICLES)
    assert len(docs) == ARTICLES
    rows = [(text, golds, bench.newsdesk_system(text, settings)) for _n, text, golds in docs]
    scores = bench.score(rows, 0.3)
    assert scores["quote_f1"] >= MIN_QUOTE_F1, scores
    assert scores["speaker_f1"] >= MIN_SPEAKER_F1, scores
