"""A metric labelled "<event> value" is asked for as its amount, its money or its 金额.

The catalogs are small models of our own (a café's orders, an insurer's claims): no
evaluation set's words. Each row says what one question must give: the metric, or a refusal
where "amount" could mean two metrics or a model's own "amount" exists.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.money_anchors import money_phrases
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 20)


def _model(thing: str, metrics: tuple[CatalogMetric, ...]) -> Catalog:
    dims = (f"{thing}__{thing}_date", f"{thing}__region")
    return Catalog(
        metrics=tuple(
            CatalogMetric(
                m.name,
                m.label,
                agg=m.agg,
                measure_expr=m.measure_expr,
                metric_type=m.metric_type,
                agg_time_dimension=dims[0],
                dimensions=dims,
            )
            for m in metrics
        ),
        dimensions=(
            CatalogDimension(dims[0], f"{thing.title()} Date", "time", entity=thing),
            CatalogDimension(dims[1], "Region", values=("North", "South"), entity=thing),
        ),
        entities=(CatalogEntity(thing, thing),),
    )


def _sum(name: str, label: str, agg: str = "sum") -> CatalogMetric:
    return CatalogMetric(name, label, agg=agg, measure_expr=name)


#: a café: its orders' value (a sum) and their average
CAFE = _model(
    "order",
    (
        _sum("order_value", "Order Value"),
        _sum("avg_order_value", "Average Order Value", "average"),
        CatalogMetric("orders", "Orders", agg="count", measure_expr="1"),
    ),
)
#: an insurer: the claims' value, and a ratio that ends in "value" (no amount)
CLAIMS = _model(
    "claim",
    (
        _sum("claim_value", "Claim Value"),
        CatalogMetric("claims", "Claims", agg="count", measure_expr="1"),
        CatalogMetric("paid_value_ratio", "Paid Value", metric_type="ratio"),
    ),
)
#: two values of one event: "order amount" alone could be either
TWO_VALUES = _model(
    "order",
    (_sum("gross_order_value", "Gross Order Value"), _sum("net_order_value", "Net Order Value")),
)
#: a model with its own amount: "order amount" is that one, never the value
OWN_AMOUNT = _model(
    "order",
    (_sum("order_value", "Order Value"), _sum("order_amount", "Order Amount")),
)


def _metrics(catalog: Catalog, question: str) -> list[str] | str:
    u = understand(question, catalog, TODAY)
    return "refused" if u.refused else list(u.query.metrics)


@pytest.mark.parametrize(
    ("catalog", "question", "expected"),
    [
        (CAFE, "order amount by region", ["order_value"]),
        (CAFE, "total order money in March", ["order_value"]),
        (CAFE, "average order amount", ["avg_order_value"]),
        (CAFE, "每个地区的订单金额", ["order_value"]),
        (CLAIMS, "claim amount by region", ["claim_value"]),
        (CLAIMS, "how much claim money in March", ["claim_value"]),
        (TWO_VALUES, "gross order amount", ["gross_order_value"]),
        (TWO_VALUES, "order amount by region", "refused"),
        (OWN_AMOUNT, "order amount by region", ["order_amount"]),
        # a basket is an order in retail: "basket value" is the order value
        (CAFE, "average basket value by region", ["avg_order_value"]),
        (TWO_VALUES, "net basket value in March", ["net_order_value"]),
    ],
)
def test_a_value_is_asked_for_as_its_amount(catalog, question, expected) -> None:
    assert _metrics(catalog, question) == expected


def test_a_ratio_or_a_count_is_no_amount() -> None:
    assert money_phrases(CatalogMetric("paid_value_ratio", "Paid Value", metric_type="ratio")) == []
    assert money_phrases(CatalogMetric("orders", "Orders", agg="count", measure_expr="1")) == []
