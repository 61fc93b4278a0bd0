"""Pass helper: two metrics written as one Chinese phrase ("退货客户数", "报废的净损耗").

Why its own module: it is one job of the build pass (``passes.build`` calls
:func:`check_metric_phrases`), with helpers of its own, and the build pass outgrew the module
size the project keeps.
"""

from __future__ import annotations

import itertools
import re

from nl2sql.interpret import metric_label
from nl2sql.rules.all_rows import every_row_count
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.passes.phrases import subset_flag_filter
from nl2sql.rules.state import ParseState

_LINKS = frozenset({"的", "之"})
#: aggregations that restate a summed column as one statistic of its rows (see
#: :func:`_restated_statistic`)
_STATISTICS = frozenset({"median", "percentile", "average", "avg", "min", "max"})


def metric_of(it: Item) -> str | None:
    """The one metric ``it`` names, else None."""
    if it.kind != "domain":
        return None
    if it.sense is not None:
        return it.sense.name if it.sense.kind == "metric" else None
    names = {s.name for s in it.senses if s.kind == "metric"}
    return names.pop() if len(names) == 1 and len(it.senses) == 1 else None


def _opens_phrase(it: Item) -> bool:
    """Whether ``it`` is an aggregation word (平均, "average"), which opens a metric's phrase."""
    return it.kind == "role" and it.role == "avg"


def _same_rows(p: ParseState, a: str, b: str) -> bool:
    """Whether two metrics aggregate the same rows (one time dimension of one entity)."""
    ma, mb = p.catalog.metric(a), p.catalog.metric(b)
    return (
        ma is not None
        and mb is not None
        and ma.agg_time_dimension is not None
        and ma.agg_time_dimension == mb.agg_time_dimension
    )


def _counts_what_it_names(p: ParseState, it: Item, metric: str) -> bool:
    """Whether ``metric`` is the count of the thing ``it`` names ("退货" → Returns), so the
    word can name those rows; an amount ("押金的订单": orders *with* a deposit) or a count
    of a part of them (a filtered count: its condition would be lost) cannot."""
    m = p.catalog.metric(metric)
    # a filtered count names a part ("已取消订单的GMV": Cancelled Orders), and dropping it
    # lost its condition: GMV of every order was answered (probes18); asked back instead
    return m is not None and m.agg in ("count", "count_distinct") and every_row_count(m)


def _restated_statistic(p: ParseState, first: str, second: str) -> bool:
    """Whether ``second`` aggregates the very column ``first`` sums, another way (a median or
    an average of the revenue column after Revenue): Chinese puts the statistic after the
    thing measured (收入中位数, 收入的平均值), so the pair names the second metric alone."""
    ma, mb = p.catalog.metric(first), p.catalog.metric(second)
    return (
        ma is not None
        and mb is not None
        and bool(ma.measure_expr)
        and ma.measure_expr == mb.measure_expr
        and ma.agg == "sum"
        and mb.agg in _STATISTICS
        and _same_rows(p, first, second)
    )


#: a conditional sum: ``CASE WHEN <condition> THEN <column> ELSE 0 END``
_CONDITIONAL = re.compile(
    r"^\s*case\s+when\s+(?P<cond>.+?)\s+then\s+(?P<col>.+?)\s+else\s+0(?:\.0*)?\s+end\s*$",
    re.IGNORECASE | re.DOTALL,
)


def conditional_part(p: ParseState, part: str, whole: str) -> bool:
    """Whether ``part`` sums ``whole``'s own column over only the rows a condition picks
    (``CASE WHEN status = 'refunded' THEN amount ELSE 0 END`` beside ``SUM(amount)``), with
    neither metric filtered otherwise, over the same rows.

    Why: "退款的订单金额" / "被退款的订单金额" is the order amount of the refunded orders, which
    the model defines as its Refunds metric; read as Refunds beside Order Amount it was refused
    as two metrics in one phrase.

    >>> from semantic_layer.catalog import Catalog, CatalogMetric as M
    >>> whole = M("order_amount", "Order Amount", agg="sum", measure_expr="amount")
    >>> part = M("refunds", "Refunds", agg="sum",
    ...          measure_expr="CASE WHEN status = 'refunded' THEN amount ELSE 0 END")
    >>> p = ParseState.__new__(ParseState); p.catalog = Catalog(metrics=(whole, part), dimensions=())
    >>> conditional_part(p, "refunds", "order_amount"), conditional_part(p, "order_amount", "refunds")
    (True, False)
    """
    a, b = p.catalog.metric(part), p.catalog.metric(whole)
    if a is None or b is None or a.agg != "sum" or b.agg != "sum" or a.filtered or b.filtered:
        return False
    m = _CONDITIONAL.match(a.measure_expr or "")
    col = " ".join((b.measure_expr or "").lower().split())
    if m is None or not col:
        return False
    return " ".join(m.group("col").lower().split()) == col


