"""A model's own period changes and the word that names the whole model (session 30, fresh30).

Found on a public telecom project (tests/eval/external/telecom_roaming) and tested here on a
ferry operator's model of the same shape, so no word of that set is needed:

* "crossing revenue": "crossing" is the core of "Total Crossing Events", but the revenue
  metric's description says "ferry crossing revenue"; read as two metrics, the events led the
  answer (a wrong answer). It qualifies the revenue (``rules.description_qualifiers``).
* the model publishes "Revenue MoM Change" / "Revenue YoY Change", each also in percent, in
  dbt's new derived spec (``expr`` and ``input_metrics`` on the metric, ``offset_window``):
  "同比增长率" was answered as the engine's own fraction (the owner reports percent points);
  "YoY" in a label was split into "yo" + "y" and never matched; "in percent" was unknown;
  "环比变化百分比" read as two comparisons; "MoM change (%) for November" was refused for want
  of a grain (``rules.model_comparisons``, ``rules.change_words``, ``passes.offset_period``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 12, 7)
FERRY = """
semantic_models:
  - name: crossings
    description: "One row per ferry crossing."
    model: ref('fct_crossings')
    defaults: {agg_time_dimension: sailed_on}
    entities:
      - {name: crossing_event, type: primary, expr: crossing_id}
    dimensions:
      - {name: sailed_on, type: time, type_params: {time_granularity: day}}
      - {name: route, type: categorical}
    measures:
      - {name: fares, agg: sum, expr: fare, description: "Total ferry crossing revenue."}
      - {name: crossings_n, agg: count_distinct, expr: crossing_id}
      - {name: minutes, agg: sum, expr: minutes}
      - {name: avg_fare, agg: average, expr: fare}
      - {name: fuel, agg: sum, expr: fuel_l}
      - {name: avg_fuel, agg: average, expr: fuel_l}
      - {name: avg_minutes, agg: average, expr: minutes}
metrics:
  - name: total_revenue
    label: Total Revenue
    description: "Total ferry crossing revenue, in EUR."
    type: simple
    type_params: {measure: {name: fares}}
  - name: total_crossing_events
    label: Total Crossing Events
    description: "Count of ferry crossings."
    type: simple
    type_params: {measure: {name: crossings_n}}
  - name: total_duration
    label: Total Duration
    description: "Total crossing/sailing duration, in minutes."
    type: simple
    type_params: {measure: {name: minutes}}
  - name: average_duration
    label: Average Duration per Event
    description: "Average crossing/sailing duration per event, in minutes."
    type: simple
    type_params: {measure: {name: avg_minutes}}
  - name: average_revenue
    label: Average Revenue per Event
    description: "Average ferry crossing revenue per event, in EUR."
    type: simple
    type_params: {measure: {name: avg_fare}}
  - name: total_fuel
    label: Total Fuel Used
    description: "Fuel burnt, in litres."
    type: simple
    type_params: {measure: {name: fuel}}
  - name: average_fuel
    label: Average Fuel Used per Event
    description: "Fuel burnt per crossing, in litres."
    type: simple
    type_params: {measure: {name: avg_fuel}}
  - name: revenue_mom_pct
    type: derived
    label: "Revenue MoM Change (%)"
    description: "Percentage change in revenue compared with the previous month."
    expr: (cur - prev) / prev * 100
    input_metrics:
      - {name: total_revenue, alias: cur}
      - {name: total_revenue, alias: prev, offset_window: 1 month}
  - name: revenue_mom_change
    type: derived
    label: "Revenue MoM Change"
    description: "Absolute change in revenue compared with the previous month."
    expr: cur - prev
    input_metrics:
      - {name: total_revenue, alias: cur}
      - {name: total_revenue, alias: prev, offset_window: 1 month}
  - name: revenue_yoy_pct
    type: derived
    label: "Revenue YoY Change (%)"
    description: "Percentage change in revenue compared with the same period last year."
    expr: (cur - prev) / prev * 100
    input_metrics:
      - {name: total_revenue, alias: cur}
      - {name: total_revenue, alias: prev, offset_window: 1 year}
  - name: revenue_yoy_change
    type: derived
    label: "Revenue YoY Change"
    description: "Absolute change in revenue compared with the same period last year."
    expr: cur - prev
    input_metrics:
      - {name: total_revenue, alias: cur}
      - {name: total_revenue, alias: prev, offset_window: 1 year}
"""
FERRY_DATA = """
create table fct_crossings (crossing_id int, sailed_on date, route varchar, fare double,
  minutes double, fuel_l double);
