"""Execution accuracy: does the engine's result set equal the gold result set?

Why result sets and not SQL: many SQL texts are right, one set of rows is. The comparison is
order-insensitive unless the question asks for an order (``ordered: true``), ignores column
names (the engine names columns after the model; gold SQL after the data), allows the answer
extra columns (a label beside a key, the metric a top-N was ranked by) but never extra or
missing rows, and compares numbers with a relative tolerance (float sums differ in the last
digits with summation order). Dates and midnight timestamps compare equal.

Why the answer's *first* metric must be the gold's number: "orders with returns" answered as
Orders and Returns side by side matched the gold count with its second column, while the user
reads the first number, about all orders, as the answer. When the caller names the answer's
metrics in the query's order, a gold value matched by a metric column must be matched by the
first one: an unasked metric may follow the asked one ("net profit of customers born in X"
showing the customers' count after the net profit), never lead it. A top-N's ranking metric
beside a gold list of keys stays allowed (the gold then matches no metric column), and so
does a label beside a key.

>>> import pandas as pd
>>> gold = pd.DataFrame({"carrier": ["UA", "AA"], "n": [3, 2]})
>>> same_result(gold, pd.DataFrame({"name": ["AA", "UA"], "flights": [2.0, 3.0]}))
True
>>> same_result(gold, pd.DataFrame({"name": ["AA", "UA"], "flights": [2, 4]}))
False
>>> two = pd.DataFrame({"name": ["AA", "UA"], "seats": [9, 9], "flights": [2, 3]})
>>> same_result(gold, two), same_result(gold, two, metric_columns=["seats", "flights"])
(True, False)
>>> same_result(gold, two, metric_columns=["flights", "seats"])  # the asked metric leads
True
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

REL_TOL = 1e-6
ABS_TOL = 1e-6
MAX_MAPPINGS = 5_000


def normalise(value: Any) -> Any:
    """One comparable form per cell: None, float, ISO date/time string or stripped string."""
    if value is None or value is pd.NaT or value is pd.NA:  # pd.NA: a nullable integer column
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float | decimal.Decimal):
        return float(value)
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return normalise(value.item())
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _cell_equal(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    return a == b


def _sort_key(value: Any) -> tuple[int, Any]:
    """Why a float sorts by its own value, not rounded: rounded to 6 digits, 1290782.26 and
    1290784.00 tied, kept their input order, and two equal results listed in different row
    orders (900 sales totals by item id) compared pairwise as different — a right answer
    scored wrong. Values equal within the tolerance still sort next to each other."""
    if value is None:
        return (0, "")
    if isinstance(value, float):
        return (1, value)
    return (2, value)


def _columns(df: pd.DataFrame) -> list[list[Any]]:
    return [[normalise(v) for v in df.iloc[:, i].tolist()] for i in range(df.shape[1])]


def _same_column_values(a: list[Any], b: list[Any], ordered: bool) -> bool:
    if not ordered:
        a, b = sorted(a, key=_sort_key), sorted(b, key=_sort_key)
    return all(_cell_equal(x, y) for x, y in zip(a, b, strict=True))


def _same_rows(rows_a: list[tuple], rows_b: list[tuple], ordered: bool) -> bool:
    if not ordered:
        key = lambda row: tuple(_sort_key(v) for v in row)  # noqa: E731
        rows_a, rows_b = sorted(rows_a, key=key), sorted(rows_b, key=key)
    return all(
        all(_cell_equal(x, y) for x, y in zip(ra, rb, strict=True))
        for ra, rb in zip(rows_a, rows_b, strict=True)
    )


def _unasked_lead(mapping: Sequence[int], metric_at: list[int]) -> bool:
    """Whether the gold matches a metric column but not the answer's first metric."""
    matched = set(mapping)
    return bool(metric_at) and bool(matched & set(metric_at)) and metric_at[0] not in matched


def same_result(
    gold: pd.DataFrame,
    answer: pd.DataFrame,
    *,
    ordered: bool = False,
    metric_columns: Sequence[str] = (),
) -> bool:
    """True when ``answer`` holds exactly the rows of ``gold`` (extra answer columns allowed,
    but not an unasked metric before the gold's: see the module docstring).

    Each gold column is matched to a distinct answer column with the same values; every
    assignment consistent column by column is then checked row by row, so two columns with
    equal values in a different pairing do not pass. ``metric_columns`` names the answer's
    metric columns in the semantic query's order; empty, no column counts as a metric.
    """
    if len(gold) != len(answer) or answer.shape[1] < gold.shape[1]:
        return False
    gold_cols, answer_cols = _columns(gold), _columns(answer)
    candidates: list[list[int]] = []
    for g in gold_cols:
        fits = [j for j, a in enumerate(answer_cols) if _same_column_values(g, a, ordered=ordered)]
        if not fits:
            return False
        candidates.append(fits)
    gold_rows = list(zip(*gold_cols, strict=True)) if gold_cols else []
    names = [str(c) for c in answer.columns]
    metric_at = [names.index(m) for m in metric_columns if m in names]
    for mapping in itertools.islice(itertools.product(*candidates), MAX_MAPPINGS):
        if len(set(mapping)) != len(mapping) or _unasked_lead(mapping, metric_at):
            continue
        picked = [answer_cols[j] for j in mapping]
        answer_rows = list(zip(*picked, strict=True)) if picked else []
        if _same_rows(gold_rows, answer_rows, ordered=ordered):
            return True
    return False


def describe(df: pd.DataFrame | None, limit: int = 3) -> str:
    """A short printable form of a result for the per-question report."""
    if df is None:
        return "-"
    rows: Sequence[Sequence[Any]] = df.head(limit).itertuples(index=False, name=None)
    shown = "; ".join(", ".join(str(normalise(v)) for v in row) for row in rows)
    more = f" (+{len(df) - limit} rows)" if len(df) > limit else ""
    return f"[{', '.join(map(str, df.columns))}] {shown}{more}"
