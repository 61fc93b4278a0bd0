"""Pass: "how many customers", "有多少VIP客户", "订单有多少" — the metric that counts a noun.

Why a refusal when the model has no such metric: counting rows of a table the model does not
count would invent a metric; the closest model terms are suggested instead.
"""

from __future__ import annotations

from nl2sql.counters import (
    COUNT_SUFFIXES,
    COUNTERS,
    PEOPLE_SUFFIX,
    PERSON_TIMES_SUFFIX,
    PERSON_WORDS,
    QUANTITY_SUFFIXES,
    ROW_COUNT_SUFFIXES,
    SHORTHAND_COUNTS,
)
from nl2sql.interpret import metric_label
from nl2sql.lexicon import Sense, key_of, units
from nl2sql.rules.classifier_counts import count_by_classifier
from nl2sql.rules.compound_heads import compound_head
from nl2sql.rules.count_of_money import money_only, refuse_count_of_money
from nl2sql.rules.counted_rows import count_listed
from nl2sql.rules.counting import count_metric
from nl2sql.rules.de_counts import count_split_by_de
from nl2sql.rules.flags import count_flagged, negates_flag
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.money import is_count_metric, is_money_metric
from nl2sql.rules.passes.entity_metric import entity_amount_metric
from nl2sql.rules.people_counts import people_metric, person_count_metric
from nl2sql.rules.person_times import times_of_event_count
from nl2sql.rules.piece_counts import ask_quantity_or_count, quantity_metrics, read_piece_counts
from nl2sql.rules.qualified_counts import refuse_qualified_count
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import CatalogMetric


def _entity_in_value(p: ParseState, it: Item | None) -> Item | None:
    """The entity a value phrase ends with ("VIP客户" -> 客户, "vip customers" -> customers),
    as an item of its own, or None."""
    if it is None or it.kind != "domain" or not all(s.kind == "value" for s in it.senses):
        return None
    us = units(it.text)
    for k in range(1, len(us)):
        senses = p.lex.terms.get(tuple(u.text for u in us[k:]))
        ents = [s for s in senses or [] if s.kind == "entity"]
        if ents:
            return Item(
                "domain", it.text[us[k].start :], it.start + us[k].start, it.end, senses=ents
            )
    return None


#: at most this many count metrics are named in a refusal
_MAX_NAMED = 5


def _count_noun(p: ParseState, noun: Item, *, distinct: bool = False, listed: bool = False) -> bool:
    """Add the metric counting ``noun`` or refuse naming it; False when, with no such metric,
    the things meeting the question's conditions are counted instead (``listed``) ("how many cities had
    revenue over 60": ``rules.counted_rows``).

    Why a refusal and no ad hoc ``COUNT(DISTINCT key)`` when the model has no such metric: a
    count the model's owner never defined has no agreed time axis or filters (which date
    counts a customer? are test accounts in?), so the engine names the counts the model does
    define and lets the user pick one.
    """
    metric = count_metric(p, noun, distinct=distinct)
    if metric is not None:  # "how many tools" by "repaired tool count": refused
        refuse_qualified_count(p, noun, metric)
    if metric is None and listed and count_listed(p, noun):
        return False
    if metric is None and not distinct and not noun.text.isascii():
        # 多少 is "how much" as well as "how many": 燃料成本是多少 asks the sum the key entity
        # is named after ("how many fuel costs" stays a count, refused)
        metric = entity_amount_metric(p, noun)
    if metric is None:
        # the counts that can be broken down by the noun's entity say most about it
        ents = [s.name for s in noun.senses if s.kind == "entity"]
        counts = [m.name for m in p.catalog.metrics if m.counts]
        near = [m for m in counts if any(p.metric_allows(m, e) for e in ents)]
        counts = (near or counts)[:_MAX_NAMED]
        en = ", ".join(metric_label(p.catalog, m, "en") for m in counts)
        zh = "、".join(metric_label(p.catalog, m, "zh") for m in counts)
        raise Refusal(
            f"the model has no metric that counts {'distinct ' if distinct else ''}"
            f"'{noun.text}'" + (f"; it counts: {en}" if counts else ""),
            zh=f"模型中没有统计“{noun.text}”数量的指标" + (f"；可统计的有：{zh}" if counts else ""),
            words=[noun.text],
            senses=[Sense("metric", m) for m in counts],
        )
    p.add_metric(metric)
    noun.used = True
    return True


