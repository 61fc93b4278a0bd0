"""A period phrase the metric's description states names it (``rules.described_periods``).

"month-over-month inflation for ES by month in 2022" was asked back between Annual and Monthly
Inflation (%), though Monthly Inflation is described as "Average month-over-month inflation
rate"; "year-over-year GDP growth" answered the change of the growth rate. Invented model: a
bakery's price index — a monthly and an annual price change (only the monthly one described
"month-over-month"), and sales. "month-over-month price change" is the monthly metric, with a
restating "rate" after it absorbed; "month over month sales" is still sales' change from the
month before.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

MODEL = """
semantic_models:
  - name: price_index
    model: ref('price_index')
    defaults: {agg_time_dimension: month_start}
    entities:
      - {name: price_row, type: primary, expr: row_id}
    dimensions:
      - name: month_start
        type: time
        type_params: {time_granularity: month}
      - {name: shop, type: categorical}
    measures:
      - {name: mom_change, agg: average}
      - {name: annual_change, agg: average}
      - {name: sales, agg: sum}
metrics:
  - name: monthly_price_change
    label: Monthly Price Change (%)
    description: Average month-over-month price change of the basket.
    type: simple
    type_params: {measure: mom_change}
  - name: annual_price_change
    label: Annual Price Change (%)
    description: Average price change over twelve months.
    type: simple
    type_params: {measure: annual_change}
  - name: sales
    label: Sales
    type: simple
    type_params: {measure: sales}
"""

DATA = """
CREATE TABLE price_index (row_id INTEGER, month_start DATE, shop VARCHAR, mom_change DOUBLE,
    annual_change DOUBLE, sales DOUBLE);
INSERT INTO price_index VALUES (1, DATE '2024-01-01', 'Mill', 0.5, 3.0, 100.0),
    (2, DATE '2024-02-01', 'Mill', 1.5, 4.0, 150.0), (3, DATE '2024-02-01', 'Quay', 9.0, 9.0, 10.0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("described_periods", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    "question",
    ["month-over-month price change for Mill", "month over month price change rate for Mill"],
)
def test_the_described_period_names_the_metric(shop, question: str) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == ["monthly_price_change"]
    assert answer_rows(a) == [(1.0,)]


def test_a_period_no_description_states_is_still_a_change(shop) -> None:
    a = shop.ask("month over month sales for Mill in 2024")
    assert a.ok, a.error
    assert a.query.metrics == ["sales"]
    assert a.derived is not None
