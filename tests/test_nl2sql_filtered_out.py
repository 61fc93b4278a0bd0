"""An empty answer from a metric whose own filter leaves out every row asked about is refused.

The only count of hive visits a beekeeping co-op's model has is "Counted Visits", defined over
the visits whose honey was weighed (``was_weighed = true``); a visit abandoned in the rain is
never weighed. "How many abandoned visits" read that count with ``visit_outcome =
'abandoned'`` and answered an empty result — "none" — where the yard book holds two (issue #12,
found on a subscription project's GMV-eligible "Order Count" asked for cancelled orders). The
two conditions are on different columns, linked only by the data, so ``empty_conditions`` could
not see the clash. Now the empty answer is refused, naming the metric's filter and offering the
unfiltered count of visits. One-word-difference probes stay answered: a weighed outcome, a
period with no weighed visit (a true zero), a value no row has (a true zero), the unfiltered
count itself.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.filtered_out import left_out_check
from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 6, 30)

MODEL = """
semantic_models:
  - name: hive_visits
    model: ref('hive_visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
      - {name: visit_outcome, type: categorical}
      - {name: was_weighed, type: categorical}
    measures:
      - {name: weighed_visit_count, agg: sum, expr: "case when was_weighed then 1 else 0 end"}
      - {name: visit_rows, agg: sum, expr: "1"}
      - {name: honey_kg, agg: sum, expr: honey_kg}
metrics:
  - name: counted_visits
    label: Visit Count
    description: Visits whose honey was weighed.
    type: simple
    type_params:
      measure: {name: weighed_visit_count, filter: "{{ Dimension('visit__was_weighed') }} = true"}
  - name: visits_total_count
    label: Total Visits
    type: simple
    type_params: {measure: visit_rows}
  - name: weighed_honey
    label: Weighed Honey
    type: simple
    type_params:
      measure: {name: honey_kg, filter: "{{ Dimension('visit__was_weighed') }} = true"}
"""
DATA = """
create table hive_visits (visit_id int, visited_on date, visit_outcome varchar,
  was_weighed boolean, honey_kg double);
insert into hive_visits values
  (1, '2026-05-04', 'harvested', true, 12.5), (2, '2026-05-11', 'harvested', true, 9.0),
  (3, '2026-05-18', 'abandoned', false, 0), (4, '2026-06-01', 'inspected', true, 0),
  (5, '2026-06-08', 'abandoned', false, 0), (6, '2026-06-15', 'harvested', true, 7.5),
  (7, '2026-06-16', 'swarmed', false, 0);
"""


@pytest.fixture(scope="module")
def apiary(yaml_shop):
    return yaml_shop("filtered_out", MODEL, DATA, TODAY)


def test_rows_the_metric_filter_leaves_out_are_refused(apiary) -> None:
    answer = apiary.ask("how many abandoned visits")
    assert answer.refused, answer.interpretation
    assert "was_weighed = TRUE" in answer.error and "2 rows" in answer.error
    assert answer.suggestions == ["Total Visits where visit outcome is abandoned"]
    # the offered question answers the true count
    assert answered_value(apiary.ask(answer.suggestions[0])) == 2


def test_an_amount_with_no_unfiltered_twin_is_refused_without_one(apiary) -> None:
    answer = apiary.ask("weighed honey of swarmed visits")
    assert answer.refused
    assert "no metric that includes those rows" in answer.error
    assert answer.suggestions == []


def test_chinese_refusal_names_the_filter(apiary) -> None:
    answer = apiary.ask("visit outcome为abandoned的visit count")
    assert answer.refused
    assert "was_weighed = TRUE" in answer.reason and "2行" in answer.reason


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how many harvested visits", 3),  # rows the filter keeps: answered
        ("how many inspected visits", 1),
        ("visit count in May 2026", 2),
        ("total visits where visit outcome is swarmed", 1),  # the unfiltered count
    ],
)
def test_one_word_differences_stay_answered(apiary, question: str, expected: float) -> None:
    assert answered_value(apiary.ask(question)) == expected


def test_a_period_without_such_rows_is_a_true_zero(apiary) -> None:
    # harvested visits exist, only none in April: the empty answer is right and stands
    answer = apiary.ask("how many harvested visits in April 2026")
    assert not answer.refused, answer.error
    assert answer.df is not None and (answer.df.empty or not answer.df.iloc[0, 0])


def test_the_check_keeps_only_the_question_conditions() -> None:
    sql = (
        "SELECT SUM(1) FILTER (WHERE v.a = 1 AND v.b IS NOT NULL) AS n FROM t AS v "
        "WHERE v.c = 'x' AND v.a = 1 AND v.b IS NOT NULL"
    )
    check = left_out_check(sql)
    assert check is not None
    assert check.asked == "c = 'x'" and check.metric_filter == "a = 1 AND NOT b IS NULL"
    # two metrics with their own filters: the OR of both is theirs, not the question's
    two = (
        "SELECT SUM(1) FILTER (WHERE v.a = 1) AS n, SUM(1) FILTER (WHERE v.b = 2) AS m "
        "FROM t AS v WHERE v.c = 'x' AND (v.a = 1 OR v.b = 2)"
    )
    assert left_out_check(two).asked == "c = 'x'"  # type: ignore[union-attr]
