"""Answers as HTML, from Jinja templates only (autoescape on): one template set for every view.

Why templates and not f-strings: an answer used to be rendered to HTML twice, by f-strings in
``nl2sql.answer`` and ``lab.rendering``, each escaping (or forgetting to escape) by hand. Here
every user- or data-derived value goes through Jinja's autoescape; the only markup passed in as
trusted (:class:`markupsafe.Markup`) is what another renderer already escaped: the order card
(``lab.trace``'s autoescaped template) and the chart SVG (vl-convert). ``lab.rendering`` (the
``%ask`` display) and ``Answer._repr_html_`` both render ``answer.html`` / ``refusal.html``.

>>> print(render("refusal.html", question="<b>?", message="no metric", suggestions=["GMV"],
...              prefix="%ask ", heading="Could not answer", style=False))
<div class="orderlens-refusal"><p>Could not answer <b>&lt;b&gt;?</b>: no metric</p><p>Try one of these:</p><ul><li><code>%ask GMV</code></li></ul></div>
"""

from __future__ import annotations

import decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from nl2sql.columns import format_value

TEMPLATES = Path(__file__).with_name("templates")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja environment for answer HTML: autoescape on, undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template here is HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, **context: Any) -> str:
    """``template`` (a file in ``nl2sql/templates``) rendered with ``context``, stripped."""
    return environment().get_template(template).render(**context).strip()


def trusted(markup: str | None) -> Markup:
    """Markup another renderer already escaped (the order card, a vl-convert SVG)."""
    return Markup(markup or "")


def cell_text(value: Any) -> str:
    """One table cell for reading: thousands separators, at most 2 decimals, blank for missing.

    >>> [cell_text(v) for v in (1234567, 0.12345, decimal.Decimal("99.5"), None, float("nan"), "jd")]
    ['1,234,567', '0.12', '99.50', '', '', 'jd']
    """
    return format_value(value, "number")


def table_context(
    df: pd.DataFrame,
    max_rows: int,
    labels: dict[str, str] | None = None,
    formats: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What ``table.html`` shows: headers, the first ``max_rows`` rows as text, numeric columns.

    ``labels`` / ``formats`` (column -> header, column -> number | percent | currency | text,
    from :func:`nl2sql.columns.column_display`) head and format the table as the Ask page does
    (``¥1,543,070.40``, ``12.3%``); a column without them shows its name and plain numbers.
    """
    labels, formats = labels or {}, formats or {}
    shown = df.head(max_rows)
    numeric = [pd.api.types.is_numeric_dtype(shown[c]) for c in shown.columns]
    for i, c in enumerate(shown.columns):  # DECIMAL columns arrive as object dtype
        if not numeric[i] and len(shown):
            first = shown[c].dropna()
            numeric[i] = bool(len(first)) and isinstance(first.iloc[0], decimal.Decimal)
    fmts = [formats.get(str(c), "") for c in shown.columns]
    return {
        "headers": [labels.get(str(c), str(c)) for c in shown.columns],
        "rows": [
            [format_value(v, f) if f else cell_text(v) for v, f in zip(row, fmts, strict=True)]
            for row in shown.itertuples(index=False, name=None)
        ],
        "numeric": numeric,
        "total": len(df),
    }
