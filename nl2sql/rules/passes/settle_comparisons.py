"""Pass: settle a share of total or a change over time against the metrics and grains found.

Why a module of its own: ``passes.comparisons`` claims the comparison words and a compared
period before the time range is taken; whether that comparison can be computed (a metric
that adds up for a share, a period for a change, the population a share is taken in) is
only known once the metrics and grains are read, so it is checked here, later in the parse
and again on a follow-up's merged query (``rules.followup``).
"""

from __future__ import annotations

from nl2sql.derived import TWO_SIDES, Derived, period_grain
from nl2sql.general import ROLES
from nl2sql.interpret import item_label
from nl2sql.lexicon import Sense
from nl2sql.rules.flags import tail_noun
from nl2sql.rules.items import Refusal
from nl2sql.rules.passes.comparisons import GRAIN_ZH
from nl2sql.rules.passes.named_periods import settle_named_periods
from nl2sql.rules.state import ParseState
from semantic_layer.query import DimensionFilter


def _additive(p: ParseState, metric: str) -> bool:
    m = p.catalog.metric(metric)
    return (
        m is not None
        and m.metric_type in ("simple", "cumulative")
        and (m.value_format != "percent")
    )


def _compares(p: ParseState, metric: str) -> str | None:
    """``pop``/``yoy`` when the metric's own names say it is a change already ("GMV growth
    month over month"): then "GMV growth vs last month" asks for it, not for its change."""
    m = p.catalog.metric(metric)
    if m is None or m.metric_type != "derived":
        return None
    words = " ".join((m.name.replace("_", " "), m.label, *m.synonyms)).lower()
    kinds = {
        r.split(":")[0]
        for w, r in ROLES.items()
        if r.split(":")[0] in ("pop", "yoy") and len(w) > 2 and w in words
    }
    return kinds.pop() if len(kinds) == 1 else None


#: words before the value a share is of ("orders *that* were refunded", "订单*中*已取消的",
#: "crossings from SKR *were* cancelled": the predicate is what the share counts)
_SUBJECT_LINKS = frozenset(
    {"that", "which", "who", "were", "was", "are", "is", "中", "里", "里面", "当中"}
)


def _share_subject(p: ParseState) -> DimensionFilter | None:
    """The one-value filter a share without a breakdown is the share of: the only one, or the
    one right after a relative word ("share of orders *that* were refunded on jd")."""
    single = [f for f in p.filters if f.op == "=" and len(f.values) == 1]
    if len(single) == 1:
        return single[0]
    linked = []
    for f in single:
        for k, it in enumerate(p.all):
            # a value, or a yes/no flag named alone ("… were cancelled")
            if not any(
                s.kind in ("value", "dimension") and s.name == f.dimension for s in it.senses
            ):
                continue
            before = [x for x in p.all[:k] if x.text.strip()]
            while before and before[-1].kind == "stop" and before[-1].text not in _SUBJECT_LINKS:
                before.pop()
            if before and before[-1].text.strip().lower() in _SUBJECT_LINKS:
                linked.append(f)
                break
    return linked[0] if len(linked) == 1 else None


#: "A中B的占比", "A里B的占比": what stands before these words is the population the share of B
#: is taken in
_AMONG = frozenset({"中", "当中", "之中", "里", "里面"})


def _among_population(p: ParseState, f: DimensionFilter) -> bool:
    """Whether the value of ``f`` names the population a share is taken in: written before
    中 / 里 with the metric after ("SKR出发渡轮中取消渡轮的占比" = cancelled crossings among SKR's).

    Why: read as the share's subject, the question was answered with SKR's share of all
    cancelled crossings where the cancelled share of SKR's crossings was asked.
    """
    texts = [it.text.strip() for it in p.all]
    at_value = next(
        (
            k
            for k, it in enumerate(p.all)
            if any(s.kind == "value" and s.name == f.dimension for s in it.senses)
        ),
        None,
    )
    if at_value is None:
        return False
    at_among = next((k for k in range(at_value + 1, len(texts)) if texts[k] in _AMONG), None)
    if at_among is None:
        return False
    return any(any(s.kind == "metric" for s in it.senses) for it in p.all[at_among + 1 :])


def _base_count(p: ParseState) -> str | None:
    """The count a filtered count metric is a part of: "cancelled orders" (its own metric)
    in all orders, the count metric of the noun its words end with. Only for one plain count
    (a number) whose base is another plain count of the same entity."""
    if len(p.metrics) != 1 or not _is_count(p, p.metrics[0]):
        return None
    part = p.metrics[0]
    said = next(
        (x for x in p.its if x.kind == "domain" and x.sense is not None and x.sense.name == part),
        None,
    )
    tail = tail_noun(p, said, ("entity",)) if said is not None else None
    if tail is None:
        return None
    try:
        base = p.count_metric(tail)
    except Refusal:
        return None
    entities = [s.name for s in tail.senses]
    if (
        base is None
        or base == part
        or not _is_count(p, base)
        or not any(p.metric_allows(part, e) and p.metric_allows(base, e) for e in entities)
    ):
        return None
    return base


def _is_count(p: ParseState, metric: str) -> bool:
    m = p.catalog.metric(metric)
    return m is not None and m.metric_type == "simple" and m.value_format == "number"


def _own_grain(p: ParseState, metric: str) -> str | None:
    """The grain a change metric's own names give ("GMV growth *month over month*")."""
    m = p.catalog.metric(metric)
    if m is None or _compares(p, metric) is None:
        return None
    words = " ".join((m.name.replace("_", " "), m.label, *m.synonyms)).lower()
    grains = {
        r.split(":")[1]
        for w, r in ROLES.items()
        if r.startswith(("pop:", "yoy:")) and len(w) > 3 and w in words
    }
    return grains.pop() if len(grains) == 1 else None


