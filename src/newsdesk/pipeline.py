"""The runner: pages through stages, one result per input, errors counted not raised."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsdesk.errors import ExtractionError, InputError, NewsdeskError
from newsdesk.extract import extract
from newsdesk.record import Article, Page
from newsdesk.settings import Settings
from newsdesk.sources import FetchOptions, iter_pages

Stage = Callable[[Article, Settings], Article]


@dataclass(slots=True)
class Result:
    source: str
    article: Article | None = None
    error: NewsdeskError | None = None

    @property
    def ok(self) -> bool:
        return self.article is not None


@dataclass(slots=True)
class RunStats:
    ok: int = 0
    failed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, result: Result) -> None:
        if result.ok:
            self.ok += 1
        else:
            self.failed += 1
            self.reasons[type(result.error).__name__] += 1


def process_page(page: Page, settings: Settings, stages: Iterable[Stage] = ()) -> Result:
    """Extract one page and run the extra stages on it; never raises for bad input."""
    try:
        article = extract(page, settings)
    except NewsdeskError as exc:
        return Result(page.source, error=exc)
    for stage in stages:
        name = getattr(stage, "__name__", "stage")
        try:
            article = stage(article, settings)
        except NewsdeskError as exc:
            return Result(page.source, error=exc)
        except Exception as exc:
            error = ExtractionError(page.source, name, f"{type(exc).__name__}: {exc}")
            return Result(page.source, error=error)
    return Result(page.source, article=article)


def run(
    inputs: Iterable[str],
    settings: Settings,
    stages: Iterable[Stage] = (),
    *,
    options: FetchOptions | None = None,
) -> Iterator[Result]:
    """Stream results for every page named by ``inputs`` (paths, globs, dirs, '-', URLs,
    feeds, sitemaps, WARC and JSONL files; see ``newsdesk.sources``)."""
    stage_list = list(stages)
    for item in iter_pages(inputs, settings, options=options):
        if isinstance(item, InputError):
            yield Result(item.source, error=item)
        else:
            yield process_page(item, settings, stage_list)
