"""The earliest or latest value of a date column for the rows of one value: "earliest loan
date of Eastside".

A metric-free listing may be filtered by a value as MetricFlow filters one (``where`` on a
dimension): the extreme of a date then is that value's rows' own. It was refused ("the
question names no metric I know") because any value in the question stopped the reading.
Two domains (a library, a clinic), English and Chinese; a metric or a time range still stops it.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 7, 2)
LIBRARY = """
semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: loaned_on}
    entities: [{name: loan, type: primary, expr: loan_id}]
    dimensions:
      - name: loaned_on
        label: Loan Date
        type: time
        type_params: {time_granularity: day}
        config: {meta: {synonyms: [借阅日期]}}
      - {name: branch, type: categorical}
    measures: [{name: loan_count, agg: count, expr: loan_id}]
metrics:
  - {name: loans, label: Loans, type: simple, type_params: {measure: loan_count}}
"""
LIBRARY_DATA = """
create table loans (loan_id int, loaned_on date, branch varchar);
insert into loans values (1, '2026-01-05', 'Eastside'), (2, '2026-03-09', 'Eastside'),
  (3, '2025-11-30', 'Harbor'), (4, '2026-06-01', 'Harbor');
"""
CLINIC = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities: [{name: visit, type: primary, expr: visit_id}]
    dimensions:
      - {name: visited_on, label: Visit Date, type: time, type_params: {time_granularity: day}}
      - {name: department, type: categorical}
    measures: [{name: visit_count, agg: count, expr: visit_id}]
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
"""
CLINIC_DATA = """
create table visits (visit_id int, visited_on date, department varchar);
insert into visits values (1, '2026-02-01', 'cardiology'), (2, '2026-04-20', 'cardiology'),
  (3, '2026-05-15', 'oncology');
"""


@pytest.mark.parametrize(
    ("shop", "question", "want"),
    [
        ("library", "earliest loan date of Eastside", "2026-01-05"),
        ("library", "Harbor的最晚借阅日期", "2026-06-01"),
        ("clinic", "latest visit date for cardiology", "2026-04-20"),
        ("clinic", "earliest visit date of oncology", "2026-05-15"),
    ],
)
def test_the_extreme_of_one_values_rows(yaml_shop, shop, question, want) -> None:
    s = (
        yaml_shop("extreme_library", LIBRARY, LIBRARY_DATA, TODAY)
        if shop == "library"
        else yaml_shop("extreme_clinic", CLINIC, CLINIC_DATA, TODAY)
    )
    a = s.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == [] and len(a.query.filters) == 1
    assert [str(v)[:10] for v in a.df.iloc[:, -1]] == [want]


def test_a_metric_or_a_range_still_stops_it(yaml_shop) -> None:
    s = yaml_shop("extreme_library_stop", LIBRARY, LIBRARY_DATA, TODAY)
    for question in ("earliest loan date of Eastside in 2026", "earliest loans of Eastside"):
        a = s.ask(question)
        assert not (a.ok and a.query.metrics == [] and a.derived is not None), question
