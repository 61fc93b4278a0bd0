"""Pass: the metrics named, the rank metric, and the fallbacks when none is named.

Why the fallbacks are narrow: "退货原因分布" counts what the grouped dimension describes, and
"how many ... customers" style context nouns are counted through the model's own count metric;
anything else without a metric is refused with the metrics that exist.
"""

from __future__ import annotations

from nl2sql.interpret import metric_label
from nl2sql.lexicon import Sense
from nl2sql.rules.all_rows import drop_all_rows_count
from nl2sql.rules.copula_part import part_first
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.passes.average_per import row_ratio
from nl2sql.rules.passes.counts import count_joined, count_listed_nouns
from nl2sql.rules.passes.entity_metric import metric_by_entity_name
from nl2sql.rules.passes.flag_metric import metric_by_flag, refuse_flag_breakdown
from nl2sql.rules.passes.grouping import PER_WORDS
from nl2sql.rules.passes.kind_questions import metric_by_kind
from nl2sql.rules.passes.metric_or_noun import said_of_noun
from nl2sql.rules.passes.unit_twin import prefer_unit_twin
from nl2sql.rules.passes.verb_metric import metric_by_verb
from nl2sql.rules.shown_things import lists_shown_things
from nl2sql.rules.state import ParseState
from nl2sql.rules.units import metric_unit, unit_of_word
from nl2sql.rules.value_counts import metric_by_value_rows
from nl2sql.unit_words import convertible
from nl2sql.vocabulary.part_metrics import part_role
from semantic_layer.query import DimensionFilter, OrderBy

_AVERAGE_HINTS = ("avg", "average", "mean", "平均", "per ", "均")
#: measure aggregations that already are an average (MetricFlow's ``average``)
_AVERAGE_AGGS = frozenset({"average", "avg", "mean"})
#: words saying a metric is a sum of groups, not of rows ("总收入", "total revenue")
_TOTAL_MARKS = ("total", "总", "合计")


def is_average_like(p: ParseState, metric: str) -> bool:
    """Whether ``metric`` already is an average, ratio or rate (so "average" restates it)."""
    m = p.catalog.metric(metric)
    if m is None:
        return True  # nothing to check against: the catalog refuses the name elsewhere
    # a ratio's part ("Waste Per Batch - numerator", the wasted loaves) is no rate: the
    # ratio's "per" in its label says nothing of the part itself
    label = "" if part_role(m.label, m.name) else m.label
    text = " ".join((m.name, label, *m.synonyms, m.description)).lower()
    return (
        m.metric_type in ("ratio", "derived")
        or m.value_format == "percent"
        or any(w in text for w in _AVERAGE_HINTS)
        # a simple metric over a measure aggregated by ``average`` (a "Review Score" averaged
        # over the reviews): "average review score" restates it, whatever its label says
        or (m.metric_type == "simple" and m.agg.lower() in _AVERAGE_AGGS)
    )


def check_average(p: ParseState, metric: str, word: str) -> None:
    """ "average GMV" is only answerable when the metric already is an average or ratio."""
    m = p.catalog.metric(metric)
    if m is None or is_average_like(p, metric):
        return
    raise Refusal(
        f"'{word} {m.label}' would need an average of a total; the model has no such metric",
        zh=f"“{word}{m.label}”需要对总量求平均，模型中没有这样的指标",
        words=[word],
    )


def _is_list_of_things(p: ParseState) -> bool:
    """ "list all customers": a list word and nouns that are things (entities) — their count
    metric would answer "how many", a different question."""
    if not _list_word_said(p):
        return False
    nouns = [it for it in p.its if it.kind == "domain" and not it.used]
    return bool(nouns) and all(
        it.is_kind("entity") or (it.is_kind("dimension") and not it.is_kind("metric"))
        for it in nouns
    )


