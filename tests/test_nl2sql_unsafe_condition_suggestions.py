"""A condition an entity with no rows meets ("customers with fewer than 2 orders") is refused
offering the counted metric on its own, never a rewrite that keeps the comparison.

Before: the refusal offered the question with the counted noun dropped, so
"订单少于2个的客户数" suggested "少于2个的客户数的Customers", which the engine answered by
comparing each customer's own count of customers with 2 (every customer listed): a suggestion
answering another question. Two domains: a shop (customers, orders) and rentals (listings,
bookings).
"""

from __future__ import annotations

import pytest

from tests.test_nl2sql_entity_conditions import RENTALS, RENTALS_DATA, SHOP, SHOP_DATA, TODAY


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("entity_cond_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def rentals(yaml_shop):
    return yaml_shop("entity_cond_rentals", RENTALS, RENTALS_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        ("how many customers placed fewer than 2 orders", "Orders"),
        ("订单少于2个的客户数", "Orders是多少"),
    ],
)
def test_the_shop_offers_the_orders_count(shop, question, offered) -> None:
    a = shop.ask(question)
    assert a.refused, a.interpretation
    assert a.suggestions == [offered], a.suggestions
    b = shop.ask(offered)
    assert b.ok, b.error
    assert b.query.metrics == ["orders"] and b.query.where == [], b.query


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        ("number of listings with fewer than 2 bookings", "Bookings"),
        ("bookings少于2个的listings数", "Bookings是多少"),
    ],
)
def test_rentals_offer_the_bookings_count(rentals, question, offered) -> None:
    a = rentals.ask(question)
    assert a.refused, a.interpretation
    assert a.suggestions == [offered], a.suggestions
    b = rentals.ask(offered)
    assert b.ok, b.error
    assert b.query.metrics == ["bookings"] and b.query.where == [], b.query
