"""A ratio metric whose input is time-offset: "revenue over the month before".

dbt lets a ratio's numerator or denominator carry ``offset_window`` (as a derived metric's
inputs do): a restaurant chain's "same-store sales growth" divided this period's sales by the
same sales 365 days earlier. The compiler read ratio inputs unshifted, so every period was
divided by itself and the answer was 1.0 whatever the data — a wrong number. Now a ratio input
is shifted exactly as a derived input is (``semantic_layer.metric_tree``), and without a time
grain the query asks for one, as MetricFlow does for any offset.

The fixture is tests/fixtures/semantic/dbt_shop (orders on Jan 5: 100, Jan 20: 50, Feb 1: 30,
Feb 10: 20) with the metric added to a copy.
"""

from __future__ import annotations

import pytest

from semantic_layer import SemanticQuery, query
from semantic_layer.errors import PeriodsNeededError
from tests.semantic_helpers import df_rows
from tests.test_semantic_dbt import shop_copy

ADDED = """
  - name: revenue_over_month_before
    type: ratio
    label: Revenue over the month before
    type_params:
      numerator: revenue
      denominator: {name: revenue, offset_window: 1 month}
"""


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    model, con = shop_copy(tmp_path_factory, "ratio_offset", ADDED)
    yield model, con
    con.close()


def test_each_month_is_divided_by_the_month_before(shop):
    model, con = shop
    q = SemanticQuery(metrics=["revenue_over_month_before"], group_by=["metric_time__month"])
    got = {str(r[0])[:7]: r[1] for r in df_rows(query(q, model, con=con).df)}
    assert got["2026-02"] == pytest.approx(50 / 150)  # Feb 50 over Jan 150, never 1.0


def test_without_a_time_grain_the_periods_are_asked_for(shop):
    model, con = shop
    with pytest.raises(PeriodsNeededError):
        query(SemanticQuery(metrics=["revenue_over_month_before"]), model, con=con)
