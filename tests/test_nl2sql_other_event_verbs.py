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
        ("how many bookings", [(3,)]),
    ],
)
def test_another_things_verb_keeps_the_rows_where_it_happened(inn, question, rows) -> None:
    assert ok_rows(inn.ask(question)) == rows


@pytest.mark.parametrize(
    "question",
    [
        "how many guests booked in June 2026",
        "how many guests booked last month",
        "guests booked by month",
    ],
)
def test_a_period_on_a_count_kept_by_the_first_events_date_is_refused(inn, question) -> None:
    """Guest 1 first booked in May and booked again in June: "guests who booked in June" are
    guests 1 and 2, while the count by first booking date keeps only guest 2 (1, a wrong
    answer before)."""
    got = inn.ask(question)
    assert got.refused, got.df
    assert "first booking date" in got.reason and "Guests by first booking date" in got.suggestions


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("how many guests in June 2026", [(1,)]),  # no verb: the count's own date
        ("how many bookings in June 2026", [(2,)]),  # the booking's own date
        ("how many guests booked", [(2,)]),  # no period: the guests with a first booking
    ],
)
def test_without_the_other_things_verb_a_period_stays_on_the_counts_date(
    inn, question, rows
) -> None:
    assert ok_rows(inn.ask(question)) == rows


def test_the_refusals_suggestion_runs(inn) -> None:
    got = inn.ask("Guests by first booking date")
    assert not got.refused and got.df is not None
    dated = got.df[got.df["metric_time__day"].notna()]
    assert [str(d) for d in dated["metric_time__day"]] == ["2026-05-03", "2026-06-10"]
    assert list(dated["guests"]) == [1, 1]  # the first booking of each guest, said as such
