"""The analysis budget (issue 17, bug 3): the analyze stage reads at most
``Settings.max_analyze_chars`` characters of an article (and a fifth as many tokens), says so
in ``Article.skipped`` and in the run summary; space-free runs (quote marks, emoji) are
parsed in short pieces. Time and memory are measured in ``benchmarks/hostile.py``."""

from __future__ import annotations

from itertools import pairwise

import pytest

import newsdesk
from newsdesk.analyze._nlp import HARD_CUT_CHARS, chunk_bounds
from newsdesk.errors import ConfigError
from newsdesk.pipeline import ANALYZE, PLAIN_TEXT, RunStats, process_page
from newsdesk.pipeline._budget import (
    CHARS_PER_TOKEN,
    MAX_QUOTE_MARKS,
    analysis_cut,
    truncation_reason,
)
from newsdesk.record import Article, Block, Page
from newsdesk.settings import DEFAULT_MAX_ANALYZE_CHARS, Settings

PARAGRAPH = (
    '"We will reopen the bridge in spring," Mayor Ana Lopez said on Tuesday. '
    "Engineers told the council that the repairs were finished.\n\n"
)


def test_text_within_budget_is_whole() -> None:
    assert analysis_cut("short text.", 100) == len("short text.")


def test_cut_at_a_paragraph_break_before_the_limit() -> None:
    text = PARAGRAPH * 50
    cut = analysis_cut(text, 1000)
    assert cut <= 1000
    assert text[cut - 2 : cut + 2] == '\n\n"W' or text[cut:].startswith("\n\n")
    assert cut > 750  # within the last quarter


def test_token_budget_cuts_symbol_runs_first() -> None:
    stars = "*" * 10_000
    assert analysis_cut(stars, 10_000) == 10_000 // CHARS_PER_TOKEN


def test_quote_marks_packed_in_one_sentence_are_capped() -> None:
    """'"a" "a" ...': 250,000 such quotes took over 300 s in the cue rules (each looks at
    its whole sentence); analysis now stops after MAX_QUOTE_MARKS marks (4.7 s)."""
    text = '"a" ' * 250_000
    cut = analysis_cut(text, 100_000)
    assert text[:cut].count('"') <= MAX_QUOTE_MARKS
    assert text[:cut].count('"') >= MAX_QUOTE_MARKS * 3 // 4
    prose_with_apostrophes = "It’s the mayor's plan, isn't it? " * 1000
    assert analysis_cut(prose_with_apostrophes, 100_000) == len(prose_with_apostrophes)


def test_prose_meets_the_character_limit_first() -> None:
    text = PARAGRAPH * 2000
    limit = 100_000
    assert analysis_cut(text, limit) > limit * 3 // 4


def test_space_free_runs_are_chunked_short() -> None:
    text = "Officials spoke. " * 10 + "😀" * 5000 + " end. " * 10
    bounds = chunk_bounds(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(bounds))
    assert max(end - start for start, end in bounds) <= HARD_CUT_CHARS + 200


def test_prose_chunks_are_unchanged() -> None:
    text = PARAGRAPH * 600  # about 80,000 characters, no long run
    bounds = chunk_bounds(text)
    assert len(bounds) == 4 and all(text[e : e + 2] == "\n\n" for _s, e in bounds[:-1])


def test_over_budget_article_is_analysed_in_part_and_says_so() -> None:
    settings = Settings(max_analyze_chars=2_000)
    text = PARAGRAPH * 40  # about 5,400 characters
    page = Page("long.txt", text.encode(), kind="text")
    result = process_page(page, settings, [ANALYZE], first=PLAIN_TEXT)
    article = result.article
    assert article is not None, result.error
    assert article.text == text  # the article keeps all its text
    (skip,) = article.skipped
    assert skip.stage == "analyze" and "analysis budget (2,000 characters" in skip.reason
    assert article.quotes, "the start was analysed"
    spans = [span for quote in article.quotes for span in quote.parts]
    assert max(end for _start, end in spans) <= 2_000
    assert all(text[start:end].strip() for start, end in spans)  # offsets into the whole text
    stats = RunStats()
    stats.add(result)
    assert "analyze skipped 1 (1 text over the analysis budget" in stats.summary("analyzed")


def test_within_budget_article_has_no_note() -> None:
    page = Page("short.txt", PARAGRAPH.encode(), kind="text")
    result = process_page(page, Settings(), [ANALYZE], first=PLAIN_TEXT)
    assert result.article is not None and result.article.skipped == []
    assert result.article.quotes


def test_budget_from_the_environment() -> None:
    assert Settings.from_env({}).max_analyze_chars == DEFAULT_MAX_ANALYZE_CHARS
    assert Settings.from_env({"NEWSDESK_MAX_ANALYZE_CHARS": "5000"}).max_analyze_chars == 5000
    with pytest.raises(ConfigError, match="NEWSDESK_MAX_ANALYZE_CHARS='-1' must be above 0"):
        Settings.from_env({"NEWSDESK_MAX_ANALYZE_CHARS": "-1"})


@pytest.mark.parametrize("field", ["max_page_bytes", "max_analyze_chars"])
@pytest.mark.parametrize("value", [0, -5, True])
def test_settings_refuse_a_limit_that_is_not_above_zero(field: str, value: int) -> None:
    """A library user's ``Settings(max_page_bytes=-5)`` is a ConfigError naming the field,
    not a ValueError from deep in a reader."""
    with pytest.raises(ConfigError, match=f"Settings.{field}="):
        Settings(**{field: value})  # type: ignore[arg-type]


def test_the_library_analyze_applies_the_same_budget() -> None:
    """``newsdesk.analyze(article, settings)`` outside the pipeline: the same cut, the same
    note in ``article.skipped``, the same quotes as the stage."""
    settings = Settings(max_analyze_chars=2_000)
    text = PARAGRAPH * 40
    article = newsdesk.analyze(
        Article("long.txt", "0", blocks=[Block("paragraph", text)]), settings
    )
    assert article.text == text
    (skip,) = article.skipped
    assert skip.stage == "analyze" and skip.reason == truncation_reason(2_000)
    assert article.quotes
    assert max(end for quote in article.quotes for _start, end in quote.parts) <= 2_000
    page = Page("long.txt", text.encode(), kind="text")
    staged = process_page(page, settings, [ANALYZE], first=PLAIN_TEXT).article
    assert staged is not None
    assert staged.quotes == article.quotes and staged.skipped == article.skipped


def test_the_library_analyze_reads_a_text_within_budget_whole() -> None:
    text = PARAGRAPH * 40
    article = newsdesk.analyze(Article("t", "0", blocks=[Block("paragraph", text)]), Settings())
    assert article.skipped == []
    assert max(end for quote in article.quotes for _start, end in quote.parts) > len(text) - 200
