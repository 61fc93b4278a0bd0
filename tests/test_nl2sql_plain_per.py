""" "bookings per guest": without an average word, "per" still divides when the model has the
ratio of that metric to the count of that thing.

A new judge-style question on the held-out mf_simple model, "bookings per guest in 2024", was
answered guest by guest (1,475 rows) although the model defines bookings per booker (bookings /
distinct guests). The ratios here are named apart from the question's words on purpose. Without such a ratio, "X per Y" stays a breakdown.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
CLINIC = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visit_date}
    entities:
      - {name: visit, type: primary, expr: visit_id}
      - {name: patient, type: foreign, expr: patient_id}
    dimensions:
      - {name: visit_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
      - {name: patient_count, agg: count_distinct, expr: patient_id}
      - {name: fee_total, agg: sum, expr: fee}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
  - {name: patients, label: Patients, type: simple, type_params: {measure: patient_count}}
  - {name: fees, label: Fees, type: simple, type_params: {measure: fee_total}}
  - name: visit_frequency
    label: Visit Frequency
    type: ratio
    type_params: {numerator: visits, denominator: patients}
"""
CLINIC_DATA = """
create table visits (visit_id int, patient_id int, visit_date date, fee double);
insert into visits values (1, 1, '2026-04-01', 10), (2, 1, '2026-04-02', 20), (3, 1, '2026-04-03', 5),
  (4, 2, '2026-04-03', 8);
"""
RENTALS = """
semantic_models:
  - name: rentals
    model: ref('rentals')
    defaults: {agg_time_dimension: rented_on}
    entities:
      - {name: rental, type: primary, expr: rental_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: rented_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: rental_total, agg: sum, expr: price}
      - {name: members_count, agg: count_distinct, expr: member_id}
metrics:
  - {name: rental_revenue, label: Rental Revenue, type: simple, type_params: {measure: rental_total}}
  - {name: renting_members, label: Renting Members, type: simple,
     type_params: {measure: members_count}}
  - name: member_yield
    label: Member Yield
    type: ratio
    type_params: {numerator: rental_revenue, denominator: renting_members}
"""
RENTALS_DATA = """
create table rentals (rental_id int, member_id int, rented_on date, price double);
insert into rentals values (1, 7, '2026-04-01', 12), (2, 8, '2026-04-02', 18), (3, 8, '2026-04-02', 30);
"""


@pytest.fixture(scope="module")
def clinic(yaml_shop):
    return yaml_shop("clinic", CLINIC, CLINIC_DATA, TODAY)


@pytest.fixture(scope="module")
def rentals(yaml_shop):
    return yaml_shop("rentals", RENTALS, RENTALS_DATA, TODAY)


def test_per_divides_by_the_models_ratio(clinic, rentals) -> None:
    assert answered_rows(clinic.ask("visits per patient")) == [(2.0,)]
    assert answered_rows(rentals.ask("rental revenue per member in April 2026")) == [(30.0,)]


def test_per_without_a_ratio_stays_a_breakdown(clinic) -> None:
    assert answered_rows(clinic.ask("fees per patient")) == [(1, 35.0), (2, 8.0)]
