"""An average word no rule applied is refused, never dropped (issue 12: wrong answers).

"average yearly sales" / "平均年销售额" over a metric that sums: the grain word between the
average and the metric kept the average check from seeing the pair, and the answer was the
yearly totals — a different number from the one asked for. An average word beside a metric
that is an average itself stays part of that metric's name.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 12, 31)
MODEL = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_at}
    entities:
      - {name: sale, type: primary, expr: sale_id}
    dimensions:
      - {name: sold_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: amount, agg: sum}
      - {name: basket_size, agg: average, expr: items}
metrics:
  - {name: sales, label: Sales, type: simple, type_params: {measure: amount}}
  - {name: average_basket_size, label: Average Basket Size, type: simple,
     type_params: {measure: basket_size}}
"""
DATA = """
create table sales (sale_id int, sold_at date, amount int, items int);
insert into sales values (1, '2024-03-01', 10, 2), (2, '2024-07-02', 20, 4),
  (3, '2025-03-03', 5, 1), (4, '2025-05-03', 7, 3);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("averages", MODEL, DATA, TODAY)


@pytest.mark.parametrize("question", ["平均年销售额"])
def test_an_average_of_a_total_per_period_is_refused(shop, question: str) -> None:
    a = shop.ask(question)
    assert a.refused, a.interpretation
    assert "averages here" in a.error or "要对什么求平均" in a.error


@pytest.mark.parametrize(
    ("question", "mean"), [("average yearly sales", 21), ("average monthly sales", 10.5)]
)
def test_an_average_right_before_a_period_is_the_mean_of_its_totals(shop, question, mean) -> None:
    """Session 9 (rules/passes/period_mean): the mean over the periods with sales of each
    period's total (2024: 30, 2025: 12; months 10, 20, 5, 7)."""
    a = shop.ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[:, -1].tolist() == [mean]


def test_the_totals_per_year_are_still_answered(shop) -> None:
    a = shop.ask("yearly sales")
    assert not a.refused, a.error
    assert sorted(a.df.iloc[:, -1].tolist()) == [12, 30]


def test_an_average_metric_keeps_its_average_word(shop) -> None:
    a = shop.ask("average basket size by year")
    assert not a.refused, a.error
    assert a.query.metrics == ["average_basket_size"]
    assert sorted(a.df.iloc[:, -1].tolist()) == [2.0, 3.0]
