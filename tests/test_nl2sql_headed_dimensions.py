"""A breakdown word the metric cannot reach is the one reachable dimension it heads.

"discounts by state" on a dental project matched the patients' ``state`` exactly and was
refused ("cannot be broken down by state"), although the discounts' rows carry one state, the
facility's (``facility_state``). ``rules.headed_dimensions``: the single reachable categorical
dimension whose label ends with the asked label; two such (origin / destination) stay refused.
Invented model: pet owners, clinic fees, and parcels sent between states.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: owners
    model: ref('owners')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: owner, type: primary, expr: owner_id}
    dimensions:
      - name: joined_on
        type: time
        type_params: {time_granularity: day}
      - {name: state, type: categorical}
    measures:
      - {name: owner_count, agg: count, expr: owner_id}
  - name: clinic_days
    model: ref('clinic_days')
    defaults: {agg_time_dimension: visit_day}
    entities:
      - {name: clinic_day, type: primary, expr: clinic_day_id}
    dimensions:
      - name: visit_day
        type: time
        type_params: {time_granularity: day}
      - {name: clinic_state, type: categorical}
    measures:
      - {name: fees, agg: sum}
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: sent_on}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
    dimensions:
      - name: sent_on
        type: time
        type_params: {time_granularity: day}
      - {name: origin_state, type: categorical}
      - {name: destination_state, type: categorical}
    measures:
      - {name: weight_kg, agg: sum}
metrics:
  - {name: owners, label: Owners, type: simple, type_params: {measure: owner_count}}
  - {name: clinic_fees, label: Clinic Fees, type: simple, type_params: {measure: fees}}
  - {name: parcel_weight, label: Parcel Weight, type: simple, type_params: {measure: weight_kg}}
"""

DATA = """
CREATE TABLE owners (owner_id INTEGER, joined_on DATE, state VARCHAR);
INSERT INTO owners VALUES (1, DATE '2024-01-01', 'OR'), (2, DATE '2024-01-01', 'WA'),
    (3, DATE '2024-01-01', 'WA');
CREATE TABLE clinic_days (clinic_day_id INTEGER, visit_day DATE, clinic_state VARCHAR, fees DOUBLE);
INSERT INTO clinic_days VALUES (1, DATE '2024-01-02', 'OR', 10.0),
    (2, DATE '2024-01-03', 'ID', 5.0), (3, DATE '2024-01-04', 'OR', 7.0);
CREATE TABLE parcels (parcel_id INTEGER, sent_on DATE, origin_state VARCHAR,
    destination_state VARCHAR, weight_kg DOUBLE);
INSERT INTO parcels VALUES (1, DATE '2024-01-02', 'OR', 'WA', 3.0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("headed_dimensions", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize("question", ["clinic fees by state", "各州的诊所费用"])
def test_the_state_the_metric_reaches(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert any("clinic_state" in g for g in a.query.group_by)
    assert sorted(a.df.itertuples(index=False, name=None)) == [("ID", 5.0), ("OR", 17.0)]


def test_the_exact_dimension_when_reached(shop) -> None:
    a = shop.ask("owners by state")
    assert a.ok, a.error
    assert sorted(a.df.itertuples(index=False, name=None)) == [("OR", 1), ("WA", 2)]


def test_two_headed_dimensions_stay_refused(shop) -> None:
    a = shop.ask("parcel weight by state")
    assert not a.ok
