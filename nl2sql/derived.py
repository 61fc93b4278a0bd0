"""Share of total and period-over-period change, computed over a semantic query's result.

Why over the result and not in the model: "各渠道GMV占比", "每月GMV环比", "GMV year over year"
ask for a window over the answer (each row against the total, each period against the one
before or the same period a year earlier), not for a new metric. The semantic query is compiled
as usual (with the time range reaching one period back for a change), then wrapped by sqlglot:

- ``share``: ``m / SUM(m) OVER (PARTITION BY <time grain>)`` as ``<m>__share`` (0..1), computed
  before any top-N cut so "top 5 channels by GMV share" are shares of the whole total;
- ``pop`` / ``yoy``: the result joined to itself on the previous period (one grain earlier, or
  the same period a year earlier) and the other group-by columns, adding ``<m>__previous`` and
  ``<m>__growth`` ((current - previous) / previous); rows before the asked range, fetched only as
  the base of the first period, are dropped.

A share of one value ("share of orders that were refunded") is the share of total by that
value's dimension, kept to the row of the value (``Derived.keep``): refunded orders / all orders
of the question's other conditions.

Two values of one dimension against each other ("西雅图的收入是洛杉矶的几倍", "A比B多多少") are
one number: ``ratio`` = the first value's row / the second's (``<m>__ratio``), ``diff`` = the
first's minus the second's (``<m>__difference``), from the query grouped by that dimension.

How many things meet a condition ("how many customers placed more than 3 orders" on a model
with no metric counting customers, "收入超过1万的城市有多少个") is ``rows``: the number of rows of
the listing the query is (each customer with its orders, the condition as HAVING), as one
``<group>__rows`` column. No metric is invented: the rows counted are the listing's own, the
answer "customers with more than 3 orders" shows.

Only additive metrics (counts, sums) have a share; any metric has a change.

``mean`` ("12月日均行程数", "平均每天收入", "average daily revenue") is the mean over the periods
of the period's value: the query grouped by that grain (``Derived.grain``) and each metric
averaged over its rows, within the question's other groups. A period with no row at all (no
trip that day) is not in the mean; the interpretation says the mean is over the periods with
data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import sqlglot
from sqlglot import exp

from nl2sql.period_compare import named_periods, periods_note
from nl2sql.timeparse import add_months
from semantic_layer.query import SemanticQuery, TimeRange

Kind = Literal["share", "pop", "yoy", "ratio", "diff", "rows", "extreme", "mean", "periods"]
#: the kinds that set one value's row against another's (``Derived.keep`` vs ``Derived.other``)
TWO_SIDES = ("ratio", "diff")
GRAINS = ("day", "week", "month", "quarter", "year")
#: the most named periods one comparison holds (a context carrying more is not one of ours)
MAX_PERIODS = 24
#: one grain back, in months or days (the INTERVAL of the self-join)
_STEP = {"day": (0, 1), "week": (0, 7), "month": (1, 0), "quarter": (3, 0), "year": (12, 0)}


@dataclass(frozen=True)
class Derived:
    """What to compute over the result: a share of total or a change against a period."""

    kind: Kind
    #: a share of one value: (dimension, value) of the row kept after sharing out
    keep: tuple[str, str | int | float | bool] | None = None
    #: a share of a filtered count in its base count ("已取消订单的占比"): the base metric
    base: str | None = None
    #: a ratio or difference of two values: the value of the second side (``keep`` the first)
    other: str | int | float | bool | None = None
    #: a mean over periods: the period ("day" for 日均); named periods compared: their grain
    grain: str | None = None
    #: named periods compared ("2024 vs 2023"): the first day of each, oldest first (ISO)
    periods: tuple[str, ...] = ()
    #: named periods compared: whether the difference and the change are asked ("增长了多少")
    change: bool = False

    def to_json(self) -> dict[str, object]:
        """JSON-safe form kept with an answer, so a follow-up keeps the share or change."""
        keep = list(self.keep) if self.keep is not None else None
        out: dict[str, object] = {"kind": self.kind, "keep": keep, "base": self.base}
        if self.other is not None:  # a ratio's / difference's second side only
            out["other"] = self.other
        if self.grain is not None:  # a mean over periods, named periods
            out["grain"] = self.grain
        if self.periods:  # named periods compared only
            out["periods"], out["change"] = list(self.periods), self.change
        return out

    @classmethod
    def from_json(cls, raw: object) -> Derived | None:
        """The inverse of :meth:`to_json`; None for anything that is not one.

        >>> Derived.from_json(Derived("share", keep=("order__status", "cancelled")).to_json()).keep
        ('order__status', 'cancelled')
        >>> Derived.from_json(Derived("mean", grain="day").to_json()).grain
        'day'
        >>> Derived.from_json({"kind": "median"}) is None
        True
        >>> Derived.from_json(Derived("periods", grain="year", periods=("2023-01-01",
        ...     "2024-01-01"), change=True).to_json()).periods
        ('2023-01-01', '2024-01-01')
        >>> Derived.from_json({"kind": "periods", "grain": "year", "periods": ["x"]}) is None
        True
        """
        if isinstance(raw, Derived):
            return raw
        kinds = ("share", "pop", "yoy", "rows", "mean", "periods", *TWO_SIDES)
        if not isinstance(raw, dict) or raw.get("kind") not in kinds:
            return None
        keep = raw.get("keep")
        pair = (
            (str(keep[0]), keep[1]) if isinstance(keep, list | tuple) and len(keep) == 2 else None
        )
        base = raw.get("base")
        other = raw.get("other")
        grain = raw.get("grain")
        if raw["kind"] in ("mean", "periods") and grain not in GRAINS:
            return None
        periods = _iso_days(raw.get("periods")) if raw["kind"] == "periods" else ()
        if raw["kind"] == "periods" and not 2 <= len(periods) <= MAX_PERIODS:
            return None  # a forged context cannot make a CASE of thousands of periods
        return cls(
            raw["kind"],
            keep=pair,
            base=base if isinstance(base, str) else None,
            other=other if isinstance(other, str | int | float | bool) else None,
            grain=grain if isinstance(grain, str) else None,
            periods=periods,
            change=raw.get("change") is True,
        )

    def suffixes(self) -> tuple[str, ...]:
        """The suffixes of the columns added per metric."""
        if self.kind == "ratio":
            return ("__ratio",)
        if self.kind == "diff":
            return ("__difference",)
        if self.kind == "mean":  # the metric's own column holds the mean
            return ()
        if self.kind == "periods":
            return ("__difference", "__growth") if self.change else ()
        if self.kind == "rows":
            return ("__rows",)
        if self.kind == "extreme" and self.keep is not None:
            return (f"__{self.keep[1]}",)
        return ("__share",) if self.kind == "share" else ("__previous", "__growth")


def _iso_days(raw: object) -> tuple[str, ...]:
    """The ISO dates of a stored list (a forged context holds no SQL here: dates only)."""
    if not isinstance(raw, list):
        return ()
    try:
        return tuple(str(dt.date.fromisoformat(str(d))) for d in raw)
    except ValueError:
        return ()


def time_group(query: SemanticQuery) -> tuple[str, str] | None:
    """(group-by name, grain) of the query's first time grain, if any."""
    for g in query.group_by:
        grain = g.rsplit("__", 1)[-1]
        if "__" in g and grain in GRAINS:
            return g, grain
    return None


