"""The JSON API (``/api/...``): each endpoint parses its parameters, calls one ``Store``
method and returns its typed records as the response models of ``_models``.

Parameters are checked before they reach the store (dates, lengths, no control
characters, ids within SQLite's range); the store then binds them as SQL parameters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import chain
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field

from newsdesk.store import Filters, Store
from newsdesk.store.export import (
    COLUMNS,
    QUOTE_COLUMNS,
    article_rows,
    csv_lines,
    flat_quote,
    jsonl_lines,
    quote_dict,
)
from newsdesk.web import _models as m
from newsdesk.web._security import read_access

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"  # or empty: no filter
PLAIN = r"^[^\x00-\x1f\x7f]*$"  # no control characters
LANGUAGE = r"^([A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})?)?$"
CURSOR = r"^[A-Za-z0-9_-]*$"
MARKS = ("«", "»")
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": m.ErrorOut, "description": "a filter or cursor the store refused"},
    401: {"model": m.ErrorOut, "description": "a read token is set and was not given"},
    422: {"model": m.ErrorOut, "description": "a parameter is malformed"},
    503: {"model": m.ErrorOut, "description": "the database could not answer"},
}
MISSING: dict[int | str, dict[str, Any]] = {404: {"model": m.ErrorOut, "description": "no such id"}}

Id = Annotated[int, PathParam(ge=1, le=2**63 - 1)]


class ArticleParams(BaseModel):
    """The filters of ``newsdesk search`` (every one optional)."""

    text: str = Field("", max_length=500, pattern=PLAIN, description="words, all required")
    speaker: str = Field("", max_length=200, pattern=PLAIN, description="part of a name")
    entity: str = Field("", max_length=200, pattern=PLAIN, description="part of a name")
    site: str = Field("", max_length=200, pattern=PLAIN, description="outlet or web host")
    language: str = Field("", pattern=LANGUAGE, description="en, pt-BR, ...")
    since: str = Field("", pattern=DATE, description="2024, 2024-05 or 2024-05-20")
    until: str = Field("", pattern=DATE, description="2024, 2024-05 or 2024-05-20")
    all_copies: bool = Field(False, description="syndicated copies too")

    def filters(self, limit: int | None = None) -> Filters:
        return Filters(
            text=_or_none(self.text), speaker=_or_none(self.speaker),
            entity=_or_none(self.entity), site=_or_none(self.site),
            language=_or_none(self.language), since=_or_none(self.since),
            until=_or_none(self.until), all_copies=self.all_copies, limit=limit,
        )  # fmt: skip


class ArticlePage(ArticleParams):
    limit: int = Field(20, ge=1, le=100)
    cursor: str = Field("", max_length=2000, pattern=CURSOR, description="next_cursor")
    facets: bool = Field(False, description="add counts per outlet and per day")


class QuotePage(BaseModel):
    speaker: str = Field("", max_length=200, pattern=PLAIN, description="part of a name")
    about: str = Field("", max_length=200, pattern=PLAIN, description="an entity named")
    site: str = Field("", max_length=200, pattern=PLAIN, description="outlet or web host")
    since: str = Field("", pattern=DATE, description="2024, 2024-05 or 2024-05-20")
    until: str = Field("", pattern=DATE, description="2024, 2024-05 or 2024-05-20")
    text: str = Field("", max_length=500, pattern=PLAIN, description="words of the quote")
    all_copies: bool = False
    limit: int = Field(20, ge=1, le=100)
    cursor: str = Field("", max_length=2000, pattern=CURSOR, description="next_cursor")


class SpeakerQuery(ArticleParams):
    name: str = Field("", max_length=200, pattern=PLAIN, description="part of the name")
    limit: int = Field(20, ge=1, le=1000)


class EntityQuery(SpeakerQuery):
    label: str = Field("", pattern=r"^[A-Za-z_]{0,20}$", description="PERSON, ORG, GPE, ...")


class ExportQuery(ArticleParams):
    about: str = Field("", max_length=200, pattern=PLAIN, description="quotes: an entity named")
    format: Literal["jsonl", "csv"] = "jsonl"
    per: Literal["article", "quote"] = "article"


router = APIRouter(prefix="/api", dependencies=[Depends(read_access)], responses=ERRORS)


def json_response(model: BaseModel) -> Response:
    """The model as JSON, serialised once (``response_model`` then only documents it:
    FastAPI does not validate a ``Response`` again)."""
    return Response(model.model_dump_json(), media_type="application/json")


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(store_of)]


def _or_none(value: str) -> str | None:
    return value.strip() or None


@router.get("/articles", response_model=m.ArticleListOut)
def list_articles(store: StoreDep, q: Annotated[ArticlePage, Query()]) -> Response:
    """Articles matching the filters: with ``text``, best first (BM25, among the newest
    2,000 matches) with highlighted snippets; without, newest published first. Follow
    ``next_cursor`` for the next page; ``facets=true`` adds counts per outlet and day."""
    f = q.filters(q.limit)
    page = store.articles(f, q.cursor or None, MARKS)
    counts = m.FacetsOut.model_validate(store.facets(f)) if q.facets else None
    items = [m.ArticleHitOut.model_validate(h) for h in page.items]
    return json_response(m.ArticleListOut(items=items, next_cursor=page.next_cursor, facets=counts))


@router.get("/articles/{article_id}", response_model=m.ArticleOut, responses=MISSING)
def get_article(store: StoreDep, article_id: Id) -> Response:
    """One article (any stored version) with its quotes, speakers and entities."""
    record = store.article(article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id}")
    return json_response(m.ArticleOut.of(record))


@router.get("/quotes", response_model=m.QuoteListOut)
def list_quotes(store: StoreDep, q: Annotated[QuotePage, Query()]) -> Response:
    """Quotes, newest first: by a speaker (part of the name), about an entity (named in
    the quote), from an outlet, between dates, holding words."""
    f = Filters(
        speaker=_or_none(q.speaker), about=_or_none(q.about), site=_or_none(q.site),
        since=_or_none(q.since), until=_or_none(q.until), text=_or_none(q.text),
        all_copies=q.all_copies, limit=q.limit,
    )  # fmt: skip
    page = store.quote_page(f, q.cursor or None)
    items = [m.QuoteOut.model_validate(r) for r in page.items]
    return json_response(m.QuoteListOut(items=items, next_cursor=page.next_cursor))


@router.get("/speakers", response_model=m.SpeakerListOut)
def list_speakers(store: StoreDep, q: Annotated[SpeakerQuery, Query()]) -> Response:
    """The most-quoted speakers in the articles matching the filters (``name``: part of
    the speaker's name), with quote and article counts."""
    f = replace(q.filters(q.limit), speaker=_or_none(q.name), text=None)
    return json_response(
        m.SpeakerListOut(items=[m.SpeakerOut.model_validate(s) for s in store.speakers(f)])
    )


@router.get("/speakers/{speaker_id}", response_model=m.SpeakerProfileOut, responses=MISSING)
def get_speaker(store: StoreDep, speaker_id: Id) -> Response:
    """A speaker: names and spellings, titles and organisations seen, quote counts per
    day and ISO week, the newest quotes, the entities named in their quotes."""
    profile = store.speaker(speaker_id)
    if profile is None:
        raise HTTPException(404, f"no speaker {speaker_id}")
    return json_response(m.SpeakerProfileOut.model_validate(profile))


@router.get("/entities", response_model=m.EntityListOut)
def list_entities(store: StoreDep, q: Annotated[EntityQuery, Query()]) -> Response:
    """The most-mentioned entities (``name``: part of it; ``label``: PERSON, ORG, ...)."""
    f = replace(q.filters(q.limit), entity=_or_none(q.name), label=_or_none(q.label), text=None)
    return json_response(
        m.EntityListOut(items=[m.EntityOut.model_validate(e) for e in store.entities(f)])
    )


@router.get("/entities/{entity_id}", response_model=m.EntityProfileOut, responses=MISSING)
def get_entity(store: StoreDep, entity_id: Id) -> Response:
    """An entity: article counts per day and week, who names it, quotes and articles."""
    profile = store.entity(entity_id)
    if profile is None:
        raise HTTPException(404, f"no entity {entity_id}")
    return json_response(m.EntityProfileOut.model_validate(profile))


@router.get("/clusters/{cluster_id}", response_model=m.ClusterOut, responses=MISSING)
def get_cluster(store: StoreDep, cluster_id: Id) -> Response:
    """The syndicated copies of one story, canonical copy first."""
    cluster = store.cluster(cluster_id)
    if cluster is None:
        raise HTTPException(404, f"no cluster {cluster_id}")
    return json_response(m.ClusterOut.model_validate(cluster))


EXPORTED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "every matching row, streamed (no cap)",
        "content": {"application/x-ndjson": {"schema": {"type": "string"}},
                    "text/csv": {"schema": {"type": "string"}}},
    }
}  # fmt: skip
MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}


