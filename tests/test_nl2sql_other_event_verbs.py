"""A verb of another thing's event on a count dated by that event keeps only the rows where it
happened (``nl2sql.rules.other_event_verbs``): "how many guests booked" counts the guests with a
first booking date, not every guest."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
INN = """
semantic_models:
  - name: guests
    model: ref('guests')
    defaults: {agg_time_dimension: first_booking_date}
    entities:
      - {name: guest, type: primary, expr: guest_id}
    dimensions:
      - {name: first_booking_date, type: time, type_params: {time_granularity: day}}
      - {name: home_town, type: categorical}
    measures:
      - {name: guest_count, agg: count, expr: guest_id}
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: created_at}
    entities:
      - {name: booking, type: primary, expr: booking_id}
      - {name: guest, type: foreign, expr: guest_id}
    dimensions:
      - {name: created_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: booking_count, agg: count, expr: booking_id}
      - {name: nights, agg: sum, expr: night_count}
metrics:
  - {name: guests, label: Guests, type: simple, type_params: {measure: guest_count}}
  - {name: bookings, label: Bookings, type: simple, type_params: {measure: booking_count}}
  - {name: nights, label: Nights, type: simple, type_params: {measure: nights}}
"""
INN_DATA = """
create table guests (guest_id int, first_booking_date date, home_town varchar);
insert into guests values (1, '2026-05-03', 'Oban'), (2, '2026-06-10', 'Oban'),
  (3, null, 'Tain'), (4, null, 'Oban');
create table bookings (booking_id int, guest_id int, created_at date, night_count int);
insert into bookings values (10, 1, '2026-05-03', 2), (11, 1, '2026-06-01', 1),
  (12, 2, '2026-06-10', 3);
"""


@pytest.fixture(scope="module")
def inn(yaml_shop):
    return yaml_shop("other_event_inn", INN, INN_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("how many guests booked", [(2,)]),  # the verb of a booking: guests who booked
        ("how many guests", [(4,)]),  # no verb: every guest
        ("how many guests booked in June 2026", [(1,)]),  # a period already dates the event
        ("how many bookings", [(3,)]),
    ],
)
def test_another_things_verb_keeps_the_rows_where_it_happened(inn, question, rows) -> None:
    assert ok_rows(inn.ask(question)) == rows
