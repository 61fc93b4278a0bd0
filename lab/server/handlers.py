"""HTTP handlers of the OrderLens server extension: the Ask page and ``/orderlens/api/...``.

Why thin: every handler parses the request strictly (:mod:`lab.server.payload`), calls
:class:`lab.server.service.AskService` in a worker thread (the question engine and DuckDB block)
and writes JSON; any error it raises becomes ``{"error": message}`` with its HTTP status in one
``write_error`` (:func:`lab.server.errors.http_status_of`), and only a bug is a 500.

Access: every verb is ``@authorized`` on an OrderLens resource (``orderlens`` for asking and
reading, ``orderlens.decisions`` for a planner's decision), so the server's Authorizer decides
by role (:mod:`lab.server.auth`); a request without credentials is refused by jupyter_server
(API: 403; page: the sign-in page). POSTs also pass Jupyter's XSRF check unless they
authenticate with an ``Authorization: token ...`` header. Bodies are streamed so that their
size is checked before a byte is read: anything over :data:`MAX_BODY_BYTES` is refused (413).
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import mimetypes
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

import tornado.httputil
import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from jupyter_server.utils import url_path_join

from lab.server.auth import set_orderlens_headers
from lab.server.busy import InFlight, cap_key
from lab.server.errors import BadRequest, PayloadTooLarge, http_status_of
from lab.server.payload import (
    MAX_BODY_BYTES,
    MAX_COMMENT_CHARS,
    bool_field,
    choice_field,
    date_field,
    known_fields,
    parse_json_object,
    text_field,
    text_list_field,
)
from lab.server.presentation import EXPORT_TYPES, export_table
from lab.server.redact import redact_paths
from lab.server.saved import MAX_CONVERSATION
from lab.server.service import AskService
from lab.server.users import Role
from nl2sql.chart_specs import CHART_KINDS
from nl2sql.options import ENGINES, MAX_QUESTION_CHARS

log = logging.getLogger("orderlens.server")

#: Used where the app registered no cap (a handler mounted by another app, older tests).
_NO_CAP = InFlight(limit=0)
#: Files the page may load; the sanitizer is vendored with its version in the file name.
STATIC_FILES = re.compile(
    r"^(app\.js|personal\.js|planning\.js|app\.css|personal\.css|index\.html"
    r"|vendor/purify-\d+\.\d+\.\d+\.min\.js)$"
)
#: Resource names the Authorizer sees (:data:`lab.server.auth.RESOURCE_ROLES`).
ASK_RESOURCE = "orderlens"
RECOMMENDATIONS_RESOURCE = "orderlens.recommendations"
DECIDE_RESOURCE = "orderlens.decisions"
#: The keys each answering route reads; any other key is a 400 naming it, never ignored (a
#: misspelt ``"todya"`` would otherwise answer for the server's today without a word).
ASK_FIELDS = ("question", "engine", "today", "chart_svg", "context", "earlier")
CHART_FIELDS = ("question", "engine", "today", "context", "kind")
EXPORT_FIELDS = ("question", "engine", "today", "context", "format")


class Decision(StrEnum):
    """What a planner may decide about a shipping-window recommendation."""

    ACCEPT = "accept"
    REJECT = "reject"


def _static_text(name: str) -> str:
    return resources.files("lab.server").joinpath("static", *name.split("/")).read_text("utf-8")


if TYPE_CHECKING:
    # The mixin extends JupyterHandler methods (``super().set_default_headers()``, ...): the
    # type checker sees it as one; at run time it is a plain mixin in front of the handler.
    _HandlerBase = JupyterHandler
else:
    _HandlerBase = object


class _OrderLensMixin(ExtensionHandlerMixin, _HandlerBase):
    """Access to the per-server service and worker pool stored in the web app settings."""

    auth_resource = ASK_RESOURCE
    #: Open to every role (:data:`lab.server.auth.ORDERLENS_ROUTE`); each verb still asks the
    #: Authorizer about :attr:`auth_resource`.
    orderlens_route: ClassVar[bool] = True

    def set_default_headers(self) -> None:
        """Jupyter's headers plus :data:`~lab.server.auth.ORDERLENS_HEADERS`."""
        super().set_default_headers()
        set_orderlens_headers(self)

    def set_cors_headers(self) -> None:
        """CORS only as the operator configured it (``allow_origin`` / ``allow_origin_pat``).

        Why: Jupyter answers any token-authenticated request with
        ``Access-Control-Allow-Origin: <the caller's Origin>``, so any web page holding a
        token could read answers from a browser; OrderLens routes are for the Ask page itself.
        """
        if self.allow_origin or self.allow_origin_pat:
            super().set_cors_headers()

    @property
    def service(self) -> AskService:
        return self.settings["orderlens_service"]

    @property
    def executor(self) -> ThreadPoolExecutor:
        return self.settings["orderlens_executor"]

    async def in_worker(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run ``fn`` in a worker thread, counted against this person's cap
        (:func:`lab.server.busy.cap_key`: a named user anywhere, the shared token per address;
        one more than allowed is a 429, never queued)."""
        loop = asyncio.get_running_loop()
        key = cap_key(
            self.user_name() or "",
            bool(getattr(self.current_user, "named", True)),
            self.request.remote_ip or "",
        )
        with self.in_flight.hold(key):
            return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    @property
    def in_flight(self) -> InFlight:
        """Requests in the workers per person; no cap where the app set none."""
        cap = self.settings.get("orderlens_in_flight")
        return cap if isinstance(cap, InFlight) else _NO_CAP

    def user_name(self) -> str | None:
        """The signed-in user's name (a named user's, or the server token's user name)."""
        user = self.current_user
        return getattr(user, "username", None) or getattr(user, "name", None) or None


#: The Ask page's own scripts and styles only: no inline or foreign script, no plugin, no
#: ``<base>`` rewrite, forms post back here. Inline *styles* stay allowed because the server's
#: SVG charts and order cards carry style attributes (both pass DOMPurify first). Appended to
#: Jupyter's ``frame-ancestors``/``report-uri`` policy; a ``headers`` setting overrides all.
ASK_PAGE_CSP = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)


