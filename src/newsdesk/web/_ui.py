"""The HTML pages: search, article, speaker, entity and outlet, server-rendered.

``router`` is included by ``create_app``; each handler parses its input, reads the store
through its typed methods, turns the records into view records (``_views``) and renders
one template. Templates autoescape everything; no page needs JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel, Field

from newsdesk.errors import StoreError
from newsdesk.store import Filters, Store
from newsdesk.web import _views
from newsdesk.web._article_view import article_view
from newsdesk.web._links import query
from newsdesk.web._profile_views import entity_view, outlet_view, speaker_view
from newsdesk.web._security import read_access

PAGE_SIZE = 20
DATABASE_FAILED = "database error"  # how the store words a failure of the database itself
FACET_ROWS = 15
LANDING_ROWS = 10
API_NAMES = {"q": "text"}  # form field -> /api/export parameter, where they differ
TEMPLATES = Path(__file__).with_name("templates")
MAX_ID = 2**63 - 1
# Ids arrive as text: anything but a number in range is the page's own 404, not JSON.
ID = Annotated[str, PathParam(max_length=20)]

# The pages show what the read API shows: a server given a read token guards both.
router = APIRouter(
    include_in_schema=False,
    default_response_class=HTMLResponse,
    dependencies=[Depends(read_access)],
)
_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env.get_template(name).render(**context), status_code=status)


def not_found(what: str) -> HTMLResponse:
    return render("error.html", 404, title="Not found", message=f"No {what} here.")


def number(text: str) -> int | None:
    """A path's id: digits only, 1 to ``MAX_ID``; else None."""
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


# -- search ------------------------------------------------------------------------------


class SearchForm(BaseModel):
    """The search form's fields (all optional) and the page to show."""

    q: str = Field("", max_length=500)
    speaker: str = Field("", max_length=200)
    entity: str = Field("", max_length=200)
    site: str = Field("", max_length=200)
    language: str = Field("", max_length=20)
    since: str = Field("", max_length=20)
    until: str = Field("", max_length=20)
    cursor: str = Field("", max_length=2000)
    page: int = Field(1, ge=1, le=100_000)

    def params(self) -> dict[str, str]:
        """The filters (no paging) as query parameters."""
        return {name: getattr(self, name).strip() for name in FILTERS}

    @property
    def any(self) -> bool:
        return any(self.params().values())

    def filters(self, limit: int | None = PAGE_SIZE) -> Filters:
        v = {name: value or None for name, value in self.params().items()}
        return Filters(text=v["q"], speaker=v["speaker"], entity=v["entity"], site=v["site"],
                       language=v["language"], since=v["since"], until=v["until"],
                       limit=limit)  # fmt: skip


FILTERS = ("q", "speaker", "entity", "site", "language", "since", "until")


@dataclass(slots=True)
class SearchView:
    form: SearchForm
    searched: bool = False
    error: str | None = None
    summary: str = ""
    hits: list[_views.Hit] = field(default_factory=list)
    first: int = 1
    pager: _views.Pager = field(default_factory=lambda: _views.Pager(""))
    outlets: list[_views.Count] = field(default_factory=list)
    days: list[_views.Count] = field(default_factory=list)
    facet_note: str | None = None
    export_href: str | None = None
    export_csv_href: str | None = None
    export_quotes_href: str | None = None
    json_href: str | None = None


@router.get("/")
def search_page(request: Request, form: Annotated[SearchForm, Query()]) -> HTMLResponse:
    view = SearchView(form)
    store = _store(request)
    try:
        if form.any:
            _fill_results(view, store)
        else:
            _fill_landing(view, store)
    except StoreError as exc:
        if DATABASE_FAILED in str(exc):  # the server's fault: no file name on the page
            raise
        view.error = str(exc)
        view.searched = form.any
        return render("search.html", 400, v=view)
    return render("search.html", v=view)


