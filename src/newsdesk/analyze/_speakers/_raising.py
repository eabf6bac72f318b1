"""Raising verbs: 'the race seemed to be Sanders's to lose', 'the Senate is expected to vote',
'it appears that ...'. Their subject is not a holder (the writer makes the judgement), and
PolNeAR annotates most of them without a Source, so such a cue never scores a speaker; the
less certain ones are dropped (``_confidence.RAISING_MIN_WEIGHT``). Not when what seems is itself a
speech act or a thought ('he appeared to suggest ...', 'Rubio seemed to think ...'): its
subject does hold it."""

from __future__ import annotations

from spacy.tokens import Token

from newsdesk.analyze._lexicon import THOUGHT_VERBS, is_speech

_RAISING = frozenset({"seem", "appear"})
_PASSIVE_RAISING = frozenset({"expect"})  # 'is expected to', not 'he expected that'


def _holds_content(cue: Token) -> bool:
    """Does the verb under the raising cue say or think something itself?"""
    for child in cue.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            lemma = child.lemma_.lower()
            if lemma not in _RAISING and (is_speech(lemma) or lemma in THOUGHT_VERBS):
                return True
    return False


def raising_without_holder(cue: Token) -> bool:
    """'X seemed/appears (to be) ...', 'X is expected to ...': a judgement without a source."""
    lemma = cue.lemma_.lower()
    if lemma in _PASSIVE_RAISING:
        raising = any(c.dep_ == "auxpass" for c in cue.children)
    else:
        raising = lemma in _RAISING
    return raising and not _holds_content(cue)
