"""Speech, not every attribution: each quote's cue type, what is reported by default, and
what ``Settings.all_attributions`` keeps. The real spaCy pipeline, no mocks."""

from __future__ import annotations

from newsdesk.analyze import analyze_text
from newsdesk.analyze._cue_types import REPORTED, verb_type, word_type
from newsdesk.record import Article, Block, Quote
from newsdesk.settings import Settings

SPEECH_ONLY = Settings()
EVERY = Settings(all_attributions=True)


def texts(text: str, quotes: list[Quote]) -> list[str]:
    return [" ... ".join(text[s:e] for s, e in q.parts) for q in quotes]


def test_an_action_is_not_a_quote_unless_every_attribution_is_asked_for() -> None:
    text = "President Bill Clinton ordered a cruise missile strike against a factory in Khartoum."
    assert analyze_text(text, SPEECH_ONLY)[0] == []
    quotes = analyze_text(text, EVERY)[0]
    assert [q.cue_type for q in quotes] == ["action"], texts(text, quotes)


def test_a_belief_is_kept_only_with_every_attribution() -> None:
    text = "Senator Ann Moore believes that the war is over."
    assert analyze_text(text, SPEECH_ONLY)[0] == []
    assert [q.cue_type for q in analyze_text(text, EVERY)[0]] == ["belief"]


def test_speech_and_an_organisations_statement_are_reported() -> None:
    text = (
        'Senator Ann Moore said the war was over. "We are done," she added.\n\n'
        "The ministry said in a statement that it was ready."
    )
    quotes = analyze_text(text, SPEECH_ONLY)[0]
    assert [q.cue_type for q in quotes] == ["speech", "speech", "statement"], texts(text, quotes)


def test_according_to_and_a_written_cue_are_kept() -> None:
    text = "According to the report, prices rose. Mayor Tom Reed wrote that the plan had failed."
    quotes = analyze_text(text, SPEECH_ONLY)[0]
    assert sorted(q.cue_type for q in quotes) == ["speech", "writing"], texts(text, quotes)


def test_the_lexicon_reads_verbs_by_class_and_everything_unknown_as_an_action() -> None:
    assert verb_type("tweet") == "writing"
    assert verb_type("Announce") == "speech"
    assert verb_type("fear") == "belief"
    assert verb_type("plan") == "intention"
    assert verb_type("discover") == "perception"
    assert verb_type("buy") == "action"
    assert word_type("aware", "ADJ") == "belief"
    assert word_type("letter", "NOUN") == "writing"
    assert word_type("statement", "NOUN") == "speech"
    assert {"speech", "writing", "statement"} == REPORTED


def test_a_quote_in_json_carries_its_text_type_and_speakers_titles() -> None:
    text = "Jennifer McCormick, the state superintendent, told reporters that pay was low."
    quotes, speakers, _entities = analyze_text(text, SPEECH_ONLY)
    art = Article("x", "", blocks=[Block("paragraph", text)], quotes=quotes, speakers=speakers)
    (quote,) = art.to_dict()["quotes"]
    assert quote["text"] == "that pay was low"
    assert quote["cue_type"] == "speech"
    assert quote["speaker"]["name"] == "Jennifer McCormick"
    assert quote["speaker"]["titles"] == ["state superintendent"]
    assert Article.from_dict(art.to_dict()) == art


def test_a_speech_act_without_content_is_not_a_quote() -> None:
    text = (
        "Kurt Volker testified before the House Intelligence Committee on Tuesday. "
        "Senator Ann Moore called the process a sham."
    )
    quotes = analyze_text(text, SPEECH_ONLY)[0]
    assert texts(text, quotes) == ["the process a sham"]


def test_nouns_are_typed_by_what_they_name() -> None:
    assert word_type("remark", "NOUN") == "speech"
    assert word_type("release", "NOUN") == "writing"
    assert word_type("view", "NOUN") == "belief"  # a verb the tagger read as a noun
    assert word_type("stage", "NOUN") == "action"
    assert word_type("WALLACE", "PROPN") == "speech"  # a transcript label
