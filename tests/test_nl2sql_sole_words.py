"""A metric named by the one noun of its label nothing else in the model uses.

"downtime by machine family" was refused on a fleet model whose only downtime metric is
"Average Downtime Hours per Machine": "downtime" is neither the label's last word nor a suffix.
``vocabulary.sole_words``: a plain noun of a metric's label that no other metric, dimension,
entity or value uses names that metric, scored as an uncontested head word, and the answer
shows the bridge. A word two metrics share stays unread.
Invented model: ovens in bakeries.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: oven_days
    model: ref('oven_days')
    defaults: {agg_time_dimension: service_day}
    entities:
      - {name: oven_day, type: primary, expr: oven_day_id}
    dimensions:
      - name: service_day
        type: time
        type_params: {time_granularity: day}
      - {name: bakery, type: categorical}
    measures:
      - {name: backlog_hours, agg: average}
      - {name: proofing_hours, agg: average}
      - {name: proofing_rejects, agg: sum}
      - {name: busy_count, agg: sum}
metrics:
  - {name: avg_backlog_hours, label: Average Backlog Hours per Oven, type: simple, type_params: {measure: backlog_hours}}
  - {name: avg_proofing_hours, label: Average Proofing Hours per Oven, type: simple, type_params: {measure: proofing_hours}}
  - {name: proofing_reject_count, label: Proofing Reject Count, type: simple, type_params: {measure: proofing_rejects}}
  - {name: busy_ovens, label: Busy Ovens, type: simple, type_params: {measure: busy_count}}
"""

DATA = """
CREATE TABLE oven_days (oven_day_id INTEGER, service_day DATE, bakery VARCHAR,
    backlog_hours DOUBLE, proofing_hours DOUBLE, proofing_rejects INTEGER, busy_count INTEGER);
INSERT INTO oven_days VALUES (1, DATE '2024-01-02', 'North', 2.0, 10, 5, 1),
    (2, DATE '2024-01-03', 'North', 4.0, 20, 9, 2), (3, DATE '2024-01-04', 'South', 1.0, 5, 2, 1);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("sole_words", MODEL, DATA, dt.date(2024, 6, 1))


def test_the_sole_noun_names_its_metric(shop) -> None:
    a = shop.ask("backlog by bakery")
    assert a.ok, a.error
    assert sorted(a.df.itertuples(index=False, name=None)) == [("North", 3.0), ("South", 1.0)]
    assert "backlog → Average Backlog Hours per Oven" in a.interpretation


def test_a_word_two_metrics_share_is_asked(shop) -> None:
    a = shop.ask("proofing by bakery")
    assert not a.ok
