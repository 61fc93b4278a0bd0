"""A ratio metric whose numerator or denominator names a measure instead of a metric.

Why: MetricFlow before dbt (and many projects written from its examples) took a ratio's
``numerator`` / ``denominator`` as *measures*; dbt's spec takes metrics. Public projects still
ship the old form (a bakery's ``loaf_rate`` over the measures ``loaves_sold`` /
``orders_count``), and the loader refused the whole project with "numerator `loaves_sold` is
not a metric" although the owner's meaning is plain: the measure's own aggregation.

What this does, as dbt-semantic-interfaces itself does for a cumulative or conversion metric
that names a measure (``ReplaceInputMeasuresWithSimpleMetricsTransformationRule``): the input
is pointed at the published simple metric that aggregates exactly that measure (no filter, no
``fill_nulls_with``, no ``join_to_timespine``), or, when none does, at a simple metric made
over the measure under the measure's name (hidden from the catalogue as dbt's made metrics
are; ``semantic_layer.implied`` then offers it as an implied metric, as for any measure with no
metric). A warning names every input so read.

Not done: a name that is a metric (the metric wins, as in dbt), a name that is a measure of two
semantic models (ambiguous: the "is not a metric" error stays), a name that is neither, and
derived metrics (MetricFlow never took measures there).
"""

from __future__ import annotations

from typing import Any

from dbt_semantic_interfaces.implementations.metric import (
    PydanticMetric,
    PydanticMetricInputMeasure,
    PydanticMetricTypeParams,
)
from dbt_semantic_interfaces.type_enums import MetricType

from semantic_layer.issues import IssueCollector


def _plain_simple_over(metrics: list[PydanticMetric], measure: str) -> str | None:
    """The first published simple metric that is exactly ``measure``'s own aggregation."""
    for m in metrics:
        tp = m.type_params
        mi = tp.measure
        if (
            m.type is MetricType.SIMPLE
            and mi is not None
            and mi.name == measure
            and m.filter is None
            and mi.filter is None
            and tp.fill_nulls_with is None
            and mi.fill_nulls_with is None
            and not tp.join_to_timespine
            and not mi.join_to_timespine
        ):
            return str(m.name)
    return None


def _made_metric(measure: Any) -> PydanticMetric:
    """A simple metric over the measure, named after it (MetricFlow's ``create_metric``)."""
    mi = PydanticMetricInputMeasure(name=measure.name)
    return PydanticMetric(
        name=measure.name,
        description=measure.description,
        label=getattr(measure, "label", None),
        type=MetricType.SIMPLE,
        type_params=PydanticMetricTypeParams(measure=mi, input_measures=[mi]),
    )


def read_measure_inputs(
    sms: list[Any],
    metrics: list[PydanticMetric],
    origins: dict[tuple[str, str], str],
    col: IssueCollector,
) -> list[PydanticMetric]:
    """``metrics`` with every ratio input that names a measure pointed at a metric over it.

    Returns the metrics plus any made ones; ratio inputs are renamed in place. A made metric is
    not put in ``origins``, so ``build_model`` keeps it hidden like dbt's own made metrics.
    """
    names = {str(m.name) for m in metrics}
    owners: dict[str, list[Any]] = {}
    for sm in sms:
        for ms in sm.measures:
            owners.setdefault(str(ms.name), []).append(ms)
    made: list[PydanticMetric] = []
    for m in metrics:
        if m.type is not MetricType.RATIO:
            continue
        for part in ("numerator", "denominator"):
            inp = getattr(m.type_params, part)
            if inp is None or inp.name in names or len(owners.get(inp.name, ())) != 1:
                continue
            measure = owners[inp.name][0]
            target = _plain_simple_over(metrics, inp.name)
            fix = f"write `{part}: {target}` (a metric), as dbt's spec asks"
            if target is None:
                made.append(_made_metric(measure))
                names.add(inp.name)
                target = inp.name
                fix = f"define a simple metric over measure `{target}` and name it here"
            col.warn(
                origins.get(("metric", str(m.name)), ""),
                m.metadata.file_slice.start_line_number if m.metadata else None,
                f"metric `{m.name}`",
                f"{part} `{inp.name}` names a measure, not a metric (MetricFlow's older ratio "
                f"form); read as the measure's own aggregation (metric `{target}`)",
                fix,
            )
            inp.name = target
    return [*metrics, *made]