def count_joined(p: ParseState, noun: Item) -> None:
    """Count every noun joined to the counted ``noun`` by "and" ("how many claims and policies",
    "理赔和保单有多少"): each is counted too. Left as context, the second noun was dropped and the
    answer gave one count where two were asked — a wrong answer."""
    k = next((n for n, x in enumerate(p.its) if x is noun), -1) + 1
    while k > 0 and p.role_at(k, "and"):
        nxt = p.at(k + 1)
        context = any(nxt is c for c in p.context_entities)  # read as context: not counted yet
        if nxt is None or nxt.kind != "domain" or not nxt.is_kind("entity"):
            return
        if nxt.used and not context:
            return
        p.its[k].used = True
        _count_noun(p, nxt)
        p.context_entities = [c for c in p.context_entities if c is not nxt]
        k += 2


def count_listed_nouns(p: ParseState) -> None:
    """A thing's noun listed beside a metric ("average soil temperature and readings"): its count.

    Why: a noun that names an entity and no metric of its own ("readings" where the count's
    label is "Total Readings") is kept as context, the rows the metrics are taken over; in a
    list of metrics joined by "and" / "和" (:meth:`ParseState.listed`) it is one of the things
    asked. Read as context, "total rainfall and readings" answered the rainfall alone: one
    figure where two were asked, a wrong answer (probes18; it predates session 17). The noun
    now adds the metric counting it; with no such metric the question is refused naming the
    counts the model has. A noun the question groups by, or beside no metric across the "and"
    ("revenue by segment and customer"), is left as it was.
    """
    if not p.metrics:
        return
    for it in list(p.context_entities):
        i = next((k for k, x in enumerate(p.its) if x is it), -1)
        if i < 0 or it.is_kind("metric") or not p.listed(i) or p.group_name(it) in p.group_by:
            continue
        before = list(p.metrics)
        _count_noun(p, it)
        p.context_entities = [c for c in p.context_entities if c is not it]
        added = [m for m in p.metrics if m not in before]
        if added:
            p.result.notes.append(f"'{it.text}' is listed beside a metric: {added[0]}")


def _counts_rows(p: ParseState, metric: str) -> bool:
    """Whether ``metric`` counts rows or things (a count, a sum of 1, a count the catalog
    knows): only such a metric is "<noun> + 数". "订单总数" cut as 订单总 ("Order Total", an
    amount without a currency) + 数 was read as the order total — a wrong answer for the
    number of orders."""
    m = p.catalog.metric(metric)
    if m is None or m.metric_type != "simple":
        return m is not None and m.value_format == "number"
    return bool(m.counts) or m.agg in ("count", "count_distinct") or m.measure_expr.strip() == "1"


def _status_count(p: ParseState, noun: Item) -> bool:
    """ "已发货未揽收的订单有多少", "how many orders are shipped but not picked up": a count metric
    right beside the counted noun (directly or through 的/that/are) already counts those of
    its rows in that status, so it is the one answer; the noun's plain count would be a second,
    unasked number. The metric must be a plain number (not an amount or a rate) that can be
    broken down by the noun's entity (it is about those things). Returns whether it applied.
    """
    entities = [s.name for s in noun.senses if s.kind == "entity"]
    if not entities:
        return False
    k = p.its.index(noun)
    for j in (k - 1, k + 1):
        x = p.at(j)
        if x is None or x.kind != "domain" or x.used or not x.senses:
            continue
        if not all(s.kind == "metric" for s in x.senses) or len(x.senses) != 1:
            continue
        m = p.catalog.metric(x.senses[0].name)
        lo, hi = sorted((p.all.index(x), p.all.index(noun)))
        between = p.all[lo + 1 : hi]
        if (
            m is None
            or m.metric_type != "simple"
            or m.value_format != "number"
            or not any(p.metric_allows(m.name, e) for e in entities)
            or _counts_other_rows(m, entities)
            or not all(b.kind == "stop" and b.text.strip() in _STATUS_LINKS for b in between)
        ):
            continue
        p.add_metric(m.name)
        x.used = noun.used = p.counted = True
        p.result.notes.append(f"'{x.text}' counts the '{noun.text}' in that status")
        return True
    return False


