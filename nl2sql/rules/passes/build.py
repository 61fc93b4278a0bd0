"""Pass: check the parts against the catalog and assemble the :class:`SemanticQuery`.

Why check here and not leave it to the compiler: "退货率 by 支付方式" may name real terms the
metric cannot reach; the refusal names the metric, the dimension and what it can be broken
down by, in words the user typed. The same holds for a noun kept only as context ("GMV of
VIP customers"): it must be something the metric's rows relate to, in one role. "rentals per
member" on a model whose only member metric counts members read "rentals" as the
rental-line noun and answered the member count; a context noun the metric cannot reach, or
one that plays two roles the question does not choose between (docks as origin and as
destination), says the reading is not the question's.
"""

from __future__ import annotations

import re

from nl2sql.interpret import item_label, metric_label
from nl2sql.rules.cumulative import as_of_today, check_running_total, check_windowed_grain
from nl2sql.rules.entity_conditions import check_entity_conditions
from nl2sql.rules.headed_dimensions import headed_dimension, qualified_heads
from nl2sql.rules.hop_roles import check_hop_actor
from nl2sql.rules.items import Refusal
from nl2sql.rules.naming import with_names
from nl2sql.rules.own_keys import own_key
from nl2sql.rules.passes.coarse_time import refuse_one_day_by_period
from nl2sql.rules.passes.grouping import PER_WORDS, de_between
from nl2sql.rules.passes.metric_phrases import check_metric_phrases, metric_of
from nl2sql.rules.passes.period_mean import settle_period_mean
from nl2sql.rules.passes.phrases import (
    check_metric_as_rows,
    check_relative_clause,
    check_semi_join,
)
from nl2sql.rules.period_average import refuse_average_by_period
from nl2sql.rules.reach_suggest import reach_rewrites
from nl2sql.rules.row_conditions import (
    check_row_value_picks,
    grouped_row_condition,
    per_row_condition,
)
from nl2sql.rules.same_measure import reach_by_same_measure
from nl2sql.rules.sibling_counts import reach_by_sibling_count
from nl2sql.rules.snapshots import check_snapshot_now
from nl2sql.rules.state import ParseState
from nl2sql.rules.total_of_average import check_total_of_average
from nl2sql.yes_no import is_yes_no
from semantic_layer.query import DimensionFilter, OrderBy, SemanticQuery


