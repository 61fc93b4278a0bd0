"""What the HTTP handlers call: ask a question, describe the catalog, keep the history.

Why apart from the handlers: this is plain Python over the question engine and the semantic
layer (no tornado), so it is unit-testable and the handlers stay thin. The warehouse is only
ever opened read-only, per call, so the server never holds DuckDB's single writer lock and
many requests (or other processes) can read the same file at once.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lab.server.history import QuestionHistory

log = logging.getLogger("orderlens.server")

#: HTTP status of a question the engine could not answer (refusal or failed query): the request
#: was well-formed but cannot be processed; the body is ``{"error", "suggestions", ...}``.
UNANSWERABLE_STATUS = 422


@dataclass(frozen=True)
class ServiceSettings:
    """Where the data is and how questions are answered (from the extension's traitlets)."""

    db: str
    semantic_model: str | None = None
    engine: str = "auto"
    today: str | None = None
    chart_svg: bool = True


def _user_error_types() -> tuple[type[BaseException], ...]:
    """Errors that carry a message meant for the person asking (not bugs)."""
    from connectors.errors import ConnectorError
    from nl2sql.errors import NL2SQLError
    from semantic_layer.errors import SemanticLayerError

    return (NL2SQLError, SemanticLayerError, ConnectorError)


def _jsonable(value: Any) -> Any:
    """Round-trip through JSON so numpy/pandas/date values become plain JSON types."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def chart_to_svg(spec: dict[str, Any] | None) -> str | None:
    """Render a Vega-Lite spec to SVG on the server (vl-convert: no browser, no CDN)."""
    if not spec:
        return None
    import vl_convert

    try:
        return vl_convert.vegalite_to_svg(spec)
    except Exception:  # a chart that does not render must not lose the answer
        log.warning("OrderLens: could not render the chart to SVG", exc_info=True)
        return None


class WarehouseGate:
    """Many readers or one writer, inside this server process.

    Why: DuckDB lets a file be open by many read-only connections *or* one read-write one.
    Questions read (concurrently); a planner's decision on a recommendation writes, so it waits
    for running questions to finish and holds new ones back for the few milliseconds it takes.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._writing = True  # new readers wait from here on
            self._cond.wait_for(lambda: self._readers == 0)
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class AskService:
    """One per server: the loaded semantic model, its catalog, and the question history."""

    def __init__(self, settings: ServiceSettings, history: QuestionHistory) -> None:
        self.settings = settings
        self.history = history
        self._lock = threading.Lock()
        self.gate = WarehouseGate()
        self._model: Any = None
        self._catalog: dict[str, Any] | None = None

    def model(self) -> Any:
        """The semantic model, loaded once (the built-in one unless a directory was given)."""
        with self._lock:
            if self._model is None:
                from semantic_layer import load_model

                self._model = load_model(self.settings.semantic_model or None)
            return self._model

    def catalog(self) -> dict[str, Any]:
        """Metrics, dimensions (with their known values), entities and example questions."""
        model = self.model()
        with self._lock:
            if self._catalog is None:
                from connectors.warehouse import connect
                from semantic_layer import build_catalog

                with self.gate.read():
                    con = connect(self.settings.db, read_only=True)
                    try:
                        catalog = build_catalog(model, con)
                    finally:
                        con.close()
                self._catalog = _jsonable(dataclasses.asdict(catalog))
            return self._catalog

    def ask(
        self,
        question: str,
        *,
        engine: str | None = None,
        today: str | None = None,
        user: str | None = None,
        chart_svg: bool | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """Answer ``question``: (HTTP status, body) and one history entry.

        200: the CLI contract ``{"sql","columns","rows","interpretation","chart"}`` plus
        ``question``, ``engine``, ``timings`` (engine stages and ``server_ms``) and ``chart_svg``.
        422: ``{"error","suggestions","refused"}`` when the engine refuses or the query fails.
        """
        from nl2sql import ask

        started = time.perf_counter()
        want_svg = self.settings.chart_svg if chart_svg is None else chart_svg
        model = self.model()
        try:
            with self.gate.read():
                answer = ask(
                    question,
                    model=model,
                    db=self.settings.db,
                    engine=engine or self.settings.engine,
                    today=today or self.settings.today,
                )
        except _user_error_types() as exc:
            status, body = (
                UNANSWERABLE_STATUS,
                {
                    "error": str(exc),
                    "suggestions": [],
                    "refused": False,
                },
            )
        else:
            if answer.refused or answer.error:
                status, body = (
                    UNANSWERABLE_STATUS,
                    {
                        "error": answer.error or "this question could not be mapped to the model",
                        "suggestions": list(answer.suggestions or []),
                        "refused": bool(answer.refused),
                    },
                )
            else:
                status, body = 200, _jsonable(answer.to_json())
                body["chart_svg"] = chart_to_svg(body.get("chart")) if want_svg else None
            body["engine"] = getattr(answer, "engine", None)
            body["timings"] = _jsonable(dict(getattr(answer, "timings", None) or {}))
        body["question"] = question
        body.setdefault("timings", {})
        elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
        body["timings"]["server_ms"] = elapsed_ms
        self.history.add(
            {
                "question": question,
                "asked_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "user": user,
                "ok": status == 200,
                "interpretation": body.get("interpretation"),
                "rows": len(body.get("rows") or []),
                "ms": elapsed_ms,
            }
        )
        return status, body

    def recommendations(self, status: str | None = None) -> list[dict[str, Any]]:
        """Shipping-window recommendations (``lab.shipping.review``), newest first."""
        from connectors.warehouse import connect
        from lab.shipping.review import list_recommendations

        with self.gate.read():
            con = connect(self.settings.db, read_only=True)
            try:
                df = list_recommendations(con, status=status)
            finally:
                con.close()
        return json.loads(df.to_json(orient="records", date_format="iso", force_ascii=False))

    def decide(
        self,
        recommendation_id: str,
        decision: str,
        reviewer: str,
        comment: str = "",
        *,
        force: bool = False,
    ) -> dict[str, Any]:
        """Record a planner's decision (the only write this server makes, under the gate)."""
        from connectors.warehouse import connect
        from lab.shipping.review import decide

        with self.gate.write():
            con = connect(self.settings.db, read_only=False)
            try:
                row = decide(con, recommendation_id, decision, reviewer, comment, force=force)
            finally:
                con.close()
        return _jsonable(row)


def history_path(runtime_dir: str | Path) -> Path:
    """Where the history of a server lives (its runtime dir is private to the user)."""
    from lab.server.history import HISTORY_FILE

    return Path(runtime_dir) / HISTORY_FILE
