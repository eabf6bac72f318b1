"""Speaker choice over the parse's subject (speakers_choice, speakers_polls.share_subject,
relative 'that'): hand-written sentences in the shapes found among PolNeAR train speaker
errors. The real spaCy pipeline, no mocks."""

from __future__ import annotations

import pytest

from newsdesk.analyze import analyze_text
from newsdesk.settings import Settings

# PolNeAR-style attributions (beliefs, plans, criticism): every cue type is kept.
SETTINGS = Settings(all_attributions=True)


def mention_of(text: str, cue: str, content: str) -> str | None:
    """The speaker mention of the one quote with cue ``cue`` whose content holds ``content``."""
    quotes, _speakers, _entities = analyze_text(text, SETTINGS)
    rows = [
        q
        for q in quotes
        if q.cue is not None and q.cue.text == cue and any(content in text[s:e] for s, e in q.parts)
    ]
    assert len(rows) == 1, [(q.cue, q.parts) for q in quotes]
    speaker = rows[0].speaker
    return text[slice(*speaker.mention)] if speaker and speaker.mention else None


@pytest.mark.parametrize(
    ("text", "cue", "content", "mention"),
    [
        (  # the name after "said," not the subject the parse gave (part of what was said)
            "Any clear interpretation of the deal, said Michael Kofman, an expert on Russia "
            "at the Wilson Center, would read this as a retreat.",
            "said",
            "Michael Kofman",
            "Michael Kofman",
        ),
        (  # an apposition before the cue is no inversion
            "Brian Fallon, a spokesman for the campaign, said the Clintons had always been "
            "careful about donors.",
            "said",
            "careful about donors",
            "Brian Fallon",
        ),
        (  # 'criticism from X': X, not the subject of the verb that mentions it
            "The senator faces stepped-up criticism from Clinton about who can advance a "
            "progressive agenda.",
            "criticism",
            "progressive agenda",
            "Clinton",
        ),
        (
            "The column included an admission from Elizabeth Warren that reinstating the law "
            "would not have prevented a crisis.",
            "admission",
            "reinstating the law",
            "Elizabeth Warren",
        ),
        (  # a share of respondents speaks for itself when no poll is named
            "Mr. Trump has improved his standing, with 30 percent of voters saying they have "
            "a positive view of him.",
            "saying",
            "positive view",
            "30 percent",
        ),
        (  # of two subjects the parse gave, the nearest (a time line is no speaker)
            "2:00 p.m.\nA court document filed Thursday says that the manager will not be "
            "prosecuted.",
            "says",
            "not be prosecuted",
            "A court document",
        ),
        (
            "Voters, Clinton suggested, don't have to worry that big banks can influence "
            "politicians.",
            "suggested",
            "big banks",
            "Clinton",
        ),
        (  # a relative "that" is the mention, like "who"
            "The website that originally listed the weapon for auction, GunBroker.com, said "
            "it had removed the listing.",
            "listed",
            "the weapon",
            "that",
        ),
    ],
)
def test_speaker_choice(text: str, cue: str, content: str, mention: str) -> None:
    assert mention_of(text, cue, content) == mention


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (  # a document from a named organisation speaks for it
            '"Demand for steel will stay weak into the spring," said a report from Harbor '
            "Street Capital.",
            "Harbor Street Capital",
        ),
        (  # a document by a named organisation
            "A study by Westfield Research said that most drivers ignore the new limits.",
            "Westfield Research",
        ),
        (  # a common noun with the name in apposition
            "The union, Transit Workers Alliance, said that drivers were exhausted.",
            "Transit Workers Alliance",
        ),
    ],
)
def test_a_common_noun_speaks_through_the_name_it_gives(text: str, name: str) -> None:
    quotes, _speakers, _entities = analyze_text(text, Settings())
    assert [q.speaker.name if q.speaker else None for q in quotes] == [name]


def test_a_report_without_a_named_source_stays_the_report() -> None:
    text = '"Demand will stay weak," said a report from last week.'
    quotes, _speakers, _entities = analyze_text(text, Settings())
    mentions = [q.speaker.mention if q.speaker else None for q in quotes]
    assert [text[m[0] : m[1]] if m else None for m in mentions] == ["a report"]


def test_a_quote_with_its_own_speaker_is_not_the_statement_it_came_from() -> None:
    text = (
        '"We are on a historic day for the harbour," he told port workers, according to a '
        "statement."
    )
    quotes, _speakers, _entities = analyze_text(text, Settings())
    mentions = [q.speaker.mention if q.speaker else None for q in quotes]
    assert [text[m[0] : m[1]] if m else None for m in mentions] == ["he"]


def test_according_to_still_names_the_source_of_reported_words() -> None:
    text = "According to the harbour police, the driver had been drinking before the crash."
    quotes, _speakers, _entities = analyze_text(text, Settings())
    mentions = [q.speaker.mention if q.speaker else None for q in quotes]
    assert [text[m[0] : m[1]] if m else None for m in mentions] == ["the harbour police"]
