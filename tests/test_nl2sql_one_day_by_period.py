"""A breakdown by week, month, quarter or year over one day is refused (session 8 hunt).

"sales in the week of December 9" read "week" as the breakdown and "December 9" as the range:
the answer was the one day's sales in a row labelled with the week — a wrong answer under the
week's name. A day is part of one period only; the question must name the period's dates or
ask for the day. A day by day ("daily sales on December 9") and a period over its own range
("sales by week in December") answer as before.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tiny_models import SALES_BY_DAY as SHOP

TODAY = dt.date(2025, 3, 31)

SHOP_DATA = """
create table sales (sale_id int, sold_on date, amount double);
insert into sales values (1, '2025-03-10', 5), (2, '2025-03-12', 7), (3, '2025-03-20', 11);
"""

CLINIC = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
"""
CLINIC_DATA = """
create table visits (visit_id int, visited_on date);
insert into visits values (1, '2025-03-10'), (2, '2025-03-12'), (3, '2025-03-12');
"""


@pytest.mark.parametrize(
    ("model", "data", "question"),
    [
        (SHOP, SHOP_DATA, "sales in the week of March 10"),
        (SHOP, SHOP_DATA, "按周统计3月10日的sales"),
        (CLINIC, CLINIC_DATA, "visits in the month of March 12"),
        (CLINIC, CLINIC_DATA, "visits by week on March 12"),
    ],
)
def test_one_day_by_a_coarser_period_is_refused(
    yaml_shop, model: str, data: str, question: str
) -> None:
    shop = yaml_shop("one_day_period", model, data, TODAY)
    a = shop.ask(question)
    assert a.refused, a.interpretation
    assert "one day" in a.error
    assert a.suggestions


@pytest.mark.parametrize(
    ("model", "data", "question", "values"),
    [
        (SHOP, SHOP_DATA, "sales on March 10", [5.0]),
        (SHOP, SHOP_DATA, "sales by week in March", [12.0, 11.0]),
        (CLINIC, CLINIC_DATA, "daily visits on March 12", [2]),
    ],
)
def test_a_day_or_a_period_over_its_range_still_answers(
    yaml_shop, model: str, data: str, question: str, values: list[float]
) -> None:
    shop = yaml_shop("one_day_ok", model, data, TODAY)
    a = shop.ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[:, -1].tolist() == values
