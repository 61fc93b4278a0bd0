""" "out of" right before a place says its role, like "from".

A new judge-style question on the held-out flights model, "how many flights went out of
LaGuardia in March 2013?", was refused ("origin or destination airport?"): only one word before
the place was read, and "of" says nothing. "out of X" now names the origin
role, on any model whose role entities are named for a direction.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)


def _two_roles(fact: str, place: str, key: str) -> str:
    return f"""
semantic_models:
  - name: {fact}s
    model: ref('{fact}s')
    defaults: {{agg_time_dimension: {fact}_date}}
    entities:
      - {{name: {fact}, type: primary, expr: {fact}_id}}
      - {{name: origin_{place}, type: foreign, expr: origin}}
      - {{name: destination_{place}, type: foreign, expr: dest}}
    dimensions:
      - {{name: {fact}_date, type: time, type_params: {{time_granularity: day}}}}
    measures:
      - {{name: {fact}_count, agg: count, expr: {fact}_id}}
  - name: {place}s
    model: ref('{place}s')
    entities:
      - {{name: origin_{place}, type: primary, expr: {key}}}
      - {{name: destination_{place}, type: unique, expr: {key}}}
    dimensions:
      - {{name: {place}_code, type: categorical, expr: {key}}}
metrics:
  - {{name: {fact}s, label: {fact.title()}s, type: simple, type_params: {{measure: {fact}_count}}}}
"""


RAIL_DATA = """
create table stations (code varchar);
insert into stations values ('KGX'), ('EDB'), ('YRK');
create table trains (train_id int, train_date date, origin varchar, dest varchar);
insert into trains values (1, '2026-04-01', 'KGX', 'EDB'), (2, '2026-04-02', 'KGX', 'YRK'),
  (3, '2026-04-03', 'EDB', 'KGX');
"""
FREIGHT_DATA = """
create table ports (locode varchar);
insert into ports values ('NLRTM'), ('SGSIN'), ('CNSHA');
create table shipments (shipment_id int, shipment_date date, origin varchar, dest varchar);
insert into shipments values (1, '2026-04-01', 'CNSHA', 'NLRTM'), (2, '2026-04-02', 'SGSIN', 'CNSHA'),
  (3, '2026-04-03', 'SGSIN', 'NLRTM'), (4, '2026-04-04', 'NLRTM', 'SGSIN');
"""


@pytest.fixture(scope="module")
def rail(yaml_shop):
    return yaml_shop("rail", _two_roles("train", "station", "code"), RAIL_DATA, TODAY)


@pytest.fixture(scope="module")
def freight(yaml_shop):
    return yaml_shop("freight", _two_roles("shipment", "port", "locode"), FREIGHT_DATA, TODAY)


def test_out_of_names_the_origin(rail, freight) -> None:
    assert answered_rows(rail.ask("how many trains went out of KGX?")) == [(2,)]
    assert answered_rows(freight.ask("shipments out of SGSIN")) == [(2,)]
