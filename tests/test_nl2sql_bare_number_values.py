"""A whole number stored as one dimension's value, said without the dimension's name (issue 12,
fresh project freshb17: "average max temperature in 33101 last month" on postal codes).

Original fixture: depot deliveries keyed by a depot code made of digits (kept as text).
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 6, 30)
DEPOTS = """
semantic_models:
  - name: deliveries
    model: ref('deliveries')
    defaults: {agg_time_dimension: delivered_at}
    entities:
      - {name: delivery, type: primary, expr: delivery_id}
    dimensions:
      - {name: delivered_at, type: time, type_params: {time_granularity: day}}
      - {name: depot_code, type: categorical}
      - {name: route, type: categorical}
    measures:
      - {name: delivery_count, agg: count, expr: delivery_id}
      - {name: parcels_sum, agg: sum, expr: parcels}
metrics:
  - {name: deliveries, label: Deliveries, type: simple, type_params: {measure: delivery_count}}
  - {name: parcels, label: Parcels delivered, type: simple, type_params: {measure: parcels_sum}}
"""
DATA = """
create table deliveries (delivery_id int, delivered_at date, depot_code varchar, route varchar,
  parcels int);
insert into deliveries values
  (1, '2025-05-01', '44012', 'R1', 10), (2, '2025-05-02', '44012', 'R2', 30),
  (3, '2025-05-03', '73001', 'R1', 5), (4, '2025-06-03', '73001', 'R1', 7),
  (5, '2025-06-04', '2024', 'R2', 1);
"""


@pytest.fixture(scope="module")
def depots(yaml_shop):
    return yaml_shop("bare_numbers", DEPOTS, DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("parcels delivered in 44012", 40),
        ("how many deliveries did 73001 make in May 2025?", 1),
        ("44012的包裹数", 40),
    ],
)
def test_a_stored_code_is_its_dimension_value(depots, question, value) -> None:
    a = depots.ask(question)
    assert not a.refused, a.error
    assert a.query.filters[0].dimension.endswith("depot_code")
    assert a.df.iloc[0, -1] == value


@pytest.mark.parametrize(
    "question",
    [
        "parcels delivered in 55555",  # no depot has that code
        "parcels delivered in 44012 and 73001",  # two codes: a list, left asked
    ],
)
def test_other_numbers_stay_refused(depots, question) -> None:
    a = depots.ask(question)
    assert a.refused, a.interpretation


@pytest.mark.parametrize(
    "question", ["parcels delivered above 44012", "depot codes with more than 44012 parcels"]
)
def test_a_comparison_keeps_its_number(depots, question) -> None:
    a = depots.ask(question)  # never the depot 44012 itself
    assert a.refused or all(f.op != "=" for f in a.query.filters), a.interpretation


def test_a_year_keeps_its_reading(depots) -> None:
    a = depots.ask("parcels delivered in 2024")  # '2024' is also a depot code: the year wins
    assert a.refused or not a.query.filters, a.interpretation


def test_a_number_beside_another_dimension_is_not_read_as_a_code(depots) -> None:
    a = depots.ask("parcels delivered on route 44012")  # route 44012 does not exist
    assert a.refused, a.interpretation
