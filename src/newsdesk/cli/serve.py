"""``newsdesk serve``: the web pages and the JSON API over one database, in one process
(FastAPI on uvicorn). The web stack is imported only when the command runs."""

from __future__ import annotations

import ipaddress

import click

from newsdesk.errors import NewsdeskError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--db", default=None, metavar="PATH|URL",
              help="Database file, sqlite:/// URL or postgresql://USER:PASSWORD@HOST:PORT/DB "
                   "(default: $NEWSDESK_DB, else newsdesk.db here); it must exist (make one "
                   "with ingest or demo).")  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback: only this machine).")  # fmt: skip
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")  # fmt: skip
def serve_command(db: str | None, host: str, port: int) -> None:
    """Serve the search, article, speaker, entity and outlet pages and the JSON API
    (/api, documented at /docs) over the database.

    The read API is open unless NEWSDESK_READ_TOKEN is set; POST /api/pages (store a
    page or a URL) needs NEWSDESK_API_TOKEN as a bearer token and is off without it.
    """
    import uvicorn

    from newsdesk.web import WebConfig, create_app

    try:
        config = WebConfig.from_env()
        app = create_app(db or config.settings.db, config)
    except NewsdeskError as exc:
        raise click.ClickException(str(exc)) from exc
    if not is_loopback(host) and config.read_token is None:
        click.echo(
            f"newsdesk: warning: serving on {host} with the read API open to anyone who can "
            "reach it (set NEWSDESK_READ_TOKEN to require a token)",
            err=True,
        )
    uvicorn.run(app, host=host, port=port, server_header=False, date_header=True)


commands: list[click.Command] = [serve_command]