class AskPageHandler(_OrderLensMixin, JupyterHandler):
    """``GET /orderlens/``: the Ask page (static HTML; data comes from the API)."""

    @property
    def content_security_policy(self) -> str:
        """Jupyter's policy plus :data:`ASK_PAGE_CSP` (an injected script would not run)."""
        if "Content-Security-Policy" in self.settings.get("headers", {}):
            return str(super().content_security_policy)  # the operator's own policy wins
        return "; ".join([str(super().content_security_policy), *ASK_PAGE_CSP])

    @tornado.web.authenticated
    @authorized
    def get(self) -> None:
        _ = self.xsrf_token  # sets the _xsrf cookie the page's JS echoes in X-XSRFToken
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(_static_text("index.html"))


class AskPageRedirectHandler(_OrderLensMixin, JupyterHandler):
    """``GET /orderlens`` -> ``/orderlens/`` so the page's relative URLs resolve."""

    @tornado.web.authenticated
    @authorized
    def get(self) -> None:
        self.redirect(url_path_join(self.base_url, "orderlens") + "/")


class StaticFileHandler(_OrderLensMixin, JupyterHandler):
    """``GET /orderlens/static/<file>``: the page's JS and CSS, from the installed package."""

    @tornado.web.authenticated
    @authorized
    def get(self, name: str) -> None:
        if not STATIC_FILES.match(name):
            raise tornado.web.HTTPError(404)
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        self.set_header("Content-Type", f"{ctype}; charset=utf-8")
        self.finish(_static_text(name))


