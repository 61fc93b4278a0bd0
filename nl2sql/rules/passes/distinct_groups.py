"""Pass: a distinct word before an entity beside an amount asks for a breakdown by it.

Why: 不同门店的净销售额 / "net sales of different stores" name the stores with 不同 /
"different", which says the stores are told apart: net sales per store, as 各门店的净销售额
is. Only the words that say "told apart" (:data:`VARIETY_WORDS`) do; another distinct word
there (独立门店: independent stores?) is refused rather than dropped. A dimension after
the word already groups (不同地区的净销售额); an entity there was read
as the context of the metric and the word dropped, and the answer was the one total — a
plausible number for another question. Glued before a period word (独立日, Independence
Day) such a word was dropped and the answer grouped by day: refused. The word is read as a "by" word when the entity is
next to a metric that is not its own count, and no "how many" word comes before it
("how many different stores", 有多少不同的客人预订 stay counts).
"""

from __future__ import annotations

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

#: the distinct words that say "told apart", not a kind of thing: 独立门店 are independent
#: stores and "unique visitors" a kind of count, never a breakdown
VARIETY_WORDS = frozenset({"different", "various", "不同", "不同的"})


def _metric_beside(p: ParseState, x: Item, entity: str) -> bool:
    """Whether ``x`` names a metric other than the count of ``entity``."""
    if x.kind != "domain" or not x.is_kind("metric"):
        return False
    names = [s.name for s in x.senses if s.kind == "metric"]
    metrics = [p.catalog.metric(n) for n in names]
    return all(m is not None and m.counts != entity for m in metrics)


def _refuse_before_grain(it: Item, x: Item) -> None:
    """Refuse a distinct word other than a variety word glued before a period word: 独立日
    is a named day (Independence Day), not "by day" with 独立 dropped, and "unique day" says
    no breakdown; 不同月份 still groups by month."""
    if it.text.strip().lower() in VARIETY_WORDS or x.kind != "role" or it.end != x.start:
        return
    if x.role.startswith("grain:"):
        phrase = it.text + x.text
        raise Refusal(
            f"'{phrase}' is not a period the model knows; name the dates or a value instead",
            zh=f"「{phrase}」不是模型能识别的时间段；请写出具体日期或取值",
            words=[phrase],
        )


def read_distinct_groups(p: ParseState) -> None:
    """Turn a distinct word right before an entity, beside a metric, into a "by" word."""
    its = p.its
    for i, it in enumerate(its[:-1]):
        x = its[i + 1]
        if it.kind != "role" or it.role != "distinct" or it.used:
            continue
        _refuse_before_grain(it, x)
        if x.used or any(y.kind == "role" and y.role == "howmany" for y in its[:i]):
            continue  # 多少不同的客人预订: how many different guests — a count, read later
        if x.kind != "domain" or not x.is_kind("entity") or x.is_kind("dimension"):
            continue
        entity = next(s.name for s in x.senses if s.kind == "entity")
        after = its[i + 2] if i + 2 < len(its) else None
        before = its[i - 1] if i else None
        if (after is not None and _metric_beside(p, after, entity)) or (
            before is not None and after is None and _metric_beside(p, before, entity)
        ):
            if it.text.strip().lower() not in VARIETY_WORDS:
                raise Refusal(
                    f"'{it.text} {x.text}' may be a kind of {x.text} the model does not name, or "
                    f"each {x.text} apart; say 'by {x.text}' for a breakdown",
                    zh=f"「{it.text}{x.text}」可能是模型中没有的一类{x.text}，也可能指按{x.text}"
                    f"分别统计；如需分组，请说「各{x.text}」",
                    words=[it.text],
                )
            it.role = "group"
