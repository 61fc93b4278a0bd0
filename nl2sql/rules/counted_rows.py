"""How many things meet a condition, when the model has no metric counting those things.

Why: "how many customers placed more than 3 orders", "how many cities had revenue over 10,000",
"收入超过1万的城市有多少个" ask for the number of rows of a listing the engine answers already
("customers with more than 3 orders": each customer with its orders, the condition a HAVING).
When the model defines no metric counting customers (customers are only a foreign key of the
orders) or cities (a column), they were refused; counting the listing's rows invents no metric
(``nl2sql.derived`` kind ``rows`` wraps the listing in ``COUNT(*)``). MetricFlow has no such
query: it would return the listing and leave the counting to the reader — the count here is
exactly that.

Only a condition a thing *without any* rows cannot meet is counted (``> N`` with N ≥ 0, ``>= N``
with N > 0): a customer with no order is not in the listing, so "fewer than 3 orders" would miss
every such customer — refused. The rows without the thing (orders of no customer, as one NULL
group) are kept out: they are no customer, though they may meet the condition.
"""

from __future__ import annotations

from nl2sql.derived import Derived
from nl2sql.interpret import item_label, metric_label
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from semantic_layer.query import DimensionFilter


def safe_condition(op: str, value: float) -> bool:
    """Whether a thing with none of the rows (no value in the listing) cannot meet ``op value``.

    >>> safe_condition(">", 0), safe_condition(">=", 1), safe_condition("<", 3)
    (True, True, False)
    >>> safe_condition(">=", 0)
    False
    """
    return (op == ">" and value >= 0) or (op == ">=" and value > 0)


def count_rows(p: ParseState, subject: Item, group: str) -> None:
    """Answer the number of the listing's rows, grouped by ``group`` (``subject``'s dimension or
    entity): the "how many" words beside ``subject`` are read, and the rows without the thing
    are kept out (one NULL group would be counted as one more thing)."""
    k = next((k for k, x in enumerate(p.its) if x is subject), -1)
    for j in (k - 1, k + 1, k + 2):
        if p.role_at(j, "howmany"):
            p.its[j].used = True
    subject.used = True
    p.add_group(group)
    p.derived = Derived("rows")
    p.counted = True
    if not any(f.dimension == group and f.op == "is not null" for f in p.filters):
        p.filters.append(DimensionFilter(dimension=group, op="is not null"))


def count_listed(p: ParseState, noun: Item) -> bool:
    """ "how many cities had revenue over 60": when ``noun`` (a dimension or entity no metric
    counts) is what the question's metric conditions are about, count the things meeting them.
    Returns whether it applied; refuses a condition things without rows would meet."""
    if p.derived is not None or not p.having or not p.metrics or p.group_by:
        return False
    if noun.kind != "domain" or noun.used or noun.is_kind("value") or noun.is_kind("metric"):
        return False
    groups = {
        g for s in noun.senses if s.kind in ("dimension", "entity") if (g := p.group_name(noun))
    }
    if len(groups) != 1:
        return False
    group = groups.pop()
    if group.startswith("metric_time__") or not all(p.metric_allows(m, group) for m in p.metrics):
        return False
    if any(h.metric not in p.metrics for h in p.having):
        return False
    for h in p.having:
        if not safe_condition(h.op, h.value):
            thing = item_label(p.catalog, group, "en")
            zh_thing = item_label(p.catalog, group, "zh")
            en_m, zh_m = (
                metric_label(p.catalog, h.metric, "en"),
                metric_label(p.catalog, h.metric, "zh"),
            )
            raise Refusal(
                f"counting the {thing} with {en_m} {h.op} {h.value:g} would leave out every "
                f"{thing} with no rows at all; ask for {en_m} by {thing} instead",
                zh=f"统计{zh_m} {h.op} {h.value:g}的{zh_thing}个数会漏掉完全没有记录的{zh_thing}；"
                f"可以改问按{zh_thing}统计的{zh_m}",
                words=[noun.text],
            )
    count_rows(p, noun, group)
    return True
