"""A number after a noun whose metric adds up per-row counts is that count, never an amount.

"2021年人口超过5000万的国家" on an annual table of countries (``SUM(population_count)`` beside
a GDP in money) was refused as "a count, or 人口 each worth over 50,000,000?": the
count-or-amount rule (``rules.count_or_amount``) treated the population as a count of the
table's rows, whose rows keep an amount (GDP). A person counted inside a row has no amount
of its own, so the only reading is the population itself over the number.
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
      - {name: gdp_million_eur, agg: sum, description: GDP in million EUR}
      - {name: population, agg: sum, expr: population_count}
metrics:
  - {name: total_gdp, label: Total GDP (M EUR), type: simple, type_params: {measure: gdp_million_eur}}
  - {name: population, label: Population, type: simple, type_params: {measure: population}}
"""

DATA = """
CREATE TABLE annual (summary_key INTEGER, reference_year INTEGER, country_name VARCHAR,
    gdp_million_eur DOUBLE, population_count BIGINT);
INSERT INTO annual VALUES (1, 2021, 'Germany', 3600000, 83000000),
    (2, 2021, 'Spain', 1200000, 47000000), (3, 2021, 'Italy', 1800000, 59000000),
    (4, 2022, 'Spain', 1300000, 51000000);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("summed_counts", MODEL, DATA, dt.date(2025, 2, 10))


@pytest.mark.parametrize(
    "question",
    ["2021年人口超过5000万的国家", "countries with population over 50000000 in 2021"],
)
def test_a_summed_count_over_a_number_is_the_count(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert sorted(a.df.iloc[:, 0].tolist()) == ["Germany", "Italy"]  # Spain: 47M in 2021


def test_a_row_count_beside_money_still_offers_both_readings(yaml_shop) -> None:
    # the rule itself stays: rows counted, and those rows keep an amount (GDP)
    counted = MODEL.replace(
        "{name: population, agg: sum, expr: population_count}",
        "{name: population, agg: count, expr: summary_key}",
    )
    shop = yaml_shop("summed_counts_rows", counted, DATA, dt.date(2025, 2, 10))
    a = shop.ask("2021年人口超过2的国家")
    assert a.refused
    assert a.suggestions[0] == "2021年人口超过2个的国家"
