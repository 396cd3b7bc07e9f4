"""The web server's routes: ``/`` (the full-screen guide), ``/ws`` (its session),
``/static`` (textual-serve's script, styles and fonts), ``/guide`` and ``/subtypes`` (plain
HTML), and plain 400/404 pages for anything else."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib.resources import files
from pathlib import Path
from string import Template

from aiohttp import web

from mbc_tui.core.about import GUIDE_TITLE
from mbc_tui.core.content import Guide
from mbc_tui.core.subtypes import ReceptorStatus
from mbc_tui.ssh.messages import SERVER_FULL
from mbc_tui.web import pages
from mbc_tui.web.config import WebConfig
from mbc_tui.web.sessions import WebSessions

HTML = "text/html"
TERMINAL_PAGE = Template(files("mbc_tui.web").joinpath("terminal.html").read_text("utf-8"))
FONT_SIZE = 16
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # Only the guide's own host: scripts, styles, fonts and the session's websocket.
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'",
}

SESSIONS = web.AppKey("sessions", WebSessions)
"""The app's open full-screen sessions (for tests and benchmarks)."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def static_folder() -> Path:
    """textual-serve's own static files (its terminal script, styles and font files)."""
    return Path(str(files("textual_serve").joinpath("static")))


def make_web_app(config: WebConfig, guide: Guide) -> web.Application:
    sessions = WebSessions(config)
    guide_html = pages.guide_page(guide)
    terminal_html = TERMINAL_PAGE.substitute(title=GUIDE_TITLE, font_size=FONT_SIZE)

    async def terminal(request: web.Request) -> web.Response:
        _no_query(request)
        if sessions.full:
            return _html(pages.error_page(503, "Busy", SERVER_FULL), status=503)
        return _html(terminal_html)

    async def guide_page(request: web.Request) -> web.Response:
        _no_query(request)
        return _html(guide_html)

    async def subtypes(request: web.Request) -> web.Response:
        return _html(pages.subtypes_page(_status(request)))

    folder = static_folder().resolve()

    async def static_file(request: web.Request) -> web.FileResponse:
        """One of textual-serve's static files, or a 404 (also for any path outside them)."""
        path = (folder / request.match_info["name"]).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(path, headers=SECURITY_HEADERS)

    async def shut_down(_app: web.Application) -> None:
        await sessions.close_all()

    app = web.Application(middlewares=[_plain_errors])
    app.add_routes(
        [
            web.get(pages.TERMINAL_PATH, terminal),
            web.get("/ws", sessions.handle),
            web.get(pages.GUIDE_PATH, guide_page),
            web.get(pages.SUBTYPES_PATH, subtypes),
            web.get("/static/{name:.+}", static_file),
        ]
    )
    app.on_shutdown.append(shut_down)
    app[SESSIONS] = sessions
    return app


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, content_type=HTML, status=status, headers=SECURITY_HEADERS)


def _no_query(request: web.Request) -> None:
    if request.query:
        raise web.HTTPBadRequest(text="This page takes no query.")


def _status(request: web.Request) -> ReceptorStatus | None:
    """The results asked for, or ``None`` for the empty form; a 400 for anything else."""
    query = request.query
    if not query:
        return None
    names = ("er", "pr", "her2")
    unknown = sorted(set(query) - set(names))
    if unknown:
        raise web.HTTPBadRequest(text=f"Unknown field: {unknown[0]}. This form takes er, pr, her2.")
    values = []
    for name in names:
        value = pages.RESULT_VALUES.get(query.get(name, "unknown"))
        if value is None or len(query.getall(name, [])) > 1:
            raise web.HTTPBadRequest(text=f"{name}: use one of positive, negative or unknown.")
        values.append(value)
    return ReceptorStatus(*values)


@web.middleware
async def _plain_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every error as a plain page of the guide (a 404 for a path that does not exist)."""
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        text = error.text if error.text and not error.text.startswith(str(error.status)) else ""
        return _error(error.status, error.reason, text)


def _error(status: int, reason: str, detail: str) -> web.Response:
    detail = detail or ("There is no such page here." if status == 404 else reason)
    return _html(pages.error_page(status, reason, detail), status=status)
