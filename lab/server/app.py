"""The OrderLens Jupyter server extension: an ``ExtensionApp`` holding the Ask service.

Why an ExtensionApp: Jupyter loads it from ``jupyter_server_config.d`` into any server
(``jupyter server``, JupyterLab, ``orderlens serve``), its settings are traitlets that can be
set on the command line (``--OrderLensApp.db=...``) or in a config file, and launching it
directly (``orderlens serve``) makes the Ask page the landing URL.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from jupyter_core.paths import jupyter_data_dir
from jupyter_server.extension.application import ExtensionApp
from traitlets import Bool, Float, Int, Unicode, default

from connectors.warehouse import default_db_path
from lab.server import body_gate, client_errors, log_lines, personal, planning
from lab.server.auth import OrderLensIdentityProvider, RedactTokens
from lab.server.busy import InFlight
from lab.server.cookies import serves_https, xsrf_cookie_kwargs
from lab.server.feedback import FeedbackLog, default_feedback_file
from lab.server.handlers import UNKNOWN_API_ROUTE, url_patterns
from lab.server.history import QuestionHistory
from lab.server.page_headers import JsonCharset, NoServerHeader, page_config_without_token
from lab.server.saved import SAVED_FILE, SavedQuestions
from lab.server.service import AskService, ServiceSettings, history_path

#: How long stopping the server waits for its worker threads (warm-up, running questions).
STOP_WAIT_S = 10.0


PageConfigHook = Callable[[Any, dict[str, Any]], dict[str, Any]]


def keep_token_from_children(provider: Any) -> None:
    """Have ``provider`` read the server token, then take ``JUPYTER_TOKEN`` out of the
    environment that every process the server starts inherits.

    Why: ``orderlens serve`` / ``lab`` hand the token to Jupyter in ``JUPYTER_TOKEN`` (a command
    line option would show in ``--debug``'s config log), and the chart renderer and, under
    ``lab``, every kernel inherited it: a named analyst could read the server token (the
    analyst role there) from ``os.environ`` in a notebook and keep it after being removed
    (session 20; session 18 closed the same leak through the page config). The provider keeps
    the value it read (its ``token`` default reads the variable once).
    """
    _ = provider.token
    os.environ.pop("JUPYTER_TOKEN", None)


def _chained(first: PageConfigHook | None, then: PageConfigHook) -> PageConfigHook:
    """``then`` after an operator's own ``page_config_hook`` (if any), so both apply."""
    if first is None or first is then:
        return then
    return lambda handler, config: then(handler, first(handler, config))


class OrderLensApp(ExtensionApp):
    """Ask page at ``/orderlens/`` and REST API under ``/orderlens/api/``."""

    name = "orderlens"
    extension_url = "/orderlens/"
    load_other_extensions = True

    db = Unicode(
        help="Warehouse (DuckDB file) the server answers from; default $ORDERLENS_DB or "
        ".orderlens/demo.duckdb. Opened read-only, per request."
    ).tag(config=True)
    semantic_model = Unicode("", help="Semantic model directory; empty = the built-in model.").tag(
        config=True
    )
    engine = Unicode("auto", help="Question engine: auto, rules or llm.").tag(config=True)
    today = Unicode(
        "", help="Date questions like 'last month' are relative to (YYYY-MM-DD); empty = today."
    ).tag(config=True)
    chart_svg = Bool(True, help="Render charts to SVG on the server (no JS, no CDN).").tag(
        config=True
    )
    chart_timeout_s = Float(
        5.0,
        help="Seconds one chart may take to draw before the answer is sent without it (a chart "
        "never holds up answering; raise it on a slow or heavily shared machine).",
    ).tag(config=True)
    history_size = Int(50, help="How many past questions the server keeps.").tag(config=True)
    history_file = Unicode(
        "",
        help="SQLite file of the question history (shared by every server process); empty = "
        "<runtime_dir>/orderlens-history.sqlite3.",
    ).tag(config=True)
    saved_file = Unicode(
        "",
        help="JSON file of each user's saved questions; empty = "
        "<jupyter data dir>/orderlens-saved-questions.json.",
    ).tag(config=True)
    feedback_file = Unicode(
        "",
        help="JSON Lines file of thumbs up/down on answers; empty = $ORDERLENS_FEEDBACK_FILE "
        "or <jupyter data dir>/orderlens-feedback.jsonl (what `orderlens feedback export` reads).",
    ).tag(config=True)
    answer_cache_size = Int(
        256,
        help="Finished answers kept for repeated questions (0 = no cache); keyed by the "
        "warehouse file's mtime, so new data is never answered from the cache.",
    ).tag(config=True)
    answer_cache_mb = Int(
        64,
        help="Megabytes of answers (as JSON) the answer cache may hold in all; an answer over "
        "an eighth of it is answered but not kept. Bounds the memory one person's many large "
        "answers can take.",
    ).tag(config=True)
    workers = Int(4, help="Threads answering questions concurrently.").tag(config=True)
    max_concurrent_per_user = Int(
        2,
        help="Requests one person may have answered at once: a named user from any address, the "
        "server token per client address (more get 429 with Retry-After); 0 = no cap. Keeps one "
        "person from holding all the workers.",
    ).tag(config=True)
    header_timeout_s = Float(
        60.0,
        help="Seconds a connection may take to send a request's headers (an idle keep-alive "
        "connection is closed after it); tornado's default is an hour.",
    ).tag(config=True)
    body_timeout_s = Float(
        120.0,
        help="Seconds a request's body may take once its headers are in (a slow sender is cut "
        "off); tornado's default is no limit. JupyterLab uploads large files in 1 MB chunks.",
    ).tag(config=True)
    sql_engine = Unicode(
        "duckdb", help="Where answers' SQL runs: duckdb (the warehouse file) or spark."
    ).tag(config=True)
    spark_master = Unicode(
        "local[2]", help="Spark master for sql_engine=spark: local[N], spark://…, yarn, sc://…"
    ).tag(config=True)
    parquet_dir = Unicode(
        "", help="Parquet tables for sql_engine=spark (path or URL); empty = db exported once."
    ).tag(config=True)

    @default("semantic_model")
    def _default_semantic_model(self) -> str:
        return os.environ.get("ORDERLENS_SEMANTIC_MODEL", "")

    @default("db")
    def _default_db(self) -> str:
        return str(Path(default_db_path()).expanduser().resolve())

    def initialize_settings(self) -> None:
        """Create the service (nothing is loaded until the first request needs it)."""
        if self.serverapp is not None:  # before any kernel or the chart renderer starts
            keep_token_from_children(self.serverapp.identity_provider)
        runtime_dir = self.serverapp.runtime_dir if self.serverapp is not None else "."
        path = Path(self.history_file) if self.history_file else history_path(runtime_dir)
        service = AskService(
            ServiceSettings(
                db=self.db,
                semantic_model=self.semantic_model or None,
                engine=self.engine,
                today=self.today or None,
                chart_svg=self.chart_svg,
                chart_timeout_s=self.chart_timeout_s,
                sql_engine=self.sql_engine,
                spark_master=self.spark_master,
                parquet_dir=self.parquet_dir or None,
            ),
            QuestionHistory(path, size=self.history_size),
            answer_cache_size=self.answer_cache_size,
            answer_cache_bytes=max(0, self.answer_cache_mb) * 1024 * 1024,
        )
        self._executor = ThreadPoolExecutor(
            max_workers=max(1, self.workers), thread_name_prefix="orderlens-ask"
        )
        self.settings.update(
            {
                "orderlens_service": service,
                "orderlens_executor": self._executor,
                "orderlens_in_flight": InFlight(self.max_concurrent_per_user),
                "orderlens_saved": SavedQuestions(self._saved_path()),
                "orderlens_feedback": FeedbackLog(
                    Path(self.feedback_file) if self.feedback_file else default_feedback_file()
                ),
            }
        )
        web_app = getattr(self.serverapp, "web_app", None)
        for transform in (NoServerHeader, JsonCharset):  # on Jupyter's own responses too
            if web_app is not None and transform not in web_app.transforms:
                web_app.add_transform(transform)
        if web_app is not None:
            client_errors.install(web_app)  # Jupyter's own routes (again at start: the rest)
            # SameSite=Lax, Secure on HTTPS (lab.server.cookies says why); in this app's copy
            # of the settings, which ExtensionApp writes back over the server's afterwards
            self.settings["xsrf_cookie_kwargs"] = xsrf_cookie_kwargs(
                web_app.settings.get("xsrf_cookie_kwargs"),
                base_url=web_app.settings.get("base_url", "/"),
                https=serves_https(self.serverapp),
            )
        provider = getattr(self.serverapp, "identity_provider", None)
        if web_app is not None and isinstance(provider, OrderLensIdentityProvider):
            body_gate.install(web_app, provider.role_of_token, provider.role_of_cookie)
            web_app.settings["page_config_hook"] = _chained(
                web_app.settings.get("page_config_hook"), page_config_without_token
            )
        tornado_log = logging.getLogger("tornado.general")
        if not any(isinstance(f, RedactTokens) for f in tornado_log.filters):
            tornado_log.addFilter(RedactTokens())  # malformed requests are logged with headers
        log_lines.install(getattr(self.serverapp, "log", None))  # one line each, timed
        # no terminal control from a request in any line, Jupyter's own included
        log_lines.guard_handlers(getattr(self.serverapp, "log", None), self.log)
        if self.chart_svg:  # a chart asked for before the warm-up starts the renderer waits
            service.charts.expect_start()
        self._executor.submit(self._warm_up, service)
        self.log.info("OrderLens: answering from %s (Ask page at /orderlens/)", self.db)

    async def _start_jupyter_server_extension(self, serverapp: Any) -> None:
        """Once the server listens: request headers must arrive within ``header_timeout_s``
        (tornado waits an hour by default, so unfinished headers held a connection) and a body
        within ``body_timeout_s``; Jupyter's error mapping covers every route by now."""
        body_gate.limit_header_wait(
            getattr(serverapp, "http_server", None), self.header_timeout_s, self.body_timeout_s
        )
        web_app = getattr(serverapp, "web_app", None)
        if web_app is not None:  # every extension has added its routes by now
            client_errors.install(web_app)

    def _saved_path(self) -> Path:
        """Saved questions outlive restarts: Jupyter's data dir, not the runtime dir."""
        if self.saved_file:
            return Path(self.saved_file)

        return Path(jupyter_data_dir()) / SAVED_FILE

    def _warm_up(self, service: AskService) -> None:
        """Build the catalog, then start the chart renderer, before the first question arrives
        (logged, never fatal; questions wait only for the catalog, see ``warm_up_charts``)."""
        try:
            service.warm_up()
        except Exception as exc:  # e.g. no warehouse yet: each request will say so
            self.log.warning("OrderLens: warm-up skipped: %s", exc)
        service.warm_up_charts()

    def initialize_handlers(self) -> None:
        """Register the page and API routes (base_url is prepended by ExtensionApp); the JSON 404
        for any other ``orderlens/api/`` path comes last, after every real route."""
        self.handlers.extend(
            [
                *url_patterns(),
                *personal.url_patterns(),
                *planning.url_patterns(),
                UNKNOWN_API_ROUTE,
            ]
        )

    async def stop_extension(self) -> None:
        """Release the warehouse, let the worker threads finish, then close the history.

        Why wait for the threads (at most :data:`STOP_WAIT_S`): the warm-up started with the
        server, or a question, may still be running; returning before they end left their own
        read-only handle on the warehouse open after the server had stopped (seen in the test
        suite: in-process servers on the shared demo warehouse held it for up to a second past
        their test), where a writer in this process meets it. Closing the service first makes
        them end quickly: the open warehouse is closed under them and the warm-up stops at its
        next step; queued questions are cancelled. The history closes last, after the answers
        that were still being recorded.
        """
        executor = getattr(self, "_executor", None)
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        service = self.settings.get("orderlens_service")
        if service is not None:
            service.close()
        if executor is not None:
            try:
                await asyncio.wait_for(asyncio.to_thread(executor.shutdown, wait=True), STOP_WAIT_S)
            except TimeoutError:
                self.log.warning(
                    "OrderLens: a question was still running %.0f s after the stop", STOP_WAIT_S
                )
        if service is not None:
            service.history.close()  # its SQLite connection (WAL files are folded back in)
