"""benchmarks/_sets.py and the summary of benchmarks/extraction.py: the scores of each set,
the empty count, the speed over all sets and the goals, on toy inputs worked out by hand."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO

if str(REPO / "benchmarks") not in sys.path:
    sys.path.insert(0, str(REPO / "benchmarks"))  # the scripts import their siblings by name
sets = importlib.import_module("_sets")
extraction = importlib.import_module("extraction")


def test_snippet_scores_count_over_all_pages_not_per_page() -> None:
    cases = [
        sets.Case("u1", "f1", ("a  b", "c"), ("x",)),  # "a b" found, "c" missed; "x" found
        sets.Case("u2", "f2", ("d",), ("y", "z")),  # "d" found; "y" and "z" absent
    ]
    scores = sets.snippet_scores(["a b\nx", "d"], cases)
    # tp 2, fn 1, fp 1, tn 2: precision 2/3, recall 2/3, accuracy 4/6
    assert scores["counts"] == {"tp": 2, "fn": 1, "fp": 1, "tn": 2}
    assert scores["precision"] == pytest.approx(2 / 3) and scores["recall"] == pytest.approx(2 / 3)
    assert scores["f1"] == pytest.approx(2 / 3) and scores["accuracy"] == pytest.approx(4 / 6)


def test_shingle_scores_average_precision_over_non_empty_outputs() -> None:
    truths = ["one two three four five", "six seven eight nine ten"]
    scores = sets.shingle_scores(["one two three four five", ""], truths, bootstrap=20)
    # page 1 exact (P 1, R 1); page 2 empty: no precision, recall 0. P 1, R 0.5, F1 2/3.
    assert scores["precision"] == 1.0 and scores["recall"] == 0.5
    assert scores["f1"] == pytest.approx(2 / 3) and scores["accuracy"] == 0.5
    assert all(0.0 <= scores[f"{m}_std"] < 1.0 for m in ("f1", "precision", "recall", "accuracy"))


def test_wcxb_page_type_prefers_the_ground_truths_own() -> None:
    listed = {"7": {"page_type": "product"}, "8": {"page_type": "article"}}
    own = {"file_id": "7", "_internal": {"page_type": {"primary": "article"}}}
    assert sets.wcxb_page_type(own, listed) == "article"
    assert sets.wcxb_page_type({"file_id": "8"}, listed) == "article"
    assert sets.wcxb_page_type({"file_id": "7", "_internal": {}}, listed) == "product"
    assert sets.wcxb_page_type({"file_id": "9"}, listed) == ""


def test_score_run_counts_wordless_outputs_as_empty() -> None:
    pages = [
        sets.SetPage(str(i), Path(f"{i}.html.gz"), "", sets.Case("u", "f", ("alpha beta",), ()))
        for i in range(3)
    ]
    run = {"name": "t", "outputs": [{"text": "alpha beta"}, {"text": " \n— "}, {"text": None}]}
    scored = sets.score_run(sets.SETS["traf-eval"], run, pages, 0)
    assert "outputs" not in scored and scored["pages"] == 3 and scored["empty"] == 2
    assert scored["empty_truth_has_text"] == 2  # every page wants "alpha beta"
    assert scored["counts"] == {"tp": 1, "fn": 2, "fp": 0, "tn": 0}


def test_an_empty_output_is_wanted_when_the_truth_is_empty_too() -> None:
    pages = [
        sets.SetPage(str(i), Path(f"{i}.html.gz"), "", sets.Case("u", "f", snippets, ("x",)))
        for i, snippets in enumerate([("alpha",), ()])
    ]
    run = {"name": "t", "outputs": [{"text": ""}, {"text": ""}]}
    scored = sets.score_run(sets.SETS["traf-eval"], run, pages, 0)
    assert scored["empty"] == 2 and scored["empty_truth_has_text"] == 1


def _run(name: str, pages: int, seconds: list[float], **extra: Any) -> dict[str, Any]:
    memory = {"start_rss_mb": 30.0, "base_rss_mb": 80.0, "peak_rss_mb": 200.0}
    memory["streamed_peak_mb"] = extra.pop("streamed", 120.0)
    return {"name": name, "pages": pages, "seconds": seconds, "cpu_seconds": seconds,
            "empty": 0, "empty_truth_has_text": 0, "version": "1", **memory, **extra}  # fmt: skip


def test_speed_over_all_sets_sums_the_median_pass_times() -> None:
    sets_run = {
        "a": {"pages": 10, "results": [_run("newsdesk", 10, [9.0, 1.0, 2.0])]},
        "b": {
            "pages": 30,
            "results": [_run("newsdesk", 30, [3.0, 5.0, 4.0], empty=1, streamed=140.0)],
        },
    }
    (tool,) = extraction.speed_summary(sets_run)
    # medians 2 s and 4 s: 40 pages in 6 s; the largest streamed peak of the two sets
    assert tool["pages"] == 40 and tool["pages_per_second"] == pytest.approx(40 / 6)
    assert tool["empty"] == 1 and tool["streamed_peak_mb"] == 140.0


def test_goals_compare_shares_with_todays_counts() -> None:
    meta = {"title_exact": 611 / 711, "metadata_pages": 711, "date_day": 506 / 588}
    meta.update(pages_with_date=588, pages_without_date=123)
    title = extraction._share_goal("title", meta, "title_exact", (611, 711))
    date = extraction._share_goal("date", meta, "date_day", (507, 588))
    assert title.met is True and title.measured == "0.859 (611/711)"
    assert date.met is False and date.measured.endswith("(506/588)")
    assert extraction._share_goal("date", {}, "date_day", (507, 588)).met is None
