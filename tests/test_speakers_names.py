"""Full names and titles: the fullest form of a name the article gives, titles moved out of
the name and kept whole, definite descriptions resolved to the person they describe. The
real spaCy pipeline, no mocks."""

from __future__ import annotations

from newsdesk.analyze import analyze_text
from newsdesk.record import QuoteSpeaker
from newsdesk.settings import Settings

SETTINGS = Settings()


def speakers(text: str) -> list[QuoteSpeaker]:
    quotes = analyze_text(text, SETTINGS)[0]
    assert all(q.speaker is not None for q in quotes)
    return [q.speaker for q in quotes if q.speaker is not None]


def test_a_title_is_moved_out_of_the_name() -> None:
    (speaker,) = speakers("Superintendent Jennifer McCormick told reporters that pay was low.")
    assert speaker.name == "Jennifer McCormick"
    assert speaker.titles == ["Superintendent"]


def test_the_whole_title_phrase_is_kept() -> None:
    found = speakers(
        "White House press secretary Josh Earnest said it was fine. "
        "Prime Minister Habib Essid said that it was over."
    )
    assert [(s.name, s.titles) for s in found] == [
        ("Josh Earnest", ["White House press secretary"]),
        ("Habib Essid", ["Prime Minister"]),
    ]


def test_a_first_name_alone_joins_the_full_name() -> None:
    found = speakers('Fiona Parry runs a shop in Leeds.\n\n"It is hard," Fiona said.')
    assert [s.name for s in found] == ["Fiona Parry"]


def test_a_surname_takes_the_full_name_written_before_it() -> None:
    text = (
        "Thomas is represented by Montell Figgins, a lawyer.\n\n"
        '"We had hoped for more," Figgins said.'
    )
    assert [s.name for s in speakers(text)] == ["Montell Figgins"]


def test_a_definite_description_is_the_person_with_that_title() -> None:
    text = (
        "Gov. Eric Holcomb spoke at the rally on Tuesday.\n\n"
        "The governor said he was waiting for a commission."
    )
    assert [s.name for s in speakers(text)] == ["Eric Holcomb"]


def test_a_description_nobody_holds_stays_unnamed() -> None:
    text = "Eric Holcomb spoke on Tuesday.\n\nThe teacher said she was waiting for a raise."
    assert [s.name for s in speakers(text)] == [None]


def test_a_description_in_the_lede_is_the_person_named_soon_after() -> None:
    text = (
        "Norway’s ambassador to Japan warned that the trade talks would fail. "
        "The talks began in May. "
        "Norway’s ambassador to Japan Ingrid Solberg has said that her country will wait."
    )
    assert [s.name for s in speakers(text)] == ["Ingrid Solberg", "Ingrid Solberg"]


def test_a_description_named_nowhere_after_stays_unnamed() -> None:
    text = "Norway’s ambassador to Japan warned that the trade talks would fail."
    assert [s.name for s in speakers(text)] == [None]


def test_a_description_is_not_the_person_named_far_after() -> None:
    filler = "The talks began in May and ran on through the summer without any result. " * 15
    text = (
        "Norway’s ambassador to Japan warned that the trade talks would fail. "
        + filler
        + "Norway’s ambassador to Japan Ingrid Solberg has said that her country will wait."
    )
    assert [s.name for s in speakers(text)] == [None, "Ingrid Solberg"]
