"""Breaking a metric down to leaves: the metric-decomposition half of the compiler.

Why a module of its own: compiler.py holds the whole query builder; this part only walks the
metric definitions (simple, ratio, derived with offsets, cumulative, conversion) and turns each
into an expression over *leaf* aggregates (:class:`semantic_layer.leaves.Leaves`), deciding the
:class:`GroupKind` each leaf is aggregated under. It never builds a CTE; the builder in
compiler.py (which mixes this class in) turns the leaf groups into SQL.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import sqlglot
from sqlglot import exp

from semantic_layer.conversion import conversion_params
from semantic_layer.derived import derived_value, double
from semantic_layer.errors import CompileError, PeriodsNeededError
from semantic_layer.leaves import (
    PLAIN,
    GroupKind,
    Leaves,
    input_filters,
    simple_spec,
    window_grain,
)
from semantic_layer.model import MetricDef, SemanticModel
from semantic_layer.resolve import ItemName, literal

COUNTS = ("count", "count_distinct", "sum_boolean")


class MetricTree:
    """Metric definitions -> expressions over leaf aggregates (mixed into the query builder)."""

    model: SemanticModel
    leaves: Leaves
    time_item: ItemName | None

    def metric_expr(
        self,
        name: str,
        filters: tuple[str, ...] = (),
        kind: GroupKind = PLAIN,
        depth: int = 0,
    ) -> exp.Expr:
        if depth > 20:
            raise CompileError(f"metric `{name}` is defined in terms of itself")
        m = self.model.metric(name)
        tp = m.pydantic.type_params
        if m.type == "simple":
            spec = simple_spec(m)
            value = self.leaves.add(m, (*filters, *spec.filters), kind)
            if spec.fill_nulls_with is None:
                return value
            return exp.Coalesce(this=value, expressions=[literal(spec.fill_nulls_with)])
        own = (*filters, *m.filters)
        if m.type == "ratio":
            # an input may be time-offset ("the same period a year before"), as a derived
            # metric's: read as written, never silently unshifted (which gave 1.0 for a
            # period over itself)
            num = self._input(tp.numerator, own, self._input_kind(name, tp.numerator, kind), depth)
            den = self._input(
                tp.denominator, own, self._input_kind(name, tp.denominator, kind), depth
            )
            return exp.Div(
                this=double(num), expression=exp.Nullif(this=den, expression=exp.Literal.number(0))
            )
        if m.type == "derived":
            tree = sqlglot.parse_one(tp.expr, dialect="duckdb")
            values: dict[str, exp.Expr] = {}
            for inp in tp.metrics or []:
                k = self._input_kind(name, inp, kind)
                values[(inp.alias or inp.name).lower()] = exp.Paren(
                    this=self._input(inp, own, k, depth)
                )

            return derived_value(name, tree, values)
        if m.type == "cumulative":
            ctp = tp.cumulative_type_params
            base_name = ctp.metric.name if ctp and ctp.metric else tp.measure.name
            base = self.model.metric(base_name)
            if base.simple is None:
                raise CompileError(f"cumulative metric `{name}` must accumulate a simple metric")
            window = ctp.window if ctp and ctp.window else tp.window
            gtd = (ctp.grain_to_date if ctp and ctp.grain_to_date else tp.grain_to_date) or None
            gtd = getattr(gtd, "value", gtd)
            if kind.name == "offset":  # its windows would be read unshifted: refuse, not guess
                raise CompileError(
                    f"metric `{name}` is cumulative: an offset of it (offset_window / "
                    "offset_to_grain in a derived metric) is not supported yet"
                )
            if self.time_item is None:
                # no time axis: the total over the queried range (documented behaviour)
                return self.leaves.add(base, (*own, *base.simple.filters), kind)
            pagg = getattr(ctp, "period_agg", None) if ctp else None
            ck = GroupKind(
                "cumulative",
                window.count if window else 0,
                window_grain(window.granularity) if window else None,
                str(gtd).lower() if gtd else None,
                str(getattr(pagg, "value", pagg) or "first").lower(),
            )
            return self.leaves.add(base, (*own, *base.simple.filters), ck)
        if m.type == "conversion":
            return self._conversion(m, own, kind)
        raise CompileError(
            f"metric `{name}` has type `{m.type}`, which OrderLens cannot compile yet"
        )

    def _input(self, inp, filters: tuple[str, ...], kind: GroupKind, depth: int) -> exp.Expr:
        return self.metric_expr(inp.name, (*filters, *input_filters(inp)), kind, depth + 1)

    def _conversion(self, m: MetricDef, filters: tuple[str, ...], kind: GroupKind) -> exp.Expr:
        """conversions (0 where a base group has none, for counts) or conversions / base."""
        if kind.name != "plain":
            raise CompileError(
                f"metric `{m.name}`: a conversion metric cannot be time-offset or accumulated"
            )
        ctp = conversion_params(self.model, m)
        base_m, conv_m = (
            self.model.metric(i.name) for i in (ctp.base_metric, ctp.conversion_metric)
        )
        base, conv = simple_spec(base_m), simple_spec(conv_m)
        base_filters = tuple(
            dict.fromkeys((*filters, *input_filters(ctp.base_metric), *base.filters))
        )
        ck = GroupKind("conversion", filters=base_filters, metric=m.name)
        conv_filters = (*input_filters(ctp.conversion_metric), *conv.filters)
        value = self.leaves.add(conv_m, conv_filters, ck, at=(base.node, base.agg_time))
        fill = getattr(ctp.conversion_measure, "fill_nulls_with", None)
        fill = conv.fill_nulls_with if fill is None else fill
        if fill is None and conv.agg in COUNTS:  # COUNT of nothing is 0 (docs/semantic_layer.md)
            fill = 0
        if fill is not None:
            value = exp.Coalesce(this=value, expressions=[literal(fill)])
        # the base events' groups are the rows, conversions or not (as in MetricFlow)
        opportunities = self.leaves.add(base_m, base_filters, GroupKind())
        calc = str(getattr(ctp.calculation, "value", ctp.calculation) or "conversion_rate")
        if calc.lower() == "conversions":
            return value
        return exp.Div(
            this=double(value),
            expression=exp.Nullif(this=opportunities, expression=exp.Literal.number(0)),
        )

    def _input_kind(self, name: str, inp: Any, kind: GroupKind) -> GroupKind:
        """How input ``inp`` of metric ``name`` is aggregated: ``kind``, or shifted in time
        by its ``offset_window`` / ``offset_to_grain`` (derived and ratio inputs alike)."""
        k = kind
        if inp.offset_to_grain and inp.offset_window is not None:
            raise CompileError(
                f"metric `{name}`: input `{inp.name}` sets both offset_window and "
                "offset_to_grain; use one of them"
            )
        if inp.offset_to_grain:
            if kind.name != "plain":
                raise CompileError(f"metric `{name}`: nested time offsets are not supported")
            k = GroupKind("offset", to_grain=window_grain(inp.offset_to_grain))
        if inp.offset_window is not None:
            shift = (inp.offset_window.count, self._offset_unit(inp.offset_window))
            custom = {shift[1], kind.granularity} & set(self.model.custom_grains)
            if kind.name == "offset" and custom:
                raise CompileError(
                    f"metric `{name}`: an offset in a custom granularity cannot be nested"
                )
            if kind.name == "offset" and not kind.to_grain:
                # an offset of an offset metric: both shifts add up (MetricFlow)
                k = replace(kind, more_shifts=(*kind.more_shifts, shift))
            elif kind.name != "plain":
                raise CompileError(
                    f"metric `{name}`: nested time offsets are only supported as "
                    "offset_window inside offset_window"
                )
            else:
                k = GroupKind("offset", *shift)
        if k.name == "offset" and self.time_item is None:
            # as MetricFlow: an offset compares periods, so there must be periods
            raise PeriodsNeededError(
                f"metric `{name}` compares periods (input `{inp.name}` is time-offset): "
                "group by metric_time, e.g. metric_time__month",
                k.granularity or k.to_grain,
            )
        return k

    def _offset_unit(self, window: Any) -> str:
        """An offset_window's unit: a standard grain or a custom granularity of the spine."""
        unit = str(getattr(window.granularity, "value", window.granularity)).lower()
        return unit if unit in self.model.custom_grains else window_grain(window.granularity)
