"""Pass: refuse when a meaningful item is still unclaimed after every other pass.

Why: an unclaimed number, comparison or value means part of the question was not understood;
answering without it would answer a different question.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense, key_of
from nl2sql.rules.excluded_metric import exclude_filtered_metric
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.money import is_count_metric
from nl2sql.rules.own_amount import own_amount_metric
from nl2sql.rules.passes.kind_questions import settle_kind_words
from nl2sql.rules.scale_request import scale_conversions
from nl2sql.rules.state import ParseState
from nl2sql.rules.units import UnitConversion, answer_unit
from nl2sql.scale_words import scale_of_word
from nl2sql.vocabulary.english import AVERAGE_AGGS
from semantic_layer.query import OrderBy


def _averages(p: ParseState, metric: str) -> bool:
    """Whether ``metric`` already is an average (its aggregation, type or words say so), so an
    average word beside it is part of its name ("平均骑行里程" on an average-mileage metric)."""
    m = p.catalog.metric(metric)
    if m is None:
        return False
    words = " ".join((m.name, m.label, *m.synonyms, m.description)).lower()
    return (
        m.agg in AVERAGE_AGGS
        or m.metric_type in ("ratio", "derived")
        or any(w in words for w in ("avg", "average", "mean", "平均", "per ", "均"))
    )


def _names_an_average(p: ParseState, it: Item) -> bool:
    """Whether the average word ``it`` stands right before an asked metric that already is an
    average: a word of its name, not one the answer leaves out ("what is our average room
    average attendance" by room keeps the first one unused, and the interpretation says so)."""
    k = p.its.index(it) + 1
    while (x := p.at(k)) is not None and x.kind == "role" and x.used:
        k += 1  # "平均飞行距离": a verb or axis word read between them
    nxt = p.at(k)
    if nxt is None or nxt.kind != "domain":
        return False
    names = [nxt.sense.name] if nxt.sense is not None else [s.name for s in nxt.senses]
    return any(n in p.metrics and _averages(p, n) for n in names)


#: Chinese filler words that say "total *amount*" (额: a sum of money), not just "total"
AMOUNT_TOTALS_ZH = frozenset({"总额"})
#: English filler words that ask what things are worth ("total value of the packages"): general
#: language, dropped as grammar beside a metric's name but never a count's meaning
AMOUNT_WORDS_EN = frozenset({"value", "values", "worth"})


def _amount_word(p: ParseState, k: int) -> bool:
    """An unclaimed grammar word asking for an amount (总额, "value", "worth"); an English one
    followed by a comparison ("with a value under $15") is the row condition's noun
    (``rules.money``), not a request for the amount."""
    it = p.all[k]
    text = it.text.strip()
    if it.kind != "stop":
        return False
    if text in AMOUNT_TOTALS_ZH:
        return True
    if it.used or text.lower() not in AMOUNT_WORDS_EN:
        return False
    nxt = next((x for x in p.all[k + 1 :] if x.text.strip()), None)
    return nxt is None or not (nxt.kind == "num" or nxt.role.startswith("cmp:"))


def _amount_of_a_count(p: ParseState) -> None:
    """Refuse "交付总额" / "预订总额" answered by a count: 总额 asks for an amount of money.

    Why: 总额 is a filler total word beside an amount metric ("GMV总额"), but beside a metric
    that counts rows it was silently dropped and the count was answered — a wrong number for
    "the total amount of deliveries". "value" and "worth" ("total value of subscriptions",
    "what are our bookings worth") are the same words in English, dropped the same way; one
    already read ("orders worth over 50", a row filter) is not asked again.
    """
    if not p.metrics:
        return
    metrics = [p.catalog.metric(m) for m in p.metrics]
    if not all(m is not None and is_count_metric(m) for m in metrics):
        return
    for k, it in enumerate(p.all):
        if _amount_word(p, k):
            if _to_own_amount(p, it):
                return
            labels = "、".join((m.label or m.name) for m in metrics if m is not None)
            raise Refusal(
                f"'{it.text}' asks for an amount of money, but {labels} counts rows; "
                "ask for an amount metric by name",
                zh=f"“{it.text}”问的是金额，但{labels}是计数；请说出要的金额类指标",
                words=[it.text],
                kind="no_metric",
            )


def _grouped_by_itself(p: ParseState, entity: str) -> bool:
    """Whether a group word stands right before the counted noun ("每张发票的总额", "per
    invoice"): a breakdown by the thing itself was asked, which its amount does not answer."""
    for k, it in enumerate(p.its):
        if k and any(s.kind == "entity" and s.name == entity for s in it.senses or ()):
            prev = p.its[k - 1]
            if prev.kind == "role" and prev.role.startswith(("group", "per", "each")):
                return True
    return False


def _names_the_thing(it: Item, entity: str) -> bool:
    """Whether ``it`` only names the counted thing ("memberships" for a count metric called
    `memberships`), not a count word of its own ("membership count", "笔数").

    >>> _names_the_thing(Item("domain", "Memberships", 0, 11), "membership")
    True
    >>> _names_the_thing(Item("domain", "membership count", 0, 16), "membership")
    False
    """
    words = key_of(it.text.strip().lower())
    noun = key_of(entity)
    return bool(noun) and words in (noun, (*noun[:-1], noun[-1] + "s"))


def _to_own_amount(p: ParseState, word: Item) -> bool:
    """Answer "发票总额" with the invoices' own amount metric when the model has exactly one
    (``rules.own_amount``): the count was only the noun's reading, 总额 names its amount."""
    if len(p.metrics) != 1 or p.having or p.by_metric or p.entity_conditions:
        return False
    count = p.catalog.metric(p.metrics[0])
    if count is None or any(
        s.kind == "metric" and s.name == count.name and not _names_the_thing(it, count.counts)
        for it in p.all
        for s in it.senses or ()
    ):
        return False  # a count the question names by a word of its own ("笔数") stays
    amount = own_amount_metric(p.catalog.metrics, count)
    if amount is None or _grouped_by_itself(p, count.counts):
        return False
    p.metrics = [amount]
    # the noun was the count's own thing ("发票"), not a breakdown: its amount is asked
    p.group_by = [g for g in p.group_by if g != count.counts]
    p.order_by = [
        OrderBy(name=amount, descending=o.descending) if o.name == count.name else o
        for o in p.order_by
    ]
    word.used = True
    p.result.notes.append(f"'{word.text}' asks for the amount: {amount} instead of {count.name}")
    return True


def _distinct_of_an_amount(p: ParseState, it: Item) -> None:
    """Refuse a distinct word ("distinct", "unique", 独立, 不重复) left right before a metric
    that is no count: "distinct GMV" / 独立的GMV / 不重复的销售额 were answered as the plain
    total, the word silently dropped, though it may ask for de-duplicated amounts — a
    different number. Before a dimension it stays a breakdown ("GMV of different channels",
    不同渠道的GMV); before a count the counting passes take it ("how many distinct buyers")."""
    if it.kind != "role" or it.role != "distinct":
        return
    at = p.its.index(it)
    nxt = p.its[at + 1] if at + 1 < len(p.its) else None
    if nxt is None or nxt.kind != "domain" or not nxt.is_kind("metric"):
        return
    names = [nxt.sense.name] if nxt.sense is not None else [s.name for s in nxt.senses]
    metrics = [m for m in (p.catalog.metric(n) for n in names) if m is not None]
    if metrics and not any(is_count_metric(m) for m in metrics):
        raise Refusal(
            f"'{it.text}' counts different things, but '{nxt.text}' is an amount, not a count; "
            f"ask how many different <things>, or leave '{it.text}' out",
            zh=f"“{it.text}”用于统计不同的对象个数，而“{nxt.text}”是金额或数值而非计数；"
            f"请问“有多少个不同的…”，或去掉“{it.text}”",
            words=[it.text],
        )


def refuse_leftovers(p: ParseState) -> None:
    """Raise :class:`Refusal` naming the first unclaimed number, comparison or value, or an
    amount word left beside a count (:func:`_amount_of_a_count`)."""
    _amount_of_a_count(p)
    for it in p.its:
        if it.used:
            continue
        if it.kind == "num":
            raise Refusal(
                f"I don't know what the number '{it.text}' refers to here",
                zh=f"不清楚数字“{it.text}”指的是什么",
                words=[it.text],
                # a number inside the question ("with 5+ bookings") is never dropped from a
                # suggestion (the rest would read as another question); a stray one at an
                # end ("GMV 42") may be
                kind="number" if 0 < p.its.index(it) < len(p.its) - 1 else "",
            )
        if it.kind == "role" and it.role == "none":
            # "revenue with no discount", "never": none of what, per what? never dropped
            raise Refusal(
                f"I can't tell what '{it.text}' says none of here; ask e.g. 'how many "
                "customers with no orders'",
                zh=f"看不出“{it.text}”指没有什么；可以问例如“没有订单的客户有多少”",
                words=[it.text],
                kind="negation",
            )
        if it.kind == "role" and it.role in ("latest", "earliest"):
            # "latest revenue": the last period's? the largest date's? never dropped
            raise Refusal(
                f"I can't tell what '{it.text}' refers to here; name a period (e.g. 'last "
                "month') or ask for the date itself (e.g. 'latest <date> by <group>')",
                zh=f"不清楚“{it.text}”指什么；请说明时间段（例如“上个月”），或直接问日期",
                words=[it.text],
            )
        if it.kind == "role" and it.role == "counter_times":
            # "billed more than 2 times": occasions of what? no count the verb names
            raise Refusal(
                f"I can't tell what '{it.text}' counts here; name the count, e.g. "
                "'… with more than 2 <things>'",
                zh=f"不清楚“{it.text}”统计的是什么；请说出要统计的指标",
                words=[it.text],
            )
        if it.kind == "role" and it.role == "unit":
            # "distance in km" on a metric in miles: a unit is absorbed, converted or refused,
            # never ignored (nl2sql.rules.units)
            found: list[UnitConversion]
            if scale_of_word(it.text) is not None:  # "in thousands", 万元: shown scaled
                found = [*scale_conversions(p.catalog, p.metrics, it.text, p.result.question)]
            else:
                found = answer_unit(p.catalog, p.metrics, it.text)
            for c in found:
                if c not in p.result.conversions:
                    p.result.conversions.append(c)
            it.used = True
        settle_kind_words(p, it)  # "多久" beside a count: no duration to answer with
        if it.kind == "role" and (it.role == "times" or it.role.startswith("diff")):
            raise Refusal(
                f"'{it.text}' sets two values against each other; name both (e.g. "
                "'A的收入是B的几倍', 'A比B多多少')",
                zh=f"“{it.text}”需要两个取值相比；请写出两方（例如“A的收入是B的几倍”、“A比B多多少”）",
            )
        if it.kind == "role" and it.role == "neg" and exclude_filtered_metric(p, it):
            continue  # "GMV without cancelled orders": the one-value metric's value excluded
        if it.kind == "role" and it.role == "neg":
            # "GMV excluding refunds": an exclusion nothing took up would be silently dropped
            raise Refusal(
                f"I can't tell what '{it.text}' excludes; name a value to exclude "
                "(e.g. excluding one channel)",
                zh=f"看不出“{it.text}”要排除什么；请写出要排除的取值",
                kind="negation",  # no rewrite: dropping the word would drop the exclusion
            )
        if it.kind == "role" and it.role == "other":
            # "除了美国，其他国家": the rest once something is excluded; with no exclusion
            # "其他国家" names no set the query could filter to, and dropping it answers for all
            if not any(f.op in ("!=", "not in") for f in p.filters):
                raise Refusal(
                    f"I can't tell what '{it.text}' is other than; name the values to exclude "
                    "(e.g. excluding one country)",
                    zh=f"看不出“{it.text}”是除哪些以外的；请写出要排除的取值",
                    kind="negation",
                )
            it.used = True
        if it.kind == "role" and it.role == "compare":
            raise Refusal(
                f"I can't tell which sides '{it.text}' compares; name the values "
                "(e.g. one channel vs another) or break the metric down by a dimension",
                zh=f"看不出“{it.text}”要比较哪几方；请写出要比较的取值，或按某个维度拆分",
                words=[it.text],
                senses=[Sense("metric", m) for m in p.metrics],
                kind="compare",
            )
        if it.kind == "role" and it.role == "avg" and _names_an_average(p, it):
            it.used = True  # "平均飞行距离" on an average metric: part of its name
        if (
            it.kind == "role"
            and it.role == "avg"
            and not it.used
            and not any(_averages(p, m) for m in p.metrics)
        ):
            # "average yearly revenue", "平均年收入": an average no rule applied would answer
            # the totals per year instead — a different number than the one asked for
            raise Refusal(
                f"I can't tell what '{it.text}' averages here; the model's metrics are totals "
                "per period — ask for the metric by period, or name an average metric",
                zh=f"看不出“{it.text}”要对什么求平均；模型的指标是各期合计，"
                "请按时间查看该指标，或说明要哪个平均指标",
                words=[it.text],
            )
        if it.kind == "role" and it.role.startswith("cmp:"):
            raise Refusal(
                f"I can't tell what '{it.text}' compares", zh=f"看不出“{it.text}”比较的是什么"
            )
        _distinct_of_an_amount(p, it)
        if it.kind == "role" and it.role == "group":
            nxt = p.at(p.its.index(it) + 1)
            if nxt is not None and nxt.kind == "role" and nxt.role == "unit":
                raise Refusal(
                    f"the model has no '{nxt.text}' time grain to break down by; "
                    "use day, week, month, quarter or year",
                    zh=f"模型没有“{nxt.text}”这种时间粒度；请用日、周、月、季度或年",
                    words=[nxt.text],
                )
        if it.kind == "domain" and it.is_kind("value"):
            raise Refusal(
                f"I can't place '{it.text}'", zh=f"不知道“{it.text}”该放在哪里", words=[it.text]
            )
