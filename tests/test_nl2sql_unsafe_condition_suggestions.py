"""A condition an entity with no rows meets ("customers with fewer than 2 orders") is refused
offering the questions that make it up — the complement ("at least 2 orders", answered) and
the things with none ("customers with no orders") — then the counted metric on its own, never
a rewrite that moves the comparison onto another metric. The reason says how they add up; it
used to say "ask for Orders by customer", which a model counting customers as a metric refuses.

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
    ("question", "offered", "values"),
    [
        (
            "how many customers placed fewer than 2 orders",
            ["how many customers placed at least 2 orders", "Orders"],
            [2, 6],
        ),
        (
            "订单少于2个的客户数",
            ["订单不少于2个的客户数", "没有订单的customer有多少", "Orders是多少"],
            [2, 1, 6],
        ),
    ],
)
def test_the_shop_offers_the_complement_and_the_things_with_none(shop, question, offered, values):
    """Customers 7 (2 orders), 8 (1), 9 (3), 10 (none): fewer than 2 = 4 - 2 (at least 2),
    customer 10 among them (no orders); the orders count last."""
    a = shop.ask(question)
    assert a.refused, a.interpretation
    assert a.suggestions == offered, a.suggestions
    assert "minus those with at least 2" in a.error
    for q, value in zip(offered, values, strict=True):
        b = shop.ask(q)
        assert b.ok, (q, b.error)
        assert float(b.df.iloc[0, -1]) == value, q


@pytest.mark.parametrize(
    ("question", "offered", "values"),
    [
        (
            "number of listings with fewer than 2 bookings",
            [
                "number of listings with at least 2 bookings",
                "number of listings with no bookings",
                "Bookings",
            ],
            [2, 1, 8],
        ),
        (
            "bookings少于2个的listings数",
            ["bookings不少于2个的listings数", "没有bookings的listing有多少", "Bookings是多少"],
            [2, 1, 8],
        ),
        (  # at most 1 = every listing minus those with more than 1
            "number of listings with at most 1 bookings",
            [
                "number of listings with more than 1 bookings",
                "number of listings with no bookings",
                "Bookings",
            ],
            [2, 1, 8],
        ),
    ],
)
def test_rentals_offer_the_complement_and_the_listings_with_none(
    rentals, question, offered, values
):
    """Listings 1 (3 bookings), 2 (1), 3 (2), 4 (none)."""
    a = rentals.ask(question)
    assert a.refused, a.interpretation
    assert a.suggestions == offered, a.suggestions
    for q, value in zip(offered, values, strict=True):
        b = rentals.ask(q)
        assert b.ok, (q, b.error)
        assert float(b.df.iloc[0, -1]) == value, q
