"""``POST /api/pages``: a page uploaded (HTML or text) or a URL to fetch, run through the
ingest runner (extract, analyze when installed) and stored.

The body is read only after the token check, and never past ``WebConfig.max_upload``
bytes (a larger Content-Length is refused before reading). A URL is fetched by the same
polite, SSRF-guarded fetcher as ``newsdesk ingest`` (private, loopback and link-local
addresses refused, redirects included, unless the server allows them).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from newsdesk.errors import InputError, NewsdeskError
from newsdesk.record import Page
from newsdesk.store import Store
from newsdesk.web import _models as m
from newsdesk.web._config import WebConfig
from newsdesk.web._security import config_of, write_access

KINDS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
URL = r"^https?://[^\x00-\x20\x7f]+$"


class PageIn(BaseModel):
    """Give ``content`` to upload a page (``url`` then only says where it came from), or
    only ``url`` to have the server fetch it."""

    url: str | None = Field(None, max_length=2000, pattern=URL)
    content: str | None = Field(None, description="the page's HTML or text")
    kind: Literal["auto", "html", "text"] = "auto"


BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": PageIn.model_json_schema()},
        "text/html": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
    },
}
ANSWERS: dict[int | str, dict[str, Any]] = {
    status: {"model": m.ErrorOut, "description": why}
    for status, why in (
        (401, "no API token, or a wrong one"),
        (403, "storing pages is off on this server (no API token set)"),
        (413, "the body is over the server's size cap"),
        (415, "a body that is not JSON, HTML or text"),
        (422, "the page or URL could not be used; the message says why"),
    )
}
router = APIRouter(prefix="/api")


@router.post(
    "/pages", status_code=201, response_model=m.StoredPageOut, responses=ANSWERS,
    dependencies=[Depends(write_access)], openapi_extra={"requestBody": BODY},
)  # fmt: skip
async def post_page(request: Request) -> m.StoredPageOut:
    """Store one page: a JSON ``{"content", "kind", "url"}`` or a raw ``text/html`` or
    ``text/plain`` body (``?url=`` names it) is uploaded; a JSON ``{"url"}`` alone is
    fetched. Needs ``Authorization: Bearer <API token>``."""
    config = config_of(request)
    body = await _read_capped(request, config.max_upload)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fetch, page = _page_of(media, body, request.query_params.get("url"))
    store: Store = request.app.state.store
    return await run_in_threadpool(_store_page, store, config, fetch, page)


async def _read_capped(request: Request, cap: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise HTTPException(413, f"the body is {declared} bytes, over the cap of {cap}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise HTTPException(413, f"the body is over the cap of {cap} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _page_of(media: str, body: bytes, url: str | None) -> tuple[str | None, Page | None]:
    """The URL to fetch, or the uploaded page."""
    if media in KINDS:
        return None, _uploaded(body, url, KINDS[media])
    if media != "application/json":
        raise HTTPException(415, f"send JSON, text/html or text/plain, not {media or 'nothing'!r}")
    try:
        given = PageIn.model_validate(json.loads(body))
    except (ValueError, ValidationError) as exc:
        raise HTTPException(422, f"the JSON body is not a page: {_first_error(exc)}") from None
    if given.content is None:
        if given.url is None:
            raise HTTPException(422, "give the page's content, or a url to fetch")
        return given.url, None
    return None, _uploaded(given.content.encode("utf-8"), given.url, given.kind)


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        return f"{'.'.join(map(str, first['loc'])) or 'body'}: {first['msg']}"
    return "not valid JSON"


def _uploaded(content: bytes, url: str | None, kind: str) -> Page:
    if not content.strip():
        raise HTTPException(422, "the page is empty")
    if url is not None and (len(url) > 2000 or not url.startswith(("http://", "https://"))):
        raise HTTPException(422, "url must be an http:// or https:// address")
    digest = hashlib.sha256(content).hexdigest()[:16]
    mode: Any = kind if kind in ("auto", "html", "text") else "auto"
    return Page(source=f"upload:{digest}", content=content, url=url, kind=mode)


def _store_page(
    store: Store, config: WebConfig, fetch: str | None, page: Page | None
) -> m.StoredPageOut:
    from newsdesk.sources import FetchOptions, iter_pages
    from newsdesk.store.ingest import ingest_pages

    pages: list[Page | InputError]
    if fetch is not None:
        options = FetchOptions(allow_private=config.allow_private)
        pages = list(iter_pages(["page:" + fetch], config.settings, options=options))
    else:
        assert page is not None
        pages = [page]
    if not pages:
        raise HTTPException(422, f"{fetch}: the server answered nothing new to store")
    first = pages[0]
    if isinstance(first, InputError):
        raise first
    (result,) = list(ingest_pages([first], store, config.settings))
    if result.error is not None or result.stored is None:
        raise result.error or NewsdeskError(f"{first.source}: could not be stored")
    found = store.page_article(first.content_hash)
    return m.StoredPageOut(
        source=first.source, outcome=result.stored,
        article_id=found[0] if found else None, cluster_id=found[1] if found else None,
    )  # fmt: skip
