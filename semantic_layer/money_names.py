"""Whether a metric is kept in money, from the words of its names: a money word or a currency.

Why here: how a ratio's values read depends on its parts' units (``catalog_builder``): money
over a count is an amount per thing (a cost per new customer), never a percent; 188.82 per
customer showed as "18,882.0%". The question engine reads the same words
(``nl2sql.rules.money_words``), so the list lives once, in the lower layer.

>>> from semantic_layer import load_model
>>> model = load_model()
>>> is_money_named(model, "gmv"), is_money_named(model, "orders")
(True, False)
"""

from __future__ import annotations

import re

from semantic_layer.model import SemanticModel

#: general words of money amounts in names ("order_total", "unit_price", "rental_fee")
MONEY_WORDS = frozenset(
    """amount amounts price prices value revenue revenues sales cost costs total spend spent fee
    fees paid payment payments charge charges income profit balance gmv subtotal tax discount
    refund refunds salary wage wages budget""".split()  # noqa: SIM905
)
#: money words only as a name's head: "order_total" is money, but "Total Goals" is a total
#: *of goals* (a count of events added up), whatever kind of thing the words after it name
HEAD_ONLY = frozenset({"total"})
#: currency units written in names ("spend_usd", "Revenue (cents)")
CURRENCY_WORDS = frozenset(
    "usd eur gbp jpy cny rmb hkd cad aud chf inr dollar dollars cent cents euro euros yuan".split()  # noqa: SIM905
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", text or "").lower())


def says_money(text: str) -> bool:
    """Whether name ``text`` is of money: a currency word in it, or a money word as its head
    (its last word, a currency after it aside).

    Why the head: "paid_orders", "refund_count", "orders_with_discount" count orders or
    refunds; only "spend_usd", "order_total", "Net Revenue" are amounts of money.

    >>> says_money("seed_spend_usd"), says_money("Total Goals"), says_money("paid_orders")
    (True, False, False)
    """
    words = _words(text)
    if set(words) & CURRENCY_WORDS:
        return True
    return bool(words) and words[-1] in MONEY_WORDS


def is_money_named(model: SemanticModel, name: str) -> bool:
    """Whether simple metric ``name`` aggregates money: its name, label or column says so."""
    m = model.metrics.get(name)
    if m is None or m.simple is None:
        return False
    return any(says_money(t) for t in (m.name, m.label or "", m.simple.expr or ""))


#: heads of a name that count things ("order_count", "num_guests" aside, whose head is plural)
COUNT_HEADS = frozenset({"count", "counts", "number", "num", "qty", "quantity", "headcount"})


def says_count(text: str) -> bool:
    """Whether name ``text`` is a number of things: a counting head or a plural noun head that
    is no money word ("new_memberships", "Total Loans", "order_count"; not "weekly_quota").

    >>> says_count("club_new_memberships"), says_count("order_count")
    (True, True)
    >>> says_count("total_weekly_quota"), says_count("net_sales"), says_count("status")
    (False, False, False)
    """
    words = _words(text)
    if not words or words[-1] in MONEY_WORDS or words[-1] in CURRENCY_WORDS:
        return False
    head = words[-1]
    return head in COUNT_HEADS or (
        len(head) > 3 and head.endswith("s") and not head.endswith(("ss", "us", "is"))
    )


def is_count_named(model: SemanticModel, name: str) -> bool:
    """Whether simple metric ``name`` sums a number of things: its name, label or column says
    so, and none of them says money."""
    m = model.metrics.get(name)
    if m is None or m.simple is None or is_money_named(model, name):
        return False
    return any(says_count(t) for t in (m.name, m.label or "", m.simple.expr or ""))
