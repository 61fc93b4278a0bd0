"""Three readings a fresh dbt project (a restaurant chain's daily sales) was refused on.

1. An implied metric named "total_<thing>" is asked by the thing: "ticket income" is the
   measure ``total_ticket_income`` that no metric publishes (``nl2sql.published``); only the
   leading total words may be dropped ("income" alone drops a qualifier and stays unread).
2. Both sides of one yes/no dimension compared ("weekend vs weekday", 周末和工作日对比) are
   that dimension side by side (``nl2sql.rules.passes.values``), not a refusal.
3. Not read: a bare year after a data value ("in Dover 2025") stays refused — a value is any
   data (a customer's last name "Christmas"), so reading the year there answered wrong.

An original ferry fixture: crossings from two ports, on weekdays and weekends, in two years.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 7, 2)
FERRY = """
semantic_models:
  - name: crossings
    model: ref('crossings')
    defaults: {agg_time_dimension: crossed_on}
    entities:
      - {name: crossing, type: primary, expr: crossing_id}
    dimensions:
      - {name: crossed_on, type: time, type_params: {time_granularity: day}}
      - {name: port, type: categorical}
      - {name: is_weekend, type: categorical}
    measures:
      - {name: passengers, agg: sum, expr: passengers}
      - {name: total_ticket_income, agg: sum, expr: ticket_income}
      - {name: total_fuel_cost, agg: sum, expr: fuel_cost}
metrics:
  - {name: passengers, label: Passengers, type: simple, type_params: {measure: passengers}}
"""
FERRY_DATA = """
create table crossings (crossing_id int, crossed_on date, port varchar, is_weekend boolean,
  passengers int, ticket_income decimal(10, 2), fuel_cost decimal(10, 2));
insert into crossings values
 (1, '2025-03-08', 'Dover', true, 100, 1000, 300),
 (2, '2025-03-10', 'Dover', false, 40, 400, 280),
 (3, '2025-03-11', 'Calais', false, 60, 600, 290),
 (4, '2026-06-06', 'Dover', true, 90, 950, 310),
 (5, '2026-06-09', 'Calais', false, 30, 310, 305),
 (6, '2026-06-10', 'Dover', false, 20, 200, 300);
"""


def _rows(a) -> list[tuple]:
    return [tuple(r) for r in a.df.itertuples(index=False)]


@pytest.fixture(scope="module")
def ferry(yaml_shop):
    return yaml_shop("total_measures_flag_sides", FERRY, FERRY_DATA, TODAY)


@pytest.mark.parametrize("question", ["ticket income last month", "fuel cost last month"])
def test_a_total_measure_is_asked_by_its_thing(ferry, question) -> None:
    a = ferry.ask(question)
    assert a.ok, a.error
    want = {"ticket": ("total_ticket_income", 1460), "fuel": ("total_fuel_cost", 915)}
    metric, value = want[question.split()[0]]
    assert a.query.metrics == [metric]
    assert _rows(a) == [(value,)]


def test_a_total_measure_in_chinese(ferry) -> None:
    a = ferry.ask("上个月的燃料成本")
    assert a.ok, a.error
    assert a.query.metrics == ["total_fuel_cost"] and _rows(a) == [(915,)]


@pytest.mark.parametrize("question", ["income last month", "cost last month"])
def test_dropping_a_qualifier_is_not_the_measure(ferry, question) -> None:
    """ "income" drops "ticket" as well as "total": a different thing, left unread."""
    a = ferry.ask(question)
    assert not a.ok


@pytest.mark.parametrize(
    "question",
    [
        "passengers weekend vs weekday in 2025",
        "passengers on weekends vs weekdays in 2025",
        "2025年周末和工作日的乘客数对比",
    ],
)
def test_both_sides_of_a_flag_compared_are_side_by_side(ferry, question) -> None:
    a = ferry.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == ["passengers"]
    assert sorted(_rows(a)) == [(False, 100), (True, 100)]
    assert not a.query.filters


def test_one_side_of_a_flag_is_still_a_filter(ferry) -> None:
    a = ferry.ask("passengers on weekends in 2025")
    assert a.ok, a.error
    assert _rows(a) == [(100,)]
    a = ferry.ask("passengers on weekdays in 2025")
    assert a.ok, a.error
    assert _rows(a) == [(100,)]


def test_a_flag_compared_with_nothing_is_refused(ferry) -> None:
    a = ferry.ask("passengers on weekends vs")
    assert not a.ok


@pytest.mark.parametrize("question", ["passengers in Dover 2025", "passengers in Dover 1850"])
def test_a_bare_number_after_a_value_stays_unread(ferry, question) -> None:
    """A year after a data value is not read as a date: a value is any data ("sales on
    Christmas 2002" where Christmas is a customer's last name filtered that customer, a wrong
    answer a probe found), so the number stays left over and the question is refused."""
    a = ferry.ask(question)
    assert not a.ok