def _counts_other_rows(m: CatalogMetric, entities: list[str]) -> bool:
    """Whether ``m`` is a plain count of rows that are not the noun's own.

    Why: "交付的客户数" / "访问的患者有多少" put a plain count metric (deliveries, visits: every
    row, no status in it) before another thing (customers, patients). That metric counts its
    own rows, so it answers "how many deliveries", not "how many customers took one" — read as
    a status count it was a wrong answer. A status metric (a filter or a condition in its
    expression: "shipped but not picked up") still counts the noun's rows in that status.
    """
    if m.filtered:
        return False
    own = m.counts
    if not own and m.measure_expr.strip() in ("1", "*") and m.agg_time_dimension:
        own = m.rows_entity  # the rows of its semantic model
    return bool(own) and own not in entities


def _counts_things(p: ParseState, it: Item) -> bool:
    """Whether every metric reading of ``it`` is a plain count (a number, not an amount or
    rate): then "how many <it>" asks for that metric."""
    metrics = [p.catalog.metric(s.name) for s in it.senses if s.kind == "metric"]
    return bool(metrics) and all(
        m is not None
        and m.metric_type == "simple"
        and m.value_format == "number"
        and (is_count_metric(m) or not is_money_metric(m))  # a USD sum is no count
        for m in metrics
    )


#: words between a status metric and the noun it counts ("已发货的订单", "orders that are ...")
_STATUS_LINKS = frozenset({"的", "that", "which", "are", "were", "is", "was", "being"})


#: count suffixes that count people or pieces, never the rows of the noun before them (数量 and
#: 总量 are often row counts too: "已取消订单数量")
_PEOPLE_OR_PIECES = (COUNT_SUFFIXES - ROW_COUNT_SUFFIXES) - {"数量", "总量"}


#: Chinese question words that ask "how much" as well as "how many"
_HOW_MUCH = frozenset({"多少", "几多"})

#: a count suffix that also names a total amount: 总量 is "total volume" (GDP总量, 销售额总量 =
#: the amount summed), so on a money metric it asks for the sum, never a count of money
_AMOUNT_TOTALS = frozenset({"总量"})


