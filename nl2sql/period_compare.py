"""Named periods compared ("orders in 2024 vs 2023", "2024年和2023年的订单数对比"): one row per
period, with the difference and the change when the question asks for them.

Why over one query grouped by the periods' grain: each named period is exactly one calendar
period (a year, a quarter, a month, a week, a day), so grouping the query over the span from the
first period to the last by that grain gives each period's value as the model computes it —
ratios and distinct counts included, which adding up smaller periods would get wrong. The rows
of the periods between (2023 in "2024 vs 2022") are dropped; each kept row is set against the
named period before it: ``<m>__difference`` = this period - that one, ``<m>__growth`` =
(this - that) / that. Built with sqlglot over the compiled query, never from the question's text.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from sqlglot import exp

from semantic_layer.query import SemanticQuery

_ZH_GRAIN = {"day": "日", "week": "周", "month": "月", "quarter": "季度", "year": "年"}


def _col(table: str | None, name: str) -> exp.Column:
    return exp.column(name, table=table, quoted=True)


def _day(iso: str) -> exp.Expr:
    return exp.cast(exp.Literal.string(iso), "DATE")


def named_periods(
    base: exp.Expr,
    query: SemanticQuery,
    tcol: str,
    periods: tuple[str, ...],
    *,
    change: bool,
) -> exp.Select:
    """The rows of ``base`` (grouped by ``tcol``) whose period is one of ``periods``; with
    ``change`` each metric's difference and growth against the named period before it (the
    same other groups: "March vs April by channel" compares each channel with itself)."""
    others = [g for g in query.group_by if g != tcol]
    select = exp.select().with_("b", as_=base)
    if others:  # a row per period and group that has data
        key: exp.Expr = exp.cast(_col("cur", tcol), "DATE")
        select = select.select(exp.Column(this=exp.Star(), table=exp.to_identifier("cur")))
        select = select.from_(exp.to_table("b").as_("cur")).where(
            exp.In(this=key.copy(), expressions=[_day(d) for d in periods])
        )
    else:  # every named period has its row, NULL where it has no data
        listed = [exp.select(exp.alias_(_day(d), "period_start", quoted=True)) for d in periods]
        union: exp.Expr = listed[0]
        for more in listed[1:]:
            union = exp.union(union, more, distinct=False)
        key = _col("per", "period_start")
        select = select.with_("per", as_=union).select(exp.alias_(key.copy(), tcol, quoted=True))
        select = select.select(*(_col("cur", m) for m in query.metrics))
        select = select.from_(exp.to_table("per").as_("per"))
        select = select.join(
            exp.to_table("b").as_("cur"),
            on=exp.EQ(this=exp.cast(_col("cur", tcol), "DATE"), expression=key.copy()),
            join_type="left",
        )
    if change:
        for m in query.metrics:
            prev, cur = _col("prev", m), _col("cur", m)
            select = select.select(
                exp.alias_(exp.Sub(this=cur, expression=prev), f"{m}__difference", quoted=True)
            )
            growth = exp.Div(
                this=exp.cast(exp.Sub(this=cur.copy(), expression=prev.copy()), "DOUBLE"),
                expression=exp.Nullif(this=prev.copy(), expression=exp.Literal.number(0)),
            )
            select = select.select(exp.alias_(growth, f"{m}__growth", quoted=True))
        earlier = exp.Case(this=key.copy())
        for before, this in itertools.pairwise(periods):
            earlier = earlier.when(_day(this), _day(before))
        on: exp.Expr = exp.EQ(this=exp.cast(_col("prev", tcol), "DATE"), expression=earlier)
        for g in others:
            on = exp.and_(on, exp.NullSafeEQ(this=_col("prev", g), expression=_col("cur", g)))
        select = select.join(exp.to_table("b").as_("prev"), on=on, join_type="left")
    return select.order_by(key.copy(), *(_col("cur", g) for g in others))


def period_label(iso: str, grain: str, lang: str) -> str:
    """A period as a reader names it, from its first day and grain.

    >>> period_label("2024-04-01", "quarter", "en"), period_label("2024-04-01", "quarter", "zh")
    ('Q2 2024', '2024年第2季度')
    >>> period_label("2026-03-01", "month", "en"), period_label("2026-03-01", "month", "zh")
    ('March 2026', '2026年3月')
    """
    d = dt.date.fromisoformat(iso)
    zh = lang == "zh"
    if grain == "year":
        return f"{d.year}年" if zh else str(d.year)
    if grain == "quarter":
        q = (d.month - 1) // 3 + 1
        return f"{d.year}年第{q}季度" if zh else f"Q{q} {d.year}"
    if grain == "month":
        return f"{d.year}年{d.month}月" if zh else d.strftime("%B %Y")
    if grain == "week":
        return f"{d.isoformat()}起的一周" if zh else f"the week of {d.isoformat()}"
    return f"{d.year}年{d.month}月{d.day}日" if zh else d.isoformat()


def periods_note(
    query: SemanticQuery,
    grain: str,
    periods: tuple[str, ...],
    change: bool,
    lang: str,
    label: Callable[[str], str],
) -> str:
    """ ", compared: 2023 vs 2024, one row per period (… = (2024 - 2023) / 2023)".

    >>> q = SemanticQuery(metrics=["gmv"], group_by=["metric_time__year"])
    >>> periods_note(q, "year", ("2023-01-01", "2024-01-01"), True, "en", str)
    ', compared: 2023 vs 2024, one row per year (gmv__difference = 2024 - 2023, gmv__growth = (2024 - 2023) / 2023)'
    >>> periods_note(q, "year", ("2023-01-01", "2024-01-01"), False, "zh", str)
    '，对比：2023年 与 2024年，每年一行'
    """
    names = [period_label(d, grain, lang) for d in periods]
    zh = lang == "zh"
    text = (
        f"，对比：{' 与 '.join(names)}，每{_ZH_GRAIN[grain]}一行"
        if zh
        else f", compared: {' vs '.join(names)}, one row per {grain}"
    )
    if not change:
        return text
    later, earlier = ("后一期", "前一期") if len(names) > 2 else (names[-1], names[0])
    if not zh and len(names) > 2:
        later, earlier = "each period", "the one before"
    cols = ", ".join(
        f"{label(f'{m}__difference')} = {later} - {earlier}, "
        f"{label(f'{m}__growth')} = ({later} - {earlier}) / {earlier}"
        for m in query.metrics
    )
    return f"{text}（{cols}）" if zh else f"{text} ({cols})"
