"""'who' / 谁 asks for the one person entity the question's metric reaches.

谁 was read only on a model with exactly one people-like entity, and English "who" was no
question word at all ("who had the most assists": "top/bottom of what?") (``rules.people_words``).
Here a shop keeps customers on orders and employees on shifts: "who" over orders is the
customer, over shift hours the employee; a metric of a table holding both stays refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2025, 6, 15)

SHOP = """
semantic_models:
  - name: orders
    model: ref('fct_orders')
    defaults:
      agg_time_dimension: ordered_on
    entities:
      - {name: order, type: primary, expr: order_id}
      - {name: customer, type: foreign, expr: customer_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: customer_name, type: categorical}
    measures:
      - {name: order_count, agg: count, expr: order_id}
  - name: shifts
    model: ref('fct_shifts')
    defaults:
      agg_time_dimension: worked_on
    entities:
      - {name: shift, type: primary, expr: shift_id}
      - {name: employee, type: foreign, expr: employee_id}
    dimensions:
      - {name: worked_on, type: time, type_params: {time_granularity: day}}
      - {name: employee_name, type: categorical}
    measures:
      - {name: shift_hours, agg: sum, expr: hours}
  - name: handovers
    model: ref('fct_handovers')
    defaults:
      agg_time_dimension: handed_on
    entities:
      - {name: handover, type: primary, expr: handover_id}
      - {name: customer, type: foreign, expr: customer_id}
      - {name: employee, type: foreign, expr: employee_id}
    dimensions:
      - {name: handed_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: handover_count, agg: count, expr: handover_id}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
  - {name: shift_hours, label: Shift Hours, type: simple, type_params: {measure: shift_hours}}
  - {name: handovers, label: Handovers, type: simple, type_params: {measure: handover_count}}
"""
DATA = """
create table fct_orders as select * from (values
  (1, 7, 'Amara Obi', date '2025-05-02'), (2, 7, 'Amara Obi', date '2025-05-03'),
  (3, 8, 'Bo Brandt', date '2025-05-04')
) t(order_id, customer_id, customer_name, ordered_on);
create table fct_shifts as select * from (values
  (1, 21, 'Chen Li', date '2025-05-02', 8), (2, 22, 'Dana Ruiz', date '2025-05-02', 12),
  (3, 21, 'Chen Li', date '2025-05-03', 6)
) t(shift_id, employee_id, employee_name, worked_on, hours);
create table fct_handovers as select * from (values
  (1, 7, 21, date '2025-05-02'), (2, 8, 22, date '2025-05-03')
) t(handover_id, customer_id, employee_id, handed_on);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("who_reached_shop", SHOP, DATA, TODAY)


@pytest.mark.parametrize("question", ["who had the most orders", "谁的orders最多"])
def test_who_is_the_person_the_metric_reaches(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.group_by[0] == "customer"
    assert answer_rows(a) == [(7, "Amara Obi", 2)]


def test_who_on_the_other_table(shop) -> None:
    a = shop.ask("who worked the most shift hours")
    assert a.ok, a.error
    assert a.query.group_by[0] == "employee"
    assert answer_rows(a) == [(21, "Chen Li", 14)]


def test_who_stays_refused_when_the_metric_reaches_both(shop) -> None:
    a = shop.ask("who had the most handovers")
    assert not a.ok
