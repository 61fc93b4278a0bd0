"""A sum word before a numeric dimension is refused, never answered as a count per value
(``nl2sql.rules.summed_dimension``).

Before, "total capacity of listings" on MetricFlow's lodging example grouped the listings by
capacity and answered a count per capacity (issue #12), a table of counts for a question about
one sum the model cannot compute. Original model: a greenhouse's benches, each with a number of
tray slots, and the plantings on them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
GREENHOUSE = """
semantic_models:
  - name: benches
    model: ref('benches')
    defaults: {agg_time_dimension: built_on}
    entities:
      - {name: bench, type: primary, expr: bench_id}
    dimensions:
      - {name: built_on, type: time, type_params: {time_granularity: day}}
      - {name: tray_slots, type: categorical}
      - {name: house, type: categorical}
    measures:
      - {name: bench_count, agg: count_distinct, expr: bench_id}
  - name: plantings
    model: ref('plantings')
    defaults: {agg_time_dimension: planted_on}
    entities:
      - {name: planting, type: primary, expr: planting_id}
      - {name: bench, type: foreign, expr: bench_id}
    dimensions:
      - {name: planted_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: planting_count, agg: count, expr: planting_id}
metrics:
  - {name: benches, label: Benches, type: simple, type_params: {measure: bench_count}}
  - {name: plantings, label: Plantings, type: simple, type_params: {measure: planting_count}}
"""
DATA = """
create table benches (bench_id int, built_on date, tray_slots int, house varchar);
insert into benches values (1, '2020-01-01', 12, 'North'), (2, '2020-02-01', 12, 'South'),
  (3, '2021-01-01', 20, 'North');
create table plantings (planting_id int, bench_id int, planted_on date);
insert into plantings values (10, 1, '2026-06-01'), (11, 3, '2026-06-02'), (12, 3, '2026-06-03');
"""


@pytest.fixture(scope="module")
def greenhouse(yaml_shop):
    return yaml_shop("summed_dimension_greenhouse", GREENHOUSE, DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["total tray slots of benches", "total tray slots", "sum of the tray slots"]
)
def test_a_total_of_a_numeric_dimension_is_refused(greenhouse, question) -> None:
    a = greenhouse.ask(question)
    assert a.refused, a.interpretation
    assert "dimension" in a.error, a.error
    assert a.suggestions, a.error
    for s in a.suggestions:  # the breakdown it can give instead, which runs
        assert sorted(ok_rows(greenhouse.ask(s))) == [(12, 2), (20, 1)], s


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("benches by tray slots", [(12, 2), (20, 1)]),
        ("total plantings by tray slots", [(12, 1), (20, 2)]),
        ("total plantings by house", [("North", 3)]),
    ],
)
def test_a_named_breakdown_stays_answered(greenhouse, question, rows) -> None:
    a = greenhouse.ask(question)
    assert sorted(ok_rows(a)) == rows, a.interpretation
