"""Pass: dimensions and entities named without a "by" word.

A bare dimension ("GMV 渠道") is a grouping. A bare entity is a grouping only when the question
is about that noun ("退货率>15%的SKU", "SKUs whose return rate..."); otherwise it is context
("GMV of VIP customers") kept in ``p.context_entities`` for the metrics pass to count.
"""

from __future__ import annotations

import re

from nl2sql.rules.aggregated_over import aggregated_over
from nl2sql.rules.described import note_described_group
from nl2sql.rules.event_years import year_of_dimension
from nl2sql.rules.items import Item
from nl2sql.rules.measure_words import absorb_measure_word
from nl2sql.rules.own_keys import own_key
from nl2sql.rules.state import ParseState
from nl2sql.rules.summed_dimension import refuse_summed_dimension
from nl2sql.rules.weak_groups import settle_weak_bare_group
from nl2sql.vocabulary import morphology
from semantic_layer.query import DimensionFilter

_RELATIVE_EN = ("whose", "with", "that", "where", "having", "which")


def _entity_is_target(p: ParseState, it: Item, idx: int) -> bool:
    """Whether the entity at ``idx`` is what the question lists (the grain of the answer)."""
    pos = p.all.index(it)
    before = p.all[pos - 1] if pos > 0 else None
    after = [x for x in p.all[pos + 1 :] if x.text.strip()]
    rest_used = all(x.kind == "stop" for x in after) or not after
    if before is not None and before.text in ("的",) and rest_used:
        return True  # "...退货率>15%的SKU"
    if before is not None and before.text == "的" and p.having:
        # "退货率>15%的SKU的复购率": a threshold describing the noun makes it the grain,
        # whatever is asked about it afterwards
        ahead = [x for x in p.all[: pos - 1] if x.kind != "stop"]
        if ahead and any(ahead[-1] is x for x in p.threshold_items):
            return True
    if after and after[0].text in _RELATIVE_EN:
        # "SKUs whose return rate is above 15%": a condition on a metric lists the nouns;
        # "GMV of customers with VIP tier" only selects rows (a filter), no list
        return bool(p.having)
    if after and after[0].text in ("有", "中") and idx == 0:
        return True
    # a trailing "...的SKU有哪些"
    if before is not None and before.text == "的":
        tail = [x for x in after if x.kind != "stop"]
        if all(x.kind == "role" and x.role == "which" for x in tail) and tail:
            return True
    return False


def _rest_after_exclusion(p: ParseState, it: Item) -> bool:
    """Whether the entity ``it`` follows 其他/其余 and the question excluded one of its values.

    Why: "除了Acme以外，其余运营商的骑行次数" asks for each of the remaining operators, as
    "除了美国，其他国家的…" does with a dimension word; an entity word is otherwise context
    ("运营商的骑行次数" is the rides of the operators, one total), so the rest answered one
    total over every other operator — a number no one asked for.
    """
    pos = p.all.index(it)
    before = next((x for x in reversed(p.all[:pos]) if x.text.strip()), None)
    if before is None or before.kind != "role" or before.role != "other":
        return False
    sense = p.resolve(it, ("entity",))
    if sense is None:
        return False
    own = (sense.name, f"{sense.name}__")
    return any(
        f.op in ("!=", "not in") and (f.dimension == own[0] or f.dimension.startswith(own[1]))
        for f in p.filters
    )


def _passive_verb(p: ParseState, it: Item) -> bool:
    """Whether ``it`` is a past participle followed by "by <value>": a verb, not a column.

    Why: "rides on bikes made by Acme" grouped by Year Made ("made" names it) beside
    the Maker filter — an unasked breakdown read from the verb of a passive clause
    whose agent is the filter. Only an English past form directly before "by" and a value.

    >>> morphology.is_past("built"), morphology.is_past("year")
    (True, False)
    """
    if " " in it.text or not it.text.isascii() or not morphology.is_past(it.text.lower()):
        return False
    rest = [x for x in p.all[p.all.index(it) + 1 :] if x.kind != "stop" or x.text == "by"]
    return (
        len(rest) >= 2
        and rest[0].text.lower() == "by"
        and rest[1].kind == "domain"
        and rest[1].is_kind("value")
    )


#: words that sum over the rows named ("所有国家的销售额合计", "revenue of all countries in
#: total"), general language
_TOTAL_ZH = re.compile(r"合计|总计|总和|一共|共计|总共|加起来|加总|合起来|加在一起")
_TOTAL_EN = re.compile(r"\b(?:in total|combined|altogether|all together|summed up)\b")
#: words that ask for one row per thing right before it ("各国家的销售额合计", "each
#: country's total")
_EACH_ZH = re.compile(r"各个?|每一?个?|按照?|逐")
_EACH_EN = re.compile(r"each|every|per|by|for each|for every")
#: "all" right before a dimension word
_ALL = frozenset({"所有", "全部", "全", "all", "all the"})


#: words asking for each thing wherever they stand ("所有国家分别的合计")
_RESPECTIVELY = re.compile(r"分别|各自|respectively", re.IGNORECASE)


def _each_of(q: str, before: Item | None) -> bool:
    """Whether the question asks for one row per thing of the dimension: an each-word right
    before it ("各国家", "by country"), or "respectively" anywhere.

    Why only right before it: in "2024年所有门店每月的销售额合计" the 每 asks for each *month*;
    read anywhere, it kept the stores as a breakdown too — one row per store and month
    where one total per month was asked.
    """
    if _RESPECTIVELY.search(q):
        return True
    said = before.text.strip().lower() if before is not None else ""
    pattern = _EACH_ZH if not q.isascii() else _EACH_EN
    return bool(said) and pattern.fullmatch(said) is not None


