"""Response headers that make the browser treat every page as hostile-text-safe, and the
API tokens.

Every response carries a Content-Security-Policy with scripts, styles, images and
fonts only from the app itself (no inline script, no CDN, no framing), ``nosniff``, no
referrer, and ``X-Frame-Options: DENY`` for old browsers. ``/docs`` (Swagger UI) alone
may use inline styles: its widgets set them; its script is still an external file.

Tokens travel as ``Authorization: Bearer <token>`` and are compared in constant time.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk.web._config import WebConfig

_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'{styles}; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
CSP = _POLICY.format(styles="")
DOCS_CSP = _POLICY.format(styles=" 'unsafe-inline'")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders:
    """ASGI middleware adding the headers above to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = policy
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


bearer = HTTPBearer(auto_error=False, description="the API token of this server")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def config_of(request: Request) -> WebConfig:
    config: WebConfig = request.app.state.config
    return config


def check_token(expected: str, given: HTTPAuthorizationCredentials | None) -> None:
    """Refuse (401) a missing or wrong token; the comparison takes the same time either way."""
    if given is None:
        raise HTTPException(401, "an API token is needed: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
    if not hmac.compare_digest(given.credentials.encode(), expected.encode()):
        raise HTTPException(401, "the API token is wrong", headers={"WWW-Authenticate": "Bearer"})


def read_access(request: Request, credentials: Credentials) -> None:
    """The read API is open unless the server was given a read token."""
    token = config_of(request).read_token
    if token is not None:
        check_token(token, credentials)


def write_access(request: Request, credentials: Credentials) -> None:
    """Storing pages needs the server's API token; with none set, nobody may."""
    token = config_of(request).api_token
    if token is None:
        raise HTTPException(
            403, "storing pages is off on this server: start it with NEWSDESK_API_TOKEN set"
        )
    check_token(token, credentials)
