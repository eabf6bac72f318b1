"""One JSON envelope for every error the app answers, whatever raised it::

{"error": {"status": 404, "code": "not_found", "message": "...", "details": [...]}}

HTTPException (ours and Starlette's: 404 route, 405 method)  -> its status
RequestValidationError (a bad parameter or body)             -> 422, one detail each
StoreError: the input was refused (a bad date, cursor, text) -> 400
StoreError: the database failed (locked, corrupt, read-only) -> 503, no file names
InputError (an uploaded or fetched page was refused)         -> 422, with the reason
anything else                                                -> 500, logged, no trace
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from newsdesk.errors import InputError, NewsdeskError, StoreError
from newsdesk.web._models import ErrorBody, ErrorDetail, ErrorOut

log = logging.getLogger("newsdesk.web")
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
         422: "invalid", 500: "internal", 502: "bad_gateway", 503: "unavailable"}  # fmt: skip
DATABASE_FAILED = "database error"  # how the store's messages for database failures read


def envelope(
    status: int, message: str, details: list[ErrorDetail] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:  # fmt: skip
    code = CODES.get(status) or HTTPStatus(status).phrase.lower().replace(" ", "_")
    body = ErrorOut(error=ErrorBody(status=status, code=code, message=message,
                                    details=details or []))  # fmt: skip
    return JSONResponse(body.model_dump(mode="json"), status, headers=dict(headers or {}))


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    return envelope(exc.status_code, message, headers=exc.headers)


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [
        ErrorDetail(location=[p for p in e.get("loc", ()) if isinstance(p, str | int)],
                    message=str(e.get("msg", "invalid")))
        for e in exc.errors()
    ]  # fmt: skip
    where = ", ".join(".".join(map(str, d.location[1:] or d.location)) for d in details)
    return envelope(422, f"invalid request: {where or 'see details'}", details)


async def _newsdesk(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NewsdeskError)
    if isinstance(exc, StoreError) and DATABASE_FAILED in str(exc):
        log.error("database failure: %s", exc)
        return envelope(503, "the database could not answer; try again later")
    if isinstance(exc, InputError):
        return envelope(422, str(exc))
    if isinstance(exc, StoreError):
        return envelope(400, str(exc))
    log.error("refused: %s", exc)
    return envelope(500, "the request could not be completed")


async def _crash(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return envelope(500, "internal error: the server logged it")


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(NewsdeskError, _newsdesk)
    app.add_exception_handler(Exception, _crash)