def _count_one(p: ParseState, i: int) -> None:
    """Settle one "how many" at index ``i``."""
    distinct = p.role_at(i - 1, "distinct")  # "distinct count of customers"
    j = i + 1
    while j < len(p.its) and (
        p.its[j].is_kind("value")
        or p.role_at(j, "neg")
        or p.role_at(j, "and")
        or p.role_at(j, "distinct")
    ):
        distinct = distinct or p.role_at(j, "distinct")
        j += 1
    for k in range(i - 1, j):
        if p.role_at(k, "distinct"):
            p.its[k].used = True
    if distinct:
        nxt = p.at(j)
        if nxt is not None and nxt.kind == "domain" and not nxt.used and nxt.is_kind("entity"):
            # "how many different bikes": the entity's own count, never a count of rows
            _count_noun(p, nxt, distinct=True)
            p.counted = True
            return
    nxt = p.at(j)
    if _counted_before_passive(p, i, nxt):
        return
    # 多少 asks "how much" as well as "how many" (收入多少, 多少收入): never a count of money
    how_much = p.its[i].text.strip() in _HOW_MUCH
    if p.its[i].text.strip() in _AMOUNT_TOTALS and money_only(p, p.at(i - 1)):
        p.its[i].used = True  # "GDP总量": the amount itself, read by the metric passes
        return
    if not how_much and money_only(p, nxt):  # "number of cancellations" on a USD sum
        assert nxt is not None
        refuse_count_of_money(p, p.its[i], nxt)
    before = p.at(i - 1)
    if (
        not how_much
        and before is not None
        and before.end == p.its[i].start
        and money_only(p, before)
    ):
        refuse_count_of_money(p, p.its[i], before)  # "取消笔数": a count suffix on money
    if nxt is not None and count_flagged(p, j, any(p.role_at(k, "neg") for k in range(i + 1, j))):
        return
    after = p.at(j + 1)
    compound = compound_head(p, j, after is not None and _counts_things(p, after))
    if compound is not None and nxt is not None and not nxt.used:
        # "number of listing views": the views, kept per listing (rules.compound_heads)
        sense = p.resolve(compound, ("metric",))
        if sense is not None:
            p.add_metric(sense.name)
            compound.used = nxt.used = p.counted = True
            p.result.notes.append(f"'{nxt.text} {compound.text}' counts {compound.text}")
            return
    head = _entity_in_value(p, p.at(i + 1)) if j > i + 1 else None
    if head is not None:
        metric = p.count_metric(head)
        if metric is not None:
            p.add_metric(metric)
            p.counted = True
            return
    if (
        nxt is not None
        and nxt.kind == "domain"
        and not nxt.used
        and nxt.is_kind("metric")
        and not nxt.is_kind("entity")
        and _counts_things(p, nxt)
    ):
        # "how many pre-sale orders": the words name a count metric of their own
        sense = p.resolve(nxt, ("metric",))
        if sense is not None:
            p.add_metric(sense.name)
            nxt.used = p.counted = True
            return
    if (
        nxt is not None
        and nxt.kind == "domain"
        and not nxt.used
        and nxt.is_kind("entity")
        and nxt.is_kind("metric")
        and not p.listed(j)
    ):
        # "how many customers placed orders": the noun right after is what is counted
        if _status_count(p, nxt):
            return
        sense = p.resolve(nxt, ("metric",))
        if sense is not None:
            p.add_metric(sense.name)
            nxt.used = p.counted = True
            count_joined(p, nxt)
            return
    if (
        nxt is not None
        and nxt.kind == "domain"
        and not nxt.used
        and (nxt.is_kind("entity") or nxt.is_kind("dimension"))
        and not nxt.is_kind("metric")
    ):
        if _status_count(p, nxt):
            return
        if not _count_noun(p, nxt, listed=True):
            p.its[i].used = True  # "how many cities had revenue over 60": the listing's rows
            return
        count_joined(p, nxt)
        p.counted = True
        return
    if _shorthand_count(p, p.its[i]):
        return
    if (nxt is None or nxt.kind != "domain") and _counter_metric(p, p.its[i]):
        return
    prev = p.at(i - 1)
    suffix = p.its[i].text.strip()
    if (
        prev is not None and prev.kind == "domain" and suffix in _PEOPLE_OR_PIECES
    ):  # "行程人数" counts people (件数 pieces) of the noun, never the noun's rows
        if count_split_by_de(p, prev, p.its[i]):  # 理赔的件数: the 理赔件数 term
            return
        if times_of_event_count(p, prev, suffix):  # 出院人次: the discharges counted
            p.its[i].used = True
            return
        raise Refusal(
            f"'{prev.text}{suffix}' counts people or pieces of {prev.text}, and no metric of "
            "the model counts those; name the metric to use",
            zh=f"“{prev.text}{suffix}”统计的是{prev.text}的人数或件数，模型中没有这样的指标；"
            "请说出要用的指标",
            words=[suffix],
        )
    if (
        (nxt is None or nxt.kind != "domain")
        and prev is not None
        and prev.kind == "domain"
        and not prev.used
        and prev.is_kind("entity")
        and not _status_count(p, prev)
    ):
        if not _count_noun(p, prev, listed=True):
            p.its[i].used = True
        return
    if (nxt is None or nxt.kind != "domain") and count_by_classifier(p, p.its[i]):
        return  # "上个月跑了几趟", "周末几趟": 趟 alone names the trips
    if (
        (nxt is None or nxt.kind != "domain")
        and prev is not None
        and count_flagged(p, i - 1, negates_flag(p, i - 2))
    ):
        p.its[i].used = True  # 重复退款有几笔: the rows the flag says are duplicate refunds
        if negates_flag(p, i - 2):
            p.its[i - 2].used = True
        return
    if (nxt is None or nxt.kind != "domain") and _dimension_word(prev):
        assert prev is not None
        if count_listed(p, prev):  # "收入超过1万的城市有多少个": the listing's rows
            p.its[i].used = True
            return
        if (metric := count_metric(p, prev)) is not None:  # "型号的数量": COUNT(DISTINCT model)
            p.add_metric(metric)
            prev.used = p.its[i].used = True
            return
        # "收入超过1万的城市有多少个": how many cities — the count word was dropped and the
        # threshold made the cities the grain, so the answer listed them
        assert prev is not None
        raise Refusal(
            f"'{p.its[i].text}' asks how many {prev.text} there are, and the model has no metric "
            f"that counts them; ask which {prev.text} instead",
            zh=f"“{p.its[i].text}”问的是{prev.text}的个数，模型中没有统计它的指标；"
            f"请改问有哪些{prev.text}",
            words=[p.its[i].text],
        )


