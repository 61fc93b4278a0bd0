"""What the HTTP handlers call: ask a question, describe the catalog, keep the history.

Why apart from the handlers: this is plain Python over the question engine and the semantic
layer (no tornado), so it is unit-testable and the handlers stay thin. The warehouse is only
ever opened read-only, per call, so the server never holds DuckDB's single writer lock and
many requests (or other processes) can read the same file at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from connectors.errors import ConnectorError
from connectors.warehouse import connect
from lab.server import planner_writes
from lab.server.abandon import Abandon
from lab.server.answer_cache import AnswerCache, _jsonable, _pretty_sql
from lab.server.chart_switch import chart_as
from lab.server.conversation import ask_conversation
from lab.server.errors import UNANSWERABLE_STATUS
from lab.server.history import HISTORY_FILE, QuestionHistory
from lab.server.model_state import ModelKeeper
from lab.server.open_warehouse import OpenWarehouse, file_stamp
from lab.server.page_memo import PageMemo
from lab.server.presentation import browse_catalog
from lab.server.render import FIRST_RENDER_TIMEOUT_S, RENDER_TIMEOUT_S, ChartRenderer, drawn_late
from lab.server.role_data import catalog_for_role
from lab.server.role_model import model_for_role, warm_ask_view
from lab.server.suggestion_text import plain_suggestions
from lab.server.users import Role
from nl2sql import ask, catalog_for
from nl2sql.errors import LLMConfigError, NL2SQLError
from nl2sql.startup_cache import key_of, model_content_key
from semantic_layer.errors import SemanticLayerError

log = logging.getLogger("orderlens.server")

__all__ = ["LLM_NOT_CONFIGURED", "UNANSWERABLE_STATUS", "AskService", "ServiceSettings"]
#: What a person on the page reads when the server's LLM engine has no key. Why not the engine's
#: own message: it tells a command-line user to "ask with --engine rules", which a page user
#: cannot do (a request cannot choose an engine the server does not use); the operator can.
LLM_NOT_CONFIGURED = (
    "this server is set to answer with the LLM engine, but no API key is configured: ask its "
    "operator to set OPENAI_API_KEY (and OPENAI_BASE_URL for another OpenAI-compatible "
    "server), or to start it with --OrderLensApp.engine=rules"
)


@dataclass(frozen=True)
class ServiceSettings:
    """Where the data is and how questions are answered (from the extension's traitlets)."""

    db: str
    semantic_model: str | None = None
    engine: str = "auto"
    today: str | None = None
    chart_svg: bool = True
    chart_timeout_s: float = RENDER_TIMEOUT_S  # one chart's drawing budget (then none is sent)
    # where the SQL runs (docs/concurrency.md, "A shared engine"): the DuckDB file, or Spark
    # over Parquet (``parquet_dir``; default: ``db`` exported once per file version)
    sql_engine: str = "duckdb"
    spark_master: str = "local[2]"
    parquet_dir: str | None = None


_WARM_UP_CHART = {
    "data": {"values": [{"k": "a", "v": 1}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "k", "type": "nominal"},
        "y": {"field": "v", "type": "quantitative"},
    },
}


def _user_error_types() -> tuple[type[BaseException], ...]:
    """Errors that carry a message meant for the person asking (not bugs)."""

    return (NL2SQLError, SemanticLayerError, ConnectorError)


#: What the answer cache may hold in all (JSON text); ``OrderLensApp.answer_cache_mb``
ANSWER_CACHE_BYTES = 64 * 1024 * 1024


class AskService:
    """One per server: the loaded semantic model, its catalog, and the question history."""

    def __init__(
        self,
        settings: ServiceSettings,
        history: QuestionHistory,
        answer_cache_size: int = 256,
        answer_cache_bytes: int = ANSWER_CACHE_BYTES,
    ) -> None:
        self.settings = settings
        self.history = history
        # answers are kept as JSON (UTF-8; its length is what the budget counts): as Python
        # objects a 1.1 MB answer took ~8 MB, and a hit handed out objects shared with others
        self.answers = AnswerCache(answer_cache_size, max_bytes=answer_cache_bytes)
        self.charts = ChartRenderer(settings.chart_timeout_s)
        # the warehouse file held open between questions, and the gate in front of it
        self.warehouse = OpenWarehouse(settings.db)
        self.gate = self.warehouse.gate
        self._model: Any = None
        # the model answered with: the last valid one while an edit of its files is invalid
        self.models = ModelKeeper(settings.semantic_model or None)
        self._catalog: dict[str, Any] | None = None
        self._catalog_obj: Any = None  # the engine's catalog object behind ``_catalog``
        self._warm_pair: tuple[Any, Any] = (None, None)  # (model, its catalog) as warmed
        self._catalog_stamp = ""
        self._warm_lock = threading.Lock()
        self._warm_con: Any = None  # the warm-up's connection while it reads the catalog
        self.pages = PageMemo()  # the page's chart and labels of each result (page_memo)

    def close(self) -> None:
        """Release the warehouse for good and stop the chart renderer when the server stops;
        a catalog still being read for the warm-up is interrupted (its thread then ends)."""
        self.warehouse.close()
        warming = self._warm_con
        if warming is not None:
            with contextlib.suppress(duckdb.Error):
                warming.interrupt()
        self.charts.close()

    def model(self) -> Any:
        """The semantic model (built-in unless a directory was given), reloaded when edited;
        while an edit is invalid, the last valid one (:mod:`lab.server.model_state`)."""
        return self.models.current()

    def model_status(self) -> dict[str, Any]:
        """Whether the model's files load, and if not what is wrong, where and what to do."""
        with contextlib.suppress(*_user_error_types()):  # a model that never loaded: said too
            self.models.current()
        return self.models.status()

    def model_key(self, model: Any = None) -> str:
        """Content key of the model answers are computed with (``nl2sql.startup_cache``).

        The key the model was loaded under: :meth:`model` reloads an edited model (and the
        new one carries its new key), so this costs no file reads per request; a model loaded
        without one (startup cache off) is keyed by its files' content. ``model``: the one
        this request already looked up.
        """

        model = self.model() if model is None else model
        return key_of(model) or model_content_key(self.settings.semantic_model or None)

    def warm_up(self, model: Any = None, stamp: str | None = None) -> None:
        """Load the model and build the catalog (with its lexicon), once per data.

        Why up front and under one lock: on a 1M-order warehouse the catalog (distinct values
        of every categorical dimension) takes tens of seconds; built lazily, twenty users
        arriving together would each start the same build. The catalog object is the question
        engine's own cached one, so ``nl2sql.ask`` never builds it a second time. Rebuilt when
        the warehouse file changes. ``model`` and ``stamp`` (the warehouse version): what the
        request calling this already looked up (both are file reads; once per answer suffices).
        """
        if model is None:  # an edited model file reloads here, and so does the catalog
            model = self.model()
        if stamp is None:
            stamp = file_stamp(self.settings.db)
        if self._catalog is not None and self._catalog_stamp == stamp and self._model is model:
            return
        with self._warm_lock:
            if self._catalog is not None and self._catalog_stamp == stamp and self._model is model:
                return

            started = time.perf_counter()
            with self.gate.read():
                if self.warehouse.closed:  # the server stopped while this waited: no new handle
                    raise ConnectorError("the server is stopping")
                self.warehouse.keep_open(stamp)
                con = connect(self.settings.db, read_only=True)
                self._warm_con = con  # interrupted by close(): a stopping server waits for it
                try:
                    catalog = catalog_for(model, self.settings.db, con=con)
                    warm_ask_view(model, self.settings.db, con)  # the ask role's catalog too
                finally:
                    self._warm_con = None
                    con.close()
            # Chinese word segmentation (nl2sql.segmenter): opened here, not by the first
            # Chinese question (for a new user it also builds its dictionary store once)
            from nl2sql.lexicon import segment

            segment("预热")
            self._catalog = _jsonable(dataclasses.asdict(catalog))
            self._catalog_obj = catalog
            self._warm_pair = (model, catalog)  # one assignment: read together, never mixed
            # the catalog page's view: labels in both languages, formulas, sample values
            self._catalog["browse"] = browse_catalog(catalog, model)
            self._catalog_stamp, self._model = stamp, model
            log.info("OrderLens: model and catalog ready in %.1f s", time.perf_counter() - started)

    def warm_up_charts(self) -> None:
        """Start the chart renderer's child process before the first chart (server start only).

        Why apart from :meth:`warm_up`: starting it (Python, vl-convert, fonts, one render)
        takes seconds, tens under heavy load, and a question waiting for the catalog must not
        wait for it as well (two red-team tests hit tornado's 20 s request timeout that way at
        load ~20). A chart asked for meanwhile waits at most its render budget; the answer
        then comes without its picture and says why.
        """
        if not self.settings.chart_svg or self.charts.pid is not None:
            return
        try:
            self.charts.render(_WARM_UP_CHART, timeout_s=FIRST_RENDER_TIMEOUT_S)
        except (TimeoutError, RuntimeError) as exc:
            log.warning("OrderLens: the chart renderer did not start: %s", exc)

    def catalog(self) -> dict[str, Any]:
        """Metrics, dimensions (with their known values), entities and example questions."""
        self.warm_up()
        assert self._catalog is not None
        return self._catalog

    def catalog_for(self, role: Role | str = Role.ASK) -> dict[str, Any]:
        """:meth:`catalog` without what ``role`` may not ask about
        (:func:`~lab.server.role_data.catalog_for_role`: the planners' metrics for the ask role)."""
        return catalog_for_role(self.catalog(), role, self.model())

    def ask(
        self,
        question: str,
        *,
        engine: str | None = None,
        today: str | None = None,
        user: str | None = None,
        chart_svg: bool | None = None,
        context: dict[str, Any] | None = None,
        record: bool = True,
        role: Role | str = Role.ASK,
        abandon: Abandon | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """Answer ``question``: (HTTP status, body) and one history entry.

        200: the CLI contract ``{"sql","columns","rows","interpretation","chart"}`` plus
        ``question``, ``engine``, ``timings`` (engine stages and ``server_ms``), ``chart_svg``
        and ``cached``; for a question about one order also ``card`` (the status trace card)
        and ``card_html`` (its self-contained HTML fragment, inline CSS, no scripts).
        422: ``{"error","reason","suggestions","refused"}`` when the engine refuses or the
        query fails (``reason`` in the question's language).

        ``context`` is the previous answer's ``followup_context`` (a follow-up question is
        merged into it); a 200 body then says in ``changes`` what changed, and every 200 body
        carries its own ``followup_context``, ``column_meta`` (labels, formats, definitions)
        and ``sql_pretty``. ``record=False`` (a table export) adds no history entry.

        ``role`` is the asker's: the engine reads the model without what it may not see
        (:mod:`lab.server.role_model`); an answer reading such a table is a 422 naming the role
        it needs, checked after the answer cache (least privilege: no role given = ask role).

        ``abandon``: the request's mark (:mod:`lab.server.abandon`); once the asker is gone,
        the question's query is interrupted (the answer is not cached).
        """
        started = time.perf_counter()
        want_svg = self.settings.chart_svg if chart_svg is None else chart_svg
        engine = engine or self.settings.engine
        today = today or self.settings.today or date.today().isoformat()
        model = self.model()  # once per request: with a model folder, a walk of its files
        view = model_for_role(model, role)  # what the role may not read, the engine never sees
        key = None
        if self.answers.size > 0:  # the key reads the file's version: not when there is no cache
            # the question exactly as asked: until session 29 its whitespace was folded, and a
            # refusal's suggestions keep the asker's own spacing ("amount\x1cby channel"), so
            # one user's odd spaces reached everyone asking the plain question from the cache
            key = (
                question,
                engine,
                today,
                want_svg,
                self.model_key(model) + "|".join(["", *sorted(view.hidden)]),
                file_stamp(self.settings.db),
                json.dumps(context, sort_keys=True, ensure_ascii=False),
            )
        hit = None if key is None else self.answers.get(key)
        if hit is not None:  # a fresh copy: nothing one request changes reaches another
            status, body = hit[0], {**json.loads(hit[1]), "cached": True}
        else:
            status, body, cacheable = self._answer(
                question, engine, today, want_svg, context, model, view.model, abandon
            )
            body["cached"] = False
            if cacheable and key is not None:
                # UTF-8 bytes, not str: a str holding one Chinese character takes 2 bytes a
                # character (measured: 40 cached 1.1 MB answers still grew the server 211 MB)
                data = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
                self.answers.put(key, (status, data), cost=len(data))
        if (refused := view.refusal(role, question, status, body)) is not None:
            status, body = UNANSWERABLE_STATUS, {**refused, "engine": body.get("engine"),
                                                 "timings": {}, "cached": body.get("cached")}  # fmt: skip
        body["question"] = question
        if self.models.failing:  # answered with the last valid model: say why and what to do
            body["model_status"] = self.models.status()
        elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
        body["timings"]["server_ms"] = elapsed_ms
        if record:
            self.record(question, user, status, body, elapsed_ms)
        return status, body

    def record(
        self, question: str, user: str | None, status: int, body: dict[str, Any], ms: float
    ) -> None:
        """One history entry: the question, who asked it, and how it went."""
        self.history.add(
            {
                "question": question,
                "asked_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "user": user,
                "ok": status == 200,
                "reason": None if status == 200 else body.get("reason") or body.get("error"),
                "interpretation": body.get("interpretation"),
                "rows": len(body.get("rows") or []),
                "ms": ms,
            }
        )

    def ask_conversation(
        self,
        questions: list[str],
        *,
        engine: str | None = None,
        today: str | None = None,
        user: str | None = None,
        chart_svg: bool | None = None,
        role: Role | str = Role.ASK,
        abandon: Abandon | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """A share link's or saved question's conversation answered as one question, recorded
        once (:func:`lab.server.conversation.ask_conversation`)."""
        return ask_conversation(
            self, questions, engine=engine, today=today, user=user, chart_svg=chart_svg,
            role=role, abandon=abandon,
        )  # fmt: skip

    def _answer(
        self,
        question: str,
        engine: str,
        today: str,
        want_svg: bool,
        context: dict[str, Any] | None,
        model: Any,
        asked: Any,
        abandon: Abandon | None = None,
    ) -> tuple[int, dict[str, Any], bool]:
        """The engine on ``asked``, the role's view of ``model``: (status, body, cacheable)."""

        try:
            self.warm_up(model)
            with self.gate.read():
                # the version read past the gate: a writer let in first may have replaced it
                stamp = file_stamp(self.settings.db)
                with self.warehouse.reader(stamp) as (con, db_key):
                    if abandon is not None:
                        abandon.attach(con)
                    try:
                        answer = self._ask_engine(
                            question, asked, engine, today, context, con, db_key
                        )
                    finally:
                        if abandon is not None:
                            abandon.detach()
                    # the catalog warm_up just checked (labels, formats): looking it up
                    # through catalog_for opened one more warehouse connection per answer
                    catalog = self._catalog_of(model, con)
        except _user_error_types() as exc:  # missing warehouse, bad model...: not cached
            error = LLM_NOT_CONFIGURED if isinstance(exc, LLMConfigError) else str(exc)
            return UNANSWERABLE_STATUS, {"error": error, "suggestions": [], "refused": False,
                                         "timings": {}}, False  # fmt: skip
        except OverflowError:  # date arithmetic past year 1 or 9999 ("last month" of 0001-01)
            return UNANSWERABLE_STATUS, {
                "error": "the dates of this question fall outside the calendar (years 1-9999, "
                f"today={today}); ask about a narrower range", "suggestions": [],
                "refused": False,
                "timings": {}}, False  # fmt: skip
        if answer.refused or answer.error:
            status, body = (
                UNANSWERABLE_STATUS,
                {
                    "error": answer.error or "this question could not be mapped to the model",
                    "reason": answer.reason or answer.error or "",
                    # made plain here: they carried the asker's odd characters (session 30)
                    "suggestions": plain_suggestions(answer.suggestions or []),
                    "refused": bool(answer.refused),
                },
            )
        else:
            doc = answer.to_json()
            doc["chart_title"] = answer.headline or answer.interpretation  # no follow-up note
            doc["followup_context"] = answer.followup_context()
            # one JSON round trip makes numpy/pandas/date values plain JSON types; its text is
            # also what the page's presentation of this result is remembered by (_present)
            text = json.dumps(doc, ensure_ascii=False, default=str)
            status, body = 200, json.loads(text)
            change, data_end = getattr(answer, "change", None), self.data_end(body, model, stamp)
            chart, body["chart_kinds"], body["column_meta"] = self.pages.present(
                body, text, catalog, model, question, today, change, data_end
            )
            body["chart"] = chart or body.get("chart")
            body["chart_svg"], body["chart_note"] = (
                self.charts.svg_for(body.get("chart")) if want_svg else (None, None)
            )
            if getattr(answer, "card_html", None):  # an order question: the status trace card
                body["card_html"] = answer.card_html
            body["sql_pretty"] = _pretty_sql(answer.sql)
            body["changes"] = list(answer.changes)
        body["engine"] = getattr(answer, "engine", None)
        body["timings"] = _jsonable(dict(getattr(answer, "timings", None) or {}))
        # guard stops (time/row limits) may pass on a quieter moment: only cache clean results;
        # so may a picture the renderer could not draw in time (it was starting, session 26)
        clean = bool(answer.refused or not answer.error) and not drawn_late(body.get("chart_note"))
        return status, body, clean

    def _ask_engine(
        self,
        question: str,
        model: Any,
        engine: str,
        today: str,
        context: dict[str, Any] | None,
        con: Any,
        db_key: str | None,
    ) -> Any:
        """``nl2sql.ask`` on this server's settings, on ``con`` (the open warehouse's cursor) or,
        without one, on the file it opens itself."""
        return ask(
            question,
            model=model,
            db=self.settings.db,
            con=con,
            db_key=db_key,
            engine=engine,
            today=today,
            sql_engine=self.settings.sql_engine,
            spark_master=self.settings.spark_master,
            parquet_dir=self.settings.parquet_dir,
            context=context,
            # the page draws its own chart (page_chart below): the engine's would be built
            # and thrown away (~7 ms of GIL-held work per answer; measured on 394 answered
            # eval questions: wherever page_chart draws none, neither does the engine)
            chart=False,
        )

    def _catalog_of(self, model: Any, con: Any) -> Any:
        """The catalog of ``model``, the model this answer was asked on.

        Why not simply the warmed one (session 30): a request that reloaded an edited model
        while this answer ran had warmed the *new* model's catalog, so the answer showed the
        new labels and formats on the old model's numbers (a currency column as a percent), and
        was cached so under the old model's key (putting the file back served it again). The
        model and its catalog are read as one pair; another model's catalog is the engine's
        own cached one for ``model`` (``catalog_for``: built when that model was warmed).
        """
        warm_model, catalog = self._warm_pair
        if warm_model is model:
            return catalog
        return catalog_for(model, self.settings.db, con=con)

    def catalog_object(self) -> Any:
        """The engine's catalog object behind :meth:`catalog` (after :meth:`warm_up`)."""
        return self._catalog_obj

    def data_end(self, body: dict[str, Any], model: Any, stamp: str | None = None) -> Any:
        """The last day with data of a time-series answer's metric (None otherwise);
        ``stamp``: the warehouse version the answer was read at (else read now)."""
        version = file_stamp(self.settings.db) if stamp is None else stamp
        return self.pages.data_end(body, model, self.settings.db, version, self.gate.read)

    def chart(
        self,
        question: str,
        kind: str,
        *,
        engine: str | None = None,
        today: str | None = None,
        context: dict[str, Any] | None = None,
        role: Role | str = Role.ASK,
        abandon: Abandon | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """The answer's chart drawn as ``kind``, from the answer cache
        (:func:`lab.server.chart_switch.chart_as`)."""
        return chart_as(
            self, question, kind, engine=engine, today=today, context=context, role=role,
            abandon=abandon,
        )  # fmt: skip

    def recommendations(self, status: str | None = None) -> list[dict[str, Any]]:
        """Shipping-window recommendations, newest first (:mod:`lab.server.planner_writes`)."""
        return planner_writes.recommendations(self.warehouse, self.settings.db, status)

    def decide(
        self, recommendation_id: str, decision: str, reviewer: str, comment: str = "",
        *, force: bool = False,
    ) -> dict[str, Any]:  # fmt: skip
        """Record a planner's decision, the server's only write
        (:func:`lab.server.planner_writes.record_decision`)."""
        return planner_writes.record_decision(
            self.warehouse, self.settings.db, recommendation_id, decision, reviewer, comment,
            force=force,
        )  # fmt: skip


def history_path(runtime_dir: str | Path) -> Path:
    """Where the history of a server lives (its runtime dir is private to the user)."""

    return Path(runtime_dir) / HISTORY_FILE
