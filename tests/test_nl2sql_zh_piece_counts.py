"""Pieces counted after a verb (``nl2sql.rules.piece_counts``), on an invented plant nursery.

"今年卖出了多少件植物" asks for the units sold, as "how many units were sold this year" does: 件
counts pieces of goods. The question was refused — the noun after the counter (植物, the
model's plant entity) was taken for the thing counted, and no metric counts plants. The verb
names the quantity among the model's quantities (sold / returned); when two quantities both
have that event, the plain one ("Units Sold", not "Units Sold and Later Returned") is meant.
Probes: no verb, a count of the plants themselves, a verb naming no quantity — still refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog
from semantic_layer.catalog import CatalogDimension as D
from semantic_layer.catalog import CatalogEntity as E
from semantic_layer.catalog import CatalogMetric as M

TODAY = dt.date(2025, 6, 30)
pytestmark = pytest.mark.usefixtures("own_cache")

_DIMS = ("metric_time", "sale__sale_date", "sale__store", "plant__plant_type")


def _sum(name: str, label: str, expr: str) -> M:
    return M(
        name,
        label,
        dimensions=_DIMS,
        agg="sum",
        measure_expr=expr,
        agg_time_dimension="sale__sale_date",
    )


NURSERY = Catalog(
    metrics=(
        _sum("units_sold", "Units Sold", "qty"),
        _sum("units_returned", "Units Returned", "returned_qty"),
        _sum("units_sold_later_returned", "Units Sold and Later Returned", "late_returned_qty"),
        _sum("revenue", "Revenue", "amount"),
        M(
            "sales",
            "Sales",
            dimensions=_DIMS,
            agg="count",
            counts="sale",
            agg_time_dimension="sale__sale_date",
        ),
    ),
    dimensions=(
        D("sale__sale_date", "sale date", dim_type="time"),
        D("sale__store", "store", values=("Northgate", "Riverside")),
        D("plant__plant_type", "plant type", values=("Fern", "Cactus")),
    ),
    entities=(
        E("sale", "sale", key_expr="sale_id", models=("fct_sales",)),
        E("plant", "plant", key_expr="plant_id", models=("dim_plants",)),
    ),
)


@pytest.mark.parametrize(
    ("question", "metric", "grouped"),
    [
        ("今年卖出了多少件植物", "units_sold", []),
        ("今年卖了多少件", "units_sold", []),
        ("今年卖掉了多少件植物", "units_sold", []),  # 卖掉 "to sell off": otherwise unknown
        ("今年被退回了多少件植物", "units_returned", []),
        ("各门店卖出的件数", "units_sold", ["sale__store"]),
    ],
)
def test_pieces_after_a_verb_are_its_quantity(
    question: str, metric: str, grouped: list[str]
) -> None:
    u = understand(question, NURSERY, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert (u.query.metrics, u.query.group_by) == ([metric], grouped)


def test_a_value_after_the_counter_stays_a_condition() -> None:
    """多少件蕨类: the pieces are of the Fern type, a filter kept beside the quantity."""
    u = understand("今年卖出了多少件Fern", NURSERY, TODAY)
    assert u.query is not None, u.reason_en
    assert u.query.metrics == ["units_sold"]
    assert [(f.dimension, list(f.values)) for f in u.query.filters] == [
        ("plant__plant_type", ["Fern"])
    ]


@pytest.mark.parametrize(
    "question",
    [
        "今年多少件植物",  # no verb: which quantity is not said
        "今年有多少植物",  # the plants themselves, which no metric counts
        "今年卖掉的销售数",  # no piece count: 卖掉 stays an unknown word
    ],
)
def test_probes_stay_refused(question: str) -> None:
    assert understand(question, NURSERY, TODAY).refused, question


#: the nursery with a count of return rows beside the units returned
RETURNS = Catalog(
    metrics=(
        *NURSERY.metrics,
        M(
            "returns",
            "Returns",
            dimensions=_DIMS,
            agg="count",
            counts="return",
            agg_time_dimension="sale__sale_date",
        ),
    ),
    dimensions=NURSERY.dimensions,
    entities=(
        *NURSERY.entities,
        E("return", "return", key_expr="return_id", models=("fct_returns",)),
    ),
)


def test_a_count_verb_before_a_quantity_word_is_asked_back() -> None:
    """退回的数量: the returns counted, or the units returned? Both readings are offered (as for
    the noun form 退货数量), never the count alone."""
    u = understand("今年退回的数量", RETURNS, TODAY)
    assert u.refused, u.query
    assert "Units Returned" in u.reason_en and "Returns" in u.reason_en
    assert "今年退回多少件" not in u.suggestions  # readings, not a rewrite of the count word