def check_metric_phrases(p: ParseState) -> None:
    """Two metrics written as one Chinese phrase are not a list of two metrics: "退货客户数"
    (the number of returning customers) read as Returns beside the count of *all* customers.
    A list is joined by 和, 、 or a comma (or a space); a compound or 的 makes one thing: the
    second metric of the first one's rows ("报废的净损耗"), else refused.
    English possessives ("customers' net takings") keep the metric asked and at worst show the
    count beside it, so they are left to the metric passes."""
    # an aggregation word opens the second metric's own phrase (已取消骑行的*平均*骑行里程),
    # so it stands between the two without separating them
    seq = [x for x in p.its if not _opens_phrase(x)]
    for a, b in itertools.pairwise(seq):
        ma, mb = metric_of(a), metric_of(b)
        if not ma or not mb or ma == mb or ma not in p.metrics or mb not in p.metrics:
            continue
        ia = next(k for k, x in enumerate(p.all) if x is a)
        ib = next(k for k, x in enumerate(p.all) if x is b)
        between = p.all[ia + 1 : ib]
        if (a.text + b.text).isascii():
            continue
        # 的 links them; 平均 and a verb absorbed into the second metric (飞行) are its words
        linked = any(x.text.strip() in _LINKS for x in between) and all(
            x.text.strip() in _LINKS or _opens_phrase(x) or x.role == "verb" for x in between
        )
        cjk = not any(ch.isascii() for ch in a.text + b.text)  # "退货客户数", not "订单数GMV"
        if linked or (cjk and not between and a.end == b.start):
            if _restated_statistic(p, ma, mb):
                # "收入中位数" / "收入的中位数": the statistic after a metric is that metric's
                # median (the model's Median Revenue), not a second metric beside it
                p.metrics.remove(ma)
                continue
            subset = p.catalog.metric(ma)
            if (
                linked
                and subset is not None
                and _same_rows(p, ma, mb)
                and subset_flag_filter(p, subset, mb)
            ):
                # "已取消航班的平均距离": the first counts the rows a yes/no column marks, which
                # a dimension also exposes; 的 makes them the rows the second is measured over
                continue
            if linked and _same_rows(p, ma, mb) and conditional_part(p, ma, mb):
                # "(被)退款的订单金额": the amount of the refunded ones, which the first
                # metric is — the column of the second summed over the rows the first picks
                p.metrics.remove(mb)
                continue
            if _same_rows(p, ma, mb) and _counts_what_it_names(p, a, ma):
                # "报废的净损耗": the first names the rows the second is measured over (the
                # scrapped items' net waste), a noun before its metric, not a metric of its own
                p.metrics.remove(ma)
                continue
            if (
                linked
                and ia > 0
                and p.all[ia - 1].text.strip() == "被"
                and _same_rows(p, ma, mb)
                and _counts_what_it_names(p, b, mb)
            ):
                # "被取消的预约": the appointments that were cancelled, the part the passive
                # names; it leads, the whole follows (as in "有多少预约是取消的")
                p.metrics[:] = [ma, mb] + [m for m in p.metrics if m not in (ma, mb)]
                continue
            raise Refusal(
                f"'{a.text}' and '{b.text}' read as two metrics ({metric_label(p.catalog, ma, 'en')} and "
                f"{metric_label(p.catalog, mb, 'en')}), but they are written as one phrase; "
                "ask for both with 'and', or name the one metric you mean",
                zh=f"“{a.text}”和“{b.text}”被读成两个指标（{metric_label(p.catalog, ma, 'zh')}、"
                f"{metric_label(p.catalog, mb, 'zh')}），但它们写成了一个短语；"
                "要两个指标请用“和”连接，否则请说出您要的那一个指标",
                words=[a.text, b.text],
            )
