"""Chinese "the periods that meet a condition": 收入超过2000的月份, 退货率低于5%的季度有哪些.

Why: the grains pass read a grain word right after a number as that number's unit (超过2天,
a quantity of time), so in "…低于50%的月份" the 月份 was dropped and the question's one total
was compared with the number: an empty answer (or one total row) to "which months" — a wrong
answer. A 的 between the number and the grain word makes the grain what is listed; a quantity
of time written onto its number (近30天) stays a range, not a breakdown.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")

DAY = "sale__sale_date"
SHOP = Catalog(
    metrics=(
        CatalogMetric("revenue", "Revenue", agg="sum", agg_time_dimension=DAY),
        CatalogMetric("returns", "Returns", agg="count", agg_time_dimension=DAY),
        CatalogMetric("sales", "Sales", agg="count", agg_time_dimension=DAY),
        CatalogMetric(
            "return_rate",
            "Return Rate",
            metric_type="ratio",
            value_format="percent",
            ratio_of=("returns", "sales"),
        ),
    ),
    dimensions=(CatalogDimension(DAY, "Sale Date", dim_type="time"),),
)


@pytest.mark.parametrize(
    ("question", "metric", "grain", "op", "value"),
    [
        ("Revenue超过2000的月份", "revenue", "month", ">", 2000),
        ("Revenue超过2000的月份有哪些", "revenue", "month", ">", 2000),
        ("Return Rate低于5%的季度有哪些", "return_rate", "quarter", "<", 0.05),
        ("Return Rate高于5%的月份", "return_rate", "month", ">", 0.05),
    ],
)
def test_periods_meeting_a_condition_are_listed(question, metric, grain, op, value) -> None:
    u = understand(question, SHOP, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert u.query.metrics == [metric]
    assert u.query.group_by == [f"metric_time__{grain}"]
    [cond] = u.query.having
    assert (cond.metric, cond.op) == (metric, op)
    assert cond.value == pytest.approx(value)


def test_a_quantity_of_time_on_its_number_is_no_breakdown() -> None:
    u = understand("近30天的Revenue", SHOP, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None and u.query.group_by == []
    assert u.query.time_range is not None and u.query.time_range.start == dt.date(2025, 6, 1)
