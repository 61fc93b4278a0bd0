"""Signs and percentages said in words: "negative GDP growth", 负增长, "below zero", "10 percent".

Each was refused as an unknown word ('negative', 'zero', 'percent') while "GDP growth is
negative", "below 0" and "10%" were answered: the sign before the noun is the same comparison
with zero (``normalize.sign_words``), "zero" after a comparison is 0 and "N percent" is N%
(``numbers.normalize_numerals``).
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
metrics:
  - {name: gdp_growth, label: GDP Growth Rate (%), type: simple,
     type_params: {measure: gdp_growth_rate}}
"""

DATA = """
CREATE TABLE annual (summary_key INTEGER, reference_year INTEGER, region VARCHAR,
    gdp_yoy_growth_pct DOUBLE);
INSERT INTO annual VALUES (1, 2023, 'North', 4.0), (2, 2023, 'South', -1.0),
    (3, 2023, 'East', 12.5), (4, 2023, 'West', -0.5);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("sign_before_noun", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    ("question", "regions"),
    [
        ("regions with negative GDP growth", ["South", "West"]),
        ("regions with positive GDP growth", ["East", "North"]),
        ("GDP负增长的地区", ["South", "West"]),
        ("GDP正增长的地区", ["East", "North"]),
        ("regions with GDP growth below zero", ["South", "West"]),
        ("regions with GDP growth above 10 percent", ["East"]),
    ],
)
def test_sign_and_percent_words_compare(shop, question, regions) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert sorted(a.df.iloc[:, 0].tolist()) == regions
