"""An answer with no data for a value the question only named in part is refused.

Why: a partial name ("Boston", "Atlanta") or a near spelling reaches the one value it fits in
the warehouse's lookup tables — often a row of a table that lists every airport, store or
product, most of which the facts never mention ("Harbor" fits only "Harbor Street Depot",
a depot no bike is rented from; the dock is "Old Harbor Pier Dock"). The
answer was then an empty table, a NULL or 0, shown as if it were data: a wrong answer. A value
typed in full that has no data is a true answer (0 cancelled rides) and stays.

The refusal offers the other values of that dimension whose names contain the typed word
(runnable questions, in the question's own words), else the way to name the value as the data
does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from nl2sql.vocabulary.values import attached_values
from semantic_layer.catalog import Catalog

#: alternative readings offered per refusal
MAX_OFFERED = 3


def has_no_data(df: pd.DataFrame | None, metrics: tuple[str, ...] | list[str]) -> bool:
    """Whether ``df`` holds no data: no rows, or one total row whose metrics are all NULL or 0.

    >>> has_no_data(pd.DataFrame({"flights": [0]}), ["flights"])
    True
    >>> has_no_data(pd.DataFrame({"avg": [None]}), ["avg"])
    True
    >>> has_no_data(pd.DataFrame({"flights": [12]}), ["flights"])
    False
    """
    if df is None or df.empty:
        return True
    if len(df) != 1:
        return False
    cols = [c for c in df.columns if c in set(metrics)] or list(df.columns)
    return all(pd.isna(v) or v == 0 for v in df.iloc[0][cols])


def _values_of(catalog: Catalog, dim: str) -> tuple[str, ...]:
    d = catalog.dimension(dim)
    if d is not None and d.values:
        return tuple(str(v) for v in d.values)
    values, roles = attached_values(catalog)
    for base, names in roles.items():
        if dim in names:
            return values.get(base, ())
    return values.get(dim, ())


def _containing(catalog: Catalog, dim: str, typed: str, guessed: str) -> list[str]:
    """Other values of ``dim`` with the typed word in their name, as a whole word."""
    word = re.compile(rf"(?<![\w]){re.escape(typed)}(?![\w])", re.IGNORECASE)
    found = [v for v in _values_of(catalog, dim) if v != guessed and word.search(v)]
    return found[:MAX_OFFERED]


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: text


def refuse_empty_guess(answer: Any, plan: Any, catalog: Catalog) -> bool:
    """Turn ``answer`` into a refusal when it has no data and a filter value was guessed from
    part of a name (``plan.guessed_values``: typed text, dimension, value). Returns whether
    it did."""
    guessed = getattr(plan, "guessed_values", ())
    if not guessed or plan.query is None:
        return False
    if not has_no_data(answer.df, list(plan.query.metrics)):
        return False
    typed, dim, value = guessed[0]
    others = _containing(catalog, dim, typed, value)
    question = answer.question
    pattern = re.compile(re.escape(typed), re.IGNORECASE)
    # a function replacement: a value's own backslashes are never read as group references
    answer.suggestions = [pattern.sub(_literal(o), question, count=1) for o in others]
    error = (
        f"'{typed}' was read as '{value}' (it only fits part of that name), which has no data "
        "here; name the value as the data spells it"
        + (f", e.g. {', '.join(others)}" if others else "")
    )
    zh = (
        f"“{typed}”被理解为“{value}”（只与名称的一部分相符），而它在这里没有数据；"
        "请按数据中的写法说出取值" + (f"，例如：{'、'.join(others)}" if others else "")
    )
    answer.refused, answer.error = True, error
    answer.reason = zh if plan.lang == "zh" else error
    answer.df = None
    return True