def _named_metrics(p: ParseState) -> list[str]:
    """Add the metrics the question names; return them (also those already added)."""
    named: list[str] = []
    if _is_list_of_things(p):
        for it in p.its:  # the nouns are what to list: keep their entity/dimension senses
            if it.kind == "domain" and not it.used and it.is_kind("entity"):
                it.senses = [s for s in it.senses if s.kind != "metric"]
    for i, it in enumerate(p.its):
        if it.kind != "domain" or not it.is_kind("metric") or it.used:
            continue
        if p.counted and it.is_kind("entity") and not p.listed(i):
            # "how many customers placed orders": the counted noun is the question,
            # a later noun that could also be a metric is only context
            it.used = True
            continue
        sense = p.resolve(it, ("metric",))
        if sense is None:
            continue
        it.used = True
        name = sense.name
        after = _average_after(p, i)
        at = i - 1 if p.role_at(i - 1, "avg") else after
        if at is not None:
            p.its[at].used = True
            if _plain_statistic(p, it):
                # the model's average of the column (after the word only: before it, the
                # metric-name rules already picked it), else its ratio to its own rows' count
                own = average_of(p, name) if at == after else None
                name = own or row_ratio(p.catalog, name) or name
            check_average(p, name, p.its[at].text)
        p.add_metric(name)
        named.append(name)
    return named


def _count_described_head(p: ParseState, named: list[str]) -> None:
    """ "收入超过30的地区的订单": every metric so far is a condition's, and a noun is said of the
    described things (last after "<noun>的", "X of <noun>"): that noun's count is what is asked
    (it was context, and the answer gave the condition's revenue alone)."""
    conditions = {h.metric for h in p.having}
    if named or not p.metrics or not set(p.metrics) <= conditions:
        return
    for it in list(p.context_entities):
        if said_of_noun(p, it):
            metric = p.count_metric(it)
            if metric:
                p.add_metric(metric)
                p.context_entities = [c for c in p.context_entities if c is not it]
            return


def _conditions_last(p: ParseState, named: list[str]) -> None:
    """A metric named only in a condition follows the metrics the question asks for:
    "保单数超过100的州的理赔数" shows the claim count first, then the policy count it was
    filtered on (a reader takes the first number as the answer)."""
    only_conditions = {h.metric for h in p.having} - set(named)
    asked = [m for m in p.metrics if m not in only_conditions]
    if asked and len(asked) < len(p.metrics):
        p.metrics[:] = asked + [m for m in p.metrics if m in only_conditions]


def _average_after(p: ParseState, i: int) -> int | None:
    """The index of an average word written after metric ``i`` ("收入的平均值", "order total
    average"), None otherwise. Chinese puts the statistic after the thing measured; left
    unread, the question was answered with the sum. The word belongs to the metric before it
    only when no term follows it ("平均" in "GMV 平均客单价" qualifies the next one)."""
    if not p.role_at(i + 1, "avg"):
        return None
    nxt = p.at(i + 2)
    return None if nxt is not None and nxt.kind == "domain" else i + 1


def _plain_statistic(p: ParseState, it: Item) -> bool:
    """Whether an average written after ``it`` can only be the average of its rows: not when
    the metric is said to be a total ("总收入的平均值") or the question averages per something
    ("每个客户的收入平均值"): those average the totals of groups, which the model's own
    average of the column is not (they are refused as averages of a total)."""
    if any(w in it.text.lower() for w in _TOTAL_MARKS):
        return False
    k = next(n for n, x in enumerate(p.all) if x is it)
    before = p.all[k - 1].text.strip().lower() if k > 0 else ""
    return before not in _TOTAL_MARKS and not any(x.text.strip() in PER_WORDS for x in p.all)


def average_of(p: ParseState, metric: str) -> str | None:
    """The model's average of the column ``metric`` sums, on the same rows (an
    ``average_revenue`` beside ``revenue``), None when it has none or several."""
    m = p.catalog.metric(metric)
    if m is None or m.agg != "sum" or not m.measure_expr:
        return None
    hits = [
        o.name
        for o in p.catalog.metrics
        if o.agg in ("average", "avg")
        and o.measure_expr == m.measure_expr
        and o.agg_time_dimension == m.agg_time_dimension
    ]
    return hits[0] if len(hits) == 1 else None


