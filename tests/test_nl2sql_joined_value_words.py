"""A status stored as an identifier ("in_progress", "out_for_delivery") named by its words.

Why: warehouses store statuses as identifiers whose words include grammar words ("in",
"on", "out of"); users type the words ("tickets in progress", "parcels out for delivery"). A
grammar word never joins into a value of another spelling ("in land" is not "Inland"), but
the identifier's own words at its joiners are the value (a hyphen already read as a space). Two tiny models of different
domains (a help desk, a parcel carrier); every count is checked against SQL on the same rows.
"""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.usefixtures("own_cache")

TICKETS = """
semantic_models:
  - name: tickets
    model: ref('tickets')
    defaults: {agg_time_dimension: opened_at}
    entities:
      - {name: ticket, type: primary, expr: ticket_id}
    dimensions:
      - {name: opened_at, type: time, type_params: {time_granularity: day}}
      - {name: status, type: categorical}
    measures:
      - {name: ticket_rows, agg: count, expr: ticket_id}
metrics:
  - {name: tickets, label: Tickets, type: simple, type_params: {measure: ticket_rows}}
"""
TICKET_DATA = """
create table tickets as select i as ticket_id, date '2026-01-01' + (i % 30)::int as opened_at,
  ['in_progress', 'on_hold', 'closed', 'in_progress', 'new'][1 + i % 5] as status
from range(53) t(i)
"""
PARCELS = """
semantic_models:
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: shipped_on}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
    dimensions:
      - {name: shipped_on, type: time, type_params: {time_granularity: day}}
      - {name: delivery_state, type: categorical}
    measures:
      - {name: parcel_rows, agg: count, expr: parcel_id}
      - {name: weight_kg, agg: sum, expr: weight}
metrics:
  - {name: parcels, label: Parcels, type: simple, type_params: {measure: parcel_rows}}
  - {name: shipped_weight, label: Shipped weight, type: simple, type_params: {measure: weight_kg}}
"""
PARCEL_DATA = """
create table parcels as select i as parcel_id, date '2026-02-01' + (i % 20)::int as shipped_on,
  ['in_transit', 'out_for_delivery', 'delivered', 'delivered'][1 + i % 4] as delivery_state,
  (i % 7) + 0.5 as weight
from range(41) t(i)
"""


@pytest.fixture(scope="module")
def tickets(yaml_shop):
    return yaml_shop("tickets", TICKETS, TICKET_DATA, dt.date(2026, 3, 1))


@pytest.fixture(scope="module")
def parcels(yaml_shop):
    return yaml_shop("parcels", PARCELS, PARCEL_DATA, dt.date(2026, 3, 1))


def _one(shop, sql: str) -> float:
    return shop.con.execute(sql).fetchone()[0]


@pytest.mark.parametrize(
    ("question", "value"),
    [("how many tickets are in progress", "in_progress"), ("tickets on hold", "on_hold")],
)
def test_a_snake_case_status_is_named_by_its_words(tickets, question, value) -> None:
    a = tickets.ask(question)
    assert a.ok, a.error
    assert [(f.dimension, f.values) for f in a.query.filters] == [("ticket__status", [value])]
    assert f"→ {value}" in a.interpretation  # the reading is shown
    gold = _one(tickets, f"select count(*) from tickets where status = '{value}'")
    assert a.df.iloc[0, 0] == gold


def test_a_status_with_two_grammar_words_is_one_value(parcels) -> None:
    a = parcels.ask("shipped weight of parcels out for delivery")
    assert a.ok, a.error
    assert a.query.filters[0].values == ["out_for_delivery"]
    gold = _one(
        parcels, "select sum(weight) from parcels where delivery_state = 'out_for_delivery'"
    )
    assert a.df.iloc[0, 0] == pytest.approx(gold)
    b = parcels.ask("parcels in transit")
    assert b.ok and b.query.filters[0].values == ["in_transit"]
    assert b.df.iloc[0, 0] == _one(
        parcels, "select count(*) from parcels where delivery_state = 'in_transit'"
    )
