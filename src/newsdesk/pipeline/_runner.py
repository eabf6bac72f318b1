"""The one runner: pages through a first stage and the stages after it, one ``Result`` per
input, never raising for a bad page. ``extract``, ``analyze``, ``ingest`` (and the API and
Spark jobs) all go through ``process_page``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from newsdesk.errors import ExtractionError, InputError, NewsdeskError, StageSkipped
from newsdesk.pipeline._contract import FirstStage, Stage, check_order
from newsdesk.pipeline._stages import EXTRACT
from newsdesk.record import Article, Page, Skipped
from newsdesk.settings import Settings

if TYPE_CHECKING:
    from newsdesk.sources import FetchOptions

StoreOutcome = Literal["new", "updated", "duplicate"]


@dataclass(slots=True)
class Result:
    """What became of one input: an article, or the error that stopped it.

    ``stage`` names the stage that failed (None when the input could not even be read);
    ``ran`` the stages tried, in order; ``stored`` and ``clustered`` what the store did with
    it, when the run stores (``ingest``)."""

    source: str
    article: Article | None = None
    error: NewsdeskError | None = None
    stage: str | None = None
    ran: tuple[str, ...] = ()
    stored: StoreOutcome | None = None
    clustered: bool = False  # stored, and found to be a copy of another article

    @property
    def ok(self) -> bool:
        return self.article is not None


def _failure(source: str, stage: str, exc: Exception) -> NewsdeskError:
    if isinstance(exc, NewsdeskError):
        return exc
    if isinstance(exc, RecursionError):
        return ExtractionError(source, stage, "markup nested too deeply")
    return ExtractionError(source, stage, f"{type(exc).__name__}: {exc}")


def run_stages(article: Article, settings: Settings, stages: Iterable[Stage]) -> Result:
    """Run ``stages`` over one article in order. A ``StageSkipped`` is recorded in
    ``article.skipped`` and the next stage runs; any other error stops the article."""
    ran: list[str] = []
    for stage in stages:
        ran.append(stage.name)
        try:
            article = stage(article, settings)
        except StageSkipped as skip:
            article.skipped.append(Skipped(stage.name, skip.reason))
        except Exception as exc:
            error = _failure(article.source, stage.name, exc)
            return Result(article.source, error=error, stage=stage.name, ran=tuple(ran))
    return Result(article.source, article=article, ran=tuple(ran))


def process_page(
    page: Page, settings: Settings, stages: Sequence[Stage] = (), *, first: FirstStage = EXTRACT
) -> Result:
    """One page through ``first`` and then ``stages``; never raises for a bad page."""
    try:
        article = first(page, settings)
    except Exception as exc:
        error = _failure(page.source, first.name, exc)
        return Result(page.source, error=error, stage=first.name, ran=(first.name,))
    result = run_stages(article, settings, stages)
    result.ran = (first.name, *result.ran)
    return result


def run(
    inputs: Iterable[str],
    settings: Settings,
    stages: Sequence[Stage] = (),
    *,
    first: FirstStage = EXTRACT,
    options: FetchOptions | None = None,
) -> Iterator[Result]:
    """Stream results for every page named by ``inputs`` (paths, globs, dirs, '-', URLs,
    feeds, sitemaps, WARC and JSONL files; see ``newsdesk.sources``). Raises ``ConfigError``
    before reading anything when a stage requires what no stage before it assigns."""
    from newsdesk.sources import iter_pages  # httpx and the archive readers: only when used

    check_order(first, stages)
    for item in iter_pages(inputs, settings, options=options):
        if isinstance(item, InputError):
            yield Result(item.source, error=item)
        else:
            yield process_page(item, settings, stages, first=first)