@tornado.web.stream_request_body
class _JSONHandler(_OrderLensMixin, APIHandler):
    """JSON in and out; bodies capped before they are read; one ``write_error`` for all."""

    # APIHandler.prepare drops JupyterHandler's private ``_redirect_to_login`` keyword (with
    # the same ignore upstream); this override keeps APIHandler's signature, the one it calls.
    async def prepare(self) -> None:  # type: ignore[override]
        """Authenticate (jupyter_server), then refuse an oversized body before reading it."""
        self._body = bytearray()
        await super().prepare()
        if self.request.method in ("POST", "PUT", "PATCH"):
            if not self.current_user:  # refused before the body is read, whatever the config
                raise tornado.web.HTTPError(403, "sign in first: this route needs a token")
            declared = self.request.headers.get("Content-Length")
            if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
                raise PayloadTooLarge(
                    f"the body is {declared} bytes; OrderLens routes accept at most "
                    f"{MAX_BODY_BYTES} bytes"
                )
            connection = self.request.connection
            if connection is not None and hasattr(connection, "set_max_body_size"):
                connection.set_max_body_size(MAX_BODY_BYTES)  # chunked bodies are cut too

    def check_xsrf_cookie(self) -> None:
        """Jupyter's XSRF check, refusing with a message that names the method and the fix.

        Why: tornado's own message says "'_xsrf' argument missing from POST" for a PATCH or a
        DELETE too, and names a form field a JSON client never sends.
        """
        try:
            super().check_xsrf_cookie()
        except tornado.web.HTTPError as exc:
            if exc.status_code != 403 or self.request.method in ("GET", "HEAD"):
                raise
            raise tornado.web.HTTPError(
                403,
                f"this {self.request.method} has no valid XSRF token: send the _xsrf cookie's "
                "value in an X-XSRFToken header (the Ask page does), or authenticate with an "
                "'Authorization: token ...' header instead of the sign-in cookie",
            ) from None

    def data_received(self, chunk: bytes) -> None:
        """Collect the (already size-checked) body as it streams in."""
        if len(self._body) + len(chunk) > MAX_BODY_BYTES:
            raise PayloadTooLarge(f"the body is over {MAX_BODY_BYTES} bytes")
        self._body.extend(chunk)

    def json_object(self, fields: Iterable[str] | None = None) -> dict[str, Any]:
        """The body as a strictly parsed JSON object (400 naming what is wrong otherwise).

        With ``fields``, any other key is refused with a 400 naming it (see
        :func:`~lab.server.payload.known_fields`); routes whose page sends exactly those keys
        pass them.
        """
        data = parse_json_object(bytes(self._body))
        return data if fields is None else known_fields(data, fields)

    def write_json(self, status: int, body: Any) -> None:
        """``body`` as JSON; an error a business user gets names no server path (the log
        keeps the full message: :mod:`lab.server.redact`)."""
        error = body.get("error") if status >= 400 and isinstance(body, dict) else None
        # the user as already authenticated: asking ``current_user`` here would authenticate
        # again inside write_error (a throttled token's 429 turned into an empty 200)
        user = getattr(self, "_current_user", None)
        if isinstance(error, str) and getattr(user, "role", None) != Role.ANALYST:
            shown = redact_paths(error)
            if shown != error:
                log.warning("OrderLens: %s %s -> %s: %s", self.request.method,
                            self.request.path, status, error)  # fmt: skip
                body = {**body, "error": shown}
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(body, ensure_ascii=False, default=str))

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """Errors meant for the user are one log line; only bugs get a traceback."""
        if value is not None and http_status_of(value) is not None:
            log.info("OrderLens: %s %s -> %s", self.request.method, self.request.path, value)
        else:
            super().log_exception(typ, value, tb)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """``{"error": message}`` with the error's own status; a bug's details stay in the log."""
        exc = (kwargs.get("exc_info") or (None, None, None))[1]
        mapped = http_status_of(exc) if exc is not None else None
        if mapped is not None:
            status, message = mapped, str(exc)
        elif isinstance(exc, tornado.web.HTTPError):
            status = exc.status_code
            message = http_error_text(exc) or tornado.httputil.responses.get(status, "")
        else:
            status, message = 500, "internal error; the server log has the details"
        self.clear()
        retry_after = getattr(exc, "retry_after_s", None)
        if isinstance(retry_after, int):  # a 429 of the per-user cap says when to try again
            self.set_header("Retry-After", str(retry_after))
        self.write_json(status, {"error": message})


def http_error_text(exc: tornado.web.HTTPError) -> str:
    """The message an :class:`~tornado.web.HTTPError` was raised with, as it was written.

    Why not ``exc.log_message``: tornado doubles every ``%`` of a message raised without format
    arguments (for its logger), so a 404 naming the path ``/orderlens/api/..%2fetc`` told the
    client ``..%%2Fetc``, a path it never sent.

    >>> http_error_text(tornado.web.HTTPError(404, "no route /a%2fb"))
    'no route /a%2fb'
    >>> http_error_text(tornado.web.HTTPError(403))
    'Forbidden'
    """
    get_message = getattr(exc, "get_message", None)  # tornado >= 6.5
    if callable(get_message):
        text = get_message()
    elif exc.log_message and exc.args:
        text = exc.log_message % exc.args
    else:
        text = (exc.log_message or "").replace("%%", "%")
    return text or exc.reason or tornado.httputil.responses.get(exc.status_code, "")


def context_field(data: dict[str, Any]) -> dict[str, Any] | None:
    """The previous answer's ``followup_context`` (``{"question": str, "query": {...}}``)."""
    value = data.get("context")
    if value is None:
        return None
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("question"), str)
        or not isinstance(value.get("query"), dict)
    ):
        raise BadRequest(
            '"context" must be the previous answer\'s "followup_context" object '
            '({"question": "...", "query": {...}}), or left out for a new question'
        )
    return value


