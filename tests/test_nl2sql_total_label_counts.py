"""'total <things> count' / 总<things>数 names the count labelled "Total <Things>".

Why: every metric gets its name with "total" before it ("total booking count" for "Booking
Count"), and Chinese renders that 总预订数 -- which is also the plain Chinese of a metric
labelled "Total Bookings", "the total number of bookings". On a model that keeps both, the
filtered "Booking Count" answered 总预订数: the confirmed bookings only where all were asked,
a wrong answer that reads right (found on a fresh device-subscription project: 总订单数 gave
the eligible orders' count). The counted noun with a total word (预订总数, "total number of
bookings") had the same wrong answer: the noun's own count, not the one labelled "Total
<noun>". Without a total word the noun's own count still answers ("how many bookings").
Original fixture: a small guest house (bookings, some confirmed).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

MODEL = """
semantic_models:
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: booking, type: primary, expr: booking_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
      - {name: is_confirmed, type: categorical}
      - {name: room_type, type: categorical}
    measures:
      - {name: confirmed_booking_count, agg: sum,
         expr: "case when is_confirmed then 1 else 0 end"}
      - {name: bookings_total_count, agg: sum, expr: "1"}
  - name: rooms
    model: ref('rooms')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: room, type: primary, expr: room_id}
    dimensions:
      - {name: opened_on, type: time, type_params: {time_granularity: day}}
      - {name: is_available, type: categorical}
    measures:
      - {name: available_rooms, agg: sum, expr: "case when is_available then 1 else 0 end"}
      - {name: room_rows, agg: sum, expr: "1"}
metrics:
  - name: booking_count
    label: Booking Count
    type: simple
    type_params:
      measure:
        name: confirmed_booking_count
        filter: "{{ Dimension('booking__is_confirmed') }} = true"
  - {name: bookings_total, label: Total Bookings, type: simple,
     type_params: {measure: bookings_total_count}}
  - name: room_count
    label: Room Count
    type: simple
    type_params:
      measure:
        name: available_rooms
        filter: "{{ Dimension('room__is_available') }} = true"
  - {name: rooms_total, label: Rooms Total, type: simple, type_params: {measure: room_rows}}
"""
DATA = """
create table bookings (booking_id int, booked_on date, is_confirmed boolean, room_type varchar);
insert into bookings values (1, '2026-03-01', true, 'single'), (2, '2026-03-02', false, 'single'),
  (3, '2026-03-05', true, 'double'), (4, '2026-04-01', false, 'double'),
  (5, '2026-04-02', true, 'double');
create table rooms (room_id int, opened_on date, is_available boolean);
insert into rooms values (1, '2025-01-01', true), (2, '2025-01-01', false), (3, '2025-02-01', true),
  (4, '2025-02-01', true);
"""


@pytest.fixture(scope="module")
def house(yaml_shop):
    return yaml_shop("total_label_counts", MODEL, DATA, dt.date(2026, 6, 30))


@pytest.mark.parametrize(
    ("question", "metric", "rows"),
    [
        # "total" + the things + a counting word: the metric labelled "Total Bookings"
        ("总预订数", "bookings_total", [(5,)]),
        ("total booking count", "bookings_total", [(5,)]),
        ("各房型的总预订数", "bookings_total", [("double", 3), ("single", 2)]),
        # the label itself, in either order, and the counted noun with a total word
        ("预订总数", "bookings_total", [(5,)]),
        ("预订的总数", "bookings_total", [(5,)]),
        ("total bookings", "bookings_total", [(5,)]),
        ("total number of bookings", "bookings_total", [(5,)]),
        ("各房型的预订总数", "bookings_total", [("double", 3), ("single", 2)]),
        # the label says the noun first ("Rooms Total")
        ("房间总数", "rooms_total", [(4,)]),
        ("total number of rooms", "rooms_total", [(4,)]),
        # without "total" the words still name the filtered count's own label
        ("预订数", "booking_count", [(3,)]),
        ("booking count", "booking_count", [(3,)]),
    ],
)
def test_total_count_words_name_the_total_label(house, question, metric, rows) -> None:
    a = house.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == [metric], (question, a.interpretation)
    assert sorted(answer_rows(a)) == sorted(rows), question


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("未确认的总预订数", [(2,)]),  # a negated condition on the total: right or refused
        ("已确认的预订数", [(3,)]),
    ],
)
def test_one_word_differences_are_right_or_refused(house, question, rows) -> None:
    a = house.ask(question)
    if a.refused:
        return
    assert a.ok, (question, a.error)
    assert sorted(answer_rows(a)) == rows, (question, a.interpretation)
