"""A label closing with a bare unit sign ("Gross Margin %") is also asked without it.

"gross margin by brand category" was refused ('gross', 'margin' unknown) on a model whose
metric is labelled "Gross Margin %": the sign is part of the label as written, never of the
question (``vocabulary.label_cores.label_forms``). Two domains: a care group's margin and a
hotel's occupancy; where another metric already is "Gross Margin" (an amount) the words keep
naming it.
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
      agg_time_dimension: metric_day
    entities:
      - {name: row, type: primary, expr: row_id}
    dimensions:
      - {name: metric_day, type: time, type_params: {time_granularity: day}}
      - {name: brand_category, type: categorical}
    measures:
      - {name: revenue_sum, agg: sum, expr: revenue}
      - {name: profit_sum, agg: sum, expr: profit}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue_sum}}
  - {name: gross_profit, label: Gross Profit, type: simple, type_params: {measure: profit_sum}}
  - name: gross_margin_pct
    label: "Gross Margin %"
    type: derived
    type_params:
      expr: gross_profit * 100.0 / revenue
      metrics: [gross_profit, revenue]
"""
CARE_WITH_AMOUNT = (
    CARE
    + """
  - {name: gross_margin, label: Gross Margin, type: simple, type_params: {measure: profit_sum}}
"""
)
CARE_DATA = """
create table fct_daily as select * from (values
  (1, date '2025-05-02', 'dental', 100.0, 60.0), (2, date '2025-05-03', 'dental', 100.0, 40.0),
  (3, date '2025-05-04', 'vet', 50.0, 10.0)
) t(row_id, metric_day, brand_category, revenue, profit);
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
  - name: occupancy_pct
    label: "Occupancy %"
    type: ratio
    type_params: {numerator: rooms_sold, denominator: rooms_available}
"""
HOTEL_DATA = """
create table fct_nights as select * from (values
  (1, date '2025-05-02', 'Harbour', 8, 10), (2, date '2025-05-02', 'Mill', 1, 4)
) t(id, night, hotel, sold, available);
"""


@pytest.fixture(scope="module")
def care(yaml_shop):
    return yaml_shop("label_signs_care", CARE, CARE_DATA, TODAY)


def test_gross_margin_without_its_sign(care) -> None:
    a = care.ask("gross margin by brand category")
    assert a.ok, a.error
    assert a.query.metrics == ["gross_margin_pct"]
    assert answer_rows(a) == [("dental", 50.0), ("vet", 20.0)]


def test_occupancy_without_its_sign(yaml_shop) -> None:
    hotel = yaml_shop("label_signs_hotel", HOTEL, HOTEL_DATA, TODAY)
    a = hotel.ask("occupancy by hotel")
    assert a.ok, a.error
    assert answer_rows(a) == [("Harbour", 0.8), ("Mill", 0.25)]


def test_the_words_keep_naming_an_amount_of_that_name(yaml_shop) -> None:
    care = yaml_shop("label_signs_amount", CARE_WITH_AMOUNT, CARE_DATA, TODAY)
    a = care.ask("gross margin by brand category")
    assert a.ok, a.error
    assert a.query.metrics == ["gross_margin"]
    assert answer_rows(a) == [("dental", 100.0), ("vet", 10.0)]