class AskHandler(_JSONHandler):
    """``POST /orderlens/api/ask`` with ``{"question", "engine"?, "today"?, "chart_svg"?,
    "context"?, "earlier"?}`` (``context``: the previous answer's ``followup_context``, for a
    follow-up; ``earlier``: the questions before this one, from a share link or a saved
    question, answered in this one request, :meth:`AskService.ask_conversation`).

    200: CLI-contract JSON + ``question``, ``engine``, ``timings``, ``chart_svg``, ``chart_note``.
    422: the engine refused or the query failed: ``{"error", "suggestions", "refused"}``.
    400: the request itself is malformed (no question, unknown engine, ``"chart_svg": "false"``,
    a key not in :data:`ASK_FIELDS`).
    """

    @tornado.web.authenticated
    @authorized
    async def post(self) -> None:
        payload = self.json_object(fields=ASK_FIELDS)
        question = text_field(payload, "question", max_chars=MAX_QUESTION_CHARS, required=True)
        engine = choice_field(payload, "engine", ENGINES)
        today = date_field(payload, "today")
        chart_svg = bool_field(payload, "chart_svg")
        earlier = text_list_field(
            payload, "earlier", max_items=MAX_CONVERSATION - 1, max_chars=MAX_QUESTION_CHARS
        )
        if earlier is not None:
            if "context" in payload:
                raise BadRequest(
                    'send "earlier" (the questions before this one, from a share link) or '
                    '"context" (the previous answer\'s followup_context), not both'
                )
            status, body = await self.in_worker(
                self.service.ask_conversation,
                [*earlier, question],
                engine=engine,
                today=today,
                user=self.user_name(),
                chart_svg=chart_svg,
            )
            self.write_json(status, body)
            return
        status, body = await self.in_worker(
            self.service.ask,
            question,
            engine=engine,
            today=today,
            user=self.user_name(),
            chart_svg=chart_svg,
            context=context_field(payload),
        )
        self.write_json(status, body)


class ChartHandler(_JSONHandler):
    """``POST /orderlens/api/chart`` with ``{"question", "context"?, "today"?, "engine"?,
    "kind"}``: the answer's chart as another kind (bar / line / scatter / heatmap / number), for
    the page's chart-type switch. The answer comes from the answer cache; no history entry is
    added. Any key not in :data:`CHART_FIELDS` is a 400.
    """

    @tornado.web.authenticated
    @authorized
    async def post(self) -> None:
        payload = self.json_object(fields=CHART_FIELDS)
        question = text_field(payload, "question", max_chars=MAX_QUESTION_CHARS, required=True)
        kind = choice_field(payload, "kind", CHART_KINDS)
        if kind is None:
            raise BadRequest(f'send "kind": one of {", ".join(CHART_KINDS)}')
        status, body = await self.in_worker(
            self.service.chart,
            question,
            kind,
            engine=choice_field(payload, "engine", ENGINES),
            today=date_field(payload, "today"),
            context=context_field(payload),
        )
        self.write_json(status, body)


class ExportHandler(_JSONHandler):
    """``POST /orderlens/api/export`` with ``{"question", "context"?, "today"?, "engine"?,
    "format"}``: the answer's table as a CSV or Excel download (headers in the question's
    language). Any key not in :data:`EXPORT_FIELDS` is a 400.

    The answer comes from the server's answer cache when the page just showed it; an export
    adds no history entry. 422 when the question cannot be answered (JSON, like ``/ask``).
    """

    @tornado.web.authenticated
    @authorized
    async def post(self) -> None:
        payload = self.json_object(fields=EXPORT_FIELDS)
        question = text_field(payload, "question", max_chars=MAX_QUESTION_CHARS, required=True)
        fmt = choice_field(payload, "format", EXPORT_TYPES) or "csv"
        status, body = await self.in_worker(
            self.service.ask,
            question,
            engine=choice_field(payload, "engine", ENGINES),
            today=date_field(payload, "today"),
            user=self.user_name(),
            chart_svg=False,
            context=context_field(payload),
            record=False,
        )
        if status != 200:
            self.write_json(status, body)
            return
        meta = body.get("column_meta") or []
        headers = [m["label"] for m in meta] or body["columns"]
        formats = [m["format"] for m in meta] or None
        grains = [m.get("grain") for m in meta] or None
        data = export_table(headers, body["rows"], fmt, formats, grains)
        self.set_header("Content-Disposition", f'attachment; filename="orderlens-answer.{fmt}"')
        # APIHandler.finish labels every body application/json unless told otherwise: a CSV
        # or workbook sent as JSON (until session 13) opened as text, or not at all, when
        # saved or handed on by anything that trusts the header
        self.finish(data, set_content_type=EXPORT_TYPES[fmt])


class CatalogHandler(_JSONHandler):
    """``GET /orderlens/api/catalog``: metrics, dimensions (with values), example questions."""

    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        self.write_json(200, await self.in_worker(self.service.catalog))


