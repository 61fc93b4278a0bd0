"""HTTP handlers of the OrderLens server extension: the Ask page and ``/orderlens/api/...``.

Why thin: every handler parses the request, calls :class:`lab.server.service.AskService` in a
worker thread (the question engine and DuckDB block) and writes JSON. Every verb carries
``@tornado.web.authenticated``, so a request without Jupyter's token/password cookie is refused
(API: 403; page: redirect to Jupyter's login); POSTs also pass Jupyter's XSRF check unless
they authenticate with an ``Authorization: token ...`` header.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import mimetypes
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from typing import Any

import tornado.web
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from jupyter_server.utils import url_path_join

from lab.server.service import AskService

log = logging.getLogger("orderlens.server")

ENGINES = ("auto", "rules", "llm")
MAX_QUESTION_CHARS = 500
STATIC_FILES = ("app.js", "app.css", "index.html")


def _static_text(name: str) -> str:
    return resources.files("lab.server").joinpath("static", name).read_text(encoding="utf-8")


class _OrderLensMixin(ExtensionHandlerMixin):
    """Access to the per-server service and worker pool stored in the web app settings."""

    @property
    def service(self) -> AskService:
        return self.settings["orderlens_service"]

    @property
    def executor(self) -> ThreadPoolExecutor:
        return self.settings["orderlens_executor"]

    async def in_worker(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    def user_name(self) -> str | None:
        user = self.current_user
        return getattr(user, "username", None) or getattr(user, "name", None) or None


class AskPageHandler(_OrderLensMixin, JupyterHandler):
    """``GET /orderlens/``: the Ask page (static HTML; data comes from the API)."""

    @tornado.web.authenticated
    def get(self) -> None:
        _ = self.xsrf_token  # sets the _xsrf cookie the page's JS echoes in X-XSRFToken
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(_static_text("index.html"))


class AskPageRedirectHandler(_OrderLensMixin, JupyterHandler):
    """``GET /orderlens`` -> ``/orderlens/`` so the page's relative URLs resolve."""

    @tornado.web.authenticated
    def get(self) -> None:
        self.redirect(url_path_join(self.base_url, "orderlens") + "/")


class StaticFileHandler(_OrderLensMixin, JupyterHandler):
    """``GET /orderlens/static/<file>``: the page's JS and CSS, from the installed package."""

    @tornado.web.authenticated
    def get(self, name: str) -> None:
        if name not in STATIC_FILES:
            raise tornado.web.HTTPError(404)
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        self.set_header("Content-Type", f"{ctype}; charset=utf-8")
        self.finish(_static_text(name))


class _JSONHandler(_OrderLensMixin, APIHandler):
    def write_json(self, status: int, body: Any) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(body, ensure_ascii=False, default=str))


class AskHandler(_JSONHandler):
    """``POST /orderlens/api/ask`` with ``{"question": ..., "engine"?, "today"?, "chart_svg"?}``.

    200: CLI-contract JSON + ``question``, ``engine``, ``timings``, ``chart_svg``.
    422: the engine refused or the query failed: ``{"error", "suggestions", "refused"}``.
    400: the request itself is malformed (no question, unknown engine).
    """

    @tornado.web.authenticated
    async def post(self) -> None:
        try:
            payload = self.get_json_body() or {}
        except tornado.web.HTTPError:
            return self.write_json(400, {"error": 'the body must be JSON: {"question": "..."}'})
        question = payload.get("question") if isinstance(payload, dict) else None
        if not isinstance(question, str) or not question.strip():
            return self.write_json(
                400, {"error": 'send {"question": "..."} with a non-empty question'}
            )
        if len(question) > MAX_QUESTION_CHARS:
            return self.write_json(
                400, {"error": f"the question is longer than {MAX_QUESTION_CHARS} characters"}
            )
        engine = payload.get("engine") or None
        if engine is not None and engine not in ENGINES:
            return self.write_json(400, {"error": f"engine must be one of {', '.join(ENGINES)}"})
        today = payload.get("today") or None
        chart_svg = payload.get("chart_svg")
        try:
            status, body = await self.in_worker(
                self.service.ask,
                question.strip(),
                engine=engine,
                today=today,
                user=self.user_name(),
                chart_svg=None if chart_svg is None else bool(chart_svg),
            )
        except Exception:
            log.exception("OrderLens: ask failed for %r", question)
            return self.write_json(
                500, {"error": "internal error while answering; the server log has the details"}
            )
        self.write_json(status, body)


