"""Implied metrics: a measure the owner aggregated but published under no metric.

Why (session 11, reversing the session-8 decision): on real dbt projects the largest structural
refusal class was a measure with no ``create_metric: true`` and no simple metric of its own
("number of articles", "goals in 2023", "average kWh per visit", the ``visitors`` / ``buyers``
inputs of a conversion metric). A user does not know what a metric is; the owner *did* define
the aggregation (``agg``, ``expr``, ``agg_time_dimension``, ``non_additive_dimension``,
``agg_params``). Such a measure becomes a simple metric marked ``implied``: ``ask`` may answer it
(the interpretation says it is a measure the model publishes no metric for), with lower priority
than any published metric; ``orderlens query`` still refuses it, as MetricFlow does (a
MetricFlow query names metrics only), so what ``query`` answers stays what MetricFlow answers.

Not implied: a measure any visible simple metric already aggregates (filtered or not: its
published reading is the metric), a measure whose name a published metric already uses, and a
measure under a metric the author hid (``hidden: true``: the owner said not to offer it).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dbt_semantic_interfaces.implementations.metric import (
    PydanticMetric,
    PydanticMetricAggregationParams,
    PydanticMetricInputMeasure,
    PydanticMetricTypeParams,
)
from dbt_semantic_interfaces.type_enums import MetricType

from semantic_layer.model import MetricDef, NonAdditive, SimpleSpec


def _measure_of(m: MetricDef) -> str:
    """The measure a simple metric aggregates ("" for any other metric)."""
    if m.type != "simple":
        return ""
    measure = getattr(m.pydantic.type_params, "measure", None)
    return str(measure.name) if measure is not None else ""


def _non_additive(nad: Any) -> NonAdditive | None:
    """dbt's ``non_additive_dimension`` as the compiler reads it (``window_choice``: min)."""
    if nad is None:
        return None
    choice = getattr(nad.window_choice, "value", nad.window_choice) or "min"
    return NonAdditive(nad.name, str(choice).lower(), tuple(nad.window_groupings or ()))


def _spec(node: str, default_time: str | None, ms: Any) -> SimpleSpec:
    """The measure's own aggregation, exactly as a simple metric over it would compile."""
    params = ms.agg_params
    return SimpleSpec(
        node=node,
        agg=ms.agg.value,
        expr=ms.expr or ms.name,
        agg_time=ms.agg_time_dimension or default_time,
        percentile=params.percentile if params else None,
        discrete_percentile=bool(params and params.use_discrete_percentile),
        non_additive=_non_additive(ms.non_additive_dimension),
        approximate_percentile=bool(params and params.use_approximate_percentile),
    )


def _pydantic(node: str, ms: Any, pm: Any) -> PydanticMetric:
    """A dbt simple metric over the measure (what ``create_metric: true`` would have made)."""
    measure = PydanticMetricInputMeasure(name=ms.name)
    return PydanticMetric(
        name=ms.name,
        description=ms.description,
        label=ms.label,
        type=MetricType.SIMPLE,
        type_params=PydanticMetricTypeParams(
            measure=measure,
            input_measures=[measure],
            expr=ms.expr or ms.name,
            metric_aggregation_params=PydanticMetricAggregationParams(
                semantic_model=node,
                agg=pm.agg,
                agg_params=pm.agg_params,
                agg_time_dimension=pm.agg_time_dimension,
                non_additive_dimension=pm.non_additive_dimension,
            ),
        ),
    )


def add_implied_metrics(
    manifest: Any,
    metrics: dict[str, MetricDef],
    authored: dict[str, Any],
    author_hidden: set[str],
) -> None:
    """Add (or unhide) an implied metric for every measure the owner published no metric for.

    ``authored`` holds the measures as written (``count`` stays ``count``). A hidden metric
    dbt's transformations made from a conversion or ratio input of the same name is kept as it
    compiles there and only marked implied.
    """
    published = {
        _measure_of(m) for m in metrics.values() if not m.hidden or m.name in author_hidden
    }
    taken = {k.lower() for k, m in metrics.items() if not m.hidden or m.name in author_hidden}
    for sm in manifest.semantic_models:
        for pm in sm.measures:  # transformed: dbt's aggregation params for the pydantic object
            ms = authored.get(pm.name, pm)
            if ms.name in published or ms.name.lower() in taken:
                continue
            made = metrics.get(ms.name)
            if made is not None and made.simple is not None and _measure_of(made) == ms.name:
                metrics[ms.name] = replace(made, hidden=False, implied=True)
                continue
            default_time = sm.defaults.agg_time_dimension if sm.defaults else None
            metrics[ms.name] = MetricDef(
                name=ms.name,
                type="simple",
                pydantic=_pydantic(sm.name, ms, pm),
                file="",
                label=ms.label,
                description=ms.description,
                meta=dict(ms.config.meta) if getattr(ms, "config", None) else {},
                simple=_spec(sm.name, default_time, ms),
                implied=True,
            )


def implied_names(model: Any, names: list[str]) -> list[str]:
    """The names among ``names`` that are implied metrics of ``model`` (case-insensitive) and
    not metrics of dbt's manifest: an input dbt's transformations already made a (hidden)
    metric of, as MetricFlow does, stays queryable as before."""
    folded = {k.lower(): m for k, m in model.metrics.items()}
    manifest = {str(m.name).lower() for m in model.manifest.metrics}
    return [
        n
        for n in names
        if (m := folded.get(n.lower())) is not None and m.implied and n.lower() not in manifest
    ]


def implied_refusal(names: list[str]) -> str:
    """Why ``orderlens query`` refuses an implied metric, and the two ways on.

    >>> print(implied_refusal(["buyers"]))  # doctest: +NORMALIZE_WHITESPACE
    `buyers` is a measure the model publishes no metric for: `orderlens query` names metrics
    only, as MetricFlow does. Publish it with `create_metric: true` on the measure, or ask a
    question that names it (`orderlens ask "buyers"`)
    """
    listed = ", ".join(f"`{n}`" for n in names)
    return (
        f"{listed} {'is a measure' if len(names) == 1 else 'are measures'} the model publishes "
        "no metric for: `orderlens query` names metrics only, as MetricFlow does. Publish it "
        f"with `create_metric: true` on the measure, or ask a question that names it "
        f'(`orderlens ask "{names[0]}"`)'
    )
