"""A row-key entity is named by its whole name; its words name the number of the thing.

A fact table whose primary entity is a surrogate row key (``firing_round`` on
``firing_round_key``, one value per row, referenced by no other model) grouped "pots fired by
round" by the key values ('r1-2026-02-02', …): one group per row, where the user asks for the
round number the model carries as ``firing_round_number`` (issue #12 wrong answer, found as
各周期的净收入留存率 on a subscription project). Now the entity's partial words name that
dimension; the whole name still groups by the key (MetricFlow allows it), and without such a
dimension the words keep naming the entity.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_pairs

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: kiln_firings
    model: ref('kiln_firings')
    defaults: {agg_time_dimension: fired_on}
    entities:
      - {name: firing_round, type: primary, expr: firing_round_key}
    dimensions:
      - {name: fired_on, type: time, type_params: {time_granularity: day}}
      - {name: firing_round_number, type: categorical}
    measures:
      - {name: pots_fired, agg: sum}
  - name: glaze_batches
    model: ref('glaze_batches')
    defaults: {agg_time_dimension: mixed_on}
    entities:
      - {name: glaze_batch, type: primary, expr: glaze_batch_key}
    dimensions:
      - {name: mixed_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: litres_mixed, agg: sum}
metrics:
  - {name: pots_fired, label: Pots Fired, type: simple, type_params: {measure: pots_fired}}
  - {name: litres_mixed, label: Litres Mixed, type: simple, type_params: {measure: litres_mixed}}
"""
DATA = """
create table kiln_firings (firing_round_key varchar, fired_on date, firing_round_number int,
  pots_fired int);
insert into kiln_firings values
  ('r1-2026-02-02', '2026-02-02', 1, 10), ('r1-2026-02-09', '2026-02-09', 1, 12),
  ('r2-2026-02-02', '2026-02-02', 2, 7);
create table glaze_batches (glaze_batch_key varchar, mixed_on date, litres_mixed int);
insert into glaze_batches values ('g-1', '2026-02-02', 4), ('g-2', '2026-02-03', 6);
"""


@pytest.fixture(scope="module")
def kiln(yaml_shop):
    return yaml_shop("row_key_entities", MODEL, DATA, TODAY)


def test_a_row_key_word_groups_by_the_number_of_the_thing(kiln) -> None:
    assert answered_pairs(kiln.ask("pots fired by round"), 0) == {"1": 22, "2": 7}
    assert answered_pairs(kiln.ask("pots fired by firing round number"), 0) == {"1": 22, "2": 7}


def test_the_whole_entity_name_still_groups_by_the_key(kiln) -> None:
    pairs = answered_pairs(kiln.ask("pots fired by firing round"), 0)
    assert pairs == {"r1-2026-02-02": 10, "r1-2026-02-09": 12, "r2-2026-02-02": 7}


def test_a_row_key_word_without_a_number_dimension_still_names_the_entity(kiln) -> None:
    # the words of a row key with no number dimension keep naming it, as before
    answer = kiln.ask("litres mixed by glaze batch")
    assert answered_pairs(answer, 0) == {"g-1": 4, "g-2": 6}
