"""A number written after a counted noun: "customers with orders over 50".

Why a rule of its own: "orders over 50" reads two ways. A reader may mean *more than 50
orders* (a count per customer) or *orders worth over 50* (each order's amount). Read as the
count, a plausible-looking but wrong answer comes out whenever the asker meant the amount,
and the other way round. So when the compared metric counts rows, the number follows the
noun with no count word ("more than 50 orders", "50 orders", "超过50单", "订单超过50个",
"订单数超过50", "下单超过50次" say a count; "orders over 50" and "订单超过50" do not), and the
counted rows' model also keeps an amount of money (a money metric over the same rows, or a
dimension over such a column), the question is refused with both readings offered, each
written so the engine reads it one way only ("customers with over 50 orders" / "customers
with orders worth over 50"; "订单超过50个的客户" / "订单超过50元的客户"). On a model that
keeps no amount of those rows only the count is meant, and it is answered as before.

"worth" before the comparison says the amount: "orders worth over 50" is the row filter on
the rows' amount column, as "orders over $50" is (:mod:`nl2sql.rules.money`), and is refused
naming what is missing when the model has no such column, never read as a count.

>>> count_rewrite("orders", "over", "50", "en"), amount_rewrite("orders", "over", "50", "en")
('over 50 orders', 'orders worth over 50')
>>> count_rewrite("订单", "超过", "50", "zh"), amount_rewrite("订单", "超过", "50", "zh")
('订单超过50个', '订单超过50元')
"""

from __future__ import annotations

from nl2sql.lexicon import key_of
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.money import (
    amount_dimensions,
    is_count_metric,
    is_money_metric,
    money_filter,
    money_marker,
    sums_count_column,
)
from nl2sql.rules.state import ParseState
from semantic_layer.query import ThresholdOp

#: words that make the compared noun a count ("number of orders", "order count", 订单数)
_COUNT_WORDS = frozenset({"number", "count", "counts", "num", "#"})
_ZH_COUNT = ("数", "量", "次")
#: the word that introduces a thing's own value ("orders worth over 50"): the amount reading
_WORTH = frozenset({"worth"})
#: light words of a relative clause between the noun and the comparison; "of" too ("orders of
#: at least 20 by location": each order's size, or a count per location, was read as the count)
_CLAUSE = frozenset({"that", "which", "were", "was", "are", "is", "been", "be", "of", ""})


def count_rewrite(noun: str, cmp: str, num: str, lang: str) -> str:
    """The phrase rewritten so that the number counts the noun."""
    return f"{noun}{cmp}{num}个" if lang == "zh" else f"{cmp} {num} {noun}"


def amount_rewrite(noun: str, cmp: str, num: str, lang: str) -> str:
    """The phrase rewritten so that the number is each row's amount."""
    return f"{noun}{cmp}{num}元" if lang == "zh" else f"{noun} worth {cmp} {num}"


def _pos(p: ParseState, it: Item) -> int:
    return next((k for k, x in enumerate(p.all) if x is it), -1)


def _before(p: ParseState, it: Item) -> tuple[Item | None, Item | None]:
    """(the noun before the comparison, the 'worth' between them if written), across a
    relative clause's light words ("bookings *that were* over 20")."""
    k = _pos(p, it) - 1
    worth = None
    if k >= 0 and p.all[k].text.strip().lower() in _WORTH:
        worth, k = p.all[k], k - 1
    while k >= 0 and p.all[k].kind == "stop" and p.all[k].text.strip().lower() in _CLAUSE:
        k -= 1
    if worth is None and k >= 0 and p.all[k].text.strip().lower() in _WORTH:
        worth, k = p.all[k], k - 1  # "bookings that were worth over 20"
    noun = p.all[k] if k >= 0 else None
    return (noun, worth) if noun is not None and noun.kind == "domain" else (None, worth)


def _counted_after(p: ParseState, num: Item) -> bool:
    """Whether a count word follows the number ("50 times", "50个", "50单", "50 orders")."""
    k = _pos(p, num) + 1
    if k <= 0 or k >= len(p.all):
        return False
    x = p.all[k]
    if x.kind == "role" and x.role in ("counter_times", "howmany"):
        return True
    if x.kind == "stop" and len(x.text.strip()) == 1 and "\u4e00" <= x.text.strip() <= "\u9fff":
        return x.text.strip() != "的"  # a classifier: 个, 单, 笔, 次
    return x.kind == "domain"  # "over 50 orders": the number counts the noun after it