def _summed_over(p: ParseState, it: Item, name: str) -> bool:
    """Whether the bare dimension ``it`` names the rows a total is taken over, not a breakdown:
    a total word in the question, no word asking for each, and the dimension written after an
    "all" word ("所有房源国家的预订金额合计") or after its own values were excluded
    ("除了country_4以外的国家的销售额合计").

    Why: read as a breakdown, "所有地区的收入总和" answered one row per region where the sum
    over them was asked — a table in place of the one number, with nothing in it to say so.
    """
    q = p.result.question
    total = _TOTAL_ZH.search(q) if not q.isascii() else _TOTAL_EN.search(q.lower())
    pos = p.all.index(it)
    before = next((x for x in reversed(p.all[:pos]) if x.text.strip()), None)
    if _each_of(q, before):
        return False
    if total is None:
        if not _spans_all(p, before) or COMPARE.search(q) is not None or p.limit:
            return False
        # the values of the dimension are what "all <dim>" takes in: rows without one (orders
        # of no promotion in "GMV across all promotions") are in none of them. A joined
        # model's key column is tested on the facts' own key, as a breakdown by it groups
        # (rules.own_keys): "rides across all frame numbers" are the rides with a frame
        # number, not those whose bike the bikes table lists
        key = own_key(p.catalog, name, lambda e: all(p.metric_allows(m, e) for m in p.metrics))
        if not any(f.dimension == key and f.op == "is not null" for f in p.filters):
            p.filters.append(DimensionFilter(dimension=key, op="is not null"))
        return True
    if before is not None and before.text.strip().lower() in _ALL:
        return True
    # the excluded values may be spelled by another column of the same thing: "除了AC以外的
    # 运营商" excludes an operator code and names the operators by their operator name
    return any(f.op in ("!=", "not in") and _same_thing(f.dimension, name) for f in p.filters)


#: words that ask for the sides side by side ("compare wait across all operators")
COMPARE = re.compile(
    r"\b(?:compare|compared|comparing|comparison|vs|versus)\b|对比|比较|相比", re.I
)
#: said right before a metric: the figure is one aggregate over the rows ("所有门店的平均客单价")
_AGGREGATE_ZH = ("总", "平均", "整体", "总体")


def _spans_all(p: ParseState, before: Item | None) -> bool:
    """Whether the dimension follows "across all" ("average wait across all stations"),
    or 所有/全部 with an aggregate word said right before the metric ("所有渠道的总GMV",
    "所有运营商的平均取车等待"): one figure over every value, not one row per value.

    Why: "all" takes the values together and "across" spans them; a breakdown is asked with
    each / by / per / 各 / 每 or by comparing ("compare … across all operators"). Read as a
    breakdown, "average pickup wait across all operators" answered one average per operator
    and no overall one, and "所有渠道的总GMV" a table where the total was asked (probes19). "across
    technicians" without "all" still groups, and so does "所有渠道的GMV" (a list of every
    channel's GMV reads as naturally as their total).
    """
    if before is None or before.text.strip().lower() not in _ALL:
        return False
    k = p.all.index(before)
    prev = next((x for x in reversed(p.all[:k]) if x.text.strip()), None)
    if before.text.isascii():
        return prev is not None and prev.text.strip().lower() == "across"
    return any(
        x.is_kind("metric") and x.text.strip().startswith(_AGGREGATE_ZH)
        for x in p.all[k + 1 :]
        if x.kind == "domain"
    )


def _same_thing(a: str, b: str) -> bool:
    """Whether two dimensions are one, or two columns of the same entity (``operator__code``,
    ``operator__operator_name``)."""
    return a == b or ("__" in a and a.split("__", 1)[0] == b.split("__", 1)[0])


def read_bare_terms(p: ParseState) -> None:
    """Group by bare dimensions and target entities; keep other entities as context."""
    for idx, it in enumerate(p.its):
        if it.used or it.kind != "domain" or it.is_kind("metric") or it.is_kind("value"):
            continue
        if it.is_kind("dimension") and not it.is_kind("entity"):
            if absorb_measure_word(p, it):
                continue  # "median *list price*": the metric's own column (rules.measure_words)
            if _passive_verb(p, it):
                # "bikes made by Acme": the verb of the filter's clause, no model term
                it.kind, it.used = "stop", True
                continue
            name = p.group_name(it)
            if name and year_of_dimension(p, it, name):
                it.used = True  # "bikes made in 2004": the year is its value (event_years)
            elif name and _summed_over(p, it, name):
                it.used = True  # "所有国家的销售额合计": the rows summed over, one total
            elif name and aggregated_over(p, it):
                it.used = True  # "average value of indicators that met …": one figure
            elif name and settle_weak_bare_group(p, it, name):
                continue  # "C class products": the filter's own noun, no breakdown by brand
            elif name:
                refuse_summed_dimension(p, it, name)  # "total capacity": no breakdown
                p.add_group(name)
                it.used = True
                note_described_group(p, it, name)  # "medium cities": checked on the data
            continue
        if it.is_kind("entity"):
            if _entity_is_target(p, it, idx) or _rest_after_exclusion(p, it):
                name = p.group_name(it)
                if name:
                    p.add_group(name)
            it.used = True
            p.context_entities.append(it)
