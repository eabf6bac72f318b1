"""``create_app``: the FastAPI application over one store: the JSON API (``/api``), its
OpenAPI schema (``/openapi.json``, browsed at ``/docs``), the HTML pages of ``_ui`` and
the static files, behind the security headers and one JSON error envelope."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsdesk.store import Store, open_store
from newsdesk.web import _api, _docs, _errors, _upload
from newsdesk.web._config import WebConfig
from newsdesk.web._security import SecurityHeaders

STATIC = Path(__file__).with_name("static")
# per connection: a 32 MiB page cache and reads through a 256 MiB memory map (a server
# reads the same index pages over and over; the default cache is 2 MiB)
PRAGMAS = {"cache_size": -32 * 1024, "mmap_size": 256 * 1024 * 1024}


def create_app(db: str | Path | Store, config: WebConfig | None = None) -> FastAPI:
    """The app over ``db``: a database path, ``sqlite:///`` or ``postgresql://`` URL
    (opened now, so a bad one fails here, and closed when the app shuts down; it must exist
    already; ``PRAGMAS`` apply to SQLite only), or an open ``Store`` (left open: the
    caller owns it). ``config``: tokens and limits (default:
    uploads off, read API open)."""
    from newsdesk.web._ui import router as ui_router

    owned = not isinstance(db, Store)
    store = open_store(db, PRAGMAS, create=False) if not isinstance(db, Store) else db

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if owned:
                store.close()

    app = FastAPI(
        title="newsdesk",
        summary="Who said what, where and when: articles, quotes, speakers and entities.",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.config = config or WebConfig()
    _errors.install(app)
    app.add_middleware(SecurityHeaders)
    app.include_router(_api.router)
    app.include_router(_upload.router)
    app.include_router(_docs.router)
    app.include_router(ui_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
