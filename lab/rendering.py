"""Turn an ``nl2sql`` Answer into one rich display: interpretation, chart, table, folded SQL.

Why one module: the ``%ask`` magics and anything else that shows an answer in a notebook
(reports, the getting-started tour) render it the same way. Charts are embedded as SVG made by
vl-convert on the kernel side, so they show in JupyterLab, in nbconvert HTML reports and
offline, with no JavaScript or CDN. The HTML comes from the Jinja templates of
:mod:`nl2sql.answer_html` (autoescape on), the same ones ``Answer._repr_html_`` uses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from nl2sql import answer_html as html

log = logging.getLogger("orderlens.rendering")


def chart_svg(answer: Any) -> str | None:
    """SVG of the answer's chart, or None (no chart, or it failed to render)."""
    chart = getattr(answer, "chart", None)
    if chart is None:
        return None
    try:
        from nl2sql.charts import render_chart  # the one SVG path (registers the CJK font)

        svg = render_chart(chart, "svg")
        return svg if isinstance(svg, str) else None
    except Exception:  # a chart that cannot render must not hide the table
        log.warning("could not render the chart to SVG", exc_info=True)
        return None


@dataclass
class AnswerView:
    """What ``%ask`` displays: HTML in Jupyter, plain text in a terminal IPython."""

    answer: Any
    show_sql: bool = False
    max_rows: int = 50
    _svg: str | None = field(default=None, init=False, repr=False)

    def _repr_html_(self) -> str:
        a = self.answer
        if getattr(a, "refused", False) or getattr(a, "error", None):
            return refusal_html(
                a.question,
                getattr(a, "reason", "") or a.error or "",
                list(getattr(a, "suggestions", None) or []),
            )
        if self._svg is None:
            self._svg = chart_svg(a) or ""
        table = html.table_context(
            a.df,
            self.max_rows,
            getattr(a, "column_labels", None),
            getattr(a, "column_formats", None),
        )
        shown, total = len(table["rows"]), table["total"]
        more = f"{total} rows, first {shown} shown" if total > shown else f"{total} rows"
        return html.render(
            "answer.html",
            style=True,
            interpretation=a.interpretation or "",
            # an order question's status trace card (lab.trace renders it with autoescape)
            card=html.trusted(getattr(a, "card_html", None)),
            svg=html.trusted(self._svg),
            table=table,
            footer=f"{more} · engine {a.engine}",
            sql_open=self.show_sql,
            sql_summary="SQL",
            sql=a.sql or "",
        )

    def __repr__(self) -> str:
        a = self.answer
        if getattr(a, "refused", False) or getattr(a, "error", None):
            tips = "".join(f"\n  - {s}" for s in getattr(a, "suggestions", None) or [])
            why = getattr(a, "reason", "") or a.error or ""
            return f"Could not answer {a.question!r}: {why}" + (f"\nTry:{tips}" if tips else "")
        shown = a.display_frame(self.max_rows) if hasattr(a, "display_frame") else a.df
        text = f"{a.interpretation or ''}\n{shown.head(self.max_rows).to_string(index=False)}"
        headline = getattr(a, "card_headline", "")
        if headline:  # an order question: where the order is, in the question's language
            text = text.replace("\n", f"\n{headline}\n", 1)
        if self.show_sql:
            text += f"\n\n{a.sql}"
        return text

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self))


def refusal_html(question: str, message: str, suggestions: list[str]) -> str:
    """A refusal: what could not be answered and questions that can be (as ``%ask`` lines).

    >>> "%ask GMV by channel" in refusal_html("weather?", "no metric", ["GMV by channel"])
    True
    """
    return html.render(
        "refusal.html",
        question=question,
        message=message,
        suggestions=suggestions,
        prefix="%ask ",
        heading="Could not answer",
        style=True,
    )


@dataclass
class ErrorView:
    """An error shown to a business user: the message and what to do, never a traceback."""

    question: str
    message: str
    hint: str = ""

    def _repr_html_(self) -> str:
        return html.render(
            "error.html", question=self.question, message=self.message, hint=self.hint
        )

    def __repr__(self) -> str:
        return f"Could not answer {self.question!r}: {self.message}" + (
            f"\n{self.hint}" if self.hint else ""
        )

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self))
