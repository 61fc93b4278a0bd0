"""Aggregations of simple metrics as dbt defines them, rendered by sqlglot per dialect."""

from __future__ import annotations

from sqlglot import exp

from semantic_layer.errors import CompileError
from semantic_layer.model import SimpleSpec
from semantic_layer.resolve import Resolver


def aggregate(r: Resolver, spec: SimpleSpec) -> exp.Expr:
    """The SQL aggregate of a simple metric, its expression resolved from ``r``'s source.

    Counting the primary key is ``COUNT(*)`` (a primary key is never NULL).
    """
    primary = r.source.entities.get(r.source.primary_entity or "")
    if spec.agg == "count" and primary is not None and primary.expr == spec.expr:
        return exp.Count(this=exp.Star())  # a primary key is never NULL
    return aggregate_value(spec, r.expression(spec.expr))


def aggregate_value(spec: SimpleSpec, val: exp.Expr) -> exp.Expr:
    """``spec``'s aggregation of the row values ``val`` (a resolved expression or a column of
    a row-level subquery: non-additive, cumulative and conversion metrics aggregate those)."""
    agg = spec.agg
    if agg == "sum":
        return exp.Sum(this=val)
    if agg == "count":
        return exp.Count(this=val)
    if agg == "count_distinct":
        return exp.Count(this=exp.Distinct(expressions=[val]))
    if agg == "average":
        return exp.Avg(this=val)
    if agg == "min":
        return exp.Min(this=val)
    if agg == "max":
        return exp.Max(this=val)
    if agg == "sum_boolean":
        # as dbt defines it: rows where the condition is NULL count 0, so a group of only
        # NULL / false rows sums to 0, not NULL
        one_or_zero = exp.Case(
            ifs=[exp.If(this=val, true=exp.Literal.number(1))], default=exp.Literal.number(0)
        )
        return exp.Sum(this=one_or_zero)
    if agg in ("percentile", "median"):
        p = 0.5 if agg == "median" else spec.percentile
        if spec.approximate_percentile and not spec.discrete_percentile:
            # the dialect's approximate function (see compile_query for PostgreSQL)
            return exp.ApproxQuantile(this=val, quantile=exp.Literal.number(p))
        fn = exp.PercentileDisc if spec.discrete_percentile else exp.PercentileCont
        return exp.WithinGroup(
            this=fn(this=exp.Literal.number(p)),
            expression=exp.Order(expressions=[exp.Ordered(this=val)]),
        )
    raise CompileError(f"aggregation `{agg}` is not supported")


def exact_percentile(node: exp.Expr) -> exp.Expr:
    """PostgreSQL has no approximate percentile built in: compute it exactly there."""
    if isinstance(node, exp.ApproxQuantile):
        return exp.WithinGroup(
            this=exp.PercentileCont(this=node.args["quantile"].copy()),
            expression=exp.Order(expressions=[exp.Ordered(this=node.this.copy())]),
        )
    return node
