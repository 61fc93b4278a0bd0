"""The chart of an answer: the result folded and labelled as the chart sees it, then drawn.

Why its own module: :func:`nl2sql.ask` understands, compiles, guards and runs a question; how
its rows become a chart — an entity's name columns folded into its key, labels in the
question's language, values in the unit asked for, the chart kind chosen for the result's
shape — is presenting, a job of its own (and the chart libraries load only when one is drawn).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from nl2sql.answer import Answer
from nl2sql.interpret import item_label, metric_label
from nl2sql.rules.naming import name_pairs
from nl2sql.rules.units import UnitConversion, in_asked_unit
from semantic_layer.catalog import Catalog


def _chart_frame(df: pd.DataFrame, query: Any, catalog: Catalog) -> tuple[pd.DataFrame, Any]:
    """The result as the chart sees it: an entity's name columns folded into its key column
    ("薇诺娜 防晒霜 V31 (SKU-0022)"), so a key shown with its name is one axis, not two."""
    pairs = name_pairs(catalog, list(query.group_by))
    if not pairs or df is None:
        return df, query
    frame = df.copy()
    dropped: list[str] = []
    for key, names in pairs.items():
        if key not in frame.columns or not all(n in frame.columns for n in names):
            continue
        # a NULL name or key (no match in the joined table) is shown empty, never a crash
        shown = frame[names].fillna("").astype(str).agg(" ".join, axis=1)
        frame[key] = shown + " (" + frame[key].fillna("").astype(str) + ")"
        dropped += names
    frame = frame.drop(columns=dropped)
    keep = [g for g in query.group_by if g not in dropped]
    return frame, query.model_copy(update={"group_by": keep})


def add_chart(
    answer: Answer,
    query: Any,
    catalog: Catalog,
    lang: str,
    model: Any,
    today: dt.date,
    conversions: tuple[UnitConversion, ...] = (),
) -> None:
    """Attach the chart chosen for the result's shape (a chart problem never loses the answer):
    codes by their display names, top 20 + others for additive metrics, the last period marked
    partial when it ends on or after ``today`` (:mod:`nl2sql.chart_context`), values in the
    unit the question asked for (``conversions``)."""

    # charts load only for an answer that is drawn (--json, --chart, the page, notebooks)
    from nl2sql import charts
    from nl2sql.chart_context import chart_options

    frame, query = _chart_frame(answer.df, query, catalog)
    labels = {g: item_label(catalog, g, lang) for g in query.group_by}
    labels.update({m: metric_label(catalog, m, lang) for m in query.metrics})
    labels.update({c: answer.column_labels[c] for c in frame.columns if c in answer.column_labels})
    frame = in_asked_unit(frame, labels, conversions)
    try:
        options = chart_options(model, catalog, query, lang, today)
        title = answer.headline or answer.interpretation
        answer.chart = charts.choose_chart(frame, query, title, labels, options)
    except Exception as exc:  # any chart failure is a note, not an error
        answer.notes.append(f"no chart: {exc}")