def _shift(day: dt.date, grain: str, kind: Kind, back: int = 1) -> dt.date:
    months, days = (12, 0) if kind == "yoy" else _STEP[grain]
    return add_months(day, -months * back) - dt.timedelta(days=days * back)


def base_query(query: SemanticQuery, derived: Derived) -> SemanticQuery:
    """The query to compile: without the top-N cut (a share is of the whole total), and for a
    change with the time range reaching back one comparison step."""
    update: dict = {"limit": None, "offset": None, "order_by": []}
    if derived.kind == "mean" and derived.grain is not None:
        update["group_by"] = [*query.group_by, f"metric_time__{derived.grain}"]
    tg = time_group(query)
    if derived.kind in ("pop", "yoy") and tg is not None and query.time_range is not None:
        tr = query.time_range
        if tr.start is not None:
            update["time_range"] = TimeRange(
                start=_shift(tr.start, tg[1], derived.kind), end=tr.end
            )
    return query.model_copy(update=update)


def _cut(select: exp.Select, query: SemanticQuery) -> exp.Select:
    """The query's limit and offset ("排名第二" skips one) applied to the wrapped result."""
    if query.limit:
        select = select.limit(query.limit)
    return select.offset(query.offset) if query.offset else select


def _col(table: str, name: str) -> exp.Column:
    return exp.column(name, table=table, quoted=True)


