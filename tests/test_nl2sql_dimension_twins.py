"""A value word that is also the head word of another dimension is asked back.

``rules.dimension_twins``: on an invented ferry model with a fare ``tier`` (Standard /
Festival) and a ``local_festival`` dimension (the festival's name, empty on other days),
"festival" may be the tier or the festival days; reading it as the tier answered
"non-festival tickets" with the tickets of every tier but Festival (a different set of
rows). One word away, the tier named with its value, or a value that is no other
dimension's word, is answered; a yes/no flag beside its value is no twin.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: crossings
    model: ref('crossings')
    defaults: {agg_time_dimension: sail_date}
    entities:
      - {name: crossing, type: primary, expr: crossing_id}
    dimensions:
      - {name: sail_date, type: time, type_params: {time_granularity: day}}
      - {name: tier, type: categorical}
      - {name: local_festival, type: categorical}
      - {name: status, type: categorical}
      - {name: is_docked, type: categorical}
    measures:
      - {name: tickets, agg: sum}
metrics:
  - {name: total_tickets, label: Total Tickets, type: simple, type_params: {measure: tickets}}
"""
DATA = """
create table crossings (crossing_id int, sail_date date, tier varchar, local_festival varchar,
  status varchar, is_docked boolean, tickets int);
insert into crossings values
  (1, '2026-01-03', 'Standard', null, 'docked', true, 10),
  (2, '2026-01-10', 'Festival', 'Lantern Night', 'docked', true, 40),
  (3, '2026-01-17', 'Festival', null, 'sailing', false, 25),
  (4, '2026-02-07', 'Standard', 'Harbour Day', 'docked', true, 30);
"""


@pytest.fixture(scope="module")
def ferry(yaml_shop):
    return yaml_shop("dimension_twins", MODEL, DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "non-festival tickets",
        "festival tickets in January",
        "tickets by festival",
        "非Festival的门票数",
    ],
)
def test_value_that_heads_another_dimension_is_asked_back(ferry, question) -> None:
    answer = ferry.ask(question)
    assert answer.refused
    assert "local festival" in answer.error


def test_the_value_with_its_own_dimension_is_answered(ferry) -> None:
    # one word away: the tier named beside its value says whose word it is
    assert answered_value(ferry.ask("total tickets for tier Festival")) == 65


def test_a_value_that_heads_no_dimension_is_answered(ferry) -> None:
    assert answered_value(ferry.ask("Standard tickets")) == 40


def test_a_flag_beside_its_value_is_no_twin(ferry) -> None:
    # status 'docked' and the flag is_docked say the same of the same rows
    assert answered_value(ferry.ask("docked tickets")) == 80
