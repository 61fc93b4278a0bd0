""" "How many times … <verb>" / "how often … <verb>" name the metric counting that verb
(``rules.times_counts``).

"How many times did the GCP Inspection stage run this year?" was refused ("I don't know
'times'") beside a metric "How often the stage ran" (``times_performed``). Invented model: a
bakery's oven runs — how often each oven ran (``times_fired``) and the hours it stood idle.
"ran/run" and "fired" reach the count by lemma; a verb no counting metric says ("stop") stays
refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

MODEL = """
semantic_models:
  - name: oven_log
    model: ref('oven_log')
    defaults: {agg_time_dimension: run_month}
    entities:
      - {name: log_entry, type: primary, expr: run_id}
    dimensions:
      - name: run_month
        type: time
        type_params: {time_granularity: day}
      - {name: oven, type: categorical}
    measures:
      - {name: times_fired, agg: sum}
      - {name: idle_hours, agg: sum}
metrics:
  - name: oven_runs_times_fired
    label: "Oven Runs: How often the oven ran"
    description: How often the oven ran
    type: simple
    type_params: {measure: times_fired}
  - name: oven_runs_idle_hours
    label: "Oven Runs: Hours standing cold"
    type: simple
    type_params: {measure: idle_hours}
"""

DATA = """
CREATE TABLE oven_log (run_id INTEGER, run_month DATE, oven VARCHAR, times_fired INTEGER,
    idle_hours INTEGER);
INSERT INTO oven_log VALUES (1, DATE '2024-01-01', 'Stone', 12, 3), (2, DATE '2024-02-01', 'Stone', 8, 1),
    (3, DATE '2024-02-01', 'Brick', 5, 9), (4, DATE '2023-12-01', 'Brick', 40, 0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("times_counts", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    "question",
    [
        "how many times did the Stone oven run in 2024?",
        "how often did the Stone oven run in 2024?",
        "how many times was the Stone oven fired in 2024?",
    ],
)
def test_the_verb_of_times_names_the_counting_metric(shop, question: str) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == ["oven_runs_times_fired"]
    assert answer_rows(a) == [(20,)]


def test_a_verb_no_counting_metric_says_stays_refused(shop) -> None:
    assert not shop.ask("how many times did the Stone oven stop in 2024?").ok
