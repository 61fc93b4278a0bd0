"""Over the years: "over the years" groups by year, as "year by year" does; it is not the comparison "over".

"GDP per capita in Poland over the years" was refused with "'over' needs a number to compare
with": "over" was read as "more than". A plural period after "over the" (years, quarters,
months, weeks) asks for one row per period; "over the year 2023" is left alone.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: monthly
    model: ref('monthly')
    defaults: {agg_time_dimension: metric_month}
    entities:
      - {name: indicator, type: primary, expr: indicator_key}
    dimensions:
      - {name: metric_month, type: time, type_params: {time_granularity: month}, expr: reference_date}
      - {name: country_code, type: categorical}
    measures:
      - {name: unemployment_rate, agg: average, expr: unemployment_rate_pct}
metrics:
  - {name: unemployment_rate, label: Unemployment Rate (%), type: simple,
     type_params: {measure: unemployment_rate}}
"""

DATA = """
CREATE TABLE monthly (indicator_key INTEGER, reference_date DATE, country_code VARCHAR,
    unemployment_rate_pct DOUBLE);
INSERT INTO monthly VALUES (1, DATE '2023-01-01', 'PL', 3.0), (2, DATE '2023-02-01', 'PL', 4.0),
    (3, DATE '2023-04-01', 'PL', 5.0), (4, DATE '2024-01-01', 'PL', 2.0),
    (5, DATE '2024-01-01', 'DE', 9.0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("over_the_periods", MODEL, DATA, dt.date(2025, 2, 10))


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("unemployment rate for PL over the years", [("2023-01-01", 4.0), ("2024-01-01", 2.0)]),
        (
            "unemployment rate for PL over the quarters",
            [("2023-01-01", 3.5), ("2023-04-01", 5.0), ("2024-01-01", 2.0)],
        ),
    ],
)
def test_over_the_plural_period_groups_by_it(shop, question, rows) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    got = sorted((str(d)[:10], float(v)) for d, v in a.df.iloc[:, :2].values.tolist())
    assert got == rows