def _interval(grain: str, kind: Kind) -> exp.Interval:
    months, days = (12, 0) if kind == "yoy" else _STEP[grain]
    if months:
        return exp.Interval(this=exp.Literal.string(str(months)), unit=exp.var("MONTH"))
    return exp.Interval(this=exp.Literal.string(str(days)), unit=exp.var("DAY"))


def _order(query: SemanticQuery, table: str | None) -> list[exp.Ordered]:
    """The query's order, then every other group-by column: the same rows in the same order
    on any engine (ties of a time order broken by the other keys)."""
    order = query.order_by
    names = [o.name for o in order]
    names += [g for g in query.group_by if g not in names]
    desc = {o.name: o.descending for o in order}
    return [
        exp.Ordered(
            this=_col(table, n) if table else exp.column(n, quoted=True), desc=desc.get(n, False)
        )
        for n in names
    ]


def wrap_sql(sql: str, dialect: str = "duckdb", *, query: SemanticQuery, derived: Derived) -> str:
    """``sql`` (the compiled :func:`base_query`) with the derived columns, in ``dialect``.

    ``query`` is the query as understood (its range, order and limit apply to the result).
    """
    base = sqlglot.parse_one(sql, read=dialect)
    if derived.kind == "share":
        out = _share(base, query, derived.keep, derived.base)
    elif derived.kind == "mean":
        out = _mean(base, query)
    elif derived.kind == "rows":
        out = _rows(base, query)
    elif derived.kind == "extreme":
        out = _extreme(base, query, derived)
    elif derived.kind in TWO_SIDES:
        out = _two_sides(base, query, derived)
    elif derived.kind == "periods":
        tg = time_group(query)
        assert tg is not None  # passes.comparisons adds the periods' grain
        out = named_periods(base, query, tg[0], derived.periods, change=derived.change)
    else:
        out = _change(base, query, derived)
    return out.sql(dialect=dialect)


def _share(
    base: exp.Expr,
    query: SemanticQuery,
    keep: tuple[str, str | int | float | bool] | None,
    of: str | None = None,
) -> exp.Select:
    tg = time_group(query)
    cols: list[exp.Expr] = [exp.Star()]
    for m in query.metrics:
        if m == of:
            continue
        whole: exp.Expr = (
            exp.column(of, quoted=True)  # a part of its base count, row by row
            if of is not None
            else exp.Window(
                this=exp.Sum(this=exp.column(m, quoted=True)),
                partition_by=[exp.column(tg[0], quoted=True)] if tg else None,
            )
        )
        ratio = exp.Div(
            this=exp.cast(exp.column(m, quoted=True), "DOUBLE"),
            expression=exp.Nullif(this=whole, expression=exp.Literal.number(0)),
        )
        cols.append(exp.alias_(ratio, f"{m}__share", quoted=True))
    inner = exp.select(*cols).from_(
        exp.Subquery(this=base, alias=exp.TableAlias(this=exp.to_identifier("b")))
    )
    outer = exp.select(exp.Star()).from_(
        exp.Subquery(this=inner, alias=exp.TableAlias(this=exp.to_identifier("s")))
    )
    if keep is not None:
        outer = outer.where(
            exp.EQ(this=exp.column(keep[0], quoted=True), expression=exp.convert(keep[1]))
        )
    order = _order(query, None)
    if order:  # one row when nothing is grouped ("已取消订单的占比")
        outer = outer.order_by(*order)
    return _cut(outer, query)


