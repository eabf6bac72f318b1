"""The learned cue model: what ships, and the constructions it adds (adjective and noun cues,
beliefs, questions put to the speaker). Real spaCy pipeline, no mocks."""

from __future__ import annotations

import gzip
import json
from importlib import resources

from newsdesk.analyze import analyze_text
from newsdesk.analyze._cues._model import (
    cue_features,
    cue_model,
    cue_probability,
    repaired_features,
)
from newsdesk.analyze._nlp import load_pipeline
from newsdesk.analyze._spans._nominal import nominal_content
from newsdesk.record import Quote
from newsdesk.settings import Settings

# PolNeAR-style attributions (beliefs, plans, criticism): every cue type is kept.
SETTINGS = Settings(all_attributions=True)


def quotes_of(text: str) -> list[Quote]:
    quotes, _speakers, _entities = analyze_text(text, SETTINGS)
    return quotes


def content(text: str, quote: Quote) -> str:
    return " … ".join(text[s:e] for s, e in quote.parts)


def mention(text: str, quote: Quote) -> str | None:
    if quote.speaker is None or quote.speaker.mention is None:
        return None
    return text[slice(*quote.speaker.mention)]


def test_shipped_cue_model_is_numbers_only() -> None:
    ref = resources.files("newsdesk.analyze") / "models" / "cue_model.json.gz"
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    assert set(data) == {"meta", "threshold", "weights"}
    weights, threshold = cue_model()
    assert len(weights) > 1000 and 0.0 < threshold < 1.0
    assert all(isinstance(v, float) for v in weights.values())
    assert max(len(k) for k in weights) < 80  # feature names, never sentences of the corpus
    assert data["meta"]["split"] == "PolNeAR train"


def test_speech_verb_outranks_an_event_verb() -> None:
    nlp = load_pipeline(SETTINGS.spacy_model)
    doc = nlp("The minister said that the bridge opened on Tuesday.")
    said, opened = doc[2], doc[6]
    assert (said.lemma_, opened.lemma_) == ("say", "open")
    p_said = cue_probability(cue_features(said, "ccomp", doc[1], "that the bridge opened"))
    p_opened = cue_probability(cue_features(opened, "prep", doc[5], "Tuesday"))
    assert p_said > cue_model()[1] > p_opened


def test_adjective_cue_takes_its_clause() -> None:
    text = "Officials are concerned that the new bridge will not open before winter."
    (quote,) = quotes_of(text)
    assert quote.kind == "indirect"
    assert quote.cue is not None and quote.cue.text == "concerned"
    assert content(text, quote) == "that the new bridge will not open before winter"
    assert mention(text, quote) == "Officials"


def test_noun_cue_with_a_that_clause() -> None:
    text = "Senator Maria Lopez's claim that the election was rigged drew sharp criticism."
    claims = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == "claim"]
    assert len(claims) == 1
    assert content(text, claims[0]) == "that the election was rigged"
    assert claims[0].speaker is not None and claims[0].speaker.name == "Maria Lopez"


def test_belief_with_a_holder_is_an_attribution() -> None:
    text = "Stocks fell again on Friday, and investors feared that prices would fall further."
    found = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == "feared"]
    assert len(found) == 1
    assert content(text, found[0]) == "that prices would fall further"
    assert mention(text, found[0]) == "investors"


def test_plain_events_are_not_quotes() -> None:
    text = "The bridge opened on Tuesday after years of delays. Traffic moved slowly across it."
    assert quotes_of(text) == []


def test_words_of_the_question_are_not_a_quote() -> None:
    text = (
        "Asked about recent data showing that Serbia buys most of its weapons from China, "
        "Kevin Hamilton said that NATO was very aware of it."
    )
    quotes = quotes_of(text)
    assert [q.cue.text for q in quotes if q.cue is not None] == ["said"]
    assert content(text, quotes[0]) == "that NATO was very aware of it"


def test_nominal_frames() -> None:
    doc = load_pipeline(SETTINGS.spacy_model)("Her questions about the budget went unanswered.")
    questions = doc[1]
    frame, spans = nominal_content(questions, 0, doc.text)
    assert frame == "prep:about"
    assert [doc.text[s:e] for s, e in spans] == ["the budget"]


def test_repaired_speaker_features() -> None:
    doc = load_pipeline(SETTINGS.spacy_model)("Trump said it.")
    assert repaired_features(None) == ["rep=none"]
    assert repaired_features(doc[0])[0] == "rep=PROPN"
