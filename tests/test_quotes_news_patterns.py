"""Who-said-what patterns of real news copy (the quotes-news-dev conventions), each on short
hand-written text run through the real spaCy pipeline: quotations that go on after their
cue are one record, pronouns pass over names inside quotes and subordinate clauses, and
quotes-news-dev itself is read from ../shared for the checks that need real articles."""

from __future__ import annotations

from newsdesk.analyze import analyze_text
from newsdesk.record import Quote
from newsdesk.settings import Settings

SETTINGS = Settings()


def _quotes(text: str) -> list[Quote]:
    quotes, _speakers, _entities = analyze_text(text, SETTINGS)
    return quotes


def _holding(text: str, words: str) -> Quote:
    found = [q for q in _quotes(text) if any(words in text[s:e] for s, e in q.parts)]
    assert len(found) == 1, [[text[s:e] for s, e in q.parts] for q in _quotes(text)]
    return found[0]


def _parts(text: str, quote: Quote) -> list[str]:
    return [text[s:e] for s, e in quote.parts]


def test_paraphrase_then_quote_split_by_the_cue_is_one_record() -> None:
    text = (
        "Rita Lopez runs the county jail.\n\n"
        'Some guards do not follow the rules, she said. "But does that mean they should '
        'lose their jobs?"\n\n'
        "The county board meets on Friday."
    )
    quote = _holding(text, "But does that mean")
    assert _parts(text, quote) == [
        "Some guards do not follow the rules",
        "But does that mean they should lose their jobs?",
    ]
    assert quote.speaker is not None and quote.speaker.name == "Rita Lopez"


def test_quoted_paragraph_right_after_a_direct_quote_continues_it() -> None:
    text = (
        '"The authorities must end this crackdown now," said Philip Lane, a director at '
        "the rights group.\n\n"
        '"The use of force against peaceful protesters has become a matter of policy."\n\n'
        "Protesters blocked roads on Monday."
    )
    quote = _holding(text, "The use of force")
    assert len(quote.parts) == 2
    assert quote.cue is not None and quote.cue.text == "said"


def test_quoted_paragraph_after_reported_speech_is_its_own_record() -> None:
    text = (
        "Saeb Erekat said the move was an attempt to force the Palestinians to give up.\n\n"
        '"They wanted us on our knees. We stand tall and we will stand tall."'
    )
    quote = _holding(text, "They wanted us")
    assert len(quote.parts) == 1 and quote.cue is None
    assert quote.speaker is not None and quote.speaker.name == "Saeb Erekat"


def test_quote_opened_after_a_cue_sentence_runs_to_the_paragraph_end() -> None:
    # the second quotation never closes: the next paragraph opens a new one with its own cue
    text = (
        "Sen. Ben Harper said the charges are overdue.\n\n"
        '"Heads needed to roll the day the inmate died," he said. "The bureau needs to '
        "start giving answers. These arrests are not the end of this.\n\n"
        '"These guards are not the only ones who should stand trial," Harper said.'
    )
    quote = _holding(text, "Heads needed")
    assert _parts(text, quote) == [
        "Heads needed to roll the day the inmate died,",
        "The bureau needs to start giving answers. These arrests are not the end of this.",
    ]
    assert quote.speaker is not None and quote.speaker.name == "Ben Harper"


def test_pronoun_skips_a_person_named_inside_the_quote() -> None:
    text = (
        "Sen. Ben Harper said the charges are overdue.\n\n"
        '"Heads needed to roll the day John Carter died," he said.'
    )
    quote = _holding(text, "Heads needed")
    assert quote.speaker is not None and quote.speaker.name == "Ben Harper"


def test_pronoun_prefers_the_main_clause_subject_over_a_subordinate_one() -> None:
    text = (
        "Montell Figgins represents one of the guards.\n\n"
        '"We had hoped for more," Figgins said.\n\n'
        "Figgins declined to address whether Thomas slept on the night John Carter died. "
        '"When all the evidence is presented," he said, "you will see it differently."'
    )
    quote = _holding(text, "When all the evidence")
    assert quote.speaker is not None and quote.speaker.name == "Montell Figgins"
