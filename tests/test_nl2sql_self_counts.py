"""A count of the very thing the answer is grouped by is refused (``passes.self_counts``).

"which plane flew the most" on the flights model ranked planes by Planes Used (distinct planes),
which is 1 for every plane, and named an arbitrary one (issue #12). Original model: a dog
walking service's walks, with a count of walks and a count of distinct dogs walked.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 3, 31)
WALKS = """
semantic_models:
  - name: walks
    model: ref('walks')
    defaults: {agg_time_dimension: walked_on}
    entities:
      - {name: walk, type: primary, expr: walk_id}
      - {name: dog, type: foreign, expr: dog_id}
      - {name: walker, type: foreign, expr: walker_id}
    dimensions:
      - {name: walked_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: walk_count, agg: count, expr: walk_id}
      - {name: dogs_walked, agg: count_distinct, expr: dog_id}
metrics:
  - {name: walks, label: Walks, type: simple, type_params: {measure: walk_count}}
  - {name: dogs_walked, label: Dogs Walked, type: simple, type_params: {measure: dogs_walked}}
"""
WALKS_DATA = """
create table walks (walk_id int, dog_id int, walker_id int, walked_on date);
insert into walks values (1, 7, 1, '2026-03-01'), (2, 7, 1, '2026-03-02'), (3, 7, 2, '2026-03-03'),
  (4, 8, 2, '2026-03-03'), (5, 9, 2, '2026-03-04');
"""


@pytest.fixture(scope="module")
def walks(yaml_shop):
    return yaml_shop("self_counts_walks", WALKS, WALKS_DATA, TODAY)


@pytest.mark.parametrize("question", ["dogs walked by dog", "which dog had the most dogs walked"])
def test_a_count_of_the_grouped_thing_is_refused(walks, question: str) -> None:
    a = walks.ask(question)
    assert a.refused, a.interpretation
    assert "Dogs Walked" in a.error
    assert a.suggestions == ["Walks by dog"]


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("which dog had the most walks", [(7, 3)]),  # another count by dog: answered
        ("dogs walked by walker", [(1, 1), (2, 3)]),  # the count by another thing
        ("dogs walked", [(3,)]),
    ],
)
def test_other_counts_and_groupings_stay_answered(walks, question: str, rows) -> None:
    a = walks.ask(question)
    assert sorted(ok_rows(a)) == rows, a.error or a.interpretation