#: the Chinese passive marker: what follows it is done to the thing counted, not counted
_PASSIVE = "被"


def _counted_before_passive(p: ParseState, i: int, nxt: Item | None) -> bool:
    """ "包裹有多少个被退回": the noun before the count is counted, and the word after 被 is
    what happened to it (read as its condition by the later passes); whether it applied.

    Why: the word after "how many" is usually the thing counted (有多少包裹), so 退回 was taken
    for it and the question refused ("no metric counts 退回"), while "有多少包裹被退回" was
    answered. 被 right before that word makes it the predicate; the thing counted is then the
    entity noun right before 有多少 / 多少. Only then: no entity there leaves it as before.
    """
    prev = p.at(i - 1)
    if nxt is None or prev is None or prev.kind != "domain" or prev.used:
        return False
    if not prev.is_kind("entity") or prev.is_kind("metric"):
        return False
    k, end = p.all.index(p.its[i]), p.all.index(nxt)
    if not any(x.kind == "stop" and x.text.strip() == _PASSIVE for x in p.all[k + 1 : end]):
        return False
    if _status_count(p, prev):
        return True
    if not _count_noun(p, prev, listed=True):
        p.its[i].used = True
    p.counted = True
    return True


def _dimension_word(noun: Item | None) -> bool:
    """Whether ``noun`` is a dimension word and nothing else (no metric, entity or value): a
    count word right after it asks for the number of its values, which no metric counts."""
    return (
        noun is not None
        and noun.kind == "domain"
        and not noun.used
        and noun.is_kind("dimension")
        and not any(noun.is_kind(k) for k in ("metric", "entity", "value"))
    )


def _shorthand_count(p: ParseState, howmany: Item, word: str = "") -> bool:
    """Count what the shorthand's full word names in this model (订单 → the model's order
    count); a model with no such count is refused naming the word. Returns whether the word
    (``word``, else the "how many" item's own text) was a shorthand."""
    said = howmany.text.strip() if not word else f"{howmany.text.strip()}{word[:-1]}"
    full = SHORTHAND_COUNTS.get(word or howmany.text.strip())
    if full is None:
        return False
    senses = list(p.lex.terms.get(key_of(full)) or [])
    noun = Item("domain", full, howmany.start, howmany.end, senses=senses)
    metric = count_metric(p, noun) if senses else None
    if metric is None:
        raise Refusal(
            f"'{said}' counts {full} (orders), and no metric of the model counts them; "
            "name the metric to use",
            zh=f"“{said}”统计的是{full}数量，模型中没有统计{full}的指标；请说出要用的指标",
            words=[howmany.text],
        )
    p.add_metric(metric)
    p.counted = True
    p.result.notes.append(f"'{said}' counts {full}: {metric}")
    p.result.bridged.append(f"{said} → {metric_label(p.catalog, metric, 'en')}")
    return True


def _counter_metric(p: ParseState, howmany: Item) -> bool:
    """ "卖了多少件", "多少笔": a counter after "how many" with no noun after it asks for the
    metric the model names by that counter's count (件 → 件数, 笔 → 笔数), when exactly one
    plain-number metric has that name. Returns whether it applied."""
    k = p.all.index(howmany)
    counter = p.all[k + 1] if k + 1 < len(p.all) else None
    if counter is None or counter.kind != "stop" or counter.text.strip() not in COUNTERS:
        return False
    senses = p.lex.terms.get(key_of(counter.text.strip() + "数")) or []
    metrics = {s.name for s in senses if s.kind == "metric"}
    if not metrics and _shorthand_count(p, howmany, counter.text.strip() + "数"):
        # "多少单": the counter is commerce shorthand (单 for 订单) and the model names no
        # metric 单数 of its own: the model's count of what the shorthand stands for
        counter.used = True
        return True
    if len(metrics) != 1:
        return False
    (name,) = metrics
    m = p.catalog.metric(name)
    if m is None or m.value_format != "number":
        return False
    p.add_metric(name)
    counter.used = p.counted = True
    p.result.notes.append(f"'{howmany.text}{counter.text}' counts {name}")
    return True


def read_how_many(p: ParseState) -> None:
    """Add the counting metric of every "how many" word not settled yet."""
    read_piece_counts(p)  # 卖出了多少件植物: the quantity the verb names (rules.piece_counts)
    ask_quantity_or_count(p)  # 退回的数量: the count or the quantity, asked back
    for i, it in enumerate(p.its):
        if it.kind == "role" and it.role == "howmany" and not it.used:
            it.used = True
            if it.text.strip() == PEOPLE_SUFFIX:
                _count_people(p, i)
            else:
                _count_one(p, i)


