"""The outlet registry: a data file mapping outlet names and domains to country, language,
time zone and date order. Bundled in ``data/outlets.json``; users add their own files
(``Settings.outlet_files`` / ``NEWSDESK_OUTLETS``), later files winning. An unknown outlet
gets no zone: newsdesk keeps the page's own offset or none, it never guesses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from newsdesk.errors import ConfigError
from newsdesk.settings import Settings


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str | None = None
    language: str | None = None
    timezone: str | None = None
    dayfirst: bool | None = None


@dataclass(frozen=True, slots=True)
class Registry:
    by_name: dict[str, Outlet]
    by_domain: dict[str, Outlet]

    def find(self, *, name: str | None = None, url: str | None = None) -> Outlet | None:
        """The outlet for a site name (or alias) or a URL's host (subdomains match)."""
        if url:
            host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
            parts = host.split(".")
            for i in range(len(parts) - 1):
                outlet = self.by_domain.get(".".join(parts[i:]))
                if outlet:
                    return outlet
        if name:
            return self.by_name.get(_fold(name))
        return None


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _parse(raw: str, origin: str) -> list[Outlet]:
    try:
        data = json.loads(raw)
        return [
            Outlet(
                name=o["name"],
                domains=tuple(d.lower().removeprefix("www.") for d in o.get("domains", [])),
                aliases=tuple(o.get("aliases", [])),
                country=o.get("country"),
                language=o.get("language"),
                timezone=o.get("timezone"),
                dayfirst=o.get("dayfirst"),
            )
            for o in data["outlets"]
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            f"outlet registry {origin} is not valid: {exc!r}; expected "
            '{"outlets": [{"name": ..., "domains": [...], "timezone": ...}]}'
        ) from exc


@lru_cache(maxsize=8)
def _load(extra_files: tuple[Path, ...]) -> Registry:
    bundled = resources.files("newsdesk.extract").joinpath("data/outlets.json").read_text("utf-8")
    outlets = _parse(bundled, "bundled outlets.json")
    for path in extra_files:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read outlet registry {path}: {exc}") from exc
        outlets += _parse(text, str(path))
    by_name: dict[str, Outlet] = {}
    by_domain: dict[str, Outlet] = {}
    for outlet in outlets:
        for name in (outlet.name, *outlet.aliases):
            by_name[_fold(name)] = outlet
        for domain in outlet.domains:
            by_domain[domain] = outlet
    return Registry(by_name, by_domain)


def registry(settings: Settings) -> Registry:
    """The registry for these settings (loaded once per distinct list of files)."""
    return _load(tuple(settings.outlet_files))
