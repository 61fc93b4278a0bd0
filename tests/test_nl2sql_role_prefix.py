"""A role's own word right before a dimension of a role-playing table: "by receiver region"
(``nl2sql.rules.role_prefix``).

A TPC-DS-shaped model asked "sales by ship-to state" was refused ("ship" unknown) and "sales by
bill-to state" was answered for customers whose first name is Bill — a wrong answer. Tested on
an invented parcel model: one depots table plays the sending and the receiving depot, and one
depot's manager is called "Sender", as a customer may be called Bill.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import sorted_name_numbers

TODAY = dt.date(2026, 5, 1)

MODEL = """
semantic_models:
  - name: depots
    model: ref('depots')
    entities:
      - {name: sender_depot, type: primary, expr: depot_id}
      - {name: receiver_depot, type: unique, expr: depot_id}
    dimensions:
      - {name: region, type: categorical, label: Region}
      - {name: manager, type: categorical, label: Manager}
  - name: parcels
    model: ref('parcels')
    defaults: {agg_time_dimension: sent_on}
    entities:
      - {name: parcel, type: primary, expr: parcel_id}
      - {name: sender_depot, type: foreign, expr: from_depot}
      - {name: receiver_depot, type: foreign, expr: to_depot}
    dimensions:
      - {name: sent_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: parcel_count, agg: count, expr: parcel_id}
      - {name: weight_total, agg: sum, expr: weight_kg}
metrics:
  - {name: parcels, label: Parcels, type: simple, type_params: {measure: parcel_count}}
  - {name: total_weight, label: Total Weight, type: simple, type_params: {measure: weight_total}}
"""
DATA = """
create table depots (depot_id int, region varchar, manager varchar);
insert into depots values (1, 'North', 'Sender'), (2, 'South', 'Okafor'), (3, 'South', 'Lind');
create table parcels (parcel_id int, from_depot int, to_depot int, sent_on date, weight_kg int);
insert into parcels values (1, 1, 2, '2026-04-01', 5), (2, 1, 3, '2026-04-02', 7),
  (3, 2, 1, '2026-04-03', 2), (4, 3, 2, '2026-04-04', 4), (5, 2, 3, '2026-04-05', 1);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("role_prefix", MODEL, DATA, TODAY)


def test_sender_word_picks_the_sending_depot(shop) -> None:
    # parcels 1, 2 from North (depot 1); 3, 4, 5 from South
    assert sorted_name_numbers(shop.ask("parcels by sender region")) == [
        ("North", 2.0),
        ("South", 3.0),
    ]


def test_receiver_word_picks_the_receiving_depot(shop) -> None:
    assert sorted_name_numbers(shop.ask("total weight by receiver region")) == [
        ("North", 2.0),
        ("South", 17.0),
    ]


def test_manager_named_like_the_role_is_no_filter(shop) -> None:
    answer = shop.ask("parcels by sender region")
    assert "Sender" not in (answer.interpretation or ""), answer.interpretation


@pytest.mark.parametrize("question", ["parcels by courier region", "parcels by region"])
def test_no_role_word_is_not_guessed(shop, question) -> None:
    answer = shop.ask(question)
    # "courier" names no role: refused; no role at all: asked back or the model's default,
    # never silently one named role read from another word
    assert answer.refused or "courier" not in (answer.interpretation or "")
