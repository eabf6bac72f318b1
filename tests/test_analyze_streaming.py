"""The analysis reads its parse as a stream (issue 17): windows of two chunks, never a list
of every parse of the text, and what a later window needs from earlier ones carried as
plain data. Memory against text length is measured in ``benchmarks/analyze_stream.py``."""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest
from spacy.tokens import Doc

from conftest import SHARED
from newsdesk.analyze import analyze_text, load_pipeline
from newsdesk.analyze._nlp import CHUNK_CHARS, chunk_plan, parse, parse_stream
from newsdesk.analyze._stage import _analyze_window
from newsdesk.analyze._stream import Window, windows
from newsdesk.record import Entity, Quote, Speaker
from newsdesk.settings import Settings

SETTINGS = Settings()
TEXTS = SHARED / "data" / "quotes-news-dev" / "texts"


def _live_docs() -> int:
    gc.collect()
    return sum(isinstance(o, Doc) for o in gc.get_objects())


def _news(size: int) -> str:
    """``size`` characters or so of real news text (quotes-news-dev, name order)."""
    texts = [p.read_text("utf-8").strip() for p in sorted(TEXTS.glob("*.txt"))]
    if not texts:
        pytest.fail(f"no texts under {TEXTS}")
    joined = "\n\n".join(texts)
    return joined[: joined.rfind("\n\n", 0, size)]


def test_windows_hold_two_chunks_and_own_each_chunk_once() -> None:
    text = _news(6_000)
    plan = chunk_plan(text, 500)
    assert len(plan) >= 8
    nlp = load_pipeline(SETTINGS.spacy_model)
    found = list(windows(text, plan, parse_stream(text, nlp, plan)))
    assert len(found) == len(plan) - 1
    assert [len(w.chunks) for w in found] == [2] * len(found)
    assert found[0].base == 0 and found[0].owned == 0 and found[-1].end == len(text)
    assert [w.owned for w in found[1:]] == [s for s, _e in plan[2:]]
    for window in found:
        for chunk in window.chunks:  # chunk offsets are relative to the window's text
            start = chunk.start + window.base
            assert text[start : start + len(chunk.doc.text)] == chunk.doc.text
            assert start + len(chunk.doc.text) <= window.end


def test_one_or_two_chunks_make_one_window_over_the_whole_text() -> None:
    nlp = load_pipeline(SETTINGS.spacy_model)
    for text in ("The mayor spoke.", _news(3_000)):
        plan = chunk_plan(text, 2_000)
        assert len(plan) <= 2
        [window] = list(windows(text, plan, parse_stream(text, nlp, plan)))
        assert (window.base, window.end, window.owned) == (0, len(text), 0)
        assert [c.start for c in window.chunks] == [s for s, _e in plan]


def test_the_stream_keeps_a_bounded_number_of_parses_alive() -> None:
    """Reading windows over 24 chunks, never more than four Docs exist at once (two held,
    two parsed ahead); the whole-text list holds all 24."""
    text = _news(12_000)
    plan = chunk_plan(text, 500)
    assert len(plan) >= 24
    nlp = load_pipeline(SETTINGS.spacy_model)
    before = _live_docs()
    alive = []
    for window in windows(text, plan, parse_stream(text, nlp, plan)):
        alive.append(_live_docs() - before)
        del window
    assert max(alive) <= 4, alive
    everything = parse(text, nlp, 500)
    assert _live_docs() - before >= len(plan)  # the count sees Docs: the check above can fail
    del everything


@pytest.fixture(scope="module")
def long_news() -> str:
    """About 60,000 characters of real news (4 chunks, 3 windows)."""
    text = _news(60_000)
    assert len(chunk_plan(text)) == 3 or len(chunk_plan(text)) == 4
    return text


def _whole(text: str, settings: Settings) -> tuple[list[Quote], list[Speaker], list[Entity]]:
    """The analysis of ``text`` as one window over every chunk: the pre-streaming result."""
    nlp = load_pipeline(settings.spacy_model)
    chunks = parse(text, nlp)
    found = _analyze_window(text, Window(0, len(text), 0, chunks), settings)
    return found.quotes, found.speakers, [e for _k, e in found.entities]


