"""A thing named as context that the metric's rows only reach through a join filters them.

"bookings for lux listings": bookings carry the listing; lux listings hang off a mapping table
that covers some listings only. Read as mere context ("for <the thing it is about>"), the
question answered *every* booking — a wrong answer on MetricFlow's own example project. The
entity is now kept as ``lux_listing is not null``; a thing the rows carry themselves (the
listing, the guest) stays plain context.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 4)
RENTALS = """
semantic_models:
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: booked_at}
    entities:
      - {name: booking, type: primary, expr: booking_id}
      - {name: listing, type: foreign, expr: listing_id}
    dimensions:
      - {name: booked_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: booking_count, agg: count, expr: booking_id}
  - name: lux_mapping
    model: ref('lux_mapping')
    entities:
      - {name: listing, type: primary, expr: listing_id}
      - {name: lux_listing, type: foreign, expr: lux_listing_id}
  - name: lux_listings
    model: ref('lux_listings')
    entities:
      - {name: lux_listing, type: primary, expr: lux_listing_id}
    dimensions:
      - {name: tier, type: categorical}
metrics:
  - {name: bookings, label: Bookings, type: simple, type_params: {measure: booking_count}}
"""
RENTALS_DATA = """
create table bookings (booking_id int, listing_id int, booked_at date);
insert into bookings values (1, 10, '2026-04-02'), (2, 10, '2026-04-03'), (3, 11, '2026-04-03'),
  (4, 12, '2026-04-05'), (5, 12, '2026-04-06');
create table lux_mapping (listing_id int, lux_listing_id int);
insert into lux_mapping values (10, 100);
create table lux_listings (lux_listing_id int, tier varchar);
insert into lux_listings values (100, 'gold');
"""
CLINIC = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_at}
    entities:
      - {name: visit, type: primary, expr: visit_id}
      - {name: patient, type: foreign, expr: patient_id}
    dimensions:
      - {name: visited_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
  - name: coverage
    model: ref('coverage')
    entities:
      - {name: patient, type: primary, expr: patient_id}
      - {name: insurer, type: foreign, expr: insurer_id}
  - name: insurers
    model: ref('insurers')
    entities:
      - {name: insurer, type: primary, expr: insurer_id}
    dimensions:
      - {name: insurer_name, type: categorical}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
"""
CLINIC_DATA = """
create table visits (visit_id int, patient_id int, visited_at date);
insert into visits values (1, 1, '2026-04-02'), (2, 2, '2026-04-03'), (3, 2, '2026-04-04'),
  (4, 3, '2026-04-05');
create table coverage (patient_id int, insurer_id int);
insert into coverage values (2, 7);
create table insurers (insurer_id int, insurer_name varchar);
insert into insurers values (7, 'Acme Health');
"""


@pytest.fixture(scope="module")
def rentals(yaml_shop):
    return yaml_shop("rentals", RENTALS, RENTALS_DATA, TODAY)


@pytest.fixture(scope="module")
def clinic(yaml_shop):
    return yaml_shop("clinic", CLINIC, CLINIC_DATA, TODAY)


@pytest.mark.parametrize(
    ("shop_name", "question", "expected"),
    [
        ("rentals", "bookings for lux listings", 2),  # listing 10 only
        ("clinic", "visits for insurers", 2),  # patient 2 only
    ],
)
def test_a_joined_entity_named_as_context_keeps_the_rows_that_reach_it(
    request, shop_name, question, expected
):
    a = request.getfixturevalue(shop_name).ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == expected
    assert "is not null" in a.interpretation


@pytest.mark.parametrize(
    ("shop_name", "question", "expected"),
    [("rentals", "bookings for listings", 5), ("clinic", "visits for patients", 4)],
)
def test_an_entity_the_rows_carry_stays_plain_context(request, shop_name, question, expected):
    a = request.getfixturevalue(shop_name).ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[0, -1] == expected
    assert "is not null" not in a.interpretation
