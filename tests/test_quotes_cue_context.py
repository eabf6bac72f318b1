"""Context features of a candidate cue: inside the content another candidate would take, or
taking content that holds another candidate. Hand-written sentences, real spaCy pipeline."""

from __future__ import annotations

from newsdesk.analyze._context import Analysis
from newsdesk.analyze._cues._reported import cue_candidates
from newsdesk.analyze._cues._siblings import context_features, with_context
from newsdesk.analyze._nlp import load_pipeline, parse
from newsdesk.analyze._paragraphs import Paragraphs, paragraphs
from newsdesk.analyze._syntax import CueHit
from newsdesk.settings import Settings


def _hit(cue: tuple[int, int], content: list[tuple[int, int]], speech: bool) -> CueHit:
    return CueHit(
        cue=cue,
        cue_text="x",
        speaker=None,
        offset=0,
        content=content,
        sentence=(0, 60),
        weight=0.9 if speech else 0.0,
        speech=speech,
    )


def test_candidate_inside_a_speech_cue_content_is_marked() -> None:
    outer = _hit((5, 9), [(10, 50)], speech=True)
    inner = _hit((20, 26), [(27, 50)], speech=False)
    found = [(outer, ["lem=say"]), (inner, ["lem=seem"])]
    inner_feats = context_features(inner, ["lem=seem"], found)
    outer_feats = context_features(outer, ["lem=say"], found)
    assert "in_cue=speech" in inner_feats and "in_cue_lem=seem|speech" in inner_feats
    assert "in_cue=none" in outer_feats and "has_cue=VERB:no" in outer_feats


def test_other_sentences_do_not_count() -> None:
    outer = _hit((5, 9), [(10, 50)], speech=True)
    inner = _hit((20, 26), [(27, 50)], speech=False)
    inner.sentence = (60, 120)  # same offsets, but the parse put it in another sentence
    (_o, outer_feats), (_i, inner_feats) = with_context(
        [(outer, ["lem=say"]), (inner, ["lem=seem"])]
    )
    assert outer_feats is not None and inner_feats is not None
    assert "in_cue=none" in inner_feats and not any(f.startswith("has_cue") for f in outer_feats)


def test_parsed_sentence_marks_the_verb_of_reported_content() -> None:
    text = "The minister said that the new bridge seemed to wobble in the wind."
    chunks = parse(text, load_pipeline(Settings().spacy_model))
    found = {hit.cue_text: feats for hit, feats in cue_candidates(Analysis.of(text, chunks))}
    assert found["said"] is not None and found["seemed"] is not None
    assert "in_cue=none" in found["said"]
    assert any(f.startswith("has_cue=") for f in found["said"])
    assert "in_cue=speech" in found["seemed"]


def test_a_cue_in_the_paragraph_before_does_not_hold_this_one() -> None:
    # the parse ran one sentence over a paragraph break: 'Surveys show' took the next
    # paragraph's clause as its content, so 'shows' there looked like reported words
    text = "Surveys show a tie.\n\nThe city's average shows the mayor ahead by two points."
    second = text.index("The city")
    outer = _hit((8, 12), [(second, len(text))], speech=False)
    cue = text.index("shows")
    inner = _hit((cue, cue + 5), [(cue + 6, len(text))], speech=False)
    outer.sentence = inner.sentence = (0, len(text))
    found: list[tuple[CueHit, list[str] | None]] = [(outer, ["lem=show"]), (inner, ["lem=show"])]
    (_o, _), (_i, glued) = with_context(found)
    (_o, outer_split), (_i, split) = with_context(found, Paragraphs(paragraphs(text)))
    assert glued is not None and split is not None and outer_split is not None
    assert "in_cue=VERB:no" in glued  # one parsed sentence: held
    assert "in_cue=none" in split  # another paragraph: not held
    assert not any(f.startswith("has_cue") for f in outer_split)
