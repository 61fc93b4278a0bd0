"""A count of *times* of another thing's event is never a count of the things that did it
(``nl2sql.rules.other_event_verbs``).

"VIP骑手的租赁次数" (how many rentals VIP riders made) on a model counting riders by their first
rental date read 租赁 as "riders who rented" and answered 3 riders for 4 rentals (issue #12).
It is refused, offering the count of the events; "how many VIP riders rented" (the things)
is answered as before. Original model: a bike depot's riders and their rentals.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2025, 4, 1)
DEPOT = """
semantic_models:
  - name: riders
    model: ref('riders')
    defaults: {agg_time_dimension: first_rental_date}
    entities:
      - {name: rider, type: primary, expr: rider_id}
    dimensions:
      - {name: first_rental_date, type: time, type_params: {time_granularity: day}}
      - {name: tier, type: categorical}
    measures:
      - {name: rider_count, agg: count_distinct, expr: rider_id}
  - name: rentals
    model: ref('rentals')
    defaults: {agg_time_dimension: rented_on}
    entities:
      - {name: rental, type: primary, expr: rental_id}
      - {name: rider, type: foreign, expr: rider_id}
    dimensions:
      - {name: rented_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: rental_count, agg: count, expr: rental_id}
metrics:
  - {name: riders, label: Riders, type: simple, type_params: {measure: rider_count}}
  - {name: rentals, label: Rentals, type: simple, type_params: {measure: rental_count}}
"""
DATA = """
create table riders (rider_id int, first_rental_date date, tier varchar);
insert into riders values (1, '2025-03-02', 'VIP'), (2, '2025-03-10', 'VIP'),
  (3, '2025-02-11', 'Standard'), (4, null, 'VIP');
create table rentals (rental_id int, rider_id int, rented_on date);
insert into rentals values (10, 1, '2025-03-02'), (11, 1, '2025-03-11'), (12, 2, '2025-03-12'),
  (13, 3, '2025-03-15');
"""


@pytest.fixture(scope="module")
def depot(yaml_shop):
    return yaml_shop("event_times_depot", DEPOT, DATA, TODAY)


@pytest.mark.parametrize("question", ["VIP骑手的租赁次数", "VIP骑手租赁了多少次"])
def test_a_count_of_times_is_not_the_things_that_did_it(depot, question) -> None:
    a = depot.ask(question)
    assert a.refused, a.interpretation
    assert a.suggestions, a.error
    for s in a.suggestions:  # the event's own count
        assert depot.ask(s).query.metrics == ["rentals"], s


def test_the_things_that_did_it_stay_answered(depot) -> None:
    a = depot.ask("how many VIP riders rented")
    assert ok_rows(a) == [(2,)], a.interpretation
