"""Attribution cue words: the verbs and nouns that introduce what someone said, believes or
reports. A hand-written core list and per-lemma weights learned from the PolNeAR training
split (``models/cues.json.gz``, training/quotes/train_cues.py). The classifier that decides
which candidates are attributions is ``_cues._model``."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

from newsdesk.analyze import _confidence as confidence

# Speech and writing: strong cues, also for direct quotes.
SPEECH_VERBS = frozenset(
    """say tell add state stress note explain insist claim argue announce declare reply respond
    answer write tweet post warn ask urge comment remark mention report reveal admit acknowledge
    concede confirm deny suggest predict promise vow pledge assert contend maintain emphasize
    emphasise recall testify complain boast joke quip concede caution point describe call
    continue conclude observe indicate allege accuse disclose estimate insist lament predict
    recount reiterate repeat retort shout tell whisper yell agree disagree acknowledge counter
    propose recommend demand threaten signal clarify affirm assure brag charge criticize
    criticise dismiss praise proclaim protest question rule guarantee inform notify""".split()
)
# Beliefs, intentions and findings: cues when they take a clause ("believes that ...").
THOUGHT_VERBS = frozenset(
    """believe think feel know expect hope fear worry doubt suspect want plan intend wish
    consider understand learn find show conclude realize realise assume suppose imagine
    decide seem appear guess reckon anticipate acknowledge recognize recognise prove
    demonstrate reflect mean hint imply""".split()
)
# Nouns heading "the report/statement that ..." or "in a statement, X ...".
CUE_NOUNS = frozenset(
    """statement report interview letter tweet post press release memo speech remarks
    testimony announcement claim comments poll survey study""".split()
)


@lru_cache(maxsize=1)
def learned_weights() -> dict[str, float]:
    """P(cue | lemma heads a clause) learned from PolNeAR train; empty when not shipped."""
    try:
        ref = resources.files("newsdesk.analyze") / "models" / "cues.json.gz"
        with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except (FileNotFoundError, OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in data.get("weights", {}).items()}


def cue_weight(lemma: str, frame: str = "ccomp") -> float:
    """How likely a verb with this lemma and complement frame is an attribution cue:
    learned per (lemma, frame), else per lemma, else from the hand-written lists."""
    lemma = lemma.lower()
    learned = learned_weights()
    for key in (f"{lemma}|{frame}", f"{lemma}|*"):
        if key in learned:
            return learned[key]
    if learned and frame != "ccomp":
        return 0.0  # the learned table covers every frame seen often enough in training
    if lemma in SPEECH_VERBS:
        return confidence.SPEECH_CUE if frame in ("ccomp", "none") else confidence.SPEECH_OTHER_CUE
    if lemma in THOUGHT_VERBS:
        return confidence.THOUGHT_CUE if frame == "ccomp" else 0.0
    return 0.0


def is_speech(lemma: str) -> bool:
    """Is ``lemma`` a verb of speech or writing ("say", "tweet")?"""
    return lemma.lower() in SPEECH_VERBS
