"""A country named as it is stored in one table filters another table by its ISO code.

"unemployment rate in Greece" on a model whose annual table stores ``country_name`` and whose
monthly table (the unemployment rate's) has only ``country_code`` was refused ("cannot be
filtered by country name"): "Greece" was the stored name, and the CLDR bridge to GR is never
added over a model's own term. The code is now the word's second reading
(``lexicon_values.country_code_twin``), kept when the question's metric reaches only it; where
both are reached the stored name stays.
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
      - {name: country_code, type: categorical}
      - {name: country_name, type: categorical}
    measures:
      - {name: gdp_million_eur, agg: sum}
  - name: monthly
    model: ref('monthly')
    defaults: {agg_time_dimension: metric_month}
    entities:
      - {name: indicator, type: primary, expr: indicator_key}
    dimensions:
      - {name: metric_month, type: time, type_params: {time_granularity: month}, expr: reference_date}
      - {name: country_code, type: categorical}
    measures:
      - {name: jobless, agg: average, expr: unemployment_rate_pct}
metrics:
  - {name: total_gdp, label: Total GDP (M EUR), type: simple, type_params: {measure: gdp_million_eur}}
  - {name: unemployment_rate, label: Unemployment Rate (%), type: simple,
     type_params: {measure: jobless}}
"""

DATA = """
CREATE TABLE annual (summary_key INTEGER, reference_year INTEGER, country_code VARCHAR,
    country_name VARCHAR, gdp_million_eur DOUBLE);
INSERT INTO annual VALUES (1, 2023, 'GR', 'Greece', 200.0), (2, 2023, 'DE', 'Germany', 4000.0),
    (3, 2023, 'ES', 'Spain', 1400.0);
CREATE TABLE monthly (indicator_key INTEGER, reference_date DATE, country_code VARCHAR,
    unemployment_rate_pct DOUBLE);
INSERT INTO monthly VALUES (1, DATE '2023-01-01', 'GR', 11.0), (2, DATE '2023-02-01', 'GR', 12.0),
    (3, DATE '2023-01-01', 'DE', 3.0), (4, DATE '2023-01-01', 'ES', 12.5);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("country_code_twin", MODEL, DATA, dt.date(2024, 6, 1))


def test_a_stored_name_filters_the_other_table_by_code(shop) -> None:
    a = shop.ask("unemployment rate in Greece")
    assert a.ok, a.error
    assert [(f.dimension.split("__")[-1], f.values) for f in a.query.filters] == [
        ("country_code", ["GR"])
    ]
    assert a.df.iloc[0, -1] == pytest.approx(11.5)


def test_where_the_metric_reaches_the_name_the_name_stays(shop) -> None:
    a = shop.ask("total GDP of Greece")
    assert a.ok, a.error
    assert [(f.dimension.split("__")[-1], f.values) for f in a.query.filters] == [
        ("country_name", ["Greece"])
    ]
    assert a.df.iloc[0, -1] == pytest.approx(200.0)
