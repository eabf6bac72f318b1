"""Who-said-what patterns of real news copy (the quotes-news-dev conventions), each on short
hand-written text run through the real spaCy pipeline: quotations that go on after their
cue are one record, pronouns pass over names inside quotes and subordinate clauses, and
quotes-news-dev itself is read from ../shared for the checks that need real articles."""

from __future__ import annotations

from pathlib import Path

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


def _reported_texts(text: str) -> list[str]:
    return [" ... ".join(text[s:e] for s, e in q.parts) for q in _quotes(text)]


def test_a_noun_phrase_object_is_not_reported_speech() -> None:
    text = (
        "Donald Trump claimed victory as the House concluded its third public hearing.\n\n"
        "The regulators are demanding answers from providers whose equipment failed.\n\n"
        "The judge rejected the attempt to delay the hearing, which is set for February.\n\n"
        "Gordon Sondland faces questions about his accounts of the dealings with Ukraine."
    )
    assert _reported_texts(text) == []


def test_what_someone_declined_to_say_is_not_a_quote() -> None:
    text = "John Roth declined to disclose how large a payload the lander could carry."
    assert _reported_texts(text) == []


def test_reported_clauses_the_parser_takes_for_nouns_stay_quotes() -> None:
    text = (
        "The unions said more than 15,000 people registered for the rally.\n\n"
        "Serene Gregg said at the time of the suicide, there were 30 vacancies.\n\n"
        "Jack Scarola said he's pleased to see authorities investigate the death.\n\n"
        "An Associated Press journalist reported hearing gunfire near the plant."
    )
    found = _reported_texts(text)
    assert "more than 15,000 people registered for the rally" in found
    assert any(q.endswith("there were 30 vacancies") for q in found)
    assert any(q.startswith("he's pleased to see") for q in found)
    assert any(q.startswith("hearing gunfire") for q in found)


def _speaker_names(text: str) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in _quotes(text)]


def test_a_surname_takes_the_given_name_written_elsewhere() -> None:
    # the entity model reads "Sanborn" and "Volker" as organisations and misses the full names
    text = (
        "Jeff Sanborn, president of Chapter Agency, had doubts.\n\n"
        '"The heart of the message is buried," Sanborn said.\n\n'
        "Another diplomat, former special envoy to Ukraine Kurt Volker, shifted his account.\n\n"
        '"The meeting concluded," Volker said.'
    )
    names = _speaker_names(text)
    assert "Jeff Sanborn" in names and "Kurt Volker" in names


def test_two_given_names_for_one_surname_stay_a_surname() -> None:
    from newsdesk.analyze._speakers._names import written_full_name

    text = "Tim Morrison testified. Scott Morrison spoke later. Morrison said nothing more."
    assert written_full_name(text, "Morrison", []) is None
    assert written_full_name("Prime Minister Morrison and Sen. Morrison", "Morrison", []) is None


def test_two_people_ending_in_jr_are_two_speakers() -> None:
    text = (
        "Patrick W. Carlineo Jr., 55, pleaded guilty on Monday.\n\n"
        "James P. Kennedy Jr., the U.S. Attorney, said the case highlights that rights carry "
        "responsibilities.\n\n"
        '"Threats are not speech," Kennedy said in a statement.'
    )
    assert _speaker_names(text) == ["James P. Kennedy Jr.", "James P. Kennedy Jr."]


def test_reported_speech_whose_quotation_goes_on_in_the_next_paragraph() -> None:
    text = (
        "Secretary of State Mike Pompeo said the release “gives us hope for the success of "
        "the peace talks, which the United States stands ready to support.\n\n"
        "“We see these developments as hopeful signs that the war may soon end.”\n\n"
        "The talks resume on Monday."
    )
    quote = _holding(text, "gives us hope")
    assert len(quote.parts) == 2 and quote.kind == "mixed"
    assert _parts(text, quote)[1].startswith("We see these developments")


