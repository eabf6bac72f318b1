"""Where a candidate cue sits among the other candidates of its sentence: inside the content
another cue would take ("Doe said the plan seemed to work": "seemed" is part of what Doe
said), or taking content that holds another cue. The learned cue model reads these as
features, so a word of someone's reported content is not made a cue of its own."""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.analyze._confidence import STRONG, WEAK
from newsdesk.analyze._paragraphs import Paragraphs
from newsdesk.analyze._syntax import CueHit
from newsdesk.record import Span


def _inside(pos: int, spans: Sequence[Span]) -> bool:
    return any(start <= pos < end for start, end in spans)


def _lemma(features: list[str] | None) -> str:
    if features is None:
        return "according"  # the "according to" rule has no features
    return next((f[4:] for f in features if f.startswith("lem=")), "?")


def _kind(hit: CueHit, features: list[str] | None) -> str:
    """A coarse class of a candidate: speech verb, learned strong or weak cue, or other."""
    if hit.speech:
        return "speech"
    lemma = _lemma(features)
    pos = lemma.split(":", 1)[0] if ":" in lemma else "VERB"
    if hit.weight >= STRONG:
        return f"{pos}:strong"
    return f"{pos}:weak" if hit.weight >= WEAK else f"{pos}:no"


def context_features(
    hit: CueHit, features: list[str] | None, others: Sequence[tuple[CueHit, list[str] | None]]
) -> list[str]:
    """Features of ``hit`` against the other candidates ``others`` of the same sentence."""
    feats: list[str] = []
    outer = [
        (o, f) for o, f in others if o is not hit and o.content and _inside(hit.cue[0], o.content)
    ]
    lemma = _lemma(features)
    for other, other_features in outer[:2]:
        kind = _kind(other, other_features)
        feats += [f"in_cue={kind}", f"in_cue_lem={lemma}|{kind}"]
        speaker = hit.speaker
        if speaker is not None and _inside(hit.offset + speaker.idx, other.content):
            feats.append(f"in_cue_spk_inside={kind}")
    if not outer:
        feats.append("in_cue=none")
    inner = [(o, f) for o, f in others if o is not hit and _inside(o.cue[0], hit.content)]
    for other, other_features in inner[:2]:
        feats.append(f"has_cue={_kind(other, other_features)}")
    return feats


def with_context(
    found: list[tuple[CueHit, list[str] | None]], paragraphs: Paragraphs | None = None
) -> list[tuple[CueHit, list[str] | None]]:
    """``found`` with each candidate's features extended by its ``context_features``
    (against the candidates of its own sentence). With ``paragraphs``, a sentence the parse
    ran over a paragraph break counts as one sentence per paragraph: a cue in the paragraph
    before never holds this one's cue in its content ('Polls show X. ¶ Y's average shows Z':
    the first 'show' took the second paragraph as its clause)."""

    def where(hit: CueHit) -> tuple[Span, int]:
        return hit.sentence, paragraphs.index(hit.cue[0]) if paragraphs else 0

    by_sentence: dict[tuple[Span, int], list[tuple[CueHit, list[str] | None]]] = {}
    for hit, features in found:
        by_sentence.setdefault(where(hit), []).append((hit, features))
    out: list[tuple[CueHit, list[str] | None]] = []
    for hit, features in found:
        if features is not None:
            features = features + context_features(hit, features, by_sentence[where(hit)])
        out.append((hit, features))
    return out
