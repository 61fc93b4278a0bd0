"""Human labels and value formats of result columns, the derived share / change columns included.

Why one place: the Ask page table and chart, the CSV/Excel headers, ``%ask``, ``Answer``'s text
and HTML and the CLI all show the same columns. Metric and dimension columns are named by the
catalog (:func:`nl2sql.interpret.metric_label` / ``item_label``); the columns
:mod:`nl2sql.derived` adds to a result (``<metric>__share``, ``<metric>__previous``,
``<metric>__growth``) are named from their metric's label in the question's language, and take
the format of what they hold: a share or a growth is a ratio (percent), the previous period's
value is the metric's own (currency, number...).

>>> split_derived("gmv__growth"), split_derived("order__channel")
(('gmv', 'growth'), ('order__channel', None))
"""

from __future__ import annotations

import math
from typing import Any

from nl2sql.cells import json_value
from nl2sql.interpret import item_label, metric_label
from nl2sql.rules.units import converted_label
from semantic_layer.catalog import Catalog

#: what each derived suffix holds (the columns nl2sql.derived adds per metric)
DERIVED_SUFFIXES = ("share", "previous", "growth", "ratio", "difference", "rows", "max", "min")

#: label templates per (suffix, comparison kind) and language; kind None = not known
_TEMPLATES: dict[tuple[str, str | None], dict[str, str]] = {
    ("share", None): {"zh": "{m} 占比", "en": "{m} share of total"},
    ("previous", "pop"): {"zh": "上期{m}", "en": "{m} previous period"},
    ("previous", "yoy"): {"zh": "去年同期{m}", "en": "{m} same period last year"},
    ("previous", None): {"zh": "对比期{m}", "en": "{m} comparison period"},
    ("growth", "pop"): {"zh": "{m} 环比", "en": "{m} growth"},
    ("growth", "yoy"): {"zh": "{m} 同比", "en": "{m} growth year over year"},
    ("growth", None): {"zh": "{m} 增长率", "en": "{m} growth"},
    ("ratio", None): {"zh": "{m} 倍数", "en": "{m} ratio"},
    ("difference", None): {"zh": "{m} 差值", "en": "{m} difference"},
}


def split_derived(column: str) -> tuple[str, str | None]:
    """``(metric, suffix)`` of a derived column, ``(column, None)`` for any other column."""
    base, sep, suffix = column.rpartition("__")
    if sep and base and suffix in DERIVED_SUFFIXES:
        return base, suffix
    return column, None


def column_label(catalog: Catalog, column: str, lang: str, change: str | None = None) -> str:
    """How to head ``column`` for a reader of ``lang`` ("zh" | "en").

    ``change`` is the comparison of a change answer ("pop": against the previous period, "yoy":
    against the same period a year earlier; None when not known), which tells "上期GMV" from
    "去年同期GMV" and "GMV 环比" from "GMV 同比".
    """
    lang = "zh" if lang == "zh" else "en"
    converted = converted_label(catalog, column, lang)  # "distance in km (converted from miles)"
    if converted is not None:
        return converted
    base, suffix = split_derived(column)
    if suffix == "rows":  # how many things meet a condition (nl2sql.derived kind ``rows``)
        thing = item_label(catalog, base, lang)
        return f"{thing}数" if lang == "zh" else f"Number of {thing}"
    if suffix in ("max", "min"):  # a dimension's extreme (nl2sql.derived kind ``extreme``)
        return _extreme_label(catalog, base, suffix, lang)
    if suffix is not None and catalog.metric(base) is not None:
        kind = change if suffix in ("previous", "growth") and change in ("pop", "yoy") else None
        return _TEMPLATES[(suffix, kind)][lang].format(m=metric_label(catalog, base, lang))
    if catalog.metric(column) is not None:
        return metric_label(catalog, column, lang)
    return item_label(catalog, column, lang)


def _extreme_label(catalog: Catalog, dim: str, which: str, lang: str) -> str:
    """ "Latest Ride Date" / "最晚的Ride Date" for a date, "Largest Seats" for a number."""
    d = catalog.dimension(dim.removesuffix("__day"))
    label = item_label(catalog, dim.removesuffix("__day"), lang)
    timed = d is not None and d.dim_type == "time"
    if lang == "zh":
        word = (
            ("最晚" if which == "max" else "最早")
            if timed
            else ("最大" if which == "max" else "最小")
        )
        return f"{word}的{label}"
    word = (
        ("Latest" if which == "max" else "Earliest")
        if timed
        else ("Largest" if which == "max" else "Smallest")
    )
    return f"{word} {label}"


def column_format(catalog: Catalog, column: str) -> str:
    """How to show ``column``'s values: ``number`` | ``percent`` | ``currency`` | ``text``."""
    base, suffix = split_derived(column)
    if suffix == "rows":
        return "number"
    if suffix in ("max", "min"):
        d = catalog.dimension(base.removesuffix("__day"))
        return "text" if d is not None and d.dim_type == "time" else "number"
    metric = catalog.metric(base if suffix is not None else column)
    if metric is None and converted_label(catalog, column, "en") is not None:
        return "number"  # a converted quantity (a currency is never converted)
    if metric is None:
        return "text"
    if suffix in ("share", "growth"):
        return "percent"
    if suffix == "ratio":
        return "number"  # "几倍": times, not a percentage
    return metric.value_format


def column_display(
    catalog: Catalog, columns: list[str], lang: str, change: str | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """``(labels, formats)`` of every column of a result, keyed by column name."""
    labels = {c: column_label(catalog, c, lang, change) for c in columns}
    formats = {c: column_format(catalog, c) for c in columns}
    return labels, formats


def format_value(value: Any, fmt: str, lang: str = "en") -> str:
    """One value for reading in ``fmt``: ``¥1,543,070.40`` / ``-¥12.50`` (currency), ``12.3%``
    (percent), ``1,234`` / ``1,234.57`` (number: thousands separators, a whole number without
    decimals, any other with 2), blank for a missing value; text as it is.

    The Ask page formats by the same rule (``fmt`` in ``lab/server/static/app.js``); a whole
    float (``3.0``) reads as ``3`` because the page cannot tell it from ``3`` once it is JSON.
    Both are tested on one table of cases (``tests/fixtures/value_formats.json``).

    >>> [format_value(v, f) for v, f in ((1543070.4, "currency"), (0.1234, "percent"),
    ...                                   (1234, "number"), (None, "percent"), ("jd", "text"))]
    ['¥1,543,070.40', '12.3%', '1,234', '', 'jd']
    >>> format_value(-0.05, "percent")
    '-5.0%'
    """
    plain = json_value(value)
    if plain is None:
        return ""
    if isinstance(plain, bool) or not isinstance(plain, int | float):
        return str(plain)
    if not math.isfinite(plain):
        return ""
    if fmt == "percent":
        return f"{plain * 100:,.1f}%"
    if fmt == "currency":
        return f"¥{plain:,.2f}" if plain >= 0 else f"-¥{-plain:,.2f}"
    return f"{int(plain):,}" if isinstance(plain, int) or plain.is_integer() else f"{plain:,.2f}"
