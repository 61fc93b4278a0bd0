"""``Answer``: everything a question produced, printable, JSON-able and rich in Jupyter.

Why one object: the CLI, the magics, the Jupyter page and the tests all need the same things —
the semantic query (to check understanding), the SQL (to audit), the DataFrame (to use), the
interpretation (to trust), the chart (to see) and the timings (to keep it fast).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from nl2sql.cells import json_value
from nl2sql.columns import format_value
from semantic_layer.query import SemanticQuery


def _is_zh(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


@dataclass
class Answer:
    """The result of :func:`nl2sql.ask`."""

    question: str
    query: SemanticQuery | None = None
    sql: str | None = None
    df: pd.DataFrame | None = None
    interpretation: str = ""
    #: The interpretation without what a follow-up changed or which words were read through a
    #: bridge: the chart's title (those notes are the interpretation's, and the Ask page shows
    #: the changes on a line of their own; a title repeating them said it twice).
    headline: str = ""
    chart: Any = None  # altair.Chart | None
    engine: str = "rules"
    timings: dict[str, float] = field(default_factory=dict)
    refused: bool = False
    error: str | None = None
    #: why the question was refused, in the question's language (``error`` stays English)
    reason: str = ""
    suggestions: list[str] = field(default_factory=list)
    truncated: bool = False
    notes: list[str] = field(default_factory=list)
    #: For a question about one order ("where is order JD20260210001?"): the status trace card
    #: (JSON-safe dict from ``lab.trace.trace_card``) and its self-contained HTML; else None.
    card: dict[str, Any] | None = None
    card_html: str | None = None
    #: What this answer, as a follow-up, changed in the previous question (question's language).
    changes: list[str] = field(default_factory=list)
    #: the share of total / change over time computed over the result (``nl2sql.derived``)
    derived: Any = None
    #: Column headers and value formats (number | percent | currency | text) for readers, in
    #: the question's language (:func:`nl2sql.columns.column_display`); empty: raw names.
    column_labels: dict[str, str] = field(default_factory=dict)
    column_formats: dict[str, str] = field(default_factory=dict)
    #: the answered metrics that are measures the model publishes no metric for
    #: (``semantic_layer.implied``): the JSON lists them as ``implied_metrics``
    implied_metrics: list[str] = field(default_factory=list)
    #: a yes/no question's answer: "yes", "no" or "unknown" (a figure missing); None for any
    #: other question (``nl2sql.yes_no``)
    verdict: str | None = None

    def followup_context(self) -> dict[str, Any] | None:
        """What a caller keeps to ask a follow-up: ``ask(next_q, context=this_dict)``.

        JSON-serialisable (a web page or a session stores it between questions); None when
        there is nothing to follow up (a refusal, an error, an order trace card).
        """
        if self.query is None or not self.ok or self.card is not None:
            return None
        kept = {"question": self.question, "query": self.query.model_dump(mode="json")}
        if self.derived is not None:  # a follow-up keeps the share / change (rules.followup)
            kept["derived"] = self.derived.to_json()
        return kept

    @property
    def change(self) -> str | None:
        """The comparison of a change answer ("pop": previous period, "yoy": a year earlier),
        which names its added columns ("上期GMV" / "去年同期GMV"); None for any other answer."""
        kind = getattr(self.derived, "kind", None)
        return kind if kind in ("pop", "yoy") else None

    @property
    def ok(self) -> bool:
        """Whether the question was answered."""
        return not self.refused and self.error is None and self.df is not None

    @property
    def card_headline(self) -> str:
        """Where the order is, in the question's language ("" when there is no card)."""
        if self.card is None:
            return ""
        return self.card.get("headline_zh" if _is_zh(self.question) else "headline_en") or ""

    @property
    def columns(self) -> list[str]:
        """Result column names."""
        return [] if self.df is None else [str(c) for c in self.df.columns]

    def rows(self) -> list[list[Any]]:
        """Result rows as JSON-safe lists."""
        if self.df is None:
            return []
        return [[json_value(v) for v in row] for row in self.df.itertuples(index=False, name=None)]

    def to_json(self) -> dict[str, Any]:
        """``{"sql","columns","rows","interpretation","chart"}``, or
        ``{"error","reason","suggestions"}`` (``reason`` in the question's language,
        ``suggestions`` runnable questions).

        An order-trace answer adds one key, ``"card"`` (the status trace card); its ``sql`` is
        the guarded SELECT of the order's status snapshots and ``rows`` are the timeline.
        """
        if not self.ok:
            error = self.error or "the question could not be answered"
            return {
                "error": error,
                "reason": self.reason or error,
                "suggestions": list(self.suggestions),
            }
        doc = {
            "sql": self.sql,
            "columns": self.columns,
            "rows": self.rows(),
            "interpretation": self.interpretation,
            "chart": self.chart.to_dict() if self.chart is not None else None,
        }
        if self.card is not None:
            doc["card"] = self.card
        if self.implied_metrics:
            doc["implied_metrics"] = list(self.implied_metrics)
        if self.verdict is not None:
            doc["verdict"] = self.verdict
        return doc

    def to_json_str(self) -> str:
        """The JSON contract as text (UTF-8, Chinese unescaped)."""
        return json.dumps(self.to_json(), ensure_ascii=False, default=json_value)

    def display_frame(self, max_rows: int | None = None) -> pd.DataFrame:
        """The result as text for reading: headers labelled, values formatted (``¥1,234.50``,
        ``12.3%``) as :attr:`column_labels` / :attr:`column_formats` say; raw when unset."""
        assert self.df is not None  # only an answered question has a table to show
        df = self.df if max_rows is None else self.df.head(max_rows)
        if not self.column_formats and not self.column_labels:
            return df
        names = [str(c) for c in df.columns]
        fmts = [self.column_formats.get(c, "text") for c in names]
        rows = [
            [format_value(v, f) for v, f in zip(row, fmts, strict=True)]
            for row in df.itertuples(index=False, name=None)
        ]
        # a list of headers, not a dict: two columns with one label both stay
        return pd.DataFrame(rows, columns=[self.column_labels.get(c, c) for c in names])

    # ---- display ------------------------------------------------------------------------
    def __str__(self) -> str:
        if not self.ok:
            lines = [f"Cannot answer: {self.error}"]
            if self.suggestions:
                lines.append("Suggestions: " + "; ".join(self.suggestions))
            return "\n".join(lines)
        assert self.df is not None  # ok: answered, so there is a result table
        with pd.option_context("display.max_rows", 50, "display.width", 120):
            table = self.display_frame().to_string(index=False)
        out = [self.interpretation, "", table]
        if self.card is not None:
            out[1:1] = [self.card_headline]
        if self.truncated:
            out.append(f"(first {len(self.df)} rows)")
        return "\n".join(out)

    def _repr_html_(self) -> str:
        """The answer as HTML from the shared Jinja templates (:mod:`nl2sql.answer_html`)."""
        # the templates and the chart renderer load only where HTML is shown (Jupyter)
        from nl2sql import answer_html as html
        from nl2sql.charts import chart_svg

        if not self.ok:
            return html.render(
                "refusal.html",
                question=self.question,
                message=self.error or "",
                suggestions=list(self.suggestions),
                prefix="",
                heading="Cannot answer",
                style=False,
            )
        assert self.df is not None  # ok: answered, so there is a result table
        svg = ""
        if self.chart is not None:
            try:
                svg = chart_svg(self.chart)
            except Exception:  # a chart that fails to render must not hide the table
                svg = ""
        table = html.table_context(self.df, 200, self.column_labels, self.column_formats)
        return html.render(
            "answer.html",
            style=False,
            interpretation=self.interpretation,
            card=html.trusted(self.card_html),  # rendered by lab.trace with autoescape
            svg=html.trusted(svg),
            table=table,
            footer=f"{table['total']} rows, first {len(table['rows'])} shown"
            if table["total"] > len(table["rows"])
            else f"{table['total']} rows",
            sql_open=False,
            sql_summary=f"SQL ({self.engine}, {self.timings.get('total_ms', 0):.0f} ms)",
            sql=self.sql or "",
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/html": self._repr_html_(), "text/plain": str(self)}