def _mean(base: exp.Expr, query: SemanticQuery) -> exp.Select:
    """Each metric averaged over the period rows of ``base``, per the query's own groups."""
    keys = [exp.column(g, quoted=True) for g in query.group_by]
    cols: list[exp.Expr] = [*keys]
    for m in query.metrics:
        cols.append(exp.alias_(exp.Avg(this=exp.column(m, quoted=True)), m, quoted=True))
    select = exp.select(*cols).from_(
        exp.Subquery(this=base, alias=exp.TableAlias(this=exp.to_identifier("b")))
    )
    if keys:
        select = select.group_by(*(k.copy() for k in keys))
    order = _order(query, None)
    if order:
        select = select.order_by(*order)
    return _cut(select, query)


def rows_column(query: SemanticQuery) -> str:
    """The column of a ``rows`` answer: the counted group's name with ``__rows``.

    >>> rows_column(SemanticQuery(metrics=["orders"], group_by=["customer"]))
    'customer__rows'
    """
    return f"{query.group_by[0]}__rows"


def _rows(base: exp.Expr, query: SemanticQuery) -> exp.Select:
    """One row: how many rows the listing has (each a thing meeting the condition)."""
    count = exp.Count(this=exp.Star())
    return exp.select(exp.alias_(count, rows_column(query), quoted=True)).from_(
        exp.Subquery(this=base, alias=exp.TableAlias(this=exp.to_identifier("b")))
    )


def extreme_column(derived: Derived) -> str:
    """The column of an ``extreme`` answer: the dimension with ``__max`` / ``__min``.

    >>> extreme_column(Derived("extreme", keep=("plane__seats", "max")))
    'plane__seats__max'
    """
    assert derived.keep is not None
    return f"{derived.keep[0]}__{derived.keep[1]}"


def _extreme(base: exp.Expr, query: SemanticQuery, derived: Derived) -> exp.Select:
    """Each group's largest (smallest) value of the dimension, over the distinct listing."""
    assert derived.keep is not None
    dim, which = derived.keep
    agg = exp.Max if which == "max" else exp.Min
    groups = [g for g in query.group_by if g != dim]
    value = exp.alias_(
        agg(this=exp.column(str(dim), quoted=True)), extreme_column(derived), quoted=True
    )
    out = exp.select(*(exp.column(g, quoted=True) for g in groups), value).from_(
        exp.Subquery(this=base, alias=exp.TableAlias(this=exp.to_identifier("b")))
    )
    if groups:
        cols = [exp.column(g, quoted=True) for g in groups]
        out = out.group_by(*cols).order_by(*(c.copy() for c in cols))
    return out


def _two_sides(base: exp.Expr, query: SemanticQuery, derived: Derived) -> exp.Select:
    """One row: each metric of the first value's row against the second's (a ratio or a
    difference); a side without a row gives NULL, never a number made of the other alone."""
    assert derived.keep is not None
    dim, first = derived.keep

    def side(metric: str, value: str | int | float | bool | None) -> exp.Expr:
        pick = (
            exp.select(exp.column(metric, quoted=True))
            .from_("b")
            .where(exp.EQ(this=exp.column(dim, quoted=True), expression=exp.convert(value)))
        )
        return exp.Subquery(this=pick)

    cols: list[exp.Expr] = []
    for m in query.metrics:
        a, b = side(m, first), side(m, derived.other)
        if derived.kind == "ratio":
            value: exp.Expr = exp.Div(
                this=exp.cast(a, "DOUBLE"),
                expression=exp.Nullif(this=b, expression=exp.Literal.number(0)),
            )
            cols.append(exp.alias_(value, f"{m}__ratio", quoted=True))
        else:
            cols.append(exp.alias_(exp.Sub(this=a, expression=b), f"{m}__difference", quoted=True))
    return exp.select(*cols).with_("b", as_=base)


