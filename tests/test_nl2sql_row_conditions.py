"""A condition on each counted row's own measured value, with its unit converted.

"number of shipments with weight over 2 kg" counts the shipments whose own weight (grams in
the model) exceeds 2,000: the compared metric is computed per the rows' own entity, as
MetricFlow writes it (``{{ Metric('avg_weight', group_by=['shipment']) }} > 2000``). Refused
before ("the condition would apply to the one overall total"). Several statistics of the one
column (average, maximum) agree on one row, so the word naming both is no longer ambiguous
*there*, and stays ambiguous anywhere else. A count compared with a measured number ("calls
longer than 5 minutes") names the measures to compare. Two domains: parcels and a call centre.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
PARCELS = """
semantic_models:
  - name: shipments
    model: ref('shipments')
    description: Parcels sent. Weights are in grams.
    defaults: {agg_time_dimension: shipped_on}
    entities:
      - {name: shipment, type: primary, expr: shipment_id}
      - {name: depot, type: foreign, expr: depot_id}
    dimensions:
      - {name: shipped_on, type: time, type_params: {time_granularity: day}}
      - {name: service, type: categorical}
    measures:
      - {name: shipment_count, agg: count, expr: shipment_id}
      - {name: avg_weight, agg: average, expr: weight_g, description: Average weight in grams.}
      - {name: max_weight, agg: max, expr: weight_g, description: Heaviest weight in grams.}
  - name: depots
    model: ref('depots')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: depot, type: primary, expr: depot_id}
    dimensions:
      - {name: opened_on, type: time, type_params: {time_granularity: day}}
      - {name: city, type: categorical}
    measures:
      - {name: depot_count, agg: count, expr: depot_id}
metrics:
  - {name: shipments, label: Shipments, type: simple, type_params: {measure: shipment_count}}
  - {name: average_weight, label: Average Weight, type: simple,
     description: Average parcel weight in grams., type_params: {measure: avg_weight}}
  - {name: maximum_weight, label: Maximum Weight, type: simple,
     description: Heaviest parcel weight in grams., type_params: {measure: max_weight}}
  - {name: depots, label: Depots, type: simple, type_params: {measure: depot_count}}
"""
PARCELS_DATA = """
create table shipments (shipment_id int, depot_id int, shipped_on date, service varchar,
  weight_g int);
insert into shipments values (1, 1, '2026-06-01', 'express', 500),
  (2, 1, '2026-06-02', 'ground', 2500), (3, 2, '2026-06-03', 'ground', 3100),
  (4, 2, '2026-06-04', 'express', 1999), (5, 2, '2026-06-05', 'ground', NULL);
create table depots (depot_id int, opened_on date, city varchar);
insert into depots values (1, '2020-01-01', 'Lyon'), (2, '2021-01-01', 'Nantes');
"""
CALLS = """
semantic_models:
  - name: calls
    model: ref('calls')
    defaults: {agg_time_dimension: called_at}
    entities:
      - {name: call, type: primary, expr: call_id}
      - {name: agent, type: foreign, expr: agent_id}
    dimensions:
      - {name: called_at, type: time, type_params: {time_granularity: day}}
      - {name: queue, type: categorical}
    measures:
      - {name: call_count, agg: count, expr: call_id}
      - {name: talk_seconds_avg, agg: average, expr: talk_seconds}
      - {name: talk_seconds_median, agg: median, expr: talk_seconds}
metrics:
  - name: calls
    label: Calls
    type: simple
    type_params: {measure: call_count}
    config: {meta: {synonyms: [通话数]}}
  - name: average_talk_time
    label: Average Talk Time
    description: Mean talk time of a call, in seconds.
    type: simple
    type_params: {measure: talk_seconds_avg}
    config: {meta: {synonyms: [平均通话时长]}}
  - name: median_talk_time
    label: Median Talk Time
    description: Median talk time of a call, in seconds.
    type: simple
    type_params: {measure: talk_seconds_median}
"""
CALLS_DATA = """
create table calls (call_id int, agent_id int, called_at date, queue varchar, talk_seconds int);
insert into calls values (1, 7, '2026-06-01', 'billing', 120), (2, 7, '2026-06-01', 'billing', 400),
  (3, 8, '2026-06-02', 'sales', 301), (4, 8, '2026-06-03', 'sales', 299),
  (5, 9, '2026-06-04', 'sales', 900);
"""


@pytest.fixture(scope="module")
def parcels(yaml_shop):
    return yaml_shop("row_cond_parcels", PARCELS, PARCELS_DATA, TODAY)


@pytest.fixture(scope="module")
def calls(yaml_shop):
    return yaml_shop("row_cond_calls", CALLS, CALLS_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "want", "note"),
    [
        ("number of shipments with average weight over 2 kg", 2, "2 kg = 2,000 g"),
        ("how many shipments had an average weight of more than 1999 grams", 2, ""),
        ("number of shipments with weight over 2 kg", 2, "2 kg = 2,000 g"),
    ],
)
def test_parcels_over_a_weight(parcels, question, want, note) -> None:
    a = parcels.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["shipments"] and a.query.having == []
    assert len(a.query.where) == 1 and "group_by=['shipment']" in a.query.where[0]
    assert answer_rows(a) == [(want,)]  # shipments 2 (2,500 g) and 3 (3,100 g)
    assert note in a.interpretation


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("number of calls with talk time over 5 minutes", 3),  # 400, 301, 900 s
        ("how many calls had a talk time of more than 5 minutes", 3),
        ("平均通话时长超过5分钟的通话数", 3),
    ],
)
def test_calls_over_a_duration(calls, question, want) -> None:
    a = calls.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["calls"]
    assert answer_rows(a) == [(want,)]


@pytest.mark.parametrize(
    "question", ["talk time by queue", "talk time over 300 by queue", "按queue的talk time"]
)
def test_several_statistics_stay_ambiguous_anywhere_else(calls, question) -> None:
    a = calls.ask(question)
    assert a.refused and "ambiguous" in a.error, a.interpretation


def test_another_things_number_is_no_row_value(calls) -> None:
    """Agents are not the calls' rows: an agent's average talk time is a per-agent number
    (the entity-condition rule's), never read as each call's own value."""
    a = calls.ask("number of agents with average talk time over 5 minutes")
    assert not (a.ok and a.query.where and "group_by=['call']" in a.query.where[0])


@pytest.mark.parametrize(
    ("shop", "question", "first"),
    [
        ("calls", "calls longer than 5 minutes", "Calls with Average Talk Time over 5 minutes"),
        ("parcels", "shipments over 2 kg", "Shipments with Average Weight over 2 kg"),
    ],
)
def test_a_count_compared_with_a_measure_names_the_measures(
    calls, parcels, shop, question, first
) -> None:
    s = calls if shop == "calls" else parcels
    a = s.ask(question)
    assert a.refused and "is a count" in a.error, a.interpretation
    assert a.suggestions and a.suggestions[0] == first
    assert s.ask(first).ok
