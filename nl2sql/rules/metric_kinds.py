"""A word that names a metric and its filtered kind: the plain metric, unless the kind is said.

Why: dbt projects define a filtered copy of a metric for a common slice — "The number of GCSE
free meetings booked" beside "The number of free meetings booked" (same measure, a filter on
the level). A word reaching both ("预约量", "bookings") asks for the plain one unless the
question says what the kind adds ("GCSE"); otherwise the plain count was refused as ambiguous.
When the question does say it, both readings stay and the usual rules (the exact label) or a
clarification decide: the kind's filter and the said value give the same rows anyway.
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp

from nl2sql.rules.count_events import COUNT_WORDS, says
from nl2sql.rules.items import Item
from nl2sql.rules.money_words import is_money_metric
from nl2sql.rules.units import metric_unit
from nl2sql.rules.view import StateView
from nl2sql.unit_words import kind_of
from semantic_layer.catalog import CatalogMetric

#: label words that never tell a kind apart (counting words and grammar)
_PLAIN = COUNT_WORDS | {"amount", "sum"}


def _words(m: CatalogMetric) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", (m.label or m.name.replace("_", " ")).lower())) - _PLAIN


def _kind_of(kind: CatalogMetric, plain: CatalogMetric) -> set[str]:
    """The words ``kind``'s label adds to ``plain``'s when it is ``plain`` filtered (same
    measure and date, or a measure that is ``plain``'s column kept only under a condition:
    :func:`_case_kept`), else an empty set."""
    same = (kind.measure, kind.agg, kind.agg_time_dimension) == (
        plain.measure,
        plain.agg,
        plain.agg_time_dimension,
    )
    filtered = kind.filtered and same and bool(kind.measure)
    if not (filtered or _case_kept(kind, plain)) or plain.filtered:
        return set()
    return _words(kind) - _words(plain)


def _case_kept(kind: CatalogMetric, plain: CatalogMetric) -> bool:
    """Whether ``kind`` sums ``plain``'s column only where a condition holds: its measure is
    ``CASE WHEN <condition> THEN <plain's column> ELSE 0 END`` (or no ELSE / ELSE NULL), with
    the same aggregation and date.

    Why: dbt projects write a filtered copy into the measure as often as into a metric
    ``filter:`` — "Gold Member Ticket Revenue" is ``sum(case when is_gold_member then amount
    else 0 end)`` beside "Total Ticket Revenue" ``sum(amount)``. It is the same kind of metric
    as a filtered copy, so "ticket revenue" (门票收入) asks for the plain one unless the
    question says the words the kind adds ("gold member"); it was refused as ambiguous.
    """
    if kind.metric_type != "simple" or plain.metric_type != "simple" or kind.filtered:
        return False
    if (kind.agg.lower(), kind.agg_time_dimension) != (plain.agg.lower(), plain.agg_time_dimension):
        return False
    if kind.agg.lower() not in ("sum", "count", "count_distinct") or not plain.measure_expr:
        return False
    try:
        case = sqlglot.parse_one(kind.measure_expr, read="duckdb")
        column = sqlglot.parse_one(plain.measure_expr, read="duckdb")
    except sqlglot.errors.ParseError:
        return False
    if not isinstance(case, exp.Case) or case.this is not None:
        return False
    ifs = case.args.get("ifs") or []
    default = case.args.get("default")
    if len(ifs) != 1 or not (default is None or _zero_or_null(default)):
        return False
    return ifs[0].args.get("true") == column


def _zero_or_null(node: exp.Expression) -> bool:
    return isinstance(node, exp.Null) or (
        isinstance(node, exp.Literal) and not node.is_string and node.this in ("0", "0.0")
    )


def plain_metric(p: StateView, it: Item, names: list[str]) -> str | None:
    """The one metric left among ``names`` once the filtered kinds whose added words the
    question does not all say are dropped; None when that leaves more or less than one.

    All of them: "ticket revenue by member" says "member" but not "gold member", so it is not
    the kind "Gold Member Ticket Revenue"."""
    metrics = {n: p.catalog.metric(n) for n in names}
    dropped = set()
    for n, m in metrics.items():
        for o, base in metrics.items():
            if o == n or m is None or base is None:
                continue
            extra = _kind_of(m, base)
            # every word the kind adds must be said ("member" alone is not "gold member")
            if extra and not all(any(x is not it and says(x, {w}) for x in p.all) for w in extra):
                dropped.add(n)
    left = [n for n in names if n not in dropped]
    return left[0] if len(left) == 1 and dropped else None


#: aggregations that give one statistic of a column's values, not their total
_STATISTIC_AGGS = frozenset({"average", "avg", "mean", "median", "min", "max", "percentile"})
#: words asking for a statistic of the values (the sum is then not the plain reading)
_STATISTIC_WORDS = frozenset(
    "average avg mean median typical 平均 均值 人均 中位 中位数 单笔 每笔".split()  # noqa: SIM905
)
#: superlatives: a statistic before the noun ("最高收入", "highest revenue"), a ranking of
#: groups after it ("收入最高的年龄段": the age group whose revenue is highest)
_SUPERLATIVES = frozenset(
    """max maximum min minimum highest lowest largest smallest most least
    最高 最低 最大 最小 最多 最少""".split()  # noqa: SIM905
)
#: superlatives of a quantity ("the most revenue", 收入最多): the greatest amount, a ranking of
#: totals, never one statistic of the values, so they leave the plain total its reading
_QUANTITY_SUPERLATIVES = frozenset({"most", "least", "最多", "最少"})
#: kinds of units whose amounts add up like money does: a bare noun asks for their total
#: ("fuel used by route" in litres); a duration, a length or a temperature may as well ask for a
#: typical value, so those keep the clarification
_ADDITIVE_KINDS = frozenset({"money", "data", "volume", "energy"})
#: per-unit amounts whose bare noun means a typical value as much as a total ("price")
_PER_UNIT_WORDS = frozenset({"price", "prices", "rate", "rates", "unit", "per", "ratio"})


def _statistic_superlative(x: Item) -> bool:
    """A superlative that may ask for one statistic ("highest revenue"), not "the most"."""
    word = x.text.strip().lower()
    return word in _SUPERLATIVES and word not in _QUANTITY_SUPERLATIVES


def _additive(m: CatalogMetric) -> bool:
    """Money, or a unit of an amount that adds up (MB, litres, kWh: ``_ADDITIVE_KINDS``)."""
    unit = metric_unit(m)
    return is_money_metric(m) or (unit is not None and kind_of(unit) in _ADDITIVE_KINDS)


def _bare(expr: str) -> str:
    return "".join(expr.replace('"', "").split()).lower()


def plain_sum(p: StateView, it: Item, names: list[str]) -> str | None:
    """The sum of a money amount among statistics of the same column, when no statistic word
    is said: "收入" / "revenue in July" between "revenue sum" (SUM(price_rub)) and "Average
    revenue" (AVG(price_rub)) is the revenue sum.

    Why: a money amount's bare noun asks for its total, as "revenue in July" does on every
    report; the average, median or maximum is a different question that names its statistic
    (平均收入, 单笔最高收入 — :func:`nl2sql.rules.metric_names.aggregated_metric` reads those).
    Refused as ambiguous, the plain total was out of reach by its own noun. Only for money
    sums that are not per-unit amounts ("price": a typical price is as likely as a total) and
    only when every other reading is a statistic of the very same column; a statistic word
    anywhere in the question leaves the clarification.
    """
    metrics = [m for n in names if (m := p.catalog.metric(n)) is not None]
    if len(metrics) != len(names) or len(metrics) < 2:
        return None
    sums = [m for m in metrics if m.metric_type == "simple" and m.agg.lower() == "sum"]
    stats = [m for m in metrics if m.metric_type == "simple" and m.agg.lower() in _STATISTIC_AGGS]
    if len(sums) != 1 or len(sums) + len(stats) != len(metrics):
        return None
    total = sums[0]
    if not total.measure_expr or any(
        _bare(m.measure_expr) != _bare(total.measure_expr) for m in stats
    ):
        return None
    if total.filtered or not _additive(total) or _words(total) & _PER_UNIT_WORDS:
        return None
    if any(x.text.strip().lower() in _STATISTIC_WORDS or x.role == "avg" for x in p.all):
        return None
    if any(_statistic_superlative(x) and x.start < it.start for x in p.all):
        return None
    return total.name


#: words that ask for a running or windowed total ("累计收入", "rolling revenue"): with one, a
#: cumulative metric is a reading of its own and stays among the choices
WINDOW_WORDS = frozenset(
    "累计 累积 滚动 cumulative cumulatively running rolling trailing mtd qtd ytd wtd".split()  # noqa: SIM905
)


def plain_over_window(p: StateView, it: Item, names: list[str]) -> str | None:
    """The one metric of ``names`` that is not cumulative, when the others are and the question
    says no running or window word: "revenue" / "收入" between "Total Revenue" and "Revenue
    (Last 28 Days)" is the total.

    Why: a bare noun asks for the amount over the period asked, which the plain metric gives;
    a cumulative one is a running figure read on each day, asked for by its window or a
    running word. Refused as ambiguous, the plain total was out of reach by its own noun (and
    a model whose only bare "revenue" is a window's note answered nothing at all). Only when
    exactly one plain metric is left; with "rolling", "累计" and the like all readings stay.
    """
    metrics = [m for n in names if (m := p.catalog.metric(n)) is not None]
    if len(metrics) != len(names) or len(metrics) < 2:
        return None
    if any(x.text.strip().lower() in WINDOW_WORDS for x in p.all):
        return None
    plain = [m.name for m in metrics if m.metric_type != "cumulative"]
    return plain[0] if len(plain) == 1 else None


#: words that ask for a mean per something ("per customer", 每位客户); with one the ratio stays
_PER_WORDS = frozenset({"per", "每位", "每人", "每个人", "每名"})


def total_over_its_mean(p: StateView, it: Item, names: list[str]) -> str | None:
    """The sum metric of two when the other is that sum divided by a count ("Sum of Membership
    Fees" and "Average Membership Fees" = the sum per member), and the question says no
    average, statistic or per word: "会员费最高的前3位会员" ranks by the sum.

    Why: both labels translate to the same 会员费 once their aggregation word is read
    apart, and the bare noun was refused as ambiguous; an amount's bare noun asks for its total
    (:func:`plain_sum`), and the mean per thing is asked for by its own word (平均, "average",
    "per member"). A superlative before the noun ("highest membership fees") may ask for a
    statistic, so it keeps the clarification, as for :func:`plain_sum`.
    """
    metrics = [m for n in names if (m := p.catalog.metric(n)) is not None]
    if len(metrics) != 2 or len(names) != 2:
        return None
    for total, ratio in (metrics, metrics[::-1]):
        if (
            total.metric_type == "simple"
            and total.agg.lower() == "sum"
            and ratio.metric_type == "ratio"
            and len(ratio.ratio_of) == 2
            and ratio.ratio_of[0] == total.name
        ):
            said = {x.text.strip().lower() for x in p.all}
            if said & (_STATISTIC_WORDS | _PER_WORDS) or any(x.role == "avg" for x in p.all):
                return None
            if any(_statistic_superlative(x) and x.start < it.start for x in p.all):
                return None
            return total.name
    return None
