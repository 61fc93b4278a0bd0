"""A sum of per-row counts of a thing, by that thing's own dimension, is refused
(``rules.passes.linked_counts``).

"按停止原因统计失败的充电尝试次数" on an external EV-charging model summed each visit's
``charge_attempt_count`` grouped by the stop reason of the one attempt a visit links to (its
last): every attempt of a visit counted under its last attempt's reason (issue #12, session
27 probe). Here on a laundrette of our own: visits hold ``wash_count``, washes have their own
rows and a programme; the washes' own count answers "washes by programme".
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 4, 1)
LAUNDRETTE = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
      - {name: wash, type: foreign, expr: last_wash_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
      - {name: shop, type: categorical}
    measures:
      - {name: washes_per_visit, agg: sum, expr: wash_count}
  - name: washes
    model: ref('washes')
    defaults: {agg_time_dimension: washed_on}
    entities:
      - {name: wash, type: primary, expr: wash_id}
    dimensions:
      - {name: washed_on, type: time, type_params: {time_granularity: day}}
      - {name: programme, type: categorical}
    measures:
      - {name: wash_rows, agg: count, expr: wash_id}
metrics:
  - {name: total_washes, label: Total washes, description: "Washes over all visits.",
     type: simple, type_params: {measure: washes_per_visit}}
  - {name: wash_total, label: Wash count, description: "Number of washes.", type: simple,
     type_params: {measure: wash_rows}}
"""
LAUNDRETTE_DATA = """
create table washes (wash_id int, washed_on date, programme varchar);
insert into washes values (1, '2026-03-01', 'cotton'), (2, '2026-03-01', 'wool'),
  (3, '2026-03-02', 'cotton'), (4, '2026-03-02', 'cotton'), (5, '2026-03-03', 'wool');
create table visits (visit_id int, visited_on date, shop varchar, wash_count int,
  last_wash_id int);
insert into visits values (1, '2026-03-01', 'East', 2, 2), (2, '2026-03-02', 'East', 2, 4),
  (3, '2026-03-03', 'West', 1, 5);
"""


@pytest.fixture(scope="module")
def laundrette(yaml_shop):
    return yaml_shop("linked_counts", LAUNDRETTE, LAUNDRETTE_DATA, TODAY)


def test_a_summed_count_by_the_linked_things_dimension_is_refused(laundrette):
    a = laundrette.ask("total washes by programme")
    assert a.refused
    assert "links to one wash" in a.error
    assert a.suggestions == ["Wash count by programme"]
    offered = laundrette.ask(a.suggestions[0])
    got = dict(zip(offered.df.iloc[:, 0], offered.df.iloc[:, -1], strict=True))
    assert got == {"cotton": 3, "wool": 2}  # the summed count said cotton 2, wool 3


def test_by_a_dimension_of_the_summing_rows_it_is_answered(laundrette):
    a = laundrette.ask("total washes by shop")
    assert not a.refused, a.error
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {"East": 4, "West": 1}
