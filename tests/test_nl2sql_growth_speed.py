"""Fastest / 最快 said of a growth ranks the largest growth first (``passes.growth_speed``).

"GDP增长最快的国家" was answered with the country of the *lowest* GDP growth: 最快 is a "bottom"
word, as the fastest delivery takes the least time. Of a growth rate it means the largest
one. A duration keeps the general reading.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: annual
    model: ref('annual')
    defaults: {agg_time_dimension: fiscal_year}
    entities:
      - {name: summary, type: primary, expr: summary_key}
    dimensions:
      - name: fiscal_year
        type: time
        type_params: {time_granularity: year}
        expr: make_date(reference_year, 1, 1)
      - {name: region, type: categorical}
    measures:
      - {name: gdp_growth_rate, agg: average, expr: gdp_yoy_growth_pct}
      - {name: delivery_days, agg: average, expr: days_to_deliver}
metrics:
  - {name: gdp_growth, label: GDP Growth Rate (%), type: simple,
     type_params: {measure: gdp_growth_rate}}
  - {name: average_delivery_days, label: Average Delivery Days, type: simple,
     type_params: {measure: delivery_days}}
"""

DATA = """
CREATE TABLE annual (summary_key INTEGER, reference_year INTEGER, region VARCHAR,
    gdp_yoy_growth_pct DOUBLE, days_to_deliver DOUBLE);
INSERT INTO annual VALUES (1, 2023, 'North', 4.0, 9.0), (2, 2023, 'South', -1.0, 2.0),
    (3, 2023, 'East', 1.5, 5.0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("growth_speed", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    ("question", "region"),
    [
        ("GDP增长最快的地区", "North"),
        ("GDP增长最慢的地区", "South"),
        ("which region had the fastest GDP growth", "North"),
        ("region with the fastest average delivery days", "South"),  # a duration: least first
    ],
)
def test_speed_of_a_growth_ranks_by_size(shop, question, region) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.df.iloc[:, 0].tolist() == [region]
