"""A trend of a metric recorded by year is drawn year by year (``passes.trend``).

"波兰的人口变化" on an annual population (``time_granularity: year``) grouped by month, which the
compiler refuses as finer than the time dimension: a trend with no grain now takes the grain
the metric is recorded in when that is coarser than the default (day / month). A monthly
metric keeps months.
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
      - {name: country_name, type: categorical}
    measures:
      - {name: population, agg: sum, expr: population_count}
  - name: monthly
    model: ref('monthly')
    defaults: {agg_time_dimension: metric_month}
    entities:
      - {name: indicator, type: primary, expr: indicator_key}
    dimensions:
      - {name: metric_month, type: time, type_params: {time_granularity: month}, expr: reference_date}
    measures:
      - {name: jobless, agg: average, expr: unemployment_rate_pct}
metrics:
  - {name: population, label: Population, type: simple, type_params: {measure: population}}
  - {name: unemployment_rate, label: Unemployment Rate (%), type: simple,
     type_params: {measure: jobless}}
"""

DATA = """
CREATE TABLE annual (summary_key INTEGER, reference_year INTEGER, country_name VARCHAR,
    population_count BIGINT);
INSERT INTO annual VALUES (1, 2022, 'Poland', 38000000), (2, 2023, 'Poland', 37900000),
    (3, 2023, 'Spain', 48000000);
CREATE TABLE monthly (indicator_key INTEGER, reference_date DATE, unemployment_rate_pct DOUBLE);
INSERT INTO monthly VALUES (1, DATE '2023-01-01', 3.0), (2, DATE '2023-02-01', 4.0),
    (3, DATE '2024-01-01', 5.0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("trend_recorded_grain", MODEL, DATA, dt.date(2025, 2, 10))


@pytest.mark.parametrize("question", ["波兰的人口变化", "population trend for Poland"])
def test_a_yearly_metric_trends_by_year(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert "metric_time__year" in a.query.group_by
    assert sorted(a.df.iloc[:, -1].tolist()) == [37900000, 38000000]


def test_a_monthly_metric_still_trends_by_month(shop) -> None:
    a = shop.ask("unemployment rate trend")
    assert a.ok, a.error
    assert "metric_time__month" in a.query.group_by
    assert len(a.df) == 3
