"""A verb form of a role's own word right before that role's dimension is the role
(``nl2sql.rules.role_prefix``): "parcels by sending city" is the sending member's city.

Before, "sending" alone was a loose reading of the metric Sending Charges, and the question was
answered as that metric by the first role's city — on TPC-DS "sales by shipping state" answered
Shipping Cost by the bill-to state (issue #12). Original model: a courier's parcels, sent and
received by members of one table.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
COURIER = """
semantic_models:
  - name: members
    model: ref('members')
    entities:
      - {name: send_member, type: primary, expr: member_id}
      - {name: receive_member, type: unique, expr: member_id}
    dimensions:
      - {name: city, type: categorical}
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: handed_in}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
      - {name: send_member, type: foreign, expr: sender_id}
      - {name: receive_member, type: foreign, expr: receiver_id}
    dimensions:
      - {name: handed_in, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: parcel_count, agg: count, expr: parcel_id}
      - {name: charge_total, agg: sum, expr: charge}
metrics:
  - {name: parcels, label: Parcels, type: simple, type_params: {measure: parcel_count}}
  - {name: sending_charges, label: Sending Charges, type: simple,
     type_params: {measure: charge_total}}
"""
DATA = """
create table members (member_id int, city varchar);
insert into members values (1, 'Tromso'), (2, 'Bodo'), (3, 'Narvik');
create table parcels (parcel_id int, sender_id int, receiver_id int, handed_in date, charge int);
insert into parcels values (10, 1, 2, '2026-06-01', 5), (11, 1, 3, '2026-06-02', 7),
  (12, 2, 3, '2026-06-03', 11), (13, 3, 3, '2026-06-04', 13);
"""


@pytest.fixture(scope="module")
def courier(yaml_shop):
    return yaml_shop("role_verb_courier", COURIER, DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("parcels by sending city", [("Bodo", 1), ("Narvik", 1), ("Tromso", 2)]),
        ("parcels by receiving city", [("Bodo", 1), ("Narvik", 3)]),
        ("sending charges by receiving city", [("Bodo", 5), ("Narvik", 31)]),
    ],
)
def test_a_verb_form_of_a_role_word_names_the_role(courier, question, rows) -> None:
    a = courier.ask(question)
    assert sorted(ok_rows(a)) == rows, a.interpretation


def test_the_metric_named_whole_stays_the_metric(courier) -> None:
    a = courier.ask("sending charges in June 2026")
    assert ok_rows(a) == [(36,)], a.interpretation
