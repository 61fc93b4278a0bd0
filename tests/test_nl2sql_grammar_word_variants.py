"""A word form the lexicon derives from a model term is never a grammar word.

Before: the lexicon added each term's singular by dropping a final "s", so the acronym "bys"
of a metric labelled "Booking Yield Score" also stood for "by": "bookings by channel" answered
Booking Yield Score by channel (the interpretation said "by → Booking Yield Score"), a wrong
answer on any model with a three-word metric whose initials end in "s" after a grammar word
("Billing Yield Summary", "Interest On Savings" -> "ios"/"io", ...). Found by the session 11
red team with a 10,000-metric model. Now a derived form that is a grammar word of the question
language (a role word such as "by", "top", or a stop word such as "in", "of") is not added;
the model's own spelling of the term still is.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
HOTEL = """
semantic_models:
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: booking, type: primary, expr: booking_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
      - {name: channel, type: categorical}
    measures:
      - {name: booking_count, agg: count, expr: booking_id}
      - {name: yield_score, agg: average, expr: score}
metrics:
  - {name: bookings, label: Bookings, type: simple, type_params: {measure: booking_count}}
  - {name: booking_yield_score, label: Booking Yield Score, type: simple,
     type_params: {measure: yield_score}}
"""
HOTEL_DATA = """
create table bookings (booking_id int, booked_on date, channel varchar, score int);
insert into bookings values (1, '2026-06-01', 'web', 30), (2, '2026-06-02', 'web', 10),
  (3, '2026-06-03', 'agent', 50);
"""
INSURANCE = """
semantic_models:
  - name: claims
    model: ref('claims')
    defaults: {agg_time_dimension: filed_on}
    entities:
      - {name: claim, type: primary, expr: claim_id}
    dimensions:
      - {name: filed_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: claim_count, agg: count, expr: claim_id}
      - {name: payout, agg: sum, expr: paid}
metrics:
  - {name: claims, label: Claims, type: simple, type_params: {measure: claim_count}}
  - {name: insured_net_settlements, label: Insured Net Settlements, type: simple,
     type_params: {measure: payout}}
"""
INSURANCE_DATA = """
create table claims (claim_id int, filed_on date, region varchar, paid int);
insert into claims values (1, '2026-06-01', 'north', 300), (2, '2026-06-02', 'north', 100),
  (3, '2026-06-03', 'south', 500);
"""


@pytest.fixture(scope="module")
def hotel(yaml_shop):
    return yaml_shop("grammar_variant_hotel", HOTEL, HOTEL_DATA, TODAY)


@pytest.fixture(scope="module")
def insurance(yaml_shop):
    return yaml_shop("grammar_variant_insurance", INSURANCE, INSURANCE_DATA, TODAY)


def test_by_stays_the_breakdown_word_beside_an_acronym_ending_in_s(hotel) -> None:
    a = hotel.ask("bookings by channel")
    assert a.ok, a.error
    assert a.query.metrics == ["bookings"]
    assert answer_rows(a) == [("agent", 1), ("web", 2)]
    assert "Booking Yield Score" not in a.interpretation


def test_in_stays_a_grammar_word_beside_an_acronym_ending_in_s(insurance) -> None:
    """ "Insured Net Settlements" has the initials "ins", whose singular would be "in"."""
    a = insurance.ask("claims in north")
    assert a.ok, a.error
    assert a.query.metrics == ["claims"] and answer_rows(a) == [(2,)]


def test_the_acronym_itself_still_names_its_metric(hotel, insurance) -> None:
    a = hotel.ask("bys by channel")
    assert a.ok, a.error
    assert a.query.metrics == ["booking_yield_score"]
    assert answer_rows(a) == [("agent", 50.0), ("web", 20.0)]
    a = insurance.ask("ins by region")
    assert a.ok, a.error
    assert a.query.metrics == ["insured_net_settlements"]
    assert answer_rows(a) == [("north", 400), ("south", 500)]
