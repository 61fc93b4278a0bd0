"""A yes/no flag named by a dictionary compound needs the whole compound, not its first word.

``flag_words`` reads ``is_<adjective>_<head>`` as an adjective before a head and lets users say
the adjective alone ("organic sales" for ``is_organic_product``). When the first words are one
dictionary term (``is_rush_hour``: "rush hour", 上下班时间), the first word alone is no
adjective of the flag: "rush passengers" was answered as the passengers in rush hour (and the
flag took CC-CEDICT's 灯心草, the rush plant, as a Chinese name). The whole compound still names
the flag; a flag whose first word is a plain adjective keeps it (``is_covered_deck``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: ferry_trips
    model: ref('ferry_trips')
    defaults: {agg_time_dimension: sailed_at}
    entities:
      - {name: trip, type: primary, expr: trip_id}
    dimensions:
      - {name: sailed_at, type: time, type_params: {time_granularity: day}}
      - {name: is_rush_hour, type: categorical}
      - {name: is_covered_deck, type: categorical}
    measures:
      - {name: passengers, agg: sum}
metrics:
  - {name: passengers, label: Passengers, type: simple, type_params: {measure: passengers}}
"""
DATA = """
create table ferry_trips (trip_id int, sailed_at date, is_rush_hour int, is_covered_deck int,
  passengers int);
insert into ferry_trips values
  (1, '2026-02-02', 1, 0, 120), (2, '2026-02-02', 0, 1, 45), (3, '2026-02-03', 1, 1, 80),
  (4, '2026-02-04', 0, 0, 7);
"""


@pytest.fixture(scope="module")
def ferry(yaml_shop):
    return yaml_shop("flag_compounds", MODEL, DATA, TODAY)


def test_first_word_of_a_compound_flag_is_refused(ferry) -> None:
    assert ferry.ask("rush passengers").refused
    assert ferry.ask("passengers for rush").refused
    assert ferry.ask("灯心草的乘客").refused


def test_whole_compound_names_the_flag(ferry) -> None:
    assert answered_value(ferry.ask("passengers in rush hour")) == 200
    assert answered_value(ferry.ask("rush hour passengers")) == 200


def test_plain_adjective_flag_keeps_its_first_word(ferry) -> None:
    assert answered_value(ferry.ask("covered passengers")) == 125
    assert answered_value(ferry.ask("covered deck passengers")) == 125