def test_reported_content_stops_at_the_paragraph_end(shared: Path) -> None:
    # the real USA Today article of quotes-news-dev where the parse runs a quote's sentence
    # on over the heading "Prisons plagued by understaffing" into the next paragraph
    (path,) = (shared / "data" / "quotes-news-dev" / "texts").glob("c58aa507c4de*.txt")
    text = path.read_text(encoding="utf-8")
    found = _reported_texts(text)
    assert not any("Prisons plagued" in q for q in found)
    assert any(q.endswith("compromised security at the Manhattan facility") for q in found)


def test_captions_link_boxes_and_teasers_give_no_quotes() -> None:
    from newsdesk.analyze._spans._display import is_display

    text = (
        "Police said the protesters had no option but to surrender.\n\n"
        "China has warned it will end the unrest (Image: GETTY )\n\n"
        "China furious at Macron jibe [INSIGHT]| Hong Kong 'threatened with military "
        "intervention' [REACTION]\n\n"
        "Lankan president accepts invitation COLOMBO: The president has accepted the "
        "invitation, officials said on Wednesday. Khan on Tuesday..."
    )
    assert _reported_texts(text) == ["the protesters had no option but to surrender"]
    assert is_display("Supporters at the rally (Photo: Jane Doe/AP)")
    assert not is_display("He paused. “We will see...”")
    assert not is_display("Trump said [CNN] was “fake news” and left.")  # an editor's insertion
    assert not is_display("“The president said: we will win...”")


def test_named_people_who_speak_together_are_one_speaker() -> None:
    text = (
        "Kurt Volker and Tim Morrison testified on Tuesday. Alexander Vindman and Jennifer "
        "Williams testified in the morning.\n\n"
        "Volker and Morrison said the call was not in line with national security goals.\n\n"
        "Both Vindman and Williams told lawmakers the request was inappropriate."
    )
    assert _speaker_names(text) == [
        "Kurt Volker and Tim Morrison",
        "Alexander Vindman and Jennifer Williams",
    ]


def test_unnamed_speakers_joined_by_and_keep_both() -> None:
    text = "Businesses and residents say the outages were overly broad."
    (quote,) = _quotes(text)
    assert quote.speaker is not None and quote.speaker.mention is not None
    assert text[slice(*quote.speaker.mention)] == "Businesses and residents"


def test_which_never_refers_to_a_person() -> None:
    text = (
        'Customers "began to say we want you to do this and that," Tim Cook told Marc '
        'Benioff, which ultimately meant making the "best mobile operating system."\n\n'
        '"We really took that challenge to heart," he said.'
    )
    quote = _holding(text, "We really took")
    assert quote.speaker is not None and quote.speaker.name == "Tim Cook"


def test_a_second_speech_verb_in_the_clause_is_a_second_record() -> None:
    text = (
        'Kurt Volker said he never used the term "three amigos" and added, "I frankly '
        'cringe when I hear it."'
    )
    found = _reported_texts(text)
    assert 'he never used the term "three amigos"' in found
    assert "I frankly cringe when I hear it." in found


def test_words_before_a_name_that_are_no_name_are_left_out() -> None:
    from newsdesk.analyze._speakers._names import clean_person_name

    text = "The prosecution dropped the case. Prosecution Eva-Marie Persson spoke."
    assert clean_person_name("Prosecution Eva-Marie Persson", text) == "Eva-Marie Persson"
    assert clean_person_name("the 14th-ranked Schwartzman", text) == "Schwartzman"
    assert clean_person_name("Mary Ann Evans", text) == "Mary Ann Evans"


def test_a_surname_no_entity_holds_takes_the_full_name_written_before(shared: Path) -> None:
    # a real article of quotes-news-dev (Sportsnet): the model never tags Schwartzman
    page = "0d46122928b6"
    (path,) = (shared / "data" / "quotes-news-dev" / "texts").glob(f"{page}*.txt")
    text = path.read_text(encoding="utf-8")
    quote = _holding(text, "end of the season")
    assert quote.speaker is not None and quote.speaker.name == "Diego Schwartzman"