@router.get("/export", response_class=StreamingResponse, responses=EXPORTED)
def export(store: StoreDep, q: Annotated[ExportQuery, Query()]) -> StreamingResponse:
    """Every matching article (``per=article``: the full record) or quote (``per=quote``)
    as JSON lines or CSV, streamed by chunks: no cap on the number of rows. For quotes,
    ``text`` is words of the quote, ``speaker`` its speaker and ``about`` an entity it
    names; the other filters select their articles."""
    f = q.filters()
    fmt, per = q.format, q.per
    if per == "quote":
        quotes = store.iter_quotes(replace(f, about=_or_none(q.about)))
        rows = _started(quotes)
        dicts: Iterator[dict[str, Any]] = (
            quote_dict(r) if fmt == "jsonl" else flat_quote(r) for r in rows
        )
        columns = QUOTE_COLUMNS
    else:
        articles = _started(store.iter_articles(f))
        dicts = article_rows(articles, flat=fmt == "csv")
        columns = COLUMNS
    lines = jsonl_lines(dicts) if fmt == "jsonl" else csv_lines(dicts, columns)
    name = f"newsdesk-{per}s.{fmt}"
    return StreamingResponse(
        lines, media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )  # fmt: skip


def _started(rows: Iterator[Any]) -> Iterator[Any]:
    """``rows`` with its first item read now, so a refused filter is an error response
    before the stream starts rather than a cut stream."""
    first = next(rows, None)
    return rows if first is None else chain([first], rows)