def _change(base: exp.Expr, query: SemanticQuery, derived: Derived) -> exp.Select:
    tg = time_group(query)
    assert tg is not None  # the rules engine adds the grain before asking for a change
    tcol, grain = tg
    cols: list[exp.Expr] = [exp.Column(this=exp.Star(), table=exp.to_identifier("cur"))]
    for m in query.metrics:
        prev, cur = _col("prev", m), _col("cur", m)
        cols.append(exp.alias_(prev, f"{m}__previous", quoted=True))
        growth = exp.Div(
            this=exp.cast(exp.Sub(this=cur, expression=prev.copy()), "DOUBLE"),
            expression=exp.Nullif(this=prev.copy(), expression=exp.Literal.number(0)),
        )
        cols.append(exp.alias_(growth, f"{m}__growth", quoted=True))
    step_back = exp.Sub(this=_col("cur", tcol), expression=_interval(grain, derived.kind))
    on: exp.Expr = exp.EQ(
        this=_col("prev", tcol),
        expression=exp.TimestampTrunc(this=step_back, unit=exp.var(grain.upper())),
    )
    for g in query.group_by:
        if g != tcol:
            on = exp.and_(on, exp.NullSafeEQ(this=_col("prev", g), expression=_col("cur", g)))
    select = (
        exp.select(*cols)
        .with_("b", as_=base)
        .from_(exp.to_table("b").as_("cur"))
        .join(exp.to_table("b").as_("prev"), on=on, join_type="left")
    )
    tr = query.time_range
    if tr is not None and tr.start is not None:
        select = select.where(
            exp.GTE(
                this=_col("cur", tcol),
                expression=exp.cast(exp.Literal.string(str(tr.start)), "DATE"),
            )
        )
    select = select.order_by(*_order(query, "cur"))
    return _cut(select, query)


def period_grain(tr: TimeRange | None) -> str | None:
    """The calendar grain a range is exactly one period of (a month, a week from Monday, ...).

    >>> period_grain(TimeRange(start=dt.date(2026, 10, 1), end=dt.date(2026, 11, 1)))
    'month'
    >>> period_grain(TimeRange(start=dt.date(2026, 10, 22), end=dt.date(2026, 11, 21))) is None
    True
    """
    if tr is None or tr.start is None or tr.end is None:
        return None
    s, e = tr.start, tr.end
    if e - s == dt.timedelta(days=1):
        return "day"
    if e - s == dt.timedelta(days=7) and s.weekday() == 0:
        return "week"
    if s.day == 1 and add_months(s, 1) == e:
        return "month"
    if s.day == 1 and s.month in (1, 4, 7, 10) and add_months(s, 3) == e:
        return "quarter"
    if s.day == 1 and s.month == 1 and add_months(s, 12) == e:
        return "year"
    return None


_PERIOD_EN = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}
_PERIOD_ZH = {"day": "日", "week": "周", "month": "月", "quarter": "季度", "year": "年"}
_PERIODLY = {
    "day": "daily",
    "week": "weekly",
    "month": "monthly",
    "quarter": "quarterly",
    "year": "yearly",
}


