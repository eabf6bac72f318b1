"""The stage contract and the one runner: the failing stage is named, a stage that cannot
run says so in the article and in the counts, an HTML page without main text is rejected,
and the order of stages is checked before a page is read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from newsdesk import (
    ANALYZE,
    EXTRACT,
    PLAIN_TEXT,
    Article,
    ConfigError,
    ExtractionError,
    FirstStage,
    FunctionStage,
    NoMainText,
    Page,
    RunStats,
    Settings,
    Skipped,
    Stage,
    StageSkipped,
    process_page,
    run,
)

SETTINGS = Settings()
RUSSIAN = REPO / "samples" / "pages" / "3c6d3381ef52.html"  # detected language: ru
NO_TEXT = b"<html><head><title>App</title></head><body><script>render()</script></body></html>"


def page(path: Path) -> Page:
    return Page(source=str(path), content=path.read_bytes())


def test_builtin_stages_follow_the_contract() -> None:
    assert isinstance(EXTRACT, FirstStage) and isinstance(PLAIN_TEXT, FirstStage)
    assert isinstance(ANALYZE, Stage)
    assert ANALYZE.requires <= EXTRACT.assigns and ANALYZE.requires <= PLAIN_TEXT.assigns
    assert {"quotes", "speakers", "entities"} == ANALYZE.assigns


def test_html_without_main_text_is_rejected_with_its_own_error() -> None:
    result = process_page(Page(source="front.html", content=NO_TEXT), SETTINGS)
    assert not result.ok
    assert isinstance(result.error, NoMainText)
    assert result.stage == "extract" and "front.html" in str(result.error)
    stats = RunStats()
    stats.add(result)
    assert stats.failed == 1 and stats.reasons == {"NoMainText": 1}
    assert stats.stages["extract"].failed == 1


def test_the_failing_stage_is_named_and_counted() -> None:
    def boom(article: Article, settings: Settings) -> Article:
        raise ValueError("no luck")

    seed = REPO / "samples" / "000_f7bec187210c3bff.txt"
    result = process_page(page(seed), SETTINGS, [FunctionStage("boom", boom)])
    assert isinstance(result.error, ExtractionError)
    assert result.stage == "boom" and result.ran == ("extract", "boom")
    assert "boom failed: ValueError: no luck" in str(result.error)
    stats = RunStats()
    stats.add(result)
    assert stats.stages["extract"].ok == 1
    assert stats.stages["boom"].failed == 1 and stats.failed == 1


def test_unsupported_language_is_skipped_and_said_so() -> None:
    result = process_page(page(RUSSIAN), SETTINGS, [ANALYZE])
    assert result.article is not None and result.article.language == "ru"
    assert result.article.skipped == [Skipped("analyze", "language 'ru' is not supported")]
    assert result.article.quotes == [] and result.article.to_dict()["skipped"] == [
        {"stage": "analyze", "reason": "language 'ru' is not supported"}
    ]
    stats = RunStats()
    stats.add(result)
    assert stats.ok == 1 and stats.stages["analyze"].skipped == 1
    assert stats.summary() == (
        "newsdesk: 1 extracted, 0 failed; analyze skipped 1 (1 language 'ru' is not supported)"
    )
    with pytest.raises(StageSkipped, match="analysis reads en, fr only"):
        ANALYZE(result.article, SETTINGS)  # called alone, the stage raises


def test_stage_order_is_checked_before_reading() -> None:
    needs_quotes = FunctionStage("count", lambda a, s: a, requires=frozenset({"quotes"}))
    with pytest.raises(ConfigError, match="'count' requires quotes"):
        list(run(["no-such-file.html"], SETTINGS, [needs_quotes]))
    with pytest.raises(ConfigError):
        list(run(["x.txt"], SETTINGS, [needs_quotes], first=PLAIN_TEXT))


def test_plain_text_keeps_the_file_exactly(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Line one.\r\nLine two.\n\n\nThree.")
    (result,) = run([str(path)], SETTINGS, first=PLAIN_TEXT)
    assert (
        result.article is not None and result.article.text == "Line one.\r\nLine two.\n\n\nThree."
    )


def newsdesk(*args: str, code: str = "") -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess; ``code`` runs first (in the same interpreter)."""
    script = f"{code}\nimport sys\nfrom newsdesk.cli import main\nmain(sys.argv[1:], 'newsdesk')"
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=600
    )


def test_analyze_cli_reports_the_skip(tmp_path: Path) -> None:
    result = newsdesk("analyze", str(RUSSIAN), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["skipped"] == [{"stage": "analyze", "reason": "language 'ru' is not supported"}]
    assert "1 analyzed, 0 failed; analyze skipped 1 (1 language 'ru'" in result.stderr


def test_missing_dependency_is_a_skip_not_a_silent_gap(tmp_path: Path) -> None:
    """spaCy made unimportable (``sys.modules['spacy'] = None``: the import system then
    raises ImportError for it): ingest stores the article and says analysis was skipped."""
    seed = REPO / "samples" / "000_f7bec187210c3bff.txt"
    db = tmp_path / "n.db"
    hide = "import sys; sys.modules['spacy'] = None"
    result = newsdesk("ingest", str(seed), "--db", str(db), code=hide)
    assert result.returncode == 0, result.stderr
    assert "1 new, 0 updated, 0 duplicate, 0 failed" in result.stderr
    assert "analyze skipped 1 (1 its dependency spacy is not installed)" in result.stderr
    export = tmp_path / "out.jsonl"
    exported = newsdesk("export", "--db", str(db), "-o", str(export))
    assert exported.returncode == 0, exported.stderr
    (record,) = [json.loads(line) for line in export.read_text().splitlines()]
    assert record["quotes"] == []
    assert record["skipped"] == [
        {"stage": "analyze", "reason": "its dependency spacy is not installed"}
    ]


def test_extract_cli_names_no_main_text(tmp_path: Path) -> None:
    front = tmp_path / "front.html"
    front.write_bytes(NO_TEXT)
    result = newsdesk("extract", str(front), "--format", "jsonl")
    assert result.returncode == 1
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert "no main text found" in row["error"]
    assert "0 extracted, 1 failed (1 NoMainText)" in result.stderr
