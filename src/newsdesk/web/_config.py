"""The web app's configuration: one frozen value built at the edge (``serve`` or a test)
and passed to ``create_app``; ``from_env`` reads an injectable environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsdesk.errors import ConfigError
from newsdesk.settings import Settings

DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024  # bytes of one POST /api/pages body
MIN_TOKEN = 16  # characters: a shorter token is guessable


@dataclass(frozen=True, slots=True)
class WebConfig:
    """``api_token`` enables ``POST /api/pages`` (refused for everyone when None);
    ``read_token`` protects every ``GET /api/...`` too (open when None: fine on loopback);
    ``max_upload`` caps an upload's body; ``allow_private`` lets a URL to fetch point at
    private, loopback or link-local addresses (off: the same guard as ``ingest``)."""

    api_token: str | None = None
    read_token: str | None = None
    max_upload: int = DEFAULT_MAX_UPLOAD
    allow_private: bool = False
    settings: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        for name in ("api_token", "read_token"):
            token = getattr(self, name)
            if token is not None and (len(token) < MIN_TOKEN or not token.isprintable()):
                raise ConfigError(
                    f"{name}: a token must be at least {MIN_TOKEN} printable characters "
                    "(make one with: python -c 'import secrets; print(secrets.token_urlsafe())')"
                )
        if self.max_upload < 1:
            raise ConfigError(f"max_upload {self.max_upload} must be 1 byte or more")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WebConfig:
        """``NEWSDESK_API_TOKEN``, ``NEWSDESK_READ_TOKEN``, ``NEWSDESK_MAX_UPLOAD_BYTES``
        and the ``Settings`` variables; a bad value is a ``ConfigError`` naming it."""
        env = os.environ if environ is None else environ
        upload = env.get("NEWSDESK_MAX_UPLOAD_BYTES", str(DEFAULT_MAX_UPLOAD))
        try:
            max_upload = int(upload)
        except ValueError:
            raise ConfigError(
                f"NEWSDESK_MAX_UPLOAD_BYTES={upload!r} is not a whole number of bytes"
            ) from None
        return cls(
            api_token=env.get("NEWSDESK_API_TOKEN") or None,
            read_token=env.get("NEWSDESK_READ_TOKEN") or None,
            max_upload=max_upload,
            settings=Settings.from_env(env),
        )