def _metric_after_by_is_no_breakdown(p: ParseState, by_metric: str) -> None:
    """Refuse "<metric> by <another metric>" with no rank or sort word.

    Why: "rental value by new members" and "total sales by returns" were answered with the two
    metrics side by side — but the user means the first metric *of* the rows the second
    counts (a filter or a breakdown the model cannot make from a metric), so the side-by-side
    table is a wrong answer with a plausible look. A metric after "by" still ranks ("top 5
    SKUs by GMV") or sorts ("GMV by channel sorted by orders"), and alone it is the metric
    ("customers by revenue").
    """
    others = [m for m in p.metrics if m != by_metric]
    if not others or any(it.kind == "role" and it.role == "sort" for it in p.its):
        return
    first, second = (metric_label(p.catalog, m, "en") for m in (others[0], by_metric))
    first_zh, second_zh = (metric_label(p.catalog, m, "zh") for m in (others[0], by_metric))
    raise Refusal(
        f"'by {second}' names a metric, and a breakdown needs a dimension: ask '{first} and"
        f" {second}' to see both, or '{first} by <dimension>'",
        zh=f"“{second_zh}”是指标，不能按指标分组：可以问“{first_zh}和{second_zh}”，"
        f"或“按<维度>的{first_zh}”",
        kind="no_metric",
    )


def _apply_rank(p: ParseState) -> bool:
    """Settle the pending top/bottom now that the named metrics are known; True when the rank
    metric comes from a follow-up's context ("top 3?" after "GMV by channel")."""
    rank = p.pending_rank
    if rank is None:
        if p.by_metric:
            _metric_after_by_is_no_breakdown(p, p.by_metric)
            p.add_metric(p.by_metric)
        return False
    metric, desc, n = rank
    metric = metric or p.by_metric or (p.metrics[0] if len(p.metrics) == 1 else None)
    from_context = False
    if metric is None and not p.metrics and p.context is not None and len(p.context.metrics) == 1:
        metric, from_context = p.context.metrics[0], True
    if metric is None:
        if not p.metrics:
            raise Refusal(
                "top/bottom by which metric? name one",
                zh="按哪个指标排名？请说明指标",
                kind="no_metric",
            )
        raise Refusal(
            "several metrics are named; say which one to rank by: " + ", ".join(p.metrics),
            zh="问题中有多个指标，请说明按哪个排名：" + "、".join(p.metrics),
        )
    p.add_metric(metric)
    p.order_by = [OrderBy(name=metric, descending=desc)]
    p.limit = n
    return from_context


def _distribution(p: ParseState) -> None:
    """ "退货原因分布", "order distribution by status": counts of what the grouped dimension
    describes."""
    dist = [it for it in p.its if it.kind == "role" and it.role == "dist"]
    for it in dist:
        it.used = True
    if p.metrics or not dist:
        return
    dims = [g for g in p.group_by if not g.startswith("metric_time")]
    if not dims:
        return
    d = p.catalog.dimension(dims[-1])
    owner = d.entity if d is not None else dims[-1]
    if owner:
        noun = Item("domain", owner, dist[0].start, dist[0].end, senses=[Sense("entity", owner)])
        metric = p.count_metric(noun)
        if metric:
            p.add_metric(metric)


#: words that ask for a list of things rather than a number ("list the depots", "列出所有车站")
_LIST_WORDS = {"list", "all", "every", "列出", "所有", "全部", "清单", "列表", "有哪些", "哪些"}
#: the ones that only ever ask for the list ("all orders last month" may still mean their count)
_LIST_VERBS = frozenset({"list", "列出", "清单", "列表"})


