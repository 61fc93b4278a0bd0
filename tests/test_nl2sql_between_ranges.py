"""A metric between two numbers is the metric at least the first and at most the second.

"facilities with total revenue between 50000 and 90000" and "… a no-show rate between 5 and
10%" were refused ("I don't know what the number '50000' refers to"): "between" was a grammar
word read for dates only. ``passes.between`` reads "<metric> between X and Y" (and 在X到Y之间,
介于X和Y之间) as two conditions; years stay a time range. Invented model: hotel nights by city.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: stays
    model: ref('stays')
    defaults: {agg_time_dimension: stayed_on}
    entities:
      - {name: stay, type: primary, expr: stay_id}
    dimensions:
      - name: stayed_on
        type: time
        type_params: {time_granularity: day}
      - {name: city, type: categorical}
    measures:
      - {name: room_revenue, agg: sum}
      - {name: stay_count, agg: count, expr: stay_id}
      - {name: cancelled_count, agg: sum}
metrics:
  - {name: room_revenue, label: Room Revenue, type: simple, type_params: {measure: room_revenue}}
  - {name: stays, label: Stays, type: simple, type_params: {measure: stay_count}}
  - {name: cancelled, label: Cancelled Stays, type: simple, type_params: {measure: cancelled_count}}
  - name: cancel_rate
    label: Cancellation Rate
    type: ratio
    type_params: {numerator: cancelled, denominator: stays}
"""

DATA = """
CREATE TABLE stays (stay_id INTEGER, stayed_on DATE, city VARCHAR, room_revenue DOUBLE,
    cancelled_count INTEGER);
INSERT INTO stays VALUES
    (1, DATE '2024-01-02', 'Oslo', 100, 0), (2, DATE '2024-01-03', 'Oslo', 150, 1),
    (3, DATE '2024-01-04', 'Bergen', 40, 0), (4, DATE '2024-01-05', 'Bergen', 30, 0),
    (5, DATE '2024-01-06', 'Bergen', 20, 0), (6, DATE '2024-01-07', 'Bergen', 10, 0),
    (7, DATE '2024-01-08', 'Bergen', 10, 1), (8, DATE '2024-01-09', 'Molde', 500, 1);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("between_ranges", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    "question",
    ["cities with room revenue between 100 and 300", "房间收入在100到300之间的城市"],
)
def test_a_metric_between_two_numbers(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert sorted(a.df.iloc[:, 0].tolist()) == ["Bergen", "Oslo"]  # 110 and 250; Molde 500


def test_a_ratio_between_two_fractions(shop) -> None:
    a = shop.ask("cities with a cancellation rate between 0.1 and 0.6")
    assert a.ok, a.error
    assert sorted(a.df.iloc[:, 0].tolist()) == ["Bergen", "Oslo"]  # 0.2 and 0.5; Molde 1.0


def test_years_stay_a_time_range(shop) -> None:
    a = shop.ask("room revenue between 2023 and 2024")
    assert not (a.ok and a.query.having)
