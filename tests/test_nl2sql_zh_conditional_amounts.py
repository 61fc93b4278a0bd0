""" "(被)退款的订单金额": an amount after a verb clause and 的 is the model's conditional sum of
that amount (``passes.metric_phrases.conditional_part``), on an invented web shop.

The verb names a metric that sums the order amount over the rows a condition picks (Refunds =
``CASE WHEN status = 'refunded' THEN amount ELSE 0 END``); with 的 before the amount's own
metric, the phrase is that conditional sum — the amount of the refunded orders — not two
metrics, and the question was refused as "two metrics written as one phrase". A sum of another
column, or the two written with no 的, are left as they were.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog
from semantic_layer.catalog import CatalogDimension as D
from semantic_layer.catalog import CatalogMetric as M

TODAY = dt.date(2025, 6, 30)
pytestmark = pytest.mark.usefixtures("own_cache")

_DIMS = ("metric_time", "order__order_date", "order__store")


def _sum(name: str, label: str, expr: str) -> M:
    return M(
        name,
        label,
        dimensions=_DIMS,
        agg="sum",
        measure_expr=expr,
        agg_time_dimension="order__order_date",
        value_format="currency",
    )


SHOP = Catalog(
    metrics=(
        _sum("order_amount", "Order Amount", "amount"),
        _sum("refunds", "Refunds", "CASE WHEN status = 'refunded' THEN amount ELSE 0 END"),
        _sum("shipping_fees", "Shipping Fees", "shipping_fee"),
        _sum("discounts", "Discounts", "CASE WHEN status = 'refunded' THEN discount ELSE 0 END"),
    ),
    dimensions=(
        D("order__order_date", "order date", dim_type="time"),
        D("order__store", "store", values=("Northgate", "Riverside")),
    ),
)


@pytest.mark.parametrize(
    ("question", "grouped"),
    [
        ("被退款的订单金额", []),
        ("各门店被退款的订单金额", ["order__store"]),
        ("退款的订单金额", []),
    ],
)
def test_the_verb_clause_names_the_conditional_sum(question: str, grouped: list[str]) -> None:
    u = understand(question, SHOP, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert (u.query.metrics, u.query.group_by) == (["refunds"], grouped)


def test_written_together_without_de_stays_refused() -> None:
    assert understand("退款订单金额", SHOP, TODAY).refused