def _grain_of_change_metrics(p: ParseState) -> None:
    """ "GMV环比" where the model's metric already is the month-over-month change: without a
    time grain it would compare the whole span with itself (0%); its own grain is added."""
    if any(g.startswith("metric_time__") for g in p.group_by):
        return
    grains = {_own_grain(p, m) for m in p.metrics}
    if len(grains) == 1 and (grain := grains.pop()) is not None:
        p.add_group(f"metric_time__{grain}")


def _settle_rows(p: ParseState) -> None:
    """A number of things meeting a condition is one number: by a period or another breakdown
    ("how many customers placed more than 3 orders by month") it would be a count per group,
    which the rows of one listing do not give — refused, with the listing offered."""
    if len(p.group_by) == 1 and not p.limit:
        return
    thing = item_label(p.catalog, p.group_by[0], "en") if p.group_by else "things"
    zh_thing = item_label(p.catalog, p.group_by[0], "zh") if p.group_by else "项目"
    raise Refusal(
        f"how many {thing} meet the condition is one number; broken down further it is not "
        f"computed: ask which {thing} meet it instead",
        zh=f"满足条件的{zh_thing}个数只能是一个总数，不能再拆分；请改问有哪些{zh_thing}满足条件",
    )


def settle_comparisons(p: ParseState) -> None:
    """Check the comparison against the metrics and grains; add the grain a change needs."""
    d = p.derived
    if d is None:
        _grain_of_change_metrics(p)
        return
    if d.kind == "periods":  # also in a follow-up: the periods stay the ones named
        settle_named_periods(p)
        return
    if d.kind == "rows":  # also in a follow-up: "and by city?" after a count of customers
        _settle_rows(p)
        return
    if (
        p.context is not None
        and not p.named_metrics
        and (d == p.context_derived or d.kind not in ("pop", "yoy"))
    ):
        # a follow-up ("那占比呢"): settled on the merged query (rules.followup); a change it
        # asks itself ("和上个月比呢") gets its grain here, which the merged query keeps
        return
    if d.kind == "extreme":
        return  # passes.dimension_extremes
    if d.kind in TWO_SIDES:
        # "A是B的几倍": the sides were settled by the values it names (passes.two_sides); a
        # rate against a rate ("A的利润率是B的几倍": relative, or points?) is not read
        bad = [m for m in p.metrics if not _additive(p, m)]
        if bad:
            raise Refusal(
                f"comparing two values as one number needs a count or an amount; {bad[0]} is a "
                "rate or a ratio: ask for both side by side",
                zh=f"两方相比需要数量或金额类指标；{bad[0]} 是比率，请分别查看两方",
            )
        return
    if d.kind == "share":
        dims = [g for g in p.group_by if not g.startswith("metric_time__")]
        subject = None if dims else _share_subject(p)
        if subject is not None and not _among_population(p, subject):
            # "share of orders that were refunded": shared out by the value's dimension, then
            # the value's row is kept
            p.filters.remove(subject)
            p.add_group(subject.dimension)
            p.derived = Derived("share", keep=(subject.dimension, subject.values[0]))
            dims = [subject.dimension]
        if not dims and (base := _base_count(p)) is not None:
            # "已取消订单的占比": a count of some of the things in the count of all of them
            p.add_metric(base)
            p.derived = Derived("share", base=base)
            return
        if not dims:
            raise Refusal(
                "a share of total needs a breakdown to share out; add one, e.g. 'GMV share by "
                "channel'",
                zh="占比需要按某个维度拆分，例如“各渠道GMV占比”",
                senses=[Sense("metric", m) for m in p.metrics],
                kind="compare",
            )
        bad = [m for m in p.metrics if not _additive(p, m)]
        if bad:
            raise Refusal(
                f"a share of total needs a metric that adds up (a count or an amount); {bad[0]} "
                "is a rate or an average",
                zh=f"占比需要可加总的指标（数量或金额）；{bad[0]} 是比率或平均值",
            )
        return
    grains = [g for g in p.group_by if g.startswith("metric_time__")]
    tr = p.result.time.range if p.result.time else None
    grain = grains[0].split("__")[1] if grains else (p.derived_grain or period_grain(tr))
    if grain is None:
        word = "环比" if d.kind == "pop" else "同比"
        raise Refusal(
            "a change over time needs a period: a time grain or one whole period, e.g. "
            "'GMV by month, month over month' or 'GMV last month vs the month before'",
            zh=f"{word}需要时间周期：按时间粒度，或一个完整的周期，例如“每月GMV{word}”",
            kind="period",
        )
    if p.derived_grain and grain != p.derived_grain:
        raise Refusal(
            f"the question groups by {grain} but compares {p.derived_grain} over {p.derived_grain}",
            zh=f"问题按{GRAIN_ZH[grain]}分组，却要求按{GRAIN_ZH[p.derived_grain]}环比",
        )
    if any(
        "__" in g and g.rsplit("__", 1)[-1] in GRAIN_ZH and not g.startswith("metric_time")
        for g in p.group_by
    ):
        raise Refusal(
            "a change over time is computed on the metric's own time axis only",
            zh="环比/同比只能按指标自身的时间轴计算",
        )
    p.add_group(f"metric_time__{grain}")
    own = {_compares(p, m) for m in p.metrics}
    if own == {d.kind}:
        p.derived = None  # the metric is that change itself
    elif own - {None}:
        raise Refusal(
            "a metric of the question is already a change over another period; ask for the "
            "base metric's change instead",
            zh="问题中的指标本身已是另一种周期的变化率；请对基础指标做对比",
        )
