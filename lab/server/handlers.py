"""HTTP handlers of the OrderLens server extension: the Ask page and ``/orderlens/api/...``.

Why thin: every handler parses the request strictly (:mod:`lab.server.payload`), calls
:class:`lab.server.service.AskService` in a worker thread (the question engine and DuckDB block)
and writes JSON; any error it raises becomes ``{"error": message}`` with its HTTP status in one
``write_error`` (:func:`lab.server.errors.http_status_of`), and only a bug is a 500. What the
handlers share (the service, the per-person cap, the JSON base class) is in
:mod:`lab.server.handler_base`.

Access: every verb is ``@authorized`` on an OrderLens resource (``orderlens`` for asking and
reading, ``orderlens.decisions`` for a planner's decision), so the server's Authorizer decides
by role (:mod:`lab.server.auth`); a request without credentials is refused by jupyter_server
(API: 403; page: the sign-in page). POSTs also pass Jupyter's XSRF check unless they
authenticate with an ``Authorization: token ...`` header. Bodies are streamed so that their
size is checked before a byte is read: anything over :data:`lab.server.payload.MAX_BODY_BYTES` is refused (413).
"""

from __future__ import annotations

import mimetypes
import re
from enum import StrEnum
from importlib import resources

import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join

from lab.server.errors import BadRequest
from lab.server.handler_base import (
    ASK_RESOURCE,
    DECIDE_RESOURCE,
    RECOMMENDATIONS_RESOURCE,
    _JSONHandler,
    _OrderLensMixin,
    context_field,
)
from lab.server.payload import (
    MAX_COMMENT_CHARS,
    bool_field,
    choice_field,
    date_field,
    text_field,
    text_list_field,
)
from lab.server.presentation import EXPORT_TYPES, export_table
from lab.server.saved import MAX_CONVERSATION
from nl2sql.chart_specs import CHART_KINDS
from nl2sql.options import MAX_QUESTION_CHARS

__all__ = [  # the names other modules and tests import from here
    "ASK_RESOURCE",
    "DECIDE_RESOURCE",
    "RECOMMENDATIONS_RESOURCE",
    "STATIC_FILES",
    "UNKNOWN_API_ROUTE",
    "Decision",
    "context_field",
    "url_patterns",
]

#: Files the page may load; the sanitizer is vendored with its version in the file name.
STATIC_FILES = re.compile(
    r"^(app\.js|personal\.js|planning\.js|app\.css|personal\.css|index\.html"
    r"|vendor/purify-\d+\.\d+\.\d+\.min\.js)$"
)
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
        engine = self.engine_field(payload)
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
                role=self.user_role(),
                abandon=self.abandon,
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
            role=self.user_role(),
            abandon=self.abandon,
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
            engine=self.engine_field(payload),
            today=date_field(payload, "today"),
            context=context_field(payload),
            role=self.user_role(),
            abandon=self.abandon,
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
            engine=self.engine_field(payload),
            today=date_field(payload, "today"),
            user=self.user_name(),
            chart_svg=False,
            context=context_field(payload),
            record=False,
            role=self.user_role(),
            abandon=self.abandon,
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
        self.write_json(200, await self.in_worker(self.service.catalog_for, self.user_role()))


class ModelStatusHandler(_JSONHandler):
    """``GET /orderlens/api/model``: whether the model's files load; if an edit made them
    invalid, the error with its file and line, since when, that answers come from the last
    valid model meanwhile, and what to do (:mod:`lab.server.model_state`; the page's banner)."""

    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        self.write_json(200, await self.in_worker(self.service.model_status))


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
        # a refusal's recorded reason is the message the asker got before redaction (a
        # missing warehouse named its path here until session 17)
        rows = [{**row, "reason": self.for_role(row.get("reason"))} for row in rows]
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
            "feedback, model, recommendations)",
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
        (url_path_join("orderlens", "api", "model"), ModelStatusHandler),
        (url_path_join("orderlens", "api", "history"), HistoryHandler),
        (url_path_join("orderlens", "api", "recommendations"), RecommendationsHandler),
        (url_path_join("orderlens", "api", "recommendations", r"([\w.:-]{1,80})"), DecisionHandler),
    ]