def _labels(p: ParseState, metric: str, item: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """(metric, item) as an English and a Chinese reader would name them."""
    return (
        (metric_label(p.catalog, metric, "en"), item_label(p.catalog, item, "en")),
        (metric_label(p.catalog, metric, "zh"), item_label(p.catalog, item, "zh")),
    )


def _through_entity_keys(p: ParseState) -> None:
    """A filter or grouping on a dimension that is an entity's key column, which a metric of
    the question cannot reach, is one on that entity when every metric reaches the entity:
    "quota for NAMER-ENT" (a value of the opportunities' ``owner_team``, the column of their
    ``team`` entity) filters the quota model's own ``team`` key — the same values by
    construction, as MetricFlow's ``{{ Entity('team') }} = 'NAMER-ENT'``. It was refused
    ("cannot be filtered by owner team")."""

    def entity_for(name: str) -> str:
        d = p.catalog.dimension(name)
        if d is None or not d.key_of or d.dim_type != "categorical":
            return name
        if all(p.metric_allows(m, name) for m in p.metrics):
            return name
        ok = all(p.metric_allows(m, d.key_of) for m in p.metrics)
        return d.key_of if ok and d.key_of not in p.group_by else name

    p.filters = [f.model_copy(update={"dimension": entity_for(f.dimension)}) for f in p.filters]
    p.group_by = [entity_for(g) for g in p.group_by]


def _check_reachable(p: ParseState) -> None:
    for k, g in enumerate(p.group_by):  # "discounts by state": the facility's, the one reached
        if not all(p.metric_allows(m, g) for m in p.metrics):
            headed = headed_dimension(p.catalog, g, p.metrics, p.metric_allows)
            if headed is not None and headed not in p.group_by:
                p.group_by[k] = headed
    for g in p.group_by:
        for m in p.metrics:
            if not p.metric_allows(m, g):
                en, zh = _labels(p, m, g)
                # "parcels by depot name": the reachable "nearest depot name" is another
                # column, offered by its own name (rules.headed_dimensions); then the metric
                # by a breakdown near g and the metrics that reach g (rules.reach_suggest)
                near = [d.name for d in p.catalog.dimensions if p.metric_allows(m, d.name)]
                offers = [
                    f"{en[0]} by {item_label(p.catalog, q, 'en')}"
                    for q in qualified_heads(p.catalog, g, near)
                ]
                if not p.result.question.isascii():
                    offers = []
                raise Refusal(
                    f"{en[0]} cannot be broken down by {en[1]}",
                    zh=f"{zh[0]}不能按{zh[1]}拆分",
                    words=list(dict.fromkeys([*offers, *reach_rewrites(p, m, g)])),
                    kind="questions",
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
        _joined_context(p, sense.name)


def _joined_context(p: ParseState, entity: str) -> None:
    """A context noun for an entity the metrics' rows do not carry themselves ("bookings for
    lux listings": bookings carry the listing, lux listings are joined through a mapping that
    covers some listings only) keeps the rows that reach one: ``entity is not null``. Read as
    mere context it answered every booking. Where the join covers every row the filter changes
    nothing."""
    metrics = [m for name in p.metrics if (m := p.catalog.metric(name)) is not None]
    if not any(m.own_entities and entity not in m.own_entities for m in metrics):
        return
    if not any(f.dimension == entity and f.op == "is not null" for f in p.filters):
        p.filters.append(DimensionFilter(dimension=entity, op="is not null"))


def _check_group_words(p: ParseState) -> None:
    """A "per"/"by"/"按" that nothing took up would drop its grouping ("GMV per order by
    channel": "order by" read as a sort word left "per" alone, and GMV was answered by
    channel only): refuse, naming the word. A 的 between the word and a metric ("各类的销售额":
    each kind's sales, the kind left unsaid) is no ranking by that metric: refused too (the
    total was answered, 各类 dropped)."""
    for i, it in enumerate(p.its):
        if it.used or it.kind != "role" or it.role != "group":
            continue
        nxt = p.at(i + 1)
        if (
            it.text not in PER_WORDS
            and nxt is not None
            and not de_between(p, it, nxt)
            and (
                (nxt.kind == "domain" and (nxt.is_kind("metric") or nxt.is_kind("value")))
                or (nxt.kind == "role" and nxt.role in ("howmany", "avg"))
            )
        ):
            continue  # "by number of rides" ranks, "sent by COURIER" names a value: read there
        if _each_of_values(p, i):
            continue
        raise Refusal(
            f"I can't tell what '{it.text}' breaks the answer down by; name a dimension "
            "right after it (e.g. by channel)",
            zh=f"看不出“{it.text}”要按什么拆分；请在它后面写出维度（例如按渠道）",
            words=[it.text],
        )


#: "each" after the things it distributes over ("数学和英语各有多少", "北京、上海各多少单")
_EACH = frozenset({"各", "各自"})


def _each_of_values(p: ParseState, i: int) -> bool:
    """ "A和B各有多少X": 各 right after a list of values of one dimension breaks the answer
    down by that dimension (the values already filter it), one row per value named.

    Why: 各 distributes over what precedes it; with nothing after it to group by, the question
    was refused although it names exactly the rows it wants. Only a list (an ``in`` filter of
    two or more values) whose last value ends right before 各 is read so.
    """
    it, prev = p.its[i], p.at(i - 1)
    if it.text not in _EACH or prev is None or not prev.is_kind("value"):
        return False
    dims = {s.name for s in ([prev.sense] if prev.sense else prev.senses) if s.kind == "value"}
    listed = [
        f.dimension
        for f in p.filters
        if f.op == "in" and len(f.values) >= 2 and f.dimension in dims
    ]
    if len(listed) != 1:
        return False
    it.used = True
    p.add_group(listed[0])
    return True


#: what links two Chinese nouns into one phrase ("退货率的GMV")
def _check_row_grain_grouping(p: ParseState) -> None:
    """A grouping by the metric's own rows ("average mileage *per ride* by operator": one
    group per ride) next to another grouping cannot be what was asked: every group is one
    row, so the other grouping aggregates nothing. Refused, naming both."""
    if len(p.group_by) < 2 or not p.metrics:
        return
    grains = set()
    for m in p.metrics:
        cm = p.catalog.metric(m)
        if cm is None or not cm.agg_time_dimension or "__" not in cm.agg_time_dimension:
            return
        grains.add(cm.rows_entity)
    if len(grains) != 1:
        return
    (grain,) = grains
    if grain in p.group_by:
        others = [g for g in p.group_by if g != grain]
        en = [item_label(p.catalog, g, "en") for g in (grain, others[0])]
        zh = [item_label(p.catalog, g, "zh") for g in (grain, others[0])]
        raise Refusal(
            f"grouping by {en[0]} gives one row per {en[0]}, so 'by {en[1]}' would add up "
            f"nothing; ask by {en[1]} alone, or list each {en[0]}",
            zh=f"按{zh[0]}分组时每组只有一个{zh[0]}，再按{zh[1]}分组没有意义；"
            f"请只按{zh[1]}统计，或列出每个{zh[0]}",
        )


_COUNT_FORM = re.compile(r"(?:数|量|数量)$|\bcount\b|\bnumber\b", re.I)


def _count_named(p: ParseState, metric: str) -> bool:
    """Whether the question says the number is the count itself: the count's word right after
    the number ("1000 orders", "3000单") or a count form of it (订单数, "order count").

    Why only in a yes/no question: "orders over 30" may be orders of over 30 each (an amount),
    but "did we have fewer than 1000 orders?" / "订单数超过3000吗" ask about the total count.
    """
    words = [it for it in p.all if it.text.strip()]
    for k, it in enumerate(words):
        if not any(s.kind == "metric" and s.name == metric for s in it.senses):
            continue
        if _COUNT_FORM.search(it.text.strip()):
            return True
        prev = words[k - 1] if k else None
        if prev is not None and prev.kind == "num" and prev in p.threshold_items:
            return True
        if (
            k >= 2
            and words[k - 2].text.strip().lower() == "number"
            and words[k - 1].text.strip().lower() == "of"
        ):
            return True
    return False


def _check_ungrouped_count(p: ParseState) -> None:
    """A number compared with an ungrouped count ("orders over 30", "超过30的订单数") is about
    each thing counted (an amount of each order), not the one total count: read as a condition
    on the total, the answer was the count of *all* orders whenever it exceeded 30. Refused,
    naming the amounts to ask with."""
    h = p.having[0]
    m = p.catalog.metric(h.metric)
    if m is None or not (m.counts or m.agg in ("count", "count_distinct") or m.measure_expr == "1"):
        return
    if is_yes_no(p.result.question) and _count_named(p, h.metric):
        return  # "did we have fewer than 1000 orders?", 订单数超过3000吗: the total is judged
    en = metric_label(p.catalog, h.metric, "en")
    zh = metric_label(p.catalog, h.metric, "zh")
    raise Refusal(
        f"the number compared with {en} would apply to the one total count, not to each of "
        f"them; name what is compared (e.g. '{en} with <amount> above …') or break the answer "
        "down",
        zh=f"与{zh}比较的数字只能作用在总数上，而不是每一笔；请说明比较的是什么（例如金额），或加上拆分维度",
    )


def _check_ungrouped_condition(p: ParseState) -> None:
    """A condition on a metric with no breakdown applies to the one total row: "orders with net
    takings below 0" answered the count of *all* orders (and the total takings) whenever the
    total takings were negative. When the question names a thing besides the condition, the
    condition is about each of them, which the query cannot say without a grouping: refused,
    with the way to ask."""
    if not p.having or p.dimension_only:
        return
    if p.group_by:
        grouped_row_condition(p)  # "number of trips with a distance over 300 by origin"
        return
    _check_ungrouped_count(p)
    if per_row_condition(p):  # "rides with a wait over 1 hour": each ride's own value
        return
    nouns = [
        it
        for it in p.its
        if it.kind == "domain"
        and not any(it is x for x in p.threshold_items)
        and not it.is_kind("value")
    ]
    if not nouns:
        return  # "取消率低于-20%": a yes/no about the total itself, answered with it or nothing
    h = p.having[0]
    en = metric_label(p.catalog, h.metric, "en")
    zh = metric_label(p.catalog, h.metric, "zh")
    raise Refusal(
        f"the condition on {en} would apply to the one overall total, not to each item; "
        f"break the answer down (e.g. '… by channel with {en} above …') or drop the condition",
        zh=f"{zh}的条件只能作用在总计上，而不是每一项；请加上拆分维度（例如按渠道），或去掉条件",
    )


def _check_contradictions(p: ParseState) -> None:
    """Two conditions asking one dimension for two different values ("known" read as
    ``is_known = yes`` and "unknown" as ``is_known = no``) match no row: an answer of 0 that
    looks like data. Refused, with the way to see both."""
    asked: dict[str, set[str]] = {}
    for f in p.filters:
        if isinstance(f, DimensionFilter) and f.op == "=" and len(f.values) == 1:
            asked.setdefault(f.dimension, set()).add(str(f.values[0]).lower())
    for dim, values in asked.items():
        if len(values) > 1:
            raise Refusal(
                f"{dim} is asked to be both {' and '.join(sorted(values))}; ask by {dim} to "
                "compare them",
                zh=f"{dim}同时要求为{'和'.join(sorted(values))}；要比较请按{dim}拆分",
            )


def _check_ranked_something(p: ParseState) -> None:
    """A top/bottom N needs rows to rank: over the one overall total it would answer that
    total as "the top 2" ("到访次数最多的两个地点" lost its 地点 and answered all visits, a
    wrong answer on a fresh public dbt project)."""
    ranked = any(o.name in p.metrics for o in p.order_by)
    if p.limit and ranked and not p.group_by and not p.dimension_only:
        raise Refusal(
            "top/bottom of what? name the things to rank (e.g. 'top 3 <things> by <metric>')",
            zh="排的是什么？请说明要排名的对象（例如“<指标>最高的3个<对象>”）",
        )


def _check_ranked_within_groups(p: ParseState) -> None:
    """A ranking over two breakdowns ranks their pairs, never within each group: refused with
    the way to ask."""
    if not p.limit or p.dimension_only or not p.metrics:
        return
    inherited = set(p.context.group_by) if p.context is not None else set()
    if len([g for g in p.group_by if g not in inherited]) > 1:
        # "top 3 destinations for each origin": the limit cut the top 3 (origin, destination)
        # pairs overall, not 3 per origin — a ranking inside groups the query cannot express.
        # A follow-up "top 3" of a table already shown ranks its rows (the groups inherited)
        keys = [item_label(p.catalog, g, "en") for g in p.group_by]
        zh_keys = [item_label(p.catalog, g, "zh") for g in p.group_by]
        raise Refusal(
            f"a top {p.limit} over {' and '.join(keys)} together ranks their pairs overall, not "
            f"within each {keys[-1]}; ask for one {keys[-1]} at a time, or without the ranking",
            zh=f"同时按{'和'.join(zh_keys)}排名只能对组合整体排前{p.limit}，不能在每个{zh_keys[-1]}内排名；"
            f"请一次问一个{zh_keys[-1]}，或去掉排名",
        )


def _group_by_own_keys(p: ParseState) -> None:
    """A grouping by a joined model's key column groups by the facts' foreign key instead
    (:mod:`nl2sql.rules.own_keys`); not when a filter or a computed share or comparison
    (``p.derived``) reads that dimension by its name."""
    if p.derived is not None or p.context_derived is not None:
        return
    named = {f.dimension for f in p.filters}
    p.group_by = list(
        dict.fromkeys(
            g
            if g in named
            else own_key(p.catalog, g, lambda e: all(p.metric_allows(m, e) for m in p.metrics))
            for g in p.group_by
        )
    )


def _filter_on_own_keys(p: ParseState) -> None:
    """A condition on a joined model's key column is a condition on the facts' foreign key
    (:mod:`nl2sql.rules.own_keys`): "crossings not to WDP" compared the docks table's code
    through a LEFT JOIN, so the crossings to docks missing from that table were neither
    WDP nor not WDP and fell out of the count. The foreign key on the fact row is equal for
    every matched row and keeps the others. Not a null test ("is null" asks about the match)."""
    p.filters = [
        f
        if f.op in ("is null", "is not null")
        else f.model_copy(
            update={
                "dimension": own_key(
                    p.catalog,
                    f.dimension,
                    lambda e: all(p.metric_allows(m, e) for m in p.metrics),
                )
            }
        )
        for f in p.filters
    ]


def _break_down_repeated_metric(p: ParseState) -> None:
    """One metric named once per value ("GMV of jd and GMV of tmall", "markup rate of web and
    markup rate of store") asks for one figure per value, not the one figure of all of them
    together (a combined margin is neither side's). Values of one dimension become a breakdown
    by it; conditions on several dimensions would be ANDed into rows that are neither side's,
    so they are refused. A follow-up or a computed comparison (vs, 占比) is left to its passes.
    """
    if p.derived is not None or p.context is not None:
        return
    for metric in p.metrics:
        if sum(metric_of(it) == metric for it in p.its) < 2:
            continue
        conditions = [f for f in p.filters if f.op in ("=", "in", "!=", "not in", "like")]
        listed = [f for f in conditions if f.op == "in" and len(f.values) >= 2]
        if len(conditions) == 1 and listed:
            dim = listed[0].dimension
            if dim not in p.group_by and all(p.metric_allows(m, dim) for m in p.metrics):
                p.group_by.append(dim)
            return
        if len(conditions) >= 2:
            label = metric_label(p.catalog, metric, "en")
            raise Refusal(
                f"{label} is asked for more than once with different conditions; ask for each "
                "one separately, or break it down by what differs",
                zh=f"{metric_label(p.catalog, metric, 'zh')}在不同条件下被问了多次；"
                "请分别提问，或按不同之处拆分",
                kind="split",
            )


def build_query(p: ParseState) -> SemanticQuery:
    """The semantic query; a grouped query without an order is sorted by time, else metric."""
    if not p.metrics and not p.dimension_only:
        raise Refusal(
            "the question names no metric I know", zh="问题中没有我认识的指标", kind="no_metric"
        )
    _check_group_words(p)
    check_metric_phrases(p)
    _break_down_repeated_metric(p)
    check_running_total(p)
    check_total_of_average(p)
    check_windowed_grain(p)
    check_snapshot_now(p)
    refuse_one_day_by_period(p)
    settle_period_mean(p)
    refuse_average_by_period(p)
    check_semi_join(p)
    check_relative_clause(p)
    check_metric_as_rows(p)
    _through_entity_keys(p)
    reach_by_sibling_count(p)
    reach_by_same_measure(p)
    _check_reachable(p)
    _check_context_entities(p)
    _check_row_grain_grouping(p)
    _check_ungrouped_condition(p)
    check_row_value_picks(p)
    _check_ranked_something(p)
    _check_contradictions(p)
    _check_ranked_within_groups(p)
    _group_by_own_keys(p)
    _filter_on_own_keys(p)
    check_hop_actor(p)
    asked = list(p.group_by)  # what is ranked; a name added beside a key is not
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
    tr = as_of_today(p, p.result.time.range if p.result.time else p.inherited_time)
    return SemanticQuery(
        metrics=p.metrics,
        group_by=p.group_by,
        filters=[*p.filters, *_ranked_keys_known(p, order_by, asked)],
        time_range=tr,
        having=p.having,
        where=check_entity_conditions(p),
        order_by=order_by,
        limit=p.limit,
        offset=p.offset or None,
    )


def _ranked_keys_known(
    p: ParseState, order_by: list[OrderBy], asked: list[str]
) -> list[DimensionFilter]:
    """ "which catastrophe had the most claims", "top 3 stores": the rows without a key (claims
    of no catastrophe, sales of no store) are not a catastrophe or a store, yet as one NULL
    group they often rank first. A ranking (a limit over a metric) keeps the rows that have
    each ranked key; the filter shows in the interpretation ("catastrophe is not null"). Only
    the keys the question ranks: a name shown beside a key may be empty for a real thing.

    A listing kept by a condition on a metric ("frame numbers with more than 500 rides") asks
    for things in the same way: the rides of no bike are not a frame number, yet as one NULL
    group of thousands of rides they were listed first. A plain breakdown ("rides by frame number")
    keeps the NULL group, as MetricFlow does: there every row is counted once and the groups
    add up to the total; a listing of the things that pass a condition has no such duty."""
    listed = bool(p.having)
    ranked = bool(p.limit) and any(o.name in p.metrics for o in order_by)
    if not p.metrics or not (ranked or listed):
        return []
    filtered = {f.dimension for f in p.filters}
    return [
        DimensionFilter(dimension=g, op="is not null")
        for g in asked
        if not g.startswith("metric_time__") and g not in filtered
    ]
