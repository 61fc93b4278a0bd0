"""A value said before another dimension's noun must describe the things listed, or it is refused.

Why: "revenue of medium cities" / 中型城市的收入, where *medium* is a lot capacity tier and *city*
another column of the lots, was answered as the medium lots' revenue in each city — listed as
each "medium city's" revenue, while every city there also has small or large lots (issue #12,
a wrong answer). Whether a value describes the noun after it is a fact of the data: "CA
cities" are cities whose every row is in CA (a city has one state), and filtering by the state
then grouping by city is exactly their revenue. So after the answer runs, one more query asks
the same metrics by the noun's dimension *and* the value's dimension, without the value's
condition: when a listed thing also has figures under another value, the answer shows only a
part of each thing, and it is refused, offering the value's total and the breakdown without
it (never the refused reading). A check that cannot run leaves the answer as it is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from nl2sql.guard import run_guarded
from nl2sql.interpret import item_label, metric_label
from semantic_layer import compile_query
from semantic_layer.catalog import Catalog


def _mixed(df: pd.DataFrame, group: str, dim: str, values: set[str], metrics: list[str]) -> bool:
    """Whether a thing of ``group`` with one of ``values`` of ``dim`` also has figures (not
    null, not 0) under another value.

    >>> df = pd.DataFrame({"g": ["a", "a", "b"], "d": ["m", "s", "m"], "x": [5, 2, 4]})
    >>> _mixed(df, "g", "d", {"m"}, ["x"])
    True
    >>> _mixed(df[df["g"] == "b"], "g", "d", {"m"}, ["x"])
    False
    """
    said = df[dim].astype(str).isin(values)
    listed = set(df.loc[said, group])
    others = df[~said & df[group].isin(listed)]
    figures = others[[m for m in metrics if m in others.columns]]
    return bool((figures.notna() & (figures != 0)).any(axis=None))


def _period(span: Any, lang: str) -> str:
    """The question's period written out as dates ("from 2024-03-01 to 2024-03-31"), "" for
    none; a period open at one end is not written (the suggestion would widen it)."""
    if span is None:
        return ""
    if span.start is None or span.end is None:
        raise ValueError("open period")
    last = span.end - dt.timedelta(days=1)
    return f"{span.start}至{last}" if lang == "zh" else f" from {span.start} to {last}"


def _texts(
    catalog: Catalog, metric: str, dim: str, group: str, value: str, lang: str, span: Any = None
) -> list[str]:
    """The two suggestions (the value's total, the breakdown without it), the question's
    period kept: dropped, "revenue of medium cities last month" was offered all-time figures.

    >>> from semantic_layer.query import TimeRange
    >>> _period(TimeRange(start=dt.date(2024, 3, 1), end=dt.date(2024, 4, 1)), "en")
    ' from 2024-03-01 to 2024-03-31'
    """
    m, d, g = (
        metric_label(catalog, metric, lang),
        item_label(catalog, dim, lang),
        item_label(catalog, group, lang),
    )
    when = _period(span, lang)
    if lang == "zh":
        return [f"{when}{d}为{value}的{m}", f"{when}按{g}统计的{m}"]
    return [f"{m} where {d} is {value}{when}", f"{m} by {g}{when}"]


def refuse_undescribed(answer: Any, plan: Any, catalog: Catalog, sem_model: Any, con: Any) -> bool:
    """Refuse ``answer`` when a value said before another dimension's noun does not describe
    the things it lists (see the module). Returns whether it did."""
    base = plan.base
    pairs = getattr(plan, "described_groups", ())
    if not pairs or base is None or con is None or plan.derived is not None or base.having:
        return False
    for said, dim, group in pairs:
        cond = [f for f in base.filters if f.dimension == dim and f.op in ("=", "in")]
        if len(cond) != 1 or group not in base.group_by:
            continue
        values = {str(v) for v in cond[0].values}
        check = base.model_copy(
            update={
                "filters": [f for f in base.filters if f is not cond[0]],
                "group_by": [group, dim],
                "order_by": [],
                "limit": None,
            }
        )
        try:
            df = run_guarded(con, compile_query(sem_model, check).sql, plan.tables).df
        except Exception:  # a check that cannot run leaves the answer as it was
            continue
        if group not in df.columns or dim not in df.columns:
            continue
        if not _mixed(df, group, dim, values, list(base.metrics)):
            continue
        lang, value = plan.lang, sorted(values)[0]
        d_en, g_en = item_label(catalog, dim, "en"), item_label(catalog, group, "en")
        d_zh, g_zh = item_label(catalog, dim, "zh"), item_label(catalog, group, "zh")
        error = (
            f"'{said}' is a {d_en}, and each {g_en} listed also has rows of another {d_en}: "
            f"the figures would be only its '{said}' part, not the whole {g_en}; ask for the "
            f"total where {d_en} is {value}, or by {g_en} without it"
        )
        reason = (
            f"“{said}”是{d_zh}的取值，而列出的每个{g_zh}也有其他{d_zh}的行，结果只会是各{g_zh}中"
            f"“{said}”的部分，并不是“{said}的{g_zh}”；可以改问{d_zh}为{value}的合计，或不加该条件"
            f"按{g_zh}统计"
        )
        answer.refused, answer.error = True, error
        answer.reason = reason if lang == "zh" else error
        try:
            texts = _texts(catalog, base.metrics[0], dim, group, value, lang, base.time_range)
        except ValueError:
            texts = []
        plain = not check.filters and len(base.metrics) == 1 and len(values) == 1
        answer.suggestions = texts if plain else []
        answer.df = None
        return True
    return False
