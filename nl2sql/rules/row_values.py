"""Metrics that agree on one row: "pickup wait" as the average or the median wait.

Why: a model often defines several statistics of one column (average and median pickup
wait). Asked for all rides they differ, so the word is ambiguous and refused; asked of each
ride ("rides with a pickup wait over 1 hour") every one of them is that ride's own
value. The choice is provisional: ``nl2sql.rules.row_conditions`` keeps it only when the
question is read as a condition on each row, and the ambiguity is refused otherwise.
"""

from __future__ import annotations

from semantic_layer.catalog import Catalog

#: aggregations whose value over one row is that row's value
ROW_VALUE_AGGS = frozenset({"sum", "average", "avg", "min", "max", "median", "percentile"})


def same_row_value(catalog: Catalog, names: list[str]) -> bool:
    """Whether the metrics ``names`` aggregate one column of the same rows with aggregations
    that all equal the row's value on a single row.

    >>> from semantic_layer.catalog import Catalog, CatalogMetric as M
    >>> cat = Catalog(metrics=(
    ...     M("avg_delay", "Avg", agg="average", measure_expr="dep_delay", agg_time_dimension="f__t"),
    ...     M("p50_delay", "P50", agg="median", measure_expr="dep_delay", agg_time_dimension="f__t"),
    ...     M("late", "Late", agg="count", measure_expr="dep_delay", agg_time_dimension="f__t")),
    ...     dimensions=(), entities=())
    >>> same_row_value(cat, ["avg_delay", "p50_delay"]), same_row_value(cat, ["avg_delay", "late"])
    (True, False)
    """
    ms = [catalog.metric(n) for n in names]
    if len(ms) < 2 or any(m is None for m in ms):
        return False
    shapes = {
        (m.measure_expr.strip().lower(), m.agg_time_dimension or "", m.filtered)
        for m in ms
        if m is not None
    }
    return (
        len(shapes) == 1
        and all(m is not None and m.metric_type == "simple" for m in ms)
        and all(m is not None and m.agg in ROW_VALUE_AGGS and not m.filtered for m in ms)
        and all(bool(m.measure_expr.strip()) for m in ms if m is not None)
    )