def _list_word_said(p: ParseState) -> bool:
    """Whether a list word is said; "all" after "across" spans rows and lists nothing.

    Why: "rides across all operators" listed 10,000 rides, one per row: the "all" of
    "across all" (one figure over every operator, passes.bare) was read as "list all rides".
    """
    words = [it for it in p.all if it.text.strip()]
    return any(
        it.text in _LIST_WORDS
        and not (it.text == "all" and k > 0 and words[k - 1].text.strip().lower() == "across")
        for k, it in enumerate(words)
    )


#: English question words that, with no metric in the question, ask which things there are
_WHICH_WORDS = frozenset({"which"})


def _which_lists(p: ParseState) -> bool:
    """Whether an English "which"/"what" picks the things a metric-less question asks for.

    Why: "which sites are in Australia?" asks for the sites as "list the sites in Australia"
    does, and 哪些 already counts as a list word; without a metric it was refused ("names no
    metric"), and a metric's question ("which site had the most faults") never gets here.
    """
    return any(
        it.kind == "role" and it.role == "which" and it.text.strip().lower() in _WHICH_WORDS
        for it in p.all
    )


def _listing(p: ParseState, shown: bool = False) -> bool:
    """A dimension-only question: a list word, things named, no metric, condition or rank.

    Then the answer is the distinct values of what is named ("list the stations and their
    districts"), as MetricFlow answers a query without metrics; a time range ("list the orders
    placed last week") filters the listed thing's own date (see :func:`listing_time`).
    """
    if not (shown or _list_word_said(p) or _which_lists(p)) or p.having or p.pending_rank:
        return False
    # the things named are the columns, in the question's order ("stations and their districts")
    things = p.context_entities + [
        it for it in p.its if it.kind == "domain" and not it.used and it.is_kind("entity")
    ]
    things.sort(key=lambda it: it.start)
    nouns = [name for it in things if (name := p.group_name(it))]
    for it in things:
        it.used = True
    p.group_by = list(dict.fromkeys([*nouns, *p.group_by]))
    if not p.group_by:
        return False
    if p.result.time is not None:
        listing_time(p)
    p.dimension_only = True
    return True


def _entity_dates(p: ParseState, entity: str) -> list[str]:
    """The date a listed entity is filtered on: a date the question names (an axis: "claims
    *opened* in March"), else the time its count metric is counted on ("orders last week" are
    the orders ``order_count`` counts last week), else its metrics' one time, else its only
    date."""
    axes = [it for it in p.its if it.kind == "role" and it.role == "axis" and not it.used]
    for axis in axes:
        own = [s.name for s in axis.senses if s.name.startswith(f"{entity}__")]
        if own:
            axis.used = True
            return own
    noun = Item("domain", entity, 0, 0, senses=[Sense("entity", entity)])
    try:
        counted = p.catalog.metric(p.count_metric(noun) or "")
    except Refusal:
        counted = None
    if counted is not None and (t := counted.agg_time_dimension) and t.startswith(f"{entity}__"):
        return [t]
    metric_time = {
        t for m in p.catalog.metrics if (t := m.agg_time_dimension) and t.startswith(f"{entity}__")
    }
    if len(metric_time) == 1:
        return sorted(metric_time)
    return [
        d.name
        for d in p.catalog.dimensions
        if d.dim_type == "time" and d.name.split("__")[:-1] == [entity]
    ]


def listing_time(p: ParseState) -> None:
    """Put the question's time range on the listed thing's date as ``>=``/``<`` filters."""
    tm = p.result.time
    assert tm is not None
    entity = p.group_by[0].split("__")[0]
    dates = _entity_dates(p, entity)
    if len(dates) != 1:
        what = " or ".join(dates) if dates else f"no date of {entity}"
        raise Refusal(
            f"which date should the time range apply to ({what})? name it, e.g. 'created in "
            "March', or list without the time",
            zh=f"时间范围应作用在哪个日期上（{what}）？请说明，或去掉时间再列出",
        )
    if tm.range.start is not None:
        p.filters.append(
            DimensionFilter(dimension=dates[0], op=">=", values=[tm.range.start.isoformat()])
        )
    if tm.range.end is not None:
        p.filters.append(
            DimensionFilter(dimension=dates[0], op="<", values=[tm.range.end.isoformat()])
        )
    p.axis_time, p.result.time = tm, None


