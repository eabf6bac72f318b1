"""What kind of act a cue reports: speech, writing or an organisation's statement (what a
journalist calls a quote), or a belief, an intention, a perception or a plain action (what
PolNeAR also annotates as an attribution, and what reads as "X ordered a strike" otherwise).

The lists are data. They follow the communication classes of VerbNet 3.4 and the
communication frames of FrameNet 1.7, by member lemma:

* speech: VerbNet say-37.7, tell-37.2, transfer_mesg-37.1.1, inquire-37.1.2,
  manner_speaking-37.3.1, talk-37.5, chit_chat-37.6, complain-37.8, advise-37.9,
  confess-37.10, lecture-37.11, promise-37.13, interrogate-37.1.3, and the communication
  members of judgment-33 and characterize-29.2 ("called X Y", "described X as Y"); FrameNet
  Statement, Telling, Reporting, Communication_response, Questioning, Request,
  Attempt_suasion, Judgment_communication, Judgment_direct_address, Complaining,
  Reveal_secret, Commitment, Communication_manner, Chatting, Adducing, Reasoning (argue),
  Encoding ("as she put it").
* writing: VerbNet instr_communication-37.4 and the writing members of
  performance-26.7 and scribble-25.2; FrameNet Text_creation, Contacting.
* belief: VerbNet consider-29.9, conjecture-29.5, wish-62, admire-31.2 (as opinion),
  marvel-31.3; FrameNet Awareness, Opinion, Certainty, Expectation, Emotion_directed,
  Experiencer_focus, Trust.
* intention: VerbNet want-32.1, long-32.2, and the decision members of the FrameNet
  Deciding and Purpose frames.
* perception: VerbNet see-30.1, sight-30.2, peer-30.3, and FrameNet Becoming_aware,
  Coming_to_believe, Evidence (what a finding "shows").

A verb in none of these is an action. Nouns and phrases that name a statement ("according
to", "in a statement", "the report") and the cues found from punctuation (a transcript
label, a dash byline, a colon) are speech.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from spacy.tokens import Span as Span_
from spacy.tokens import Token

from newsdesk.analyze._context import Analysis
from newsdesk.analyze._syntax import CueHit, cue_span
from newsdesk.record import Span

CueType = Literal["speech", "writing", "statement", "belief", "intention", "perception", "action"]

# The rest of a clause that ends in a colon before quoted words, or in a colon at the end of
# the paragraph before them: whatever its verb, the clause introduces what was said.
_COLON_INTRO = re.compile(r"[^.!?\n\"“”]{0,120}:\s*(?:$|[\"“‘])", re.MULTILINE)

# Reported by default: what someone said or wrote (a statement is speech by an organisation).
REPORTED: Final = frozenset({"speech", "writing", "statement"})

_SPEECH = """
say tell add state declare assert affirm aver claim contend maintain insist reiterate repeat
restate note remark comment mention observe explain clarify elaborate emphasize emphasise
stress underline underscore point announce proclaim report disclose reveal divulge confide
admit acknowledge concede confess allow grant reply respond answer retort counter rejoin
rebut ask inquire enquire query question wonder demand request beg plead implore urge appeal
advise recommend suggest propose warn caution alert remind inform notify assure reassure
brief promise vow pledge swear guarantee threaten predict forecast project estimate argue reason
conclude accord allege accuse charge blame deny dispute contest reject refute dismiss
criticize criticise condemn denounce blast slam assail lambaste decry deride mock
praise hail laud commend applaud welcome thank congratulate apologize apologise complain
lament grumble protest object boast brag joke quip tease testify recount recall recollect
relate describe call dub term label characterise characterize refer describe narrate
whisper shout yell scream cry exclaim mutter murmur mumble chant sing roar bellow snap
growl sigh gasp stammer stutter mouth talk speak chat discuss converse gossip lecture
preach signal hint imply intimate concur disagree echo confirm verify
certify weigh chime interject interrupt summarize summarise tout volunteer counsel instruct
pronounce rule decree quote cite read put
"""
_WRITING = """
write tweet retweet post blog email e-mail text message publish print pen scribble type
jot draft sign cable telegraph fax wire memo note
"""
_BELIEF = """
believe think feel know consider deem regard judge reckon suppose presume assume guess
suspect doubt imagine fancy figure trust expect anticipate hope fear worry dread wish
like love hate prefer favor favour appreciate admire respect mind care regret accept
understand agree view see
"""
_INTENTION = """
want plan intend aim mean decide resolve choose opt seek try attempt hope need desire
prepare vote
"""
_PERCEPTION = """
find discover learn realize realise notice note recognize recognise detect observe see hear
sense perceive witness show demonstrate prove indicate suggest reveal confirm establish
determine conclude
"""


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# First list wins: a lemma in two lists ("note", "suggest", "agree") is read as the earlier
# one, speech before writing before the mental and perceptual classes.
_ORDER: Final[tuple[tuple[CueType, frozenset[str]], ...]] = (
    ("speech", _words(_SPEECH)),
    ("writing", _words(_WRITING)),
    ("belief", _words(_BELIEF)),
    ("intention", _words(_INTENTION)),
    ("perception", _words(_PERCEPTION)),
)
VERB_TYPES: Final[dict[str, CueType]] = {}
for _type, _lemmas in reversed(_ORDER):
    VERB_TYPES.update(dict.fromkeys(_lemmas, _type))


def verb_type(lemma: str) -> CueType:
    """The type of a cue verb by its lemma: an action when no class lists it."""
    return VERB_TYPES.get(lemma.lower(), "action")


# Nouns that name a written text: its cue is writing ("the letter says", "in a tweet").
_WRITTEN_NOUNS = _words(
    "letter tweet post memo report study survey poll document filing blog email release"
)


# Nouns that name what was said (FrameNet Statement, Telling, Questioning, Commitment and
# Judgment_communication nouns): "in a statement", "his remarks", "the claim that ...".
_SPOKEN_NOUNS = _words(
    """statement remark remarks comment comments announcement claim assertion allegation
    accusation argument warning suggestion promise pledge vow threat question answer reply
    response interview speech testimony briefing conference message words address
    declaration admission confession denial insistence explanation prediction
    recommendation""",
)


def word_type(lemma: str, pos: str) -> CueType:
    """The type of a cue word by its lemma and part of speech: verbs by the classes above,
    adjectives ("aware that", "uncertain whether") are beliefs, nouns that name a text or
    an utterance writing or speech; another noun is read as a verb the tagger missed
    ("view"), else an action. Proper nouns (a transcript label) and the rest are speech."""
    lemma = lemma.lower()
    if pos in ("VERB", "AUX"):
        return verb_type(lemma)
    if pos == "ADJ":
        return "belief"
    if pos == "NOUN":
        if lemma in _WRITTEN_NOUNS:
            return "writing"
        return "speech" if lemma in _SPOKEN_NOUNS else verb_type(lemma)
    return "speech"


def hit_type(analysis: Analysis, hit: CueHit) -> CueType:
    """The type of ``hit``'s cue word in the parse; speech for cues found from punctuation
    (a dash, a transcript label), for a word right before a colon, and for phrases
    ("according to")."""
    chunk = analysis.chunk_at(hit.offset)
    span = cue_span(hit, chunk.doc) if chunk is not None else None
    if span is None or not any(t.is_alpha for t in span):
        return "speech"
    if hit.cue_text.rstrip().endswith(":") or _COLON_INTRO.match(analysis.text, hit.cue[1]):
        return "speech"  # "Ted Cruz continued:", "delivered a snappy retort: “…”"
    if len(span) > 1 and span[-1].lower_ == "to":  # "according to"
        return "speech"
    return word_type(span.root.lemma_, span.root.pos_)


# Cues whose content is a noun phrase and a predicate, not a clause: "called the process a
# sham", "described the call as improper" (VerbNet characterize-29.2, dub-29.3).
_PREDICATIVE = frozenset("call describe dub label term brand characterize characterise".split())


def states_something(analysis: Analysis, hit: CueHit | None, parts: list[Span]) -> bool:
    """Does reported content say something: a clause, or the predicate of "called X Y"?
    Not "testified before the committee", "talking about investigations", a noun phrase
    object ("claimed victory as the House ...", "questions his evolving accounts", "demanding
    answers from providers whose equipment failed"), nor what someone declined or refused to
    say ("declined to disclose how large a payload it could carry")."""
    if hit is None:
        return True
    chunk = analysis.chunk_at(hit.offset)
    if chunk is None:
        return True
    cue = cue_span(hit, chunk.doc)
    if cue is not None and cue.root.lemma_.lower() in _PREDICATIVE:
        return True
    if cue is not None and _declined(cue.root):
        return False
    for start, end in parts:
        span = chunk.doc.char_span(start - chunk.start, end - chunk.start, alignment_mode="expand")
        if span is None or _is_clause(span):
            return True
    return False


# "declined to say when", "refused to comment on whether": a speech act with no content
_REFUSALS = frozenset("decline refuse".split())


def _declined(cue: Token) -> bool:
    return cue.dep_ == "xcomp" and cue.head.lemma_.lower() in _REFUSALS


_CLAUSAL = frozenset("ccomp xcomp advcl csubj".split())
_ADVERBIALS = frozenset("prep advmod npadvmod mark punct cc".split())


def _is_clause(span: Span_) -> bool:
    """Is ``span`` a clause: is the head of one of its pieces a verb, a clausal complement
    the tagger took for a noun ("it is cost effective"), a gerund ("reported hearing
    gunfire"), or a noun with a bare participle the parser hung on it ("said more than 15,000
    people registered")? A noun phrase with a relative clause inside ("victory as the House
    concluded ...") is no clause."""
    words = [t for t in span if t.is_alpha]
    if not words:
        return False
    if words[0].lower_.endswith("ing") and words[0].pos_ in ("NOUN", "VERB"):
        return True
    # the pieces of the content, by their heads; the first that is no adverbial decides
    # ("At the time of ..., there were ...": the clause; "victory as the House ...": the noun)
    pieces = [
        t
        for t in span
        if not t.is_punct and (t.head.i == t.i or not span.start <= t.head.i < span.end)
    ]
    main = [t for t in pieces if t.dep_ not in _ADVERBIALS] or pieces or words[:1]
    return _clause_head(main[0])


def _clause_head(tok: Token) -> bool:
    if tok.pos_ in ("VERB", "AUX") or tok.dep_ in _CLAUSAL:
        return True
    return any(
        c.dep_ == "acl" and c.tag_ in ("VBD", "VBN") and not list(c.lefts) and c.i == tok.i + 1
        for c in tok.children
    )