class CatalogHandler(_JSONHandler):
    """``GET /orderlens/api/catalog``: metrics, dimensions (with values), example questions."""

    @tornado.web.authenticated
    async def get(self) -> None:
        from lab.server.service import _user_error_types

        try:
            body = await self.in_worker(self.service.catalog)
        except _user_error_types() as exc:
            return self.write_json(503, {"error": str(exc)})
        except Exception:
            log.exception("OrderLens: could not build the catalog")
            return self.write_json(
                500, {"error": "internal error while reading the catalog; see the server log"}
            )
        self.write_json(200, body)


class HistoryHandler(_JSONHandler):
    """``GET /orderlens/api/history?limit=N``: the last questions asked, newest first."""

    @tornado.web.authenticated
    def get(self) -> None:
        try:
            limit = int(self.get_argument("limit", "20"))
        except ValueError:
            return self.write_json(400, {"error": "limit must be an integer"})
        self.write_json(200, {"history": self.service.history.latest(max(0, min(limit, 200)))})


def _shipping_status(exc: BaseException) -> int:
    """HTTP status for a planner's decision that the review rules refused."""
    from lab.shipping.errors import (
        AlreadyDecided,
        InvalidDecision,
        RecommendationExpired,
        RecommendationNotFound,
    )

    if isinstance(exc, RecommendationNotFound):
        return 404
    if isinstance(exc, AlreadyDecided | RecommendationExpired):
        return 409
    if isinstance(exc, InvalidDecision):
        return 400
    return 422


class RecommendationsHandler(_JSONHandler):
    """``GET /orderlens/api/recommendations?status=proposed``: shipping-window proposals."""

    @tornado.web.authenticated
    async def get(self) -> None:
        from lab.shipping.errors import ShippingError

        status = self.get_argument("status", None) or None
        try:
            rows = await self.in_worker(self.service.recommendations, status)
        except ShippingError as exc:
            return self.write_json(_shipping_status(exc), {"error": str(exc)})
        except Exception as exc:
            from lab.server.service import _user_error_types

            if isinstance(exc, _user_error_types()):
                return self.write_json(503, {"error": str(exc)})
            log.exception("OrderLens: listing recommendations failed")
            return self.write_json(500, {"error": "internal error; see the server log"})
        self.write_json(200, {"recommendations": rows})


class DecisionHandler(_JSONHandler):
    """``POST /orderlens/api/recommendations/<id>`` with ``{"decision", "comment", "force"?}``.

    The reviewer is the authenticated Jupyter user, never a field of the body. 200 returns the
    updated recommendation; 400 bad decision / missing comment, 404 unknown id, 409 already
    decided (send ``force`` with a comment) or expired.
    """

    @tornado.web.authenticated
    async def post(self, recommendation_id: str) -> None:
        from lab.shipping.errors import ShippingError

        try:
            payload = self.get_json_body() or {}
        except tornado.web.HTTPError:
            return self.write_json(400, {"error": 'the body must be JSON: {"decision": ...}'})
        if not isinstance(payload, dict) or payload.get("decision") not in ("accept", "reject"):
            return self.write_json(
                400, {"error": 'send {"decision": "accept" | "reject", "comment": "..."}'}
            )
        reviewer = self.user_name() or "jupyter"
        try:
            row = await self.in_worker(
                self.service.decide,
                recommendation_id,
                payload["decision"],
                reviewer,
                str(payload.get("comment") or ""),
                force=bool(payload.get("force", False)),
            )
        except ShippingError as exc:
            return self.write_json(_shipping_status(exc), {"error": str(exc)})
        except Exception as exc:
            from lab.server.service import _user_error_types

            if isinstance(exc, _user_error_types()):
                return self.write_json(503, {"error": str(exc)})
            log.exception("OrderLens: decision on %s failed", recommendation_id)
            return self.write_json(500, {"error": "internal error; see the server log"})
        self.write_json(200, {"recommendation": row})


def url_patterns() -> list[tuple[str, type[tornado.web.RequestHandler]]]:
    """Routes relative to the server's base URL (the ExtensionApp prepends ``base_url``)."""
    return [
        (url_path_join("orderlens"), AskPageRedirectHandler),
        (url_path_join("orderlens") + "/", AskPageHandler),
        (url_path_join("orderlens", "static", r"([\w.-]+)"), StaticFileHandler),
        (url_path_join("orderlens", "api", "ask"), AskHandler),
        (url_path_join("orderlens", "api", "catalog"), CatalogHandler),
        (url_path_join("orderlens", "api", "history"), HistoryHandler),
        (url_path_join("orderlens", "api", "recommendations"), RecommendationsHandler),
        (url_path_join("orderlens", "api", "recommendations", r"([\w.:-]+)"), DecisionHandler),
    ]
