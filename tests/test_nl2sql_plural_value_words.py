"""A value of several words asked in the plural: "visits for guinea pigs" for `guinea_pig`,
"jobs done with city buses" for `city_bus` (``rules.tokenize._plural_head``), and a metric
defined by such a value named by its plural ("check ins" for "Checkins" counting
``event_type = 'check_in'``; ``vocabulary.value_metrics``).

Why: a one-word value was reached in the plural by its own term, a value of several words only
as stored ("guinea pig"), so "visits for guinea pigs" was refused for words the model has; and
a count defined by a two-word value and labelled as one word ("Pickups" for `pick_up`) was
not reached by "pick ups" at all. Two domains each: a vet clinic and a removals firm; a gym
and a courier.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
VET = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: seen_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: seen_on, type: time, type_params: {time_granularity: day}}
      - {name: animal, type: categorical}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
"""
VET_DATA = """
create table visits (visit_id int, seen_on date, animal varchar);
insert into visits values (1, '2026-06-01', 'guinea_pig'), (2, '2026-06-02', 'guinea_pig'),
  (3, '2026-06-03', 'cat'), (4, '2026-06-04', 'dog');
"""
MOVERS = """
semantic_models:
  - name: jobs
    model: ref('jobs')
    defaults: {agg_time_dimension: moved_on}
    entities:
      - {name: job, type: primary, expr: job_id}
    dimensions:
      - {name: moved_on, type: time, type_params: {time_granularity: day}}
      - {name: vehicle, type: categorical}
    measures:
      - {name: job_count, agg: count, expr: job_id}
      - {name: km_total, agg: sum, expr: km}
metrics:
  - {name: jobs, label: Jobs, type: simple, type_params: {measure: job_count}}
  - {name: distance, label: Distance, type: simple, type_params: {measure: km_total}}
"""
MOVERS_DATA = """
create table jobs (job_id int, moved_on date, vehicle varchar, km double);
insert into jobs values (1, '2026-06-01', 'city_bus', 10), (2, '2026-06-02', 'box_truck', 30),
  (3, '2026-06-03', 'city_bus', 12), (4, '2026-06-04', 'cargo_van', 7);
"""
GYM = """
semantic_models:
  - name: events
    model: ref('events')
    defaults: {agg_time_dimension: happened_on}
    entities:
      - {name: event, type: primary, expr: event_id}
    dimensions:
      - {name: happened_on, type: time, type_params: {time_granularity: day}}
      - {name: event_type, type: categorical}
      - {name: club, type: categorical}
    measures:
      - {name: checkins, agg: count, expr: "case when event_type = 'check_in' then 1 end"}
      - {name: event_count, agg: count, expr: "1"}
metrics:
  - {name: checkins, label: Checkins, type: simple, type_params: {measure: checkins}}
  - {name: events, label: Events, type: simple, type_params: {measure: event_count}}
"""
GYM_DATA = """
create table events (event_id int, happened_on date, event_type varchar, club varchar);
insert into events values (1, '2026-06-01', 'check_in', 'North'), (2, '2026-06-01', 'check_in', 'North'),
  (3, '2026-06-02', 'class_booking', 'North'), (4, '2026-06-02', 'check_in', 'South');
"""
COURIER = """
semantic_models:
  - name: scans
    model: ref('scans')
    defaults: {agg_time_dimension: scanned_on}
    entities:
      - {name: scan, type: primary, expr: scan_id}
    dimensions:
      - {name: scanned_on, type: time, type_params: {time_granularity: day}}
      - {name: scan_type, type: categorical}
      - {name: depot, type: categorical}
    measures:
      - {name: pickups, agg: count, expr: "case when scan_type = 'pick_up' then scan_id end"}
metrics:
  - {name: pickups, label: Pickups, type: simple, type_params: {measure: pickups}}
"""
COURIER_DATA = """
create table scans (scan_id int, scanned_on date, scan_type varchar, depot varchar);
insert into scans values (1, '2026-06-01', 'pick_up', 'Leeds'), (2, '2026-06-01', 'drop_off', 'Leeds'),
  (3, '2026-06-02', 'pick_up', 'York'), (4, '2026-06-02', 'pick_up', 'York');
"""


@pytest.fixture(scope="module")
def vet(yaml_shop):
    return yaml_shop("plural_values_vet", VET, VET_DATA, TODAY)


@pytest.fixture(scope="module")
def movers(yaml_shop):
    return yaml_shop("plural_values_movers", MOVERS, MOVERS_DATA, TODAY)


@pytest.fixture(scope="module")
def gym(yaml_shop):
    return yaml_shop("plural_values_gym", GYM, GYM_DATA, TODAY)


@pytest.fixture(scope="module")
def courier(yaml_shop):
    return yaml_shop("plural_values_courier", COURIER, COURIER_DATA, TODAY)


def test_a_two_word_value_in_the_plural(vet) -> None:
    a = vet.ask("visits for guinea pigs")
    assert a.query.filters[0].values == ["guinea_pig"]
    assert ok_rows(a) == [(2,)]


def test_an_es_plural_and_a_listed_pair(movers) -> None:
    assert ok_rows(movers.ask("distance driven by city buses")) == [(22.0,)]
    a = movers.ask("jobs with box trucks or cargo vans")
    assert sorted(a.query.filters[0].values) == ["box_truck", "cargo_van"]
    assert ok_rows(a) == [(2,)]


def test_a_plural_that_spells_no_value_stays_unknown(vet) -> None:
    assert vet.ask("visits for guinea hogs").refused


def test_a_count_defined_by_a_two_word_value_is_named_by_its_plural(gym, courier) -> None:
    a = gym.ask("check ins by club")
    assert a.query.metrics == ["checkins"]
    assert ok_rows(a) == [("North", 2), ("South", 1)]
    b = courier.ask("pick ups by depot")
    assert b.query.metrics == ["pickups"]
    assert ok_rows(b) == [("Leeds", 1), ("York", 2)]


SHORT = """
semantic_models:
  - name: leads
    model: ref('leads')
    defaults: {agg_time_dimension: created_on}
    entities:
      - {name: lead, type: primary, expr: lead_id}
    dimensions:
      - name: created_on
        type: time
        type_params: {time_granularity: day}
      - {name: lead_source, type: categorical}
    measures:
      - {name: lead_count, agg: count, expr: lead_id}
metrics:
  - {name: leads, label: Leads, type: simple, type_params: {measure: lead_count}}
"""

SHORT_DATA = """
CREATE TABLE leads (lead_id INTEGER, created_on DATE, lead_source VARCHAR);
INSERT INTO leads VALUES (1, DATE '2026-01-02', 'radio_ad'), (2, DATE '2026-01-03', 'radio_ad'),
    (3, DATE '2026-01-04', 'web_form');
"""


def test_a_plural_of_three_letters(yaml_shop) -> None:
    # "radio ads" for `radio_ad` was refused (plurals of fewer than four letters were not read)
    shop = yaml_shop("plural_value_short", SHORT, SHORT_DATA, TODAY)
    a = shop.ask("how many leads from radio ads?")
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == 2