def _metric_by_unit(p: ParseState) -> None:
    """ "total miles ridden by Acme", "骑了多少公里": a unit where a metric should be names the
    one metric counted in it — its total (an average when an average word precedes the unit);
    a unit several such metrics share stays unnamed (the question is refused)."""
    for i, it in enumerate(p.its):
        if it.used or it.kind != "role" or it.role != "unit":
            continue
        unit = unit_of_word(it.text)
        agg = "average" if p.role_at(i - 1, "avg") else "sum"
        fits = {
            m.name: own
            for m in p.catalog.metrics
            if m.metric_type == "simple"
            and m.agg == agg
            and unit
            and (own := metric_unit(m))
            and (own == unit or convertible(own, unit))
        }
        if len(fits) == 1:
            ((name, own),) = fits.items()
            p.add_metric(name)
            it.used = own == unit  # "how many km" on miles: left for the conversion
            if agg == "average":
                p.its[i - 1].used = True
            p.result.notes.append(f"'{it.text}' is {name}, counted in {own}")
            return


def read_metrics(p: ParseState) -> None:
    """Add the named metrics, settle ranking, or refuse when the question names none (a
    follow-up may name none: the context pass supplies them)."""
    if p.derived is not None and p.derived.kind == "extreme":
        return  # "latest ride date per operator": a listing (passes.dimension_extremes)
    named = _named_metrics(p)
    prefer_unit_twin(p)  # "volume in USD": the model's "Volume (USD)" (rules.unit_siblings)
    _count_described_head(p, named)
    _conditions_last(p, named)
    count_listed_nouns(p)  # "total rainfall and readings": the readings are counted too
    drop_all_rows_count(p)  # "average soil temperature across all readings": the rows
    part_first(p)  # "有多少预约是爽约": the part asked for leads (rules.copula_part)
    if not p.metrics:
        metric_by_flag(p)  # "total premium", "highest loss payments": before the ranking
    if not p.metrics:
        metric_by_entity_name(p)  # "保单金额" for `total_policy_amount` beside `policy_amount`
    if not p.metrics:
        metric_by_verb(p)  # "which campaigns spent the most": the verb is the metric's word
    refuse_flag_breakdown(p)
    rank_from_context = _apply_rank(p)
    _distribution(p)
    shown = not p.metrics and lists_shown_things(p)  # "show the islands in the north zone"
    listing = _list_word_said(p) or shown
    if not p.metrics:
        metric_by_kind(p)  # "平均一次停车多久": a duration, not a count of the noun
    if not p.metrics:
        listed = listing and (shown or any(it.text.strip().lower() in _LIST_VERBS for it in p.all))
        for it in p.context_entities:
            if listing and (listed or p.group_name(it) in p.group_by):
                # "列出上周的订单": the orders themselves, not a count of 1 per order; "list the
                # countries in Eastern Europe" lists them (it answered "country count = 2")
                continue
            metric = p.count_metric(it)
            if metric:
                p.add_metric(metric)
                joined = len(p.metrics)
                count_joined(p, it)  # "claims and policies in 2024": both counts
                if len(p.metrics) > joined:  # counted, no longer context of the others
                    p.context_entities = [c for c in p.context_entities if c is not it]
                break
    if not p.metrics:
        _metric_by_unit(p)
    if not p.metrics and p.context is None:
        metric_by_value_rows(p)  # "how many oil changes": the value's own rows counted
    p.named_metrics = [] if rank_from_context else list(p.metrics)
    if not p.metrics and p.context is None and _listing(p, shown):
        return
    if not p.metrics and p.context is None:
        # nothing of the model at all ("hi", "hey"): a greeting gets the model's examples
        something = any(it.kind in ("domain", "time", "num") for it in p.its)
        raise Refusal(
            "the question names no metric I know",
            zh="问题中没有我认识的指标",
            kind="no_metric" if something else "offtopic",
        )
