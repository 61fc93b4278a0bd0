"""Things with none of another noun: "how many customers with no orders", "never placed an
order", "without orders", "没有订单的客户有多少", "how many listings were never booked".

"no" / "never" / 没有 were unknown words (refused). The condition is MetricFlow's metric filter
``{{ Metric('orders', group_by=['customer']) }} is null`` — no row of the counted metric for the
thing — counted by the model's own metric counting the things. Refused: a listing of them (not
computed), things no metric counts, an amount ("no revenue" may be a zero sum). Two domains: a
shop (customer 10 has no order) and a rental market (listing 4 has no booking).
"""

from __future__ import annotations

import pytest

from tests.semantic_helpers import answer_rows
from tests.test_nl2sql_entity_conditions import (
    RENTALS,
    RENTALS_DATA,
    SHOP,
    SHOP_DATA,
    TODAY,
)


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("absence_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def rentals(yaml_shop):
    return yaml_shop("absence_rentals", RENTALS, RENTALS_DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "how many customers with no orders",
        "how many customers never placed an order",
        "how many customers never ordered",
        "number of customers without orders",
        "没有订单的客户有多少",
    ],
)
def test_customers_without_orders(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["customers"]
    assert a.query.where == ["{{ Metric('orders', group_by=['customer']) }} is null"]
    assert answer_rows(a) == [(1,)]  # customer 10


@pytest.mark.parametrize(
    "question",
    [
        "how many listings with no bookings",
        "how many listings were never booked",
        "没有预订的listing有多少",
    ],
)
def test_listings_never_booked(rentals, question) -> None:
    a = rentals.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == [(1,)]  # listing 4
    assert "with no Bookings" in a.interpretation or "没有Bookings" in a.interpretation


@pytest.mark.parametrize(
    "question",
    [
        "customers with no orders",  # a list of them: not computed
        "how many customers with no revenue",  # an amount: zero or no rows?
        "revenue with no orders",
        "how many orders never",
    ],
)
def test_refused(shop, question) -> None:
    a = shop.ask(question)
    assert a.refused, (question, a.interpretation)


def test_no_fewer_than_stays_a_comparison(shop) -> None:
    """ "with no fewer than 2 orders" is ">= 2", never "with no" + "fewer than"."""
    a = shop.ask("how many customers with no fewer than 2 orders")
    assert a.ok, a.error
    assert a.query.where == ["{{ Metric('orders', group_by=['customer']) }} >= 2"]
    assert answer_rows(a) == [(2,)]
