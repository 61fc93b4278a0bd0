"""Turn an ``nl2sql`` Answer into one rich display: interpretation, chart, table, folded SQL.

Why one module: the ``%ask`` magics and anything else that shows an answer in a notebook
(reports, the getting-started tour) render it the same way. Charts are embedded as SVG made by
vl-convert on the kernel side, so they show in JupyterLab, in nbconvert HTML reports and
offline, with no JavaScript or CDN. Everything user- or data-derived is HTML-escaped.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from functools import partial
from typing import Any

log = logging.getLogger("orderlens.rendering")
_text = partial(html.escape, quote=False)  # text nodes only: attribute values never built

_STYLE = (
    "<style>.orderlens-answer{font-family:system-ui,sans-serif;max-width:960px}"
    ".orderlens-answer .ol-interp{font-size:1.05em;margin:.2em 0 .6em}"
    ".orderlens-answer .ol-muted{color:#6b7780;font-size:.9em}"
    ".orderlens-answer svg{max-width:100%;height:auto}"
    ".orderlens-answer pre{white-space:pre-wrap;background:#f1f3f5;padding:6px}"
    ".orderlens-refusal{border-left:4px solid #d97706;padding:.4em .8em}"
    ".orderlens-error{border-left:4px solid #b42318;padding:.4em .8em}</style>"
)


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
        df = a.df
        shown = df.head(self.max_rows)
        table = shown.to_html(index=False, border=0, escape=True, na_rep="", max_cols=50)
        more = (
            f"{len(df)} rows, first {len(shown)} shown"
            if len(df) > len(shown)
            else f"{len(df)} rows"
        )
        sql_open = " open" if self.show_sql else ""
        # an order question's status trace card (lab.trace renders it with autoescape)
        card = getattr(a, "card_html", None) or ""
        return (
            f'{_STYLE}<div class="orderlens-answer">'
            f'<p class="ol-interp">{_text(a.interpretation or "")}</p>'
            f'{card}<div class="ol-chart">{self._svg}</div>'
            f'{table}<p class="ol-muted">{more} · engine {_text(str(a.engine))}</p>'
            f"<details{sql_open}><summary>SQL</summary><pre>{_text(a.sql or '')}</pre>"
            "</details></div>"
        )

    def __repr__(self) -> str:
        a = self.answer
        if getattr(a, "refused", False) or getattr(a, "error", None):
            tips = "".join(f"\n  - {s}" for s in getattr(a, "suggestions", None) or [])
            why = getattr(a, "reason", "") or a.error or ""
            return f"Could not answer {a.question!r}: {why}" + (f"\nTry:{tips}" if tips else "")
        text = f"{a.interpretation or ''}\n{a.df.head(self.max_rows).to_string(index=False)}"
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
    items = "".join(f"<li><code>%ask {_text(s)}</code></li>" for s in suggestions)
    tips = f"<p>Try one of these:</p><ul>{items}</ul>" if items else ""
    return (
        f'{_STYLE}<div class="orderlens-refusal"><p>Could not answer '
        f"<b>{_text(question)}</b>: {_text(message)}</p>{tips}</div>"
    )


@dataclass
class ErrorView:
    """An error shown to a business user: the message and what to do, never a traceback."""

    question: str
    message: str
    hint: str = ""

    def _repr_html_(self) -> str:
        hint = f"<p>{_text(self.hint)}</p>" if self.hint else ""
        return (
            f'{_STYLE}<div class="orderlens-error"><p>Could not answer '
            f"<b>{_text(self.question)}</b>: {_text(self.message)}</p>{hint}</div>"
        )

    def __repr__(self) -> str:
        return f"Could not answer {self.question!r}: {self.message}" + (
            f"\n{self.hint}" if self.hint else ""
        )

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self))
