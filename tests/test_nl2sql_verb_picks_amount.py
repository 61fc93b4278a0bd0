"""A verb that names one amount's event picks that amount out of a generic "金额"
(``_told_by_verbs`` in ``nl2sql.rules.passes.metric_or_noun``).

A fresh public dbt project (employer health-benefit claims) has "Total Claim Amount" and
"Insurance Paid Amount"; "保险支付金额" was refused as an ambiguous 金额 although 保险 (to insure,
a verb bridge of "insurance") is the event of one of them only. Tests on a transit model whose
words are unrelated to that project.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)

TRANSIT = """
semantic_models:
  - name: trips
    model: ref('trips')
    defaults: {agg_time_dimension: rode_on}
    entities:
      - {name: trip, type: primary, expr: trip_id}
    dimensions:
      - {name: rode_on, type: time, type_params: {time_granularity: day}}
      - {name: zone, type: categorical}
    measures:
      - {name: fare, agg: sum}
      - {name: comp, agg: sum}
metrics:
  - {name: total_fare_amount, label: Total Fare Amount, type: simple,
     type_params: {measure: fare}}
  - {name: compensation_amount, label: Compensation Amount, type: simple,
     type_params: {measure: comp}}
"""
TRANSIT_DATA = """
create table trips (trip_id int, rode_on date, zone varchar, fare int, comp int);
insert into trips values (1, '2026-04-02', 'Inner', 30, 10), (2, '2026-04-03', 'Outer', 50, 0),
  (3, '2026-04-04', 'Inner', 20, 5);
"""


@pytest.fixture(scope="module")
def transit(yaml_shop):
    return yaml_shop("verb_picks_amount", TRANSIT, TRANSIT_DATA, TODAY)


def test_verb_picks_the_amount_it_names(transit) -> None:
    answer = transit.ask("补偿金额")
    assert not answer.refused, answer.error
    assert answer.query.metrics == ["compensation_amount"]
    assert float(answer.df.iloc[0, 0]) == 15.0


def test_verb_picks_the_amount_by_month(transit) -> None:
    answer = transit.ask("每个月的补偿金额")
    assert not answer.refused, answer.error
    assert answer.query.metrics == ["compensation_amount"]
    assert [float(v) for v in answer.df.iloc[:, -1]] == [15.0]


def test_generic_amount_alone_is_still_asked_back(transit) -> None:
    answer = transit.ask("金额")
    assert answer.refused
    assert "ambiguous" in answer.error
