"""Where a candidate cue's content ends: an object phrase runs on up to the next comma (but
not into a time or place), and content that stops inside quote marks runs on to the end of
the quoted words. Hand-written sentences, real spaCy pipeline."""

from __future__ import annotations

from newsdesk.analyze._context import Analysis
from newsdesk.analyze._cues._reported import cue_candidates
from newsdesk.analyze._nlp import load_pipeline, parse
from newsdesk.analyze._spans._content import to_quote_end
from newsdesk.analyze._spans._direct import find_direct_quotes
from newsdesk.analyze._syntax import QuoteIndex
from newsdesk.settings import Settings


def _contents(text: str) -> dict[str, list[str]]:
    chunks = parse(text, load_pipeline(Settings().spacy_model))
    quoted = QuoteIndex([p for q in find_direct_quotes(text) for p in q.parts])
    return {
        hit.cue_text: [text[s:e] for s, e in hit.content]
        for hit, _features in cue_candidates(Analysis.of(text, chunks, quoted))
    }


def test_object_phrase_keeps_its_reason() -> None:
    text = "Clinton cast Sanders as hypocritical because he had accepted money from banks."
    (content,) = _contents(text)["cast"]
    assert content.startswith("Sanders as hypocritical")
    assert content.endswith("accepted money from banks")


def test_object_phrase_stops_at_a_comma_and_skips_a_date() -> None:
    text = "The governor praised the deal with state lawmakers on Tuesday, calling it fair."
    (content,) = _contents(text)["praised"]
    assert content == "the deal with state lawmakers"


def test_content_cut_inside_quote_marks_runs_to_the_quote_end() -> None:
    quoted = QuoteIndex([(30, 80)])
    assert to_quote_end([(10, 45)], quoted) == [(10, 80)]
    assert to_quote_end([(31, 45)], quoted) == [(31, 45)]  # all quoted: a direct quote
    assert to_quote_end([(10, 25)], quoted) == [(10, 25)]  # ends before the quote
    assert to_quote_end([], quoted) == []


def test_participle_after_the_clause_is_content_but_a_second_cue_is_not() -> None:
    text = "Her boosters said it was a temporary dip, reflecting restlessness among voters."
    assert _contents(text)["said"] == [
        "it was a temporary dip, reflecting restlessness among voters"
    ]
    text = "Trump said he would win easily, adding that the polls were wrong."
    found = _contents(text)
    assert found["said"] == ["he would win easily"]
    assert found["adding"] == ["that the polls were wrong"]
