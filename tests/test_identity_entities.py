"""Entities inside one article, with the real spaCy pipeline: the spellings of one country
are one entity, and words that are no name ("n't", "Size" opening a sentence) are none,
while names that open sentences ("Ukraine said ...") stay."""

from __future__ import annotations

from spacy.tokens import Span

from newsdesk.analyze import analyze_text, load_pipeline
from newsdesk.analyze._entities import is_junk, word_use
from newsdesk.analyze._nlp import parse
from newsdesk.settings import Settings

SETTINGS = Settings()
TEXT = (
    "Pros and cons of the plan were weighed by Anna Lee, the mayor of Springfield. "
    "Size matters, she said. They didn't come to Springfield.\n\n"
    '"We won\'t go," Lee said. Ukraine said it would wait. Officials in Ukraine agreed. '
    "The U.S. and the United States of America and the US agreed."
)


def test_one_country_however_spelt_and_no_junk_entities() -> None:
    _, _, entities = analyze_text(TEXT, SETTINGS)
    names = {e.name: e for e in entities}
    assert set(names) == {"Anna Lee", "Springfield", "Ukraine", "United States of America"}
    us = names["United States of America"]
    assert [TEXT[s:e] for s, e in us.mentions] == ["U.S.", "the United States of America", "US"]
    assert len(names["Ukraine"].mentions) == 2  # opening a sentence, and inside one


def test_a_contraction_or_a_lower_case_word_is_never_a_name() -> None:
    chunks = parse(TEXT, load_pipeline(SETTINGS.spacy_model))
    doc = chunks[0].doc
    words = word_use(chunks)
    nt = next(t for t in doc if t.text == "n't")
    assert is_junk(Span(doc, nt.i, nt.i + 1, label="GPE"), "GPE", words)
    size = next(t for t in doc if t.text == "Size")
    assert is_junk(Span(doc, size.i, size.i + 1, label="PERSON"), "PERSON", words)
    mayor = next(t for t in doc if t.text == "mayor")
    assert is_junk(Span(doc, mayor.i, mayor.i + 1, label="ORG"), "ORG", words)
    lee = next(t for t in doc if t.text == "Lee")
    assert not is_junk(Span(doc, lee.i - 1, lee.i + 1, label="PERSON"), "PERSON", words)


def test_a_title_alone_is_no_organisation() -> None:
    text = '"We are pulled in," CEO Tim Cook said. The CEO of Apple, Tim Cook, agreed.'
    _, speakers, entities = analyze_text(text, SETTINGS)
    assert "CEO" not in {e.name for e in entities}
    assert {e.name for e in entities} >= {"Tim Cook", "Apple"}
    assert "CEO" not in {o for s in speakers for o in s.organisations}
