"""Inputs that are already clean article text (``newsdesk analyze --plain``).

The whole decoded file becomes one block, so ``article.text`` is the file's text exactly and
every offset the analyze stage emits points into the input file as the user has it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsdesk.errors import ExtractionError, InputError, NewsdeskError
from newsdesk.extract.decode import decode
from newsdesk.pipeline import Result, Stage
from newsdesk.record import Article, Block, Page
from newsdesk.settings import Settings
from newsdesk.sources import iter_pages


def plain_article(page: Page, settings: Settings) -> Article:
    """An Article whose text is the page's decoded text, unchanged."""
    text, _encoding = decode(page, settings)
    return Article(
        source=page.source,
        content_hash=page.content_hash,
        url=page.url,
        blocks=[Block("paragraph", text)],
    )


def run_plain(
    inputs: Iterable[str], settings: Settings, stages: Iterable[Stage]
) -> Iterator[Result]:
    """Like ``pipeline.run`` but without extraction: each input is taken as article text."""
    stage_list = list(stages)
    for item in iter_pages(inputs, settings):
        if isinstance(item, InputError):
            yield Result(item.source, error=item)
            continue
        try:
            article = plain_article(item, settings)
            for stage in stage_list:
                article = stage(article, settings)
        except NewsdeskError as exc:
            yield Result(item.source, error=exc)
            continue
        except Exception as exc:
            error = ExtractionError(item.source, "analyze", f"{type(exc).__name__}: {exc}")
            yield Result(item.source, error=error)
            continue
        yield Result(item.source, article=article)
