"""Reported speech in French from the dependency parse: a cue verb with a "que" clause
("X a déclaré qu'il …"), "faire savoir que", a speech verb with an infinitive ("il a dit
attendre …"), a participle going on from the sentence's speaker ("…, soulignant que …"),
and a source phrase ("selon le rapport du Forum économique mondial, …"). Verbs inside
direct quotes are not cues. Direct quotes inside the content make the record mixed.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.analyze._french._direct import subject_span
from newsdesk.analyze._french._draft import REPORTED, SOURCE, Draft
from newsdesk.analyze._french._lexicon import SOURCE_PREPOSITIONS, VERB_TYPES, cue_lemma
from newsdesk.analyze._french._text import FrenchText, strip_span
from newsdesk.record import QuoteKind, Span

# Speech verbs whose content can be an infinitive: "il a dit attendre une décision".
_INFINITIVE_CUES = frozenset("dire déclarer affirmer assurer annoncer expliquer".split())
_MIN_CONTENT_WORDS = 3
_QUOTE_MARKS = '«»“”"'


def reported_drafts(ft: FrenchText) -> list[Draft]:
    """Every reported-speech draft, nested ones (a cue inside another's content) left out."""
    drafts = []
    for tok in ft.tokens:
        if ft.in_quote(ft.offset(tok)):
            continue
        draft = _source_phrase(ft, tok) if tok.lower_ in SOURCE_PREPOSITIONS else _verb(ft, tok)
        if draft is not None:
            drafts.append(draft)
    return [d for d in drafts if not any(_nested(d, o) for o in drafts if o is not d)]


def _kind(ft: FrenchText, content: Span) -> QuoteKind:
    """Mixed when the reported content holds quoted words, else indirect."""
    return (
        "mixed" if any(c in ft.text[content[0] : content[1]] for c in _QUOTE_MARKS) else "indirect"
    )


def _nested(inner: Draft, outer: Draft) -> bool:
    return inner.cue is not None and any(s <= inner.cue[0] < e for s, e in outer.parts)


def _verb(ft: FrenchText, tok: Token) -> Draft | None:
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    made_known = tok.lemma_.lower() == "savoir" and tok.i > 0 and tok.nbor(-1).lemma_ == "faire"
    lemma = "dire" if made_known else cue_lemma(tok.lemma_, tok.text)
    if lemma is None:
        return None
    content = _content(ft, tok, lemma)
    if content is None:
        return None
    cue: Span = ft.span(tok)
    if made_known:
        cue = (ft.offset(tok.nbor(-1)), cue[1])
    mention = _speaker(ft, tok)
    if mention is None and "Part" not in tok.morph.get("VerbForm", []):
        return None  # "A noter que …": no speaker, and not a participle going on from one
    kind = _kind(ft, content)
    cue_type = VERB_TYPES[lemma]
    if kind == "mixed" and cue_type == "belief":
        cue_type = "speech"  # "estimant que c'était « impardonnable »": the words were said
    return Draft([content], kind, cue, mention, cue_type, REPORTED)


def _content(ft: FrenchText, verb: Token, lemma: str) -> Span | None:
    """The clause ``verb`` reports, after it in its sentence, without "que"."""
    child = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if child is None and lemma in _INFINITIVE_CUES:
        child = next((c for c in verb.rights if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if child is None or child.left_edge.i <= verb.i:
        return None
    words = [t for t in child.subtree if not (t.i == child.left_edge.i and t.dep_ == "mark")]
    if len([t for t in words if t.is_alpha]) < _MIN_CONTENT_WORDS:
        return None
    start = ft.offset(words[0])
    end = ft.offset(words[-1]) + len(words[-1].text)
    sentence = ft.sentence_at(ft.offset(verb))
    return strip_span(ft.text, start, min(end, sentence[1]), " \u00a0,;:.")


def _speaker(ft: FrenchText, verb: Token) -> Span | None:
    """The cue's subject; for a participle or an infinitive, its governing verb's; None
    when the sentence's earlier speaker goes on ("…, soulignant que …")."""
    if verb.i > 0 and verb.nbor(-1).lemma_.lower() == "faire":  # "a fait savoir"
        subj = next((c for c in verb.nbor(-1).children if c.dep_ == "nsubj" and c.is_alpha), None)
        if subj is not None:
            return subject_span(ft, subj)
    tok = verb
    for _step in range(3):
        subj = next(
            (c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass") and c.is_alpha), None
        )
        if subj is not None:
            return subject_span(ft, subj)
        if tok.dep_ not in ("advcl", "conj", "xcomp") or tok.head is tok:
            break
        tok = tok.head
    return None


def _source_phrase(ft: FrenchText, tok: Token) -> Draft | None:
    """ "Selon X, content" / "content, selon X": X speaks, the rest of the sentence is said."""
    head = tok.head
    if head is tok or head.i < tok.i:
        return None
    phrase = [t for t in head.subtree if t.i >= tok.i]
    phrase_end = ft.offset(phrase[-1]) + len(phrase[-1].text)
    start = ft.offset(tok)
    sentence = ft.sentence_at(start)
    comma = ft.text.find(",", ft.offset(head), phrase_end)
    if comma > 0:
        phrase_end = comma
    before = strip_span(ft.text, sentence[0], start, " \u00a0,;:.")
    after = strip_span(ft.text, phrase_end, sentence[1], " \u00a0,;:.")
    if min(len(ft.text[s:e].split()) for s, e in (before, after)) >= _MIN_CONTENT_WORDS:
        return None  # "… qui, selon les mesures, devrait …": inside a clause, not a source
    content = after if after[1] - after[0] >= before[1] - before[0] else before
    if ft.text[sentence[0] : sentence[1]].rstrip(" \u00a0\u202f\n").endswith("?"):
        return None  # "Selon vous, est-ce une solution ?": a question, not a report
    if len(ft.text[content[0] : content[1]].split()) < _MIN_CONTENT_WORDS:
        return None
    mention = strip_span(ft.text, start + len(tok.text), phrase_end)
    kind = _kind(ft, content)
    return Draft([content], kind, ft.span(tok), mention, "speech", SOURCE)
