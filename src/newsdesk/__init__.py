"""newsdesk: turn raw news pages into clean, structured, searchable records."""

from __future__ import annotations

from newsdesk.errors import (
    ConfigError,
    EmptyInput,
    ExtractionError,
    FetchError,
    InputError,
    InputTooLarge,
    NewsdeskError,
    NotAPage,
    StoreError,
    UnreadableInput,
)
from newsdesk.extract import extract
from newsdesk.pipeline import Result, process_page, run
from newsdesk.record import Article, Block, Cue, Entity, Page, Quote, QuoteSpeaker, Speaker
from newsdesk.settings import Settings

__all__ = [
    "Article",
    "Block",
    "ConfigError",
    "Cue",
    "EmptyInput",
    "Entity",
    "ExtractionError",
    "FetchError",
    "InputError",
    "InputTooLarge",
    "NewsdeskError",
    "NotAPage",
    "Page",
    "Quote",
    "QuoteSpeaker",
    "Result",
    "Settings",
    "Speaker",
    "StoreError",
    "UnreadableInput",
    "extract",
    "process_page",
    "run",
]