def _count_people(p: ParseState, i: int) -> None:
    """ "客户的人数": 人数 counts the person named before it; with no person there ("退货人数",
    "下单人数") it asks for people who did something, which a count of the things ("returns")
    would answer wrongly, so it is refused."""
    prev = p.at(i - 1)
    if prev is not None and prev.kind == "domain" and not prev.used and _is_person(p, prev):
        _count_noun(p, prev)
        p.counted = True
        return
    own = person_count_metric(p, prev) if prev is not None and prev.kind == "domain" else None
    if own is not None and prev is not None and not prev.used:  # "访客人数": visitors
        p.add_metric(own)
        prev.used = p.counted = True
        return
    found = people_metric(p, p.its[i])  # "下单人数", "预订人数": the people of that event
    if found is not None:
        metric, event = found
        p.add_metric(metric)
        event.used = p.counted = True
        p.result.bridged.append(
            f"{event.text}{p.its[i].text} → {metric_label(p.catalog, metric, 'en')}"
        )
        return
    raise Refusal(
        "'人数' counts people, and no person is named before it; name who is counted "
        "(e.g. 客户人数) or ask for the number of things instead",
        zh="“人数”统计的是人，但前面没有说明是谁；请写出统计的对象（如“客户人数”），或改问事物的数量",
        words=[p.its[i].text],
    )


def _is_person(p: ParseState, noun: Item) -> bool:
    """Whether ``noun`` names a person-like entity (its name, label or synonyms say so)."""
    for s in noun.senses:
        ent = next((e for e in p.catalog.entities if e.name == s.name), None)
        if s.kind != "entity" or ent is None:
            continue
        words = {w for t in (ent.name, ent.label, *ent.synonyms) for w in key_of(t)}
        if words & PERSON_WORDS:
            return True
    return False


def _counts_quantities(p: ParseState) -> bool:
    """Whether some metric of the model is a quantity of pieces (its name or label says so):
    then 数量 after a noun may mean that quantity, and is not read as the noun's row count."""
    return bool(quantity_metrics(p.catalog.metrics))


def read_counted_nouns(p: ParseState) -> None:
    """ "骑行数", "订单量", "骑行次数": a count suffix right after a noun makes the two one
    metric — the one counting the noun — before any pass reads the noun as a grouping
    ("按车架类型统计骑行数" counts rides per frame type, it does not group by ride).

    The suffix must touch the noun (no word between), and a noun the model cannot count is
    left to :func:`read_how_many`, which refuses it with the counts the model has.
    """
    for k, suffix in enumerate(p.all):
        if suffix.kind != "role" or suffix.role != "howmany" or suffix.used:
            continue
        word = suffix.text.strip()
        counts_rows = word in ROW_COUNT_SUFFIXES | {PEOPLE_SUFFIX, PERSON_TIMES_SUFFIX} or (
            word in QUANTITY_SUFFIXES and not _counts_quantities(p)
        )
        if not counts_rows or k == 0 or word in SHORTHAND_COUNTS:
            continue
        noun = p.all[k - 1]
        if noun.kind != "domain" or noun.used or not noun.senses or noun.end != suffix.start:
            continue
        if word == PEOPLE_SUFFIX and not _is_person(p, noun):
            continue  # "退货人数" counts people who returned, not returns
        if word == PERSON_TIMES_SUFFIX and _is_person(p, noun):
            continue  # "乘客人次": times, not passengers; left to be refused
        if not any(s.kind in ("entity", "metric") for s in noun.senses):
            continue
        if all(s.kind == "metric" for s in noun.senses) and not _counts_things(p, noun):
            continue  # "GMV数" is no count; leave it to the other passes to refuse
        metric = count_metric(p, noun)
        if metric is None or not _counts_rows(p, metric):
            continue
        # a noun reached only through a bridge stays shown as one ("预订量 → bookings")
        via = noun.senses[0].via if all(s.via for s in noun.senses) else ""
        counted = Sense("metric", metric, via=via)
        noun.senses, noun.sense, noun.end = [counted], None, suffix.end
        noun.text += suffix.text
        suffix.used = True