class HistoryHandler(_JSONHandler):
    """``GET /orderlens/api/history?limit=N``: the signed-in user's last questions, newest first."""

    @tornado.web.authenticated
    @authorized
    def get(self) -> None:
        try:
            limit = int(self.get_argument("limit", "20"))
        except ValueError:
            raise BadRequest("limit must be an integer, e.g. ?limit=20") from None
        rows = self.service.history.latest(max(0, min(limit, 200)), user=self.user_name())
        self.write_json(200, {"history": rows})


class RecommendationsHandler(_JSONHandler):
    """``GET /orderlens/api/recommendations?status=proposed``: shipping-window proposals.

    Planners and analysts only (least privilege: the ask role has no use for them).
    """

    auth_resource = RECOMMENDATIONS_RESOURCE

    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        status = self.get_argument("status", None) or None
        rows = await self.in_worker(self.service.recommendations, status)
        self.write_json(200, {"recommendations": rows})


class DecisionHandler(_JSONHandler):
    """``POST /orderlens/api/recommendations/<id>`` with ``{"decision", "comment", "force"?}``.

    Planners and analysts only (resource ``orderlens.decisions``). The reviewer is the signed-in
    user, never a field of the body. 200 returns the updated recommendation; 400 bad decision /
    missing comment / mistyped field, 403 role, 404 unknown id, 409 already decided (send
    ``"force": true`` with a comment) or expired.
    """

    auth_resource = DECIDE_RESOURCE

    @tornado.web.authenticated
    @authorized
    async def post(self, recommendation_id: str) -> None:
        payload = self.json_object(fields=("decision", "comment", "force"))
        decision = choice_field(payload, "decision", [d.value for d in Decision])
        if decision is None:
            raise BadRequest('send {"decision": "accept" | "reject", "comment": "..."}')
        comment = text_field(payload, "comment", max_chars=MAX_COMMENT_CHARS, required=False)
        force = bool_field(payload, "force") or False
        row = await self.in_worker(
            self.service.decide,
            recommendation_id,
            decision,
            self.user_name() or "jupyter",
            comment or "",
            force=force,
        )
        self.write_json(200, {"recommendation": row})


class UnknownRouteHandler(_JSONHandler):
    """Any other ``/orderlens/api/...`` path: a JSON 404 naming it (Jupyter's would be HTML).

    Registered after every OrderLens route (:data:`UNKNOWN_API_ROUTE`), so it only sees paths
    no route matched; the caller must still be signed in (403 otherwise, as elsewhere).
    """

    def _missing(self) -> None:
        raise tornado.web.HTTPError(
            404,
            f"no OrderLens API route {self.request.method} {self.request.path}: the page's "
            "routes are under /orderlens/api/ (ask, chart, export, catalog, history, me, saved, "
            "feedback, recommendations)",
        )

    @tornado.web.authenticated
    @authorized
    def get(self, *_: str) -> None:
        self._missing()

    @tornado.web.authenticated
    @authorized
    def post(self, *_: str) -> None:
        self._missing()

    @tornado.web.authenticated
    @authorized
    def put(self, *_: str) -> None:
        self._missing()

    @tornado.web.authenticated
    @authorized
    def patch(self, *_: str) -> None:
        self._missing()

    @tornado.web.authenticated
    @authorized
    def delete(self, *_: str) -> None:
        self._missing()


#: The catch-all for unknown API paths; :mod:`lab.server.app` registers it last.
UNKNOWN_API_ROUTE = (url_path_join("orderlens", "api", "(.*)"), UnknownRouteHandler)


def url_patterns() -> list[tuple[str, type[tornado.web.RequestHandler]]]:
    """Routes relative to the server's base URL (the ExtensionApp prepends ``base_url``)."""
    return [
        (url_path_join("orderlens"), AskPageRedirectHandler),
        (url_path_join("orderlens") + "/", AskPageHandler),
        (url_path_join("orderlens", "static", r"((?:vendor/)?[\w.-]+)"), StaticFileHandler),
        (url_path_join("orderlens", "api", "ask"), AskHandler),
        (url_path_join("orderlens", "api", "export"), ExportHandler),
        (url_path_join("orderlens", "api", "chart"), ChartHandler),
        (url_path_join("orderlens", "api", "catalog"), CatalogHandler),
        (url_path_join("orderlens", "api", "history"), HistoryHandler),
        (url_path_join("orderlens", "api", "recommendations"), RecommendationsHandler),
        (url_path_join("orderlens", "api", "recommendations", r"([\w.:-]{1,80})"), DecisionHandler),
    ]
