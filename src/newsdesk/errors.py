"""Every error newsdesk raises on purpose.

::

    NewsdeskError                 base: catch this to handle anything newsdesk rejects
    ├── InputError                one input could not be used; names it (.source) and says why
    │   ├── UnreadableInput       missing, unreadable, a directory, truncated gzip, ...
    │   ├── EmptyInput            zero bytes, or nothing left once decoded
    │   ├── NoMainText            an HTML page in which no main text was found
    │   ├── InputTooLarge         over Settings.max_page_bytes
    │   ├── NotAPage              binary garbage, an image, a PDF: not HTML and not text
    │   └── FetchError            an HTTP fetch failed (refused, timed out, robots.txt, status)
    ├── ExtractionError           a stage failed on a page; names the stage and the input
    ├── StageSkipped              a stage cannot run on this page (a dependency is missing,
    │                             the page's language is not supported); names both, says why
    ├── ConfigError               a bad setting or data file; says which and how to fix it
    ├── StoreError                the database refused (locked, read-only, disk full, schema)
    └── OutputError               results could not be written (a missing folder, a full
                                  disk, a closed pipe); names the target (.target) and why

Every error carries ``hint`` (what to do about it, or ``None``) and shows it in its message.
The runner turns an ``InputError`` or ``ExtractionError`` into a per-input result and goes
on with the run, and records a ``StageSkipped`` in the article (``Article.skipped``); the
CLI turns any ``NewsdeskError`` into a one-line message and a non-zero exit.
"""

from __future__ import annotations


def _with_hint(message: str, hint: str | None) -> str:
    return f"{message} ({hint})" if hint else message


class NewsdeskError(Exception):
    """Base class of every error newsdesk raises on purpose."""

    hint: str | None = None


class InputError(NewsdeskError):
    """One input could not be used. ``source`` names it, ``reason`` says why."""

    def __init__(self, source: str, reason: str, hint: str | None = None) -> None:
        self.source = source
        self.reason = reason
        self.hint = hint
        super().__init__(_with_hint(f"{source}: {reason}", hint))


class UnreadableInput(InputError):
    pass


class EmptyInput(InputError):
    pass


class NoMainText(InputError):
    """An HTML page in which no main text was found (a front page, a login wall, a page
    built by scripts): there is no article to keep."""


class InputTooLarge(InputError):
    pass


class NotAPage(InputError):
    pass


class FetchError(InputError):
    pass


class ExtractionError(NewsdeskError):
    """A pipeline stage failed on one input (a bug on our side, or a page it cannot take)."""

    def __init__(self, source: str, stage: str, reason: str, hint: str | None = None) -> None:
        self.source = source
        self.stage = stage
        self.reason = reason
        self.hint = hint
        super().__init__(_with_hint(f"{source}: {stage} failed: {reason}", hint))


class StageSkipped(NewsdeskError):
    """A stage cannot run on this page; the article goes on without what it would add."""

    def __init__(self, source: str, stage: str, reason: str, hint: str | None = None) -> None:
        self.source = source
        self.stage = stage
        self.reason = reason
        self.hint = hint
        super().__init__(_with_hint(f"{source}: {stage} skipped: {reason}", hint))


class ConfigError(NewsdeskError):
    """A bad setting or data file; the message says which, ``hint`` how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.hint = hint
        super().__init__(_with_hint(message, hint))


class StoreError(NewsdeskError):
    """The database refused; the message names the database, ``hint`` what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.hint = hint
        super().__init__(_with_hint(message, hint))


class OutputError(NewsdeskError):
    """Results could not be written. ``target`` names where (a path, or "standard output"),
    ``reason`` says why; a file being replaced is left as it was."""

    def __init__(self, target: str, reason: str, hint: str | None = None) -> None:
        self.target = target
        self.reason = reason
        self.hint = hint
        super().__init__(_with_hint(f"cannot write {target}: {reason}", hint))
