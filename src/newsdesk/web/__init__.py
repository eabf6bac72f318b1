"""The web application: a JSON API and HTML pages over one store, served by
``newsdesk serve`` (FastAPI on uvicorn)."""

from __future__ import annotations

from newsdesk.web._config import WebConfig
from newsdesk.web.app import create_app

__all__ = ["WebConfig", "create_app"]
