"""A value that spells its own entity's name is the domain word, not a filter, unless its
dimension is named.

"How many charging visits did we have last month?" on a fresh public dbt project (EV charging:
visits join their last charge attempt, whose ``next_status`` has a value "Charging") counted
only the visits whose last attempt went on to "Charging": 1,267 instead of 1,401, a wrong
answer. The word is a form of the entity's own name (``charge_attempt``); it says what the
question is about. It is now shown as that entity and filters nothing; "with stream state
Streaming" (the dimension named) still filters.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 5, 20)

STREAMING = """
semantic_models:
  - name: sessions
    model: ref('sessions')
    defaults: {agg_time_dimension: started_on}
    entities:
      - {name: session, type: primary, expr: session_id}
      - {name: stream, type: foreign, expr: last_stream_id}
    dimensions:
      - {name: started_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: session_count, agg: count, expr: session_id}
  - name: streams
    model: ref('streams')
    entities:
      - {name: stream, type: primary, expr: stream_id}
    dimensions:
      - {name: stream_state, type: categorical}
metrics:
  - {name: sessions, label: Sessions, type: simple, type_params: {measure: session_count}}
"""
STREAMING_DATA = """
create table streams as select i as stream_id,
  case when i <= 4 then 'Streaming' when i <= 7 then 'Paused' else 'Stopped' end as stream_state
  from range(1, 11) t(i);
create table sessions as select i as session_id, i as last_stream_id,
  date '2026-04-05' as started_on from range(1, 11) t(i);
"""

CARPARK = """
semantic_models:
  - name: stays
    model: ref('stays')
    defaults: {agg_time_dimension: left_on}
    entities:
      - {name: stay, type: primary, expr: stay_id}
      - {name: parking_event, type: foreign, expr: last_event_id}
    dimensions:
      - {name: left_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: stay_count, agg: count, expr: stay_id}
  - name: parking_events
    model: ref('parking_events')
    entities:
      - {name: parking_event, type: primary, expr: event_id}
    dimensions:
      - {name: event_status, type: categorical}
metrics:
  - {name: stays, label: Stays, type: simple, type_params: {measure: stay_count}}
"""
CARPARK_DATA = """
create table parking_events as select i as event_id,
  case when i <= 3 then 'Parking' else 'Exited' end as event_status from range(1, 9) t(i);
create table stays as select i as stay_id, i as last_event_id, date '2026-04-12' as left_on
  from range(1, 9) t(i);
"""


@pytest.fixture(scope="module")
def streaming(yaml_shop):
    return yaml_shop("streaming", STREAMING, STREAMING_DATA, TODAY)


@pytest.fixture(scope="module")
def carpark(yaml_shop):
    return yaml_shop("carpark", CARPARK, CARPARK_DATA, TODAY)


def test_streaming_sessions_are_all_sessions(streaming) -> None:
    a = streaming.ask("how many streaming sessions did we have last month?")
    assert answered_value(a) == 10
    assert "stream state" not in a.interpretation.lower()


def test_the_named_state_still_filters(streaming) -> None:
    a = streaming.ask("how many sessions with stream state Streaming last month?")
    assert answered_value(a) == 4


def test_parking_stays_are_all_stays(carpark) -> None:
    a = carpark.ask("how many parking stays in April?")
    assert answered_value(a) == 8
    assert "event status" not in a.interpretation.lower()


RETURNS = """
semantic_models:
  - name: items
    model: ref('items')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: item, type: primary, expr: item_id}
      - {name: return, type: foreign, expr: return_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: item_count, agg: count, expr: item_id}
  - name: returns
    model: ref('returns')
    entities:
      - {name: return, type: primary, expr: return_id}
    dimensions:
      - {name: return_status, type: categorical}
metrics:
  - {name: items_sold, label: Items sold, type: simple, type_params: {measure: item_count}}
"""
RETURNS_DATA = """
create table returns as select i as return_id,
  case when i <= 2 then 'Returned' else 'Requested' end as return_status from range(1, 5) t(i);
create table items as select i as item_id, case when i <= 4 then i end as return_id,
  date '2026-04-02' as sold_on from range(1, 9) t(i);
"""


def test_a_past_form_value_of_its_entity_stays_a_filter(yaml_shop) -> None:
    """ "returned items" with a `return` entity whose status is "Returned": a state, not the
    domain word (only -ing forms such as "charging" name an activity)."""
    shop = yaml_shop("returns_state", RETURNS, RETURNS_DATA, TODAY)
    assert answered_value(shop.ask("how many items sold were returned?")) == 2
