"""A head word does not name a metric that counts only some of its rows, and a yes/no
dimension is not named by the thing its predicate is about.

Found on a fresh public project (session 14): "number of X by Y company" was answered with a
metric that counts only one kind of X (its label is "<value> X", the value being one of a
categorical dimension's values and of a yes/no flag), grouped by a flag "is current Y" — a
wrong answer twice over. The model here is a different domain (a fitness club) with the same
shapes: "Premium Visits" (premium is a value of `tier` and the flag `is_premium`) and
"is active member".
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
CLUB = """
semantic_models:
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: booking, type: primary, expr: booking_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
      - {name: tier, type: categorical}
      - {name: is_premium, type: categorical}
      - {name: is_active_member, type: categorical}
      - {name: studio, type: categorical}
    measures:
      - {name: premium_count, agg: sum, expr: "case when is_premium = 'Yes' then 1 else 0 end"}
      - {name: booking_count, agg: count, expr: booking_id}
metrics:
  - {name: premium_visits, label: Premium Visits, type: simple,
     type_params: {measure: premium_count}}
  - {name: total_sessions, label: Total Sessions, type: simple,
     type_params: {measure: booking_count}}
"""
CLUB_DATA = """
create table bookings (booking_id int, booked_on date, tier varchar, is_premium varchar,
  is_active_member varchar, studio varchar);
insert into bookings values
  (1, '2026-04-01', 'premium', 'Yes', 'Yes', 'North'),
  (2, '2026-04-02', 'basic', 'No', 'Yes', 'North'),
  (3, '2026-04-03', 'basic', 'No', 'No', 'South'),
  (4, '2026-04-04', 'premium', 'Yes', 'No', 'South'),
  (5, '2026-04-05', 'basic', 'No', 'Yes', 'South');
"""


@pytest.fixture(scope="module")
def club(yaml_shop):
    return yaml_shop("club", CLUB, CLUB_DATA, TODAY)


def test_the_head_of_a_one_kind_count_is_not_that_count(club) -> None:
    # "visits" alone are all five bookings; Premium Visits counts two: refused, not answered
    answer = club.ask("number of visits by studio")
    assert answer.refused, answer.df


def test_the_one_kind_count_is_still_named_in_full(club) -> None:
    assert answered_rows(club.ask("premium visits by studio")) == [("North", 1), ("South", 1)]


def test_a_flag_is_not_named_by_the_thing_its_predicate_is_about(club) -> None:
    # "member" is not "is active member": grouping on active-or-not would be a wrong answer
    answer = club.ask("total sessions by member")
    assert answer.refused, answer.df


def test_the_flag_is_still_named_by_its_whole_predicate(club) -> None:
    assert answered_rows(club.ask("total sessions by active member")) == [("No", 2), ("Yes", 3)]