def derived_note(
    derived: Derived,
    query: SemanticQuery,
    lang: str,
    kept: str = "",
    label: Callable[[str], str] | None = None,
    other: str = "",
    filled: bool = False,
) -> str:
    """What was computed over the result and the columns it added, for the interpretation.

    ``filled``: every metric fills periods without rows (:func:`fills_empty_periods`), so a mean
    over periods counts every period of the range, not only those with data.

    ``kept`` names the value a share is of, as the reader knows it ("order status = cancelled").
    ``label`` heads an added column as the reader sees it in the table ("销售额 占比" for
    ``gmv__share``, :func:`nl2sql.columns.column_label`); without it the raw names are used.
    ``other`` names a ratio's or difference's second value as the reader knows it.

    >>> q = SemanticQuery(metrics=["gmv"], group_by=["metric_time__month"])
    >>> derived_note(Derived("pop"), q, "en")
    ', change vs the previous month (gmv__previous, gmv__growth = (current - previous) / previous)'
    >>> derived_note(Derived("share"), SemanticQuery(metrics=["gmv"], group_by=["c"]), "zh")
    '，占比（gmv__share = 占总计的比例）'
    """
    zh = lang == "zh"
    name = label or str
    cols = ", ".join(name(f"{m}__share") for m in query.metrics if m != derived.base)
    if derived.kind == "share" and derived.base is not None:
        whole = kept or derived.base
        return f"，占比（{cols} = 占{whole}的比例）" if zh else f", share of all {whole} ({cols})"
    if derived.kind == "share" and derived.keep is not None:
        what = kept or f"{derived.keep[0]} = {derived.keep[1]}"
        if zh:
            return f"，占比（{cols} = {what} 占全部的比例）"
        return f", share of {what} in the total ({cols})"
    if derived.kind == "share":
        return f"，占比（{cols} = 占总计的比例）" if zh else f", share of total ({cols})"
    if derived.kind in TWO_SIDES and derived.keep is not None:
        return _two_sides_note(derived, query, zh, name, (kept, other))
    if derived.kind == "mean" and derived.grain is not None:
        g = derived.grain
        if filled:  # the model joins the metric to its time spine: empty periods are 0
            if zh:
                return f"，{_PERIOD_ZH[g]}均（各{_PERIOD_ZH[g]}合计的平均值，无数据的{_PERIOD_ZH[g]}按模型填充值计入）"
            return f", average per {g} (the mean of the {_PERIODLY[g]} totals, every {g} of the range: the model fills {g}s without rows)"
        if zh:
            return (
                f"，{_PERIOD_ZH[g]}均（各{_PERIOD_ZH[g]}合计的平均值，只计有数据的{_PERIOD_ZH[g]}）"
            )
        return f", average per {g} (the mean of the {_PERIODLY[g]} totals, over {g}s with data)"
    if derived.kind == "extreme" and derived.keep is not None:
        col = name(extreme_column(derived))
        groups = [g for g in query.group_by if g != derived.keep[0]]
        if zh:
            return f"，{'每组' if groups else ''}取{col}"
        return f", {col}{' per group' if groups else ''}"
    if derived.kind == "periods" and derived.grain is not None:
        return periods_note(query, derived.grain, derived.periods, derived.change, lang, name)
    if derived.kind == "rows":
        col = name(rows_column(query))
        if zh:
            return f"，计数（{col} = 满足条件的行数）"
        return f", counted ({col} = how many rows meet it)"
    tg = time_group(query)
    grain = tg[1] if tg else "month"
    cols = ", ".join(f"{name(f'{m}__previous')}, {name(f'{m}__growth')}" for m in query.metrics)
    if derived.kind == "yoy":
        if zh:
            return f"，同比（较去年同期；{cols} = (本期 - 去年同期) / 去年同期）"
        return f", year over year ({cols} = (current - same period last year) / that period)"
    if zh:
        return f"，环比（较上一{_PERIOD_ZH[grain]}；{cols} = (本期 - 上期) / 上期）"
    return (
        f", change vs the previous {_PERIOD_EN[grain]} ({cols} = (current - previous) / previous)"
    )


def _two_sides_note(
    derived: Derived,
    query: SemanticQuery,
    zh: bool,
    name: Callable[[str], str],
    labels: tuple[str, str],
) -> str:
    """ "，倍数（… = Seattle / Los Angeles）": which side is divided by (or taken from) which.

    >>> q = SemanticQuery(metrics=["gmv"], group_by=["c"])
    >>> _two_sides_note(Derived("ratio", keep=("c", "JD"), other="TM"), q, True, str, ("", ""))
    '，倍数（gmv__ratio = JD / TM）'
    """
    assert derived.keep is not None
    first, second = labels[0] or str(derived.keep[1]), labels[1] or str(derived.other)
    suffix = "__ratio" if derived.kind == "ratio" else "__difference"
    cols = ", ".join(name(f"{m}{suffix}") for m in query.metrics)
    if derived.kind == "ratio":
        return (
            f"，倍数（{cols} = {first} / {second}）"
            if zh
            else f", ratio ({cols} = {first} / {second})"
        )
    return (
        f"，差值（{cols} = {first} - {second}）"
        if zh
        else f", difference ({cols} = {first} - {second})"
    )


def fills_empty_periods(sem_model: object, metrics: list[str]) -> bool:
    """Whether every metric is a simple one the model joins to its time spine with a fill value
    (``join_to_timespine: true`` and ``fill_nulls_with``): then a period without rows is a row
    with that value, as in MetricFlow, and a mean over periods ("average daily revenue")
    counts it. Without them MetricFlow returns no row for such a period, so the mean is over
    the periods with data — what the interpretation then says."""
    getter = getattr(sem_model, "metrics", None)
    if not metrics or not isinstance(getter, dict):
        return False
    for name in metrics:
        spec = getattr(getter.get(name), "simple", None)
        if spec is None or not spec.join_to_timespine or spec.fill_nulls_with is None:
            return False
    return True
