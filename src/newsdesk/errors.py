"""Every error newsdesk raises on purpose.

::

    NewsdeskError                 base: catch this to handle anything newsdesk rejects
    ├── InputError                one input could not be used; names it (.source) and says why
    │   ├── UnreadableInput       missing, unreadable, a directory, truncated gzip, ...
    │   ├── EmptyInput            zero bytes, or nothing left once decoded
    │   ├── InputTooLarge         over Settings.max_page_bytes
    │   ├── NotAPage              binary garbage, an image, a PDF: not HTML and not text
    │   └── FetchError            an HTTP fetch failed (refused, timed out, robots.txt, status)
    ├── ExtractionError           a stage failed on a page; names the stage and the input
    ├── ConfigError               a bad setting or data file; says which and how to fix it
    └── StoreError                the database refused (locked, read-only, disk full, schema)

The runner turns an ``InputError`` into a per-input error record and goes on with the run;
the CLI turns any ``NewsdeskError`` into a one-line message and a non-zero exit.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class of every error newsdesk raises on purpose."""


class InputError(NewsdeskError):
    """One input could not be used. ``source`` names it, ``reason`` says why."""

    def __init__(self, source: str, reason: str, hint: str | None = None) -> None:
        self.source = source
        self.reason = reason
        self.hint = hint
        message = f"{source}: {reason}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class UnreadableInput(InputError):
    pass


class EmptyInput(InputError):
    pass


class InputTooLarge(InputError):
    pass


class NotAPage(InputError):
    pass


class FetchError(InputError):
    pass


class ExtractionError(NewsdeskError):
    """A pipeline stage failed on one input."""

    def __init__(self, source: str, stage: str, reason: str) -> None:
        self.source = source
        self.stage = stage
        self.reason = reason
        super().__init__(f"{source}: {stage} failed: {reason}")


class ConfigError(NewsdeskError):
    pass


class StoreError(NewsdeskError):
    pass
