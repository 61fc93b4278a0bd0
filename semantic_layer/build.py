"""Building the runtime :class:`SemanticModel` from a validated, transformed dbt manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dbt_semantic_interfaces.type_enums import MetricType
from sqlglot import exp

from semantic_layer.display_text import shown
from semantic_layer.implied import add_implied_metrics
from semantic_layer.model import (
    DimensionDef,
    EntityDef,
    MetricDef,
    Node,
    NonAdditive,
    SemanticModel,
    SimpleSpec,
)


def build_model(
    manifest: Any,
    tables: dict[str, str],
    views: dict[str, exp.Query],
    origins: dict[tuple[str, str], str],
    project: dict[str, Any],
    root: Path | None,
    authored: dict[str, Any],
) -> SemanticModel:
    """Runtime objects from the transformed manifest.

    ``authored`` holds the measures as written: dbt's transformations rewrite ``count`` and
    ``sum_boolean`` into ``SUM(CASE ...)``; compiling the authored aggregation keeps the SQL
    closer to what an analyst writes (``COUNT(x)`` gives 0, not NULL, on empty groups).
    """
    nodes: dict[str, Node] = {}
    for sm in manifest.semantic_models:
        entities = {
            e.name: EntityDef(
                e.name,
                e.type.value,
                e.expr or e.name,
                shown(e.label),
                shown(e.description),
                dict(e.config.meta) if e.config else {},
            )
            for e in sm.entities
        }
        dims = {
            d.name: DimensionDef(
                d.name,
                d.type.value,
                d.expr or d.name,
                d.type_params.time_granularity.value if d.type_params else None,
                shown(d.label),
                shown(d.description),
                dict(d.config.meta) if d.config else {},
                bool(d.is_partition),
                _validity(d.type_params.validity_params if d.type_params else None),
            )
            for d in sm.dimensions
        }
        primary = (
            next((e.name for e in sm.entities if e.type.value == "primary"), None)
            or sm.primary_entity
        )
        schema, _, table = tables[sm.name].rpartition(".")
        nodes[sm.name] = Node(
            name=sm.name,
            table=table,
            schema=schema or None,
            file=origins.get(("semantic_model", sm.name), ""),
            entities=entities,
            dimensions=dims,
            primary_entity=primary,
            default_agg_time=sm.defaults.agg_time_dimension if sm.defaults else None,
            label=shown(sm.label),
            description=shown(sm.description),
            meta=dict(sm.config.meta) if sm.config else {},
            view_sql=views.get(table),
        )
    metrics: dict[str, MetricDef] = {}
    declared = {name for kind, name in origins if kind == "metric"}
    # measures with `create_metric: true` are metrics their author asked for: visible everywhere
    created = {name for name, ms in authored.items() if getattr(ms, "create_metric", False)}
    hidden = set(project.get("hidden_metrics") or ())  # the latest spec's `hidden: true`
    for m in manifest.metrics:
        simple = None
        tp = m.type_params
        if m.type is MetricType.SIMPLE:
            ap = m.type_params.metric_aggregation_params
            filters: list[str] = []
            for f in (m.filter, m.type_params.measure.filter if m.type_params.measure else None):
                for w in f.where_filters if f else []:
                    if w.where_sql_template not in filters:
                        filters.append(w.where_sql_template)
            node = nodes[ap.semantic_model]
            orig = authored.get(m.type_params.measure.name) if m.type_params.measure else None
            agg = orig.agg.value if orig is not None else ap.agg.value
            expr = (orig.expr or orig.name) if orig is not None else m.type_params.expr
            simple = SimpleSpec(
                node=ap.semantic_model,
                agg=agg,
                expr=expr or (m.type_params.measure.name if m.type_params.measure else m.name),
                agg_time=ap.agg_time_dimension or node.default_agg_time,
                filters=tuple(filters),
                percentile=ap.agg_params.percentile if ap.agg_params else None,
                discrete_percentile=bool(ap.agg_params and ap.agg_params.use_discrete_percentile),
                non_additive=_non_additive(ap.non_additive_dimension),
                approximate_percentile=bool(
                    ap.agg_params and ap.agg_params.use_approximate_percentile
                ),
                fill_nulls_with=_first_set(
                    tp.fill_nulls_with, getattr(tp.measure, "fill_nulls_with", None)
                ),
                join_to_timespine=bool(
                    tp.join_to_timespine or getattr(tp.measure, "join_to_timespine", False)
                ),
            )
        metrics[m.name] = MetricDef(
            name=m.name,
            type=m.type.value,
            pydantic=m,
            file=origins.get(("metric", m.name), ""),
            label=shown(m.label),
            description=shown(m.description),
            meta=dict(m.config.meta) if m.config else {},
            simple=simple,
            hidden=(m.name not in declared and m.name not in created) or m.name in hidden,
        )
    add_implied_metrics(manifest, metrics, authored, hidden)
    saved = {s.name: s for s in manifest.saved_queries}
    return SemanticModel(
        nodes=nodes,
        metrics=metrics,
        manifest=manifest,
        path=root,
        project_meta=project,
        saved_queries=saved,
    )


def _first_set(*values: int | None) -> int | None:
    """The first value that is not None (a metric's own setting, then its measure input's)."""
    return next((v for v in values if v is not None), None)


def _non_additive(nad: Any) -> NonAdditive | None:
    """dbt's ``non_additive_dimension`` (``window_choice`` defaults to ``min``, as in dbt)."""
    if nad is None:
        return None
    choice = getattr(nad.window_choice, "value", nad.window_choice) or "min"
    return NonAdditive(nad.name, str(choice).lower(), tuple(nad.window_groupings or ()))


def _validity(params: Any) -> str | None:
    """``validity_params`` of a slowly changing dimension's time column: its row's start/end."""
    if params is None:
        return None
    return "start" if params.is_start else "end" if params.is_end else None
