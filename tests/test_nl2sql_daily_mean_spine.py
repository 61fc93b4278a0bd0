"""A mean over periods ("average daily revenue", "日均理赔数") and days without rows.

The decision (MetricFlow's): without a time spine a day with no rows has no row in the result,
so the mean is over the days with data, and the interpretation says so. A metric the model
joins to its time spine with a fill value (``join_to_timespine: true``, ``fill_nulls_with: 0``)
has a row for every day of the range, so the mean counts every day — and the interpretation
said "over days with data" beside a value that counted all 31 (25 vs 1.61). Two domains: a
café's revenue, an insurer's claim count.
"""

from __future__ import annotations

import pytest

from nl2sql.derived import fills_empty_periods
from tests.semantic_helpers import answer_rows
from tests.test_nl2sql_named_periods import CAFE, CAFE_DATA, CLAIMS, CLAIMS_DATA, TODAY

FILLED = "{fill_nulls_with: 0, join_to_timespine: true"
CAFE_FILLED = CAFE.replace(
    "    type_params: {measure: revenue}\n",
    f"    type_params: {FILLED.replace('{', '{measure: revenue, ')}}}\n",
    1,
)
CLAIMS_FILLED = CLAIMS.replace(
    "    type_params: {measure: claim_count}\n",
    f"    type_params: {FILLED.replace('{', '{measure: claim_count, ')}}}\n",
    1,
)


@pytest.fixture(scope="module")
def shops(yaml_shop):
    return {
        "cafe": yaml_shop("mean_cafe", CAFE, CAFE_DATA, TODAY),
        "cafe_filled": yaml_shop("mean_cafe_filled", CAFE_FILLED, CAFE_DATA, TODAY),
        "claims": yaml_shop("mean_claims", CLAIMS, CLAIMS_DATA, TODAY),
        "claims_filled": yaml_shop("mean_claims_filled", CLAIMS_FILLED, CLAIMS_DATA, TODAY),
    }


@pytest.mark.parametrize(
    ("shop", "question", "value", "says"),
    [
        ("cafe", "average daily revenue in March 2025", 25.0, "over days with data"),
        ("cafe_filled", "average daily revenue in March 2025", 50 / 31, "every day of the range"),
        ("cafe_filled", "2025年3月日均收入", 50 / 31, "无数据的日按模型填充值计入"),
        ("claims", "2025年1月日均理赔数", 1.0, "只计有数据的日"),
        ("claims_filled", "2025年1月日均理赔数", 3 / 31, "无数据的日按模型填充值计入"),
        ("claims_filled", "average daily claims in January 2025", 3 / 31, "fills days"),
    ],
)
def test_the_mean_and_what_it_says(shops, shop, question, value, says) -> None:
    a = shops[shop].ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == [(pytest.approx(value),)]
    assert says in a.interpretation, a.interpretation


def test_fills_needs_a_fill_value_and_the_spine() -> None:
    assert not fills_empty_periods(None, ["revenue"])
    assert not fills_empty_periods(object(), [])
