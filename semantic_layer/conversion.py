"""Conversion metrics (dbt ``type: conversion``) the way MetricFlow computes them.

A *base event* (a visit) converts when a *conversion event* (a purchase) of the same entity
(``user``) happens at or after it — on the base's time grain, within ``window`` when one is
set (``base <= conversion < base + window``) — and every ``constant_properties`` pair is equal
(the same product). Each conversion event is credited to one base event only: the latest one
before it (MetricFlow's ``FIRST_VALUE ... ORDER BY base time DESC``), so a purchase after two
visits counts once. The conversions are then aggregated with the conversion measure and grouped
by the *base* event's time and dimensions; the query's filters and time range select base
events, never conversion events (a visit on March 31 converts on April 2).

``conversions`` is that aggregate; ``conversion_rate`` divides it by the base measure over the
same base events (computed by the compiler as an ordinary metric with the same filters).

SQL: three row sets — base events (:func:`rows.row_select`), conversion events numbered with
``ROW_NUMBER() OVER ()`` (the unique key MetricFlow generates as a UUID) — an inner join on the
entity, the window and the constant properties, a ``ROW_NUMBER()`` per conversion event ordered
by base time (latest first), and the aggregation of the first-ranked rows.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from semantic_layer.errors import CompileError
from semantic_layer.model import GRAINS, MetricDef, SemanticModel, SimpleSpec
from semantic_layer.resolve import Resolver, parse_item
from semantic_layer.rows import Builder, aggregate_rows, row_select

ENTITY = "__entity"
TIME = "__event_time"
EVENT = "__conversion_event"
RANK = "__latest_base"
BASE = "base_events"
CONV = "conversion_events"


def conversion_params(model: SemanticModel, m: MetricDef) -> Any:
    """The metric's ``conversion_type_params`` after dbt's transformations (base/conversion
    *metrics*: measures are turned into hidden simple metrics), checked for what we need."""
    ctp = m.pydantic.type_params.conversion_type_params
    if ctp is None or ctp.base_metric is None or ctp.conversion_metric is None:
        raise CompileError(
            f"conversion metric `{m.name}` needs conversion_type_params with base_measure, "
            "conversion_measure and entity"
        )
    for inp in (ctp.base_metric, ctp.conversion_metric):
        if model.metric(inp.name).simple is None:
            raise CompileError(
                f"conversion metric `{m.name}`: `{inp.name}` must be a measure or simple metric"
            )
    return ctp


def _window(ctp: Any) -> tuple[int, str] | None:
    w = ctp.window
    if w is None:
        return None
    grain = str(getattr(w.granularity, "value", w.granularity)).lower().rstrip("s")
    if grain not in GRAINS:
        raise CompileError(f"conversion window `{w.count} {w.granularity}` needs a standard grain")
    return int(w.count), grain


def _interval(count: int, unit: str) -> exp.Interval:
    return exp.Interval(this=exp.Literal.string(str(count)), unit=exp.var(unit.upper()))


def _event_cols(
    model: SemanticModel, r: Resolver, entity: str, time: exp.Expr, props: list[str]
) -> list[tuple[str, exp.Expr]]:
    """Entity, event time and constant properties of one side, resolved from its model."""
    cols = [(ENTITY, r.item(parse_item(model, entity))), (TIME, time)]
    cols += [(f"__property_{i}", r.item(parse_item(model, p))) for i, p in enumerate(props)]
    return cols


def _conversion_events(
    b: Builder, m: MetricDef, conv: SimpleSpec, grain: str, ctp: Any, leaf: Any
) -> exp.Select:
    """Every conversion event: entity, time, constant properties, value, a unique number."""
    r = Resolver(b.model, conv.node, conv.agg_time)
    dim = r.source.dimensions.get(conv.agg_time or "")
    if dim is None:
        raise CompileError(f"conversion metric `{m.name}`: `{conv.node}` has no time dimension")
    time = r.truncate(r.expression(dim.expr), grain)
    props = [c.conversion_property for c in ctp.constant_properties or []]
    cols = _event_cols(b.model, r, ctp.entity, time, props)
    cols.append((leaf.alias, r.expression(conv.expr)))
    # any order numbers the rows uniquely; Spark and Snowflake require one in ROW_NUMBER()
    order = exp.Order(expressions=[exp.Ordered(this=e.copy()) for _, e in cols[:2]])
    cols.append((EVENT, exp.Window(this=exp.RowNumber(), order=order)))
    sel = r.from_clause(exp.Select(expressions=[exp.alias_(e, n) for n, e in cols]))
    if leaf.filters:
        sel = sel.where(exp.and_(*(r.condition(f) for f in leaf.filters), copy=False))
    return sel


def _event_grain(model: SemanticModel, group: Any, conv: SimpleSpec) -> str:
    """The grain both sides' event times are compared at: the coarser of their time dimensions.

    MetricFlow does this: a monthly conversion measure (``ds_month``) against daily visits
    compares months, so a purchase counts for the visits of its own month; comparing the
    visit's day with the purchase month's first day would credit the previous month's visits.
    """
    grains = []
    for node, agg_time in ((group.node, group.agg_time), (conv.node, conv.agg_time)):
        dim = model.nodes[node].dimensions.get(agg_time or "")
        grains.append((dim.granularity if dim is not None else None) or "day")
    standard = [g for g in grains if g in GRAINS]
    return max(standard, key=GRAINS.index) if len(standard) == 2 else grains[0]


def conversion_select(b: Builder, group: Any) -> exp.Select:
    """The CTE body of one conversion metric: its conversions per group-by key."""
    m = b.model.metric(group.kind.metric)
    ctp = conversion_params(b.model, m)
    (leaf,) = group.leaves
    grain = _event_grain(b.model, group, leaf.spec)
    props = [c.base_property for c in ctp.constant_properties or []]

    def base_cols(r: Resolver, keys: dict[str, exp.Expr]) -> list[tuple[str, exp.Expr]]:
        dim = r.source.dimensions.get(r.agg_time or "")
        if dim is None:
            raise CompileError(
                f"conversion metric `{m.name}`: `{group.node}` has no time dimension"
            )
        return _event_cols(b.model, r, ctp.entity, r.truncate(r.expression(dim.expr), grain), props)

    base, keys = row_select(b, group, values=False, conditions=group.kind.filters, extra=base_cols)
    conv = _conversion_events(b, m, leaf.spec, grain, ctp, leaf)
    bt, ct = exp.column(TIME, table=BASE), exp.column(TIME, table=CONV)
    on: list[exp.Expr] = [
        exp.EQ(this=exp.column(ENTITY, table=BASE), expression=exp.column(ENTITY, table=CONV)),
        exp.LTE(this=bt, expression=ct),
    ]
    window = _window(ctp)
    if window is not None:
        on.append(
            exp.GT(
                this=bt.copy(), expression=exp.Sub(this=ct.copy(), expression=_interval(*window))
            )
        )
    for i in range(len(props)):
        col = f"__property_{i}"
        on.append(exp.EQ(this=exp.column(col, table=BASE), expression=exp.column(col, table=CONV)))
    latest = exp.Window(
        this=exp.RowNumber(),
        partition_by=[exp.column(EVENT, table=CONV)],
        order=exp.Order(
            expressions=[
                exp.Ordered(this=bt.copy(), desc=True),
                *(exp.Ordered(this=exp.column(k, table=BASE)) for k in keys),
            ]
        ),
    )
    matched = exp.Select(
        expressions=[
            *(exp.column(k, table=BASE) for k in keys),
            exp.column(leaf.alias, table=CONV),
            exp.alias_(latest, RANK),
        ]
    ).from_(base.subquery(BASE, copy=False), copy=False)
    matched.append(
        "joins",
        exp.Join(this=conv.subquery(CONV, copy=False), on=exp.and_(*on, copy=False), kind="INNER"),
    )
    credited = "credited"
    sel = aggregate_rows(matched.subquery(credited, copy=False), keys, [leaf], table=credited)
    rank1 = exp.EQ(this=exp.column(RANK, table=credited), expression=exp.Literal.number(1))
    return sel.where(rank1, copy=False)
