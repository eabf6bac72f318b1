"""newsdesk: turn raw news pages into clean, structured, searchable records.

Everything a library user needs is importable from here (``__all__``). The records, errors,
settings and the pipeline's contract are plain Python; extraction (numpy, lxml), analysis
(spaCy), the store (SQLAlchemy, datasketch) and the fetchers (httpx) are imported the first
time one of their names is used, so ``import newsdesk`` stays fast.
"""

import importlib as _importlib
import sys as _sys
import types as _types
from typing import TYPE_CHECKING as _TYPE_CHECKING

from newsdesk.errors import (
    ConfigError,
    EmptyInput,
    ExtractionError,
    FetchError,
    InputError,
    InputTooLarge,
    NewsdeskError,
    NoMainText,
    NotAPage,
    StageSkipped,
    StoreError,
    UnreadableInput,
)
from newsdesk.pipeline import (
    ANALYZE,
    DEFAULT_STAGES,
    EXTRACT,
    PLAIN_TEXT,
    AnalyzeStage,
    ExtractStage,
    FirstStage,
    FunctionStage,
    PlainTextStage,
    Result,
    RunStats,
    Stage,
    StageCount,
    process_page,
    run,
)
from newsdesk.record import (
    Article,
    Block,
    Cue,
    Entity,
    Page,
    Quote,
    QuoteSpeaker,
    Skipped,
    Speaker,
)
from newsdesk.settings import Settings

if _TYPE_CHECKING:
    from newsdesk.analyze import analyze
    from newsdesk.extract import extract
    from newsdesk.sources import FetchOptions
    from newsdesk.store import Filters, Store, open_store
    from newsdesk.store.ingest import ingest

__all__ = [
    "ANALYZE",
    "DEFAULT_STAGES",
    "EXTRACT",
    "PLAIN_TEXT",
    "AnalyzeStage",
    "Article",
    "Block",
    "ConfigError",
    "Cue",
    "EmptyInput",
    "Entity",
    "ExtractStage",
    "ExtractionError",
    "FetchError",
    "FetchOptions",
    "Filters",
    "FirstStage",
    "FunctionStage",
    "InputError",
    "InputTooLarge",
    "NewsdeskError",
    "NoMainText",
    "NotAPage",
    "Page",
    "PlainTextStage",
    "Quote",
    "QuoteSpeaker",
    "Result",
    "RunStats",
    "Settings",
    "Skipped",
    "Speaker",
    "Stage",
    "StageCount",
    "StageSkipped",
    "Store",
    "StoreError",
    "UnreadableInput",
    "analyze",
    "extract",
    "ingest",
    "open_store",
    "process_page",
    "run",
]

# Names imported on first use, and the module that defines each.
_LAZY = {
    "extract": "newsdesk.extract",
    "analyze": "newsdesk.analyze",
    "FetchOptions": "newsdesk.sources",
    "Filters": "newsdesk.store",
    "Store": "newsdesk.store",
    "open_store": "newsdesk.store",
    "ingest": "newsdesk.store.ingest",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsdesk' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


class _Package(_types.ModuleType):
    """Importing the subpackage ``newsdesk.extract`` (or ``newsdesk.analyze``) sets it as an
    attribute of this package, which would hide the function of the same name; keep the
    function."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _LAZY and isinstance(value, _types.ModuleType):
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package
