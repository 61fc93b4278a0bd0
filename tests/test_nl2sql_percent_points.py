"""A percentage in points ("x / y * 100", "Gross Margin %") compares with the number typed.

"毛利率低于60%的品牌" and "no show rate above 12% by brand" were refused ("is not a percentage,
so '60%' does not apply") on a care group whose rates are derived as ``... * 100``: the metric
is a percentage, in points, not a fraction (``CatalogMetric.percent_points``,
``passes.thresholds.in_percent_points``). Two domains: a care group (a derived no-show rate and
a margin labelled "%") and a hotel (occupancy ``sold / available * 100``). A plain amount stays
refused with a percent.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2025, 6, 15)

CARE = """
semantic_models:
  - name: daily
    model: ref('fct_daily')
    defaults:
      agg_time_dimension: metric_date
    entities:
      - {name: row, type: primary, expr: row_id}
    dimensions:
      - {name: metric_date, type: time, type_params: {time_granularity: day}}
      - {name: brand, type: categorical}
    measures:
      - {name: appts, agg: sum, expr: appointments}
      - {name: misses, agg: sum, expr: no_shows}
      - {name: revenue_sum, agg: sum, expr: revenue}
      - {name: profit_sum, agg: sum, expr: profit}
metrics:
  - {name: appointments, label: Appointments, type: simple, type_params: {measure: appts}}
  - {name: no_shows, label: No-Shows, type: simple, type_params: {measure: misses}}
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue_sum}}
  - {name: gross_profit, label: Gross Profit, type: simple, type_params: {measure: profit_sum}}
  - name: no_show_rate
    label: No-Show Rate
    type: derived
    type_params:
      expr: (no_shows * 1.0 / nullif(appointments, 0)) * 100
      metrics: [no_shows, appointments]
  - name: margin
    label: "Margin %"
    type: derived
    type_params:
      expr: gross_profit * 100.0 / revenue
      metrics: [gross_profit, revenue]
"""
CARE_DATA = """
create table fct_daily as select * from (values
  (1, date '2025-05-02', 'Aspen', 10, 2, 100.0, 70.0),
  (2, date '2025-05-03', 'Lovet', 10, 1, 100.0, 50.0)
) t(row_id, metric_date, brand, appointments, no_shows, revenue, profit);
"""

HOTEL = """
semantic_models:
  - name: nights
    model: ref('fct_nights')
    defaults:
      agg_time_dimension: night
    entities:
      - {name: room_night, type: primary, expr: id}
    dimensions:
      - {name: night, type: time, type_params: {time_granularity: day}}
      - {name: hotel, type: categorical}
    measures:
      - {name: sold_sum, agg: sum, expr: sold}
      - {name: available_sum, agg: sum, expr: available}
metrics:
  - {name: rooms_sold, label: Rooms Sold, type: simple, type_params: {measure: sold_sum}}
  - {name: rooms_available, label: Rooms Available, type: simple,
     type_params: {measure: available_sum}}
  - name: occupancy
    label: Occupancy
    type: derived
    type_params:
      expr: rooms_sold / rooms_available * 100
      metrics: [rooms_sold, rooms_available]
"""
HOTEL_DATA = """
create table fct_nights as select * from (values
  (1, date '2025-05-02', 'Harbour', 8, 10), (2, date '2025-05-02', 'Mill', 1, 4)
) t(id, night, hotel, sold, available);
"""


@pytest.fixture(scope="module")
def care(yaml_shop):
    return yaml_shop("percent_points_care", CARE, CARE_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("no show rate above 15% by brand", [("Aspen", 20.0)]),
        ("各brand的no show rate低于15%", [("Lovet", 10.0)]),
        ("margin above 60% by brand", [("Aspen", 70.0)]),
    ],
)
def test_care_rates_in_points(care, question, rows) -> None:
    a = care.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == rows


def test_an_amount_stays_refused_with_a_percent(care) -> None:
    a = care.ask("revenue above 50% by brand")
    assert a.refused, a.interpretation


def test_hotel_occupancy_in_points(yaml_shop) -> None:
    hotel = yaml_shop("percent_points_hotel", HOTEL, HOTEL_DATA, TODAY)
    a = hotel.ask("hotels with occupancy above 50%")
    assert a.ok, a.error
    assert answer_rows(a) == [("Harbour", 80.0)]
