"""The content of a cue verb: the clause or phrase it takes, by complement frame ("said that
...", "wants to ...", "called the plan a mistake because ...", "talked about ..."), and
content that runs on to the end of the quoted words it reaches into."""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.analyze._lexicon import THOUGHT_VERBS, is_speech
from newsdesk.analyze._syntax import HEARER_VERBS, SUBJECTS, QuoteIndex, subtree_span
from newsdesk.record import Span

_FRAMES = (
    ("ccomp", {"ccomp"}),
    ("xcomp", {"xcomp"}),
    ("dobj", {"dobj", "dative", "oprd"}),
    ("prep", {"prep"}),
)
# "talked about X", "apologised for X", "warned against X"; not "spoke to/with reporters"
_TOPIC_PREPS = frozenset("about for against of over on as into".split())
OBJECT_DEPS = frozenset({"dobj", "dative", "oprd", "prep", "attr", "acomp", "xcomp", "ccomp"})
# dependents that carry on an object phrase ('as hypocritical because ...', 'with X')
_TAIL_DEPS = frozenset({"prep", "advcl", "oprd", "acomp", "xcomp", "ccomp", "dobj", "dative"})
_WHEN_WHERE = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})
CLOSING_MARKS = frozenset({'"', "”", "»", "’", "'", "“", "«"})


def frame_of(verb: Token) -> str:
    """The verb's complement frame: ccomp, xcomp, dobj, prep or none (a learned cue's key)."""
    deps = {c.dep_ for c in verb.children if c.i > verb.i or c.dep_ == "ccomp"}
    for frame, kinds in _FRAMES:
        if deps & kinds:
            return frame
    return "none"


def content_of(verb: Token, frame: str, offset: int, text: str) -> list[Span]:
    """The content clause or phrase of a cue verb in ``frame``."""
    if frame == "dobj" and verb.lemma_ in HEARER_VERBS:
        return _clause_after_hearer(verb, offset, text)
    kids = _content_children(verb, frame)
    spans = [s for s in (subtree_span(k, offset, text) for k in kids) if s]
    if frame == "ccomp":
        spans = [
            _before_second_cue(k, span, offset, text) for k, span in zip(kids, spans, strict=False)
        ]
    if len(spans) > 1 and frame in ("dobj", "prep"):
        spans = [(spans[0][0], max(e for _s, e in spans))]
    last = max(kids, key=lambda k: k.i, default=None)
    if spans and last is not None and last.i > verb.i:
        spans = _with_participle(verb, last, spans, offset, text)
    if not spans and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        span = subtree_span(verb.head, offset, text, skip=verb)
        if span:
            spans.append(span)
    return spans


def _before_second_cue(clause: Token, span: Span, offset: int, text: str) -> Span:
    """A reported clause cut before a speech verb joined to it without a subject of its own
    ('said he never used the term and added, "I cringe ..."'): that verb is a second cue,
    its words a second record."""
    for tok in clause.subtree:
        if tok.dep_ != "conj" or tok.head.i != clause.i or not is_speech(tok.lemma_):
            continue
        if any(c.dep_ in SUBJECTS for c in tok.children):
            continue
        joiner = next((c for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i), tok)
        end = offset + joiner.idx
        while end > span[0] and text[end - 1] in " ,":
            end -= 1
        if span[0] < end < span[1]:
            return (span[0], end)
    return span


def _content_children(verb: Token, frame: str) -> list[Token]:
    """The dependents of ``verb`` whose subtrees are its content in ``frame``: an object
    phrase goes on with its tail up to the next comma."""
    if frame in ("ccomp", "xcomp"):
        return [c for c in verb.children if c.dep_ == frame]
    if frame == "passive":
        return [c for c in verb.children if c.dep_ == "nsubjpass"]
    if frame not in ("dobj", "prep"):
        return []
    kids = [
        c for c in verb.rights if c.dep_ in OBJECT_DEPS and not (c.dep_ == "prep" and not _topic(c))
    ]
    return kids + _object_tail(verb, kids[0]) if kids else kids


def _with_participle(
    verb: Token, last: Token, spans: list[Span], offset: int, text: str
) -> list[Span]:
    """'said it was a temporary dip, reflecting restlessness ...': a participle after the
    content that the parser hung on the cue verb belongs to the content (not 'adding that
    ...', a cue of its own)."""
    for child in verb.rights:
        if child.i <= last.i or child.is_punct:
            continue
        if child.dep_ != "advcl" or child.tag_ != "VBG":
            return spans
        lemma = child.lemma_.lower()
        if (
            is_speech(lemma)
            or lemma in THOUGHT_VERBS
            or any(c.dep_ in SUBJECTS for c in child.children)
        ):
            return spans
        span = subtree_span(child, offset, text)
        if span is None or span[1] <= spans[-1][1]:
            return spans
        return [*spans[:-1], (spans[-1][0], span[1])]
    return spans


def _object_tail(verb: Token, first: Token) -> list[Token]:
    """What the verb's object phrase goes on with up to the next comma: 'cast Sanders as
    hypocritical because he had accepted ...', 'the deal with state lawmakers'; not a time or
    place ('on Tuesday', 'in Iowa')."""
    tail: list[Token] = []
    for child in verb.rights:
        if child.i <= first.i:
            continue
        if child.text in CLOSING_MARKS:
            continue  # 'called Horgos "a mistake" because ...'
        if child.dep_ in ("punct", "cc", "conj", "parataxis") or child.is_punct:
            break
        if child.dep_ in _TAIL_DEPS and not _circumstance(child):
            tail.append(child)
    return tail


def _circumstance(child: Token) -> bool:
    """A phrase that says when or where, not what: 'on Tuesday', 'in Iowa', 'last week'."""
    words = [t for t in child.subtree if not t.is_punct and t.i != child.i]
    return all(t.ent_type_ in _WHEN_WHERE or t.pos_ in ("DET", "ADP") for t in words)


def to_quote_end(content: list[Span], quoted: QuoteIndex) -> list[Span]:
    """Content that starts outside quote marks and stops inside them ('that he would
    "carpet-bomb [the militants] into oblivion."', where the parse lost the rest) runs on to
    the end of the quoted words."""
    if not content or quoted.inside(content[0][0]):
        return content
    start, end = content[-1]
    quote_end = quoted.end_of(end - 1)
    if quote_end is None or quote_end <= end:
        return content
    return [*content[:-1], (start, quote_end)]


def _clause_after_hearer(verb: Token, offset: int, text: str) -> list[Span]:
    """'told reporters (at a briefing) that X': the 'that' clause, wherever the parser hung it."""
    for tok in verb.subtree:
        if tok.i > verb.i and tok.lower_ == "that" and tok.head.pos_ in ("VERB", "AUX"):
            span = subtree_span(tok.head, offset, text)
            return [span] if span else []
    return []


def _topic(prep: Token) -> bool:
    """A preposition that introduces what was said about, not when, where or to whom."""
    if prep.lower_ not in _TOPIC_PREPS:
        return False
    return not any(c.ent_type_ in ("DATE", "TIME", "GPE", "LOC") for c in prep.children)
