"""Metrics whose own filter or expression cannot resolve are left out, not the whole model.

Why: dbt parses a project whose metric filter names a measure instead of a metric
(``{{ Metric('dropout_count', group_by=['course_track']) }}``) or a dimension no join reaches;
MetricFlow then fails only the queries that ask for that metric. OrderLens refused to load the
project at all, so every other metric was lost too. Such a metric, every metric computed from
it and every saved query asking for one of them are left out, each with a warning naming the
problem (``orderlens validate`` shows them). Model elements that do not resolve stay errors.

A saved query whose metrics or group-by names resolve to nothing in the model (the owners wrote
``Dimension('members__home_region')`` with the semantic model's name where MetricFlow wants the
entity's, ``member__home_region``) is left out the same way: MetricFlow fails it, and kept it
captured the questions it matches ("late fees by region") and turned them into refusals, while the
question parsed on its own reaches the dimension through the entity join.
"""

from __future__ import annotations

from semantic_layer.compiler import compile_query
from semantic_layer.errors import UnknownDimensionError, UnknownMetricError
from semantic_layer.issues import IssueCollector
from semantic_layer.model import SemanticModel, input_metric_names


def leave_out_broken_metrics(
    model: SemanticModel, broken: dict[str, str], col: IssueCollector
) -> None:
    """Remove ``broken`` metrics (name -> problem) and what depends on them from ``model``,
    then the saved queries that name what the model does not have."""
    if broken:
        _leave_out_metrics(model, broken, col)
    _leave_out_unresolved_saved_queries(model, col)


def _leave_out_metrics(model: SemanticModel, broken: dict[str, str], col: IssueCollector) -> None:
    gone = dict(broken)
    changed = True
    while changed:  # metrics computed from a metric that is left out go too
        changed = False
        for m in model.metrics.values():
            if m.name in gone:
                continue
            bad = [i for i in input_metric_names(m) if i in gone]
            if bad:
                gone[m.name] = f"it is computed from `{bad[0]}`, which is left out"
                changed = True
    for name, problem in gone.items():
        m = model.metrics[name]
        line = m.pydantic.metadata.file_slice.start_line_number if m.pydantic.metadata else None
        col.warn(
            m.file,
            line,
            f"metric `{name}`",
            f"{problem}; the metric is left out of the model",
            "fix its filter or expr: reference metrics, and dimensions its model reaches",
        )
        del model.metrics[name]
    model.manifest.metrics = [m for m in model.manifest.metrics if m.name not in gone]
    for sq_name, sq in list(model.saved_queries.items()):
        asked = [str(x) for x in (sq.query_params.metrics or [])]
        if any(a in gone for a in asked):
            col.warn(
                "",
                None,
                f"saved query `{sq_name}`",
                "asks for a metric that is left out; the saved query is left out too",
                "fix the metric",
            )
            del model.saved_queries[sq_name]


def _leave_out_unresolved_saved_queries(model: SemanticModel, col: IssueCollector) -> None:
    """Drop saved queries with metrics whose metric or group-by names do not resolve.

    Only unknown or unreachable names count (UnknownMetricError / UnknownDimensionError, also
    when the compiler wraps one per metric group): a saved query that compiles only once a
    question adds a time window, or that OrderLens cannot run for its own reasons (no metrics,
    metric_time alone), stays and is refused at ask time as before.
    """
    unresolved = (UnknownMetricError, UnknownDimensionError)
    for sq_name in list(model.saved_queries):
        if not model.saved_queries[sq_name].query_params.metrics:
            continue
        try:
            compile_query(model, model.saved_query(sq_name))
        except Exception as exc:
            if not isinstance(exc, unresolved) and not isinstance(exc.__cause__, unresolved):
                continue  # the query's own business at ask time
            col.warn(
                "",
                None,
                f"saved query `{sq_name}`",
                f"{str(exc).splitlines()[0]}; the saved query is left out",
                "name dimensions entity__dimension (the entity's name, not the semantic model's)",
            )
            del model.saved_queries[sq_name]
