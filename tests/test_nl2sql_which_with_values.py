"""Which things, with a value before the noun: list them, never count them (``passes.which``).

"有哪些非欧元区国家", "东欧国家有哪些", "which eurozone countries are there" were answered with
the number of countries ("country count = 3"): a value (or 非) between "which" and the noun
left the "which" open, no group was made, and the entity's count answered. The noun is now
found past the values (and a postposed 有哪些 takes the noun before it), so the rows are
listed; nothing is counted where the question lists.
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
      - {name: country, type: foreign, expr: country_code}
    dimensions:
      - name: fiscal_year
        type: time
        type_params: {time_granularity: year}
        expr: make_date(reference_year, 1, 1)
      - {name: country_name, type: categorical}
      - {name: region, type: categorical}
    measures:
      - {name: gdp_million_eur, agg: sum}
      - {name: country_count, agg: count_distinct, expr: country_code}
metrics:
  - {name: total_gdp, label: Total GDP (M EUR), type: simple, type_params: {measure: gdp_million_eur}}
"""

DATA = """
CREATE TABLE annual (summary_key INTEGER, reference_year INTEGER, country_code VARCHAR,
    country_name VARCHAR, region VARCHAR, gdp_million_eur DOUBLE);
INSERT INTO annual VALUES (1, 2023, 'PL', 'Poland', 'Eastern Europe', 800.0),
    (2, 2023, 'CZ', 'Czech Republic', 'Eastern Europe', 300.0),
    (3, 2023, 'DE', 'Germany', 'Western Europe', 4000.0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("which_with_values", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize("question", ["东欧国家有哪些", "有哪些东欧国家", "哪些东欧国家"])
def test_which_with_a_value_lists_the_things(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert sorted(a.df.iloc[:, 0].tolist()) == ["CZ", "PL"]


def test_never_the_count_in_english(shop) -> None:
    a = shop.ask("which Eastern Europe countries are there")
    assert not (a.ok and a.df.shape == (1, 1))  # listed or refused, not "2"


@pytest.mark.parametrize("question", ["list the countries in Eastern Europe", "列出东欧的国家"])
def test_a_list_verb_lists_the_counted_noun(shop, question) -> None:
    # "list …" answered "country count = 2": the entity's count took the noun (passes.metrics)
    a = shop.ask(question)
    assert a.ok, a.error
    assert sorted(a.df.iloc[:, 0].tolist()) == ["CZ", "PL"]
