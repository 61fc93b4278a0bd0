"""Pass: check the parts against the catalog and assemble the :class:`SemanticQuery`.

Why check here and not leave it to the compiler: "退货率 by 支付方式" may name real terms the
metric cannot reach; the refusal names the metric, the dimension and what it can be broken
down by, in words the user typed. The same holds for a noun kept only as context ("GMV of
VIP customers"): it must be something the metric's rows relate to, in one role. "sales per
customer" on a model whose only customer metric counts customers read "sales" as the
sale-line noun and answered the customer count; a context noun the metric cannot reach, or
one that plays two roles the question does not choose between (airports as origin and as
destination), says the reading is not the question's.
"""

from __future__ import annotations

from nl2sql.interpret import item_label, metric_label
from nl2sql.rules.items import Refusal
from nl2sql.rules.naming import with_names
from nl2sql.rules.passes.grouping import PER_WORDS
from nl2sql.rules.state import ParseState
from semantic_layer.query import OrderBy, SemanticQuery


def _labels(p: ParseState, metric: str, item: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """(metric, item) as an English and a Chinese reader would name them."""
    return (
        (metric_label(p.catalog, metric, "en"), item_label(p.catalog, item, "en")),
        (metric_label(p.catalog, metric, "zh"), item_label(p.catalog, item, "zh")),
    )


def _check_reachable(p: ParseState) -> None:
    for g in p.group_by:
        for m in p.metrics:
            if not p.metric_allows(m, g):
                en, zh = _labels(p, m, g)
                raise Refusal(
                    f"{en[0]} cannot be broken down by {en[1]}", zh=f"{zh[0]}不能按{zh[1]}拆分"
                )
    for f in p.filters:
        for m in p.metrics:
            if not p.metric_allows(m, f.dimension):
                en, zh = _labels(p, m, f.dimension)
                raise Refusal(
                    f"{en[0]} cannot be filtered by {en[1]}", zh=f"{zh[0]}不能按{zh[1]}筛选"
                )


def _check_context_entities(p: ParseState) -> None:
    """Every context noun is one entity the query's metrics reach (else the reading dropped
    what the noun meant: refuse, naming the noun and the metric)."""
    if p.dimension_only:
        return
    for it in p.context_entities:
        sense = p.resolve(it, ("entity",))  # two roles left open: refused as ambiguous
        if sense is None:
            continue
        for m in p.metrics:
            if not p.metric_allows(m, sense.name):
                en, zh = _labels(p, m, sense.name)
                raise Refusal(
                    f"'{it.text}' reads as {en[1]}, which {en[0]} cannot be related to; "
                    f"ask about {en[0]} without '{it.text}', or name a metric of {en[1]}",
                    zh=f"“{it.text}”读作{zh[1]}，{zh[0]}与它无法关联；"
                    f"请去掉“{it.text}”再问{zh[0]}，或说出{zh[1]}的指标",
                    words=[it.text],
                )


def _check_group_words(p: ParseState) -> None:
    """A "per"/"by"/"按" that nothing took up would drop its grouping ("GMV per order by
    channel": "order by" read as a sort word left "per" alone, and GMV was answered by
    channel only): refuse, naming the word."""
    for i, it in enumerate(p.its):
        if it.used or it.kind != "role" or it.role != "group":
            continue
        nxt = p.at(i + 1)
        if (
            it.text not in PER_WORDS
            and nxt is not None
            and (
                (nxt.kind == "domain" and (nxt.is_kind("metric") or nxt.is_kind("value")))
                or (nxt.kind == "role" and nxt.role in ("howmany", "avg"))
            )
        ):
            continue  # "by number of flights" ranks, "shipped by AIR" names a value: read there
        raise Refusal(
            f"I can't tell what '{it.text}' breaks the answer down by; name a dimension "
            "right after it (e.g. by channel)",
            zh=f"看不出“{it.text}”要按什么拆分；请在它后面写出维度（例如按渠道）",
            words=[it.text],
        )


def build_query(p: ParseState) -> SemanticQuery:
    """The semantic query; a grouped query without an order is sorted by time, else metric."""
    if not p.metrics and not p.dimension_only:
        raise Refusal(
            "the question names no metric I know", zh="问题中没有我认识的指标", kind="no_metric"
        )
    _check_group_words(p)
    _check_reachable(p)
    _check_context_entities(p)
    # an entity key gets its name beside it ("top 3 products" shows names; rules.naming)
    p.group_by = with_names(
        p.catalog, p.group_by, lambda d: all(p.metric_allows(m, d) for m in p.metrics)
    )
    order_by = list(p.order_by)
    if not order_by and p.group_by:
        time_groups = [g for g in p.group_by if g.startswith("metric_time__")]
        if time_groups:
            order_by = [OrderBy(name=time_groups[0], descending=False)]
        elif not p.metrics:
            order_by = [OrderBy(name=p.group_by[0], descending=False)]
        else:
            order_by = [OrderBy(name=p.metrics[0], descending=True)]
    tr = p.result.time.range if p.result.time else p.inherited_time
    return SemanticQuery(
        metrics=p.metrics,
        group_by=p.group_by,
        filters=p.filters,
        time_range=tr,
        having=p.having,
        order_by=order_by,
        limit=p.limit,
    )