insert into fct_crossings values
  (1, '2025-11-03', 'north', 100.0, 40, 300), (2, '2025-11-20', 'south', 60.0, 90, 700),
  (3, '2026-10-02', 'north', 150.0, 40, 320), (4, '2026-10-15', 'south', 50.0, 90, 650),
  (5, '2026-11-04', 'north', 120.0, 50, 310), (6, '2026-11-18', 'north', 30.0, 30, 290),
  (7, '2026-11-25', 'south', 30.0, 100, 720);
create table metricflow_time_spine as
  select cast(d as date) as date_day
  from generate_series(date '2025-01-01', date '2027-12-31', interval 1 day) t(d);
"""
NOV, OCT, NOV25 = 180.0, 200.0, 160.0


@pytest.fixture(scope="module")
def ferry(yaml_shop):
    return yaml_shop("ferry_changes", FERRY, FERRY_DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["crossing revenue last month", "total crossing revenue last month"]
)
def test_word_the_description_puts_before_the_metric_qualifies_it(ferry, question) -> None:
    answer = ferry.ask(question)
    assert answer.query.metrics == ["total_revenue"]
    assert answered_rows(answer) == [(NOV,)]


def test_word_the_description_puts_before_a_labels_words_qualifies_it(ferry) -> None:
    """The word "sailing" stands before "duration per event" in the average's description and before
    "duration" in the total's: said there, it restates the metric (was unknown, refused)."""
    rows = answered_rows(ferry.ask("average sailing duration per event by route"))
    assert sorted(rows) == [("north", 40.0), ("south", pytest.approx(280 / 3))]


def test_crossings_alone_are_still_the_events(ferry) -> None:
    assert answered_rows(ferry.ask("crossing events last month")) == [(3,)]


@pytest.mark.parametrize(
    "question",
    [
        "2026年11月收入同比增长率",
        "year-over-year revenue change in percent for November 2026",
        "Revenue YoY change (%) for November 2026",
    ],
)
def test_yoy_in_percent_is_the_models_own_metric(ferry, question) -> None:
    answer = ferry.ask(question)
    assert answer.query.metrics == ["revenue_yoy_pct"]
    rows = answered_rows(answer)
    assert [r[-1] for r in rows] == [pytest.approx((NOV - NOV25) / NOV25 * 100)]


@pytest.mark.parametrize(
    "question",
    ["Revenue MoM change in percent for November 2026", "上个月收入环比变化百分比"],
)
def test_mom_change_asked_in_percent(ferry, question) -> None:
    answer = ferry.ask(question)
    assert answer.query.metrics == ["revenue_mom_pct"]
    assert [r[-1] for r in answered_rows(answer)] == [pytest.approx((NOV - OCT) / OCT * 100)]


def test_change_asked_as_an_amount_is_the_absolute_one(ferry) -> None:
    answer = ferry.ask("how much did revenue change year over year in November 2026")
    assert answer.query.metrics == ["revenue_yoy_change"]
    assert [r[-1] for r in answered_rows(answer)] == [pytest.approx(NOV - NOV25)]


def test_change_in_no_unit_asks_back_between_the_two(ferry) -> None:
    answer = ferry.ask("What was the year-over-year revenue change for November 2026?")
    assert answer.refused
    assert "Revenue YoY Change (%)" in answer.error and "Revenue YoY Change" in answer.error


def test_offset_metric_for_one_month_is_read_by_that_month(ferry) -> None:
    rows = answered_rows(ferry.ask("revenue MoM change last month"))
    assert [r[-1] for r in rows] == [pytest.approx(NOV - OCT)]


def test_offset_metric_over_a_year_of_months_is_still_refused(ferry) -> None:
    assert ferry.ask("revenue MoM change (%) in 2026").refused


def test_bare_amount_that_adds_up_is_its_total(ferry) -> None:
    """Litres add up like money: "fuel used by route" is the total (was asked back between the
    total and the average per crossing); a duration may mean either, so it is still asked."""
    rows = answered_rows(ferry.ask("fuel used by route"))
    assert sorted(rows) == [("north", 1220.0), ("south", 2070.0)]
    assert ferry.ask("duration by route").refused


def test_the_most_revenue_ranks_the_totals(ferry) -> None:
    """The most revenue is the greatest amount, a ranking of totals; "highest revenue" may
    ask for one statistic and is still asked back."""
    answer = ferry.ask("which route brought in the most revenue")
    assert answer.query.metrics == ["total_revenue"]
    assert answered_rows(answer)[0][0] == "north"
    assert ferry.ask("highest revenue").refused
