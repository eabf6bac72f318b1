"""Quality gates: quote and speaker F1 on the first PolNeAR dev articles (every attribution),
and "who said what" on the quotes-news-dev clean texts (speech and writing, scored by the
set's own score.py), must not drop below what was measured when each gate was set (minus a
noise margin). Full numbers: ``benchmarks/quotes.py``, ``benchmarks/quotes_news.py``."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from conftest import POLNEAR, REPO, SHARED
from newsdesk.settings import Settings

ARTICLES = 20
MARGIN = 0.03
# measured on dev[:20] when the gate was set (30% overlap)
MIN_QUOTE_F1 = 0.872 - MARGIN  # longer reported content (was 0.868; 0.832 with per-lemma weights)
MIN_SPEAKER_F1 = 0.786 - MARGIN  # speaker-choice rules (was 0.749)


# measured on the 30 quotes-news-dev clean texts (issue 15; raised from 0.877, 0.898, 0.909,
# 0.898 when the speech-only rules and full names landed)
QND = SHARED / "data" / "quotes-news-dev"
MIN_QND_PRECISION = 0.916 - MARGIN
MIN_QND_RECALL = 0.914 - MARGIN
MIN_QND_SPEAKER = 0.930 - MARGIN  # speaker right on matched quotes with a named speaker
MIN_QND_FULL_NAME = 0.950 - MARGIN


def _bench(name: str = "quotes") -> ModuleType:
    path = REPO / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"bench_{name}"] = module
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


@pytest.mark.slow
def test_quotes_news_dev_gate() -> None:
    if not QND.exists():
        pytest.fail(f"{QND} is missing")
    bench = _bench("quotes_news")
    settings = Settings()
    preds = [p for page in bench.pages() for p in bench.run_text(page, settings)]
    scores = bench.score(preds)
    assert scores["quote_precision"] >= MIN_QND_PRECISION, scores
    assert scores["quote_recall"] >= MIN_QND_RECALL, scores
    assert scores["speaker_accuracy_named"] >= MIN_QND_SPEAKER, scores
    assert scores["full_name_rate"] >= MIN_QND_FULL_NAME, scores
