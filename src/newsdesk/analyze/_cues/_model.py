"""The learned cue classifier: sparse features of a candidate cue and the logistic model
over them (``models/cue_model.json.gz``, trained by training/quotes/train_cue_model.py)
that decides which candidates are attributions."""

from __future__ import annotations

import gzip
import json
import math
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from newsdesk.analyze._lexicon import SPEECH_VERBS, THOUGHT_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

_QUOTE_CHARS = frozenset('"“”‘’«»„')
_PRONOUNS = frozenset("i you he she it we they this that who which".split())
_PERSON_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


@lru_cache(maxsize=1)
def cue_model() -> tuple[dict[str, float], float]:
    """(feature weights, decision threshold) of the logistic cue classifier trained by
    training/quotes/train_cue_model.py; empty weights when the file is not shipped."""
    try:
        ref = resources.files("newsdesk.analyze") / "models" / "cue_model.json.gz"
        with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except (FileNotFoundError, OSError, ValueError):
        return {}, 1.0
    weights = {str(k): float(v) for k, v in data.get("weights", {}).items()}
    return weights, float(data.get("threshold", 0.5))


def _bucket(n: int) -> int:
    return min(n.bit_length(), 8)


def _subject_features(speaker: Token | None) -> list[str]:
    if speaker is None:
        return ["subj=none"]
    lower = speaker.lower_
    kind = "pron:" + lower if lower in _PRONOUNS else speaker.pos_
    feats = [f"subj={kind}", f"subj_dep={speaker.dep_}"]
    if speaker.ent_type_:
        feats.append(
            f"subj_ent={speaker.ent_type_ if speaker.ent_type_ in _PERSON_LABELS else 'X'}"
        )
    if speaker.pos_ == "NOUN":
        feats.append(f"subj_lemma={speaker.lemma_.lower()}")
    return feats


def _child_features(verb: Token, frame: str) -> list[str]:
    feats: list[str] = []
    for child in verb.children:
        dep = child.dep_
        if dep in ("neg", "auxpass", "mark", "advmod", "prt"):
            feats.append(f"child={dep}:{child.lower_}" if dep != "advmod" else "child=advmod")
        elif dep == "aux":
            feats.append(f"aux={child.lower_}")
        elif dep == "ccomp":
            side = "before" if child.i < verb.i else "after"
            mark = next((g.lower_ for g in child.children if g.dep_ == "mark"), "-")
            feats += [f"ccomp={side}", f"ccomp_mark={mark}"]
        elif dep in ("dobj", "dative") and child.i > verb.i:
            feats.append(f"obj={child.lemma_.lower()}")
            feats.append(f"lem_obj={verb.lemma_.lower()}|{child.lemma_.lower()}")
        elif dep == "prep" and child.i > verb.i and frame == "prep":
            feats.append(f"lem_prep={verb.lemma_.lower()}|{child.lower_}")
    return feats


def cue_features(verb: Token, frame: str, speaker: Token | None, content: str) -> list[str]:
    """Sparse string features of a candidate cue verb: its lemma and frame, how it sits in
    the parse, its subject, and the size and quote marks of the content it would take."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB":
        lemma = f"{verb.pos_}:{lemma}"  # "claim" the noun is not "claim" the verb
    head = verb.head
    words = len(content.split())
    marks = sum(ch in _QUOTE_CHARS for ch in content)
    feats = [
        "bias",
        f"lem={lemma}",
        f"lem_frame={lemma}|{frame}",
        f"frame={frame}",
        f"tag={verb.tag_}",
        f"dep={verb.dep_}",
        f"dep_frame={verb.dep_}|{frame}",
        f"tag_frame={verb.tag_}|{frame}",
        f"head={head.pos_}" if head.i != verb.i else "head=root",
        f"words={_bucket(words)}",
        f"frame_words={frame}|{_bucket(words)}",
        f"marks={min(marks, 3)}",
        f"speech={lemma in SPEECH_VERBS}|{frame}",
        f"thought={lemma in THOUGHT_VERBS}|{frame}",
    ]
    if verb.dep_ in ("advcl", "xcomp", "relcl", "conj", "ccomp", "pcomp"):
        feats.append(f"head_lem={verb.dep_}|{head.lemma_.lower()}")
    subject = _subject_features(speaker)
    feats += subject
    feats.append(f"subj_frame={subject[0]}|{frame}")
    feats.append(f"lem_subj={lemma}|{speaker is not None}")
    feats += _child_features(verb, frame)
    return feats


def repaired_features(speaker: Token | None) -> list[str]:
    """Features of the speaker ``_cues._repair`` put in place of the parse's subject."""
    if speaker is None:
        return ["rep=none"]
    lower = speaker.lower_
    kind = "pron:" + lower if lower in _PRONOUNS else speaker.pos_
    return [f"rep={kind}", f"rep_dep={speaker.dep_}"]


def cue_probability(features: list[str]) -> float:
    """P(the candidate is an attribution whose content we take) under the learned model."""
    weights, _threshold = cue_model()
    z = sum(weights.get(f, 0.0) for f in features)
    z = max(min(z, 30.0), -30.0)
    return 1.0 / (1.0 + math.exp(-z))