def _unit_after(p: ParseState, num: Item) -> bool:
    """Whether a unit or a time unit follows the number ("2 days", "5 km"): neither reading."""
    k = _pos(p, num) + 1
    x = p.all[k] if 0 < k < len(p.all) else None
    return x is not None and x.kind == "role" and (x.role == "unit" or x.role.startswith("grain:"))


def _counted_before(p: ParseState, noun: Item) -> bool:
    """Whether the noun itself is said as a count ("order count", 订单数, 订单量). "how many
    orders over 50" and "number of orders over 50" count the orders, not the 50: the number
    still follows the noun with no count word."""
    k = _pos(p, noun)
    after = p.all[k + 1] if 0 <= k < len(p.all) - 1 else None
    if after is not None and after.kind == "role" and after.role == "howmany":
        return "\u4e00" <= after.text.strip()[:1] <= "\u9fff"  # 订单 数 超过50
    text = noun.text.strip().lower()
    return bool(set(key_of(text)) & _COUNT_WORDS) or text.endswith(_ZH_COUNT)


def _keeps_amount(p: ParseState, metric: str) -> bool:
    """Whether the rows ``metric`` counts also carry an amount of money: a money metric over
    the same rows (same time axis and entities) or a dimension over a money column."""
    m = p.catalog.metric(metric)
    if m is None:
        return False
    if amount_dimensions(p, metric):
        return True
    return any(
        o.name != metric
        and o.metric_type == "simple"
        and o.measure_expr
        and not is_count_metric(o)
        and is_money_metric(o)
        and o.agg_time_dimension == m.agg_time_dimension
        and set(o.own_entities) == set(m.own_entities)
        for o in p.catalog.metrics
    )


def read_count_or_amount(p: ParseState, it: Item, num: Item, op: ThresholdOp) -> bool:
    """Refuse "<noun> <cmp> N" on a count whose rows keep an amount (both readings offered);
    read "<noun> worth <cmp> N" as the amount's row filter. False leaves the comparison to the
    other readings (a count said as a count, a model with no amount, a currency written)."""
    noun, worth = _before(p, it)
    if noun is None or noun.used or noun.is_kind("value") or _pos(p, num) < _pos(p, it):
        return False
    metric = p.subject_metric(noun)
    m = p.catalog.metric(metric) if metric else None
    if m is None or metric is None or not is_count_metric(m) or num.pct:
        return False
    if money_marker(p, num) is not None:
        return False  # "$50", "50元": the amount, read by rules.money
    if worth is not None:
        row = money_filter(p, metric, noun, it, op, float(num.number or 0.0))
        if row is None:
            return False
        p.filters.append(row)
        p.add_metric(metric)
        worth.used = it.used = num.used = noun.used = True
        return True
    if _unit_after(p, num):
        return False  # "over 2 days": a duration, converted or refused by the threshold pass
    if _counted_after(p, num) or _counted_before(p, noun) or sums_count_column(m):
        return False  # a sum of per-row counts: one person or passenger has no amount of its own
    if not _keeps_amount(p, metric):
        return False
    _refuse_both(p, noun, it, num, metric)
    return False  # never reached: _refuse_both raises


def _refuse_both(p: ParseState, noun: Item, it: Item, num: Item, metric: str) -> None:
    """Refuse "<noun> <cmp> N" naming both readings, each offered as a question."""
    question = p.result.question
    span = question[noun.start : num.end]
    lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in question) else "en"
    said_noun, said_cmp = question[noun.start : noun.end], question[it.start : it.end]
    count = count_rewrite(said_noun, said_cmp, num.text, lang)
    offered = [count, amount_rewrite(said_noun, said_cmp, num.text, lang)]
    k = _pos(p, noun)
    if k > 0 and p.all[k - 1].text.strip().lower() == "whose":  # "class types whose bookings …"
        span = question[p.all[k - 1].start : num.end]
        offered = [f"with {o}" for o in offered]
    if amount_dimensions(p, metric):
        why, why_zh = "", ""
    else:
        m = p.catalog.metric(metric)
        label = (m.label or m.name) if m is not None else metric
        why = f", and the model keeps no amount of single {said_noun} to compare ({label} counts rows)"
        why_zh = f"，而模型没有单笔{said_noun}的金额字段可比较（{label}是计数）"
    raise Refusal(
        f"'{span}' may mean {count} (a count) or {said_noun} each worth {said_cmp} "
        f"{num.text} (an amount){why}; say which",
        zh=f"“{span}”可以指{count}（个数），也可以指金额{said_cmp}{num.text}的"
        f"{said_noun}{why_zh}；请说明是哪一种",
        words=[span, *offered],
        kind="replace",
    )
