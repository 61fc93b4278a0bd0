""" "after <period>" starts when the period ends; "FY2002" is a fiscal year (session 8 hunt).

"sales after November 2002" was read as "since November 2002" and counted November itself —
a wrong answer under the question's words; "since" and "from" still include the period. And
"FY2002" was read as the calendar year 2002 on a model that declares no fiscal calendar (a
fiscal year often starts in another month), while "fiscal year 2002" / "2002财年" are refused:
"FY" is refused the same way.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tiny_models import SALES_BY_DAY as SHOP

SHOP_DATA = """
create table sales (sale_id int, sold_on date, amount double);
insert into sales values (1, '2002-10-15', 1), (2, '2002-11-15', 10), (3, '2002-12-15', 100);
"""

HOSPITAL = """
semantic_models:
  - name: admissions
    model: ref('admissions')
    defaults: {agg_time_dimension: admitted_on}
    entities:
      - {name: admission, type: primary, expr: admission_id}
    dimensions:
      - {name: admitted_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: admission_count, agg: count, expr: admission_id}
metrics:
  - {name: admissions, label: Admissions, type: simple,
     type_params: {measure: admission_count}}
"""
HOSPITAL_DATA = """
create table admissions (admission_id int, admitted_on date);
insert into admissions values (1, '2024-05-20'), (2, '2024-06-10'), (3, '2024-07-01'),
  (4, '2024-08-09');
"""


@pytest.mark.parametrize(
    ("model", "data", "today", "question", "value"),
    [
        (SHOP, SHOP_DATA, dt.date(2002, 12, 31), "sales after November 2002", 100.0),
        (SHOP, SHOP_DATA, dt.date(2002, 12, 31), "sales since November 2002", 110.0),
        (HOSPITAL, HOSPITAL_DATA, dt.date(2024, 12, 31), "admissions after June", 2),
        (HOSPITAL, HOSPITAL_DATA, dt.date(2024, 12, 31), "admissions from June", 3),
    ],
)
def test_after_a_period_starts_at_its_end(
    yaml_shop, model: str, data: str, today: dt.date, question: str, value: float
) -> None:
    shop = yaml_shop("after_period", model, data, today)
    a = shop.ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == pytest.approx(value)


@pytest.mark.parametrize(
    ("model", "data", "today", "question"),
    [
        (SHOP, SHOP_DATA, dt.date(2002, 12, 31), "sales in FY2002"),
        (HOSPITAL, HOSPITAL_DATA, dt.date(2024, 12, 31), "admissions in FY 2024"),
    ],
)
def test_a_fiscal_year_without_a_fiscal_calendar_is_refused(
    yaml_shop, model: str, data: str, today: dt.date, question: str
) -> None:
    shop = yaml_shop("fiscal_year", model, data, today)
    a = shop.ask(question)
    assert a.refused, a.interpretation
