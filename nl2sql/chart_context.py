"""What a chart needs to know beyond the result: which metrics add up, the display names of
codes, the day the data is read on — one place for the Ask page, the CLI and ``%ask``.

Why here (below ``lab``): ``nl2sql.ask`` draws the chart of every answer (CLI ``--chart``,
notebooks) and the server redraws it as another kind; both must agree on what "others" may sum
and how ``jd`` is shown, and both read it from the semantic model and its catalog.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from nl2sql.chart_specs import ChartOptions
from nl2sql.normalize import has_cjk
from semantic_layer.catalog import Catalog, CatalogDimension

#: aggregations whose per-row values add up to the value of the rows together
ADDITIVE_AGGS = frozenset({"sum", "count", "sum_boolean"})
#: a derived metric whose formula only adds and subtracts other metrics
_SUM_FORMULA = re.compile(r"^[\w\s()+-]+$")


def value_names(dim: CatalogDimension | None, lang: str) -> dict[str, str]:
    """Display names of a dimension's codes in ``lang``: the first of each value's
    ``value_synonyms`` written in that language (``jd`` -> 京东 / JD); codes without one are
    left out (shown raw). The model already declares these words for the question engine.

    >>> dim = CatalogDimension("order__channel", "channel",
    ...                        value_synonyms={"jd": ("京东", "JD", "JD.com"), "pos": ()})
    >>> value_names(dim, "zh"), value_names(dim, "en")
    ({'jd': '京东'}, {'jd': 'JD'})
    """
    if dim is None:
        return {}
    names: dict[str, str] = {}
    for code, words in dim.value_synonyms.items():
        word = next((w for w in words if w and has_cjk(w) == (lang == "zh")), None)
        if word is not None and word != code:
            names[str(code)] = word
    return names


def additive_metrics(model: Any, names: list[str]) -> frozenset[str]:
    """The metrics among ``names`` whose rows may be summed: sums and counts, and derived
    metrics that only add or subtract such metrics. Rates, averages and distinct counts are
    not (ten SKUs' return rates do not add up to the "others" return rate)."""

    def additive(name: str, depth: int = 0) -> bool:
        metric = model.metrics.get(name)
        if metric is None or depth > 5:
            return False
        if metric.type == "simple" and metric.simple is not None:
            return metric.simple.agg in ADDITIVE_AGGS and not metric.simple.non_additive
        if metric.type == "derived":
            params = metric.pydantic.type_params
            inputs = params.metrics or []
            return (
                bool(inputs)
                and bool(_SUM_FORMULA.match(params.expr or ""))
                and all(not i.offset_window and not i.offset_to_grain for i in inputs)
                and all(additive(i.name, depth + 1) for i in inputs)
            )
        return False

    return frozenset(n for n in names if additive(n))


def chart_options(
    model: Any,
    catalog: Catalog,
    query: Any,
    lang: str,
    today: str | dt.date | None,
    kind: str | None = None,
    data_end: dt.date | None = None,
) -> ChartOptions:
    """The :class:`ChartOptions` of an answer to ``query``: additive metrics from the model,
    display names of the grouped codes in ``lang``, ``today`` for the partial last period."""
    display = {g: value_names(catalog.dimension(g), lang) for g in query.group_by}
    return ChartOptions(
        kind=kind,
        additive=additive_metrics(model, list(query.metrics)),
        today=dt.date.fromisoformat(today) if isinstance(today, str) else today,
        data_end=data_end,
        display={g: names for g, names in display.items() if names},
        lang=lang,
    )
