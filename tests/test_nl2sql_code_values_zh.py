"""A value written in capitals is a code, never a plural English noun in Chinese
(``vocabulary/chinese_anchors.py``).

The Chinese of a value comes from CC-CEDICT glosses of its words, tried also with an "s" for
glosses written in the plural ("pageviews"). A code in capitals is no noun: "BOS" + "s" is
"boss", so 老板 / 上司 ("boss") filtered a ballpark model on the Boston team, and "NEW" + "s"
is "news", so 新闻 filtered orders on the status NEW — wrong answers to questions about
neither. Catalogs from two domains (a ballpark log, a shop), written like dbt projects by
others.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 10, 15)


pytestmark = pytest.mark.usefixtures("own_cache")


BALLPARK = Catalog(
    metrics=(
        CatalogMetric(
            "team_wins",
            "Team Wins",
            agg="sum",
            agg_time_dimension="team_game__game_date",
            dimensions=("team_game__team",),
        ),
    ),
    dimensions=(
        CatalogDimension("team_game__game_date", "Game Date", dim_type="time", entity="team_game"),
        CatalogDimension(
            "team_game__team", "Team", entity="team_game", values=("BOS", "NYA", "PHI")
        ),
    ),
    entities=(CatalogEntity("team_game", "team game"),),
)

SHOP = Catalog(
    metrics=(
        CatalogMetric(
            "order_count",
            "Orders",
            agg="count",
            counts="order",
            agg_time_dimension="order__ordered_at",
            dimensions=("order__status",),
        ),
    ),
    dimensions=(
        CatalogDimension("order__ordered_at", "Ordered At", dim_type="time", entity="order"),
        CatalogDimension("order__status", "Status", entity="order", values=("NEW", "SHIPPED")),
    ),
    entities=(CatalogEntity("order", "order"),),
)


@pytest.mark.parametrize(
    ("catalog", "question"),
    [(BALLPARK, "老板的Team Wins"), (BALLPARK, "上司赢了多少场"), (SHOP, "新闻的订单数")],
)
def test_a_capitalised_code_is_not_a_plural_noun(catalog, question) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused or not u.query.filters, u.query.filters


@pytest.mark.parametrize(
    ("catalog", "question", "dimension", "value"),
    [
        (BALLPARK, "BOS的Team Wins", "team_game__team", "BOS"),
        (SHOP, "NEW订单数", "order__status", "NEW"),
    ],
)
def test_the_code_itself_still_filters(catalog, question, dimension, value) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert [(f.dimension, f.values) for f in u.query.filters] == [(dimension, [value])]
