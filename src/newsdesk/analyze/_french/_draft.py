"""A French attribution before its speaker is resolved: content parts, cue, the mention
the cue attaches to, and what the cue reports."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.analyze._cue_types import CueType
from newsdesk.record import QuoteKind, Span

# How sure each rule is that it found a quote and its speaker (reported in Quote.speaker).
INCISE = 0.9  # "« … », a-t-il dit"
LEAD = 0.75  # "Elle affirme : « … »", "Pour elle, « … »"
SOURCE = 0.7  # "selon X, …"
REPORTED = 0.6  # "X a déclaré que …"


@dataclass(slots=True)
class Draft:
    """``mention`` is None when the speaker is the one of the record before (a participle:
    "…, soulignant que …"); ``cue`` is None for a quote no cue reaches."""

    parts: list[Span]
    kind: QuoteKind
    cue: Span | None
    mention: Span | None
    cue_type: CueType
    confidence: float

    @property
    def anchor(self) -> int:
        """Where the attribution is read in text order: its cue, else its first part."""
        return self.cue[0] if self.cue is not None else self.parts[0][0]
