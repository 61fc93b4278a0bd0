"""A metric named by the plural of the value that defines it ("signups" for "Funnel signups").

A funnel model counts each stage with its own measure (``case when funnel_stage = 'signup'
then user_id end``) labelled with the stage's plural. "How many signups did we get each
month?" was refused ("I don't know 'signups'"): "signup" is a value of the stage, "signups"
nothing. The plural now names the metric the owner defined by that value; the singular stays
the value, and a metric of the model's own name always wins. Two domains: a marketing funnel
and a hiring pipeline.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
FUNNEL = """
semantic_models:
  - name: funnel_event
    model: ref('funnel_events')
    defaults: {agg_time_dimension: event_date}
    entities:
      - {name: funnel_event, type: primary, expr: event_id}
    dimensions:
      - {name: event_date, type: time, type_params: {time_granularity: day}}
      - {name: funnel_stage, type: categorical}
    measures:
      - {name: n_signups, agg: count_distinct,
         expr: "case when funnel_stage = 'signup' then user_id else null end"}
      - {name: n_mqls, agg: count_distinct,
         expr: "case when funnel_stage = 'mql' then user_id else null end"}
metrics:
  - {name: funnel_signups, label: "Funnel signups (distinct users)", type: simple,
     type_params: {measure: n_signups}}
  - {name: funnel_mqls, label: "Funnel MQLs (distinct users)", type: simple,
     type_params: {measure: n_mqls}}
"""
FUNNEL_DATA = """
create table funnel_events (event_id int, user_id int, event_date date, funnel_stage varchar);
insert into funnel_events values (1, 1, '2026-05-03', 'signup'), (2, 1, '2026-05-04', 'signup'),
  (3, 2, '2026-05-09', 'signup'), (4, 3, '2026-06-01', 'signup'), (5, 1, '2026-06-02', 'mql');
"""
HIRING = """
semantic_models:
  - name: pipeline
    model: ref('pipeline')
    defaults: {agg_time_dimension: moved_on}
    entities:
      - {name: step, type: primary, expr: step_id}
    dimensions:
      - {name: moved_on, type: time, type_params: {time_granularity: day}}
      - {name: stage, type: categorical}
    measures:
      - {name: offers_made, agg: count_distinct,
         expr: "case when stage = 'offer' then candidate_id end"}
      - {name: steps, agg: count, expr: step_id}
metrics:
  - {name: pipeline_offers, label: Pipeline offers, type: simple,
     type_params: {measure: offers_made}}
  - {name: steps, label: Steps, type: simple, type_params: {measure: steps}}
"""
HIRING_DATA = """
create table pipeline (step_id int, candidate_id int, moved_on date, stage varchar);
insert into pipeline values (1, 10, '2026-06-01', 'offer'), (2, 10, '2026-06-03', 'offer'),
  (3, 11, '2026-06-05', 'offer'), (4, 12, '2026-06-05', 'interview');
"""


@pytest.fixture(scope="module")
def funnel(yaml_shop):
    return yaml_shop("value_named_funnel", FUNNEL, FUNNEL_DATA, TODAY)


@pytest.fixture(scope="module")
def hiring(yaml_shop):
    return yaml_shop("value_named_hiring", HIRING, HIRING_DATA, TODAY)


def test_the_plural_of_a_defining_value_names_its_metric(funnel) -> None:
    a = funnel.ask("How many signups did we get each month?")
    assert a.ok, a.error
    assert a.query.metrics == ["funnel_signups"] and a.query.filters == []
    rows = [(str(r[0])[:10], r[1]) for r in answer_rows(a)]
    assert rows == [("2026-05-01", 2), ("2026-06-01", 1)]  # users 1, 2 in May; 3 in June


def test_an_initialism_value(funnel) -> None:
    a = funnel.ask("number of mqls")
    assert a.ok, a.error
    assert a.query.metrics == ["funnel_mqls"] and answer_rows(a) == [(1,)]


def test_on_another_model(hiring) -> None:
    a = hiring.ask("how many offers in June 2026")
    assert a.ok, a.error
    assert a.query.metrics == ["pipeline_offers"]
    assert answer_rows(a) == [(2,)]  # candidates 10 and 11


def test_the_singular_stays_the_value(hiring) -> None:
    """Control: "steps at the offer stage" filters the steps by the value."""
    a = hiring.ask("steps where stage is offer")
    assert a.ok, a.error
    assert a.query.metrics == ["steps"]
    assert [(f.dimension, f.values) for f in a.query.filters] == [("step__stage", ["offer"])]
    assert answer_rows(a) == [(3,)]
