"""A money amount's bare noun is its sum, not its average: 收入 = the income sum.

"2023年7月的收入" on a public scooter project (``revenue_sum`` = SUM(price_rub), "Average
revenue" = AVG(price_rub)) was refused as ambiguous (zhsense15 held-back set). A bare money noun
asks for the total; a statistic word (平均, median, 最高 before the noun) still picks or
clarifies — after it, 最高 ranks groups by the total ("收入最高的城市"), and a
per-unit amount (a price: a typical price is as likely as a total) stays ambiguous.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
FERRY = """
semantic_models:
  - name: sailings
    model: ref('sailings')
    defaults: {agg_time_dimension: sailed_on}
    entities:
      - {name: sailing, type: primary, expr: sailing_id}
    dimensions:
      - {name: sailed_on, type: time, type_params: {time_granularity: day}}
      - {name: city, type: categorical}
    measures:
      - {name: income_sum, agg: sum, expr: income, create_metric: true}
      - {name: income_avg, agg: average, expr: income}
      - {name: price_sum, agg: sum, expr: ticket_price, create_metric: true}
      - {name: price_avg, agg: average, expr: ticket_price}
metrics:
  - {name: income_avg, label: Average income, type: simple, type_params: {measure: income_avg}}
  - {name: price_avg, label: Average price, type: simple, type_params: {measure: price_avg}}
"""
FERRY_DATA = """
create table sailings (sailing_id int, sailed_on date, city varchar, income double,
  ticket_price double);
insert into sailings values (1, '2026-03-01', 'North', 100, 10), (2, '2026-04-01', 'North', 300, 20),
  (3, '2026-04-02', 'South', 200, 30);
"""


@pytest.fixture(scope="module")
def ferry(yaml_shop):
    return yaml_shop("ferry", FERRY, FERRY_DATA, TODAY)


@pytest.mark.parametrize("question", ["收入", "income", "总收入"])
def test_bare_money_noun_is_the_sum(ferry, question) -> None:
    assert answered_rows(ferry.ask(question)) == [(600.0,)]


@pytest.mark.parametrize("question", ["2026年4月的收入", "income in April 2026"])
def test_bare_money_noun_with_a_period(ferry, question) -> None:
    assert answered_rows(ferry.ask(question)) == [(500.0,)]


def test_superlative_after_the_noun_ranks_by_the_sum(ferry) -> None:
    assert answered_rows(ferry.ask("收入最高的城市")) == [("North", 400.0)]


def test_average_word_still_picks_the_average(ferry) -> None:
    assert answered_rows(ferry.ask("平均收入")) == [(200.0,)]


@pytest.mark.parametrize("question", ["最高收入", "价格", "price"])
def test_statistic_word_or_per_unit_amount_stays_ambiguous(ferry, question) -> None:
    assert ferry.ask(question).refused
