"""The stage contract: what a stage is, and the check that a list of stages can run in order.

A pipeline is one *first stage* (``Page -> Article``: extraction, or plain text taken as
it is) followed by *stages* (``Article -> Article``: analysis, or your own). Each says what
it needs on the article (``requires``) and what it adds (``assigns``), by ``Article`` field
name, so the order can be checked before a page is read (spaCy's ``requires``/``assigns``).

A stage signals that it cannot run on one page by raising ``StageSkipped`` (the runner
records it in ``Article.skipped`` and counts it); any other ``NewsdeskError`` rejects the
page, and any other exception is a bug, reported as an ``ExtractionError`` naming the stage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from newsdesk.errors import ConfigError
from newsdesk.record import Article, Page
from newsdesk.settings import Settings


@runtime_checkable
class Stage(Protocol):
    """``stage(article, settings) -> article``, enriched; callable alone, in a batch, or
    inside a Spark task."""

    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> frozenset[str]: ...

    @property
    def assigns(self) -> frozenset[str]: ...

    def __call__(self, article: Article, settings: Settings, /) -> Article: ...


@runtime_checkable
class FirstStage(Protocol):
    """``first(page, settings) -> article``: turns raw bytes into the record the stages
    enrich. It requires nothing; raising an ``InputError`` rejects the page."""

    @property
    def name(self) -> str: ...

    @property
    def assigns(self) -> frozenset[str]: ...

    def __call__(self, page: Page, settings: Settings, /) -> Article: ...


@dataclass(frozen=True, slots=True)
class FunctionStage:
    """A plain ``func(article, settings) -> article`` as a ``Stage``."""

    name: str
    func: Callable[[Article, Settings], Article]
    requires: frozenset[str] = frozenset({"blocks"})
    assigns: frozenset[str] = frozenset()

    def __call__(self, article: Article, settings: Settings, /) -> Article:
        return self.func(article, settings)


def check_order(first: FirstStage, stages: Iterable[Stage]) -> None:
    """Raise ``ConfigError`` when a stage requires a field no stage before it assigns."""
    available = set(first.assigns)
    for stage in stages:
        missing = stage.requires - available
        if missing:
            raise ConfigError(
                f"stage {stage.name!r} requires {', '.join(sorted(missing))}, "
                f"which no stage before it assigns (first stage: {first.name!r})",
                hint="put a stage that assigns them earlier in the list",
            )
        available |= stage.assigns
