"""A whole word typed for the clipped form a model's label writes ("maintenance" for "maint").

Why: owners clip everyday words in names and labels ("Maint cost", "Occup rate"); users type
them whole. The reading is taken only where the clipped word completes a model term of two
words or more with its neighbours; a prefix alone is no evidence ("occupied" is not "occup").
Two tiny models of different domains (a vehicle fleet, rental buildings); every number is
checked against SQL on the same rows.
"""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.usefixtures("own_cache")

FLEET = """
semantic_models:
  - name: work_orders
    model: ref('work_orders')
    defaults: {agg_time_dimension: closed_on}
    entities:
      - {name: work_order, type: primary, expr: wo_id}
    dimensions:
      - {name: closed_on, type: time, type_params: {time_granularity: day}}
      - {name: vehicle_type, type: categorical}
    measures:
      - {name: maint_cost_sum, agg: sum, expr: cost}
      - {name: wo_rows, agg: count, expr: wo_id}
  - name: maint_shops
    model: ref('maint_shops')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: maint_shop, type: primary, expr: shop_id}
    dimensions:
      - {name: opened_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: shop_rows, agg: count, expr: shop_id}
metrics:
  - {name: maint_cost, label: Maint cost, type: simple, type_params: {measure: maint_cost_sum}}
  - {name: maint_shops, label: Maint shops, type: simple, type_params: {measure: shop_rows}}
  - {name: work_orders, label: Work orders, type: simple, type_params: {measure: wo_rows}}
"""
FLEET_DATA = """
create table work_orders as
select i as wo_id, date '2026-01-01' + (i % 50)::int as closed_on,
  ['van', 'truck', 'bus'][1 + i % 3] as vehicle_type, (i * 13) % 400 + 20 as cost
from range(75) t(i);
create table maint_shops as select i as shop_id, date '2020-01-01' + i::int as opened_on\nfrom range(4) t(i);
"""
RENTALS = """
semantic_models:
  - name: unit_nights
    model: ref('unit_nights')
    defaults: {agg_time_dimension: night}
    entities:
      - {name: unit_night, type: primary, expr: id}
    dimensions:
      - {name: night, type: time, type_params: {time_granularity: day}}
      - {name: building, type: categorical}
    measures:
      - {name: occupied_nights, agg: sum, expr: "case when occupied then 1 else 0 end"}
      - {name: all_nights, agg: count, expr: id}
metrics:
  - {name: occupied, label: Occupied nights, type: simple, type_params: {measure: occupied_nights}}
  - {name: nights, label: Unit nights, type: simple, type_params: {measure: all_nights}}
  - name: occup_rate
    label: Occup rate
    type: ratio
    type_params: {numerator: occupied, denominator: nights}
"""
RENTAL_DATA = """
create table unit_nights as
select i as id, date '2026-02-01' + (i % 28)::int as night,
  ['north', 'south'][1 + i % 2] as building, (i % 5) < 3 as occupied
from range(84) t(i)
"""


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("fleet", FLEET, FLEET_DATA, dt.date(2026, 4, 1))


@pytest.fixture(scope="module")
def rentals(yaml_shop):
    return yaml_shop("rentals", RENTALS, RENTAL_DATA, dt.date(2026, 4, 1))


def test_a_whole_word_reaches_the_clipped_label_word(fleet) -> None:
    a = fleet.ask("maintenance cost by vehicle type")
    assert a.ok, a.error
    assert a.query.metrics == ["maint_cost"]
    gold = dict(
        fleet.con.execute("select vehicle_type, sum(cost) from work_orders group by 1").fetchall()
    )
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, 1], strict=True)) == gold


def test_a_clipped_word_in_a_ratio_label(rentals) -> None:
    a = rentals.ask("occupancy rate of the north building")
    assert a.ok, a.error
    assert a.query.metrics == ["occup_rate"]
    gold = rentals.con.execute(
        "select avg(case when occupied then 1.0 else 0 end) from unit_nights "
        "where building = 'north'"
    ).fetchone()[0]
    assert a.df.iloc[0, 0] == pytest.approx(gold)


def test_a_prefix_alone_is_no_reading(rentals, fleet) -> None:
    # "occupancy" completes no two-word term here: never read as the clipped "occup"
    assert rentals.ask("occupancy by building").refused
    assert fleet.ask("maintenance by vehicle type").refused


def test_a_clipped_entity_name_is_never_completed(fleet) -> None:
    # "maint shops" names an entity as well as a metric: "work orders for maintenance shops"
    # read through it answered all work orders (the entity narrowed nothing): refused instead
    a = fleet.ask("work orders for maintenance shops")
    assert a.refused and a.query is None