def test_streamed_quotes_match_the_whole_text_analysis(long_news: str) -> None:
    """On 60,000 characters of real news, the windows find the quotes the whole-text
    analysis finds, with the same cues and speakers (quotes far from a window edge)."""
    quotes, speakers, entities = analyze_text(long_news, SETTINGS)
    whole_quotes, _ws, whole_entities = _whole(long_news, SETTINGS)
    streamed = {(tuple(q.parts), q.speaker.name if q.speaker else None) for q in quotes}
    whole = {(tuple(q.parts), q.speaker.name if q.speaker else None) for q in whole_quotes}
    assert len(whole) > 100
    assert len(streamed & whole) >= 0.97 * len(whole), (len(streamed & whole), len(whole))
    assert len({tuple(q.parts) for q in quotes}) == len(quotes)  # no quote found twice
    assert [q.parts[0] for q in quotes] == sorted(q.parts[0] for q in quotes)
    for quote in quotes:
        assert all(0 <= s < e <= len(long_news) for s, e in quote.parts)
    ids = [s.id for s in speakers]
    assert len(ids) == len(set(ids))
    assert {q.speaker.id for q in quotes if q.speaker} <= set(ids)
    names = {e.name for e in entities}
    assert len(names & {e.name for e in whole_entities}) >= 0.9 * len(whole_entities)


FILLER_PARAGRAPH = (
    "The council met again on Tuesday to review the budget for the coming year, and the "
    "members went through the plans for roads, schools and parks one line at a time.\n\n"
)


def test_a_speaker_named_in_full_early_keeps_the_full_name_chunks_later() -> None:
    """'Kevin Hamilton' in the first chunk, only 'Hamilton' three chunks later: one speaker,
    one id, the full name, carried as plain data from window to window."""
    opening = (
        "Kevin Hamilton, the deputy secretary general, visited Belgrade on Monday.\n\n"
        '"We are opening a new chapter," Hamilton said.\n\n'
    )
    closing = '"The talks will go on," Hamilton told reporters on Friday.\n\n'
    filler = FILLER_PARAGRAPH * (3 * CHUNK_CHARS // len(FILLER_PARAGRAPH) + 20)
    text = opening + filler + closing
    assert len(chunk_plan(text)) >= 4
    quotes, speakers, entities = analyze_text(text, SETTINGS)
    first, last = quotes[0], quotes[-1]
    assert text[slice(*first.parts[0])].startswith("We are opening")
    assert text[slice(*last.parts[0])].startswith("The talks will go on")
    assert first.speaker is not None and last.speaker is not None
    assert last.speaker.name == first.speaker.name == "Kevin Hamilton"
    assert last.speaker.id == first.speaker.id == "kevin-hamilton"
    [hamilton] = [s for s in speakers if s.id == "kevin-hamilton"]
    assert last.speaker.mention in hamilton.mentions and first.speaker.mention in hamilton.mentions
    [entity] = [e for e in entities if e.name == "Kevin Hamilton"]
    assert entity.mentions[-1][0] > len(opening) + len(filler)


def test_unnamed_speakers_are_numbered_across_the_text() -> None:
    """'a senior official' in two far apart windows: two unnamed speakers, two ids."""
    said = '"We have no comment," a senior official said.\n\n'
    filler = FILLER_PARAGRAPH * (2 * CHUNK_CHARS // len(FILLER_PARAGRAPH) + 20)
    text = said + filler + said.replace("no comment", "nothing to add")
    quotes, speakers, _entities = analyze_text(text, SETTINGS)
    ids = [q.speaker.id for q in quotes if q.speaker]
    assert len(ids) == 2 and len(set(ids)) == 2, ids
    assert sorted(s.id for s in speakers) == sorted(i or "" for i in ids)


def test_budget_off_the_whole_long_text_is_read(long_news: str) -> None:
    """``analyze_text`` has no budget: quotes come from the last chunk too."""
    quotes, _s, _e = analyze_text(long_news, replace(SETTINGS, max_analyze_chars=1_000))
    last_chunk = chunk_plan(long_news)[-1]
    assert any(q.parts[0][0] >= last_chunk[0] for q in quotes)
