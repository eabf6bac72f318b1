"""The analyze stage on the seed article and on small hand-written articles, one construction
per test: the real spaCy pipeline, no mocks."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

from conftest import FIXTURES, SEED
from newsdesk.analyze import analyze, analyze_text
from newsdesk.analyze._lexicon import learned_weights
from newsdesk.analyze._spans._direct import find_direct_quotes
from newsdesk.record import Article, Block, Quote
from newsdesk.settings import Settings

SETTINGS = Settings()


def article(text: str, source: str = "test") -> Article:
    blocks = [Block("paragraph", p) for p in text.split("\n\n")]
    result = analyze(Article(source=source, content_hash="0", blocks=blocks), SETTINGS)
    assert result.text == text
    return result


def quoted(a: Article, quote: Quote) -> str:
    return " … ".join(a.text[s:e] for s, e in quote.parts)


def speaker_name(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


def only_quote(a: Article) -> Quote:
    assert len(a.quotes) == 1, [quoted(a, q) for q in a.quotes]
    return a.quotes[0]


# -- the public surface -------------------------------------------------------------------
# ``newsdesk.analyze`` the attribute is the stage function (exported by ``newsdesk``); the
# package is the module of that name.
ANALYZE_PACKAGE = importlib.import_module("newsdesk.analyze")


def test_the_public_names_are_pinned_and_all_exported() -> None:
    """httpx's way: ``__all__`` is the pinned list, and every public name the package
    actually exports is in it (a leak fails)."""
    assert ANALYZE_PACKAGE.__all__ == ["analyze", "analyze_text", "load_pipeline"]
    exported = {
        name
        for name, value in inspect.getmembers(ANALYZE_PACKAGE)
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert exported == set(ANALYZE_PACKAGE.__all__)


def test_every_implementation_module_is_private() -> None:
    """Every implementation module is private (plain.py went to the pipeline)."""
    public = {
        info.name
        for info in pkgutil.walk_packages(ANALYZE_PACKAGE.__path__, "newsdesk.analyze.")
        if not any(part.startswith("_") for part in info.name.split(".")[2:])
    }
    assert public == set(), public


# -- the seed article ---------------------------------------------------------------------
def seed_text() -> str:
    raw = SEED.read_text(encoding="utf-8")
    paras = [p.strip() for p in raw.split("\n\n") if p.strip()]
    first = next(i for i, p in enumerate(paras) if p.startswith("NATO Deputy Assistant Secretary"))
    last = next(i for i, p in enumerate(paras) if p.endswith('all communities of Kosovo."'))
    body = paras[first : last + 1]
    assert len(body) == 11
    return "\n\n".join(body)


@pytest.fixture(scope="module")
def seed() -> Article:
    return article(seed_text(), source=str(SEED))


def test_seed_every_quote_is_kevin_hamiltons(seed: Article) -> None:
    assert len(seed.quotes) > 10
    for quote in seed.quotes:
        assert speaker_name(quote) == "Kevin Hamilton", quoted(seed, quote)
    kinds = {q.kind for q in seed.quotes}
    assert {"direct", "mixed", "indirect"} <= kinds


def test_seed_speaker_has_title_organisation_and_mentions(seed: Article) -> None:
    (hamilton,) = [s for s in seed.speakers if s.name == "Kevin Hamilton"]
    assert "NATO Deputy Assistant Secretary General for Partnerships" in hamilton.titles
    assert "Ambassador" in hamilton.titles
    assert hamilton.organisations == ["NATO"]
    texts = {seed.text[s:e] for s, e in hamilton.mentions}
    assert {"Kevin Hamilton", "Hamilton", "he"} <= texts
    assert all(q.speaker and q.speaker.id == hamilton.id for q in seed.quotes)


def test_seed_question_led_paragraphs_are_his(seed: Article) -> None:
    for opening in ("Asked about the anti-NATO narrative", "When asked about recent data"):
        start = seed.text.index(opening)
        end = seed.text.index("\n\n", start)
        inside = [q for q in seed.quotes if start <= q.parts[0][0] < end]
        assert inside, opening
        assert all(speaker_name(q) == "Kevin Hamilton" for q in inside)


def test_seed_multi_sentence_direct_quote_is_one_quote(seed: Article) -> None:
    start = seed.text.index('"We feel that we are entering')
    (quote,) = [q for q in seed.quotes if q.parts[0][0] == start + 1]
    assert quote.kind == "direct"
    assert quoted(seed, quote).endswith("would like to continue,")
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.speaker is not None and seed.text[slice(*quote.speaker.mention)] == "he"


def test_seed_mixed_quote_keeps_the_quoted_fragments(seed: Article) -> None:
    start = seed.text.index("Hamilton said in an interview")
    end = seed.text.index("\n\n", start)
    (quote,) = [q for q in seed.quotes if start <= q.parts[0][0] < end]
    assert quote.kind == "mixed"
    text = quoted(seed, quote)
    assert "that goes as far as Serbia wants" in text and "does not demand anything" in text


def test_seed_entities(seed: Article) -> None:
    names = {e.name for e in seed.entities}
    expected = {"NATO", "Serbia", "Belgrade", "Beta", "Bujanovac", "China", "Kosovo", "KFOR", "EU"}
    assert expected <= names, expected - names
    mentions = {seed.text[s:e]: ent.name for ent in seed.entities for s, e in ent.mentions}
    assert mentions["UN"] == mentions["the United Nations"]  # "the UN" joins "United Nations"
    (person,) = [e for e in seed.entities if e.label == "PERSON"]
    assert person.name == "Kevin Hamilton" and len(person.mentions) >= 7
    nato = next(e for e in seed.entities if e.name == "NATO")
    assert all(seed.text[s:e] == "NATO" for s, e in nato.mentions) and len(nato.mentions) >= 5


def test_round_trip_through_json(seed: Article) -> None:
    again = Article.from_dict(seed.to_dict())
    assert again.quotes == seed.quotes and again.speakers == seed.speakers


# -- constructions --------------------------------------------------------------------------
def test_split_quote_is_one_quote_with_two_parts() -> None:
    a = article('"We will win this fight," Maria Lopez said, "and we will win it soon."')
    quote = only_quote(a)
    assert [a.text[s:e] for s, e in quote.parts] == [
        "We will win this fight,",
        "and we will win it soon.",
    ]
    assert quote.kind == "direct" and speaker_name(quote) == "Maria Lopez"


def test_multi_paragraph_quote() -> None:
    a = article((FIXTURES / "analyze" / "multi_paragraph.txt").read_text(encoding="utf-8"))
    quote = only_quote(a)
    assert len(quote.parts) == 3
    assert a.text[slice(*quote.parts[0])].startswith("The first thing")
    assert a.text[slice(*quote.parts[-1])].endswith("nobody reads the credits,")
    assert speaker_name(quote) == "Jane Doe"
    (doe,) = a.speakers
    assert any("director" in t for t in doe.titles)


def test_indirect_said_that() -> None:
    a = article("Maria Lopez said that the plan would fail within a year.")
    quote = only_quote(a)
    assert quote.kind == "indirect" and speaker_name(quote) == "Maria Lopez"
    assert quoted(a, quote) == "that the plan would fail within a year"
    assert quote.cue is not None and quote.cue.text == "said"


def test_told_someone_that_keeps_the_speaker() -> None:
    a = article("John Carter told Reuters that the deal was off.")
    quote = only_quote(a)
    assert speaker_name(quote) == "John Carter"
    assert "the deal was off" in quoted(a, quote)


def test_according_to() -> None:
    a = article("According to Maria Lopez, the talks collapsed after midnight.")
    quote = only_quote(a)
    assert speaker_name(quote) == "Maria Lopez"
    assert quoted(a, quote) == "the talks collapsed after midnight"


def test_as_someone_put_it_attributes_the_quote() -> None:
    a = article('The hearing ran late. As Maria Lopez put it, "nobody wanted to go home first."')
    quote = only_quote(a)
    assert quote.kind == "direct" and speaker_name(quote) == "Maria Lopez"
    assert quote.cue is not None and quote.cue.text == "put"


def test_put_it_somewhere_is_not_an_aside() -> None:
    a = article("As Maria Lopez put it on the table, the lid fell off.")
    assert not [q for q in a.quotes if q.cue is not None and q.cue.text == "put"]


def test_inverted_speaker_with_relative_clause() -> None:
    a = article('"It is over," said Anna Berg, who spoke with reporters in Oslo.')
    quote = only_quote(a)
    assert quote.kind == "direct" and speaker_name(quote) == "Anna Berg"
    assert quoted(a, quote) == "It is over,"


def test_mixed_quote() -> None:
    a = article('Anna Berg said the union wants a deal "that works for every member".')
    quote = only_quote(a)
    assert quote.kind == "mixed" and speaker_name(quote) == "Anna Berg"
    assert "that works for every member" in quoted(a, quote)


def test_question_attributes_to_the_answerer() -> None:
    a = article("Asked about the budget by a reporter, Anna Berg said that cuts were needed.")
    quote = only_quote(a)
    assert speaker_name(quote) == "Anna Berg"


def test_pronouns_in_a_paragraph_with_two_people() -> None:
    a = article((FIXTURES / "analyze" / "two_speakers.txt").read_text(encoding="utf-8"))
    assert [speaker_name(q) for q in a.quotes] == ["Tom Reyes", "Anna Berg"]
    reyes = next(s for s in a.speakers if s.name == "Tom Reyes")
    assert "finance minister" in reyes.titles


def test_unnamed_speaker_stays_unnamed() -> None:
    a = article('"We are worried about the border," a NATO official said.')
    quote = only_quote(a)
    assert quote.speaker is not None and quote.speaker.name is None
    (official,) = a.speakers
    assert official.name is None and official.organisations == ["NATO"]
    assert any("NATO official" in t for t in official.titles)


def test_organisation_speaks() -> None:
    a = article("The ministry said that the border would reopen on Monday.")
    quote = only_quote(a)
    (ministry,) = a.speakers
    assert ministry.kind == "organisation" and ministry.name is None
    assert quote.speaker is not None and a.text[slice(*quote.speaker.mention)] == "The ministry"


def test_named_organisation_speaks() -> None:
    a = article("Greenpeace said that the spill was the worst in a decade.")
    quote = only_quote(a)
    assert speaker_name(quote) == "Greenpeace"
    assert a.speakers[0].kind == "organisation"


def test_quote_without_speaker() -> None:
    a = article('"Nobody knows what happens next."\n\nThe river rose again on Tuesday.')
    quote = only_quote(a)
    assert quote.speaker is None and quote.cue is None
    assert quoted(a, quote) == "Nobody knows what happens next."


def test_odd_and_non_english_quote_marks() -> None:
    a = article((FIXTURES / "analyze" / "odd_marks.txt").read_text(encoding="utf-8"))
    by_text = {quoted(a, q): speaker_name(q) for q in a.quotes}
    assert by_text["We are ready for the vote."] == "Olaf Berg"  # „…“
    assert by_text["We will not give up"] == "Marie Blanc"  # «…»
    assert by_text["Single marks work too,"] == "Ian Moss"  # '…'
    assert any("a quote" in t for t in by_text)  # the paragraph after the unbalanced one
    assert not any("isn" in t or "s fine" in t for t in by_text)  # apostrophes open nothing


# -- the quote-mark scanner alone ----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes, we will" and don\'t forget.', [["yes, we will"]]),
        ("“A long\n\n“middle\n\n“end,” he said.", [["A long", "middle", "end,"]]),
        (
            "Er sagte: „Wir kommen bald“. Il a dit « non merci ».",
            [["Wir kommen bald"], ["non merci"]],
        ),
        ("''Of course, I pay taxes,'' he said.", [["Of course, I pay taxes,"]]),
        ('"Never underestimate him,” Reid said.', [["Never underestimate him,"]]),
        ("idea is “really amorphous.\n\n“What we do,” Grayson said.", [["What we do,"]]),
        ("The 90s' music and the players' union.", []),
    ],
)
def test_quote_marks(text: str, expected: list[list[str]]) -> None:
    quotes = find_direct_quotes(text)
    assert [[text[s:e] for s, e in q.parts] for q in quotes] == expected


def test_scare_quotes_are_not_quotes() -> None:
    a = article('The so-called "fiscal cliff" arrives in January, and markets are calm.')
    assert a.quotes == []


def test_shipped_cue_weights_are_numbers_only() -> None:
    weights = learned_weights()
    assert len(weights) > 500
    assert weights["say|ccomp"] > 0.8 and 0.0 < min(weights.values())
    assert all(isinstance(v, float) and "|" in k and len(k) < 60 for k, v in weights.items())


def test_interview_transcript_turns() -> None:
    a = article(
        "Chris Wallace interviewed Mike Pence on Sunday.\n\n"
        "WALLACE: Will the senator be at the debate tomorrow?\n\n"
        "PENCE: She will not be attending the debate.\n\n"
        "UPDATE: The debate starts at nine."
    )
    assert [(speaker_name(q), q.kind) for q in a.quotes] == [
        ("Chris Wallace", "direct"),
        ("Mike Pence", "direct"),
    ]
    assert quoted(a, a.quotes[1]) == "She will not be attending the debate."


def test_quoted_transcript_turns_and_their_continuation() -> None:
    a = article(
        "Chris Wallace interviewed Mike Pence on Sunday.\n\n"
        '"WALLACE: Will the senator be at the debate tomorrow?\n\n'
        '"PENCE: She will not be attending the debate.\n\n'
        '"But the truth is that our campaign talks about the issues.\n\n'
        '"WALLACE: Thank you, Governor."'
    )
    assert [(speaker_name(q), quoted(a, q)) for q in a.quotes] == [
        ("Chris Wallace", "Will the senator be at the debate tomorrow?"),
        ("Mike Pence", "She will not be attending the debate."),
        ("Mike Pence", "But the truth is that our campaign talks about the issues."),
        ("Chris Wallace", "Thank you, Governor."),
    ]


def test_told_hearer_is_not_the_content() -> None:
    text = (
        "Emirates President Tim Clark, meanwhile, told reporters at a press conference "
        "that the airline would expand its fleet."
    )
    quotes, _speakers, _entities = analyze_text(text, Settings())
    assert [[text[s:e] for s, e in q.parts] for q in quotes] == [
        ["that the airline would expand its fleet"]
    ]
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "Tim Clark"
