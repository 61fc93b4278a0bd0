"""A dimension named ``<thing>_latest`` / ``<thing>_current`` is reached by "<thing>".

Why: dbt projects keep the latest value of a changing attribute under such names (a slowly
changing dimension); "bookings by listing country" over ``country_latest`` was refused as an
unknown word. The version word is dropped from the bridge only: a dimension named exactly
``<thing>`` keeps its own word. Two domains: a SaaS subscription model and a fleet model.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 3, 5)

SAAS_MODEL = """
semantic_models:
  - name: subscriptions
    model: ref('subscriptions')
    defaults: {agg_time_dimension: started_at}
    entities:
      - {name: subscription, type: primary, expr: subscription_id}
      - {name: account, type: foreign, expr: account_id}
    dimensions:
      - {name: started_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: mrr, agg: sum, expr: mrr}
  - name: accounts
    model: ref('accounts')
    entities:
      - {name: account, type: primary, expr: account_id}
    dimensions:
      - {name: plan_current, type: categorical, expr: plan}
      - {name: country_latest, type: categorical, expr: country}
      - {name: country, type: categorical, expr: signup_country}
metrics:
  - {name: mrr, label: MRR, type: simple, type_params: {measure: mrr}}
"""
SAAS_DATA = """
create table subscriptions (subscription_id int, account_id int, started_at date, mrr double);
insert into subscriptions values
  (1, 1, '2026-01-10', 100), (2, 2, '2026-02-11', 50), (3, 3, '2026-02-12', 25);
create table accounts (account_id int, plan varchar, country varchar, signup_country varchar);
insert into accounts values
  (1, 'pro', 'DE', 'FR'), (2, 'basic', 'DE', 'DE'), (3, 'basic', 'US', 'US');
"""

FLEET_MODEL = """
semantic_models:
  - name: trips
    model: ref('trips')
    defaults: {agg_time_dimension: started_at}
    entities:
      - {name: trip, type: primary, expr: trip_id}
      - {name: vehicle, type: foreign, expr: vehicle_id}
    dimensions:
      - {name: started_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: trips, agg: count, expr: trip_id}
  - name: vehicles
    model: ref('vehicles')
    entities:
      - {name: vehicle, type: primary, expr: vehicle_id}
    dimensions:
      - {name: depot_latest, type: categorical, expr: depot}
metrics:
  - {name: trips, label: Trips, type: simple, type_params: {measure: trips}}
"""
FLEET_DATA = """
create table trips (trip_id int, vehicle_id int, started_at date);
insert into trips values (1, 1, '2026-01-10'), (2, 1, '2026-02-11'), (3, 2, '2026-02-12');
create table vehicles (vehicle_id int, depot varchar);
insert into vehicles values (1, 'harbour'), (2, 'airport');
"""


@pytest.fixture(scope="module")
def saas(yaml_shop):
    return yaml_shop("saas_versions", SAAS_MODEL, SAAS_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("fleet_versions", FLEET_MODEL, FLEET_DATA, TODAY)


def _rows(answer) -> dict[str, float]:
    assert answer.ok, answer.error
    return {str(r[0]): float(r[-1]) for r in answer.df.itertuples(index=False)}


def test_mrr_by_plan_groups_by_the_current_plan(saas) -> None:
    a = saas.ask("mrr by plan")
    assert a.query.group_by == ["account__plan_current"]
    assert _rows(a) == {"pro": 100.0, "basic": 75.0}
    assert "plan → plan current" in a.interpretation


def test_an_own_name_wins_over_the_versioned_one(saas) -> None:
    # `country` (the signup country) is the model's own word; `country_latest` is not "country"
    a = saas.ask("mrr by country")
    assert a.query.group_by == ["account__country"]
    assert _rows(a) == {"FR": 100.0, "DE": 50.0, "US": 25.0}


def test_trips_by_depot_groups_by_the_latest_depot(fleet) -> None:
    a = fleet.ask("trips by vehicle depot")
    assert a.query.group_by == ["vehicle__depot_latest"]
    assert _rows(a) == {"harbour": 2.0, "airport": 1.0}
    a = fleet.ask("which depot had the most trips")
    assert _rows(a) == {"harbour": 2.0}
