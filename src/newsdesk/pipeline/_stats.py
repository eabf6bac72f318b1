"""One count of a run: inputs that became articles or failed and why, each stage's
outcomes and reasons, and (for ``ingest``) what the store did. Every ``Result`` is counted
once, by ``RunStats.add``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsdesk.pipeline._runner import Result


@dataclass(slots=True)
class StageCount:
    """One stage's outcomes over a run: why it failed (error types) and why it skipped."""

    ok: int = 0
    skipped: int = 0
    failed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # failures by error type
    skips: Counter[str] = field(default_factory=Counter)  # skips by reason


@dataclass(slots=True)
class RunStats:
    ok: int = 0  # inputs that became articles
    failed: int = 0  # inputs that did not
    reasons: Counter[str] = field(default_factory=Counter)  # failures by error type
    stages: dict[str, StageCount] = field(default_factory=dict)
    stored: Counter[str] = field(default_factory=Counter)  # new, updated, duplicate
    clustered: int = 0  # stored as copies of other articles

    def add(self, result: Result) -> None:
        if result.error is not None:
            self.failed += 1
            self.reasons[type(result.error).__name__] += 1
        elif result.article is not None:
            self.ok += 1
        if result.stored is not None:
            self.stored[result.stored] += 1
        self.clustered += result.clustered
        self._add_stages(result)

    def _add_stages(self, result: Result) -> None:
        skipped = {s.stage: s.reason for s in result.article.skipped} if result.article else {}
        for name in result.ran:
            count = self.stages.setdefault(name, StageCount())
            if result.error is not None and name == result.stage:
                count.failed += 1
                count.reasons[type(result.error).__name__] += 1
            elif name in skipped:
                count.skipped += 1
                count.skips[skipped[name]] += 1
            else:
                count.ok += 1

    def summary(self, verb: str = "extracted") -> str:
        """``newsdesk: 4 extracted, 2 failed (1 EmptyInput, 1 NotAPage)``, and the skips."""
        line = f"newsdesk: {self.ok} {verb}, {self.failed} failed" + self._reasons()
        return line + self._skips()

    def store_summary(self) -> str:
        """``newsdesk: 3 new, 0 updated, 2 duplicate, 1 failed`` (ingest), and the skips."""
        line = (
            f"newsdesk: {self.stored['new']} new, {self.stored['updated']} updated, "
            f"{self.stored['duplicate']} duplicate, {self.failed} failed"
        )
        if self.clustered:
            line += f"; {self.clustered} stored as copies of other articles"
        return line + self._reasons() + self._skips()

    def _reasons(self) -> str:
        if not self.reasons:
            return ""
        return " (" + ", ".join(f"{n} {k}" for k, n in self.reasons.most_common()) + ")"

    def _skips(self) -> str:
        """``; analyze skipped 1 (1 language 'ru' is not supported)`` per stage that skipped."""
        parts = []
        for name, count in self.stages.items():
            if count.skipped:
                why = [f"{n} {k}" for k, n in count.skips.most_common()]
                parts.append(f"; {name} skipped {count.skipped} ({', '.join(why)})")
        return "".join(parts)