def _fill_results(view: SearchView, store: Store) -> None:
    form = view.form
    f = form.filters()
    found = store.articles(f, form.cursor or None, _views.SNIPPET_MARKS)
    view.searched = True
    view.hits = [_views.hit(h) for h in found.items]
    view.first = (form.page - 1) * PAGE_SIZE + 1
    params = form.params()
    next_href = None
    if found.next_cursor:
        next_href = "/" + query({**params, "cursor": found.next_cursor, "page": form.page + 1})
    first_href = "/" + query(params) if form.page > 1 else None
    view.pager = _views.Pager(f"Page {form.page}", first_href, next_href)
    view.summary = _summary(len(view.hits), view.first, more=next_href is not None)
    facets = store.facets(f)
    view.outlets = [
        _views.Count(b.key, b.count, "/" + query({**params, "site": b.key, "cursor": ""}))
        for b in facets.outlets[:FACET_ROWS]
    ]
    view.days = [
        _views.Count(b.key, b.count, "/" + query({**params, "since": b.key, "until": b.key}))
        for b in facets.days[-FACET_ROWS:]
    ]
    view.facet_note = _facet_note(len(facets.days), facets.complete)
    api = _api_params(params)
    view.export_href = "/api/export" + query({**api, "format": "jsonl"})
    view.export_csv_href = "/api/export" + query({**api, "format": "csv"})
    view.export_quotes_href = "/api/export" + query({**api, "format": "csv", "per": "quote"})
    view.json_href = "/api/articles" + query({**api, "cursor": form.cursor, "facets": "true"})


def _facet_note(days: int, complete: bool) -> str | None:
    notes = [] if complete else ["Counted over the newest 5,000 matches."]
    if days > FACET_ROWS:
        notes.append(f"The latest {FACET_ROWS} of {days} days shown.")
    return " ".join(notes) or None


def _summary(shown: int, first: int, more: bool) -> str:
    if not shown:
        return "No articles match" if first == 1 else "No more articles"
    if first == 1 and not more:
        return f"{shown} article{'' if shown == 1 else 's'} found"
    return f"Articles {first} to {first + shown - 1}" + (", more on the next page" if more else "")


def _api_params(params: dict[str, str]) -> dict[str, str]:
    """The form's filters under the API's parameter names."""
    return {API_NAMES.get(name, name): value for name, value in params.items()}


def _fill_landing(view: SearchView, store: Store) -> None:
    """The newest articles: one indexed read whatever the size of the store (counts over
    the whole store, such as the most quoted speakers, take seconds at 100,000 articles)."""
    view.hits = [_views.hit(h) for h in store.articles(Filters(limit=LANDING_ROWS)).items]


# -- article, speaker, entity, outlet ----------------------------------------------------


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: ID) -> HTMLResponse:
    store = _store(request)
    ident = number(article_id)
    record = store.article(ident) if ident else None
    if record is None:
        return not_found(f"article {article_id}")
    cluster = store.cluster(record.cluster_id) if record.cluster_id is not None else None
    return render("article.html", a=article_view(record, cluster))


@router.get("/speakers/{speaker_id}")
def speaker_page(request: Request, speaker_id: ID) -> HTMLResponse:
    ident = number(speaker_id)
    profile = _store(request).speaker(ident) if ident else None
    if profile is None:
        return not_found(f"speaker {speaker_id}")
    return render("speaker.html", s=speaker_view(profile))


@router.get("/entities/{entity_id}")
def entity_page(request: Request, entity_id: ID) -> HTMLResponse:
    ident = number(entity_id)
    profile = _store(request).entity(ident) if ident else None
    if profile is None:
        return not_found(f"entity {entity_id}")
    return render("entity.html", e=entity_view(profile))


@router.get("/outlets/{name:path}")
def outlet_page(request: Request, name: Annotated[str, PathParam(max_length=300)]) -> HTMLResponse:
    profile = _store(request).outlet(name)
    if profile is None:
        return not_found(f"outlet named {name!r}")
    return render("outlet.html", o=outlet_view(profile))
